import { describe, expect, it } from 'vitest';
import solver from '../../src/solvers/digit-sums.js';

describe('digit-sums (TUM I2DL endterm 2022, problem 4)', () => {
  const result = solver.solve(solver.defaults);

  it('4.2: two stacked MNIST images give a 2×28×28 input and 19 possible sums', () => {
    expect(result.answers.inputShape).toEqual([2, 28, 28]);
    expect(result.answers.classes).toBe(19);
    expect(result.answers.classesDigitsOnly).toBe(10);
  });

  it('problem 4 notes: 50,000 · 50,000 = 2.5B image pairs', () => {
    expect(result.answers.pairs).toBe(2_500_000_000);
  });

  it('4.10: 7 digit pairs sum to 12 but only 9 + 9 sums to 18', () => {
    const counts = result.answers.pairsPerSum as number[];
    expect(counts).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(100);
    expect(result.answers.compareCounts).toEqual([7, 1]);
    expect(result.answers.frequencyRatio).toBe(7);
  });

  it('draws the class frequencies as a bar chart referenced by a step', () => {
    expect(result.charts?.pairsPerSum.kind).toBe('bar');
    expect(result.steps.some((s) => s.chart === 'pairsPerSum')).toBe(true);
  });

  it('rejects a compared sum that two digits cannot reach', () => {
    const parsed = solver.params.safeParse({ digits: 10, compare: [12, 19] });
    expect(parsed.success).toBe(false);
  });

  it('generates valid, deterministic variants with a different pair of sums', () => {
    for (let seed = 0; seed < 50; seed++) {
      const p = solver.generate(seed);
      expect(solver.params.safeParse(p).success).toBe(true);
      expect(solver.generate(seed)).toEqual(p);
      expect(p.compare[0]).not.toBe(p.compare[1]);
      const r = solver.solve(p);
      expect((r.answers.pairsPerSum as number[]).reduce((a, b) => a + b, 0)).toBe(p.digits * p.digits);
      expect(Number.isFinite(r.answers.frequencyRatio as number)).toBe(true);
    }
  });
});
