/**
 * k steps of SGD, momentum, Nesterov, AdaGrad, RMSProp, Adam or Newton's method, on a 2-D quadratic loss (whose
 * gradient comes from core's autograd) or on given gradients, with every intermediate moment.
 * Conventions that differ between the lecture and PyTorch are parameters.
 *
 * Answers: `theta` (final), `thetas` (θ_1..θ_k), `grads` (the gradient used at each step),
 * `losses` (f(θ_0..θ_k), quadratic only), and per step the optimizer state: `velocity`
 * (momentum/Nesterov), `s` (RMSProp/AdaGrad), `m`, `v`, `mHat`, `vHat` (Adam); `theta1` is the first
 * step. Typical mistake: `thetaWithoutBiasCorrection` (Adam).
 */
import { tensor } from '@i2dl/core';
import { z } from 'zod';
import { defineSolver, matrix, vector } from './define.js';
import { num, vec } from './format.js';
import { VariantRandom } from './random.js';
import type { AnswerValue, Step } from './types.js';

const coefficient = (description: string, fallback: number) =>
  z.number().min(0).max(0.9999).default(fallback).describe(description);

const params = z
  .object({
    optimizer: z
      .enum(['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'newton'])
      .describe('the update rule; newton uses the Hessian of the quadratic (lr 1 is the pure Newton step)'),
    lr: z.number().min(0).max(10).describe('learning rate α'),
    steps: z.int().min(1).max(50).default(1).describe('number of steps k'),
    start: vector('starting point θ_0', 8),
    quadratic: z
      .object({
        a: z.number().min(0).max(100).describe('coefficient of x²'),
        b: z.number().min(0).max(100).describe('coefficient of y²'),
        c: z.number().min(-100).max(100).default(0).describe('coefficient of x·y'),
      })
      .optional()
      .describe('the loss f(x, y) = a·x² + b·y² + c·x·y (2-D start point)'),
    gradients: matrix('the gradient at each step (instead of a loss), one row per step', 50).optional(),
    momentum: coefficient('momentum coefficient β (momentum, Nesterov)', 0.9),
    momentumForm: z
      .enum(['pytorch', 'lecture', 'ema'])
      .default('pytorch')
      .describe('pytorch: v ← βv + g, θ ← θ − αv; lecture: v ← βv − αg, θ ← θ + v; ema: v ← βv + (1 − β)g, θ ← θ − αv'),
    rho: coefficient('RMSProp decay β of the squared-gradient average', 0.9),
    beta1: coefficient('Adam β₁', 0.9),
    beta2: coefficient('Adam β₂', 0.999),
    eps: z.number().min(0).max(1).default(1e-8).describe('ε'),
    epsPlacement: z
      .enum(['outside', 'inside'])
      .default('outside')
      .describe('outside: α·m̂/(√v̂ + ε) as PyTorch; inside: α·m̂/√(v̂ + ε) as in the TUM 2022 exam'),
    biasCorrection: z.boolean().default(true).describe('Adam: divide m and v by 1 − β^t'),
  })
  .superRefine((p, ctx) => {
    if (!p.quadratic === !p.gradients) {
      ctx.addIssue({
        code: 'custom',
        path: ['quadratic'],
        message: 'give either a quadratic loss or the gradients per step',
      });
    }
    if (p.optimizer === 'newton' && !p.quadratic) {
      ctx.addIssue({
        code: 'custom',
        path: ['optimizer'],
        message: 'newton needs the quadratic loss (its Hessian), not given gradients',
      });
    }
    if (p.quadratic && p.start.length !== 2) {
      ctx.addIssue({ code: 'custom', path: ['start'], message: 'a quadratic loss f(x, y) needs a 2-D start point' });
    }
    if (p.gradients) {
      if (p.gradients.length < p.steps) {
        ctx.addIssue({
          code: 'custom',
          path: ['gradients'],
          message: `needs a gradient for each of the ${p.steps} steps`,
        });
      }
      if (p.gradients[0].length !== p.start.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['gradients'],
          message: `each gradient needs ${p.start.length} values, like start`,
        });
      }
    }
  });
type Params = z.infer<typeof params>;

