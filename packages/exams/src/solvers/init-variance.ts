/**
 * Xavier/Glorot, Kaiming/He and LeCun initialisation: the weight variance, the standard deviation
 * of the normal variant and the bound a of the uniform variant U(−a, a), as numbers and as
 * expressions in the fan-in/fan-out for `expression` questions.
 */
import { Generator, init, zeros } from '@i2dl/core';
import { z } from 'zod';
import { defineSolver } from './define.js';
import { num } from './format.js';
import { VariantRandom } from './random.js';

const params = z.object({
  scheme: z.enum(['xavier', 'kaiming', 'lecun']).describe('xavier (Glorot), kaiming (He) or lecun'),
  distribution: z.enum(['normal', 'uniform']).default('normal').describe('normal N(0, σ²) or uniform U(−a, a)'),
  fanIn: z.int().min(1).max(1e7).describe('inputs per unit n_in (for a conv layer: in_channels · k · k)'),
  fanOut: z
    .int()
    .min(1)
    .max(1e7)
    .default(1)
    .describe('outputs per unit n_out (for a conv layer: out_channels · k · k)'),
  nonlinearity: z
    .enum(['linear', 'tanh', 'relu', 'leaky-relu'])
    .optional()
    .describe('the activation the gain is chosen for (default: linear for xavier/lecun, relu for kaiming)'),
  slope: z.number().min(0).max(1).default(0.01).describe('negative slope of leaky-relu'),
  mode: z
    .enum(['fan-in', 'fan-out'])
    .default('fan-in')
    .describe('kaiming: preserve the forward (fan-in) or backward (fan-out) variance'),
  fanInName: z
    .string()
    .regex(/^[A-Za-z]\w*$/)
    .default('n_in')
    .describe('variable name of the fan-in in the expressions'),
  fanOutName: z
    .string()
    .regex(/^[A-Za-z]\w*$/)
    .default('n_out')
    .describe('variable name of the fan-out in the expressions'),
});
type Params = z.infer<typeof params>;

/** gain² of PyTorch's calculate_gain, as a number and as an expression. */
function gainSquared(p: Params): { value: number; expr: string; tex: string } {
  const nonlinearity = p.nonlinearity ?? (p.scheme === 'kaiming' ? 'relu' : 'linear');
  switch (nonlinearity) {
    case 'linear':
      return { value: 1, expr: '1', tex: '1' };
    case 'tanh':
      return { value: 25 / 9, expr: '(25/9)', tex: '\\left(\\tfrac{5}{3}\\right)^2' };
    case 'relu':
      return { value: 2, expr: '2', tex: '2' };
    case 'leaky-relu':
      return {
        value: 2 / (1 + p.slope ** 2),
        expr: `(2/(1+${p.slope}^2))`,
        tex: `\\frac{2}{1 + ${num(p.slope)}^2}`,
      };
  }
}

const CORE_NONLINEARITY = { linear: 'linear', tanh: 'tanh', relu: 'relu', 'leaky-relu': 'leakyRelu' } as const;
type CoreNonlinearity = (typeof CORE_NONLINEARITY)[keyof typeof CORE_NONLINEARITY];

/** The variance of one weight matrix drawn with core's initialiser (seed 0), when it is small enough to draw. */
function sampleVariance(p: Params, nonlinearity: CoreNonlinearity): number | undefined {
  if (p.fanIn * p.fanOut > 200_000 || p.fanIn * p.fanOut < 100) return undefined;
  const w = zeros([p.fanOut, p.fanIn]);
  const generator = new Generator(0);
  const uniform = p.distribution === 'uniform';
  if (p.scheme === 'xavier') {
    const gain = init.calculateGain(nonlinearity, p.slope);
    if (uniform) init.xavierUniform(w, gain, { generator });
    else init.xavierNormal(w, gain, { generator });
  } else {
    const options = {
      nonlinearity,
      a: p.slope,
      mode: p.scheme === 'kaiming' && p.mode === 'fan-out' ? ('fanOut' as const) : ('fanIn' as const),
      generator,
    };
    if (uniform) init.kaimingUniform(w, options);
    else init.kaimingNormal(w, options);
  }
  return w.var(null, { unbiased: false }).item();
}

/**
 * The variance, std and bound as expressions in the fan names, in the form students write them:
 * `2/(n_in+n_out)`, `sqrt(6/(n_in+n_out))`, `2/n_in`, `sqrt(3/n)`.
 */
function expressionsFor(
  p: Params,
  gain: { value: number; expr: string },
): { variance: string; std: string; bound: string } {
  // Integer gains are multiplied out (6 instead of 3*2); others stay symbolic.
  const times = (k: number) =>
    Number.isInteger(gain.value) ? `${k * gain.value}` : k === 1 ? gain.expr : `${k}*${gain.expr}`;
  const denominator =
    p.scheme === 'xavier'
      ? `(${p.fanInName}+${p.fanOutName})`
      : p.scheme === 'kaiming' && p.mode === 'fan-out'
        ? p.fanOutName
        : p.fanInName;
  const k = p.scheme === 'xavier' ? 2 : 1;
  const variance = `${times(k)}/${denominator}`;
  return { variance, std: `sqrt(${variance})`, bound: `sqrt(${times(3 * k)}/${denominator})` };
}

