import { describe, expect, test } from 'vitest';
import { evaluateExpression, parseExpression } from '../src/parse/expression.js';
import { parseMatrix } from '../src/parse/matrix.js';
import { parseInteger, parseNumber } from '../src/parse/number.js';
import { parseResponse } from '../src/parse/response.js';
import { parseShape } from '../src/parse/shape.js';

const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(`expected ok, got: ${r.message}`);
  return r.value;
};
const message = (r: { ok: boolean; message?: string }): string => {
  expect(r.ok).toBe(false);
  return r.message ?? '';
};

describe('parseNumber', () => {
  test.each([
    ['3.5', 3.5],
    ['-2', -2],
    ['\u22122', -2],
    ['+4', 4],
    ['.5', 0.5],
    ['1e-3', 0.001],
    ['2.5E2', 250],
    ['3/2', 1.5],
    [' -3 / 4 ', -0.75],
    ['½', 0.5],
    ['1½', 1.5],
    ['-1½', -1.5],
    ['1.5 × 10^-3', 0.0015],
    ['sqrt(4)/2', 1],
    ['(3)', 3],
    [7, 7],
  ])('reads %j as %d', (raw, expected) => {
    expect(value(parseNumber(raw))).toBeCloseTo(expected, 12);
  });

  test('a decimal comma gets the corrected number', () => {
    expect(message(parseNumber('3,5'))).toBe('use a dot as the decimal separator: 3.5');
    expect(message(parseNumber('-0,25'))).toBe('use a dot as the decimal separator: -0.25');
    expect(message(parseNumber('1,000,000'))).toContain('without thousands separators: 1000000');
  });

  test.each(['', '   ', '\n\t', undefined, null])('empty input %j asks for a number', (raw) => {
    expect(message(parseNumber(raw))).toBe('enter a number');
  });

  test.each(['NaN', 'Infinity', '-Infinity', 'inf', '1e999', '-1e999', '∞'])('%s is not a finite number', (raw) => {
    expect(message(parseNumber(raw))).toContain('not a finite number');
  });

  test('non-finite numbers given as numbers are refused too', () => {
    expect(message(parseNumber(Number.NaN))).toContain('not a finite number');
    expect(message(parseNumber(Number.POSITIVE_INFINITY))).toContain('not a finite number');
  });

  test('a 100 kB string is refused as too long without being parsed', () => {
    expect(message(parseNumber('1'.repeat(100_000)))).toMatch(/too long/);
    expect(message(parseNumber(`(${'('.repeat(50_000)}`))).toMatch(/too long/);
  });

  test('unbalanced parentheses are named', () => {
    expect(message(parseNumber('(3/2'))).toMatch(/unbalanced parentheses/);
    expect(message(parseNumber('3/2)'))).toMatch(/unbalanced parentheses/);
  });

  test('division by zero and words are explained', () => {
    expect(message(parseNumber('1/0'))).toContain('divides by zero');
    expect(message(parseNumber('abc'))).toContain('enter a number');
    expect(message(parseNumber('5 px'))).toBe('enter just the number, without a unit: 5');
  });

  test('an optional unit is accepted; another unit is explained', () => {
    expect(value(parseNumber('5 px', { unit: 'px' }))).toBe(5);
    expect(value(parseNumber('5', { unit: 'px' }))).toBe(5);
    expect(message(parseNumber('5 cm', { unit: 'px' }))).toContain('the unit here is px, not cm');
  });

  test('objects and booleans are not numbers', () => {
    expect(message(parseNumber({}))).toBe('enter a number');
    expect(message(parseNumber(true))).toBe('enter a number');
  });
});

describe('parseInteger', () => {
  test('reads whole numbers, also as 6/2 or 1e3', () => {
    expect(value(parseInteger('42'))).toBe(42);
    expect(value(parseInteger('6/2'))).toBe(3);
    expect(value(parseInteger('1e3'))).toBe(1000);
    expect(value(parseInteger('\u22127'))).toBe(-7);
  });
  test('refuses fractions and empty input with a message', () => {
    expect(message(parseInteger('2.5'))).toBe('enter a whole number; 2.5 is not one');
    expect(message(parseInteger(''))).toBe('enter a whole number');
    expect(message(parseInteger('3,5'))).toBe('use a dot as the decimal separator: 3.5');
  });
});

