import { answerAt } from '../answer-path.js';
import { type ExprTree, parseExpression } from '../parse/expression.js';
import { parseResponse, type ResponseSpec, type ResponseValue } from '../parse/response.js';
import type { Blank, Question, QuestionOf, Tolerance } from '../schema/question.js';
import { defaultScoring, roundCredits, type Scoring } from '../schema/scoring.js';
import type { AnswerValue } from '../solvers/types.js';
import { countTicks, multipleChoiceFraction } from './choice.js';
import { expressionsEquivalent } from './equivalence.js';
import { formatNumber, type GradeResult, headline, invalidResult, verdictFor } from './result.js';
import { compareNumber, defaultTolerance } from './tolerance.js';

/**
 * The key a grader compares with: a solver value for numeric, integer, shape, expression and matrix
 * questions, a record by blank id for blanks, and nothing for choice, true-false, ordering and free-text
 * questions (their key is in the question).
 */
export type GradeKey = AnswerValue | Readonly<Record<string, AnswerValue>> | undefined;

/** What a grader may know beyond the question, the response and the key. */
export interface GradeContext {
  /** the exam's scoring defaults (multiple-choice strategy, half points) */
  scoring?: Scoring;
  /** the solver's answers for this variant: resolves `<Mistake answer="...">` paths, and the key when none is passed */
  answers?: Readonly<Record<string, AnswerValue>>;
  /** earlier raw responses by question id, for consequential marking */
  responses?: Readonly<Record<string, unknown>>;
  /** the exam's questions by id, to read the earlier responses */
  questions?: Readonly<Record<string, Question>>;
  /** re-solves this question's solver with other params (synchronously), for consequential marking */
  solve?: (params: Record<string, unknown>) => { answers: Record<string, AnswerValue> } | undefined;
}

/** Thrown when a key does not fit its question: a content or programming error, never a student's. */
export class GradeKeyError extends Error {
  override name = 'GradeKeyError';
}

interface Score {
  /** share of the credits in [0, 1] */
  fraction: number;
  feedback: string[];
  expected?: string;
  parts?: Record<string, GradeResult>;
  /** false when some part is wrong even though it carries no credits (a 0-credit blank) */
  allRight?: boolean;
}

/**
 * Grades a raw response. Pure: the same inputs give the same result. An unreadable response is
 * `invalid` (no credits lost, the feedback says what was expected); a key that does not fit the
 * question throws a GradeKeyError. `key` may be omitted when `context.answers` holds the solver's answers.
 */
export function grade(question: Question, response: unknown, key?: GradeKey, context: GradeContext = {}): GradeResult {
  const scoring = context.scoring ?? defaultScoring;
  const parsed = parseResponse(question, response);
  if (!parsed.ok) return invalidResult(question.credits, parsed.message);
  const resolvedKey = key !== undefined ? key : keyFromAnswers(question, context.answers);
  if (resolvedKey === undefined && needsKey(question)) {
    throw new GradeKeyError(`question ${question.id}: no key; pass one or the solver's answers as context.answers`);
  }
  let score = scoreValue(question, parsed.value, resolvedKey, scoring);
  if (score.fraction < 1 && question.consequential) {
    const own = consequentialScore(question, parsed.value, scoring, context);
    if (own && own.fraction > score.fraction) score = own;
  }
  if (score.fraction < 1) score = applyMistakes(question, parsed.value, score, context);
  return toResult(score, question.credits, scoring.granularity);
}

/** Reads a question's key from a solver's answers (undefined when the question keeps its own key). */
export function keyFromAnswers(
  question: Question,
  answers: Readonly<Record<string, AnswerValue>> | undefined,
): GradeKey {
  if (!answers) return undefined;
  const read = (path: string) => {
    const value = answerAt(answers, path);
    if (!value.ok) throw new GradeKeyError(`question ${question.id}: ${value.message}`);
    return value.value;
  };
  switch (question.kind) {
    case 'numeric':
    case 'integer':
    case 'shape':
    case 'expression':
    case 'matrix':
      return read(question.answer);
    case 'blanks':
      return Object.fromEntries(question.blanks.map((b) => [b.id, read(b.answer)]));
    default:
      return undefined;
  }
}

function needsKey(question: Question): boolean {
  return ['numeric', 'integer', 'shape', 'expression', 'matrix', 'blanks'].includes(question.kind);
}