/** f and ∇f at θ: the quadratic through core's autograd, or the given gradient. */
function lossAndGradient(p: Params, theta: number[], step: number): { loss?: number; grad: number[] } {
  if (!p.quadratic) return { grad: (p.gradients as number[][])[step] };
  const { a, b, c } = p.quadratic;
  const t = tensor(theta, { requiresGrad: true });
  const x = t.select(0, 0);
  const y = t.select(0, 1);
  const f = x.pow(2).mul(a).add(y.pow(2).mul(b)).add(x.mul(y).mul(c));
  f.backward();
  return { loss: f.item(), grad: t.grad?.toArray() as number[] };
}

interface Trace {
  thetas: number[][];
  grads: number[][];
  losses: number[];
  state: Record<string, number[][]>;
  lines: string[][];
}

function run(p: Params, biasCorrection: boolean): Trace {
  let theta = [...p.start];
  const n = theta.length;
  const zeros = () => Array(n).fill(0);
  let velocity = zeros();
  let s = zeros();
  let m = zeros();
  let v = zeros();
  const trace: Trace = { thetas: [], grads: [], losses: [], state: {}, lines: [] };
  const record = (key: string, value: number[]) => {
    trace.state[key] ??= [];
    trace.state[key].push(value);
  };
  const denom = (x: number) => (p.epsPlacement === 'inside' ? Math.sqrt(x + p.eps) : Math.sqrt(x) + p.eps);
  for (let k = 0; k < p.steps; k++) {
    const { loss, grad: g } = lossAndGradient(p, theta, k);
    if (loss !== undefined) trace.losses.push(loss);
    trace.grads.push(g);
    const lines = [`g_{${k + 1}} &= \\nabla f(\\theta_{${k}}) = ${vec(g)}`];
    switch (p.optimizer) {
      case 'newton': {
        // H = [[2a, c], [c, 2b]] for f = a x² + b y² + c x y; the step solves H d = g.
        const { a, b, c } = p.quadratic as { a: number; b: number; c: number };
        const det = 4 * a * b - c * c;
        if (det === 0)
          throw new Error('the Hessian of this quadratic is singular (4ab = c²): the Newton step is undefined');
        const d = [(2 * b * g[0] - c * g[1]) / det, (2 * a * g[1] - c * g[0]) / det];
        theta = theta.map((t, i) => t - p.lr * d[i]);
        lines.push(
          `H &= \\begin{pmatrix} ${num(2 * a)} & ${num(c)} \\\\ ${num(c)} & ${num(2 * b)} \\end{pmatrix}, \\quad H^{-1} g = ${vec(d)}`,
          `\\theta_{${k + 1}} &= \\theta_k - ${p.lr === 1 ? '' : '\\alpha '}H^{-1} g = ${vec(theta)}`,
        );
        break;
      }
      case 'sgd':
        theta = theta.map((t, i) => t - p.lr * g[i]);
        lines.push(`\\theta_{${k + 1}} &= \\theta_{${k}} - \\alpha g = ${vec(theta)}`);
        break;
      case 'momentum':
      case 'nesterov': {
        const beta = p.momentum;
        if (p.momentumForm === 'lecture') {
          velocity = velocity.map((u, i) => beta * u - p.lr * g[i]);
          lines.push(`v_{${k + 1}} &= \\beta v_{${k}} - \\alpha g = ${vec(velocity)}`);
        } else {
          const w = p.momentumForm === 'ema' ? 1 - beta : 1;
          velocity = velocity.map((u, i) => beta * u + w * g[i]);
          lines.push(`v_{${k + 1}} &= \\beta v_{${k}} + ${w === 1 ? '' : '(1 - \\beta)'} g = ${vec(velocity)}`);
        }
        record('velocity', velocity);
        const direction =
          p.optimizer === 'nesterov'
            ? p.momentumForm === 'lecture'
              ? velocity.map((u, i) => beta * u - p.lr * g[i])
              : velocity.map((u, i) => -p.lr * (g[i] + beta * u))
            : p.momentumForm === 'lecture'
              ? velocity
              : velocity.map((u) => -p.lr * u);
        theta = theta.map((t, i) => t + direction[i]);
        lines.push(
          `\\theta_{${k + 1}} &= ${
            p.optimizer === 'nesterov'
              ? p.momentumForm === 'lecture'
                ? '\\theta_k + \\beta v_{k+1} - \\alpha g'
                : '\\theta_k - \\alpha (g + \\beta v_{k+1})'
              : p.momentumForm === 'lecture'
                ? '\\theta_k + v_{k+1}'
                : '\\theta_k - \\alpha v_{k+1}'
          } = ${vec(theta)}`,
        );
        break;
      }
      case 'adagrad':
      case 'rmsprop': {
        s =
          p.optimizer === 'adagrad'
            ? s.map((u, i) => u + g[i] * g[i])
            : s.map((u, i) => p.rho * u + (1 - p.rho) * g[i] * g[i]);
        record('s', s);
        theta = theta.map((t, i) => t - (p.lr * g[i]) / denom(s[i]));
        lines.push(
          `s_{${k + 1}} &= ${p.optimizer === 'adagrad' ? 's_k + g \\circ g' : '\\beta s_k + (1 - \\beta)\\, g \\circ g'} = ${vec(s)}`,
          `\\theta_{${k + 1}} &= \\theta_k - \\alpha \\frac{g}{${p.epsPlacement === 'inside' ? '\\sqrt{s_{k+1} + \\epsilon}' : '\\sqrt{s_{k+1}} + \\epsilon'}} = ${vec(theta)}`,
        );
        break;
      }
      case 'adam': {
        m = m.map((u, i) => p.beta1 * u + (1 - p.beta1) * g[i]);
        v = v.map((u, i) => p.beta2 * u + (1 - p.beta2) * g[i] * g[i]);
        const c1 = biasCorrection ? 1 - p.beta1 ** (k + 1) : 1;
        const c2 = biasCorrection ? 1 - p.beta2 ** (k + 1) : 1;
        const mHat = m.map((u) => u / c1);
        const vHat = v.map((u) => u / c2);
        record('m', m);
        record('v', v);
        record('mHat', mHat);
        record('vHat', vHat);
        theta = theta.map((t, i) => t - (p.lr * mHat[i]) / denom(vHat[i]));
        lines.push(
          `m_{${k + 1}} &= \\beta_1 m_k + (1 - \\beta_1) g = ${vec(m)}`,
          `v_{${k + 1}} &= \\beta_2 v_k + (1 - \\beta_2) g \\circ g = ${vec(v, 6)}`,
          biasCorrection
            ? `\\hat{m}_{${k + 1}} &= \\frac{m_{${k + 1}}}{1 - \\beta_1^{${k + 1}}} = ${vec(mHat)}, \\quad \\hat{v}_{${k + 1}} = \\frac{v_{${k + 1}}}{1 - \\beta_2^{${k + 1}}} = ${vec(vHat, 6)}`
            : '&\\text{(no bias correction)}',
          `\\theta_{${k + 1}} &= \\theta_k - \\alpha \\frac{\\hat{m}_{${k + 1}}}{${p.epsPlacement === 'inside' ? '\\sqrt{\\hat{v}_{k+1} + \\epsilon}' : '\\sqrt{\\hat{v}_{k+1}} + \\epsilon'}} = ${vec(theta)}`,
        );
        break;
      }
    }
    trace.thetas.push(theta);
    trace.lines.push(lines);
  }
  if (p.quadratic) {
    const final = lossAndGradient({ ...p, steps: p.steps }, theta, p.steps);
    if (final.loss !== undefined) trace.losses.push(final.loss);
  }
  return trace;
}

