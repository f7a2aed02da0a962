import { describe, expect, test } from 'vitest';
import { grade } from '../src/grade/grade.js';
import { parseResponse } from '../src/parse/response.js';
import { type Question, questionSchema } from '../src/schema/question.js';

// Hostile and random input for every kind: parsing and grading never throw, never give credits
// for unreadable input, and always stay within [0, maxCredits].
const questions: { question: Question; key?: unknown }[] = [
  { question: { id: 'mc', kind: 'multiple-choice', options: [{ id: 'a', correct: true }, { id: 'b' }] } },
  { question: { id: 'sc', kind: 'single-choice', options: [{ id: 'a', correct: true }, { id: 'b' }] } },
  { question: { id: 'tf', kind: 'true-false', answer: true } },
  { question: { id: 'or', kind: 'ordering', items: [{ id: 'x' }, { id: 'y' }], order: ['x', 'y'] } },
  { question: { id: 'nu', kind: 'numeric', answer: 'k', unit: 'px' }, key: 1.5 },
  { question: { id: 'in', kind: 'integer', answer: 'k' }, key: 3 },
  { question: { id: 'sh', kind: 'shape', answer: 'k' }, key: [8, 8, 5] },
  { question: { id: 'ex', kind: 'expression', answer: 'k', variables: ['n'] }, key: 'sqrt(3/n)' },
  { question: { id: 'ma', kind: 'matrix', answer: 'k' }, key: [[1, 2]] },
  { question: { id: 'bl', kind: 'blanks', blanks: [{ id: 'b', kind: 'numeric', answer: 'k' }] }, key: { b: 2 } },
  { question: { id: 'ft', kind: 'free-text', modelAnswer: 'M', rubric: [{ id: 'c1', credits: 2 }] } },
].map(({ question, key }) => ({ question: questionSchema.parse({ credits: 2, topics: ['mlp'], ...question }), key }));

const hostile: unknown[] = [
  undefined,
  null,
  '',
  ' ',
  '3,5',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e999',
  '1e-999',
  '−2',
  '½',
  '((((',
  '))',
  '[[[',
  '__proto__',
  'constructor',
  'constructor.constructor("return process")()',
  'import("fs")',
  'x = 1',
  'a.b',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${...} is hostile input here
  '${1}',
  '\u0000',
  '\uFFFF'.repeat(10),
  'x'.repeat(100_000),
  `${'('.repeat(5000)}1${')'.repeat(5000)}`,
  '1/0',
  '0/0',
  '2^2^2^2^2^2^2^2',
  'exp(exp(exp(10)))',
  '8x-3x5',
  '(4, 2.5)',
  'a, a, a',
  ['x', 'x'],
  ['a', 'zzz'],
  [[1, 2], [3]],
  { o1: '1' },
  { b: { toString: 1 } },
  { __proto__: { b: '2' } },
  Object.create(null),
  42,
  -0,
  Number.NaN,
  true,
  Symbol('s'),
  () => 1,
  new Date(0),
  [undefined],
  [null, null],
];

/** mulberry32: the same random strings on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const alphabet = '0123456789.,-+*/^()[]{}xnXe× abc\u2212½=;:"\'\\$_';
const random = rng(7);
const randomInputs = Array.from({ length: 150 }, () =>
  Array.from({ length: 1 + Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(
    '',
  ),
);

describe.each(questions.map((q) => [q.question.kind, q]))('%s', (_kind, { question, key }) => {
  test('hostile and random input never throws and never earns credits when unreadable', () => {
    for (const raw of [...hostile, ...randomInputs]) {
      const parsed = parseResponse(question, raw);
      const result = grade(question, raw, key as never);
      expect(['correct', 'partial', 'incorrect', 'invalid']).toContain(result.verdict);
      expect(result.credits).toBeGreaterThanOrEqual(0);
      expect(result.credits).toBeLessThanOrEqual(result.maxCredits);
      expect(Number.isFinite(result.credits)).toBe(true);
      if (!parsed.ok) {
        expect(result.verdict).toBe('invalid');
        expect(result.credits).toBe(0);
        expect(parsed.message.length).toBeGreaterThan(0);
      }
    }
  });
});