describe('parseShape', () => {
  test.each([
    ['8x8x5', [8, 8, 5]],
    ['8 × 8 × 5', [8, 8, 5]],
    ['8 X 8 X 5', [8, 8, 5]],
    ['(4, 3, 5, 5)', [4, 3, 5, 5]],
    ['[8, 8, 5]', [8, 8, 5]],
    ['8*8*5', [8, 8, 5]],
    ['4 3 5', [4, 3, 5]],
    ['(5,)', [5]],
    ['10', [10]],
  ])('reads %j', (raw, expected) => {
    expect(value(parseShape(raw))).toEqual(expected);
  });

  test('negative, fractional, zero and missing dimensions are explained', () => {
    expect(message(parseShape('8x-3x5'))).toBe(
      'the dimension -3 is negative; dimensions are whole numbers of at least 1',
    );
    expect(message(parseShape('(4, 2.5)'))).toBe('the dimension 2.5 is not a whole number');
    expect(message(parseShape('8x0'))).toContain('a dimension of 0 is empty');
    expect(message(parseShape('8xx5'))).toContain('a dimension is missing');
    expect(message(parseShape('(4, 3'))).toMatch(/unbalanced parentheses/);
    expect(message(parseShape('8xa'))).toContain('"a" is not a dimension');
    expect(message(parseShape(''))).toContain('enter a shape');
  });
});

describe('parseExpression', () => {
  test('reads formulas over the declared variables', () => {
    const tree = value(parseExpression('sqrt(3/n)', ['n']));
    expect(evaluateExpression(tree, { n: 3 })).toBeCloseTo(1, 12);
    expect(evaluateExpression(value(parseExpression('2n + ln(e)', ['n'])), { n: 2 })).toBeCloseTo(5, 12);
    expect(evaluateExpression(value(parseExpression('x**2 \u2212 1', ['x'])), { x: 3 })).toBe(8);
    expect(evaluateExpression(value(parseExpression('sigmoid(0) * pi', [])), {})).toBeCloseTo(Math.PI / 2, 12);
  });

  test.each([
    ['constructor', 'unknown symbol "constructor"'],
    ['__proto__', 'unknown symbol "__proto__"'],
    ['import(fs)', 'unknown function "import"'],
    ['import("fs")', 'the character """ is not allowed'],
    ['evaluate("1")', 'not allowed'],
    ['x = 1', 'assignments and comparisons are not allowed'],
    ['f(x) = x', 'assignments and comparisons are not allowed'],
    ['n.constructor', 'property access'],
    ['n["constructor"]', 'not allowed'],
    ['[1, 2]', 'is not allowed'],
    ['foo(n)', 'unknown function "foo"'],
    ['m + 1', 'unknown symbol "m"; the variables are n'],
    ['3!', 'the character "!" is not allowed'],
    ['3 mod 2', 'the operator "mod" is not allowed'],
    ['n ? 1 : 2', 'is not allowed'],
    ['sqrt', 'sqrt is a function'],
    ['sqrt(1, 2)', 'sqrt takes 1 argument(s)'],
    ['(n + 1', 'unbalanced parentheses'],
    ['', 'enter an expression'],
  ])('%j is refused: %s', (raw, expected) => {
    expect(message(parseExpression(raw, ['n']))).toContain(expected);
  });

  test('a 100 kB expression is refused as too long', () => {
    expect(message(parseExpression('n+'.repeat(50_000), ['n']))).toMatch(/too long/);
  });
});

describe('parseMatrix', () => {
  test('reads nested arrays, semicolon rows, new lines and form arrays', () => {
    expect(value(parseMatrix('[[1, 2], [3, 4]]'))).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(value(parseMatrix('1 2; 3 4'))).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(value(parseMatrix('1/2 -1\n0 \u22123'))).toEqual([
      [0.5, -1],
      [0, -3],
    ]);
    expect(
      value(
        parseMatrix([
          ['1', '2'],
          [3, '4'],
        ]),
      ),
    ).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(value(parseMatrix('[1, 2, 3]'))).toEqual([[1, 2, 3]]);
  });
  test('ragged rows, bad entries and brackets are explained', () => {
    expect(message(parseMatrix('1 2; 3'))).toBe('row 2 has 1 entries but row 1 has 2; rows must be equally long');
    expect(message(parseMatrix('[[1, x]]'))).toContain('entry (1, 2)');
    expect(message(parseMatrix('[[1, 2], [3, 4]'))).toMatch(/unbalanced parentheses/);
    expect(message(parseMatrix(''))).toContain('enter a matrix');
    expect(message(parseMatrix([Array.from({ length: 20_000 }, () => 1)]))).toBe(
      'the matrix is too large (at most 10000 entries)',
    );
  });
});

