// The island side of grading: parse a field for its message and preview, and grade a whole
// response with @i2dl/exams. Both load the grader (and KaTeX for the feedback) on first use,
// so a page costs nothing until a student starts answering.

import type { AnswerValue, GradeContext, GradeResult, Question, ResponseSpec, Scoring } from '@i2dl/exams';
import { currentResponses } from './responses';

/** What a field needs for parsing: a question or a blank (their kind and shaping props). */
export type FieldSpec = ResponseSpec;

export type FieldCheck = { ok: true; tex?: string } | { ok: false; message: string };

const exams = () => import('./gradingCore');
const rich = () => import('../../lib/richText');

/** Parses one field; an expression also comes back as KaTeX for the live preview. */
export async function parseField(spec: FieldSpec, text: string): Promise<FieldCheck> {
  const { parseResponse } = await exams();
  const parsed = parseResponse(spec, text);
  if (!parsed.ok) return parsed;
  if (spec.kind !== 'expression') return { ok: true };
  const [{ tex }, { exprToTex }] = await Promise.all([rich(), import('../../lib/exprTex')]);
  return { ok: true, tex: tex(exprToTex(parsed.value as Parameters<typeof exprToTex>[0])) };
}

/** What consequential marking needs: the earlier questions, and the scope's solver and current params. */
export interface Consequence {
  earlier: Record<string, Question>;
  solver: string;
  params: unknown;
}

async function consequentialContext(
  question: Question,
  consequence: Consequence | null,
): Promise<Partial<GradeContext>> {
  if (!question.consequential || !consequence) return {};
  const { loadSolver } = await exams();
  const solver = await loadSolver(consequence.solver);
  return {
    questions: consequence.earlier,
    responses: currentResponses(Object.keys(consequence.earlier)),
    solve: (params) => {
      const parsed = solver.params.safeParse(params);
      return parsed.success ? solver.solve(parsed.data) : undefined;
    },
  };
}

/** Grades `raw` against the current variant's `answers`; the feedback comes back as HTML too. */
export async function gradeAnswer(
  question: Question,
  raw: unknown,
  answers: Record<string, unknown>,
  scoring: Scoring,
  consequence: Consequence | null = null,
): Promise<{ grade: GradeResult; html: string }> {
  const [{ grade }, { renderMarkdown }] = await Promise.all([exams(), rich()]);
  let outcome: GradeResult;
  try {
    // Consequential marking re-solves with the current variant's params, not the exam's.
    const current = consequence ? { ...question, params: consequence.params as Record<string, unknown> } : question;
    const context = await consequentialContext(current, consequence);
    outcome = grade(current, raw, undefined, { scoring, answers: answers as Record<string, AnswerValue>, ...context });
  } catch (error) {
    // A key that does not fit its question is a content error: say so instead of failing silently.
    const message = error instanceof Error ? error.message : String(error);
    outcome = {
      credits: 0,
      maxCredits: question.credits,
      verdict: 'invalid',
      feedback: [`This question cannot be graded: ${message}`],
    };
  }
  const lines = [...outcome.feedback];
  if (outcome.expected !== undefined && outcome.verdict !== 'correct') lines.push(`Expected: ${outcome.expected}`);
  return { grade: outcome, html: lines.map((line) => renderMarkdown(line)).join('') };
}
