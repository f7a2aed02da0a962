// Progress as small charts from @i2dl/viz: mastery per topic (or, on a topic page, per exam
// within that topic) and the scores of finished mock exams.
import { chartSvg } from '../../lib/charts';
import { type Mastery, type MasteryGroup, masteryBy, topicMastery } from '../../lib/progress/mastery';
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
/** Drawn at about the width it is shown at, so its text stays readable. */
const CHART_WIDTH = 420;

function Chart({ svg, name, title }: { svg: string; name: string; title: string }) {
  // chartSvg is built from @i2dl/viz's escaped element tree; the SVG's own <title> is for assistive tech.
  return (
    <figure class="progress-chart" data-progress-chart={name}>
      <figcaption class="meta">{title}</figcaption>
      <div class="figure-body" dangerouslySetInnerHTML={{ __html: svg }} />
    </figure>
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
  const charts: { name: string; title: string; svg: string }[] = [];
  const notes: string[] = [];
  // Bars for the groups the student has tried; an all-zero chart says nothing, a sentence does.
  const bars = (name: string, title: string, groups: Mastery[], description: string, xLabel = 'mastery (%)') => {
    const tried = groups.filter((g) => g.attempted > 0);
    if (tried.length === 0) return;
    if (tried.every((g) => g.earned === 0)) {
      notes.push(`${title}: no credits earned yet in ${tried.map((g) => g.title).join(', ')}.`);
      return;
    }
    charts.push({
      name,
      title,
      svg: chartSvg({
        kind: 'bar',
        data: { bars: tried.map((g) => ({ label: g.title, value: percent(g.mastery) })) },
        options: { title, description, xLabel, orientation: 'horizontal', width: CHART_WIDTH },
      }),
    });
  };
  if (topic) {
    const byExam = masteryBy(progress, groups.exams, (q, id) => q.examId === id && q.topics.includes(topic));
    const total = byExam.reduce((s, g) => s + g.totalCredits, 0);
    const earned = byExam.reduce((s, g) => s + g.earned, 0);
    bars(
      'topic-exams',
      `Mastery of this topic: ${percent(total > 0 ? earned / total : 0)}%`,
      byExam,
      'Share of the credits of this topic’s questions you have earned at your best, per exam.',
    );
  } else {
    bars(
      'topics',
      'Mastery per topic',
      topicMastery(progress, groups.topics),
      'Share of each topic’s credits you have earned at your best; unseen questions count as 0.',
    );
    bars(
      'exams',
      'Mastery per exam',
      masteryBy(progress, groups.exams, (q, id) => q.examId === id),
      'Share of each exam’s credits you have earned at your best.',
    );
  }
  if (!topic && progress.mocks.length > 0) {
    const mocks = progress.mocks;
    charts.push({
      name: 'mocks',
      title: 'Mock exam scores',
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
    <>
      {notes.map((note) => (
        <p key={note} class="meta" data-progress-note>
          {note}
        </p>
      ))}
      <div class="progress-charts">
        {charts.map((c) => (
          <Chart key={c.name} name={c.name} title={c.title} svg={c.svg} />
        ))}
      </div>
    </>
  );
}
