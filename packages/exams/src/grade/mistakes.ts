import { answerAt } from '../answer-path.js';
import type { ExprTree } from '../parse/expression.js';
import { parseResponse, type ResponseValue } from '../parse/response.js';
import type { Question } from '../schema/question.js';
import { expressionsEquivalent } from './equivalence.js';
import type { GradeContext, ValueSpec } from './grade.js';
import type { Score } from './kinds.js';
import { compareNumber } from './tolerance.js';

/** Checks the question's `<Mistake>`s in order; the first that matches adds its feedback (and credits). */
export function applyMistakes(question: Question, value: ResponseValue, score: Score, context: GradeContext): Score {
  for (const mistake of question.mistakes) {
    let target: unknown = mistake.match;
    if (mistake.answer !== undefined) {
      const found = answerAt(context.answers, mistake.answer);
      if (!found.ok) continue;
      target = found.value;
    }
    let spec: ValueSpec = question;
    let actual = value;
    if (mistake.blank !== undefined) {
      const blank = question.kind === 'blanks' ? question.blanks.find((b) => b.id === mistake.blank) : undefined;
      if (!blank) continue;
      spec = { ...blank, credits: 0 };
      actual = (value as Record<string, ResponseValue>)[blank.id];
    }
    if (matches(spec, actual, target)) {
      const fraction = Math.max(score.fraction, question.credits > 0 ? (mistake.credits ?? 0) / question.credits : 0);
      return { ...score, fraction, feedback: [mistake.feedback, ...score.feedback] };
    }
  }
  return score;
}

function matches(spec: ValueSpec, actual: ResponseValue, target: unknown): boolean {
  if (spec.kind === 'blanks' || spec.kind === 'free-text') return false;
  const parsedTarget = parseResponse(spec, target);
  if (!parsedTarget.ok) return false;
  const t = parsedTarget.value;
  switch (spec.kind) {
    case 'numeric':
      return compareNumber(actual as number, t as number, spec.tolerance) !== 'wrong';
    case 'expression':
      return expressionsEquivalent(actual as ExprTree, t as ExprTree, spec.variables ?? []).equivalent;
    case 'matrix': {
      const [a, b] = [actual as number[][], t as number[][]];
      return (
        a.length === b.length &&
        a.every(
          (row, i) =>
            row.length === b[i].length && row.every((x, j) => compareNumber(x, b[i][j], spec.tolerance) !== 'wrong'),
        )
      );
    }
    default:
      return JSON.stringify(actual) === JSON.stringify(t);
  }
}