function toResult(score: Score, maxCredits: number, granularity?: number): GradeResult {
  let verdict = verdictFor(score.fraction);
  // Full credits with a wrong ungraded part (an intermediate value worth 0) is not "correct".
  if (verdict === 'correct' && score.allRight === false) verdict = 'partial';
  const result: GradeResult = {
    credits: roundCredits(score.fraction * maxCredits, maxCredits, granularity),
    maxCredits,
    verdict,
    feedback: [headline(verdict), ...score.feedback],
  };
  if (score.expected !== undefined) result.expected = score.expected;
  if (score.parts) result.parts = score.parts;
  return result;
}

type ValueSpec = Question | (Blank & { credits: number });

function scoreValue(question: ValueSpec, value: ResponseValue, key: GradeKey, scoring: Scoring): Score {
  switch (question.kind) {
    case 'multiple-choice':
      return scoreMultipleChoice(question, value as string[], scoring);
    case 'single-choice': {
      const correct = question.options.find((o) => o.correct)!;
      const chosen = question.options.find((o) => o.id === value);
      return {
        fraction: value === correct.id ? 1 : 0,
        feedback: chosen?.why ? [chosen.why] : [],
        expected: correct.id,
      };
    }
    case 'true-false':
      return { fraction: value === question.answer ? 1 : 0, feedback: [], expected: String(question.answer) };
    case 'ordering':
      return scoreOrdering(question, value as string[]);
    case 'numeric':
      return scoreNumber(value as number, numberKey(question.id, key), question.tolerance, question.unit);
    case 'integer': {
      const expected = numberKey(question.id, key);
      return { fraction: value === expected ? 1 : 0, feedback: [], expected: String(expected) };
    }
    case 'shape':
      return scoreShape(value as number[], shapeKey(question.id, key));
    case 'expression':
      return scoreExpression(question.id, value as ExprTree, key, question.variables);
    case 'matrix':
      return scoreMatrix(value as number[][], matrixKey(question.id, key), question.tolerance);
    case 'blanks':
      return scoreBlanks(question, value as Record<string, ResponseValue>, key, scoring);
    case 'free-text':
      return scoreRubric(question, value as string[]);
  }
}

