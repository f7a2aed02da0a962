import { describe, expect, it } from 'vitest';
import { expectNumber, solveWith } from './helpers.js';

const s = (x: number) => 1 / (1 + Math.exp(-x));

describe('lstm-cell', () => {
  it('forward and backward of the default scalar cell, against the formulas written out', async () => {
    const { default: solver } = await import('../../src/solvers/lstm-cell.js');
    const r = solver.solve(solver.defaults);
    const [i, f, g, o] = [s(1), s(2), Math.tanh(0.5), s(1)];
    const c = f * 1 + i * g;
    const h = o * Math.tanh(c);
    expectNumber(r, 'i', i);
    expectNumber(r, 'f', f);
    expectNumber(r, 'g', g);
    expectNumber(r, 'o', o);
    expectNumber(r, 'c', c);
    expectNumber(r, 'h', h);
    const dc = o * (1 - Math.tanh(c) ** 2);
    expectNumber(r, 'dc', dc);
    expectNumber(r, 'do', Math.tanh(c));
    expectNumber(r, 'df', dc * 1);
    expectNumber(r, 'dcPrev', dc * f);
    expectNumber(r, 'db_f', dc * 1 * f * (1 - f));
    expectNumber(r, 'dW_g', dc * i * (1 - g * g) * 1);
    expectNumber(r, 'dU_o', Math.tanh(c) * o * (1 - o) * 0.5);
  });

  it('TUM 2020 6e / 2023 7.4 variant h_t = o ⊙ c_t (no tanh), with an upstream ∂L/∂c_t', async () => {
    const r = await solveWith('lstm-cell', {
      x: 1,
      hPrev: 0,
      cPrev: 2,
      gates: { i: { W: 0 }, f: { W: 0 }, g: { W: 0 }, o: { W: 0 } },
      hidden: 'identity',
      dh: 1,
      dc: 1,
    });
    // every gate is σ(0) = 1/2, the candidate tanh(0) = 0: c = 1/2 · 2 = 1, h = 1/2
    expectNumber(r, 'c', 1);
    expectNumber(r, 'h', 0.5);
    expectNumber(r, 'dc', 0.5 + 1);
    expectNumber(r, 'dcPrev', 1.5 * 0.5);
  });

  it('vector cell: shapes follow the hidden size', async () => {
    const gate = {
      W: [[1], [0]],
      U: [
        [0, 1],
        [1, 0],
      ],
      b: [0, 0],
    };
    const r = await solveWith('lstm-cell', {
      x: [1],
      hPrev: [0, 1],
      cPrev: [1, -1],
      gates: { i: gate, f: gate, g: gate, o: gate },
      dh: [1, 0],
    });
    expect(r.answers.h).toHaveLength(2);
    expect(r.answers.dU_f).toHaveLength(2);
  });

  it('with a target, the loss is ½(h − target)² and ∂L/∂h = h − target', async () => {
    const { default: solver } = await import('../../src/solvers/lstm-cell.js');
    const withTarget = solver.solve(solver.params.parse({ ...solver.defaults, target: 1 }));
    const h = withTarget.answers.h as number;
    expectNumber(withTarget, 'loss', 0.5 * (h - 1) ** 2);
    const upstream = solver.solve(solver.params.parse({ ...solver.defaults, dh: h - 1 }));
    expectNumber(withTarget, 'dW_i', upstream.answers.dW_i as number);
  });
});
