/**
 * A small fully connected network given by its weight tables: forward pass, loss, every gradient
 * by core's autograd, and SGD updates. Named weights and units (w11, h4, yhat1, ...) become
 * answers of their own, so a question can ask for exactly the value the exam prints.
 *
 * Answers (layer n = 1, 2, ...): `output`, `loss`, `dOutput` (∂L/∂ŷ), `dx`, `z<n>`, `a<n>`,
 * `dz<n>`, `da<n>`, `dW<n>`, `db<n>`, `W<n>_new`, `b<n>_new`, `lossHistory`, `lossAfter`; for every
 * name given in the params: the value (`h4`, `w11`), its gradient `dL_d<name>` and, for weights and
 * biases, the updated value `<name>_new`; such a named answer takes precedence over a per-layer
 * answer with the same key (biases named b1, b2 make `b2_new` the updated bias b2). Typical mistakes: `lossSum`, `lossHalfSum`, `lossMean`,
 * `outputWithRelu`, `dL_d<weight>_firstOutputOnly`, `<weight>_newWrongSign`.
 */
import { exportGraph, type Tensor, tensor } from '@i2dl/core';
import { z } from 'zod';
import { activationDerivative, activationTex, applyActivation, derivativeTex } from './activations.js';
import { activationName, defineSolver, matrix, vector } from './define.js';
import { factor, mat, nameTex, num, signed } from './format.js';
import { VariantRandom } from './random.js';
import type { AnswerValue, ChartSpec, Step } from './types.js';

const name = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]*$/, 'names are letters followed by letters or digits, e.g. w11, h4, yhat1');

const layerSchema = z.object({
  weights: matrix('weights W, inputs × units: W[i][j] connects input i to unit j (so z = x W + b)'),
  bias: vector('bias b, one per unit (default: zeros)').optional(),
  activation: activationName.default('identity'),
  slope: z.number().min(0).max(1).default(0.01).describe('negative slope of leaky-relu'),
  weightNames: z.array(z.array(name)).optional().describe('names of the weights, same shape as weights'),
  biasNames: z.array(name).optional().describe('names of the biases'),
  preNames: z.array(name).optional().describe('names of the pre-activations z (e.g. h1, h2, h3)'),
  postNames: z.array(name).optional().describe('names of the activations a = f(z) (e.g. h4, h5, h6)'),
});

const lossName = z
  .enum(['mse', 'half-mse', 'sse', 'half-sse', 'bce', 'cross-entropy'])
  .describe(
    'mse: mean over outputs of (ŷ − y)²; half-mse: ½·mse; sse: sum of squares; half-sse: ½·sum; bce: binary cross-entropy (mean); cross-entropy: softmax of the outputs, then −Σ y log p',
  );

