import { describe, expect, it } from 'vitest';
import { expectNumber, expectNumbers, solveWith } from './helpers.js';

describe('rnn-unroll', () => {
  it('TUM 2020 6c: ReLU-RNN V = −3, W = 3, h0 = 0, x = (2, 3, 1) → h = (6, 0, 3)', async () => {
    const r = await solveWith('rnn-unroll', { activation: 'relu', V: -3, W: 3, h0: 0, xs: [2, 3, 1] });
    expectNumbers(r, 'h', [6, 0, 3]);
    expectNumber(r, 'h2', 0);
    expectNumber(r, 'h3', 3);
  });

  it('TUM 2020 6d (defaults): h = (0, 3/2, 1) — the exam misprints h2 as 2/3 — and ∂h3/∂V = 3/2, ∂h3/∂W = 1, ∂h3/∂x1 = 0', async () => {
    const { default: solver } = await import('../../src/solvers/rnn-unroll.js');
    const r = solver.solve(solver.defaults);
    expectNumbers(r, 'h', [0, 1.5, 1]);
    expectNumber(r, 'dV', 1.5);
    expectNumber(r, 'dW', 1);
    expectNumber(r, 'dx.0', 0);
    expectNumber(r, 'loss', 1);
    expect(r.steps[0].latex).toContain(
      'h_{2} &= \\mathrm{ReLU}(V h_{1} + W x_{2}) = \\mathrm{ReLU}((-2) \\cdot 0 + 1 \\cdot 1.5) = \\mathrm{ReLU}(1.5) = 1.5',
    );
  });

  it('TUM 2023 7.3: V = 1, W = 2, h0 = −3, x = (1, 2, 0) → h = (0, 4, 4)', async () => {
    const r = await solveWith('rnn-unroll', { activation: 'relu', V: 1, W: 2, h0: -3, xs: [1, 2, 0] });
    expectNumbers(r, 'h', [0, 4, 4]);
  });

  it('tanh RNN with |V| < 1 shrinks the gradient: the factor equals Π f′(a_t)·V', async () => {
    const r = await solveWith('rnn-unroll', { activation: 'tanh', V: 0.5, W: 1, h0: 0, xs: [1, 0.5, -1, 2] });
    const factors = r.answers.stepFactors as number[];
    expectNumber(
      r,
      'gradientFactor',
      factors.reduce((a, b) => a * b, 1),
    );
    expect(Math.abs(r.answers.gradientFactor as number)).toBeLessThan(0.1);
    expect(r.steps.at(-1)?.text).toMatch(/vanishing/);
  });

  it('matrix RNN: states and gradients have the hidden size, and match a finite difference', async () => {
    const base = {
      activation: 'tanh',
      V: [
        [0.5, -0.2],
        [0.1, 0.3],
      ],
      W: [[1], [-1]],
      b: [0, 0.1],
      h0: [0, 0],
      xs: [[1], [2]],
    };
    const r = await solveWith('rnn-unroll', base);
    expect((r.answers.h as number[][])[1]).toHaveLength(2);
    const eps = 1e-6;
    const bumped = await solveWith('rnn-unroll', {
      ...base,
      V: [
        [0.5 + eps, -0.2],
        [0.1, 0.3],
      ],
    });
    const finiteDifference = ((bumped.answers.loss as number) - (r.answers.loss as number)) / eps;
    expect((r.answers.dV as number[][])[0][0]).toBeCloseTo(finiteDifference, 6);
  });
});

describe('rnn-unroll with outputs', () => {
  it('y_t = U h_t + c and an MSE over all steps: gradients match a finite difference', async () => {
    const base = {
      activation: 'tanh',
      V: 0.5,
      W: 1,
      h0: 0,
      xs: [1, -1, 2],
      U: 2,
      c: 0.5,
      objective: 'mse-outputs',
      targets: [1, 0, 1],
    };
    const r = await solveWith('rnn-unroll', base);
    const h = r.answers.h as number[];
    expectNumbers(
      r,
      'y',
      h.map((v) => 2 * v + 0.5),
    );
    const eps = 1e-6;
    const bumped = await solveWith('rnn-unroll', { ...base, V: 0.5 + eps });
    expect(r.answers.dV as number).toBeCloseTo(((bumped.answers.loss as number) - (r.answers.loss as number)) / eps, 5);
    expectNumber(
      r,
      'dc',
      (r.answers.y as number[]).reduce((s, y, t) => s + (y - base.targets[t]), 0),
    );
  });
});
