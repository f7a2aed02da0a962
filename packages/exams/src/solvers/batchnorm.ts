/**
 * Batch normalisation of a small batch in training mode: batch mean, biased variance, the
 * normalised values and γx̂ + β, then the backward pass for an upstream gradient, by core's
 * autograd over the elementary operations (−, ², mean, +ε, √, 1/·, ·), which also gives the
 * computational graph as a chart.
 *
 * Answers (per feature when x is a matrix N × D; scalars/vectors for one feature): `mean`, `var`,
 * `std`, `xhat`, `y`, `dbeta`, `dgamma`, `dxhat`, `dvar`, `dmean`, `dx`; typical mistake:
 * `varUnbiased` (dividing by N − 1, which batch norm does not do in the forward pass).
 */
import { exportGraph, type Tensor, tensor } from '@i2dl/core';
import { z } from 'zod';
import { defineSolver, matrix, vector } from './define.js';
import { num, vec } from './format.js';
import { VariantRandom } from './random.js';
import type { AnswerValue, Step } from './types.js';

const scalarOrVector = (description: string) => z.union([z.number().min(-1e3).max(1e3), vector(description, 16)]);

const params = z
  .object({
    x: z
      .union([vector('the batch, one feature', 16), matrix('the batch, N × D', 16)])
      .describe('the batch: N values of one feature, or an N × D matrix'),
    gamma: scalarOrVector('γ per feature').default(1).describe('scale γ (one per feature)'),
    beta: scalarOrVector('β per feature').default(0).describe('shift β (one per feature)'),
    eps: z.number().min(0).max(1).default(0).describe('ε added to the variance (PyTorch: 1e-5; exams usually 0)'),
    dout: z
      .union([vector('upstream gradient', 16), matrix('upstream gradient', 16)])
      .optional()
      .describe('upstream gradient ∂L/∂y, same shape as x (default: all ones)'),
  })
  .superRefine((p, ctx) => {
    const rows = p.x.length;
    const cols = Array.isArray(p.x[0]) ? (p.x[0] as number[]).length : 1;
    if (rows < 2) ctx.addIssue({ code: 'custom', path: ['x'], message: 'a batch needs at least 2 samples' });
    for (const key of ['gamma', 'beta'] as const) {
      const v = p[key];
      if (typeof v !== 'number' && v.length !== cols) {
        ctx.addIssue({ code: 'custom', path: [key], message: `needs ${cols} values, one per feature` });
      }
    }
    if (p.dout && JSON.stringify(shape(p.dout)) !== JSON.stringify(shape(p.x))) {
      ctx.addIssue({ code: 'custom', path: ['dout'], message: 'must have the same shape as x' });
    }
  });
type Params = z.infer<typeof params>;

function shape(v: number[] | number[][]): number[] {
  return Array.isArray(v[0]) ? [v.length, (v[0] as number[]).length] : [v.length];
}
const asColumns = (v: number[] | number[][]): number[][] =>
  Array.isArray(v[0]) ? (v as number[][]) : (v as number[]).map((x) => [x]);