describe('parseResponse', () => {
  const options = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  test('multiple choice: a set of known ids, empty allowed, unknown ids named', () => {
    expect(value(parseResponse({ kind: 'multiple-choice', options }, ['c', 'a', 'a']))).toEqual(['a', 'c']);
    expect(value(parseResponse({ kind: 'multiple-choice', options }, 'a, C'))).toEqual(['a', 'c']);
    expect(value(parseResponse({ kind: 'multiple-choice', options }, []))).toEqual([]);
    expect(message(parseResponse({ kind: 'multiple-choice', options }, ['a', 'z']))).toBe(
      'unknown option "z"; the options are a, b, c',
    );
    expect(message(parseResponse({ kind: 'multiple-choice', options }, 42))).toContain('expected a list of option ids');
  });

  test('single choice: exactly one known option', () => {
    expect(value(parseResponse({ kind: 'single-choice', options }, 'b'))).toBe('b');
    expect(message(parseResponse({ kind: 'single-choice', options }, ''))).toBe('choose one option: a, b, c');
    expect(message(parseResponse({ kind: 'single-choice', options }, ['a', 'b']))).toBe(
      'choose exactly one option, not 2',
    );
    expect(message(parseResponse({ kind: 'single-choice', options }, 'd'))).toContain('unknown option "d"');
  });

  test('true-false reads booleans and words', () => {
    expect(value(parseResponse({ kind: 'true-false' }, true))).toBe(true);
    expect(value(parseResponse({ kind: 'true-false' }, 'False'))).toBe(false);
    expect(message(parseResponse({ kind: 'true-false' }, 'maybe'))).toBe('choose true or false');
  });

  test('ordering: every item exactly once', () => {
    const items = [{ id: 'zero' }, { id: 'backward' }, { id: 'step' }];
    expect(value(parseResponse({ kind: 'ordering', items }, 'zero > backward > step'))).toEqual([
      'zero',
      'backward',
      'step',
    ]);
    expect(message(parseResponse({ kind: 'ordering', items }, ['zero', 'zero', 'step']))).toBe(
      'the item "zero" appears twice; put every item in the order exactly once',
    );
    expect(message(parseResponse({ kind: 'ordering', items }, ['zero', 'step']))).toBe(
      'put every item in the order; missing: backward',
    );
    expect(message(parseResponse({ kind: 'ordering', items }, ['zero', 'step', 'nope']))).toContain(
      'unknown item "nope"',
    );
  });

  test('blanks: each field with its own kind; the failing blank is named', () => {
    const spec = {
      kind: 'blanks' as const,
      blanks: [
        { id: 'o1', kind: 'numeric' as const, label: 'o_1' },
        { id: 's', kind: 'shape' as const },
      ],
    };
    expect(value(parseResponse(spec, { o1: '3/2', s: '2x2' }))).toEqual({ o1: 1.5, s: [2, 2] });
    expect(message(parseResponse(spec, { o1: '3,5', s: '2x2' }))).toBe('o_1: use a dot as the decimal separator: 3.5');
    expect(message(parseResponse(spec, { o1: '1' }))).toContain('s: enter a shape');
    expect(message(parseResponse(spec, 'text'))).toBe('fill in the blanks: o_1, s');
  });

  test('free text: ticked criteria', () => {
    const spec = { kind: 'free-text' as const, rubric: [{ id: 'c1' }, { id: 'c2' }] };
    expect(value(parseResponse(spec, ['c2']))).toEqual(['c2']);
    expect(value(parseResponse(spec, { ticked: ['c1', 'c2'] }))).toEqual(['c1', 'c2']);
    expect(message(parseResponse(spec, ['c3']))).toContain('unknown criterion "c3"');
  });

  test('a malformed spec still does not throw', () => {
    expect(parseResponse({ kind: 'multiple-choice' } as never, 'a').ok).toBe(false);
  });
});