const params = z
  .object({
    input: vector('input x (one sample)'),
    inputNames: z.array(name).optional().describe('names of the inputs (e.g. x1, x2)'),
    layers: z.array(layerSchema).max(6).describe('the layers, input side first'),
    loss: lossName.default('mse'),
    targets: vector('targets y'),
    targetNames: z.array(name).optional().describe('names of the targets (e.g. y1, y2)'),
    lr: z.number().min(0).max(10).default(0.1).describe('SGD learning rate α'),
    iterations: z.int().min(0).max(100).default(1).describe('SGD steps on this sample'),
  })
  .superRefine((p, ctx) => {
    let width = p.input.length;
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (p.inputNames && p.inputNames.length !== width) issue(['inputNames'], `needs ${width} names, one per input`);
    p.layers.forEach((layer, l) => {
      const units = layer.weights[0].length;
      if (layer.weights.length !== width) {
        issue(
          ['layers', l, 'weights'],
          `needs ${width} rows (one per input of layer ${l + 1}), has ${layer.weights.length}`,
        );
      }
      if (layer.bias && layer.bias.length !== units)
        issue(['layers', l, 'bias'], `needs ${units} values, one per unit`);
      if (
        layer.weightNames &&
        (layer.weightNames.length !== layer.weights.length || layer.weightNames.some((r) => r.length !== units))
      ) {
        issue(['layers', l, 'weightNames'], 'must have the same shape as weights');
      }
      for (const key of ['biasNames', 'preNames', 'postNames'] as const) {
        const names = layer[key];
        if (names && names.length !== units) issue(['layers', l, key], `needs ${units} names, one per unit`);
      }
      width = units;
    });
    if (p.targets.length !== width) issue(['targets'], `needs ${width} values, one per output`);
    if (p.targetNames && p.targetNames.length !== width) issue(['targetNames'], `needs ${width} names`);
    const all = [
      ...(p.inputNames ?? []),
      ...p.layers.flatMap((l) => [
        ...(l.weightNames?.flat() ?? []),
        ...(l.biasNames ?? []),
        ...(l.preNames ?? []),
        ...(l.postNames ?? []),
      ]),
    ];
    const seen = new Set<string>();
    for (const n of all) {
      if (seen.has(n)) issue(['layers'], `the name "${n}" is used twice`);
      seen.add(n);
    }
  });
type Params = z.infer<typeof params>;

/** One forward and backward pass, as plain numbers. */
interface Pass {
  /** Inputs of each layer (pass.inputs[0] = x). */
  inputs: number[][];
  z: number[][];
  a: number[][];
  loss: number;
  dz: number[][];
  da: number[][];
  dW: number[][][];
  db: number[][];
  dx: number[];
  graph?: ReturnType<typeof exportGraph>;
}

const row = (t: Tensor): number[] => (t.toArray() as number[][])[0];

function lossTensor(kind: Params['loss'], out: Tensor, targets: number[]): Tensor {
  const y = tensor([targets]);
  const k = targets.length;
  switch (kind) {
    case 'mse':
      return out.sub(y).pow(2).mean();
    case 'half-mse':
      return out.sub(y).pow(2).mean().mul(0.5);
    case 'sse':
      return out.sub(y).pow(2).sum();
    case 'half-sse':
      return out.sub(y).pow(2).sum().mul(0.5);
    case 'bce': {
      const values = row(out);
      if (values.some((v) => v <= 0 || v >= 1)) {
        throw new Error(
          `binary cross-entropy needs outputs strictly between 0 and 1, got (${values.join(', ')}); use a sigmoid output layer`,
        );
      }
      const ones = tensor([Array(k).fill(1)]);
      return y
        .mul(out.log())
        .add(ones.sub(y).mul(ones.sub(out).log()))
        .mean()
        .neg();
    }
    case 'cross-entropy': {
      // log-softmax with the maximum subtracted for stability; the shift cancels in the gradient.
      const shift = Math.max(...row(out));
      const shifted = out.sub(shift);
      const logProbs = shifted.sub(shifted.exp().sum().log());
      return y.mul(logProbs).sum().neg();
    }
  }
}

/**
 * Forward and backward pass with core's autograd. `outputMask` (1 to keep, 0 to drop per output)
 * backpropagates only part of ∂L/∂ŷ, to compute the "forgot an output path" mistake.
 */
