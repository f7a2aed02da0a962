/**
 * A vanilla RNN h_t = f(V h_{t−1} + W x_t + b) unrolled over a short sequence, with scalar or
 * small matrix weights: hidden states, and by core's autograd the gradients through time of
 * L = h_T (or Σ_t h_t, or ½‖h_T − target‖²) and how much a gradient shrinks or grows per step.
 *
 * Answers: `h` and `a` (per step t = 1..T; scalars or vectors), `h1`, `h2`, ... (scalar RNNs),
 * `loss`, `dV`, `dW`, `db`, `dh0`, `dh` (∂L/∂h_t per step), `dx` (∂L/∂x_t per step),
 * `stepFactors` (scalar: f'(a_t)·V), `gradientFactor` (∂h_T/∂h_0 for a scalar RNN, else the
 * Frobenius norm of that Jacobian), `paramsCount`; with output weights U also `y` (y_t = U h_t + c),
 * `dU`, `dc`.
 */
import { type Tensor, tensor } from '@i2dl/core';
import { z } from 'zod';
import { activationDerivative, applyActivation } from './activations.js';
import { activationName, defineSolver, matrix, vector } from './define.js';
import { factor, num, signed, vec } from './format.js';
import { VariantRandom } from './random.js';
import type { AnswerValue, Step } from './types.js';

const scalarOrMatrix = (description: string) =>
  z
    .union([z.number().min(-1e3).max(1e3), matrix(description, 16)])
    .describe(`${description} (a number for a scalar RNN)`);
const scalarOrVector = (description: string) =>
  z
    .union([z.number().min(-1e3).max(1e3), vector(description, 16)])
    .describe(`${description} (a number for a scalar RNN)`);

const params = z
  .object({
    activation: activationName.default('tanh'),
    slope: z.number().min(0).max(1).default(0.01).describe('negative slope of leaky-relu'),
    V: scalarOrMatrix('recurrent weights V (hidden × hidden)'),
    W: scalarOrMatrix('input weights W (hidden × input)'),
    b: scalarOrVector('bias b (hidden)').default(0),
    h0: scalarOrVector('initial state h_0'),
    xs: z
      .array(z.union([z.number().min(-1e3).max(1e3), vector('an input vector x_t', 16)]))
      .min(1)
      .max(12)
      .describe('the inputs x_1, ..., x_T'),
    objective: z
      .enum(['last', 'sum', 'mse-last', 'mse-outputs'])
      .default('last')
      .describe(
        'what is differentiated: last = h_T (summed over units), sum = Σ_t h_t, mse-last = ½‖h_T − target‖², mse-outputs = ½ Σ_t ‖y_t − target_t‖² with y_t = U h_t + c',
      ),
    target: scalarOrVector('target for mse-last').optional(),
    U: scalarOrMatrix('output weights U (outputs × hidden), for outputs y_t = U h_t + c').optional(),
    c: scalarOrVector('output bias c').default(0),
    targets: z
      .array(z.union([z.number().min(-1e3).max(1e3), vector('a target y_t', 16)]))
      .optional()
      .describe('targets y_1, ..., y_T for mse-outputs'),
  })
  .superRefine((p, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const hidden = typeof p.V === 'number' ? 1 : p.V.length;
    const inputs = typeof p.W === 'number' ? 1 : p.W[0].length;
    if (typeof p.V !== 'number' && p.V[0].length !== hidden) issue('V', 'must be square (hidden × hidden)');
    if ((typeof p.W === 'number' ? 1 : p.W.length) !== hidden) issue('W', `needs ${hidden} rows, one per hidden unit`);
    const len = (v: number | number[]) => (typeof v === 'number' ? 1 : v.length);
    if (len(p.b) !== hidden && typeof p.b !== 'number') issue('b', `needs ${hidden} values`);
    if (len(p.h0) !== hidden) issue('h0', `needs ${hidden} values`);
    p.xs.forEach((x, t) => {
      if (len(x) !== inputs) ctx.addIssue({ code: 'custom', path: ['xs', t], message: `needs ${inputs} values` });
    });
    if (p.objective === 'mse-last' && p.target === undefined) issue('target', 'mse-last needs a target');
    if (p.target !== undefined && len(p.target) !== hidden) issue('target', `needs ${hidden} values`);
    if (p.U !== undefined && typeof p.U !== 'number' && p.U[0].length !== hidden) issue('U', `needs ${hidden} columns`);
    if (p.objective === 'mse-outputs') {
      if (p.U === undefined) issue('U', 'mse-outputs needs output weights U');
      const outputs = p.U === undefined || typeof p.U === 'number' ? 1 : p.U.length;
      if (!p.targets || p.targets.length !== p.xs.length)
        issue('targets', `needs one target per input (${p.xs.length})`);
      else if (p.targets.some((t) => len(t) !== outputs)) issue('targets', `each target needs ${outputs} values`);
    }
  });
