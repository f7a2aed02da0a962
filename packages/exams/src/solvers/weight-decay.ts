/**
 * One gradient-descent step with L2 regularisation (weight decay), in both of its forms:
 * θ − α(∇L + λθ) = (1 − αλ)θ − α∇L. The regularised gradient comes from core's autograd.
 *
 * Answers: `updated` (θ after the step), `decayFactor` (1 − αλ, or 1 − 2αλ for the λ‖θ‖² penalty),
 * `regGradient` (λθ), `totalGradient`, `updateExpression` (e.g. `(1 - alpha*lambda)*theta - alpha*g`,
 * in the variable names of the params); typical mistakes: `updatedWithoutDecay`, `updatedWrongSign`
 * (decay added instead of subtracted).
 */
import { tensor } from '@i2dl/core';
import { z } from 'zod';
import { defineSolver, vector } from './define.js';
import { factor, num, vec } from './format.js';
import { VariantRandom } from './random.js';
import type { AnswerValue } from './types.js';

const varName = (fallback: string, what: string) =>
  z
    .string()
    .regex(/^[A-Za-z]\w*$/)
    .default(fallback)
    .describe(`variable name of ${what} in updateExpression`);

const params = z
  .object({
    theta: z.union([z.number(), vector('weights θ_k', 16)]).describe('weights θ_k (a number or a vector)'),
    grad: z.union([z.number(), vector('gradient ∇L(θ_k)', 16)]).describe('gradient of the unregularised loss ∇L(θ_k)'),
    lr: z.number().min(0).max(10).describe('learning rate α'),
    lambda: z.number().min(0).max(100).describe('regularisation strength λ'),
    penalty: z
      .enum(['half', 'full'])
      .default('half')
      .describe('half: the loss adds λ/2·‖θ‖² (gradient λθ); full: λ·‖θ‖² (gradient 2λθ)'),
    thetaName: varName('theta', 'the weights'),
    lrName: varName('alpha', 'the learning rate'),
    lambdaName: varName('lambda', 'λ'),
    gradName: varName('g', 'the gradient'),
  })
  .refine(
    (p) => (typeof p.theta === 'number' ? 1 : p.theta.length) === (typeof p.grad === 'number' ? 1 : p.grad.length),
    {
      message: 'theta and grad need the same length',
      path: ['grad'],
    },
  );
type Params = z.infer<typeof params>;

export default defineSolver<Params>({
  name: 'weight-decay',
  title: 'Gradient descent with L2 weight decay',
  topics: ['regularization', 'optimization'],
  params,
  defaults: params.parse({ theta: [1, -2], grad: [0.5, -1], lr: 0.1, lambda: 0.5 }),
  generate(seed) {
    const r = new VariantRandom(seed);
    const n = r.int(1, 3);
    const theta = r.vector(n, () => r.stepped(-3, 3, 0.5));
    const grad = r.vector(n, () => r.stepped(-2, 2, 0.5));
    return params.parse({
      theta: n === 1 ? theta[0] : theta,
      grad: n === 1 ? grad[0] : grad,
      lr: r.pick([0.01, 0.1, 0.2, 0.5]),
      lambda: r.pick([0.01, 0.1, 0.5, 1]),
      penalty: r.chance(0.8) ? 'half' : 'full',
    });
  },
  solve(p) {
    const scalar = typeof p.theta === 'number';
    const thetaValues = typeof p.theta === 'number' ? [p.theta] : p.theta;
    const gradValues = typeof p.grad === 'number' ? [p.grad] : p.grad;
    const theta = tensor(thetaValues, { requiresGrad: true });
    // A loss whose gradient is the given ∇L (linear in θ), plus the penalty.
    const coefficient = p.penalty === 'half' ? p.lambda / 2 : p.lambda;
    const total = tensor(gradValues).mul(theta).sum().add(theta.pow(2).sum().mul(coefficient));
    total.backward();
    const totalGradient = theta.grad?.toArray() as number[];
    const updated = thetaValues.map((t, i) => t - p.lr * totalGradient[i]);
    const k = p.penalty === 'half' ? 1 : 2;
    const decayFactor = 1 - k * p.lr * p.lambda;
    const regGradient = thetaValues.map((t) => k * p.lambda * t);
    const out = (v: number[]) => (scalar ? v[0] : v);
    const { thetaName: th, lrName: a, lambdaName: l, gradName: g } = p;
    const kk = k === 1 ? '' : '2*';
    const answers: Record<string, AnswerValue> = {
      updated: out(updated),
      decayFactor,
      regGradient: out(regGradient),
      totalGradient: out(totalGradient),
      updateExpression: `(1 - ${kk}${a}*${l})*${th} - ${a}*${g}`,
      updatedWithoutDecay: out(thetaValues.map((t, i) => t - p.lr * gradValues[i])),
      updatedWrongSign: out(thetaValues.map((t, i) => t - p.lr * (gradValues[i] - regGradient[i]))),
    };
    const show = (v: number[]) => (scalar ? num(v[0]) : vec(v));
    const kTex = k === 1 ? '' : '2';
    return {
      answers,
      steps: [
        {
          title: 'Regularised loss and its gradient',
          latex: `\\tilde{L}(\\theta) = L(\\theta) + ${k === 1 ? '\\frac{\\lambda}{2}' : '\\lambda'} \\|\\theta\\|_2^2 \\;\\Rightarrow\\; \\nabla \\tilde{L}(\\theta) = \\nabla L(\\theta) + ${kTex}\\lambda \\theta = ${show(gradValues)} + ${kTex ? `2 \\cdot ` : ''}${num(p.lambda)} \\cdot ${scalar ? factor(thetaValues[0]) : vec(thetaValues)} = ${show(totalGradient)}`,
        },
        {
          title: 'Gradient step',
          latex: `\\theta_{k+1} = \\theta_k - \\alpha \\left(\\nabla L(\\theta_k) + ${kTex}\\lambda \\theta_k\\right) = (1 - ${kTex}\\alpha\\lambda)\\,\\theta_k - \\alpha \\nabla L(\\theta_k)`,
          text: `Both forms are the same update: the weights are first shrunk ("decayed") by the factor $1 - ${kTex}\\alpha\\lambda = ${num(decayFactor)}$, then moved against the gradient of the data loss.`,
        },
        {
          title: 'With the numbers',
          latex: `\\theta_{k+1} = ${num(decayFactor)} \\cdot ${scalar ? factor(thetaValues[0]) : vec(thetaValues)} - ${num(p.lr)} \\cdot ${scalar ? factor(gradValues[0]) : vec(gradValues)} = ${show(updated)}`,
        },
      ],
    };
  },
});