function runPass(
  p: Params,
  weights: number[][][],
  biases: number[][],
  withGraph: boolean,
  outputMask?: number[],
): Pass {
  const x = tensor([p.input], { requiresGrad: true });
  x.name = 'x';
  const Ws = weights.map((w, l) => {
    const t = tensor(w, { requiresGrad: true });
    t.name = `W${l + 1}`;
    return t;
  });
  const bs = biases.map((b, l) => {
    const t = tensor(b, { requiresGrad: true });
    t.name = `b${l + 1}`;
    return t;
  });
  const inputs: Tensor[] = [];
  const zs: Tensor[] = [];
  const as: Tensor[] = [];
  let a: Tensor = x;
  p.layers.forEach((layer, l) => {
    inputs.push(a);
    const zl = a.matmul(Ws[l]).add(bs[l]);
    zl.retainGrad();
    zl.name = `z${l + 1}`;
    a = applyActivation(zl, layer.activation, layer.slope);
    if (a !== zl) {
      a.retainGrad();
      a.name = `a${l + 1}`;
    }
    zs.push(zl);
    as.push(a);
  });
  const loss = lossTensor(p.loss, a, p.targets);
  loss.name = 'L';
  if (a === x) a.retainGrad();
  if (outputMask) {
    // ∂L/∂ŷ first (on a detached copy, so the real pass is untouched), then only the kept part.
    const out = a.detach();
    out.requiresGrad = true;
    lossTensor(p.loss, out, p.targets).backward();
    const dOut = row(out.grad as Tensor).map((g, j) => g * outputMask[j]);
    a.backward(tensor([dOut]));
  } else {
    loss.backward();
  }
  const grad = (t: Tensor) => (t.grad ? row(t.grad) : Array(t.shape[1]).fill(0));
  return {
    inputs: inputs.map(row),
    z: zs.map(row),
    a: as.map(row),
    loss: loss.item(),
    dz: zs.map(grad),
    da: as.map(grad),
    dW: Ws.map((w) => w.grad?.toArray() as number[][]),
    db: bs.map((b) => b.grad?.toArray() as number[]),
    dx: grad(x),
    graph: withGraph ? exportGraph(loss) : undefined,
  };
}

/** LaTeX names of everything in the network, from the params' names or generic ones. */
function texNames(p: Params) {
  const input = p.input.map((_, i) => (p.inputNames ? nameTex(p.inputNames[i]) : `x_{${i + 1}}`));
  const layers = p.layers.map((layer, l) => {
    const units = layer.weights[0].length;
    const sup = p.layers.length > 1 ? `^{(${l + 1})}` : '';
    const zTex = Array.from({ length: units }, (_, j) =>
      layer.preNames ? nameTex(layer.preNames[j]) : `z${sup}_{${j + 1}}`,
    );
    const aTex = Array.from({ length: units }, (_, j) =>
      layer.postNames ? nameTex(layer.postNames[j]) : layer.activation === 'identity' ? zTex[j] : `a${sup}_{${j + 1}}`,
    );
    const wTex = layer.weights.map((r, i) =>
      r.map((_, j) => (layer.weightNames ? nameTex(layer.weightNames[i][j]) : `W${sup}_{${i + 1}${j + 1}}`)),
    );
    const bTex = Array.from({ length: units }, (_, j) =>
      layer.biasNames ? nameTex(layer.biasNames[j]) : `b${sup}_{${j + 1}}`,
    );
    return { zTex, aTex, wTex, bTex };
  });
  const inputsOf = (l: number) => (l === 0 ? input : layers[l - 1].aTex);
  const outputs = layers.length ? layers[layers.length - 1].aTex : input;
  const targets = p.targets.map((_, j) => (p.targetNames ? nameTex(p.targetNames[j]) : `y_{${j + 1}}`));
  return { input, layers, inputsOf, outputs, targets };
}

