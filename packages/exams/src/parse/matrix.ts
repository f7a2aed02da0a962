import { type NumberOptions, parseNumber } from './number.js';
import { fail, ok, type ParseResult, readText, unbalancedBrackets } from './result.js';

/**
 * Reads a matrix: nested arrays `[[1, 2], [3, 4]]`, rows separated by `;` or new lines with entries
 * separated by spaces or commas (`1 2; 3 4`), or an array of arrays of numbers/strings from a form.
 * Entries are numbers as `parseNumber` reads them (fractions allowed). Rows must have equal length.
 */
export function parseMatrix(raw: unknown, options: NumberOptions = {}): ParseResult<number[][]> {
  if (Array.isArray(raw)) {
    const rows = raw.map((row) => (Array.isArray(row) ? row : [row]));
    return readRows(rows, options);
  }
  if (typeof raw === 'string' && /[\r\n]/.test(raw)) raw = raw.replace(/\s*[\r\n]+\s*/g, ';');
  const read = readText(raw, 'enter a matrix such as [[1, 2], [3, 4]] or 1 2; 3 4');
  if (!read.ok) return read;
  let text = read.value;
  const unbalanced = unbalancedBrackets(text);
  if (unbalanced) return fail(unbalanced);
  let rows: string[][];
  if (text.startsWith('[')) {
    text = text.replace(/^\[\s*/, '').replace(/\s*\]$/, '');
    const rowTexts = text.startsWith('[') ? text.slice(1, -1).split(/\]\s*[,;]?\s*\[/) : [text];
    if (rowTexts.some((r) => /[[\]]/.test(r))) return fail('a matrix is a list of rows, such as [[1, 2], [3, 4]]');
    rows = rowTexts.map((r) => r.split(/\s*,\s*|\s+/));
  } else {
    rows = text.split(/\s*;\s*/).map((r) => r.split(/\s*,\s*|\s+/));
  }
  return readRows(rows, options);
}

/** More entries than any exam matrix has; larger input is refused before any entry is read. */
const MAX_ENTRIES = 10_000;

function readRows(rows: unknown[][], options: NumberOptions): ParseResult<number[][]> {
  if (rows.length === 0 || rows[0].length === 0) return fail('enter a matrix such as [[1, 2], [3, 4]]');
  if (rows.length * rows[0].length > MAX_ENTRIES)
    return fail(`the matrix is too large (at most ${MAX_ENTRIES} entries)`);
  const out: number[][] = [];
  for (const [i, row] of rows.entries()) {
    if (row.length !== rows[0].length) {
      return fail(`row ${i + 1} has ${row.length} entries but row 1 has ${rows[0].length}; rows must be equally long`);
    }
    const values: number[] = [];
    for (const [j, entry] of row.entries()) {
      const value = parseNumber(entry, options);
      if (!value.ok) return fail(`entry (${i + 1}, ${j + 1}): ${value.message}`);
      values.push(value.value);
    }
    out.push(values);
  }
  return ok(out);
}
