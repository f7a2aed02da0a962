/**
 * One LSTM cell step: gates i, f, o, the candidate g (c̃), the cell state c_t and hidden state h_t,
 * and by core's autograd the gradients for upstream gradients ∂L/∂h_t and ∂L/∂c_t.
 * Scalars or small vectors/matrices.
 *
 * Answers: `i`, `f`, `g`, `o` (gate values), `c`, `h`, `tanhC`, pre-activations `ai`, `af`, `ag`,
 * `ao`; gradients `di`, `df`, `dg`, `do`, `dc` (total ∂L/∂c_t), `dcPrev`, `dhPrev`, `dx`, and per
 * gate `dW_<gate>`, `dU_<gate>`, `db_<gate>`; `loss` (½‖h_t − target‖² when a target is given, else
 * Σ ∂L/∂h·h, the linear loss with these upstream gradients; plus Σ ∂L/∂c·c).
 */
import { type Tensor, tensor } from '@i2dl/core';
import { z } from 'zod';
import { defineSolver, matrix, vector } from './define.js';
import { factor, num, vec } from './format.js';
import { VariantRandom } from './random.js';
import type { AnswerValue, Step } from './types.js';

const scalarOrMatrix = (d: string) =>
  z.union([z.number().min(-100).max(100), matrix(d, 8)]).describe(`${d} (a number for a scalar cell)`);
const scalarOrVector = (d: string) =>
  z.union([z.number().min(-100).max(100), vector(d, 8)]).describe(`${d} (a number for a scalar cell)`);
const gate = (name: string) =>
  z.object({
    W: scalarOrMatrix(`input weights of the ${name} (hidden × input)`),
    U: scalarOrMatrix(`recurrent weights of the ${name} (hidden × hidden)`).default(0),
    b: scalarOrVector(`bias of the ${name}`).default(0),
  });
const GATES = ['i', 'f', 'g', 'o'] as const;
type Gate = (typeof GATES)[number];

const params = z.object({
  x: scalarOrVector('input x_t'),
  hPrev: scalarOrVector('previous hidden state h_{t−1}').default(0),
  cPrev: scalarOrVector('previous cell state c_{t−1}').default(0),
  gates: z
    .object({ i: gate('input gate'), f: gate('forget gate'), g: gate('candidate c̃'), o: gate('output gate') })
    .describe('weights of the input gate i, forget gate f, candidate g (c̃) and output gate o'),
  hidden: z
    .enum(['tanh', 'identity'])
    .default('tanh')
    .describe('h_t = o ⊙ tanh(c_t) (standard) or h_t = o ⊙ c_t (the TUM 2020/2023 exam variant)'),
  dh: scalarOrVector('upstream gradient ∂L/∂h_t').default(1),
  dc: scalarOrVector('upstream gradient ∂L/∂c_t from the next step').default(0),
  target: scalarOrVector('a target for h_t: the loss becomes ½‖h_t − target‖² (dh is then ignored)').optional(),
});
type Params = z.infer<typeof params>;

/** A number stands for v·I (square) or v in every row (a single input column). */
const asMatrix = (v: number | number[][], rows: number, cols: number) =>
  typeof v === 'number'
    ? Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => (r === c || cols === 1 ? v : 0)))
    : v;
const asVector = (v: number | number[], n: number) => (typeof v === 'number' ? Array(n).fill(v) : v);
const row = (t: Tensor) => (t.toArray() as number[][])[0];

