/**
 * The derivative of a residual block H(x) = R(x) + x (TUM I2DL endterm 2020, 4g): the skip
 * connection adds 1 to the derivative of the residual branch R = l_n ∘ … ∘ l_1. The symbolic
 * answer `dHdx` ("r + 1", with r = ∂R/∂x) is checked numerically: the branch is built from scalar
 * linear layers with core's autograd, and the gradient it returns must equal r + 1.
 *
 * Answers: `dHdx` and `dRdx` (expressions in `r`), `r` (the branch derivative of the example),
 * `dHdxValue` (autograd's ∂H/∂x), `dRdxValue` (autograd's ∂R/∂x, the skip forgotten).
 */
import { tensor } from '@i2dl/core';
import { z } from 'zod';
import { defineSolver, vector } from './define.js';
import { factor, num } from './format.js';
import { VariantRandom } from './random.js';

const params = z.object({
  weights: vector(
    'slopes of the scalar linear layers l_1, l_2, … of the residual branch (their product is r)',
    6,
  ).default([0.5, 0.4]),
  x: z.number().min(-100).max(100).default(1.5).describe('the input at which the example is evaluated'),
});
type Params = z.infer<typeof params>;

/** ∂H/∂x and ∂R/∂x by autograd, for H(x) = l_n(…l_1(x)) + x with l_i(u) = w_i · u. */
function gradients(p: Params): { dH: number; dR: number; h: number } {
  const branch = (x: ReturnType<typeof tensor>) => p.weights.reduce((u, w) => u.mul(w), x);
  const x = tensor([p.x], { requiresGrad: true });
  const h = branch(x).add(x).sum();
  h.backward();
  const dH = x.grad?.toFlatArray()[0] ?? Number.NaN;
  const xr = tensor([p.x], { requiresGrad: true });
  branch(xr).sum().backward();
  const dR = xr.grad?.toFlatArray()[0] ?? Number.NaN;
  return { dH, dR, h: h.item() };
}

export default defineSolver<Params>({
  name: 'residual-gradient',
  title: 'Derivative of a residual (skip-connection) block',
  topics: ['backpropagation', 'cnn'],
  params,
  defaults: params.parse({}),
  generate(seed) {
    const r = new VariantRandom(seed);
    const layers = r.int(1, 3);
    return params.parse({
      weights: r.vector(layers, () => r.pick([-0.5, 0.1, 0.2, 0.25, 0.5, 2])),
      x: r.stepped(-2, 2, 0.5),
    });
  },
  solve(p) {
    const { dH, dR, h } = gradients(p);
    const r = p.weights.reduce((a, w) => a * w, 1);
    const layers = p.weights.map((_, i) => `l_{${i + 1}}`);
    const branchTex = layers.reduceRight((inner, l) => `${l}(${inner})`, 'x');
    return {
      answers: {
        dHdx: 'r + 1',
        dRdx: 'r',
        r,
        dHdxValue: dH,
        dRdxValue: dR,
      },
      steps: [
        {
          title: 'The block adds its input to the branch',
          latex: `H(x) = R(x) + x, \\qquad R(x) = ${branchTex}`,
        },
        {
          title: 'Derivative of a sum',
          latex: `\\frac{\\partial H(x)}{\\partial x} = \\frac{\\partial R(x)}{\\partial x} + \\frac{\\partial x}{\\partial x} = r + 1`,
          text: 'The skip connection contributes the identity, whose derivative is 1: the upstream gradient reaches x unchanged, however small r is.',
        },
        {
          title: 'Check with autograd on an example',
          latex: `l_i(u) = w_i u,\\; w = (${p.weights.map((w) => num(w)).join(', ')}) \\Rightarrow r = ${p.weights.map((w) => factor(w)).join(' \\cdot ')} = ${num(r)}, \\quad \\frac{\\partial H}{\\partial x}\\Big|_{x = ${num(p.x)}} = ${num(dH)} = r + 1`,
          text: `With scalar linear layers the branch derivative r is the product of the slopes. Backpropagating through H(${num(p.x)}) = ${num(h)} gives ${num(dH)}; the branch alone gives ${num(dR)}.`,
        },
      ],
    };
  },
});
