/**
 * A stack of layers (conv, pooling, batch norm, activations, flatten, linear): the output shape,
 * parameter count and receptive field after every layer, and the totals.
 *
 * Answers: `outputShapes` (per layer), `outputShape` (final), `params` (per layer),
 * `totalParams`, `receptiveField` (per layer, in input pixels), `receptiveFieldShape` (final,
 * r × r), `jump` (per layer: input pixels between neighbouring units), `flattenSize` (features
 * after the first flatten, i.e. the in_features of the following linear layer); for named layers
 * `shape_<name>`, `params_<name>`, `rf_<name>`. Typical mistake: `receptiveFieldNaive` (strides ignored).
 */
import { Generator, nn, noGrad, zeros } from '@i2dl/core';
import { z } from 'zod';
import { defineSolver } from './define.js';
import { shapeTex } from './format.js';
import { VariantRandom } from './random.js';
import type { AnswerValue, ChartSpec, Step } from './types.js';

const int = (description: string, min = 1, max = 100000) => z.int().min(min).max(max).describe(description);
const layerName = z
  .string()
  .regex(/^[A-Za-z][\w]*$/, 'layer names are letters, digits and _ (e.g. a, conv1)')
  .optional()
  .describe('a name for answers like shape_<name>');

const layerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('conv'),
    outChannels: int('number of filters'),
    kernelSize: int('kernel size (square)', 1, 512),
    stride: int('stride', 1, 64).default(1),
    padding: int('zero padding on each side', 0, 256).default(0),
    dilation: int('dilation', 1, 16).default(1),
    bias: z.boolean().default(true),
    name: layerName,
  }),
  z.object({
    type: z.enum(['maxpool', 'avgpool']),
    kernelSize: int('window size (square)', 1, 512),
    stride: int('stride (default: the window size, as in PyTorch)', 1, 64).optional(),
    padding: int('padding on each side', 0, 256).default(0),
    name: layerName,
  }),
  z.object({
    type: z.literal('linear'),
    outFeatures: int('output features'),
    bias: z.boolean().default(true),
    name: layerName,
  }),
  z.object({
    type: z.enum(['flatten', 'batchnorm', 'relu', 'leaky-relu', 'tanh', 'sigmoid', 'softmax', 'dropout']),
    name: layerName,
  }),
]);
type LayerSpec = z.infer<typeof layerSchema>;

const params = z.object({
  inputShape: z
    .array(int('a dimension'))
    .min(1)
    .max(4)
    .describe('input shape of one sample: [C, H, W] for images, [features] for vectors (a leading batch N is allowed)'),
  batch: z.boolean().default(false).describe('true when inputShape starts with the batch size N'),
  layout: z.enum(['CHW', 'HWC']).default('CHW').describe('order of the shape answers: C×H×W or H×W×C'),
  layers: z.array(layerSchema).min(1).max(40),
});
type Params = z.infer<typeof params>;

/** The state flowing through the stack: a feature map C×H×W or a vector of features. */
type Activation = { kind: 'map'; c: number; h: number; w: number } | { kind: 'vector'; n: number };

interface LayerRow {
  label: string;
  shape: number[];
  params: number;
  rf: number;
  rfShape: number[];
  naive: number;
  jump: number;
  formula: string;
}

const TITLES: Record<LayerSpec['type'], string> = {
  conv: 'Conv2d',
  maxpool: 'MaxPool2d',
  avgpool: 'AvgPool2d',
  linear: 'Linear',
  flatten: 'Flatten',
  batchnorm: 'BatchNorm',
  relu: 'ReLU',
  'leaky-relu': 'LeakyReLU',
  tanh: 'Tanh',
  sigmoid: 'Sigmoid',
  softmax: 'Softmax',
  dropout: 'Dropout',
};

function describeLayer(layer: LayerSpec): string {
  switch (layer.type) {
    case 'conv':
      return `Conv2d(${layer.outChannels}, k=${layer.kernelSize}, s=${layer.stride}, p=${layer.padding}${layer.dilation > 1 ? `, d=${layer.dilation}` : ''})`;
    case 'maxpool':
    case 'avgpool':
      return `${TITLES[layer.type]}(k=${layer.kernelSize}, s=${layer.stride ?? layer.kernelSize}${layer.padding ? `, p=${layer.padding}` : ''})`;
    case 'linear':
      return `Linear(→ ${layer.outFeatures})`;
    default:
      return TITLES[layer.type];
  }
}