export default defineSolver<Params>({
  name: 'lstm-cell',
  title: 'LSTM cell: gates, cell and hidden state, and their gradients',
  topics: ['rnn-lstm', 'backpropagation'],
  params,
  defaults: params.parse({
    x: 1,
    hPrev: 0.5,
    cPrev: 1,
    gates: { i: { W: 1 }, f: { W: 2 }, g: { W: 1, U: -1 }, o: { W: 0.5, U: 1 } },
  }),
  generate(seed) {
    const r = new VariantRandom(seed);
    const w = () => r.stepped(-2, 2, 0.5);
    const g = () => ({ W: w(), U: w(), b: r.chance(0.5) ? 0 : w() });
    return params.parse({
      x: r.nonZeroInt(-2, 2),
      hPrev: r.stepped(-1, 1, 0.5),
      cPrev: r.stepped(-2, 2, 0.5),
      gates: { i: g(), f: g(), g: g(), o: g() },
      hidden: r.chance(0.8) ? 'tanh' : 'identity',
      dh: r.nonZeroInt(-2, 2),
      dc: r.int(-1, 1),
    });
  },
  solve(p) {
    const scalar = [p.x, p.hPrev, p.cPrev].every((v) => typeof v === 'number');
    const hiddenSize = Math.max(
      ...[p.hPrev, p.cPrev].map((v) => (typeof v === 'number' ? 1 : v.length)),
      ...GATES.map((k) => (typeof p.gates[k].W === 'number' ? 1 : (p.gates[k].W as number[][]).length)),
    );
    const inputSize = typeof p.x === 'number' ? 1 : p.x.length;
    const x = tensor([asVector(p.x, inputSize)], { requiresGrad: true });
    const hPrev = tensor([asVector(p.hPrev, hiddenSize)], { requiresGrad: true });
    const cPrev = tensor([asVector(p.cPrev, hiddenSize)], { requiresGrad: true });
    const weights = Object.fromEntries(
      GATES.map((k) => {
        const gp = p.gates[k];
        const W = tensor(asMatrix(gp.W, hiddenSize, inputSize), { requiresGrad: true });
        const U = tensor(asMatrix(gp.U, hiddenSize, hiddenSize), { requiresGrad: true });
        const b = tensor(asVector(gp.b, hiddenSize), { requiresGrad: true });
        for (const [t, shape] of [
          [W, [hiddenSize, inputSize]],
          [U, [hiddenSize, hiddenSize]],
          [b, [hiddenSize]],
        ] as const) {
          if (t.shape.join() !== shape.join()) {
            throw new Error(
              `gates.${k}: a weight has shape [${t.shape}], expected [${shape}] for hidden size ${hiddenSize} and input size ${inputSize}`,
            );
          }
        }
        return [k, { W, U, b }];
      }),
    ) as Record<Gate, { W: Tensor; U: Tensor; b: Tensor }>;
    const pre = {} as Record<Gate, Tensor>;
    const act = {} as Record<Gate, Tensor>;
    for (const k of GATES) {
      const { W, U, b } = weights[k];
      pre[k] = x.matmul(W.t()).add(hPrev.matmul(U.t())).add(b);
      act[k] = k === 'g' ? pre[k].tanh() : pre[k].sigmoid();
      act[k].retainGrad();
    }
    const c = act.f.mul(cPrev).add(act.i.mul(act.g));
    c.retainGrad();
    const tanhC = c.tanh();
    const h = act.o.mul(p.hidden === 'tanh' ? tanhC : c);
    const dh = tensor([asVector(p.dh, hiddenSize)]);
    const dc = tensor([asVector(p.dc, hiddenSize)]);
    const loss = (
      p.target === undefined
        ? h.mul(dh).sum()
        : h
            .sub(tensor([asVector(p.target, hiddenSize)]))
            .pow(2)
            .sum()
            .mul(0.5)
    ).add(c.mul(dc).sum());
    loss.backward();

    const one = (v: number[]) => (scalar ? v[0] : v);
    const oneM = (m: number[][]) => (scalar && m.length === 1 && m[0].length === 1 ? m[0][0] : m);
    const v = (t: Tensor) => one(row(t));
    const gr = (t: Tensor) => one(row(t.grad as Tensor));
    const answers: Record<string, AnswerValue> = {
      i: v(act.i),
      f: v(act.f),
      g: v(act.g),
      o: v(act.o),
      ai: v(pre.i),
      af: v(pre.f),
      ag: v(pre.g),
      ao: v(pre.o),
      c: v(c),
      tanhC: v(tanhC),
      h: v(h),
      loss: loss.item(),
      di: gr(act.i),
      df: gr(act.f),
      dg: gr(act.g),
      do: gr(act.o),
      dc: gr(c),
      dcPrev: gr(cPrev),
      dhPrev: gr(hPrev),
      dx: gr(x),
    };
    for (const k of GATES) {
      answers[`dW_${k}`] = oneM(weights[k].W.grad?.toArray() as number[][]);
      answers[`dU_${k}`] = oneM(weights[k].U.grad?.toArray() as number[][]);
      answers[`db_${k}`] = one(weights[k].b.grad?.toArray() as number[]);
    }
    const show = (t: Tensor) => (scalar ? num(row(t)[0]) : vec(row(t)));
    const showGrad = (t: Tensor) => (scalar ? num(row(t.grad as Tensor)[0]) : vec(row(t.grad as Tensor)));
    const biasGrad = (k: Gate) => (weights[k].b.grad as Tensor).toArray() as number[];
    const gateName: Record<Gate, string> = { i: 'input gate', f: 'forget gate', g: 'candidate', o: 'output gate' };
    const hTex = p.hidden === 'tanh' ? 'o_t \\odot \\tanh(c_t)' : 'o_t \\odot c_t';
    const steps: Step[] = [
      {
        title: 'Gates',
        latex: `\\begin{aligned} ${GATES.map((k) => {
          const f = k === 'g' ? '\\tanh' : '\\sigma';
          const name = k === 'g' ? '\\tilde{c}_t' : `${k}_t`;
          const gp = p.gates[k];
          const numbers =
            scalar && typeof gp.W === 'number' && typeof gp.U === 'number' && typeof gp.b === 'number'
              ? `${f}(${factor(gp.W)} \\cdot ${factor(p.x as number)} + ${factor(gp.U)} \\cdot ${factor(p.hPrev as number)} + ${factor(gp.b)}) = ${f}(${show(pre[k])})`
              : `${f}(${show(pre[k])})`;
          return `${name} &= ${f}(W_${k} x_t + U_${k} h_{t-1} + b_${k}) = ${numbers} = ${show(act[k])}`;
        }).join(' \\\\ ')} \\end{aligned}`,
        text: 'The three gates use the sigmoid (values in (0, 1), how much to let through); the candidate uses tanh (values in (−1, 1)).',
      },
      {
        title: 'Cell and hidden state',
        latex: `\\begin{aligned} c_t &= f_t \\odot c_{t-1} + i_t \\odot \\tilde{c}_t = ${show(act.f)} \\cdot ${scalar ? factor(p.cPrev as number) : vec(row(cPrev))} + ${show(act.i)} \\cdot ${show(act.g)} = ${show(c)} \\\\ h_t &= ${hTex} = ${show(h)} \\end{aligned}`,
        text: 'The cell state is the memory: the forget gate scales what is kept, the input gate what is written.',
      },
      {
        title: 'Backward pass',
        latex: `\\begin{aligned} \\frac{\\partial L}{\\partial c_t} &= ${p.hidden === 'tanh' ? '\\frac{\\partial L}{\\partial h_t} \\odot o_t \\odot (1 - \\tanh^2 c_t)' : '\\frac{\\partial L}{\\partial h_t} \\odot o_t'} + \\frac{\\partial L}{\\partial c_t}\\Big|_{next} = ${showGrad(c)} \\\\ \\frac{\\partial L}{\\partial o_t} &= \\frac{\\partial L}{\\partial h_t} \\odot ${p.hidden === 'tanh' ? '\\tanh(c_t)' : 'c_t'} = ${showGrad(act.o)} \\\\ \\frac{\\partial L}{\\partial f_t} &= \\frac{\\partial L}{\\partial c_t} \\odot c_{t-1} = ${showGrad(act.f)} \\\\ \\frac{\\partial L}{\\partial i_t} &= \\frac{\\partial L}{\\partial c_t} \\odot \\tilde{c}_t = ${showGrad(act.i)} \\\\ \\frac{\\partial L}{\\partial \\tilde{c}_t} &= \\frac{\\partial L}{\\partial c_t} \\odot i_t = ${showGrad(act.g)} \\\\ \\frac{\\partial L}{\\partial c_{t-1}} &= \\frac{\\partial L}{\\partial c_t} \\odot f_t = ${showGrad(cPrev)} \\end{aligned}`,
        text: `${p.target === undefined ? 'Upstream gradients' : `Loss ½‖h_t − target‖² = ${num(loss.item())}, so ∂L/∂h_t = h_t − target`}: ∂L/∂h_t = ${p.target === undefined ? (scalar ? num(row(dh)[0]) : vec(row(dh))) : 'h_t − target'}, ∂L/∂c_t from the next step = ${scalar ? num(row(dc)[0]) : vec(row(dc))}. The path c_{t−1} → c_t only multiplies by the forget gate, so the gradient can flow over many steps without vanishing.`,
      },
      {
        title: 'Into the gate pre-activations and weights',
        table: {
          columns: ['gate', 'value', '∂L/∂gate', "σ' or tanh'", '∂L/∂b'],
          rows: GATES.map((k) => {
            const a = row(act[k]);
            const local = a.map((y) => (k === 'g' ? 1 - y * y : y * (1 - y)));
            return [
              gateName[k],
              show(act[k]),
              showGrad(act[k]),
              scalar ? num(local[0]) : vec(local),
              scalar ? num(biasGrad(k)[0]) : vec(biasGrad(k)),
            ];
          }),
        },
        text: 'Each weight gradient is the pre-activation gradient (∂L/∂b) times the input it multiplies: x_t for W, h_{t−1} for U.',
      },
    ];
    return { answers, steps };
  },
});