export default defineSolver<Params>({
  name: 'batchnorm',
  title: 'Batch normalisation: forward and backward pass',
  topics: ['batch-norm', 'backpropagation', 'computational-graphs'],
  params,
  defaults: params.parse({ x: [1, 5, 1, 5], gamma: 2, beta: 1, dout: [1, 0, -1, 2] }),
  generate(seed) {
    const r = new VariantRandom(seed);
    const n = r.int(3, 4);
    let x = r.vector(n, () => r.int(-2, 6));
    while (x.every((v) => v === x[0])) x = r.vector(n, () => r.int(-2, 6));
    return params.parse({
      x,
      gamma: r.pick([0.5, 1, 2]),
      beta: r.pick([-1, 0, 1]),
      dout: r.vector(n, () => r.int(-2, 2)),
    });
  },
  solve(p) {
    const single = !Array.isArray(p.x[0]);
    const X = asColumns(p.x);
    const n = X.length;
    const d = X[0].length;
    const perFeature = (v: number | number[]) => (typeof v === 'number' ? Array(d).fill(v) : v);
    const x = tensor(X, { requiresGrad: true });
    x.name = 'x';
    const named = (t: Tensor, name: string) => {
      t.name = name;
      t.retainGrad();
      return t;
    };
    const mean = named(x.mean(0, true), 'μ');
    const centered = named(x.sub(mean), 'x − μ');
    const variance = named(centered.pow(2).mean(0, true), 'σ²');
    const std = named(variance.add(p.eps).sqrt(), 'σ');
    if ((std.toArray() as number[][])[0].some((s) => s === 0)) {
      throw new Error(
        'a feature has the same value in every sample, so its variance is 0 and ε = 0: x̂ would divide by zero; set eps > 0',
      );
    }
    const inverse = named(std.reciprocal(), '1/σ');
    const xhat = named(centered.mul(inverse), 'x̂');
    const gamma = tensor([perFeature(p.gamma)], { requiresGrad: true });
    gamma.name = 'γ';
    const beta = tensor([perFeature(p.beta)], { requiresGrad: true });
    beta.name = 'β';
    const y = named(xhat.mul(gamma).add(beta), 'y');
    const dout = p.dout ? asColumns(p.dout) : X.map((r) => r.map(() => 1));
    y.backward(tensor(dout));

    const rowOf = (t: Tensor) => (t.toArray() as number[][])[0];
    const gradRow = (t: Tensor) => ((t.grad as Tensor).toArray() as number[][])[0];
    const cols = (t: Tensor) => t.toArray() as number[][];
    const one = (v: number[]) => (single ? v[0] : v);
    const many = (m: number[][]) => (single ? m.map((r) => r[0]) : m);
    const means = rowOf(mean);
    const vars = rowOf(variance);
    const xhatV = cols(xhat);
    const answers: Record<string, AnswerValue> = {
      mean: one(means),
      var: one(vars),
      std: one(rowOf(std)),
      xhat: many(xhatV),
      y: many(cols(y)),
      dbeta: one(gradRow(beta)),
      dgamma: one(gradRow(gamma)),
      dxhat: many((xhat.grad as Tensor).toArray() as number[][]),
      dvar: one(gradRow(variance)),
      dmean: one(gradRow(mean)),
      dx: many((x.grad as Tensor).toArray() as number[][]),
      varUnbiased: one(vars.map((v) => (v * n) / (n - 1))),
    };
    const col = (m: number[][], j: number) => m.map((r) => r[j]);
    const steps: Step[] = [];
    for (let j = 0; j < d; j++) {
      const feature = d > 1 ? ` (feature ${j + 1})` : '';
      const xs = col(X, j);
      const g = perFeature(p.gamma)[j];
      const b = perFeature(p.beta)[j];
      steps.push({
        title: `Forward pass${feature}`,
        latex: `\\begin{aligned} \\mu &= \\frac{1}{${n}}(${xs.map((v) => num(v)).join(' + ')}) = ${num(means[j])} \\\\ \\sigma^2 &= \\frac{1}{${n}}\\sum_i (x_i - \\mu)^2 = \\frac{1}{${n}}(${xs.map((v) => `${num((v - means[j]) ** 2)}`).join(' + ')}) = ${num(vars[j])} \\\\ \\hat{x} &= \\frac{x - \\mu}{\\sqrt{\\sigma^2${p.eps ? ` + ${num(p.eps)}` : ''}}} = ${vec(col(xhatV, j))} \\\\ y &= ${num(g)} \\cdot \\hat{x} + ${num(b)} = ${vec(col(cols(y), j))} \\end{aligned}`,
        text: 'In training mode the batch statistics are used, and the variance is the biased one (divided by N, not N − 1).',
      });
      steps.push({
        title: `Backward pass${feature}`,
        latex: `\\begin{aligned} \\frac{\\partial L}{\\partial \\beta} &= \\sum_i \\frac{\\partial L}{\\partial y_i} = ${num(gradRow(beta)[j])} \\\\ \\frac{\\partial L}{\\partial \\gamma} &= \\sum_i \\frac{\\partial L}{\\partial y_i} \\hat{x}_i = ${num(gradRow(gamma)[j])} \\\\ \\frac{\\partial L}{\\partial \\hat{x}} &= \\gamma \\frac{\\partial L}{\\partial y} = ${vec(col((xhat.grad as Tensor).toArray() as number[][], j))} \\\\ \\frac{\\partial L}{\\partial x} &= \\frac{1}{N\\sigma}\\left(N \\frac{\\partial L}{\\partial \\hat{x}} - \\sum_k \\frac{\\partial L}{\\partial \\hat{x}_k} - \\hat{x} \\sum_k \\frac{\\partial L}{\\partial \\hat{x}_k}\\hat{x}_k\\right) = ${vec(col((x.grad as Tensor).toArray() as number[][], j))} \\end{aligned}`,
        text: `x reaches the loss three ways — directly, through μ and through σ² — so its gradient has three terms (∂L/∂σ² = ${num(gradRow(variance)[j])}, ∂L/∂μ = ${num(gradRow(mean)[j])}).`,
        chart: j === 0 ? 'graph' : undefined,
      });
    }
    return {
      answers,
      steps,
      charts: {
        graph: {
          kind: 'graph',
          data: exportGraph(y),
          options: { title: 'Computational graph of batch normalisation with values and gradients' },
        },
      },
    };
  },
});
