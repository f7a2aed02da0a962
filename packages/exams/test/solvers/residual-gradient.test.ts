import { describe, expect, it } from 'vitest';
import solver from '../../src/solvers/residual-gradient.js';

describe('residual-gradient (TUM I2DL endterm 2020, 4g)', () => {
  it('gives dH/dx = r + 1 and checks it with autograd', () => {
    const result = solver.solve(solver.defaults);
    expect(result.answers.dHdx).toBe('r + 1');
    expect(result.answers.dRdx).toBe('r');
    expect(result.answers.r).toBeCloseTo(0.2, 12);
    expect(result.answers.dHdxValue).toBeCloseTo(1.2, 12);
    expect(result.answers.dRdxValue).toBeCloseTo(0.2, 12);
  });

  it('holds for a negative branch slope too: the skip still passes 1', () => {
    const result = solver.solve(solver.params.parse({ weights: [-0.5, 2, 1], x: -1 }));
    expect(result.answers.r).toBeCloseTo(-1, 12);
    expect(result.answers.dHdxValue).toBeCloseTo(0, 12);
  });

  it('generates deterministic variants where autograd agrees with r + 1', () => {
    for (let seed = 0; seed < 30; seed++) {
      const p = solver.generate(seed);
      expect(solver.generate(seed)).toEqual(p);
      const a = solver.solve(p).answers;
      expect(a.dHdxValue as number).toBeCloseTo((a.r as number) + 1, 10);
    }
  });
});
