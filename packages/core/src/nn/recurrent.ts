// Recurrent layers: RNNCell/RNN (tanh or relu) and LSTMCell/LSTM with PyTorch's gate order
// i, f, g, o (input, forget, cell candidate, output) stacked in weightIh/weightHh rows.
import { zeros } from '../creation.js';
import { uniform } from '../init.js';
import { stack } from '../ops.js';
import { fmtList } from '../shape.js';
import type { Tensor } from '../tensor.js';
import type { ParamOptions } from './layers.js';
import { Module, Parameter } from './module.js';

function recurrentRepr(m: { inputSize: number; hiddenSize: number }, extra: Record<string, string | false>): string {
  const rest = Object.entries(extra)
    .filter((e): e is [string, string] => e[1] !== false)
    .map(([k, v]) => `${k}=${v}`);
  return [`${m.inputSize}, ${m.hiddenSize}`, ...rest].join(', ');
}

/** Options of the recurrent layers. */
export interface RecurrentOptions extends ParamOptions {
  bias?: boolean;
}

/** Options of RNNCell and RNN. */
export interface RNNOptions extends RecurrentOptions {
  nonlinearity?: 'tanh' | 'relu';
}

/** Options of the multi-step layers. */
export interface SequenceOptions {
  numLayers?: number;
  /** Input and output as (N, L, features) instead of (L, N, features). */
  batchFirst?: boolean;
}

/** PyTorch's recurrent init: every parameter ~ U(-1/√hidden, 1/√hidden), in registration order. */
function resetRecurrent(module: Module<never, unknown>, hiddenSize: number, options: ParamOptions): void {
  const bound = hiddenSize > 0 ? 1 / Math.sqrt(hiddenSize) : 0;
  for (const p of module.parameters()) uniform(p, -bound, bound, options);
}

interface CellParams {
  weightIh: Tensor;
  weightHh: Tensor;
  biasIh: Tensor | null;
  biasHh: Tensor | null;
}

/** x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh: the pre-activation every recurrent cell starts from. */
function gates(x: Tensor, h: Tensor, p: CellParams): Tensor {
  let z = x.matmul(p.weightIh.t());
  if (p.biasIh) z = z.add(p.biasIh);
  z = z.add(h.matmul(p.weightHh.t()));
  if (p.biasHh) z = z.add(p.biasHh);
  return z;
}

function checkFeatures(x: Tensor, size: number, op: string, what: string): void {
  if (x.shape[x.ndim - 1] !== size) {
    throw new Error(`${op}: ${what} has ${x.shape[x.ndim - 1]} features (shape ${fmtList(x.shape)}), expected ${size}`);
  }
}

/** h' = act(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh) with act = tanh (default) or relu. */
export class RNNCell extends Module<[Tensor, Tensor?], Tensor> {
  weightIh: Tensor;
  weightHh: Tensor;
  biasIh: Tensor | null;
  biasHh: Tensor | null;
  readonly nonlinearity: 'tanh' | 'relu';
  constructor(
    readonly inputSize: number,
    readonly hiddenSize: number,
    options: RNNOptions = {},
  ) {
    super();
    const dtype = options.dtype;
    this.weightIh = Parameter(zeros([hiddenSize, inputSize], { dtype }));
    this.weightHh = Parameter(zeros([hiddenSize, hiddenSize], { dtype }));
    this.biasIh = options.bias === false ? null : Parameter(zeros([hiddenSize], { dtype }));
    this.biasHh = options.bias === false ? null : Parameter(zeros([hiddenSize], { dtype }));
    this.nonlinearity = options.nonlinearity ?? 'tanh';
    if (this.nonlinearity !== 'tanh' && this.nonlinearity !== 'relu') {
      throw new Error(`RNNCell: unknown nonlinearity '${this.nonlinearity}'; use 'tanh' or 'relu'`);
    }
    resetRecurrent(this as unknown as Module<never, unknown>, hiddenSize, options);
  }
  override get typeName(): string {
    return 'RNNCell';
  }
  override extraRepr(): string {
    return recurrentRepr(this, {
      bias: this.biasIh === null && 'False',
      nonlinearity: this.nonlinearity !== 'tanh' && this.nonlinearity,
    });
  }
  /** One step: x (N, input) or (input), h (N, hidden) (zeros when omitted). */
  forward(x: Tensor, h?: Tensor): Tensor {
    checkFeatures(x, this.inputSize, 'RNNCell', 'input');
    const h0 = h ?? zeros(x.ndim === 1 ? [this.hiddenSize] : [x.shape[0], this.hiddenSize], { dtype: x.dtype });
    checkFeatures(h0, this.hiddenSize, 'RNNCell', 'hidden state');
    const z = gates(x, h0, this);
    return this.nonlinearity === 'tanh' ? z.tanh() : z.relu();
  }
}