function lossStep(p: Params, out: number[], loss: number, outTex: string[], yTex: string[]): Step {
  const k = p.targets.length;
  const squares = out.map((o, j) => `(${num(o)} - ${factor(p.targets[j])})^2`).join(' + ');
  const pre: Record<string, string> = {
    mse: `\\frac{1}{${k}}`,
    'half-mse': `\\frac{1}{2 \\cdot ${k}}`,
    sse: '',
    'half-sse': '\\frac{1}{2}',
  };
  if (p.loss in pre) {
    const symbolic = `${pre[p.loss]}\\sum_{j=1}^{${k}} (${outTex[0].replace(/_\{\d+\}$/, '_j')} - ${yTex[0].replace(/_\{\d+\}$/, '_j')})^2`;
    return {
      title: 'Loss',
      latex: `L = ${symbolic} = ${pre[p.loss]}\\left[${squares}\\right] = ${num(loss)}`,
      text:
        p.loss === 'mse'
          ? `Mean squared error: the mean over the ${k} outputs${k === 2 ? ', which for two outputs is the same as ½ times the sum of squares' : ''}.`
          : undefined,
    };
  }
  if (p.loss === 'bce') {
    const terms = out.map(
      (o, j) => `${factor(p.targets[j])} \\ln ${factor(o)} + (1 - ${factor(p.targets[j])}) \\ln(1 - ${factor(o)})`,
    );
    return {
      title: 'Loss (binary cross-entropy)',
      latex: `L = -\\frac{1}{${k}} \\sum_j \\left[y_j \\ln \\hat{y}_j + (1 - y_j) \\ln(1 - \\hat{y}_j)\\right] = -\\frac{1}{${k}}\\left[${terms.join(' + ')}\\right] = ${num(loss)}`,
    };
  }
  const shift = Math.max(...out);
  const sumExp = out.reduce((s, o) => s + Math.exp(o - shift), 0);
  const probs = out.map((o) => Math.exp(o - shift) / sumExp);
  return {
    title: 'Loss (softmax cross-entropy)',
    latex: `p_j = \\frac{e^{${outTex[0].replace(/_\{\d+\}$/, '_j')}}}{\\sum_m e^{${outTex[0].replace(/_\{\d+\}$/, '_m')}}} = (${probs.map((q) => num(q)).join(', ')}), \\quad L = -\\sum_j y_j \\ln p_j = ${num(loss)}`,
  };
}

function forwardSteps(p: Params, pass: Pass, names: ReturnType<typeof texNames>): Step[] {
  return p.layers.map((layer, l) => {
    const { zTex, aTex, wTex, bTex } = names.layers[l];
    const ins = names.inputsOf(l);
    const inVals = pass.inputs[l];
    const bias = layer.bias ?? Array(zTex.length).fill(0);
    const lines = zTex.map((zt, j) => {
      const symbolic = ins.map((it, i) => `${wTex[i][j]} ${it}`).join(' + ');
      const numeric = ins.map((_, i) => `${factor(layer.weights[i][j])} \\cdot ${factor(inVals[i])}`).join(' + ');
      return `${zt} &= ${symbolic} + ${bTex[j]} = ${numeric} ${signed(bias[j])} = ${num(pass.z[l][j])}`;
    });
    if (layer.activation !== 'identity') {
      zTex.forEach((zt, j) => {
        lines.push(`${aTex[j]} &= ${activationTex(layer.activation, zt, pass.z[l][j], pass.a[l][j], layer.slope)}`);
      });
    }
    const act = layer.activation === 'leaky-relu' ? `leaky ReLU (slope ${layer.slope})` : layer.activation;
    return {
      title: `Forward pass, layer ${l + 1}`,
      latex: `\\begin{aligned} ${lines.join(' \\\\ ')} \\end{aligned}`,
      text: layer.activation === 'identity' ? 'No activation on this layer.' : `Activation: ${act}.`,
    };
  });
}

