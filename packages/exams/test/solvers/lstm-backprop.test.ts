import { describe, expect, it } from 'vitest';
import solver from '../../src/solvers/lstm-backprop.js';

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

describe('lstm-backprop (FAU DL exam, questions 5.3 and 5.4)', () => {
  const result = solver.solve(solver.defaults);
  const a = result.answers;

  it('computes the forward pass of the exam cell by hand', () => {
    // b = (0.5, 1): w1·b = 1.25, w2·b = 0.75, w3·b = 1, w4·b = 0.75
    expect(a.f).toBeCloseTo(sigmoid(1.25), 12);
    expect(a.i).toBeCloseTo(sigmoid(0.75), 12);
    expect(a.cTilde).toBeCloseTo(Math.tanh(1), 12);
    expect(a.o).toBeCloseTo(sigmoid(0.75), 12);
    const c = sigmoid(1.25) * 0.8 + sigmoid(0.75) * Math.tanh(1);
    expect(a.c).toBeCloseTo(c, 12);
    expect(a.h).toBeCloseTo(sigmoid(0.75) * Math.tanh(c), 12);
    expect(a.yhat).toBeCloseTo(sigmoid(sigmoid(0.75) * Math.tanh(c)), 12);
  });

  it('backpropagates the given upstream gradients as derived in the solution', () => {
    const yhat = a.yhat as number;
    const dd = 1 * yhat * (1 - yhat) + 0.5;
    expect(a.dd).toBeCloseTo(dd, 12);
    const e = Math.tanh(a.c as number);
    const da = -0.5 + dd * (a.o as number) * (1 - e * e);
    expect(a.da).toBeCloseTo(da, 12);
    expect(a.dcPrev).toBeCloseTo(da * (a.f as number), 12);
    expect(a.di).toBeCloseTo(da * Math.tanh(1), 12);
    expect(a.df).toBeCloseTo(da * 0.8, 12);
    expect(a.formulaError as number).toBeLessThan(1e-12);
    expect(a.dd_withoutH).toBeCloseTo(dd - 0.5, 12);
  });

  it('exports the cell as a graph with the exam names', () => {
    const graph = result.charts?.graph.data as { nodes: { label: string | null }[] };
    const labels = graph.nodes.map((n) => n.label);
    for (const name of ['b', 'f_t', 'i_t', 'c̃_t', 'o_t', 'a = c_t', 'e', 'd = h_t', 'ŷ_t'])
      expect(labels).toContain(name);
  });

  it('agrees with autograd for generated variants', () => {
    for (let seed = 0; seed < 30; seed++) {
      const p = solver.generate(seed);
      expect(solver.generate(seed)).toEqual(p);
      const r = solver.solve(p);
      expect(r.answers.formulaError as number).toBeLessThan(1e-9);
    }
  });
});
