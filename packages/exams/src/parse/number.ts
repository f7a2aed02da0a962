import { evaluateExpression, parseExpression } from './expression.js';
import { fail, ok, type ParseResult, readText, unbalancedBrackets } from './result.js';

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const FRACTION = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*\/\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)$/i;
const NON_FINITE = /^[+-]?(nan|inf|infinity|∞)$/i;

/** Options for reading a number. */
export interface NumberOptions {
  /** a unit the student may (but need not) write after the number, e.g. "px" */
  unit?: string;
}

/**
 * Reads a number as a student types it: `3.5`, `-2`, `−2` (unicode minus), `1e-3`, `3/2`, `½`,
 * `1.5 × 10^-3`, or a constant expression like `sqrt(2)/2`. Never throws; a failure says what was expected.
 */
export function parseNumber(raw: unknown, options: NumberOptions = {}): ParseResult<number> {
  if (typeof raw === 'number') {
    return Number.isFinite(raw) ? ok(raw) : fail(`${raw} is not a finite number`);
  }
  const read = readText(raw, 'enter a number');
  if (!read.ok) return read;
  let text = read.value;
  if (options.unit) {
    const unitAtEnd = new RegExp(`\\s*${escapeRegExp(options.unit)}$`);
    text = text.replace(unitAtEnd, '').trim();
    if (text === '') return fail(`enter a number (in ${options.unit})`);
  }
  const wrongUnit = text.match(/^([+-]?[\d.]+(?:e[+-]?\d+)?)\s*([a-zA-Z%°µ]+)$/i);
  if (wrongUnit && !/^e[+-]?\d*$/i.test(wrongUnit[2])) {
    return fail(
      options.unit
        ? `the unit here is ${options.unit}, not ${wrongUnit[2]}: enter ${wrongUnit[1]} ${options.unit} or just the number`
        : `enter just the number, without a unit: ${wrongUnit[1]}`,
    );
  }
  if (NON_FINITE.test(text)) return fail(`${text} is not a finite number`);
  const comma = decimalCommaHint(text);
  if (comma) return fail(comma);
  if (PLAIN_NUMBER.test(text)) return finite(Number(text), text);
  const fraction = text.match(FRACTION);
  if (fraction) {
    const [num, den] = [Number(fraction[1]), Number(fraction[2])];
    if (den === 0) return fail(`${text} divides by zero`);
    return finite(num / den, text);
  }
  const unbalanced = unbalancedBrackets(text);
  if (unbalanced) return fail(unbalanced);
  const expression = parseExpression(text, []);
  if (!expression.ok) return fail(`enter a number (like 3.5, -2, 1e-3 or 3/2): ${expression.message}`);
  return finite(evaluateExpression(expression.value, {}), text);
}

/** Reads a whole number (exactly; `6/2` is 3, `2.5` is refused with a message). */
export function parseInteger(raw: unknown, options: NumberOptions = {}): ParseResult<number> {
  const value = parseNumber(raw, options);
  if (!value.ok) return fail(value.message.replace(/^enter a number/, 'enter a whole number'));
  if (!Number.isInteger(value.value)) {
    return fail(`enter a whole number; ${typeof raw === 'string' ? raw.trim() : value.value} is not one`);
  }
  return value;
}

function finite(value: number, text: string): ParseResult<number> {
  return Number.isFinite(value) ? ok(value) : fail(`${text} is not a finite number`);
}

/** A comma where a decimal point belongs gets its own message, with the corrected number. */
function decimalCommaHint(text: string): string | null {
  if (!/^[+-]?[\d.,]+(e[+-]?\d+)?$/i.test(text) || !text.includes(',')) return null;
  const commas = text.split(',').length - 1;
  if (commas === 1 && !text.includes('.')) return `use a dot as the decimal separator: ${text.replace(',', '.')}`;
  return `write the number without thousands separators: ${text.replace(/,/g, '')}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