/** One LSTM step with gates i, f, g, o (PyTorch's order): c' = f·c + i·g, h' = o·tanh(c'). */
export class LSTMCell extends Module<[Tensor, [Tensor, Tensor]?], [Tensor, Tensor]> {
  weightIh: Tensor;
  weightHh: Tensor;
  biasIh: Tensor | null;
  biasHh: Tensor | null;
  constructor(
    readonly inputSize: number,
    readonly hiddenSize: number,
    options: RecurrentOptions = {},
  ) {
    super();
    const dtype = options.dtype;
    this.weightIh = Parameter(zeros([4 * hiddenSize, inputSize], { dtype }));
    this.weightHh = Parameter(zeros([4 * hiddenSize, hiddenSize], { dtype }));
    this.biasIh = options.bias === false ? null : Parameter(zeros([4 * hiddenSize], { dtype }));
    this.biasHh = options.bias === false ? null : Parameter(zeros([4 * hiddenSize], { dtype }));
    resetRecurrent(this as unknown as Module<never, unknown>, hiddenSize, options);
  }
  override get typeName(): string {
    return 'LSTMCell';
  }
  override extraRepr(): string {
    return recurrentRepr(this, { bias: this.biasIh === null && 'False' });
  }
  /** One step: x (N, input) or (input); state [h, c] (zeros when omitted). Returns [h', c']. */
  forward(x: Tensor, state?: [Tensor, Tensor]): [Tensor, Tensor] {
    checkFeatures(x, this.inputSize, 'LSTMCell', 'input');
    const shape = x.ndim === 1 ? [this.hiddenSize] : [x.shape[0], this.hiddenSize];
    const [h, c] = state ?? [zeros(shape, { dtype: x.dtype }), zeros(shape, { dtype: x.dtype })];
    checkFeatures(h, this.hiddenSize, 'LSTMCell', 'hidden state');
    const z = gates(x, h, this);
    const H = this.hiddenSize;
    const last = z.ndim - 1;
    const i = z.slice(last, 0, H).sigmoid();
    const f = z.slice(last, H, 2 * H).sigmoid();
    const g = z.slice(last, 2 * H, 3 * H).tanh();
    const o = z.slice(last, 3 * H, 4 * H).sigmoid();
    const c2 = f.mul(c).add(i.mul(g));
    return [o.mul(c2.tanh()), c2];
  }
}

/** Layer-l parameters as PyTorch names them (weight_ih_l0 → weightIhL0). */
function layerParams(m: object, l: number): CellParams {
  const r = m as Record<string, Tensor | null>;
  return {
    weightIh: r[`weightIhL${l}`] as Tensor,
    weightHh: r[`weightHhL${l}`] as Tensor,
    biasIh: r[`biasIhL${l}`] ?? null,
    biasHh: r[`biasHhL${l}`] ?? null,
  };
}

function defineLayers(
  m: object,
  inputSize: number,
  hiddenSize: number,
  gatesPerUnit: number,
  options: RecurrentOptions & SequenceOptions,
) {
  const layers = options.numLayers ?? 1;
  if (!Number.isInteger(layers) || layers < 1) throw new Error(`numLayers must be a positive integer, got ${layers}`);
  const r = m as Record<string, Tensor>;
  const dtype = options.dtype;
  for (let l = 0; l < layers; l++) {
    const inSize = l === 0 ? inputSize : hiddenSize;
    r[`weightIhL${l}`] = Parameter(zeros([gatesPerUnit * hiddenSize, inSize], { dtype }));
    r[`weightHhL${l}`] = Parameter(zeros([gatesPerUnit * hiddenSize, hiddenSize], { dtype }));
    if (options.bias !== false) {
      r[`biasIhL${l}`] = Parameter(zeros([gatesPerUnit * hiddenSize], { dtype }));
      r[`biasHhL${l}`] = Parameter(zeros([gatesPerUnit * hiddenSize], { dtype }));
    }
  }
  return layers;
}

/** Sequence input as (L, N, F) steps, plus how to put the output back. */
function toTimeMajor(x: Tensor, batchFirst: boolean, inputSize: number, op: string) {
  if (x.ndim !== 2 && x.ndim !== 3)
    throw new Error(`${op}: expected a 2-D (L, input) or 3-D input, got ${fmtList(x.shape)}`);
  checkFeatures(x, inputSize, op, 'input');
  const unbatched = x.ndim === 2;
  const seq = unbatched ? x.unsqueeze(1) : batchFirst ? x.transpose(0, 1) : x;
  const restore = (out: Tensor) => (unbatched ? out.squeeze(1) : batchFirst ? out.transpose(0, 1) : out);
  return { seq, unbatched, restore };
}

function initialState(
  given: Tensor | undefined,
  layers: number,
  batch: number,
  hidden: number,
  unbatched: boolean,
  like: Tensor,
  op: string,
): Tensor {
  if (!given) return zeros([layers, batch, hidden], { dtype: like.dtype });
  const expected = unbatched ? [layers, hidden] : [layers, batch, hidden];
  if (given.shape.join() !== expected.join()) {
    throw new Error(`${op}: expected hidden state of shape ${fmtList(expected)}, got ${fmtList(given.shape)}`);
  }
  return unbatched ? given.unsqueeze(1) : given;
}

