// Progress as small charts from @i2dl/viz: mastery per topic (or, on a topic page, per exam
// within that topic) and the scores of finished mock exams.
import { chartSvg } from '../../lib/charts';
import { type MasteryGroup, masteryBy, topicMastery } from '../../lib/progress/mastery';
import type { Progress } from '../../lib/progress/schema';

export interface ProgressGroups {
  topics: MasteryGroup[];
  exams: MasteryGroup[];
}

interface Props {
  progress: Progress;
  groups: ProgressGroups;
  /** On a topic page: that topic's id; `groups.exams` then counts only that topic's questions. */
  topic?: string;
}

const percent = (x: number) => Math.round(x * 1000) / 10;

function Chart({ svg, name }: { svg: string; name: string }) {
  // chartSvg is built from @i2dl/viz's escaped element tree.
  return (
    <div class="figure-body progress-chart" data-progress-chart={name} dangerouslySetInnerHTML={{ __html: svg }} />
  );
}

/** The charts, or a line that says there is nothing yet. */
export default function ProgressCharts({ progress, groups, topic }: Props) {
  const attempted = Object.values(progress.questions).filter(
    (q) => q.attempts > 0 && (!topic || q.topics.includes(topic)),
  );
  if (attempted.length === 0 && progress.mocks.length === 0) {
    return (
      <p class="meta" data-progress-empty>
        No answers saved yet in this browser.
      </p>
    );
  }
  const charts: { name: string; svg: string }[] = [];
  if (topic) {
    const byExam = masteryBy(progress, groups.exams, (q, id) => q.examId === id && q.topics.includes(topic));
    const total = byExam.reduce((s, g) => s + g.totalCredits, 0);
    const earned = byExam.reduce((s, g) => s + g.earned, 0);
    charts.push({
      name: 'topic-exams',
      svg: chartSvg({
        kind: 'bar',
        data: { bars: byExam.map((g) => ({ label: g.title, value: percent(g.mastery) })) },
        options: {
          title: `Mastery of this topic: ${percent(total > 0 ? earned / total : 0)}%`,
          description: 'Share of the credits of this topic’s questions you have earned at your best, per exam.',
          yLabel: 'mastery (%)',
          height: 220,
        },
      }),
    });
  } else {
    const mastery = topicMastery(progress, groups.topics);
    charts.push({
      name: 'topics',
      svg: chartSvg({
        kind: 'bar',
        data: { bars: mastery.map((g) => ({ label: g.title, value: percent(g.mastery) })) },
        options: {
          title: 'Mastery per topic',
          description: 'Share of each topic’s credits you have earned at your best; unseen questions count as 0.',
          xLabel: 'mastery (%)',
          orientation: 'horizontal',
          height: Math.max(180, 22 * mastery.length + 60),
        },
      }),
    });
    const exams = masteryBy(progress, groups.exams, (q, id) => q.examId === id);
    charts.push({
      name: 'exams',
      svg: chartSvg({
        kind: 'bar',
        data: { bars: exams.map((g) => ({ label: g.title, value: percent(g.mastery) })) },
        options: {
          title: 'Mastery per exam',
          xLabel: 'mastery (%)',
          orientation: 'horizontal',
          height: Math.max(140, 26 * exams.length + 60),
        },
      }),
    });
  }
  if (!topic && progress.mocks.length > 0) {
    const mocks = progress.mocks;
    charts.push({
      name: 'mocks',
      svg: chartSvg({
        kind: 'line',
        data: {
          series: [
            {
              name: 'score (%)',
              y: mocks.map((m) => percent(m.maxCredits > 0 ? m.credits / m.maxCredits : 0)),
              x: mocks.map((_, i) => i + 1),
            },
          ],
        },
        options: {
          title: 'Mock exam scores',
          xLabel: 'mock exam',
          yLabel: 'score (%)',
          yDomain: [0, 100],
          height: 200,
        },
      }),
    });
  }
  return (
    <div class="progress-charts">
      {charts.map((c) => (
        <Chart key={c.name} name={c.name} svg={c.svg} />
      ))}
    </div>
  );
}
