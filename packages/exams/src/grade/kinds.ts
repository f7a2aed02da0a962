import { type ExprTree, parseExpression } from '../parse/expression.js';
import type { QuestionOf, Tolerance } from '../schema/question.js';
import type { Scoring } from '../schema/scoring.js';
import type { AnswerValue } from '../solvers/types.js';
import { countTicks, multipleChoiceFraction } from './choice.js';
import { expressionsEquivalent } from './equivalence.js';
import { formatNumber, type GradeResult } from './result.js';
import { compareNumber, defaultTolerance } from './tolerance.js';

// How each kind compares a parsed response with its key, as a share of the credits with feedback.

/**
 * The key a grader compares with: a solver value for numeric, integer, shape, expression and matrix
 * questions, a record by blank id for blanks, and nothing for choice, true-false, ordering and free-text
 * questions (their key is in the question).
 */
export type GradeKey = AnswerValue | Readonly<Record<string, AnswerValue>> | undefined;

/** Thrown when a key does not fit its question: a content or programming error, never a student's. */
export class GradeKeyError extends Error {
  override name = 'GradeKeyError';
}

/** What a kind's scorer returns: a share of the credits with feedback, before credits are rounded. */
export interface Score {
  /** share of the credits in [0, 1] */
  fraction: number;
  feedback: string[];
  expected?: string;
  parts?: Record<string, GradeResult>;
  /** false when some part is wrong even though it carries no credits (a 0-credit blank) */
  allRight?: boolean;
}

export function scoreMultipleChoice(
  question: QuestionOf<'multiple-choice'>,
  ticked: string[],
  scoring: Scoring,
): Score {
  const counts = countTicks(question.options, ticked);
  const strategy = question.scoring ?? scoring.multipleChoice;
  const parts: Record<string, GradeResult> = {};
  for (const o of question.options) {
    const right = ticked.includes(o.id) === o.correct;
    parts[o.id] = {
      credits: 0,
      maxCredits: 0,
      verdict: right ? 'correct' : 'incorrect',
      feedback: [o.correct ? 'This option is correct.' : 'This option is wrong.', ...(o.why ? [o.why] : [])],
    };
  }
  const correctIds = question.options.filter((o) => o.correct).map((o) => o.id);
  const summary =
    `${counts.rightTicks} of ${counts.correct} correct option${counts.correct === 1 ? '' : 's'} ticked` +
    (counts.wrongTicks > 0 ? `, ${counts.wrongTicks} wrong tick${counts.wrongTicks === 1 ? '' : 's'}` : '') +
    ` (scored ${strategy}).`;
  return {
    fraction: multipleChoiceFraction(strategy, counts),
    feedback: counts.rightBoxes === counts.options ? [] : [summary],
    expected: correctIds.length > 0 ? correctIds.join(', ') : 'none of the options',
    parts,
  };
}

export function scoreOrdering(question: QuestionOf<'ordering'>, order: string[]): Score {
  const expected = (question.order ?? question.orders?.[0])?.join(' → ');
  if (question.constraints) {
    const position = new Map(order.map((id, i) => [id, i]));
    const broken = question.constraints.filter(([before, after]) => position.get(before)! > position.get(after)!);
    return {
      fraction: broken.length === 0 ? 1 : 0,
      feedback: broken.map(
        ([before, after]) => `${itemText(question, before)} must come before ${itemText(question, after)}.`,
      ),
      expected: question.constraints.map(([b, a]) => `${b} before ${a}`).join('; '),
    };
  }
  const accepted = question.order ? [question.order] : (question.orders ?? []);
  const right = accepted.some((o) => o.length === order.length && o.every((id, i) => id === order[i]));
  return { fraction: right ? 1 : 0, feedback: [], ...(expected ? { expected } : {}) };
}

function itemText(question: QuestionOf<'ordering'>, id: string): string {
  const text = question.items.find((i) => i.id === id)?.text.trim();
  return text ? `"${text}"` : `"${id}"`;
}

