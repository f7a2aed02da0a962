// Feed-forward layers: Linear, convolutions, pooling, batch norm, dropout, activations,
// Flatten, Upsample, Sequential. Default init follows PyTorch (kaiming-uniform with a = √5).
import { noGrad } from '../autograd.js';
import { full, zeros } from '../creation.js';
import type { DType } from '../dtype.js';
import * as F from '../functional/index.js';
import { fans, kaimingUniform, uniform } from '../init.js';
import type { Generator } from '../random.js';
import { fmtList } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { type AnyModule, Module, Parameter, pyFloat, pyPair } from './module.js';

/** Options shared by layers with parameters. */
export interface ParamOptions {
  /** PRNG for the initial values (the default generator when omitted). */
  generator?: Generator;
  dtype?: DType;
}

/** PyTorch's default: weight ~ kaiming-uniform(a = √5), i.e. U(±1/√fanIn); bias ~ U(±1/√fanIn). */
function resetLinearLike(weight: Tensor, bias: Tensor | null, generator?: Generator): void {
  kaimingUniform(weight, { a: Math.sqrt(5), generator });
  if (bias) {
    const { fanIn } = fans(weight);
    const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
    uniform(bias, -bound, bound, { generator });
  }
}

/** y = x·Wᵀ + b with W of shape (outFeatures, inFeatures). */
export class Linear extends Module {
  weight: Tensor;
  bias: Tensor | null;
  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    options: ParamOptions & { bias?: boolean } = {},
  ) {
    super();
    this.weight = Parameter(zeros([outFeatures, inFeatures], { dtype: options.dtype }));
    this.bias = options.bias === false ? null : Parameter(zeros([outFeatures], { dtype: options.dtype }));
    resetLinearLike(this.weight, this.bias, options.generator);
  }
  override get typeName(): string {
    return 'Linear';
  }
  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${this.bias ? 'True' : 'False'}`;
  }
  forward(x: Tensor): Tensor {
    return F.linear(x, this.weight, this.bias);
  }
}

/** Options of Conv2d. */
export interface Conv2dLayerOptions extends ParamOptions, F.Conv2dOptions {
  bias?: boolean;
}

/** 2-D convolution with weight (out, in/groups, kh, kw). */
export class Conv2d extends Module {
  weight: Tensor;
  bias: Tensor | null;
  readonly kernelSize: [number, number];
  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: F.Pair,
    readonly options: Conv2dLayerOptions = {},
  ) {
    super();
    this.kernelSize = typeof kernelSize === 'number' ? [kernelSize, kernelSize] : kernelSize;
    const groups = options.groups ?? 1;
    if (inChannels % groups !== 0 || outChannels % groups !== 0) {
      throw new Error(
        `Conv2d: in (${inChannels}) and out (${outChannels}) channels must be divisible by groups (${groups})`,
      );
    }
    this.weight = Parameter(zeros([outChannels, inChannels / groups, ...this.kernelSize], { dtype: options.dtype }));
    this.bias = options.bias === false ? null : Parameter(zeros([outChannels], { dtype: options.dtype }));
    resetLinearLike(this.weight, this.bias, options.generator);
  }
  override get typeName(): string {
    return 'Conv2d';
  }
  override extraRepr(): string {
    return convRepr(this.inChannels, this.outChannels, this.kernelSize, this.options, this.bias !== null);
  }
  forward(x: Tensor): Tensor {
    return F.conv2d(x, this.weight, this.bias, this.options);
  }
}

/** Options of ConvTranspose2d. */
export interface ConvTranspose2dLayerOptions extends ParamOptions, F.ConvTranspose2dOptions {
  bias?: boolean;
}

/** Transposed 2-D convolution with weight (in, out/groups, kh, kw). */
export class ConvTranspose2d extends Module {
  weight: Tensor;
  bias: Tensor | null;
  readonly kernelSize: [number, number];
  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: F.Pair,
    readonly options: ConvTranspose2dLayerOptions = {},
  ) {
    super();
    this.kernelSize = typeof kernelSize === 'number' ? [kernelSize, kernelSize] : kernelSize;
    const groups = options.groups ?? 1;
    this.weight = Parameter(zeros([inChannels, outChannels / groups, ...this.kernelSize], { dtype: options.dtype }));
    this.bias = options.bias === false ? null : Parameter(zeros([outChannels], { dtype: options.dtype }));
    resetLinearLike(this.weight, this.bias, options.generator);
  }
  override get typeName(): string {
    return 'ConvTranspose2d';
  }
  override extraRepr(): string {
    return convRepr(this.inChannels, this.outChannels, this.kernelSize, this.options, this.bias !== null);
  }
  forward(x: Tensor): Tensor {
    return F.convTranspose2d(x, this.weight, this.bias, this.options);
  }
}

/** Max pooling (stride defaults to the kernel size). */
export class MaxPool2d extends Module {
  constructor(
    readonly kernelSize: F.Pair,
    readonly options: F.Pool2dOptions & { dilation?: F.Pair } = {},
  ) {
    super();
  }
  override get typeName(): string {
    return 'MaxPool2d';
  }
  override extraRepr(): string {
    const o = this.options;
    return `kernel_size=${poolArg(this.kernelSize)}, stride=${poolArg(o.stride ?? this.kernelSize)}, padding=${poolArg(o.padding ?? 0)}, dilation=${poolArg(o.dilation ?? 1)}, ceil_mode=False`;
  }
  forward(x: Tensor): Tensor {
    return F.maxPool2d(x, this.kernelSize, this.options);
  }
}

/** Average pooling (stride defaults to the kernel size). */
export class AvgPool2d extends Module {
  constructor(
    readonly kernelSize: F.Pair,
    readonly options: F.Pool2dOptions & { countIncludePad?: boolean; divisorOverride?: number } = {},
  ) {
    super();
  }
  override get typeName(): string {
    return 'AvgPool2d';
  }
  override extraRepr(): string {
    const o = this.options;
    return `kernel_size=${poolArg(this.kernelSize)}, stride=${poolArg(o.stride ?? this.kernelSize)}, padding=${poolArg(o.padding ?? 0)}`;
  }
  forward(x: Tensor): Tensor {
    return F.avgPool2d(x, this.kernelSize, this.options);
  }
}

/** Options of the batch-norm layers. */
export interface BatchNormOptions {
  eps?: number;
  /** Weight of the new batch in the running averages; null means a cumulative average. */
  momentum?: number | null;
  /** Learnable γ (weight) and β (bias); default true. */
  affine?: boolean;
  /** Keep running mean/var for eval mode; default true. */
  trackRunningStats?: boolean;
  dtype?: DType;
}

abstract class BatchNormBase extends Module {
  weight: Tensor | null;
  bias: Tensor | null;
  declare runningMean: Tensor | null;
  declare runningVar: Tensor | null;
  declare numBatchesTracked: Tensor | null;
  readonly eps: number;
  readonly momentum: number | null;
  constructor(
    readonly numFeatures: number,
    options: BatchNormOptions,
  ) {
    super();
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum === undefined ? 0.1 : options.momentum;
    const affine = options.affine ?? true;
    this.weight = affine ? Parameter(full([numFeatures], 1, { dtype: options.dtype })) : null;
    this.bias = affine ? Parameter(zeros([numFeatures], { dtype: options.dtype })) : null;
    if (options.trackRunningStats ?? true) {
      this.registerBuffer('runningMean', zeros([numFeatures], { dtype: options.dtype }));
      this.registerBuffer('runningVar', full([numFeatures], 1, { dtype: options.dtype }));
      this.registerBuffer('numBatchesTracked', zeros([], { dtype: 'int32' }));
    } else {
      this.runningMean = null;
      this.runningVar = null;
      this.numBatchesTracked = null;
    }
  }
  protected abstract checkInput(x: Tensor): void;
  override extraRepr(): string {
    const momentum = this.momentum === null ? 'None' : pyFloat(this.momentum);
    return `${this.numFeatures}, eps=${pyFloat(this.eps)}, momentum=${momentum}, affine=${this.weight ? 'True' : 'False'}, track_running_stats=${this.runningMean ? 'True' : 'False'}`;
  }
  forward(x: Tensor): Tensor {
    this.checkInput(x);
    if (x.shape[1] !== this.numFeatures) {
      throw new Error(
        `${this.typeName}: expected ${this.numFeatures} channels (dim 1), got input of shape ${fmtList(x.shape)}`,
      );
    }
    let momentum = this.momentum ?? 0;
    if (this.training && this.numBatchesTracked) {
      const count = this.numBatchesTracked;
      noGrad(() => count.copy_(count.add(1)));
      if (this.momentum === null) momentum = 1 / count.item();
    }
    // Batch statistics while training, and in eval mode too when no running statistics are kept.
    return F.batchNorm(x, this.runningMean, this.runningVar, {
      weight: this.weight,
      bias: this.bias,
      training: this.training || !this.runningMean,
      momentum,
      eps: this.eps,
    });
  }
}

/** Batch norm over (N, C) or (N, C, L) inputs. */
export class BatchNorm1d extends BatchNormBase {
  constructor(numFeatures: number, options: BatchNormOptions = {}) {
    super(numFeatures, options);
  }
  override get typeName(): string {
    return 'BatchNorm1d';
  }
  protected checkInput(x: Tensor): void {
    if (x.ndim !== 2 && x.ndim !== 3)
      throw new Error(`BatchNorm1d: expected 2D or 3D input, got shape ${fmtList(x.shape)}`);
  }
}

/** Batch norm over (N, C, H, W) inputs, one mean/var per channel. */
export class BatchNorm2d extends BatchNormBase {
  constructor(numFeatures: number, options: BatchNormOptions = {}) {
    super(numFeatures, options);
  }
  override get typeName(): string {
    return 'BatchNorm2d';
  }
  protected checkInput(x: Tensor): void {
    if (x.ndim !== 4) throw new Error(`BatchNorm2d: expected 4D input (N, C, H, W), got shape ${fmtList(x.shape)}`);
  }
}

/** Zeroes elements with probability p while training (seeded by `generator`); identity in eval. */
export class Dropout extends Module {
  constructor(
    readonly p = 0.5,
    readonly options: { generator?: Generator } = {},
  ) {
    super();
    if (!(p >= 0 && p <= 1)) throw new Error(`Dropout: probability has to be between 0 and 1, but got ${p}`);
  }
  override get typeName(): string {
    return 'Dropout';
  }
  override extraRepr(): string {
    return `p=${pyFloat(this.p)}, inplace=False`;
  }
  forward(x: Tensor): Tensor {
    return F.dropout(x, this.p, this.training, this.options);
  }
}

/** max(x, 0). */
export class ReLU extends Module {
  override get typeName(): string {
    return 'ReLU';
  }
  forward(x: Tensor): Tensor {
    return x.relu();
  }
}

/** x for x > 0, else negativeSlope·x. */
export class LeakyReLU extends Module {
  constructor(readonly negativeSlope = 0.01) {
    super();
  }
  override get typeName(): string {
    return 'LeakyReLU';
  }
  override extraRepr(): string {
    return `negative_slope=${pyFloat(this.negativeSlope)}`;
  }
  forward(x: Tensor): Tensor {
    return x.leakyRelu(this.negativeSlope);
  }
}

/** 1 / (1 + e^-x). */
export class Sigmoid extends Module {
  override get typeName(): string {
    return 'Sigmoid';
  }
  forward(x: Tensor): Tensor {
    return x.sigmoid();
  }
}

/** Hyperbolic tangent. */
export class Tanh extends Module {
  override get typeName(): string {
    return 'Tanh';
  }
  forward(x: Tensor): Tensor {
    return x.tanh();
  }
}

/** Softmax along `dim`. */
export class Softmax extends Module {
  constructor(readonly dim: number) {
    super();
  }
  override get typeName(): string {
    return 'Softmax';
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
  forward(x: Tensor): Tensor {
    return x.softmax(this.dim);
  }
}

/** Log-softmax along `dim`. */
export class LogSoftmax extends Module {
  constructor(readonly dim: number) {
    super();
  }
  override get typeName(): string {
    return 'LogSoftmax';
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
  forward(x: Tensor): Tensor {
    return x.logSoftmax(this.dim);
  }
}

/** Returns its input. */
export class Identity extends Module {
  override get typeName(): string {
    return 'Identity';
  }
  forward(x: Tensor): Tensor {
    return x;
  }
}

/** Flattens dims startDim..endDim (default 1..-1, keeping the batch dim). */
export class Flatten extends Module {
  constructor(
    readonly startDim = 1,
    readonly endDim = -1,
  ) {
    super();
  }
  override get typeName(): string {
    return 'Flatten';
  }
  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
  forward(x: Tensor): Tensor {
    return x.flatten(this.startDim, this.endDim);
  }
}

/** Resizes (N, C, H, W) by nearest or bilinear interpolation. */
export class Upsample extends Module {
  constructor(readonly options: F.InterpolateOptions) {
    super();
  }
  override get typeName(): string {
    return 'Upsample';
  }
  override extraRepr(): string {
    const o = this.options;
    const size = o.size === undefined ? '' : `size=${typeof o.size === 'number' ? o.size : pyPair(o.size)}`;
    const sf = o.scaleFactor;
    const scale =
      sf === undefined
        ? ''
        : `scale_factor=${typeof sf === 'number' ? pyFloat(sf) : `(${pyFloat(sf[0])}, ${pyFloat(sf[1])})`}`;
    return `${size || scale}, mode=${o.mode ?? 'nearest'}`;
  }
  forward(x: Tensor): Tensor {
    return F.interpolate(x, this.options);
  }
}

/** Chains modules; children are named '0', '1', ... */
export class Sequential extends Module {
  [index: number]: Module;
  readonly length: number;
  constructor(...layers: Module[]) {
    super();
    layers.forEach((layer, i) => {
      if (!(layer instanceof Module)) throw new TypeError(`Sequential: entry ${i} is not a Module`);
      this[i] = layer;
    });
    this.length = layers.length;
  }
  override get typeName(): string {
    return 'Sequential';
  }
  /** The layers in order. */
  layers(): Module[] {
    return this.children() as unknown as Module[];
  }
  forward(x: Tensor): Tensor {
    let out = x;
    for (const layer of this.layers()) out = layer.forward(out);
    return out;
  }
}

/** PyTorch's conv arguments: stride always, the others only when not default. */
function convRepr(
  inC: number,
  outC: number,
  kernel: [number, number],
  o: Conv2dLayerOptions & { outputPadding?: F.Pair },
  bias: boolean,
): string {
  const parts = [`${inC}, ${outC}, kernel_size=${pyPair(kernel)}, stride=${pyPair(o.stride ?? 1)}`];
  const isDefault = (v: F.Pair | undefined, d: number) => v === undefined || pyPair(v) === pyPair(d);
  if (!isDefault(o.padding, 0)) parts.push(`padding=${pyPair(o.padding as F.Pair)}`);
  if (!isDefault(o.outputPadding, 0)) parts.push(`output_padding=${pyPair(o.outputPadding as F.Pair)}`);
  if (!isDefault(o.dilation, 1)) parts.push(`dilation=${pyPair(o.dilation as F.Pair)}`);
  if ((o.groups ?? 1) !== 1) parts.push(`groups=${o.groups}`);
  if (!bias) parts.push('bias=False');
  return parts.join(', ');
}

/** Pooling arguments print as given: an int stays an int, a pair becomes a tuple. */
function poolArg(v: F.Pair): string {
  return typeof v === 'number' ? String(v) : pyPair(v);
}

export type { AnyModule };
