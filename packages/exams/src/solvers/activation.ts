/**
 * Activation functions and their derivatives at given points (sigmoid, tanh, ReLU, leaky ReLU,
 * ELU, softmax), the derivatives by core's autograd, with a function plot marking the points.
 *
 * Answers: `values`, `derivatives` (elementwise; for softmax the Jacobian ∂p_i/∂x_j), `value` and
 * `derivative` (the first point), `maxDerivative` (the largest slope anywhere: 1/4 for sigmoid),
 * `range` ([lower, upper] of the outputs, ±1e9 standing for ±∞), `zeroCentered`; typical mistake:
 * `derivativesFromInput` (σ'(x) written as x(1 − x), tanh'(x) as 1 − x²).
 */
import { type Tensor, tensor, where } from '@i2dl/core';
import { z } from 'zod';
import { defineSolver, vector } from './define.js';
import { factor, mat, num, vec } from './format.js';
import { VariantRandom } from './random.js';
import type { AnswerValue, ChartSpec, Step } from './types.js';

const params = z.object({
  fn: z.enum(['sigmoid', 'tanh', 'relu', 'leaky-relu', 'elu', 'softmax']).describe('the activation'),
  points: vector('the inputs x at which to evaluate (for softmax: the logits)', 12),
  slope: z.number().min(0).max(1).default(0.01).describe('negative slope of leaky-relu'),
  alpha: z.number().min(0).max(10).default(1).describe('α of ELU: α(eˣ − 1) for x < 0'),
});
type Params = z.infer<typeof params>;

const INFINITY = 1e9;

function apply(p: Params, x: Tensor): Tensor {
  switch (p.fn) {
    case 'sigmoid':
      return x.sigmoid();
    case 'tanh':
      return x.tanh();
    case 'relu':
      return x.relu();
    case 'leaky-relu':
      return x.leakyRelu(p.slope);
    case 'elu':
      return where(x.gt(0), x, x.exp().sub(1).mul(p.alpha));
    case 'softmax':
      return x.softmax(0);
  }
}

const FORMULAS: Record<Params['fn'], { f: string; df: string }> = {
  sigmoid: { f: '\\sigma(x) = \\frac{1}{1 + e^{-x}}', df: "\\sigma'(x) = \\sigma(x)\\,(1 - \\sigma(x))" },
  tanh: { f: '\\tanh(x) = \\frac{e^x - e^{-x}}{e^x + e^{-x}}', df: "\\tanh'(x) = 1 - \\tanh^2(x)" },
  relu: { f: '\\mathrm{ReLU}(x) = \\max(0, x)', df: "\\mathrm{ReLU}'(x) = 1 \\text{ if } x > 0 \\text{ else } 0" },
  'leaky-relu': {
    f: '\\mathrm{LReLU}(x) = \\max(a x, x)',
    df: "\\mathrm{LReLU}'(x) = 1 \\text{ if } x > 0 \\text{ else } a",
  },
  elu: {
    f: '\\mathrm{ELU}(x) = x \\text{ if } x > 0 \\text{ else } \\alpha(e^x - 1)',
    df: "\\mathrm{ELU}'(x) = 1 \\text{ if } x > 0 \\text{ else } \\alpha e^x",
  },
  softmax: {
    f: 'p_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}}',
    df: '\\frac{\\partial p_i}{\\partial x_j} = p_i(\\delta_{ij} - p_j)',
  },
};

