import { describe, expect, it } from 'vitest';
import solver from '../../src/solvers/conv-identity.js';

describe('conv-identity (TUM I2DL endterm 2023, question 2.4)', () => {
  const result = solver.solve(solver.defaults);

  it('3 filters of size 3×3 on an RGB image: weights (3, 3, 3, 3), padding 1', () => {
    expect(result.answers.weightShape).toEqual([3, 3, 3, 3]);
    expect(result.answers.padding).toBe(1);
    expect(result.answers.weightShapeWithoutChannels).toEqual([3, 3, 3]);
  });

  it('filter f has a centred one on channel f and zeros elsewhere, no bias', () => {
    expect(result.answers.ownChannelKernel).toEqual([
      [0, 0, 0],
      [0, 1, 0],
      [0, 0, 0],
    ]);
    expect(result.answers.otherChannelKernel).toEqual([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(result.answers.bias).toEqual([0, 0, 0]);
  });

  it('the convolution reproduces the sample image exactly', () => {
    expect(result.answers.maxError).toBe(0);
    expect(result.answers.isIdentity).toBe(true);
  });

  it('explains why an even kernel cannot be the identity', () => {
    const parsed = solver.params.safeParse({ channels: 3, kernel: 2 });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues[0].message).toMatch(/odd/);
  });

  it('every generated variant is an exact identity', () => {
    for (let seed = 0; seed < 30; seed++) {
      const p = solver.generate(seed);
      expect(solver.generate(seed)).toEqual(p);
      expect(solver.solve(p).answers.isIdentity).toBe(true);
    }
  });
});
