import { questionSchema, scoreExam } from '@i2dl/exams';
import { describe, expect, test } from 'vitest';
import { clock, formatDuration, newAttempt, responseFromFields } from '../src/lib/study/mock';

const q = (data: Record<string, unknown>) => questionSchema.parse({ id: '1', credits: 2, topics: ['cnn'], ...data });

describe('responses from the saved inputs of a mock', () => {
  test('every kind reads back in the shape the grader takes; untouched questions are unanswered', () => {
    const mc = q({
      kind: 'multiple-choice',
      options: [{ id: 'a', correct: true }, { id: 'b' }, { id: 'c', correct: true }],
    });
    expect(responseFromFields(mc, { 'opt:a': true, 'opt:b': false, 'opt:c': true }, undefined)).toEqual(['a', 'c']);
    expect(responseFromFields(mc, { 'opt:a': false }, undefined)).toEqual([]);
    expect(responseFromFields(mc, undefined, undefined)).toBeUndefined();
    const sc = q({ kind: 'single-choice', options: [{ id: 'a', correct: true }, { id: 'b' }] });
    expect(responseFromFields(sc, { 'opt:a': false, 'opt:b': true }, undefined)).toBe('b');
    const tf = q({ kind: 'true-false', answer: true });
    expect(responseFromFields(tf, { 'tf:true': false, 'tf:false': true }, undefined)).toBe('false');
    const num = q({ kind: 'numeric', answer: 'x' });
    expect(responseFromFields(num, { answer: ' 0.25 ' }, undefined)).toBe(' 0.25 ');
    expect(responseFromFields(num, { answer: '  ' }, undefined)).toBeUndefined();
    const matrix = q({ kind: 'matrix', answer: 'W' });
    expect(
      responseFromFields(matrix, { 'cell:0-0': '1', 'cell:0-1': '2', 'cell:1-0': '3', 'cell:1-1': '4' }, undefined),
    ).toBe('1, 2; 3, 4');
    const blanks = q({
      kind: 'blanks',
      blanks: [
        { id: 'h', kind: 'integer', answer: 'h' },
        { id: 'c', kind: 'integer', answer: 'c' },
      ],
    });
    expect(responseFromFields(blanks, { 'blank:h': '28', 'blank:c': '' }, undefined)).toEqual({ h: '28', c: '' });
    expect(responseFromFields(blanks, { 'blank:h': '', 'blank:c': '' }, undefined)).toBeUndefined();
    const ordering = q({ kind: 'ordering', items: [{ id: 'x' }, { id: 'y' }], order: ['y', 'x'] });
    expect(responseFromFields(ordering, undefined, ['y', 'x'])).toEqual(['y', 'x']);
    expect(responseFromFields(ordering, undefined, undefined)).toBeUndefined();
  });

  test('scoreExam scores them with the exam rules (TUM all-or-nothing for multiple choice)', () => {
    const mc = q({ id: '1', kind: 'multiple-choice', options: [{ id: 'a', correct: true }, { id: 'b' }] });
    const num = q({ id: '2', kind: 'numeric', answer: 'loss', credits: 1 });
    const exam = {
      scoring: { multipleChoice: 'all-or-nothing' as const },
      problems: [{ id: 'p1', title: '', credits: 3, questions: [mc, num] }],
    };
    const responses = {
      '1': responseFromFields(mc, { 'opt:a': true, 'opt:b': true }, undefined),
      '2': responseFromFields(num, { answer: '0.5' }, undefined),
    };
    const score = scoreExam(exam, responses, { answers: { '2': { loss: 0.5 } } });
    expect(score.credits).toBe(1);
    expect(score.maxCredits).toBe(3);
    expect(score.problems[0].questions.map((s) => s.result.verdict)).toEqual(['incorrect', 'correct']);
  });
});

test('an attempt keeps its deadline as a wall-clock time', () => {
  const a = newAttempt('e', 90, 1_000_000);
  expect(a.deadline).toBe(1_000_000 + 90 * 60_000);
  expect(a.result).toBeNull();
});

test('durations and the countdown are formatted for reading', () => {
  expect(clock(61_000)).toBe('1:01');
  expect(clock(3_600_000 + 5_000)).toBe('1:00:05');
  expect(clock(-5)).toBe('0:00');
  expect(formatDuration(754_000)).toBe('12 min 34 s');
  expect(formatDuration(3_900_000)).toBe('1 h 05 min');
});
