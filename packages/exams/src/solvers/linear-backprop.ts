/**
 * Backpropagation through a fully connected layer Y = XW + b (X: N × D, W: D × M): the shapes of
 * every tensor and gradient and the gradient formulas, checked numerically with core's autograd
 * on a seeded random batch (TUM I2DL endterm 2022, 2.2 and 2.3).
 *
 * Answers: `yShape`, `bShape` (1 × M), `doutShape`, `dXShape`, `dWShape`, `dbShape`,
 * `dXExpression` (`dout*W^T`), `dWExpression` (`X^T*dout`), `dbExpression`; typical mistakes:
 * `dXShapeTransposed` (D × N), `dXExpressionWrongOrder` (`W^T*dout`).
 */
import { Generator, randn } from '@i2dl/core';
import { z } from 'zod';
import { defineSolver } from './define.js';
import { mat, num } from './format.js';
import { VariantRandom } from './random.js';

const size = (description: string) => z.int().min(1).max(512).describe(description);

const params = z.object({
  n: size('batch size N'),
  d: size('input features D'),
  m: size('output features M'),
});
type Params = z.infer<typeof params>;

export default defineSolver<Params>({
  name: 'linear-backprop',
  title: 'Backpropagation through a fully connected layer: shapes and formulas',
  topics: ['backpropagation', 'mlp'],
  params,
  defaults: params.parse({ n: 4, d: 3, m: 2 }),
  generate(seed) {
    const r = new VariantRandom(seed);
    return params.parse({ n: r.int(1, 8), d: r.int(1, 6), m: r.int(1, 6) });
  },
  solve({ n, d, m }) {
    // A seeded random instance: autograd's gradients must have the shapes and values of the formulas.
    const generator = new Generator(n * 10_000 + d * 100 + m);
    const X = randn([n, d], { generator, requiresGrad: true });
    const W = randn([d, m], { generator, requiresGrad: true });
    const b = randn([1, m], { generator, requiresGrad: true });
    const dout = randn([n, m], { generator });
    const Y = X.matmul(W).add(b);
    Y.backward(dout);
    const dX = X.grad?.toArray() as number[][];
    const formula = dout.matmul(W.t()).toArray() as number[][];
    const maxError = Math.max(...dX.flatMap((row, i) => row.map((v, j) => Math.abs(v - formula[i][j]))));
    return {
      answers: {
        yShape: [n, m],
        bShape: [1, m],
        doutShape: [n, m],
        dXShape: X.grad?.shape ?? [n, d],
        dWShape: W.grad?.shape ?? [d, m],
        dbShape: b.grad?.shape ?? [1, m],
        dXExpression: 'dout*W^T',
        dWExpression: 'X^T*dout',
        dbExpression: 'sum of dout over the batch',
        dXShapeTransposed: [d, n],
        dXExpressionWrongOrder: 'W^T*dout',
      },
      steps: [
        {
          title: 'Shapes of the forward pass',
          latex: `\\underbrace{Y}_{${n} \\times ${m}} = \\underbrace{X}_{${n} \\times ${d}} \\underbrace{W}_{${d} \\times ${m}} + \\underbrace{b}_{1 \\times ${m}}`,
          text: 'b has one entry per output feature and is broadcast over the N rows of the batch; the upstream gradient dout = ∂L/∂Y always has the shape of Y.',
        },
        {
          title: 'Gradients',
          latex: `\\frac{\\partial L}{\\partial X} = dout \\cdot W^\\top \\;(${n} \\times ${m} \\cdot ${m} \\times ${d} = ${n} \\times ${d}), \\quad \\frac{\\partial L}{\\partial W} = X^\\top dout \\;(${d} \\times ${m}), \\quad \\frac{\\partial L}{\\partial b} = \\sum_{i} dout_{i,:} \\;(1 \\times ${m})`,
          text: 'Every gradient has the shape of the tensor it belongs to, and the shapes fix the order of the product: only dout·Wᵀ gives N × D.',
        },
        {
          title: 'Checked with autograd',
          latex: n * d <= 16 ? `\\frac{\\partial L}{\\partial X}\\Big|_{autograd} = ${mat(dX, 3)}` : undefined,
          text: `On a random instance, autograd's ∂L/∂X equals dout·Wᵀ up to ${num(maxError, 12)}.`,
        },
      ],
    };
  },
});