/** The core module for one layer spec, given the shape of its input (batch first). */
function moduleFor(layer: LayerSpec, shape: number[], generator: Generator): nn.AnyModule {
  switch (layer.type) {
    case 'conv':
      return new nn.Conv2d(shape[1], layer.outChannels, layer.kernelSize, {
        stride: layer.stride,
        padding: layer.padding,
        dilation: layer.dilation,
        bias: layer.bias,
        generator,
      });
    case 'maxpool':
      return new nn.MaxPool2d(layer.kernelSize, { stride: layer.stride ?? layer.kernelSize, padding: layer.padding });
    case 'avgpool':
      return new nn.AvgPool2d(layer.kernelSize, { stride: layer.stride ?? layer.kernelSize, padding: layer.padding });
    case 'linear':
      return new nn.Linear(shape[1], layer.outFeatures, { bias: layer.bias, generator });
    case 'flatten':
      return new nn.Flatten();
    case 'batchnorm':
      return shape.length === 4 ? new nn.BatchNorm2d(shape[1]) : new nn.BatchNorm1d(shape[1]);
    case 'relu':
      return new nn.ReLU();
    case 'leaky-relu':
      return new nn.LeakyReLU();
    case 'tanh':
      return new nn.Tanh();
    case 'sigmoid':
      return new nn.Sigmoid();
    case 'softmax':
      return new nn.Softmax(1);
    case 'dropout':
      return new nn.Dropout();
  }
}

const isWindowed = (layer: LayerSpec) => layer.type === 'conv' || layer.type === 'maxpool' || layer.type === 'avgpool';

/**
 * Builds the stack from core's nn modules (each sized by the output of the one before), then reads
 * shapes and parameter counts from `nn.summary` and receptive fields from `nn.receptiveField`.
 * Throws with the layer's position when a layer cannot take its input.
 */
function walk(p: Params): { rows: LayerRow[]; input: Activation; flattenSize?: number } {
  const dims = p.batch ? p.inputShape.slice(1) : p.inputShape;
  if (dims.length !== 3 && dims.length !== 1) {
    throw new Error(
      `inputShape must be [C, H, W] or [features]${p.batch ? ' after the batch size' : ''}, got [${p.inputShape.join(', ')}]`,
    );
  }
  const input: Activation =
    dims.length === 3 ? { kind: 'map', c: dims[0], h: dims[1], w: dims[2] } : { kind: 'vector', n: dims[0] };
  // Weights are never used, only counted: a fixed generator keeps the global stream untouched.
  const generator = new Generator(0);
  const modules: nn.AnyModule[] = [];
  let shape = [1, ...dims];
  p.layers.forEach((layer, index) => {
    const where = `layer ${index + 1} (${describeLayer(layer)})`;
    if (isWindowed(layer) && shape.length !== 4) {
      throw new Error(`${where} needs a C×H×W feature map, but gets a vector of ${shape[1]} features`);
    }
    if (layer.type === 'linear' && shape.length !== 2) {
      throw new Error(`${where} gets a ${shape.slice(1).join('×')} feature map; add a flatten layer before it`);
    }
    const module = moduleFor(layer, shape, generator);
    try {
      const x = zeros(shape);
      shape = noGrad(() => (module.forward as (t: typeof x) => typeof x).call(module, x)).shape;
    } catch (error) {
      throw new Error(`${where}: ${(error as Error).message}`);
    }
    modules.push(module);
  });
  const model = new nn.Sequential(...(modules as nn.Module[]));
  const summary = nn.summary(model, [1, ...dims]);
  const fields = new Map(nn.receptiveField(model).map((row) => [Number(row.name), row]));
  const windows = p.layers.flatMap((layer, i) => (isWindowed(layer) ? [{ i, row: fields.get(i) }] : []));
  const naive = new Map(
    nn
      .receptiveField(windows.map(({ row }) => ({ kernel: row?.kernel ?? 1, dilation: row?.dilation ?? 1 })))
      .map((row, k) => [windows[k].i, row.receptiveField]),
  );
  const fullInput = input.kind === 'map' ? [input.h, input.w] : [input.n];
  let rf = 1;
  let naiveRf = 1;
  let jump = 1;
  let seesAll = false;
  let flattenSize: number | undefined;
  const rows = p.layers.map((layer, index): LayerRow => {
    const out = summary.layers[index].outputShape;
    const before = index === 0 ? [1, ...dims] : summary.layers[index - 1].outputShape;
    const params = summary.layers[index].params;
    let formula = '';
    const field = fields.get(index);
    if (field) {
      rf = field.receptiveField;
      jump = field.jump;
      naiveRf = naive.get(index) ?? naiveRf;
      const effective = field.dilation * (field.kernel - 1) + 1;
      formula = `\\lfloor (${before[2]} + 2 \\cdot ${field.padding} - ${effective}) / ${field.stride} \\rfloor + 1 = ${out[2]}`;
    } else if (layer.type === 'flatten' && before.length === 4) {
      formula = `${before.slice(1).join(' \\cdot ')} = ${out[1]}`;
      flattenSize ??= out[1];
    } else if (layer.type === 'linear') {
      formula = `${out[1]} \\cdot (${before[1]}${layer.bias ? ' + 1' : ''}) = ${params}`;
      seesAll = true;
    } else if (layer.type === 'batchnorm') {
      formula = `\\gamma, \\beta: 2 \\cdot ${before[1]} = ${params}`;
    }
    const spatial = out.slice(1);
    const arranged = spatial.length === 3 && p.layout === 'HWC' ? [spatial[1], spatial[2], spatial[0]] : spatial;
    return {
      label: layer.name ?? `${index + 1}. ${TITLES[layer.type]}`,
      shape: p.batch ? [p.inputShape[0], ...arranged] : arranged,
      params,
      rf: seesAll ? fullInput[0] : rf,
      rfShape: seesAll ? fullInput : [rf, rf],
      naive: seesAll ? fullInput[0] : naiveRf,
      jump,
      formula,
    };
  });
  return { rows, input, flattenSize };
}