export default defineSolver<Params>({
  name: 'activation',
  title: 'Activation functions and their derivatives',
  topics: ['activations'],
  params,
  defaults: params.parse({ fn: 'sigmoid', points: [-2, 0, 2] }),
  generate(seed) {
    const r = new VariantRandom(seed);
    const fn = r.pick(['sigmoid', 'tanh', 'relu', 'leaky-relu', 'elu', 'softmax'] as const);
    return params.parse({
      fn,
      points: r.vector(r.int(1, 4), () => r.stepped(-3, 3, 0.5)),
      slope: r.pick([0.01, 0.1, 0.2, 0.5]),
      alpha: r.pick([0.5, 1]),
    });
  },
  solve(p) {
    const x = tensor(p.points, { requiresGrad: true });
    const y = apply(p, x);
    const values = y.toArray() as number[];
    let derivatives: number[] | number[][];
    if (p.fn === 'softmax') {
      // One backward per output gives a row of the Jacobian.
      derivatives = values.map((_, i) => {
        const xi = tensor(p.points, { requiresGrad: true });
        const onehot = p.points.map((_, j) => (j === i ? 1 : 0));
        apply(p, xi).backward(tensor(onehot));
        return xi.grad?.toArray() as number[];
      });
    } else {
      y.sum().backward();
      derivatives = x.grad?.toArray() as number[];
    }
    const range: Record<Params['fn'], [number, number]> = {
      sigmoid: [0, 1],
      tanh: [-1, 1],
      relu: [0, INFINITY],
      'leaky-relu': [p.slope === 0 ? 0 : -INFINITY, INFINITY],
      elu: [-p.alpha, INFINITY],
      softmax: [0, 1],
    };
    const maxDerivative: Record<Params['fn'], number> = {
      sigmoid: 0.25,
      tanh: 1,
      relu: 1,
      'leaky-relu': Math.max(1, p.slope),
      elu: Math.max(1, p.alpha),
      softmax: 0.25,
    };
    const fromInput = p.points.map((v) =>
      p.fn === 'sigmoid' ? v * (1 - v) : p.fn === 'tanh' ? 1 - v * v : v > 0 ? 1 : 0,
    );
    const answers: Record<string, AnswerValue> = {
      values,
      derivatives,
      value: values[0],
      maxDerivative: maxDerivative[p.fn],
      range: range[p.fn],
      zeroCentered: p.fn === 'tanh',
      derivativesFromInput: fromInput,
    };
    if (p.fn !== 'softmax') answers.derivative = (derivatives as number[])[0];
    const formula = FORMULAS[p.fn];
    const steps: Step[] = [
      { title: 'Definition and derivative', latex: `${formula.f}, \\qquad ${formula.df}` },
      p.fn === 'softmax'
        ? {
            title: 'Values and Jacobian',
            latex: `p = \\mathrm{softmax}${vec(p.points)} = ${vec(values)}, \\quad \\frac{\\partial p}{\\partial x} = ${mat(derivatives as number[][])}`,
          }
        : {
            title: 'At the given points',
            table: {
              columns: ['x', 'f(x)', "f'(x)"],
              rows: p.points.map((v, i) => [num(v), num(values[i]), num((derivatives as number[])[i])]),
            },
            text:
              p.fn === 'sigmoid' || p.fn === 'tanh'
                ? `The derivative is computed from the output: e.g. $f'(${num(p.points[0])}) = ${p.fn === 'sigmoid' ? `${factor(values[0])}(1 - ${factor(values[0])})` : `1 - ${factor(values[0])}^2`} = ${num((derivatives as number[])[0])}$. Its largest value is ${maxDerivative[p.fn]} (at 0); far from 0 the function saturates and the gradient vanishes.`
                : p.fn === 'relu'
                  ? 'The gradient is 1 for positive inputs and 0 otherwise (PyTorch takes 0 at x = 0): units with only negative inputs get no gradient ("dying ReLU").'
                  : 'Negative inputs keep a small gradient, so units do not die.',
            chart: 'function',
          },
    ];
    const charts: Record<string, ChartSpec> = {};
    if (p.fn !== 'softmax') {
      const lo = Math.min(-4, ...p.points.map((v) => Math.floor(v) - 1));
      const hi = Math.max(4, ...p.points.map((v) => Math.ceil(v) + 1));
      charts.function = {
        kind: 'function',
        data: {
          fn: p.fn,
          domain: [lo, hi],
          derivative: true,
          points: p.points.map((v) => ({ x: v })),
        },
        options: {
          title: `${p.fn} and its derivative`,
          description:
            p.fn === 'leaky-relu' || p.fn === 'elu' ? 'Drawn with the default slope/α of @i2dl/viz.' : undefined,
        },
      };
    }
    return { answers, steps, charts };
  },
});
