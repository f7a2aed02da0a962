// The island side of grading: parse a field for its message and preview, and grade a whole
// response with @i2dl/exams. Both load the grader (and KaTeX for the feedback) on first use,
// so a page costs nothing until a student starts answering.
import type { AnswerValue, GradeResult, Question, ResponseSpec, Scoring } from '@i2dl/exams';

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

/** Grades `raw` against the current variant's `answers`; the feedback comes back as HTML too. */
export async function gradeAnswer(
  question: Question,
  raw: unknown,
  answers: Record<string, unknown>,
  scoring: Scoring,
): Promise<{ grade: GradeResult; html: string }> {
  const [{ grade }, { renderMarkdown }] = await Promise.all([exams(), rich()]);
  let outcome: GradeResult;
  try {
    outcome = grade(question, raw, undefined, { scoring, answers: answers as Record<string, AnswerValue> });
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
