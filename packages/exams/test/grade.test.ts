import { describe, expect, test } from 'vitest';
import { scoreExam } from '../src/grade/exam.js';
import { GradeKeyError, grade } from '../src/grade/grade.js';
import { type Question, type QuestionInput, questionSchema } from '../src/schema/question.js';

/** A question as written, with topics optional (distributes over the kinds). */
type Written = QuestionInput extends infer T
  ? T extends unknown
    ? Omit<T, 'topics'> & { topics?: QuestionInput['topics'] }
    : never
  : never;
const q = (input: Written): Question => questionSchema.parse({ topics: ['mlp'], ...input });

const mc = (scoring?: 'all-or-nothing' | 'net-correct' | 'each-answer' | 'coverage', credits = 2) =>
  q({
    id: '1',
    kind: 'multiple-choice',
    credits,
    ...(scoring ? { scoring } : {}),
    options: [
      { id: 'a', correct: true, why: 'a is right because ...' },
      { id: 'b', correct: true },
      { id: 'c' },
      { id: 'd', why: 'd is wrong because ...' },
    ],
  });

describe('multiple choice strategies', () => {
  test('all-or-nothing (TUM): full credits only if every box is right', () => {
    expect(grade(mc('all-or-nothing'), ['a', 'b']).credits).toBe(2);
    expect(grade(mc('all-or-nothing'), ['a']).credits).toBe(0);
    expect(grade(mc('all-or-nothing'), ['a', 'b', 'c']).credits).toBe(0);
    expect(grade(mc('all-or-nothing'), ['a']).verdict).toBe('incorrect');
  });

  test('the exam default applies when the question has no scoring prop', () => {
    const question = mc();
    expect(grade(question, ['a']).credits).toBe(0);
    expect(grade(question, ['a'], undefined, { scoring: { multipleChoice: 'net-correct' } }).credits).toBe(1);
  });

  test('net-correct: +1 per right tick, -1 per wrong, floored at 0, scaled to credits', () => {
    expect(grade(mc('net-correct'), ['a', 'b']).credits).toBe(2);
    expect(grade(mc('net-correct'), ['a']).credits).toBe(1);
    expect(grade(mc('net-correct'), ['a', 'c']).credits).toBe(0);
    expect(grade(mc('net-correct'), ['a', 'b', 'c']).credits).toBe(1);
    expect(grade(mc('net-correct'), ['c', 'd']).credits).toBe(0);
    expect(grade(mc('net-correct'), ['a']).verdict).toBe('partial');
  });

  test('each-answer: every box scored on its own', () => {
    expect(grade(mc('each-answer', 4), ['a']).credits).toBe(3);
    expect(grade(mc('each-answer', 4), ['c', 'd']).credits).toBe(0);
    expect(grade(mc('each-answer', 4), []).credits).toBe(2);
  });

  test('coverage: right ticks / correct × right ticks / ticks', () => {
    expect(grade(mc('coverage', 4), ['a', 'b']).credits).toBe(4);
    expect(grade(mc('coverage', 4), ['a']).credits).toBe(2);
    expect(grade(mc('coverage', 4), ['a', 'b', 'c', 'd']).credits).toBe(2);
    expect(grade(mc('coverage', 4), []).credits).toBe(0);
  });

  test('zero correct options: only no tick at all is right, under every strategy', () => {
    const none = q({ id: 'z', kind: 'multiple-choice', credits: 2, options: [{ id: 'a' }, { id: 'b' }] });
    for (const strategy of ['all-or-nothing', 'net-correct', 'coverage'] as const) {
      const scoring = { multipleChoice: strategy };
      expect(grade(none, [], undefined, { scoring }).credits).toBe(2);
      expect(grade(none, ['a'], undefined, { scoring }).credits).toBe(0);
    }
    expect(grade(none, []).expected).toBe('none of the options');
  });

  test('half points: partial credits are floored to the exam granularity', () => {
    const question = mc('each-answer', 1);
    // 3 of 4 boxes right = 0.75 credits, floored to 0.5
    expect(
      grade(question, ['a'], undefined, { scoring: { multipleChoice: 'each-answer', granularity: 0.5 } }).credits,
    ).toBe(0.5);
    expect(grade(question, ['a']).credits).toBe(0.75);
  });

  test('per-option parts carry each option’s explanation', () => {
    const result = grade(mc(), ['a', 'd']);
    expect(result.parts?.a.verdict).toBe('correct');
    expect(result.parts?.d.verdict).toBe('incorrect');
    expect(result.parts?.d.feedback).toContain('d is wrong because ...');
    expect(result.feedback[0]).toBe('Not correct.');
    expect(result.feedback[1]).toContain('1 of 2 correct options ticked, 1 wrong tick');
    expect(result.expected).toBe('a, b');
  });

  test('an unknown option is invalid, not incorrect, and costs nothing', () => {
    const result = grade(mc(), ['a', 'x']);
    expect(result.verdict).toBe('invalid');
    expect(result.credits).toBe(0);
    expect(result.feedback[0]).toContain('unknown option "x"');
  });
});

