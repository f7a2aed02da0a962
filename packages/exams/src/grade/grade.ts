import { answerAt } from '../answer-path.js';
import type { ExprTree } from '../parse/expression.js';
import { parseResponse, type ResponseSpec, type ResponseValue } from '../parse/response.js';
import type { Blank, Question, QuestionOf } from '../schema/question.js';
import { defaultScoring, roundCredits, type Scoring } from '../schema/scoring.js';
import type { AnswerValue } from '../solvers/types.js';
import {
  type GradeKey,
  GradeKeyError,
  matrixKey,
  numberKey,
  type Score,
  scoreExpression,
  scoreMatrix,
  scoreMultipleChoice,
  scoreNumber,
  scoreOrdering,
  scoreRubric,
  scoreShape,
  shapeKey,
} from './kinds.js';
import { applyMistakes } from './mistakes.js';
import { formatNumber, type GradeResult, headline, invalidResult, verdictFor } from './result.js';

export { type GradeKey, GradeKeyError } from './kinds.js';

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

/** A question, or a blank graded like one with its share of the credits. */
export type ValueSpec = Question | (Blank & { credits: number });

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