/** The quadratic sampled on a grid for viz's `contour` (rows bottom to top, cells centred). */
function contourValues(
  p: Params,
  path: number[][],
): { values: number[][]; domain: { x: [number, number]; y: [number, number] } } {
  const { a, b, c } = p.quadratic as { a: number; b: number; c: number };
  const span = (i: number): [number, number] => {
    const lo = Math.min(0, ...path.map((t) => t[i]));
    const hi = Math.max(0, ...path.map((t) => t[i]));
    const pad = Math.max(0.5, (hi - lo) * 0.2);
    return [lo - pad, hi + pad];
  };
  const x = span(0);
  const y = span(1);
  const cells = 40;
  const values = Array.from({ length: cells }, (_, j) => {
    const yy = y[0] + ((j + 0.5) / cells) * (y[1] - y[0]);
    return Array.from({ length: cells }, (_, i) => {
      const xx = x[0] + ((i + 0.5) / cells) * (x[1] - x[0]);
      return a * xx * xx + b * yy * yy + c * xx * yy;
    });
  });
  return { values, domain: { x, y } };
}

export default defineSolver<Params>({
  name: 'optimizer-steps',
  title: 'Optimizer steps: SGD, momentum, Nesterov, AdaGrad, RMSProp and Adam',
  topics: ['optimization'],
  params,
  defaults: params.parse({ optimizer: 'adam', lr: 0.1, steps: 3, start: [1, 1], quadratic: { a: 1, b: 10 } }),
  generate(seed) {
    const r = new VariantRandom(seed);
    const optimizer = r.pick(['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'] as const);
    return params.parse({
      optimizer,
      lr: r.pick([0.01, 0.05, 0.1]),
      steps: r.int(1, 3),
      start: [r.nonZeroInt(-2, 2), r.nonZeroInt(-2, 2)],
      quadratic: { a: r.pick([0.5, 1, 2]), b: r.pick([1, 2, 5]) },
      momentum: r.pick([0.5, 0.9]),
      momentumForm: r.pick(['pytorch', 'lecture'] as const),
    });
  },
  solve(p) {
    const trace = run(p, p.biasCorrection);
    const theta = trace.thetas[trace.thetas.length - 1];
    const answers: Record<string, AnswerValue> = {
      theta,
      theta1: trace.thetas[0],
      thetas: trace.thetas,
      grads: trace.grads,
      ...trace.state,
    };
    if (trace.losses.length) answers.losses = trace.losses;
    if (p.optimizer === 'adam' && p.biasCorrection) {
      const plain = run(p, false);
      answers.thetaWithoutBiasCorrection = plain.thetas[plain.thetas.length - 1];
    }
    const objective = p.quadratic
      ? `f(x, y) = ${num(p.quadratic.a)}x^2 + ${num(p.quadratic.b)}y^2${p.quadratic.c ? ` + ${num(p.quadratic.c)}xy` : ''}, \\quad \\nabla f = (${num(2 * p.quadratic.a)}x${p.quadratic.c ? ` + ${num(p.quadratic.c)}y` : ''},\\; ${num(2 * p.quadratic.b)}y${p.quadratic.c ? ` + ${num(p.quadratic.c)}x` : ''})`
      : 'the gradients are given';
    const steps: Step[] = [
      {
        title: 'Setting',
        latex: `${objective}, \\quad \\theta_0 = ${vec(p.start)}, \\quad \\alpha = ${num(p.lr)}`,
        text:
          p.optimizer === 'adam'
            ? 'Adam keeps a running mean of the gradients (momentum, m) and of their squares (RMSProp, v); the bias correction undoes the pull of the zero initialisation of m and v in the first steps.'
            : p.optimizer === 'rmsprop'
              ? 'RMSProp divides each coordinate by the root of a running mean of its squared gradients: steep, oscillating directions get smaller steps.'
              : p.optimizer === 'adagrad'
                ? 'AdaGrad divides by the root of the sum of all squared gradients so far, so its steps keep shrinking.'
                : p.optimizer === 'newton'
                  ? "Newton's method divides the gradient by the curvature (the Hessian): on a quadratic the pure step (α = 1) lands on the minimum at once, with no learning rate to tune — but it needs the Hessian, which is far too large for deep networks."
                  : p.optimizer === 'sgd'
                    ? 'Plain gradient descent: a step against the gradient.'
                    : 'Momentum accumulates a velocity, so consistent directions speed up and oscillations cancel.',
      },
      ...trace.lines.map((lines, k) => ({
        title: `Step ${k + 1}`,
        latex: `\\begin{aligned} ${lines.join(' \\\\ ')} \\end{aligned}`,
      })),
    ];
    if (p.quadratic) {
      steps.push({
        title: 'Trajectory',
        text: `The loss goes ${trace.losses.map((l) => num(l)).join(' → ')}.`,
        chart: 'trajectory',
      });
    }
    return {
      answers,
      steps,
      charts: p.quadratic
        ? {
            trajectory: {
              kind: 'contour',
              data: {
                ...contourValues(p, [p.start, ...trace.thetas]),
                trajectories: [{ name: p.optimizer, points: [p.start, ...trace.thetas].map((t) => [t[0], t[1]]) }],
                minimum: [0, 0],
              },
              options: { title: `${p.optimizer} on the loss contours`, xLabel: 'x', yLabel: 'y' },
            },
          }
        : undefined,
    };
  },
});