function backwardSteps(p: Params, pass: Pass, names: ReturnType<typeof texNames>): Step[] {
  const steps: Step[] = [];
  const L = p.layers.length;
  const out = L ? pass.a[L - 1] : p.input;
  const dOut = L ? pass.da[L - 1] : pass.dx;
  const k = p.targets.length;
  const outTex = names.outputs;
  const scale: Record<string, string> = {
    mse: k === 2 ? '' : `\\frac{2}{${k}}`,
    'half-mse': k === 1 ? '' : `\\frac{1}{${k}}`,
    sse: '2',
    'half-sse': '',
  };
  if (p.loss in scale) {
    steps.push({
      title: 'Gradient of the loss with respect to the outputs',
      latex: `\\begin{aligned} ${outTex
        .map(
          (o, j) =>
            `\\frac{\\partial L}{\\partial ${o}} &= ${scale[p.loss]}(${o} - ${names.targets[j]}) = ${scale[p.loss]}(${num(out[j])} - ${factor(p.targets[j])}) = ${num(dOut[j])}`,
        )
        .join(' \\\\ ')} \\end{aligned}`,
    });
  } else if (p.loss === 'bce') {
    steps.push({
      title: 'Gradient of the loss with respect to the outputs',
      latex: `\\frac{\\partial L}{\\partial \\hat{y}_j} = \\frac{1}{${k}} \\cdot \\frac{\\hat{y}_j - y_j}{\\hat{y}_j (1 - \\hat{y}_j)} = (${dOut.map((d) => num(d)).join(', ')})`,
    });
  } else {
    steps.push({
      title: 'Gradient of the loss with respect to the logits',
      latex: `\\frac{\\partial L}{\\partial z_j} = p_j - y_j = (${dOut.map((d) => num(d)).join(', ')})`,
      text: 'Softmax and cross-entropy together have the simple gradient p − y (for targets that sum to 1).',
    });
  }
  for (let l = L - 1; l >= 0; l--) {
    const layer = p.layers[l];
    const { zTex, aTex } = names.layers[l];
    const ins = names.inputsOf(l);
    if (layer.activation !== 'identity') {
      steps.push({
        title: `Through the activation of layer ${l + 1}`,
        latex: `\\begin{aligned} ${zTex
          .map(
            (zt, j) =>
              `\\frac{\\partial L}{\\partial ${zt}} &= \\frac{\\partial L}{\\partial ${aTex[j]}} \\cdot f'(${zt}) = ${factor(pass.da[l][j])} \\cdot ${factor(activationDerivative(layer.activation, pass.z[l][j], pass.a[l][j], layer.slope))} = ${num(pass.dz[l][j])}`,
          )
          .join(' \\\\ ')} \\end{aligned}`,
        text: `Local derivatives: ${zTex.map((zt, j) => `$f'(${zt}) = ${derivativeTex(layer.activation, pass.z[l][j], pass.a[l][j], layer.slope)}$`).join(', ')}.`,
      });
    }
    steps.push({
      title: `Weight and bias gradients of layer ${l + 1}`,
      latex: `\\frac{\\partial L}{\\partial W${L > 1 ? `^{(${l + 1})}` : ''}} = x_{in}^\\top \\frac{\\partial L}{\\partial z} = ${mat(pass.dW[l])}, \\quad \\frac{\\partial L}{\\partial b} = (${pass.db[l].map((d) => num(d)).join(', ')})`,
      text: `Each weight's gradient is the gradient at the unit it feeds times the value on its input side: $\\partial L / \\partial W_{ij} = ${ins[0].replace(/_\{\d+\}$/, '_i')} \\cdot \\partial L / \\partial ${zTex[0].replace(/_\{\d+\}$/, '_j')}$.`,
    });
    if (l > 0) {
      const prev = names.layers[l - 1].aTex;
      steps.push({
        title: `Back to the inputs of layer ${l + 1}`,
        latex: `\\begin{aligned} ${prev
          .map(
            (pt, i) =>
              `\\frac{\\partial L}{\\partial ${pt}} &= ${zTex.map((zt, j) => `\\frac{\\partial L}{\\partial ${zt}} ${names.layers[l].wTex[i][j]}`).join(' + ')} = ${zTex.map((_, j) => `${factor(pass.dz[l][j])} \\cdot ${factor(layer.weights[i][j])}`).join(' + ')} = ${num(pass.da[l - 1][i])}`,
          )
          .join(' \\\\ ')} \\end{aligned}`,
      });
    }
  }
  return steps;
}

