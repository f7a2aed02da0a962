/**
 * Backpropagation through one LSTM cell with a prediction head, written with the intermediate
 * results of the FAU DL exam (question 5): b = concat(h_{t−1}, x_t); f_t = σ(w_1·b),
 * i_t = σ(w_2·b), c̃_t = tanh(w_3·b), o_t = σ(w_4·b); a = f_t c_{t−1} + i_t c̃_t (= c_t);
 * e = tanh(a); d = o_t e (= h_t); ŷ_t = σ(d). The upstream gradients ∂L/∂ŷ_t, ∂L/∂h_t and ∂L/∂c_t
 * are given; core's autograd differentiates L = ℓ_y ŷ_t + ℓ_h h_t + ℓ_c c_t, whose partial
 * derivatives are exactly those upstream gradients, and every closed-form formula of the
 * derivation is checked against it.
 *
 * Answers: forward `b`, `f`, `i`, `cTilde`, `o`, `a`, `c`, `e`, `d`, `h`, `yhat`; backward `dd`,
 * `de`, `do`, `da`, `dcTilde`, `di`, `df`, `dcPrev`, `db` ([∂L/∂h_{t−1}, ∂L/∂x_t]), `dw`
 * (4 × 2, ∂L/∂w_k), `formulaError` (largest gap between the formulas and autograd). Typical
 * mistakes: `dd_withoutH` (the h_t path forgotten), `da_withoutC` (the c_t path forgotten).
 */
import { exportGraph, type Tensor, tensor } from '@i2dl/core';
import { z } from 'zod';
import { defineSolver, real } from './define.js';
import { num, vec } from './format.js';
import { VariantRandom } from './random.js';
import type { Step } from './types.js';

const pair = (description: string) =>
  z.tuple([real('weight on h_{t−1}', 100), real('weight on x_t', 100)]).describe(description);

const params = z.object({
  hPrev: real('previous hidden state h_{t−1}', 100).default(0.5),
  x: real('input x_t', 100).default(1),
  cPrev: real('previous cell state c_{t−1}', 100).default(0.8),
  w1: pair('forget-gate weights w_1 (on h_{t−1}, x_t)').default([0.5, 1]),
  w2: pair('input-gate weights w_2').default([-0.5, 1]),
  w3: pair('candidate weights w_3').default([1, 0.5]),
  w4: pair('output-gate weights w_4').default([0.5, 0.5]),
  dLdy: real('given upstream gradient ∂L/∂ŷ_t', 100).default(1),
  dLdh: real('given upstream gradient ∂L/∂h_t (from the next time step)', 100).default(0.5),
  dLdc: real('given upstream gradient ∂L/∂c_t (from the next time step)', 100).default(-0.5),
});
type Params = z.infer<typeof params>;

/** Names a tensor for the graph export and keeps its gradient. */
function named(t: Tensor, name: string): Tensor {
  t.name = name;
  return t.retainGrad();
}

const gradOf = (t: Tensor): number[] => t.grad?.toFlatArray() ?? [];
const scalarGrad = (t: Tensor): number => gradOf(t)[0] ?? 0;

