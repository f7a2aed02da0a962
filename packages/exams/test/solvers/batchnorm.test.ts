import { describe, expect, it } from 'vitest';
import { expectNumber, expectNumbers, solveWith } from './helpers.js';

describe('batchnorm', () => {
  it('forward (defaults): x = (1, 5, 1, 5) → μ 3, σ² 4 (biased), x̂ = (−1, 1, −1, 1), y = 2x̂ + 1', async () => {
    const { default: solver } = await import('../../src/solvers/batchnorm.js');
    const r = solver.solve(solver.defaults);
    expectNumber(r, 'mean', 3);
    expectNumber(r, 'var', 4);
    expectNumber(r, 'varUnbiased', 16 / 3);
    expectNumbers(r, 'xhat', [-1, 1, -1, 1]);
    expectNumbers(r, 'y', [-1, 3, -1, 3]);
  });

  it('backward matches the closed form dx = (γ/(Nσ))(N·dy − Σdy − x̂·Σ(dy·x̂))', async () => {
    const { default: solver } = await import('../../src/solvers/batchnorm.js');
    const r = solver.solve(solver.defaults);
    const dy = [1, 0, -1, 2];
    const xhat = [-1, 1, -1, 1];
    const sum = dy.reduce((a, b) => a + b, 0);
    const dot = dy.reduce((a, v, i) => a + v * xhat[i], 0);
    expectNumber(r, 'dbeta', sum);
    expectNumber(r, 'dgamma', dot);
    expectNumbers(
      r,
      'dx',
      dy.map((v, i) => (2 / (4 * 2)) * (4 * v - sum - xhat[i] * dot)),
    );
  });

  it('the graph uses the elementary ops of TUM 2020 3d (−, ², mean, √, 1/·, ·, +)', async () => {
    const r = await solveWith('batchnorm', {
      x: [
        [1, 0],
        [3, 2],
        [5, 4],
      ],
      gamma: [1, 2],
      beta: [0, 1],
    });
    const graph = r.charts?.graph.data as { nodes: { op: string }[] };
    const ops = new Set(graph.nodes.map((n) => n.op));
    for (const op of ['sub', 'pow', 'sqrt', 'mul', 'add']) expect(ops.has(op), op).toBe(true);
    expect((r.answers.mean as number[]).length).toBe(2);
  });

  it('a constant feature with ε = 0 is explained, not divided by zero', async () => {
    const { default: solver } = await import('../../src/solvers/batchnorm.js');
    expect(() => solver.solve(solver.params.parse({ x: [2, 2, 2] }))).toThrow(/variance is 0/);
  });
});