function scoreMultipleChoice(question: QuestionOf<'multiple-choice'>, ticked: string[], scoring: Scoring): Score {
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

function scoreOrdering(question: QuestionOf<'ordering'>, order: string[]): Score {
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

function scoreNumber(value: number, key: number, tolerance: Tolerance | undefined, unit?: string): Score {
  const match = compareNumber(value, key, tolerance ?? defaultTolerance);
  const expected = `${formatNumber(key)}${unit ? ` ${unit}` : ''}`;
  if (match === 'exact') return { fraction: 1, feedback: [] };
  if (match === 'tolerated') {
    return { fraction: 1, feedback: [`Within the tolerance; the exact value is ${expected}.`], expected };
  }
  return { fraction: 0, feedback: [], expected };
}

function scoreShape(value: number[], key: number[]): Score {
  const expected = `(${key.join(', ')})`;
  if (value.length !== key.length) {
    return { fraction: 0, feedback: [`The shape has ${key.length} dimensions, not ${value.length}.`], expected };
  }
  return { fraction: value.every((d, i) => d === key[i]) ? 1 : 0, feedback: [], expected };
}

function scoreExpression(id: string, value: ExprTree, key: GradeKey, variables: readonly string[]): Score {
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

function scoreMatrix(value: number[][], key: number[][], tolerance: Tolerance | undefined): Score {
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

/** Credits per blank: a blank's own `credits`, the rest split evenly among blanks without. */
export function blankCredits(question: QuestionOf<'blanks'>): Record<string, number> {
  const fixed = question.blanks.reduce((sum, b) => sum + (b.credits ?? 0), 0);
  const open = question.blanks.filter((b) => b.credits === undefined).length;
  const share = open > 0 ? Math.max(0, question.credits - fixed) / open : 0;
  return Object.fromEntries(question.blanks.map((b) => [b.id, b.credits ?? share]));
}

function scoreBlanks(
  question: QuestionOf<'blanks'>,
  values: Record<string, ResponseValue>,
  key: GradeKey,
  scoring: Scoring,
): Score {
  if (key === undefined || typeof key !== 'object' || Array.isArray(key)) {
    throw new GradeKeyError(`question ${question.id}: the key of a blanks question is a record by blank id`);
  }
  const keys = key as Record<string, AnswerValue>;
  const credits = blankCredits(question);
  const parts: Record<string, GradeResult> = {};
  let earned = 0;
  let total = 0;
  for (const blank of question.blanks) {
    if (!Object.hasOwn(keys, blank.id))
      throw new GradeKeyError(`question ${question.id}: no key for blank ${blank.id}`);
    const spec = { ...blank, credits: credits[blank.id] };
    const score = scoreValue(spec, values[blank.id], keys[blank.id], scoring);
    const part = toResult(score, spec.credits);
    parts[blank.id] = part;
    earned += part.credits;
    total += spec.credits;
  }
  const wrong = question.blanks.filter((b) => parts[b.id].verdict !== 'correct').map((b) => b.label ?? b.id);
  return {
    fraction: total > 0 ? earned / total : wrong.length === 0 ? 1 : 0,
    feedback: wrong.length > 0 ? [`Check: ${wrong.join(', ')}.`] : [],
    parts,
    allRight: wrong.length === 0,
  };
}

function scoreRubric(question: QuestionOf<'free-text'>, ticked: string[]): Score {
  const earned = question.rubric.filter((c) => ticked.includes(c.id)).reduce((s, c) => s + c.credits, 0);
  const total = question.rubric.reduce((s, c) => s + c.credits, 0);
  const fraction = total > 0 ? earned / total : ticked.length === question.rubric.length ? 1 : 0;
  const missed = question.rubric.filter((c) => !ticked.includes(c.id)).map((c) => `Missing: ${c.text}`);
  return { fraction, feedback: missed };
}

function numberKey(id: string, key: GradeKey): number {
  if (typeof key !== 'number' || !Number.isFinite(key)) {
    throw new GradeKeyError(`question ${id}: the key must be a finite number, got ${JSON.stringify(key)}`);
  }
  return key;
}

function shapeKey(id: string, key: GradeKey): number[] {
  if (!Array.isArray(key) || !key.every((d) => Number.isInteger(d))) {
    throw new GradeKeyError(`question ${id}: a shape key is a list of whole numbers, got ${JSON.stringify(key)}`);
  }
  return key as number[];
}

function matrixKey(id: string, key: GradeKey): number[][] {
  const rows = Array.isArray(key) ? key : [];
  const ok =
    rows.length > 0 &&
    rows.every((r) => Array.isArray(r) && r.length === (rows[0] as unknown[]).length && r.every(Number.isFinite));
  if (!ok) throw new GradeKeyError(`question ${id}: a matrix key is a non-empty rectangular number[][]`);
  return key as number[][];
}

/** Re-grades against a key solved with the student's own earlier answers (consequential marking). */
function consequentialScore(
  question: Question,
  value: ResponseValue,
  scoring: Scoring,
  context: GradeContext,
): Score | undefined {
  if (!context.solve || !question.consequential) return undefined;
  const overrides: Record<string, unknown> = {};
  const used: string[] = [];
  for (const link of question.consequential) {
    const earlier = readEarlierAnswer(link.from, context);
    if (earlier === undefined) return undefined;
    overrides[link.param] = earlier;
    used.push(`${link.param} = ${Array.isArray(earlier) ? `[${earlier.join(', ')}]` : formatNumber(earlier)}`);
  }
  try {
    const solved = context.solve({ ...(question.params ?? {}), ...overrides });
    if (!solved) return undefined;
    const score = scoreValue(question, value, keyFromAnswers(question, solved.answers), scoring);
    return { ...score, feedback: [`Graded with your own earlier answer: ${used.join(', ')}.`, ...score.feedback] };
  } catch {
    // Params the solver rejects (say, a negative size from a wrong earlier answer) leave the usual key.
    return undefined;
  }
}

function readEarlierAnswer(from: string, context: GradeContext): number | number[] | undefined {
  const [questionId, blankId] = from.split('#');
  const earlier = context.questions?.[questionId];
  let raw = context.responses?.[questionId];
  if (!earlier || raw === undefined) return undefined;
  let spec: ResponseSpec = earlier;
  if (blankId !== undefined) {
    const blank = earlier.kind === 'blanks' ? earlier.blanks.find((b) => b.id === blankId) : undefined;
    if (!blank || raw === null || typeof raw !== 'object') return undefined;
    spec = blank;
    raw = (raw as Record<string, unknown>)[blankId];
  }
  const parsed = parseResponse(spec, raw);
  if (!parsed.ok) return undefined;
  const v = parsed.value;
  if (typeof v === 'number') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return v as number[];
  return undefined;
}

/** Checks the question's `<Mistake>`s in order; the first that matches adds its feedback (and credits). */
function applyMistakes(question: Question, value: ResponseValue, score: Score, context: GradeContext): Score {
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