export default defineSolver<Params>({
  name: 'lstm-backprop',
  title: 'Backpropagation through an LSTM cell with a prediction head',
  topics: ['rnn-lstm', 'backpropagation', 'computational-graphs'],
  params,
  defaults: params.parse({}),
  generate(seed) {
    const r = new VariantRandom(seed);
    const w = (): [number, number] => [r.stepped(-1, 1, 0.5), r.stepped(-1, 1, 0.5)];
    return params.parse({
      hPrev: r.stepped(-1, 1, 0.5),
      x: r.stepped(-2, 2, 0.5),
      cPrev: r.stepped(-1, 1, 0.5),
      w1: w(),
      w2: w(),
      w3: w(),
      w4: w(),
      dLdy: r.stepped(-1, 1, 0.5),
      dLdh: r.stepped(-1, 1, 0.5),
      dLdc: r.stepped(-1, 1, 0.5),
    });
  },
  solve(p) {
    // Forward pass with autograd: one leaf per input, one named node per intermediate result.
    // b is a 1×2 row and each w_k a 2×1 column, so every gate is a single matmul node in the graph.
    const b = named(tensor([[p.hPrev, p.x]], { requiresGrad: true }), 'b');
    const cPrev = named(tensor([[p.cPrev]], { requiresGrad: true }), 'c_{t-1}');
    const ws = [p.w1, p.w2, p.w3, p.w4].map((w, k) =>
      named(tensor([[w[0]], [w[1]]], { requiresGrad: true }), `w${k + 1}`),
    );
    const gate = (k: number) => b.matmul(ws[k]);
    const f = named(gate(0).sigmoid(), 'f_t');
    const i = named(gate(1).sigmoid(), 'i_t');
    const cTilde = named(gate(2).tanh(), 'c̃_t');
    const o = named(gate(3).sigmoid(), 'o_t');
    const a = named(f.mul(cPrev).add(i.mul(cTilde)), 'a = c_t');
    const e = named(a.tanh(), 'e');
    const d = named(o.mul(e), 'd = h_t');
    const yhat = named(d.sigmoid(), 'ŷ_t');
    // The given upstream gradients as named constants: L = ℓ_y ŷ_t + ℓ_h h_t + ℓ_c c_t.
    const upstream = (value: number, name: string) => {
      const t = tensor([[value]]);
      t.name = name;
      return t;
    };
    const loss = yhat
      .mul(upstream(p.dLdy, '∂L/∂ŷ_t'))
      .add(d.mul(upstream(p.dLdh, '∂L/∂h_t')))
      .add(a.mul(upstream(p.dLdc, '∂L/∂c_t')))
      .sum();
    loss.name = 'L';
    loss.backward();

    const v = (t: Tensor) => t.item();
    const fwd = { f: v(f), i: v(i), cTilde: v(cTilde), o: v(o), a: v(a), e: v(e), d: v(d), yhat: v(yhat) };
    const auto = {
      dd: scalarGrad(d),
      de: scalarGrad(e),
      do: scalarGrad(o),
      da: scalarGrad(a),
      dcTilde: scalarGrad(cTilde),
      di: scalarGrad(i),
      df: scalarGrad(f),
      dcPrev: scalarGrad(cPrev),
      db: gradOf(b),
    };

    // The closed-form derivation, from the forward values only.
    const dd = p.dLdy * fwd.yhat * (1 - fwd.yhat) + p.dLdh;
    const de = dd * fwd.o;
    const dO = dd * fwd.e;
    const da = p.dLdc + de * (1 - fwd.e ** 2);
    const dcTilde = da * fwd.i;
    const di = da * fwd.cTilde;
    const df = da * p.cPrev;
    const dcPrev = da * fwd.f;
    const gateGrads = [
      df * fwd.f * (1 - fwd.f),
      di * fwd.i * (1 - fwd.i),
      dcTilde * (1 - fwd.cTilde ** 2),
      dO * fwd.o * (1 - fwd.o),
    ];
    const weights = [p.w1, p.w2, p.w3, p.w4];
    const db = [0, 1].map((j) => gateGrads.reduce((sum, g, k) => sum + g * weights[k][j], 0));
    const formula = { dd, de, do: dO, da, dcTilde, di, df, dcPrev };
    const gaps = [
      ...Object.entries(formula).map(([key, value]) => Math.abs(value - (auto[key as keyof typeof formula] as number))),
      ...db.map((value, j) => Math.abs(value - auto.db[j])),
    ];
    const formulaError = Math.max(...gaps);

    const row = (name: string, rule: string, value: number): (string | number)[] => [name, rule, num(value)];
    const steps: Step[] = [
      {
        title: 'Forward pass',
        latex: `b = ${vec([p.hPrev, p.x])}, \\quad c_{t-1} = ${num(p.cPrev)}`,
        table: {
          columns: ['result', 'formula', 'value'],
          rows: [
            row('$f_t$', '$\\sigma(w_1 \\cdot b)$', fwd.f),
            row('$i_t$', '$\\sigma(w_2 \\cdot b)$', fwd.i),
            row('$\\tilde c_t$', '$\\tanh(w_3 \\cdot b)$', fwd.cTilde),
            row('$o_t$', '$\\sigma(w_4 \\cdot b)$', fwd.o),
            row('$a = c_t$', '$f_t c_{t-1} + i_t \\tilde c_t$', fwd.a),
            row('$e$', '$\\tanh(a)$', fwd.e),
            row('$d = h_t$', '$o_t \\cdot e$', fwd.d),
            row('$\\hat y_t$', '$\\sigma(d)$', fwd.yhat),
          ],
        },
        text: `Weights: $w_1 = ${vec(p.w1)}$, $w_2 = ${vec(p.w2)}$, $w_3 = ${vec(p.w3)}$, $w_4 = ${vec(p.w4)}$.`,
      },
      {
        title: 'Backward pass with the derived formulas',
        latex: `\\frac{\\partial L}{\\partial \\hat y_t} = ${num(p.dLdy)}, \\quad \\frac{\\partial L}{\\partial h_t} = ${num(p.dLdh)}, \\quad \\frac{\\partial L}{\\partial c_t} = ${num(p.dLdc)}`,
        table: {
          columns: ['gradient', 'formula', 'value'],
          rows: [
            row(
              '$\\partial L / \\partial d$',
              '$\\frac{\\partial L}{\\partial \\hat y_t} \\hat y_t (1 - \\hat y_t) + \\frac{\\partial L}{\\partial h_t}$',
              dd,
            ),
            row('$\\partial L / \\partial e$', '$\\frac{\\partial L}{\\partial d}\\, o_t$', de),
            row('$\\partial L / \\partial o_t$', '$\\frac{\\partial L}{\\partial d}\\, e$', dO),
            row(
              '$\\partial L / \\partial a$',
              '$\\frac{\\partial L}{\\partial c_t} + \\frac{\\partial L}{\\partial e} (1 - e^2)$',
              da,
            ),
            row('$\\partial L / \\partial \\tilde c_t$', '$\\frac{\\partial L}{\\partial a}\\, i_t$', dcTilde),
            row('$\\partial L / \\partial i_t$', '$\\frac{\\partial L}{\\partial a}\\, \\tilde c_t$', di),
            row('$\\partial L / \\partial f_t$', '$\\frac{\\partial L}{\\partial a}\\, c_{t-1}$', df),
            row('$\\partial L / \\partial c_{t-1}$', '$\\frac{\\partial L}{\\partial a}\\, f_t$', dcPrev),
            [
              '$\\partial L / \\partial b$',
              "$\\sum_k w_k \\cdot \\frac{\\partial L}{\\partial g_k}\\, g_k'$",
              `(${db.map((x) => num(x)).join(', ')})`,
            ],
          ],
        },
        text: "In the last row $g_k$ runs over the four gate outputs $f_t, i_t, \\tilde c_t, o_t$ and $g_k'$ is the derivative of its activation at $w_k \\cdot b$: $\\sigma' = g(1 - g)$, $\\tanh' = 1 - g^2$.",
        chart: 'graph',
      },
      {
        title: 'Check against autograd',
        text: `Autograd on $L = ${num(p.dLdy)}\\,\\hat y_t + ${num(p.dLdh)}\\,h_t + ${num(p.dLdc)}\\,c_t$ gives the same gradients: the largest difference between the formulas and autograd is $${num(formulaError, 12)}$.`,
      },
    ];

    return {
      answers: {
        b: [p.hPrev, p.x],
        ...fwd,
        c: fwd.a,
        h: fwd.d,
        dd: auto.dd,
        de: auto.de,
        do: auto.do,
        da: auto.da,
        dcTilde: auto.dcTilde,
        di: auto.di,
        df: auto.df,
        dcPrev: auto.dcPrev,
        db: auto.db,
        dw: ws.map(gradOf),
        formulaError,
        dd_withoutH: dd - p.dLdh,
        da_withoutC: da - p.dLdc,
      },
      steps,
      charts: {
        graph: {
          kind: 'graph',
          data: exportGraph(loss),
          options: {
            title: 'LSTM cell as a computational graph',
            description:
              'b = concat(h_{t−1}, x_t) feeds four gates; a = f_t c_{t−1} + i_t c̃_t is the new cell state, d = o_t tanh(a) the new hidden state, ŷ_t = σ(d) the prediction; L weights the three outputs with the given upstream gradients.',
          },
        },
      },
    };
  },
});
