// nn.summary (per-layer output shapes and parameter counts) and nn.receptiveField.
import { noGrad } from '../autograd.js';
import { zeros } from '../creation.js';
import type { DType } from '../dtype.js';
import { Tensor } from '../tensor.js';
import { AvgPool2d, Conv2d, ConvTranspose2d, MaxPool2d, Sequential } from './layers.js';
import { type AnyModule, Module } from './module.js';

/** One row of `summary`. */
export interface LayerSummary {
  /** Dotted module name ('0', 'features.1', ...). */
  name: string;
  /** Layer type ('Conv2d', 'ReLU', ...). */
  type: string;
  /** Shape of the layer's output (the first tensor when it returns several). */
  outputShape: number[];
  /** Parameters owned directly by this layer. */
  params: number;
}

/** What `summary` returns. */
export interface ModelSummary {
  layers: LayerSummary[];
  totalParams: number;
  trainableParams: number;
}

function firstTensor(value: unknown): Tensor | null {
  if (value instanceof Tensor) return value;
  if (Array.isArray(value)) {
    for (const v of value) {
      const t = firstTensor(v);
      if (t) return t;
    }
  }
  return null;
}

/**
 * Runs `model` once on zeros of `inputShape` (in eval mode, without gradients, restoring the mode
 * afterwards) and lists every leaf layer in call order with its output shape and parameter count.
 *
 * @example
 * nn.summary(new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU()), [1, 2]).totalParams; // 9
 */
export function summary(model: AnyModule, inputShape: number[], options: { dtype?: DType } = {}): ModelSummary {
  const rows: LayerSummary[] = [];
  const leaves = model.namedModules().filter(([, m]) => m.children().length === 0);
  const modes = model.modules().map((m) => [m, m.training] as const);
  const patched: AnyModule[] = [];
  for (const [name, m] of leaves) {
    const original = m.forward;
    const params = m.parameters(false).reduce((acc, p) => acc + p.numel(), 0);
    (m as unknown as { forward: (...args: unknown[]) => unknown }).forward = (...args: unknown[]) => {
      const out = (original as (...a: unknown[]) => unknown).apply(m, args);
      rows.push({
        name: name || m.typeName,
        type: m.typeName,
        outputShape: [...(firstTensor(out)?.shape ?? [])],
        params,
      });
      return out;
    };
    patched.push(m);
  }
  try {
    model.eval();
    noGrad(() =>
      (model.forward as unknown as (x: Tensor) => unknown).call(model, zeros(inputShape, { dtype: options.dtype })),
    );
  } finally {
    for (const m of patched) delete (m as unknown as { forward?: unknown }).forward;
    for (const [m, mode] of modes) m.training = mode;
  }
  const params = model.parameters();
  return {
    layers: rows,
    totalParams: params.reduce((acc, p) => acc + p.numel(), 0),
    trainableParams: params.filter((p) => p.requiresGrad).reduce((acc, p) => acc + p.numel(), 0),
  };
}

/** A sliding-window layer described by hand (sizes along one spatial axis). */
export interface WindowLayerSpec {
  name?: string;
  kernel: number;
  stride?: number;
  padding?: number;
  dilation?: number;
}

/** One row of `receptiveField`. */
export interface ReceptiveFieldRow {
  name: string;
  kernel: number;
  stride: number;
  padding: number;
  dilation: number;
  /** Input pixels one output unit of this layer sees (along one axis). */
  receptiveField: number;
  /** Distance in input pixels between neighbouring units of this layer's output (the stride product). */
  jump: number;
  /** Output size along the axis when an input size was given. */
  outputSize?: number;
}

function first(v: number | [number, number] | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  return typeof v === 'number' ? v : v[0];
}

function windowOf(name: string, layer: AnyModule | WindowLayerSpec): WindowLayerSpec | null {
  if (layer instanceof Conv2d) {
    const o = layer.options;
    return {
      name,
      kernel: layer.kernelSize[0],
      stride: first(o.stride, 1),
      padding: first(o.padding, 0),
      dilation: first(o.dilation, 1),
    };
  }
  if (layer instanceof MaxPool2d || layer instanceof AvgPool2d) {
    const k = first(layer.kernelSize, 1);
    const o = layer.options as {
      stride?: number | [number, number];
      padding?: number | [number, number];
      dilation?: number | [number, number];
    };
    return {
      name,
      kernel: k,
      stride: first(o.stride, k),
      padding: first(o.padding, 0),
      dilation: first(o.dilation, 1),
    };
  }
  if (layer instanceof ConvTranspose2d) {
    throw new Error(
      `receptiveField: layer '${name}' is a transposed convolution; its receptive field is not defined by this rule`,
    );
  }
  if (layer instanceof Module) return null;
  return { name: layer.name ?? name, ...layer };
}

/**
 * Receptive field, jump and (optionally) output size after each sliding-window layer, along one
 * spatial axis (the height for 2-D layers). Element-wise layers (activations, batch norm) are
 * skipped because they do not change either. Recurrence:
 * r_l = r_(l−1) + (d·(k − 1))·j_(l−1), j_l = j_(l−1)·s, n_l = ⌊(n_(l−1) + 2p − d·(k − 1) − 1)/s⌋ + 1.
 *
 * @example
 * nn.receptiveField([{ kernel: 3 }, { kernel: 2, stride: 2 }, { kernel: 3 }]).map((r) => r.receptiveField); // [3, 4, 8]
 */
export function receptiveField(
  layers: Sequential | (AnyModule | WindowLayerSpec)[],
  inputSize?: number,
): ReceptiveFieldRow[] {
  const entries: [string, AnyModule | WindowLayerSpec][] =
    layers instanceof Sequential
      ? layers.namedModules().filter(([, m]) => m.children().length === 0)
      : layers.map((l, i) => [String(i), l]);
  let rf = 1;
  let jump = 1;
  let size = inputSize;
  const rows: ReceptiveFieldRow[] = [];
  for (const [name, layer] of entries) {
    const w = windowOf(name, layer);
    if (!w) continue;
    const { kernel: k, stride: s = 1, padding: p = 0, dilation: d = 1 } = w;
    for (const [label, v, min] of [
      ['kernel', k, 1],
      ['stride', s, 1],
      ['padding', p, 0],
      ['dilation', d, 1],
    ] as const) {
      if (!Number.isInteger(v) || v < min)
        throw new Error(`receptiveField: layer '${w.name}' has invalid ${label} ${v}`);
    }
    rf += d * (k - 1) * jump;
    jump *= s;
    const row: ReceptiveFieldRow = {
      name: w.name ?? name,
      kernel: k,
      stride: s,
      padding: p,
      dilation: d,
      receptiveField: rf,
      jump,
    };
    if (size !== undefined) {
      const out = Math.floor((size + 2 * p - d * (k - 1) - 1) / s) + 1;
      if (out <= 0)
        throw new Error(
          `receptiveField: layer '${row.name}' gets an input of size ${size} that is smaller than its window`,
        );
      row.outputSize = out;
      size = out;
    }
    rows.push(row);
  }
  return rows;
}
