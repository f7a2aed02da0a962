import { describe, expect, it } from 'vitest';
import { expectNumber, solveWith } from './helpers.js';

describe('confusion-metrics', () => {
  it('DL exam 4.6: T = 1000, TP = 450, FN = 50, accuracy 84 % → TN 390, FP 110, recall 0.9, specificity 0.78, F1 900/1060', async () => {
    const r = await solveWith('confusion-metrics', { tp: 450, fn: 50, total: 1000, accuracy: 0.84 });
    expectNumber(r, 'tn', 390);
    expectNumber(r, 'fp', 110);
    expectNumber(r, 'recall', 0.9);
    expectNumber(r, 'specificity', 0.78);
    expectNumber(r, 'precision', 450 / 560);
    expectNumber(r, 'f1', 900 / 1060);
    expect(r.charts?.confusion.kind).toBe('heatmap');
  });

  it('from all four cells', async () => {
    const r = await solveWith('confusion-metrics', { tp: 8, fp: 2, fn: 2, tn: 8 });
    expectNumber(r, 'accuracy', 0.8);
    expectNumber(r, 'f1', 0.8);
  });

  it('an undefined precision is reported as 0 with a note', async () => {
    const r = await solveWith('confusion-metrics', { tp: 0, fp: 0, fn: 5, tn: 5 });
    expectNumber(r, 'precision', 0);
    expect(r.notes?.join(' ')).toMatch(/Precision is undefined/);
  });

  it('inconsistent total and accuracy are an error, not a negative count', async () => {
    const { default: solver } = await import('../../src/solvers/confusion-metrics.js');
    expect(() => solver.solve(solver.params.parse({ tp: 450, fn: 50, total: 500, accuracy: 0.1 }))).toThrow(
      /inconsistent/,
    );
  });

  it('a 3 × 3 confusion matrix: one vs. rest for the chosen class, per-class and macro scores', async () => {
    const matrix = [
      [5, 1, 0],
      [2, 3, 1],
      [0, 2, 6],
    ];
    const r = await solveWith('confusion-metrics', { matrix, positive: 1, classNames: ['cat', 'dog', 'bird'] });
    expectNumber(r, 'tp', 3);
    expectNumber(r, 'fn', 3);
    expectNumber(r, 'fp', 3);
    expectNumber(r, 'tn', 11);
    expectNumber(r, 'accuracy', 14 / 20);
    expectNumber(r, 'perClassPrecision.0', 5 / 7);
    expectNumber(r, 'perClassRecall.2', 6 / 8);
    expectNumber(r, 'macroRecall', (5 / 6 + 3 / 6 + 6 / 8) / 3);
    expect(r.steps[0].title).toMatch(/One vs. rest for "dog"/);
  });

  it('a matrix must be square and cells need tp and fn', async () => {
    const { default: solver } = await import('../../src/solvers/confusion-metrics.js');
    expect(solver.params.safeParse({ matrix: [[1, 2], [3]] }).success).toBe(false);
    const missing = solver.params.safeParse({ fp: 1, tn: 2 });
    expect(missing.error?.issues[0].path).toEqual(['tp']);
  });
});