/** Every named weight with its layer and position. */
function weightNameList(p: Params): { nm: string; l: number; i: number; j: number }[] {
  return p.layers.flatMap((layer, l) =>
    (layer.weightNames ?? []).flatMap((r, i) => r.map((nm, j) => ({ nm, l, i, j }))),
  );
}

/**
 * Answers a typical mistake gives, for <Mistake> feedback: the loss with another convention,
 * the forward pass with ReLU where the layer has leaky ReLU, the gradient of each named weight
 * through the first output only (a forgotten path), and the update with the wrong sign.
 */
function mistakeAnswers(p: Params, first: Pass): Record<string, AnswerValue> {
  const L = p.layers.length;
  const out = L ? first.a[L - 1] : p.input;
  const squares = out.reduce((s, o, j) => s + (o - p.targets[j]) ** 2, 0);
  const answers: Record<string, AnswerValue> = {
    lossSum: squares,
    lossHalfSum: squares / 2,
    lossMean: squares / out.length,
  };
  if (L) {
    const asRelu: Params = {
      ...p,
      layers: p.layers.map((layer) => (layer.activation === 'leaky-relu' ? { ...layer, activation: 'relu' } : layer)),
    };
    const weights = p.layers.map((l) => l.weights);
    const biases = p.layers.map((l) => l.bias ?? Array(l.weights[0].length).fill(0));
    answers.outputWithRelu = runPass(asRelu, weights, biases, false).a[L - 1];
    if (out.length > 1) {
      const firstOnly = runPass(
        p,
        weights,
        biases,
        false,
        out.map((_, j) => (j === 0 ? 1 : 0)),
      );
      for (const { nm, l, i, j } of weightNameList(p)) answers[`dL_d${nm}_firstOutputOnly`] = firstOnly.dW[l][i][j];
    }
    for (const { nm, l, i, j } of weightNameList(p)) {
      answers[`${nm}_newWrongSign`] = p.layers[l].weights[i][j] + p.lr * first.dW[l][i][j];
    }
  }
  return answers;
}

/** The `network` chart of @i2dl/viz: weights as out × in tables (nn.Linear layout), values on the nodes. */
function networkChart(p: Params, pass: Pass): ChartSpec {
  const layers = [
    { name: 'input', nodes: p.input.map((v, i) => ({ label: p.inputNames?.[i] ?? `x${i + 1}`, value: v })) },
    ...p.layers.map((layer, l) => ({
      name: l === p.layers.length - 1 ? 'output' : `hidden ${l + 1}`,
      nodes: layer.weights[0].map((_, j) => ({
        label: layer.postNames?.[j] ?? layer.preNames?.[j] ?? `a${l + 1}${j + 1}`,
        value: pass.a[l][j],
      })),
    })),
  ];
  return {
    kind: 'network',
    data: {
      layers,
      weights: p.layers.map((layer) => layer.weights[0].map((_, j) => layer.weights.map((r) => r[j]))),
      biases: p.layers.map((layer) => layer.bias ?? null),
    },
    options: { title: 'The network with its weights and forward-pass values' },
  };
}

