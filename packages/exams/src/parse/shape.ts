import { fail, ok, type ParseResult, readText, unbalancedBrackets } from './result.js';

/**
 * Reads a tensor shape: `8x8x5`, `8 × 8 × 5`, `(4, 3, 5, 5)`, `[8, 8, 5]`, `8*8*5` or a single `8`.
 * Every dimension must be a whole number of at least 1.
 */
export function parseShape(raw: unknown): ParseResult<number[]> {
  if (Array.isArray(raw)) return checkDimensions(raw.map((d) => String(d)));
  const read = readText(raw, 'enter a shape such as 8x8x5 or (4, 3, 5, 5)');
  if (!read.ok) return read;
  let text = read.value;
  const unbalanced = unbalancedBrackets(text);
  if (unbalanced) return fail(unbalanced);
  const wrapped = text.match(/^\((.*)\)$|^\[(.*)\]$/);
  if (wrapped) text = (wrapped[1] ?? wrapped[2]).trim();
  if (/[()[\]]/.test(text)) return fail('a shape is one list of dimensions, such as (4, 3, 5, 5)');
  if (text === '') return fail('enter at least one dimension, such as 8x8x5');
  // A trailing comma is Python's one-element tuple: (5,)
  const tokens = text.replace(/,\s*$/, '').split(/\s*[x×X*,]\s*|\s+/);
  return checkDimensions(tokens);
}

function checkDimensions(tokens: string[]): ParseResult<number[]> {
  if (tokens.length > 16) return fail('a shape has at most 16 dimensions');
  const dims: number[] = [];
  for (const token of tokens) {
    if (token === '') return fail('a dimension is missing between two separators');
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(token)) {
      return fail(`"${token}" is not a dimension; write whole numbers separated by x or commas, such as 8x8x5`);
    }
    const value = Number(token);
    if (value < 0) return fail(`the dimension ${token} is negative; dimensions are whole numbers of at least 1`);
    if (!Number.isInteger(value)) return fail(`the dimension ${token} is not a whole number`);
    if (value === 0) return fail('a dimension of 0 is empty; dimensions are whole numbers of at least 1');
    if (!Number.isSafeInteger(value)) return fail(`the dimension ${token} is too large`);
    dims.push(value);
  }
  return ok(dims);
}
