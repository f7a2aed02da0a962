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
});