describe('single choice and true-false', () => {
  const sc = q({
    id: '2',
    kind: 'single-choice',
    credits: 1,
    options: [
      { id: 'a', why: 'Too small.' },
      { id: 'b', correct: true, why: 'Right.' },
    ],
  });
  test('one point for the right option, with its explanation', () => {
    expect(grade(sc, 'b')).toMatchObject({ credits: 1, verdict: 'correct', feedback: ['Correct.', 'Right.'] });
    expect(grade(sc, 'a')).toMatchObject({
      credits: 0,
      verdict: 'incorrect',
      feedback: ['Not correct.', 'Too small.'],
      expected: 'b',
    });
    expect(grade(sc, '').verdict).toBe('invalid');
  });
  test('true-false', () => {
    const tf = q({ id: '3', kind: 'true-false', credits: 1, answer: false });
    expect(grade(tf, 'false').verdict).toBe('correct');
    expect(grade(tf, true).verdict).toBe('incorrect');
    expect(grade(tf, 'perhaps').verdict).toBe('invalid');
  });
});

describe('ordering', () => {
  const items = [
    { id: 'zero', text: 'zero_grad()' },
    { id: 'backward', text: 'backward()' },
    { id: 'step', text: 'step()' },
  ];
  test('one accepted order', () => {
    const question = q({ id: '4', kind: 'ordering', credits: 1, items, order: ['zero', 'backward', 'step'] });
    expect(grade(question, ['zero', 'backward', 'step']).verdict).toBe('correct');
    expect(grade(question, ['backward', 'zero', 'step']).verdict).toBe('incorrect');
    expect(grade(question, ['zero', 'zero', 'step']).verdict).toBe('invalid');
  });
  test('several accepted orders', () => {
    const question = q({
      id: '4',
      kind: 'ordering',
      credits: 1,
      items,
      orders: [
        ['zero', 'backward', 'step'],
        ['backward', 'step', 'zero'],
      ],
    });
    expect(grade(question, 'backward, step, zero').verdict).toBe('correct');
    expect(grade(question, 'step, zero, backward').verdict).toBe('incorrect');
  });
  test('precedence constraints: any order that keeps them is right, a broken one is named', () => {
    const question = q({
      id: '4',
      kind: 'ordering',
      credits: 2,
      items,
      constraints: [
        ['zero', 'backward'],
        ['backward', 'step'],
      ],
    });
    expect(grade(question, ['zero', 'backward', 'step']).credits).toBe(2);
    const wrong = grade(question, ['backward', 'zero', 'step']);
    expect(wrong.credits).toBe(0);
    expect(wrong.feedback).toContain('"zero_grad()" must come before "backward()".');
  });
});