export default defineSolver<Params>({
  name: 'init-variance',
  title: 'Xavier, Kaiming and LeCun initialisation',
  topics: ['initialization'],
  params,
  defaults: params.parse({ scheme: 'xavier', distribution: 'uniform', fanIn: 256, fanOut: 128 }),
  generate(seed) {
    const r = new VariantRandom(seed);
    return params.parse({
      scheme: r.pick(['xavier', 'kaiming', 'lecun'] as const),
      distribution: r.pick(['normal', 'uniform'] as const),
      fanIn: r.pick([2, 4, 8, 16, 32, 64, 100, 128, 256, 512]),
      fanOut: r.pick([2, 4, 8, 10, 16, 32, 64, 100, 128]),
      mode: r.chance(0.8) ? 'fan-in' : 'fan-out',
    });
  },
  solve(p) {
    const gain = gainSquared(p);
    let fan: number;
    let fanTex: string;
    let why: string;
    if (p.scheme === 'xavier') {
      fan = (p.fanIn + p.fanOut) / 2;
      fanTex = `\\frac{n_{in} + n_{out}}{2}`;
      why =
        'Xavier/Glorot keeps the variance of the activations (forward, needs Var(W) = 1/n_in) and of the gradients (backward, needs 1/n_out) roughly constant, and compromises with the average of the two fans.';
    } else if (p.scheme === 'kaiming' && p.mode === 'fan-out') {
      fan = p.fanOut;
      fanTex = 'n_{out}';
      why = 'Kaiming/He in fan-out mode keeps the variance of the gradients constant in the backward pass.';
    } else {
      fan = p.fanIn;
      fanTex = 'n_{in}';
      why =
        p.scheme === 'kaiming'
          ? 'Kaiming/He: ReLU zeroes half of its inputs, halving the variance, so the weights get twice the variance of the linear case: Var(W) = 2/n_in keeps Var(output) = Var(input).'
          : 'LeCun: with Var(s) = n_in · Var(w) · Var(x) for s = Σ w_j x_j (zero-mean, independent), Var(w) = 1/n_in keeps Var(s) = Var(x).';
    }
    // The numbers come from core's init (the same rule its initialisers sample with).
    const nonlinearity = CORE_NONLINEARITY[p.nonlinearity ?? (p.scheme === 'kaiming' ? 'relu' : 'linear')];
    const shape = [p.fanOut, p.fanIn];
    const stats =
      p.scheme === 'xavier'
        ? init.describe('xavier', shape, { gain: init.calculateGain(nonlinearity, p.slope) })
        : init.describe('kaiming', shape, {
            nonlinearity,
            a: p.slope,
            mode: p.scheme === 'kaiming' && p.mode === 'fan-out' ? 'fanOut' : 'fanIn',
          });
    const { variance, std, bound } = stats;
    const sample = sampleVariance(p, nonlinearity);
    const expressions = expressionsFor(p, gain);
    const tex = (scale: string) => `${gain.tex === '1' ? '' : `${gain.tex} \\cdot `}\\frac{${scale}}{${fanTex}}`;
    const numbers = p.scheme === 'xavier' ? `\\frac{${p.fanIn} + ${p.fanOut}}{2}` : `${fan}`;
    return {
      answers: {
        variance,
        std,
        bound,
        fan,
        gainSquared: gain.value,
        varianceExpression: expressions.variance,
        stdExpression: expressions.std,
        boundExpression: expressions.bound,
        // Typical mistakes: the uniform bound taken equal to the standard deviation, and the
        // Xavier variance used with ReLU (missing factor 2).
        boundAsStd: std,
        varianceWithoutGain: 1 / fan,
      },
      steps: [
        { title: 'Why this variance', text: why },
        {
          title: 'Variance of the weights',
          latex: `\\operatorname{Var}(W) = ${tex('1')} = ${gain.tex === '1' ? '' : `${gain.tex} \\cdot `}\\frac{1}{${numbers}} = ${num(variance, 6)}`,
        },
        p.distribution === 'normal'
          ? {
              title: 'Normal initialisation',
              latex: `W \\sim \\mathcal{N}(0, \\sigma^2), \\quad \\sigma = \\sqrt{\\operatorname{Var}(W)} = ${num(std, 6)}`,
            }
          : {
              title: 'Uniform initialisation',
              latex: `W \\sim U(-a, a), \\quad \\operatorname{Var}(W) = \\frac{(2a)^2}{12} = \\frac{a^2}{3} \\;\\Rightarrow\\; a = \\sqrt{3 \\operatorname{Var}(W)} = ${num(bound, 6)}`,
              text: 'The variance of U(−a, a) follows from ∫ x² /(2a) dx over [−a, a] = a²/3.',
            },
        ...(sample === undefined
          ? []
          : [
              {
                title: 'Check by sampling',
                text: `Drawing one ${p.fanOut} × ${p.fanIn} weight matrix with @i2dl/core's initialiser gives an empirical variance of ${num(sample, 6)}, close to the target ${num(variance, 6)}.`,
              },
            ]),
      ],
    };
  },
});
