import { describe, expect, it } from 'vitest';
import { expectNumber, expectNumbers, solveWith } from './helpers.js';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe('activation', () => {
  it('TUM 2022 1.6 (defaults): sigmoid maps into (0, 1), is not zero-centred, slope at most 1/4', async () => {
    const { default: solver } = await import('../../src/solvers/activation.js');
    const r = solver.solve(solver.defaults);
    expectNumbers(r, 'values', [sigmoid(-2), 0.5, sigmoid(2)]);
    expectNumbers(r, 'derivatives', [sigmoid(-2) * (1 - sigmoid(-2)), 0.25, sigmoid(2) * (1 - sigmoid(2))]);
    expectNumbers(r, 'range', [0, 1]);
    expect(r.answers.zeroCentered).toBe(false);
    expectNumber(r, 'maxDerivative', 0.25);
    expect(r.charts?.function.kind).toBe('function');
  });

  it('tanh at the forward values of TUM 2020 2a: S1 = −0.03 (unsaturated), S2 = 1.5', async () => {
    const r = await solveWith('activation', { fn: 'tanh', points: [-0.03, 1.5] });
    expectNumbers(r, 'derivatives', [1 - Math.tanh(-0.03) ** 2, 1 - Math.tanh(1.5) ** 2]);
  });

  it('ReLU gradient 0 at 0 (PyTorch), leaky ReLU keeps its slope, ELU is α·eˣ below 0', async () => {
    expectNumbers(await solveWith('activation', { fn: 'relu', points: [-1, 0, 2] }), 'derivatives', [0, 0, 1]);
    expectNumbers(
      await solveWith('activation', { fn: 'leaky-relu', points: [-1, 3], slope: 0.2 }),
      'values',
      [-0.2, 3],
    );
    const elu = await solveWith('activation', { fn: 'elu', points: [-1, 2], alpha: 1 });
    expectNumbers(elu, 'values', [Math.exp(-1) - 1, 2]);
    expectNumbers(elu, 'derivatives', [Math.exp(-1), 1]);
  });

  it('softmax: probabilities and the Jacobian p_i(δ_ij − p_j)', async () => {
    const r = await solveWith('activation', { fn: 'softmax', points: [1, 0] });
    const p = sigmoid(1);
    expectNumbers(r, 'values', [p, 1 - p]);
    expectNumbers(r, 'derivatives', [
      [p * (1 - p), -p * (1 - p)],
      [-p * (1 - p), p * (1 - p)],
    ]);
  });
});