describe('numeric', () => {
  const numeric = (tolerance?: object, unit?: string) =>
    q({
      id: '5',
      kind: 'numeric',
      credits: 2,
      answer: 'y',
      ...(tolerance ? { tolerance } : {}),
      ...(unit ? { unit } : {}),
    });

  test('exact and wrong answers', () => {
    expect(grade(numeric(), '45', 45)).toMatchObject({ verdict: 'correct', credits: 2, feedback: ['Correct.'] });
    expect(grade(numeric(), '40', 45)).toMatchObject({ verdict: 'incorrect', credits: 0, expected: '45' });
  });

  test('fractions, unicode minus and scientific notation are read', () => {
    expect(grade(numeric(), '3/2', 1.5).verdict).toBe('correct');
    expect(grade(numeric(), '\u22120.5', -0.5).verdict).toBe('correct');
    expect(grade(numeric(), '1e-3', 0.001).verdict).toBe('correct');
  });

  test('absolute tolerance edges; a tolerated answer reports the exact value', () => {
    const question = numeric({ abs: 0.01 });
    expect(grade(question, '0.775', 0.7616).verdict).toBe('incorrect');
    const inside = grade(question, '0.76', 0.7616);
    expect(inside.verdict).toBe('correct');
    expect(inside.feedback).toContain('Within the tolerance; the exact value is 0.7616.');
    expect(inside.expected).toBe('0.7616');
    expect(grade(question, '1.01', 1).verdict).toBe('correct'); // exactly on the edge
    expect(grade(question, '1.0101', 1).verdict).toBe('incorrect');
  });

  test('relative tolerance, also for negative keys', () => {
    const question = numeric({ rel: 0.01 });
    expect(grade(question, '-99', -100).verdict).toBe('correct');
    expect(grade(question, '-98.9', -100).verdict).toBe('incorrect');
  });

  test('significant figures and decimal places', () => {
    expect(grade(numeric({ sigFigs: 3 }), '0.762', 0.76159).verdict).toBe('correct');
    expect(grade(numeric({ sigFigs: 3 }), '0.761', 0.76159).verdict).toBe('incorrect');
    expect(grade(numeric({ sigFigs: 2 }), '1200', 1234).verdict).toBe('correct');
    expect(grade(numeric({ decimals: 2 }), '3.14', Math.PI).verdict).toBe('correct');
    expect(grade(numeric({ decimals: 2 }), '3.15', Math.PI).verdict).toBe('incorrect');
  });

  test('default tolerance is 1% relative', () => {
    expect(grade(numeric(), '0.46', 0.4621).verdict).toBe('correct');
    expect(grade(numeric(), '0.45', 0.4621).verdict).toBe('incorrect');
  });

  test('units are optional; the expected value carries the unit', () => {
    expect(grade(numeric(undefined, 'px'), '30 px', 30).verdict).toBe('correct');
    expect(grade(numeric(undefined, 'px'), '31', 30).expected).toBe('30 px');
  });

  test.each(['3,5', '', 'NaN', '1e999', 'x'])('%j is invalid and costs nothing', (raw) => {
    const result = grade(numeric(), raw, 3.5);
    expect(result.verdict).toBe('invalid');
    expect(result.credits).toBe(0);
  });

  test('a key that is not a number is a content error, thrown as GradeKeyError', () => {
    expect(() => grade(numeric(), '1', 'abc')).toThrow(GradeKeyError);
    expect(() => grade(numeric(), '1', Number.NaN)).toThrow(/finite number/);
  });

  test('the key can come from the solver answers in the context', () => {
    expect(grade(numeric(), '2', undefined, { answers: { y: 2 } }).verdict).toBe('correct');
  });
});