/** Multi-layer Elman RNN; forward returns [output (L, N, hidden), hN (layers, N, hidden)]. */
export class RNN extends Module<[Tensor, Tensor?], [Tensor, Tensor]> {
  readonly numLayers: number;
  readonly nonlinearity: 'tanh' | 'relu';
  readonly batchFirst: boolean;
  constructor(
    readonly inputSize: number,
    readonly hiddenSize: number,
    options: RNNOptions & SequenceOptions = {},
  ) {
    super();
    this.nonlinearity = options.nonlinearity ?? 'tanh';
    if (this.nonlinearity !== 'tanh' && this.nonlinearity !== 'relu') {
      throw new Error(`RNN: unknown nonlinearity '${this.nonlinearity}'; use 'tanh' or 'relu'`);
    }
    this.batchFirst = options.batchFirst ?? false;
    this.numLayers = defineLayers(this, inputSize, hiddenSize, 1, options);
    resetRecurrent(this as unknown as Module<never, unknown>, hiddenSize, options);
  }
  override get typeName(): string {
    return 'RNN';
  }
  override extraRepr(): string {
    return recurrentRepr(this, {
      num_layers: this.numLayers !== 1 && String(this.numLayers),
      bias: !('biasIhL0' in this) && 'False',
      batch_first: this.batchFirst && 'True',
    });
  }
  forward(x: Tensor, h0?: Tensor): [Tensor, Tensor] {
    const { seq, unbatched, restore } = toTimeMajor(x, this.batchFirst, this.inputSize, 'RNN');
    const [L, N] = seq.shape;
    const h = initialState(h0, this.numLayers, N, this.hiddenSize, unbatched, seq, 'RNN');
    let input = seq;
    const finals: Tensor[] = [];
    for (let l = 0; l < this.numLayers; l++) {
      const p = layerParams(this, l);
      let state = h.select(0, l);
      const outs: Tensor[] = [];
      for (let t = 0; t < L; t++) {
        const z = gates(input.select(0, t), state, p);
        state = this.nonlinearity === 'tanh' ? z.tanh() : z.relu();
        outs.push(state);
      }
      finals.push(state);
      input = stack(outs, 0);
    }
    const hn = stack(finals, 0);
    return [restore(input), unbatched ? hn.squeeze(1) : hn];
  }
}

/** Multi-layer LSTM; forward returns [output, [hN, cN]] (gate order i, f, g, o). */
export class LSTM extends Module<[Tensor, [Tensor, Tensor]?], [Tensor, [Tensor, Tensor]]> {
  readonly numLayers: number;
  readonly batchFirst: boolean;
  constructor(
    readonly inputSize: number,
    readonly hiddenSize: number,
    options: RecurrentOptions & SequenceOptions = {},
  ) {
    super();
    this.batchFirst = options.batchFirst ?? false;
    this.numLayers = defineLayers(this, inputSize, hiddenSize, 4, options);
    resetRecurrent(this as unknown as Module<never, unknown>, hiddenSize, options);
  }
  override get typeName(): string {
    return 'LSTM';
  }
  override extraRepr(): string {
    return recurrentRepr(this, {
      num_layers: this.numLayers !== 1 && String(this.numLayers),
      bias: !('biasIhL0' in this) && 'False',
      batch_first: this.batchFirst && 'True',
    });
  }
  forward(x: Tensor, state?: [Tensor, Tensor]): [Tensor, [Tensor, Tensor]] {
    const { seq, unbatched, restore } = toTimeMajor(x, this.batchFirst, this.inputSize, 'LSTM');
    const [L, N] = seq.shape;
    const h = initialState(state?.[0], this.numLayers, N, this.hiddenSize, unbatched, seq, 'LSTM');
    const c = initialState(state?.[1], this.numLayers, N, this.hiddenSize, unbatched, seq, 'LSTM');
    const H = this.hiddenSize;
    let input = seq;
    const hs: Tensor[] = [];
    const cs: Tensor[] = [];
    for (let l = 0; l < this.numLayers; l++) {
      const p = layerParams(this, l);
      let hl = h.select(0, l);
      let cl = c.select(0, l);
      const outs: Tensor[] = [];
      for (let t = 0; t < L; t++) {
        const z = gates(input.select(0, t), hl, p);
        const i = z.slice(1, 0, H).sigmoid();
        const f = z.slice(1, H, 2 * H).sigmoid();
        const g = z.slice(1, 2 * H, 3 * H).tanh();
        const o = z.slice(1, 3 * H, 4 * H).sigmoid();
        cl = f.mul(cl).add(i.mul(g));
        hl = o.mul(cl.tanh());
        outs.push(hl);
      }
      hs.push(hl);
      cs.push(cl);
      input = stack(outs, 0);
    }
    const hn = stack(hs, 0);
    const cn = stack(cs, 0);
    return [restore(input), unbatched ? [hn.squeeze(1), cn.squeeze(1)] : [hn, cn]];
  }
}
