import type { Blank } from '../schema/question.js';
import { parseBoolean, parseOptionSet, parseOrder, parseSingleOption, parseTicks } from './choices.js';
import { type ExprTree, parseExpression } from './expression.js';
import { parseMatrix } from './matrix.js';
import { parseInteger, parseNumber } from './number.js';
import { fail, ok, type ParseResult } from './result.js';
import { parseShape } from './shape.js';

/** What parseResponse needs to know about a question or blank: its kind and the props that shape the input. */
export type ResponseSpec =
  | { kind: 'multiple-choice' | 'single-choice'; options: readonly { id: string }[] }
  | { kind: 'true-false' }
  | { kind: 'ordering'; items: readonly { id: string }[] }
  | { kind: 'numeric'; unit?: string }
  | { kind: 'integer' }
  | { kind: 'shape' }
  | { kind: 'expression'; variables?: readonly string[] }
  | { kind: 'matrix' }
  | { kind: 'blanks'; blanks: readonly BlankSpec[] }
  | { kind: 'free-text'; rubric: readonly { id: string }[] };

/** What parseResponse needs about a blank. */
export type BlankSpec = Pick<Blank, 'id' | 'kind' | 'label'> & { unit?: string; variables?: readonly string[] };

/** The parsed value of a response, per kind. */
export interface ResponseValues {
  'multiple-choice': string[];
  'single-choice': string;
  'true-false': boolean;
  ordering: string[];
  numeric: number;
  integer: number;
  shape: number[];
  expression: ExprTree;
  matrix: number[][];
  blanks: Record<string, number | number[] | number[][] | ExprTree>;
  'free-text': string[];
}

/** A parsed response of some kind. */
export type ResponseValue = ResponseValues[keyof ResponseValues];

/**
 * Reads a student's raw response for a question or blank. Never throws: an unreadable response comes back
 * as `{ ok: false, message }` saying what was expected. Raw forms: choices and orders as arrays of ids or
 * text (`a, c`); numbers, shapes, expressions and matrices as text; blanks as an object by blank id;
 * free text as the ticked criterion ids.
 */
export function parseResponse<S extends ResponseSpec>(spec: S, raw: unknown): ParseResult<ResponseValues[S['kind']]> {
  try {
    return parseByKind(spec, raw) as ParseResult<ResponseValues[S['kind']]>;
  } catch {
    // The parsers do not throw; this guard keeps the promise even for a malformed spec.
    return fail('this answer could not be read');
  }
}

function parseByKind(spec: ResponseSpec, raw: unknown): ParseResult<ResponseValue> {
  switch (spec.kind) {
    case 'multiple-choice':
      return parseOptionSet(
        raw,
        spec.options.map((o) => o.id),
      );
    case 'single-choice':
      return parseSingleOption(
        raw,
        spec.options.map((o) => o.id),
      );
    case 'true-false':
      return parseBoolean(raw);
    case 'ordering':
      return parseOrder(
        raw,
        spec.items.map((i) => i.id),
      );
    case 'numeric':
      return parseNumber(raw, { unit: spec.unit });
    case 'integer':
      return parseInteger(raw);
    case 'shape':
      return parseShape(raw);
    case 'expression':
      return parseExpression(raw, spec.variables ?? []);
    case 'matrix':
      return parseMatrix(raw);
    case 'free-text':
      return parseTicks(
        raw,
        spec.rubric.map((c) => c.id),
      );
    case 'blanks':
      return parseBlanks(spec.blanks, raw);
  }
}

function parseBlanks(blanks: readonly BlankSpec[], raw: unknown): ParseResult<ResponseValues['blanks']> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return fail(`fill in the blanks: ${blanks.map((b) => b.label ?? b.id).join(', ')}`);
  }
  const values: ResponseValues['blanks'] = {};
  const given = raw as Record<string, unknown>;
  for (const blank of blanks) {
    const parsed = parseResponse(blank, Object.hasOwn(given, blank.id) ? given[blank.id] : undefined);
    if (!parsed.ok) return fail(`${blank.label ?? blank.id}: ${parsed.message}`);
    values[blank.id] = parsed.value;
  }
  return ok(values);
}