describe('integer, shape, expression, matrix', () => {
  test('integer is exact', () => {
    const question = q({ id: '6', kind: 'integer', credits: 1, answer: 'n' });
    expect(grade(question, '33', 33).verdict).toBe('correct');
    expect(grade(question, '32', 33).verdict).toBe('incorrect');
    expect(grade(question, '32.5', 33).verdict).toBe('invalid');
  });

  test('shape in every notation', () => {
    const question = q({ id: '7', kind: 'shape', credits: 1, answer: 's' });
    for (const raw of ['8x8x5', '8 × 8 × 5', '(8, 8, 5)', '[8, 8, 5]']) {
      expect(grade(question, raw, [8, 8, 5]).verdict).toBe('correct');
    }
    expect(grade(question, '8x8', [8, 8, 5]).feedback).toContain('The shape has 3 dimensions, not 2.');
    expect(grade(question, '8x5x8', [8, 8, 5])).toMatchObject({ verdict: 'incorrect', expected: '(8, 8, 5)' });
    expect(grade(question, '8x-8x5', [8, 8, 5]).verdict).toBe('invalid');
  });

  test('expressions are equal when they agree at random points: sqrt(3/n) = sqrt(3)/sqrt(n)', () => {
    const question = q({ id: '8', kind: 'expression', credits: 1, answer: 'f', variables: ['n'] });
    expect(grade(question, 'sqrt(3)/sqrt(n)', 'sqrt(3/n)').verdict).toBe('correct');
    expect(grade(question, '(3/n)^(1/2)', 'sqrt(3/n)').verdict).toBe('correct');
    const wrong = grade(question, 'sqrt(2/n)', 'sqrt(3/n)');
    expect(wrong.verdict).toBe('incorrect');
    expect(wrong.feedback[1]).toMatch(/^Your expression differs from the answer at n = /);
    expect(grade(question, 'sqrt(3/m)', 'sqrt(3/n)').verdict).toBe('invalid');
    expect(grade(question, 'constructor', 'sqrt(3/n)').verdict).toBe('invalid');
  });

  test('matrix entry by entry with a tolerance', () => {
    const question = q({ id: '9', kind: 'matrix', credits: 2, answer: 'W', tolerance: { abs: 0.01 } });
    const key = [
      [1, 0.5],
      [-2, 1 / 3],
    ];
    expect(grade(question, '1 0.5; -2 0.333', key).verdict).toBe('correct');
    expect(grade(question, '[[1, 1/2], [-2, 1/3]]', key).feedback).toEqual(['Correct.']);
    expect(grade(question, '1 0.5; 2 0.333', key).feedback).toContain('1 entry is wrong.');
    expect(grade(question, '1 0.5', key).feedback).toContain('The matrix is 2×2, not 1×2.');
    expect(grade(question, '1 0.5; 2', key).verdict).toBe('invalid');
  });
});

describe('blanks and free text', () => {
  const blanks = q({
    id: '10',
    kind: 'blanks',
    credits: 3,
    blanks: [
      { id: 'o1', kind: 'numeric', answer: 'o1', label: 'o_1' },
      { id: 'o2', kind: 'numeric', answer: 'o2', label: 'o_2' },
      { id: 's', kind: 'shape', answer: 'shape', credits: 2 },
    ],
  });
  const key = { o1: 2, o2: 0.5, shape: [4, 4] } as const;
  const blankKey = { o1: key.o1, o2: key.o2, s: [4, 4] };

  test('each blank graded on its own; credits split evenly unless set', () => {
    const all = grade(blanks, { o1: '2', o2: '1/2', s: '4x4' }, blankKey);
    expect(all).toMatchObject({ credits: 3, verdict: 'correct' });
    const partial = grade(blanks, { o1: '2', o2: '0.7', s: '4x4' }, blankKey);
    expect(partial.credits).toBe(2.5);
    expect(partial.verdict).toBe('partial');
    expect(partial.parts?.o2).toMatchObject({ verdict: 'incorrect', maxCredits: 0.5 });
    expect(partial.feedback).toContain('Check: o_2.');
  });

  test('a wrong blank worth 0 credits keeps full credits but is not "correct"', () => {
    const question = q({
      id: '10b',
      kind: 'blanks',
      credits: 1,
      blanks: [
        { id: 'h', kind: 'numeric', answer: 'h', credits: 0 },
        { id: 'y', kind: 'numeric', answer: 'y', credits: 1 },
      ],
    });
    const result = grade(question, { h: '5', y: '2' }, { h: 1, y: 2 });
    expect(result).toMatchObject({ credits: 1, verdict: 'partial' });
    expect(result.feedback[0]).toBe('Partly correct.');
    expect(grade(question, { h: '1', y: '2' }, { h: 1, y: 2 }).verdict).toBe('correct');
  });

  test('one unreadable blank makes the whole answer invalid, naming the blank', () => {
    const result = grade(blanks, { o1: '2', o2: '0,5', s: '4x4' }, blankKey);
    expect(result.verdict).toBe('invalid');
    expect(result.feedback[0]).toContain('o_2: use a dot as the decimal separator: 0.5');
  });

  test('free text: the ticked rubric criteria earn their credits', () => {
    const question = q({
      id: '11',
      kind: 'free-text',
      credits: 3,
      modelAnswer: 'Dropout zeroes activations.',
      rubric: [
        { id: 'c1', text: 'zeroes at random', credits: 2 },
        { id: 'c2', text: 'off at test time', credits: 1 },
      ],
    });
    expect(grade(question, ['c1', 'c2']).verdict).toBe('correct');
    expect(grade(question, ['c1'])).toMatchObject({ credits: 2, verdict: 'partial' });
    expect(grade(question, ['c1']).feedback).toContain('Missing: off at test time');
    expect(grade(question, []).verdict).toBe('incorrect');
    expect(grade(question, ['c9']).verdict).toBe('invalid');
  });
});

