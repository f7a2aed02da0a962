import { describe, expect, it } from 'vitest';
import { expectNumbers, solveWith } from './helpers.js';

describe('linear-backprop', () => {
  it('TUM 2022 2.2/2.3 (sample solution): b is 1 × M, dout N × M, ∂L/∂X = dout·Wᵀ of shape N × D', async () => {
    const r = await solveWith('linear-backprop', { n: 16, d: 5, m: 3 });
    expectNumbers(r, 'bShape', [1, 3]);
    expectNumbers(r, 'doutShape', [16, 3]);
    expectNumbers(r, 'dXShape', [16, 5]);
    expectNumbers(r, 'dWShape', [5, 3]);
    expect(r.answers.dXExpression).toBe('dout*W^T');
    expect(r.steps[2].text).toMatch(/up to (0|\d(\.\d+)? \\times 10\^\{-1\d\})/);
  });
});
