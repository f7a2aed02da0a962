import { describe, expect, it } from 'vitest';
import { expectNumber, expectNumbers, solveWith } from './helpers.js';

describe('weight-decay', () => {
  it('TUM 2022 2.4 (sample solution form): θ_{k+1} = (1 − αλ)θ_k − α∇L = θ_k − α(∇L + λθ_k)', async () => {
    const r = await solveWith('weight-decay', { theta: [1, -2], grad: [0.5, -1], lr: 0.1, lambda: 0.5 });
    expectNumbers(r, 'updated', [0.95 * 1 - 0.05, 0.95 * -2 + 0.1]);
    expectNumber(r, 'decayFactor', 0.95);
    expectNumbers(r, 'totalGradient', [0.5 + 0.5, -1 - 1]);
    expect(r.answers.updateExpression).toBe('(1 - alpha*lambda)*theta - alpha*g');
    expectNumbers(r, 'updatedWithoutDecay', [0.95, -1.9]);
  });

  it('TUM 2020 8e: names W, η, λ; DL exam 4.4: penalty γ‖w‖² has gradient 2γw', async () => {
    const named = await solveWith('weight-decay', {
      theta: 2,
      grad: 1,
      lr: 0.5,
      lambda: 0.1,
      thetaName: 'W',
      lrName: 'eta',
      gradName: 'g',
    });
    expect(named.answers.updateExpression).toBe('(1 - eta*lambda)*W - eta*g');
    expectNumber(named, 'updated', 0.95 * 2 - 0.5);
    const full = await solveWith('weight-decay', { theta: 2, grad: 1, lr: 0.5, lambda: 0.1, penalty: 'full' });
    expectNumber(full, 'decayFactor', 0.9);
    expectNumber(full, 'updated', 0.9 * 2 - 0.5);
  });
});