describe('declarative mistake feedback', () => {
  test('"45 vs 40: you forgot the bias" from a solver answer path, checked in order', () => {
    const question = q({
      id: '12',
      kind: 'numeric',
      credits: 2,
      answer: 'params',
      mistakes: [
        { answer: 'paramsNoBias', feedback: 'You forgot the bias.' },
        { match: 40, feedback: 'Never shown: the first matching mistake wins.' },
        { match: 90, feedback: 'You counted both layers twice.', credits: 1 },
      ],
    });
    const context = { answers: { params: 45, paramsNoBias: 40 } };
    const wrong = grade(question, '40', undefined, context);
    expect(wrong.feedback).toEqual(['Not correct.', 'You forgot the bias.']);
    expect(wrong.credits).toBe(0);
    const partial = grade(question, '90', undefined, context);
    expect(partial).toMatchObject({ credits: 1, verdict: 'partial' });
    expect(partial.feedback).toContain('You counted both layers twice.');
    expect(grade(question, '45', undefined, context).feedback).toEqual(['Correct.']);
    expect(grade(question, '41', undefined, context).feedback).toEqual(['Not correct.']);
  });

  test('literal option sets and orders', () => {
    const question = q({
      id: '13',
      kind: 'multiple-choice',
      credits: 2,
      options: [{ id: 'a', correct: true }, { id: 'b', correct: true }, { id: 'c' }],
      mistakes: [{ match: ['a', 'c'], feedback: 'c confuses training and test time.' }],
    });
    expect(grade(question, ['c', 'a']).feedback).toContain('c confuses training and test time.');
    expect(grade(question, ['a']).feedback).not.toContain('c confuses training and test time.');
    const ordering = q({
      id: '14',
      kind: 'ordering',
      credits: 1,
      items: [{ id: 'x' }, { id: 'y' }],
      order: ['x', 'y'],
      mistakes: [{ match: ['y', 'x'], feedback: 'Backwards.' }],
    });
    expect(grade(ordering, ['y', 'x']).feedback).toContain('Backwards.');
  });

  test('a mistake on one blank', () => {
    const question = q({
      id: '15',
      kind: 'blanks',
      credits: 2,
      blanks: [
        { id: 'h', kind: 'shape', answer: 'h' },
        { id: 'n', kind: 'integer', answer: 'n' },
      ],
      mistakes: [{ blank: 'h', match: [30, 30], feedback: 'Padding keeps the size: 32, not 30.' }],
    });
    const result = grade(question, { h: '30x30', n: '3' }, { h: [32, 32], n: 3 });
    expect(result.credits).toBe(1);
    expect(result.feedback).toContain('Padding keeps the size: 32, not 30.');
  });
});