export default defineSolver<Params>({
  name: 'mlp',
  title: 'Fully connected network: forward pass, backpropagation and SGD',
  topics: ['mlp', 'backpropagation', 'losses'],
  params,
  // TUM I2DL endterm 2022, problem 6 (Table 6.1).
  defaults: params.parse({
    input: [1, -2],
    inputNames: ['x1', 'x2'],
    layers: [
      {
        weights: [
          [-0.5, 1, 2],
          [-1, 0.5, 1.5],
        ],
        bias: [0.5, 0, -1],
        activation: 'leaky-relu',
        slope: 0.5,
        weightNames: [
          ['w11', 'w12', 'w13'],
          ['w21', 'w22', 'w23'],
        ],
        biasNames: ['b1', 'b2', 'b3'],
        preNames: ['h1', 'h2', 'h3'],
        postNames: ['h4', 'h5', 'h6'],
      },
      {
        weights: [
          [1, -0.5],
          [-0.5, 2],
          [-1, 1],
        ],
        bias: [-1, 2],
        weightNames: [
          ['v11', 'v12'],
          ['v21', 'v22'],
          ['v31', 'v32'],
        ],
        biasNames: ['b4', 'b5'],
        preNames: ['yhat1', 'yhat2'],
      },
    ],
    loss: 'mse',
    targets: [1, 1],
    targetNames: ['y1', 'y2'],
    lr: 0.1,
    iterations: 1,
  }),
  generate(seed) {
    const r = new VariantRandom(seed);
    const nIn = r.int(1, 3);
    const nHidden = r.int(2, 3);
    const nOut = r.int(1, 2);
    const w = () => r.stepped(-2, 2, 0.5);
    const hiddenActivation = r.pick(['relu', 'leaky-relu', 'sigmoid', 'tanh', 'identity'] as const);
    const loss = r.pick(['mse', 'half-sse', 'mse'] as const);
    return params.parse({
      input: r.vector(nIn, () => r.nonZeroInt(-2, 2)),
      layers: [
        {
          weights: r.matrix(nIn, nHidden, w),
          bias: r.vector(nHidden, w),
          activation: hiddenActivation,
          slope: hiddenActivation === 'leaky-relu' ? r.pick([0.1, 0.2, 0.5]) : 0.01,
        },
        { weights: r.matrix(nHidden, nOut, w), bias: r.vector(nOut, w) },
      ],
      loss,
      targets: r.vector(nOut, () => r.int(-2, 2)),
      lr: r.pick([0.1, 0.5, 1]),
      iterations: 1,
    });
  },
  solve(p) {
    let weights = p.layers.map((l) => l.weights.map((r) => [...r]));
    let biases = p.layers.map((l) => l.bias ?? Array(l.weights[0].length).fill(0));
    const first = runPass(p, weights, biases, true);
    const sgdStep = (w: number[][][], b: number[][], pass: Pass) => ({
      w: w.map((m, l) => m.map((r, i) => r.map((v, j) => v - p.lr * pass.dW[l][i][j]))),
      b: b.map((v, l) => v.map((x, j) => x - p.lr * pass.db[l][j])),
    });
    const afterOne = sgdStep(weights, biases, first);
    const lossHistory = [first.loss];
    let last = first;
    for (let it = 0; it < p.iterations; it++) {
      ({ w: weights, b: biases } = sgdStep(weights, biases, last));
      last = runPass(p, weights, biases, false);
      lossHistory.push(last.loss);
    }
    const names = texNames(p);
    const L = p.layers.length;
    const output = L ? first.a[L - 1] : p.input;
    const answers: Record<string, AnswerValue> = {
      output,
      loss: first.loss,
      dOutput: L ? first.da[L - 1] : first.dx,
      dx: first.dx,
    };
    p.layers.forEach((_, l) => {
      const n = l + 1;
      answers[`z${n}`] = first.z[l];
      answers[`a${n}`] = first.a[l];
      answers[`dz${n}`] = first.dz[l];
      answers[`da${n}`] = first.da[l];
      answers[`dW${n}`] = first.dW[l];
      answers[`db${n}`] = first.db[l];
      if (p.iterations > 0) {
        answers[`W${n}_new`] = weights[l];
        answers[`b${n}_new`] = biases[l];
      }
    });
    // The exam's own names are set after all per-layer vectors, so they win a clash: with biases named
    // b1..b4 (TUM 2022/2023), `b2_new` is the bias b2 updated, not layer 2's whole bias vector.
    p.layers.forEach((layer, l) => {
      layer.preNames?.forEach((nm, j) => {
        answers[nm] = first.z[l][j];
        answers[`dL_d${nm}`] = first.dz[l][j];
      });
      layer.postNames?.forEach((nm, j) => {
        answers[nm] = first.a[l][j];
        answers[`dL_d${nm}`] = first.da[l][j];
      });
      layer.biasNames?.forEach((nm, j) => {
        answers[`dL_d${nm}`] = first.db[l][j];
        if (p.iterations > 0) answers[`${nm}_new`] = biases[l][j];
      });
    });
    for (const { nm, l, i, j } of weightNameList(p)) {
      answers[nm] = p.layers[l].weights[i][j];
      answers[`dL_d${nm}`] = first.dW[l][i][j];
      if (p.iterations > 0) answers[`${nm}_new`] = weights[l][i][j];
    }
    p.inputNames?.forEach((nm, i) => {
      answers[`dL_d${nm}`] = first.dx[i];
    });
    Object.assign(answers, mistakeAnswers(p, first));
    if (p.iterations > 0) {
      answers.lossHistory = lossHistory;
      answers.lossAfter = lossHistory[lossHistory.length - 1];
    }

    const steps: Step[] = [
      ...forwardSteps(p, first, names),
      lossStep(p, output, first.loss, names.outputs, names.targets),
      ...backwardSteps(p, first, names),
    ];
    const namedWeights = p.layers.flatMap((layer, l) =>
      (layer.weightNames ?? []).flatMap((r, i) =>
        r.map((nm, j) => ({ nm, l, i, j, tex: names.layers[l].wTex[i][j], zTex: names.layers[l].zTex[j] })),
      ),
    );
    if (namedWeights.length) {
      steps.push({
        title: 'Gradients of the named weights',
        latex: `\\begin{aligned} ${namedWeights
          .map(
            ({ l, i, j, tex, zTex }) =>
              `\\frac{\\partial L}{\\partial ${tex}} &= \\frac{\\partial L}{\\partial ${zTex}} \\cdot \\frac{\\partial ${zTex}}{\\partial ${tex}} = ${factor(first.dz[l][j])} \\cdot ${factor(first.inputs[l][i])} = ${num(first.dW[l][i][j])}`,
          )
          .join(' \\\\ ')} \\end{aligned}`,
        text: `$\\partial ${namedWeights[0].zTex} / \\partial ${namedWeights[0].tex}$ is the input the weight multiplies.`,
      });
    }
    if (p.iterations > 0) {
      const updates = namedWeights.length
        ? namedWeights.map(
            ({ l, i, j, tex }) =>
              `${tex}^{new} &= ${tex} - \\alpha \\frac{\\partial L}{\\partial ${tex}} = ${num(p.layers[l].weights[i][j])} - ${num(p.lr)} \\cdot ${factor(first.dW[l][i][j])} = ${num(afterOne.w[l][i][j])}`,
          )
        : p.layers.map(
            (_, l) =>
              `W^{(${l + 1})}_{new} &= W^{(${l + 1})} - ${num(p.lr)} \\cdot \\frac{\\partial L}{\\partial W^{(${l + 1})}} = ${mat(afterOne.w[l])}`,
          );
      steps.push({
        title: p.iterations > 1 ? 'First SGD update' : 'SGD update',
        latex: `\\begin{aligned} ${updates.join(' \\\\ ')} \\end{aligned}`,
        text: `Gradient descent with learning rate α = ${num(p.lr)}: every parameter moves against its gradient.`,
      });
      if (p.iterations > 1) {
        steps.push({
          title: `${p.iterations} SGD steps on the same sample`,
          table: { columns: ['step', 'loss before the step'], rows: lossHistory.map((v, t) => [t, num(v)]) },
          text: `After ${p.iterations} steps the loss is ${num(lossHistory[p.iterations])}.`,
        });
      }
    }
    const charts: Record<string, ChartSpec> = {
      network: networkChart(p, first),
      graph: { kind: 'graph', data: first.graph, options: { title: 'Computational graph with values and gradients' } },
    };
    return { answers, steps, charts };
  },
});
