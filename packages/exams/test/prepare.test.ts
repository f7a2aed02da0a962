import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { extractExam } from '../src/content/extract.js';
import { scoreExam } from '../src/grade/exam.js';
import { prepareGrading } from '../src/grade/prepare.js';
import { fakeRegistry } from './fake-registry.js';

const sample = readFileSync(new URL('./fixtures/sample-exam.mdx', import.meta.url), 'utf8');

describe('prepareGrading + scoreExam on extracted content', () => {
  test('solver answers key the questions; the exam is scored end to end', async () => {
    const { exam } = extractExam(sample, 'sample-exam.mdx');
    if (!exam) throw new Error('sample exam did not extract');
    const prepared = await prepareGrading(exam, fakeRegistry);
    expect(prepared.problems).toEqual([]);
    expect(prepared.answers['2.1'].size).toBe(32);
    const perfect = scoreExam(
      exam,
      {
        '1.1': ['a', 'c'],
        '1.2': 'zero, backward, step',
        '2.1': '32',
        '2.2': { s: '(32, 32, 8)', f: 'sqrt(3)/sqrt(n)' },
      },
      prepared,
    );
    expect(perfect).toMatchObject({ credits: 10, maxCredits: 10, answered: 4, invalid: 0 });
    const mixed = scoreExam(exam, { '1.1': ['a'], '2.1': '30', '2.2': { s: '32x32x8', f: 'sqrt(2/n)' } }, prepared);
    expect(mixed.credits).toBe(3);
    const q21 = mixed.problems[1].questions[0].result;
    expect(q21.feedback).toEqual(['Not correct.', 'You forgot the padding.']);
    expect(mixed.problems[0].questions[0].result.feedback).toContain('You missed c.');
  });

  test('the prepared solve re-solves with other params (consequential marking)', async () => {
    const { exam } = extractExam(sample, 'sample-exam.mdx');
    const prepared = await prepareGrading(exam!, fakeRegistry);
    const question = exam!.problems[1].questions[0];
    expect(prepared.solve(question, { size: 30, kernel: 3, stride: 1, padding: 0 })?.answers.size).toBe(28);
    expect(prepared.solve(question, { size: -1, kernel: 3, stride: 1, padding: 0 })).toBeUndefined();
  });

  test('unknown solvers are listed, not thrown', async () => {
    const { exam } = extractExam(sample.replace('solver="conv-output"', 'solver="nope"'), 'sample-exam.mdx');
    const prepared = await prepareGrading(exam!, fakeRegistry);
    expect(prepared.problems.map((p) => p.questionId)).toEqual(['2.1', '2.2']);
    expect(prepared.problems[0].message).toContain('unknown solver nope');
  });
});