export function scoreNumber(value: number, key: number, tolerance: Tolerance | undefined, unit?: string): Score {
  const match = compareNumber(value, key, tolerance ?? defaultTolerance);
  const expected = `${formatNumber(key)}${unit ? ` ${unit}` : ''}`;
  if (match === 'exact') return { fraction: 1, feedback: [] };
  if (match === 'tolerated') {
    return { fraction: 1, feedback: [`Within the tolerance; the exact value is ${expected}.`], expected };
  }
  return { fraction: 0, feedback: [], expected };
}

export function scoreShape(value: number[], key: number[]): Score {
  const expected = `(${key.join(', ')})`;
  if (value.length !== key.length) {
    return { fraction: 0, feedback: [`The shape has ${key.length} dimensions, not ${value.length}.`], expected };
  }
  return { fraction: value.every((d, i) => d === key[i]) ? 1 : 0, feedback: [], expected };
}

export function scoreExpression(id: string, value: ExprTree, key: GradeKey, variables: readonly string[]): Score {
  if (typeof key !== 'string') throw new GradeKeyError(`question ${id}: an expression key is a formula string`);
  const parsedKey = parseExpression(key, variables);
  if (!parsedKey.ok) throw new GradeKeyError(`question ${id}: the key "${key}" cannot be read: ${parsedKey.message}`);
  const result = expressionsEquivalent(value, parsedKey.value, variables);
  const feedback: string[] = [];
  if (!result.equivalent && result.counterexample && variables.length > 0) {
    const at = Object.entries(result.counterexample)
      .map(([n, v]) => `${n} = ${formatNumber(v)}`)
      .join(', ');
    feedback.push(`Your expression differs from the answer at ${at}.`);
  }
  return { fraction: result.equivalent ? 1 : 0, feedback, expected: key };
}

export function scoreMatrix(value: number[][], key: number[][], tolerance: Tolerance | undefined): Score {
  const expected = `[${key.map((row) => `[${row.map(formatNumber).join(', ')}]`).join(', ')}]`;
  if (value.length !== key.length || value[0].length !== key[0].length) {
    return {
      fraction: 0,
      feedback: [`The matrix is ${key.length}×${key[0].length}, not ${value.length}×${value[0].length}.`],
      expected,
    };
  }
  let wrong = 0;
  let tolerated = 0;
  key.forEach((row, i) => {
    row.forEach((k, j) => {
      const match = compareNumber(value[i][j], k, tolerance ?? defaultTolerance);
      if (match === 'wrong') wrong++;
      if (match === 'tolerated') tolerated++;
    });
  });
  if (wrong > 0)
    return { fraction: 0, feedback: [`${wrong} entr${wrong === 1 ? 'y is' : 'ies are'} wrong.`], expected };
  return tolerated > 0
    ? { fraction: 1, feedback: [`Within the tolerance; the exact matrix is ${expected}.`], expected }
    : { fraction: 1, feedback: [] };
}

export function scoreRubric(question: QuestionOf<'free-text'>, ticked: string[]): Score {
  const earned = question.rubric.filter((c) => ticked.includes(c.id)).reduce((s, c) => s + c.credits, 0);
  const total = question.rubric.reduce((s, c) => s + c.credits, 0);
  const fraction = total > 0 ? earned / total : ticked.length === question.rubric.length ? 1 : 0;
  const missed = question.rubric.filter((c) => !ticked.includes(c.id)).map((c) => `Missing: ${c.text}`);
  return { fraction, feedback: missed };
}

export function numberKey(id: string, key: GradeKey): number {
  if (typeof key !== 'number' || !Number.isFinite(key)) {
    throw new GradeKeyError(`question ${id}: the key must be a finite number, got ${JSON.stringify(key)}`);
  }
  return key;
}

export function shapeKey(id: string, key: GradeKey): number[] {
  if (!Array.isArray(key) || !key.every((d) => Number.isInteger(d))) {
    throw new GradeKeyError(`question ${id}: a shape key is a list of whole numbers, got ${JSON.stringify(key)}`);
  }
  return key as number[];
}

export function matrixKey(id: string, key: GradeKey): number[][] {
  const rows = Array.isArray(key) ? key : [];
  const ok =
    rows.length > 0 &&
    rows.every((r) => Array.isArray(r) && r.length === (rows[0] as unknown[]).length && r.every(Number.isFinite));
  if (!ok) throw new GradeKeyError(`question ${id}: a matrix key is a non-empty rectangular number[][]`);
  return key as number[][];
}
