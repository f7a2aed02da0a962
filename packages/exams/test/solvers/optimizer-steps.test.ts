import { optim, type Tensor, tensor } from '@i2dl/core';
import { describe, expect, it } from 'vitest';
import { expectNumbers, solveWith } from './helpers.js';

/** θ after k steps of a core optimizer on f = a·x² + b·y², for comparison. */
function coreTrajectory(
  make: (params: Tensor[]) => optim.Optimizer<{ lr: number }>,
  start: number[],
  a: number,
  b: number,
  k: number,
) {
  const theta = tensor(start, { requiresGrad: true });
  const opt = make([theta]);
  for (let i = 0; i < k; i++) {
    opt.zeroGrad();
    const x = theta.select(0, 0);
    const y = theta.select(0, 1);
    x.pow(2).mul(a).add(y.pow(2).mul(b)).backward();
    opt.step();
  }
  return theta.toArray() as number[];
}

describe('optimizer-steps', () => {
  it('Adam (defaults): the bias-corrected first step moves every coordinate by about α (TUM 2022 8.6)', async () => {
    const { default: solver } = await import('../../src/solvers/optimizer-steps.js');
    const r = solver.solve(solver.defaults);
    expectNumbers(r, 'grads.0', [2, 20]);
    expectNumbers(r, 'm.0', [0.2, 2]);
    expectNumbers(r, 'mHat.0', [2, 20]);
    const first = r.answers.theta1 as number[];
    expect(first[0]).toBeCloseTo(0.9, 6);
    expect(first[1]).toBeCloseTo(0.9, 6);
    // Without the correction the first step is √(1 − β2)/(1 − β1) ≈ 0.32 times as long.
    const plain = await solveWith('optimizer-steps', { ...solver.defaults, steps: 1 });
    const uncorrected = plain.answers.thetaWithoutBiasCorrection as number[];
    expect(1 - uncorrected[0]).toBeCloseTo((0.1 * 0.2) / Math.sqrt(0.004), 6);
    expect(r.charts?.trajectory.kind).toBe('contour');
  });

  it('Adam, RMSProp and momentum SGD agree with core optim (PyTorch conventions) over 4 steps', async () => {
    const base = { lr: 0.1, steps: 4, start: [1, -2], quadratic: { a: 1, b: 3 } };
    const adam = await solveWith('optimizer-steps', { ...base, optimizer: 'adam' });
    expectNumbers(
      adam,
      'theta',
      coreTrajectory((p) => new optim.Adam(p, { lr: 0.1 }), [1, -2], 1, 3, 4),
    );
    const rms = await solveWith('optimizer-steps', { ...base, optimizer: 'rmsprop', rho: 0.99 });
    expectNumbers(
      rms,
      'theta',
      coreTrajectory((p) => new optim.RMSprop(p, { lr: 0.1, alpha: 0.99 }), [1, -2], 1, 3, 4),
    );
    const momentum = await solveWith('optimizer-steps', { ...base, optimizer: 'momentum', momentum: 0.9 });
    expectNumbers(
      momentum,
      'theta',
      coreTrajectory((p) => new optim.SGD(p, { lr: 0.1, momentum: 0.9 }), [1, -2], 1, 3, 4),
    );
    const nesterov = await solveWith('optimizer-steps', { ...base, optimizer: 'nesterov', momentum: 0.9 });
    expectNumbers(
      nesterov,
      'theta',
      coreTrajectory((p) => new optim.SGD(p, { lr: 0.1, momentum: 0.9, nesterov: true }), [1, -2], 1, 3, 4),
    );
  });

  it('the lecture form of momentum (v ← βv − αg, θ ← θ + v) follows the same path as PyTorch`s', async () => {
    const base = { optimizer: 'momentum', lr: 0.1, steps: 3, start: [1, 1], quadratic: { a: 1, b: 2 } };
    const lecture = await solveWith('optimizer-steps', { ...base, momentumForm: 'lecture' });
    const torch = await solveWith('optimizer-steps', base);
    expectNumbers(lecture, 'theta', torch.answers.theta as number[]);
  });

  it('RMSProp on given gradients, with ε inside the root as in the TUM 2022 exam', async () => {
    const r = await solveWith('optimizer-steps', {
      optimizer: 'rmsprop',
      lr: 0.01,
      steps: 1,
      start: [0.5],
      gradients: [[2]],
      rho: 0.9,
      eps: 0,
      epsPlacement: 'inside',
    });
    expectNumbers(r, 's.0', [0.4]);
    expectNumbers(r, 'theta', [0.5 - (0.01 * 2) / Math.sqrt(0.4)]);
  });
});

describe("optimizer-steps: Newton's method (TUM 2022 8.7/8.8)", () => {
  it('one pure Newton step reaches the minimum of a quadratic, even with a cross term', async () => {
    const r = await solveWith('optimizer-steps', {
      optimizer: 'newton',
      lr: 1,
      start: [3, -2],
      quadratic: { a: 1, b: 5, c: 1 },
    });
    expectNumbers(r, 'theta', [0, 0]);
  });
  it('a singular Hessian is explained', async () => {
    const { default: solver } = await import('../../src/solvers/optimizer-steps.js');
    const p = solver.params.parse({ optimizer: 'newton', lr: 1, start: [1, 1], quadratic: { a: 1, b: 1, c: 2 } });
    expect(() => solver.solve(p)).toThrow(/singular/);
  });
});
