// The practice index, emitted at build time: every gradable question with the data its island
// needs, read through the site's one content reader (extractExam). Its Markdown is turned into
// HTML (with KaTeX) in the browser when shown, which keeps this file small.
import { type ExtractedFigure, type Question, topics } from '@i2dl/exams';
import type { APIRoute } from 'astro';
import { chartSvg } from '../../lib/charts';
import { allQuestions, examYear, questionData, solveDefault, solverTitle } from '../../lib/content';
import { examHref, questionAnchor } from '../../lib/paths';
import { questionKey } from '../../lib/progress/schema';
import { renderInline } from '../../lib/richText';
import type { PracticeIndex, PracticeQuestion } from '../../lib/study/practiceIndex';

const escapeAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * A figure as <Figure> draws it: literal data as SVG now; a solver chart as a placeholder the
 * live scope fills for the variant shown (`__SCOPE__` is replaced in the browser).
 */
function figureHtml(figure: ExtractedFigure, live: boolean): string {
  const props = figure.props as { title?: string; options?: Record<string, unknown> };
  let body: string;
  if (typeof figure.data === 'string') {
    if (!live) return '';
    body = `<div class="figure-body" data-chart-scope="__SCOPE__" data-chart-name="${escapeAttr(figure.data)}"></div>`;
  } else {
    const title = props.title ?? figure.caption ?? `${figure.chart} chart`;
    body = `<div class="figure-body">${chartSvg({ kind: figure.chart, data: figure.data, options: { title, ...props.options } })}</div>`;
  }
  const caption = figure.caption ? `<figcaption>${renderInline(figure.caption)}</figcaption>` : '';
  return `<figure class="figure">${body}${caption}</figure>`;
}

export const GET: APIRoute = async () => {
  const questions: PracticeQuestion[] = [];
  const problems: PracticeIndex['problems'] = {};
  for (const { exam, problem, question } of await allQuestions()) {
    const solver = question.solver ?? problem.solver;
    let scope: PracticeQuestion['scope'] = null;
    if (solver) {
      const outcome = await solveDefault(
        solver,
        question.solver && !question.solverInherited ? question.params : problem.params,
      );
      // A question whose solver cannot run cannot be graded: the exam page shows the error, practice leaves it out.
      if (!outcome.ok) continue;
      scope = { solver, title: await solverTitle(solver), defaultParams: outcome.params };
    }
    const { consequential: _consequential, ...data } = questionData(question);
    // A problem's text and figures are shared by its questions: stored once.
    const problemKey = `${exam.id}/${problem.id}`;
    problems[problemKey] ??= {
      text: problem.text,
      figures: problem.figures.map((f) => figureHtml(f, scope !== null)).join(''),
    };
    questions.push({
      key: questionKey(exam.id, question.id),
      examId: exam.id,
      // Several exams share a title ("Endterm"): the course and year tell them apart.
      examTitle: `${exam.title} (${exam.course.code ?? exam.course.name}, ${examYear(exam)})`,
      problemId: problem.id,
      questionId: question.id,
      kind: question.kind,
      credits: question.credits,
      topics: question.topics,
      href: examHref(exam.id, questionAnchor(question.id)),
      question: data as Question,
      scoring: exam.scoring,
      scope,
      problemKey,
      figures: question.figures.map((f) => figureHtml(f, scope !== null)).join(''),
    });
  }
  const countBy = (pick: (q: PracticeQuestion) => string[]) => {
    const counts = new Map<string, number>();
    for (const q of questions) for (const id of pick(q)) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  };
  const topicCounts = countBy((q) => q.topics);
  const examCounts = countBy((q) => [q.examId]);
  const kindCounts = countBy((q) => [q.kind]);
  const index: PracticeIndex = {
    exams: [...examCounts].map(([id, n]) => ({
      id,
      title: questions.find((q) => q.examId === id)?.examTitle ?? id,
      questions: n,
    })),
    topics: topics
      .filter((t) => topicCounts.has(t.id))
      .map((t) => ({ id: t.id, title: t.title, questions: topicCounts.get(t.id) ?? 0 })),
    kinds: [...kindCounts].map(([id, n]) => ({ id, questions: n })),
    problems,
    questions,
  };
  return new Response(JSON.stringify(index), { headers: { 'content-type': 'application/json' } });
};
