import { describe, expect, it } from 'vitest';
import { expectNumber, expectNumbers, solveWith } from './helpers.js';

describe('conv-input-gradient', () => {
  it('CS682 midterm 8.1 (defaults): ∂L/∂X_{1,2} for 16×16, 3×3, stride 1, padding 1 has six terms', async () => {
    const { default: solver } = await import('../../src/solvers/conv-input-gradient.js');
    const r = solver.solve(solver.defaults);
    expect(r.answers.expression).toBe(
      'dY_1_1*W_2_3 + dY_1_2*W_2_2 + dY_1_3*W_2_1 + dY_2_1*W_1_3 + dY_2_2*W_1_2 + dY_2_3*W_1_1',
    );
    expectNumber(r, 'terms', 6);
    expectNumbers(r, 'outputShape', [16, 16]);
  });

  it('numbers: ∂L/∂X equals the expression evaluated, and matches a full convolution with the flipped kernel', async () => {
    const input = [
      [1, 2, 0],
      [0, -1, 3],
      [2, 1, 1],
    ];
    const kernel = [
      [1, -1],
      [2, 0],
    ];
    const upstream = [
      [1, 2],
      [-1, 1],
    ];
    const r = await solveWith('conv-input-gradient', { input, kernel, upstream, position: [2, 2] });
    // X_{2,2} is under W_{2,2} at Y_{1,1}, W_{2,1} at Y_{1,2}, W_{1,2} at Y_{2,1}, W_{1,1} at Y_{2,2}
    expectNumber(r, 'dXAt', 1 * 0 + 2 * 2 + -1 * -1 + 1 * 1);
    expectNumbers(r, 'Y', [
      [1 - 2 + 0, 2 + 0 - 2],
      [0 + 1 + 4, -1 - 3 + 2],
    ]);
    // ∂L/∂W_{a,b} = Σ dY_{i,j} X_{i+a, j+b}
    expectNumbers(r, 'dW', [
      [1 + 4 + 0 - 1, 2 + 0 + 1 + 3],
      [0 - 2 - 2 + 1, -1 + 6 - 1 + 1],
    ]);
  });
});