describe('consequential marking', () => {
  // A toy solver: y = 2 * o1 + 1.
  const solve = (params: Record<string, unknown>) => ({
    answers: { y: 2 * Number(params.o1) + 1, o1: Number(params.o1) },
  });
  const first = q({ id: '6.1', kind: 'blanks', credits: 2, blanks: [{ id: 'o1', kind: 'numeric', answer: 'o1' }] });
  const second = q({
    id: '6.2',
    kind: 'numeric',
    credits: 2,
    answer: 'y',
    solver: 'toy',
    params: { o1: 2 },
    consequential: [{ param: 'o1', from: '6.1#o1' }],
  });
  const questions = { '6.1': first, '6.2': second };

  test('a later answer right for the student’s own wrong earlier answer earns full credits', () => {
    const responses = { '6.1': { o1: '3' }, '6.2': '7' };
    const result = grade(second, responses['6.2'], 5, { responses, questions, solve });
    expect(result.verdict).toBe('correct');
    expect(result.feedback).toContain('Graded with your own earlier answer: o1 = 3.');
  });

  test('the original key still counts, and a wrong answer stays wrong', () => {
    const responses = { '6.1': { o1: '3' } };
    expect(grade(second, '5', 5, { responses, questions, solve }).verdict).toBe('correct');
    expect(grade(second, '6', 5, { responses, questions, solve }).verdict).toBe('incorrect');
  });

  test('without an earlier answer or a solver, the question is graded against its own key', () => {
    expect(grade(second, '7', 5, { questions, solve }).verdict).toBe('incorrect');
    expect(grade(second, '7', 5, { responses: { '6.1': { o1: '3' } }, questions }).verdict).toBe('incorrect');
    expect(grade(second, '7', 5, { responses: { '6.1': { o1: 'x' } }, questions, solve }).verdict).toBe('incorrect');
  });

  test('a solver that throws on the student’s value falls back to the key', () => {
    const throwing = () => {
      throw new Error('negative size');
    };
    expect(grade(second, '5', 5, { responses: { '6.1': { o1: '3' } }, questions, solve: throwing }).verdict).toBe(
      'correct',
    );
  });
});

describe('scoreExam', () => {
  const exam = {
    scoring: { multipleChoice: 'all-or-nothing' as const, granularity: 0.5 },
    problems: [
      {
        id: 'p1',
        title: 'Choices',
        credits: 3,
        questions: [mc(undefined, 2), q({ id: '2', kind: 'true-false', credits: 1, answer: true })],
      },
      {
        id: 'p2',
        title: 'Numbers',
        credits: 2,
        questions: [q({ id: '3', kind: 'numeric', credits: 2, answer: 'y' })],
      },
    ],
  };

  test('totals and a per-problem breakdown', () => {
    const score = scoreExam(exam, { '1': ['a', 'b'], '2': 'false', '3': '4' }, { answers: { '3': { y: 4 } } });
    expect(score).toMatchObject({ credits: 4, maxCredits: 5, answered: 3, invalid: 0 });
    expect(score.fraction).toBeCloseTo(0.8, 12);
    expect(score.problems.map((p) => [p.id, p.credits, p.maxCredits])).toEqual([
      ['p1', 2, 3],
      ['p2', 2, 2],
    ]);
  });

  test('unanswered questions earn 0 and are counted apart from invalid ones', () => {
    const score = scoreExam(exam, { '3': '4,0' }, { keys: { '3': 4 } });
    expect(score).toMatchObject({ credits: 0, answered: 1, invalid: 1 });
    expect(score.problems[0].questions[0]).toMatchObject({ answered: false, result: { feedback: ['Not answered.'] } });
  });

  test('a question without its key scores 0 with keyError, and the rest of the exam is still scored', () => {
    const score = scoreExam(exam, { '1': ['a', 'b'], '3': '4' });
    expect(score.credits).toBe(2);
    expect(score.problems[1].questions[0]).toMatchObject({
      keyError: "question 3: no key; pass one or the solver's answers as context.answers",
      result: { verdict: 'invalid', credits: 0 },
    });
  });

  test('the exam scoring rules apply: all-or-nothing by default', () => {
    expect(scoreExam(exam, { '1': ['a'] }).credits).toBe(0);
  });
});
