import { describe, expect, test } from 'vitest';
import { examFrontmatterSchema, examSchema } from '../src/schema/exam.js';
import { questionSchema } from '../src/schema/question.js';

const frontmatter = {
  id: 'tum-i2dl-2022-endterm',
  title: 'Endterm',
  course: { code: 'IN2346', name: 'Introduction to Deep Learning' },
  institution: { name: 'TUM', inferred: false },
  date: '2022-08-01',
  examiners: ['Prof. Dr. Laura Leal-Taixé'],
  durationMinutes: 90,
  totalCredits: 90,
  source: { seed: '004.txt', officialSolution: true },
};

const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('exam schemas', () => {
  test('frontmatter defaults: scoring all-or-nothing, empty lists', () => {
    const parsed = examFrontmatterSchema.parse(frontmatter);
    expect(parsed.scoring).toEqual({ multipleChoice: 'all-or-nothing' });
    expect(parsed.allowedResources).toEqual([]);
    expect(parsed.instructions).toEqual([]);
  });

  test('ids are kebab-case and dates real', () => {
    expect(messages(examFrontmatterSchema.safeParse({ ...frontmatter, id: 'TUM_2022' }))).toEqual([
      'id: an exam id is kebab-case: lowercase letters, digits and single dashes',
    ]);
    expect(examFrontmatterSchema.safeParse({ ...frontmatter, date: '2022-02-29' }).success).toBe(false);
    expect(examFrontmatterSchema.safeParse({ ...frontmatter, date: '2024-02-29' }).success).toBe(true);
    expect(examFrontmatterSchema.safeParse({ ...frontmatter, date: '2022' }).success).toBe(true);
    expect(examFrontmatterSchema.parse({ ...frontmatter, date: new Date('2022-08-01') }).date).toBe('2022-08-01');
  });

  test('a whole exam derives each problem’s topics from its questions', () => {
    const exam = examSchema.parse({
      ...frontmatter,
      problems: [
        {
          id: 'p1',
          credits: 2,
          questions: [
            { id: '1', kind: 'true-false', credits: 1, topics: ['cnn'], answer: true },
            { id: '2', kind: 'true-false', credits: 1, topics: ['pooling', 'cnn'], answer: false },
          ],
        },
      ],
    });
    expect(exam.problems[0].topics).toEqual(['cnn', 'pooling']);
  });
});

describe('question schemas say what is missing', () => {
  const base = { id: '1', credits: 2, topics: ['mlp'] };
  test.each([
    [{ kind: 'numeric' }, 'answer: expected answer="path" into the solver\'s answers, e.g. answer="loss"'],
    [{ kind: 'numeric', answer: 'y', tolerance: {} }, 'tolerance: give at least one of abs, rel, sigFigs, decimals'],
    [{ kind: 'true-false' }, 'answer: a true-false question needs answer={true} or answer={false}'],
    [
      { kind: 'ordering', items: [{ id: 'a' }, { id: 'b' }] },
      'order: an ordering question needs exactly one of order, orders or constraints',
    ],
    [
      { kind: 'ordering', items: [{ id: 'a' }, { id: 'b' }], order: ['a', 'c'] },
      'order: unknown item "c"; the items are a, b',
    ],
    [
      { kind: 'ordering', items: [{ id: 'a' }, { id: 'b' }], order: ['a'] },
      'order: an accepted order lists every item exactly once',
    ],
    [
      { kind: 'free-text', modelAnswer: 'M', rubric: [] },
      'rubric: a free-text question needs a <Rubric> with <Criterion>s',
    ],
    [{ kind: 'blanks', blanks: [] }, 'blanks: a blanks question needs at least one <Blank>'],
    [{ kind: 'multiple-choice', options: [{ id: 'a' }] }, 'options: a choice question needs at least two <Option>s'],
    [
      { kind: 'expression', answer: 'f', variables: ['2n'] },
      'variables.0: a variable name is a letter followed by letters, digits or _',
    ],
  ])('%j', (question, expected) => {
    expect(messages(questionSchema.safeParse({ ...base, ...question }))).toEqual([expected]);
  });

  test('a mistake needs exactly one of answer or match', () => {
    const result = questionSchema.safeParse({
      ...base,
      kind: 'true-false',
      answer: true,
      mistakes: [{ feedback: 'x' }],
    });
    expect(messages(result)).toEqual(['mistakes.0: a <Mistake> needs exactly one of answer or match']);
  });

  test('topics come from the shared list', () => {
    const result = questionSchema.safeParse({ ...base, topics: ['cnns'], kind: 'true-false', answer: true });
    expect(messages(result)[0]).toMatch(/^topics\.0: unknown topic "cnns"; topics are: backpropagation, mlp/);
  });
});