type Params = z.infer<typeof params>;

const asMatrix = (v: number | number[][]) => (typeof v === 'number' ? [[v]] : v);
const asVector = (v: number | number[], n: number) => (typeof v === 'number' ? Array(n).fill(v) : v);
const row = (t: Tensor) => (t.toArray() as number[][])[0];

export default defineSolver<Params>({
  name: 'rnn-unroll',
  title: 'RNN unrolled through time: hidden states and backpropagation through time',
  topics: ['rnn-lstm', 'backpropagation'],
  params,
  // TUM I2DL endterm 2020, 6d: the ReLU-RNN whose h_2 the exam misprints as 2/3 (it is 3/2).
  defaults: params.parse({ activation: 'relu', V: -2, W: 1, b: 0, h0: 2, xs: [2, 1.5, 4] }),
  generate(seed) {
    const r = new VariantRandom(seed);
    const activation = r.pick(['relu', 'tanh', 'identity'] as const);
    const steps = r.int(2, 4);
    return params.parse({
      activation,
      V: r.pick([-2, -1, -0.5, 0.5, 1, 2]),
      W: r.nonZeroInt(-3, 3),
      b: r.chance(0.5) ? 0 : r.int(-1, 1),
      h0: r.int(-2, 2),
      xs: r.vector(steps, () => r.int(-2, 3)),
    });
  },
  solve(p) {
    const scalar = typeof p.V === 'number' && typeof p.W === 'number' && p.xs.every((x) => typeof x === 'number');
    const Vm = asMatrix(p.V);
    const Wm = asMatrix(p.W);
    const hidden = Vm.length;
    const V = tensor(Vm, { requiresGrad: true });
    V.name = 'V';
    const W = tensor(Wm, { requiresGrad: true });
    W.name = 'W';
    const b = tensor(asVector(p.b, hidden), { requiresGrad: true });
    b.name = 'b';
    const h0 = tensor([asVector(p.h0, hidden)], { requiresGrad: true });
    h0.name = 'h0';
    const xs = p.xs.map((x, t) => {
      const xt = tensor([typeof x === 'number' ? [x] : x], { requiresGrad: true });
      xt.name = `x${t + 1}`;
      return xt;
    });
    const hs: Tensor[] = [];
    const as: Tensor[] = [];
    let h = h0;
    for (const xt of xs) {
      const a = h.matmul(V.t()).add(xt.matmul(W.t())).add(b);
      a.retainGrad();
      h = applyActivation(a, p.activation, p.slope);
      if (h !== a) h.retainGrad();
      as.push(a);
      hs.push(h);
    }
    const T = hs.length;
    // Optional outputs y_t = U h_t + c.
    const Um = p.U === undefined ? undefined : asMatrix(p.U);
    const U = Um ? tensor(Um, { requiresGrad: true }) : undefined;
    const cb = Um ? tensor(asVector(p.c, Um.length), { requiresGrad: true }) : undefined;
    const ys = U && cb ? hs.map((ht) => ht.matmul(U.t()).add(cb)) : [];
    let loss: Tensor;
    if (p.objective === 'mse-outputs') {
      const targets = (p.targets ?? []).map((t) => tensor([typeof t === 'number' ? [t] : t]));
      loss = ys.reduce((sum, y, t) => sum.add(y.sub(targets[t]).pow(2).sum().mul(0.5)), tensor(0));
    } else if (p.objective === 'last') loss = h.sum();
    else if (p.objective === 'sum') loss = hs.reduce((s, ht) => s.add(ht.sum()), tensor(0));
    else
      loss = h
        .sub(tensor([asVector(p.target as number | number[], hidden)]))
        .pow(2)
        .sum()
        .mul(0.5);
    loss.backward();

    const hVals = hs.map(row);
    const aVals = as.map(row);
    const dh = hs.map((t) => (t.grad ? row(t.grad) : Array(hidden).fill(0)));
    const da = as.map((t) => (t.grad ? row(t.grad) : Array(hidden).fill(0)));
    const dx = xs.map((t) => row(t.grad as Tensor));
    const dV = V.grad?.toArray() as number[][];
    const dW = W.grad?.toArray() as number[][];
    const db = b.grad?.toArray() as number[];
    const dh0 = row(h0.grad as Tensor);
    // ∂h_T/∂h_0 = Π_t diag(f'(a_t)) V: the factor a gradient picks up on its way back.
    let jac: number[][] = Array.from({ length: hidden }, (_, i) =>
      Array.from({ length: hidden }, (_, j) => (i === j ? 1 : 0)),
    );
    const stepFactors: number[] = [];
    for (let t = 0; t < T; t++) {
      const d = aVals[t].map((a, i) => activationDerivative(p.activation, a, hVals[t][i], p.slope));
      const J = Vm.map((r, i) => r.map((v) => d[i] * v));
      jac = J.map((r) => jac[0].map((_, j) => r.reduce((s, v, k) => s + v * jac[k][j], 0)));
      if (hidden === 1) stepFactors.push(J[0][0]);
    }
    const gradientFactor = hidden === 1 ? jac[0][0] : Math.sqrt(jac.flat().reduce((s, v) => s + v * v, 0));

    const one = (v: number[]) => (scalar ? v[0] : v);
    const answers: Record<string, AnswerValue> = {
      h: scalar ? hVals.map((v) => v[0]) : hVals,
      a: scalar ? aVals.map((v) => v[0]) : aVals,
      loss: loss.item(),
      dV: scalar ? dV[0][0] : dV,
      dW: scalar ? dW[0][0] : dW,
      db: one(db),
      dh0: one(dh0),
      dh: scalar ? dh.map((v) => v[0]) : dh,
      dx: scalar ? dx.map((v) => v[0]) : dx,
      gradientFactor,
      paramsCount: hidden * hidden + Wm.length * Wm[0].length + hidden,
    };
    if (hidden === 1) answers.stepFactors = stepFactors;
    if (U && cb && Um) {
      const yVals = ys.map(row);
      const scalarOut = scalar && Um.length === 1;
      answers.y = scalarOut ? yVals.map((v) => v[0]) : yVals;
      if (U.grad) answers.dU = scalarOut ? (U.grad.toArray() as number[][])[0][0] : (U.grad.toArray() as number[][]);
      if (cb.grad) answers.dc = scalarOut ? (cb.grad.toArray() as number[])[0] : (cb.grad.toArray() as number[]);
    }
    if (scalar) {
      for (let t = 0; t < T; t++) answers[`h${t + 1}`] = hVals[t][0];
    }

    const f =
      p.activation === 'identity'
        ? ''
        : p.activation === 'relu'
          ? '\\mathrm{ReLU}'
          : p.activation === 'leaky-relu'
            ? '\\mathrm{LReLU}'
            : `\\${p.activation === 'sigmoid' ? 'sigma' : 'tanh'}`;
    const bias = asVector(p.b, hidden);
    const steps: Step[] = [];
    if (scalar) {
      const v = Vm[0][0];
      const w = Wm[0][0];
      const hasBias = bias[0] !== 0;
      steps.push({
        title: 'Forward pass through time',
        latex: `\\begin{aligned} ${hVals
          .map((ht, t) => {
            const prev = t === 0 ? asVector(p.h0, 1)[0] : hVals[t - 1][0];
            const x = p.xs[t] as number;
            return `h_{${t + 1}} &= ${f}(V h_{${t}} + W x_{${t + 1}}${hasBias ? ' + b' : ''}) = ${f}(${factor(v)} \\cdot ${factor(prev)} + ${factor(w)} \\cdot ${factor(x)}${hasBias ? ` ${signed(bias[0])}` : ''}) = ${f}(${num(aVals[t][0])}) = ${num(ht[0])}`;
          })
          .join(' \\\\ ')} \\end{aligned}`,
      });
      steps.push({
        title: 'Backward through time',
        latex: `\\begin{aligned} ${[...Array(T).keys()]
          .reverse()
          .map(
            (t) =>
              `\\frac{\\partial L}{\\partial a_{${t + 1}}} &= \\frac{\\partial L}{\\partial h_{${t + 1}}} f'(a_{${t + 1}}) = ${factor(dh[t][0])} \\cdot ${factor(activationDerivative(p.activation, aVals[t][0], hVals[t][0], p.slope))} = ${num(da[t][0])}`,
          )
          .join(' \\\\ ')} \\end{aligned}`,
        text: `Going back one step multiplies the gradient by $f'(a_t) \\cdot V$ (${stepFactors.map((s) => num(s)).join(', ')} for t = 1..${T}); the ${p.activation === 'relu' ? 'ReLU' : 'activation'} derivative is taken as ${p.activation === 'relu' ? '0 at 0, as PyTorch does' : 'usual'}.`,
      });
      const h = (t: number) => (t === 0 ? asVector(p.h0, 1)[0] : hVals[t - 1][0]);
      steps.push({
        title: 'Weight gradients: one term per time step',
        latex: `\\begin{aligned} \\frac{\\partial L}{\\partial V} &= \\sum_t \\frac{\\partial L}{\\partial a_t} h_{t-1} = ${da.map((d, t) => `${factor(d[0])} \\cdot ${factor(h(t))}`).join(' + ')} = ${num(dV[0][0])} \\\\ \\frac{\\partial L}{\\partial W} &= \\sum_t \\frac{\\partial L}{\\partial a_t} x_t = ${da.map((d, t) => `${factor(d[0])} \\cdot ${factor(p.xs[t] as number)}`).join(' + ')} = ${num(dW[0][0])} \\\\ \\frac{\\partial L}{\\partial x_1} &= \\frac{\\partial L}{\\partial a_1} W = ${num(dx[0][0])} \\end{aligned}`,
        text: 'V and W are shared by all time steps, so their gradient sums the contribution of every step.',
      });
    } else {
      steps.push({
        title: 'Forward pass through time',
        latex: `\\begin{aligned} ${hVals.map((ht, t) => `h_{${t + 1}} &= ${f}(V h_{${t}} + W x_{${t + 1}} + b) = ${f}(${vec(aVals[t])}) = ${vec(ht)}`).join(' \\\\ ')} \\end{aligned}`,
      });
      steps.push({
        title: 'Gradients through time',
        table: {
          columns: ['t', 'h_t', '∂L/∂h_t', '∂L/∂a_t'],
          rows: hVals.map((ht, t) => [t + 1, vec(ht), vec(dh[t]), vec(da[t])]),
        },
        text: 'V and W are shared by all time steps, so their gradient sums the contribution of every step: ∂L/∂V = Σ_t (∂L/∂a_t) h_{t−1}ᵀ, ∂L/∂W = Σ_t (∂L/∂a_t) x_tᵀ.',
      });
    }
    if (U && Um) {
      steps.push({
        title: 'Outputs',
        latex: `\\begin{aligned} ${ys.map((y, t) => `y_{${t + 1}} &= U h_{${t + 1}} + c = ${scalar && Um.length === 1 ? num(row(y)[0]) : vec(row(y))}`).join(' \\\\ ')} \\end{aligned}`,
        text:
          p.objective === 'mse-outputs'
            ? `Loss $L = \\tfrac{1}{2}\\sum_t \\|y_t - y^*_t\\|^2 = ${num(loss.item())}$ (targets $y^*_t$); every output sends its error back into its own h_t, and from there back through time.`
            : undefined,
      });
    }
    steps.push({
      title: 'Vanishing or exploding?',
      latex: `\\left|\\frac{\\partial h_{${T}}}{\\partial h_0}\\right| = \\left|\\prod_{t=1}^{${T}} \\operatorname{diag}(f'(a_t))\\, V\\right| = ${num(Math.abs(gradientFactor))}`,
      text:
        Math.abs(gradientFactor) < 1
          ? 'Less than 1: over long sequences the product shrinks geometrically and early inputs get (almost) no gradient — vanishing gradients.'
          : Math.abs(gradientFactor) > 1
            ? 'Greater than 1: over long sequences the product grows geometrically — exploding gradients (gradient clipping helps).'
            : 'Exactly 1 here: the gradient keeps its size.',
    });
    return {
      answers,
      steps,
      charts: {
        gradients: {
          kind: 'line',
          data: {
            series: [{ name: '‖∂L/∂h_t‖', x: hVals.map((_, t) => t + 1), y: dh.map((d) => Math.hypot(...d)) }],
          },
          options: { title: 'Gradient size at each time step', xLabel: 't', yLabel: '‖∂L/∂h_t‖', markers: true },
        },
      },
    };
  },
});