/** The windowed layers before the first flatten, as viz's `receptive-field` diagram (inputs up to 128 pixels). */
function receptiveFieldChart(p: Params, input: Activation): ChartSpec | undefined {
  if (input.kind !== 'map' || Math.max(input.h, input.w) > 128) return undefined;
  const windowed: { name: string; kernel: number; stride: number; padding: number; dilation: number }[] = [];
  for (const [i, layer] of p.layers.entries()) {
    if (layer.type === 'flatten' || layer.type === 'linear') break;
    if (layer.type !== 'conv' && layer.type !== 'maxpool' && layer.type !== 'avgpool') continue;
    windowed.push({
      name: layer.name ?? `${i + 1}. ${TITLES[layer.type]}`,
      kernel: layer.kernelSize,
      stride: layer.type === 'conv' ? layer.stride : (layer.stride ?? layer.kernelSize),
      padding: layer.padding,
      dilation: layer.type === 'conv' ? layer.dilation : 1,
    });
  }
  if (windowed.length === 0) return undefined;
  return {
    kind: 'receptive-field',
    data: { inputSize: [input.h, input.w], layers: windowed },
    options: { title: 'Receptive field of one output unit, layer by layer' },
  };
}

export default defineSolver<Params>({
  name: 'layer-stack',
  title: 'Output shapes, parameters and receptive fields of a layer stack',
  topics: ['cnn', 'pooling', 'receptive-field'],
  params,
  // TUM I2DL endterm 2022, problem 4 (4.3 and 4.7): 5×5 convolutions with stride 1 and the padding
  // that keeps the size, 2×2 max pooling with stride 2, two 28×28 digit images stacked as channels.
  defaults: params.parse({
    inputShape: [2, 28, 28],
    layers: [
      { type: 'conv', outChannels: 8, kernelSize: 5, padding: 2, name: 'conv1' },
      { type: 'maxpool', kernelSize: 2, name: 'pool1' },
      { type: 'batchnorm' },
      { type: 'relu' },
      { type: 'conv', outChannels: 16, kernelSize: 5, padding: 2, name: 'conv2' },
      { type: 'maxpool', kernelSize: 2, name: 'pool2' },
      { type: 'batchnorm' },
      { type: 'relu' },
      { type: 'flatten' },
      { type: 'linear', outFeatures: 19, name: 'fc' },
    ],
  }),
  generate(seed) {
    const r = new VariantRandom(seed);
    const inputSize = r.pick([16, 28, 32]);
    const inputChannels = r.pick([1, 3]);
    let size = inputSize;
    const layers: z.input<typeof layerSchema>[] = [];
    const blocks = r.int(1, 3);
    for (let b = 0; b < blocks; b++) {
      const k = r.pick([1, 3, 5].filter((v) => v <= size));
      const stride = size >= 8 && r.chance(0.3) ? 2 : 1;
      const padding = r.chance(0.7) ? (k - 1) / 2 : 0;
      layers.push({ type: 'conv', outChannels: r.pick([4, 8, 16]), kernelSize: k, stride, padding });
      size = Math.floor((size + 2 * padding - k) / stride) + 1;
      if (r.chance(0.5)) layers.push({ type: 'batchnorm' });
      layers.push({ type: r.pick(['relu', 'tanh'] as const) });
      if (size >= 4 && r.chance(0.7)) {
        layers.push({ type: 'maxpool', kernelSize: 2 });
        size = Math.floor(size / 2);
      }
    }
    layers.push({ type: 'flatten' }, { type: 'linear', outFeatures: r.pick([2, 10, 19]) });
    return params.parse({ inputShape: [inputChannels, inputSize, inputSize], layers });
  },
  solve(p) {
    const { rows, input, flattenSize } = walk(p);
    const totalParams = rows.reduce((s, row) => s + row.params, 0);
    const inShape =
      input.kind === 'map'
        ? p.layout === 'CHW'
          ? [input.c, input.h, input.w]
          : [input.h, input.w, input.c]
        : [input.n];
    const last = rows[rows.length - 1];
    const answers: Record<string, AnswerValue> = {
      outputShapes: rows.map((row) => row.shape),
      outputShape: last.shape,
      params: rows.map((row) => row.params),
      totalParams,
      receptiveField: rows.map((row) => row.rf),
      receptiveFieldShape: last.rfShape,
      jump: rows.map((row) => row.jump),
      receptiveFieldNaive: rows.map((row) => row.naive),
    };
    if (flattenSize !== undefined) answers.flattenSize = flattenSize;
    p.layers.forEach((layer, i) => {
      if (!layer.name) return;
      answers[`shape_${layer.name}`] = rows[i].shape;
      answers[`params_${layer.name}`] = rows[i].params;
      answers[`rf_${layer.name}`] = rows[i].rf;
    });
    const steps: Step[] = [
      {
        title: 'Layer by layer',
        table: {
          columns: ['layer', 'output shape', 'parameters', 'receptive field'],
          rows: [
            ['input', inShape.join(' × '), 0, 1],
            ...rows.map((row, i) => [
              `${row.label}: ${describeLayer(p.layers[i])}`,
              row.shape.join(' × '),
              row.params,
              `${row.rfShape.join(' × ')}`,
            ]),
          ],
        },
        chart: receptiveFieldChart(p, input) ? 'receptiveField' : undefined,
      },
      {
        title: 'Sizes and parameters',
        latex: `\\begin{aligned} ${rows
          .filter((row) => row.formula)
          .map((row) => `\\text{${row.label.replace(/_/g, '\\_')}}: &\\quad ${row.formula}`)
          .join(' \\\\ ')} \\end{aligned}`,
        text: 'Conv and pooling: $\\lfloor (H + 2p - k)/s \\rfloor + 1$; conv parameters $F(C k^2 + 1)$; linear $n_{out}(n_{in} + 1)$; batch norm learns γ and β per channel; pooling, activations and flatten learn nothing.',
      },
      {
        title: 'Receptive field',
        latex: 'r_k = r_{k-1} + (k_k - 1) \\prod_{i<k} s_i, \\quad r_0 = 1',
        text: `Each window of kernel k widens the receptive field by (k − 1) times the jump (the product of the earlier strides). After a flatten and a linear layer every unit sees the whole input. Final receptive field: ${last.rfShape.join(' × ')}; ${totalParams} parameters in total, output ${shapeTex(last.shape).replace(/\\times/g, '×')}.`,
      },
    ];
    const chart = receptiveFieldChart(p, input);
    return { answers, steps, charts: chart ? { receptiveField: chart } : undefined };
  },
});
