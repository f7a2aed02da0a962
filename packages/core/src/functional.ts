// F: functional layers and losses, composed from the primitives (gradients come for free).
import { composite, noGrad } from './autograd.js';
import { full } from './ops.js';
import { cat, col2im, im2col, type Window2d, windowOutputSize } from './primitives.js';
import { defaultGenerator, type Generator } from './random.js';
import { fmtList, numel, sameShape } from './shape.js';
import { Tensor } from './tensor.js';

/** How a loss combines its per-element values. */
export type Reduction = 'mean' | 'sum' | 'none';

/** A size given once for both spatial dims, or as [height, width]. */
export type Pair = number | [number, number];

function pair(v: Pair, name: string, op: string, min = 0): [number, number] {
  const p: [number, number] = typeof v === 'number' ? [v, v] : [v[0], v[1]];
  if (!p.every((x) => Number.isInteger(x) && x >= min)) {
    throw new Error(`${op}: ${name} must be an integer >= ${min} (or a pair of them), got ${JSON.stringify(v)}`);
  }
  return p;
}

function reduce(loss: Tensor, reduction: Reduction, op: string): Tensor {
  if (reduction === 'none') return loss;
  if (reduction === 'sum') return loss.sum();
  if (reduction === 'mean') return loss.mean();
  throw new Error(`${op}: reduction must be 'mean', 'sum' or 'none', got '${String(reduction)}'`);
}

function checkSameShape(input: Tensor, target: Tensor, op: string): void {
  if (!sameShape(input.shape, target.shape)) {
    throw new Error(
      `${op}: input shape ${fmtList(input.shape)} and target shape ${fmtList(target.shape)} must match (no silent broadcasting)`,
    );
  }
}

// -- activations -------------------------------------------------------------------------------------

/** max(x, 0). */
export function relu(x: Tensor): Tensor {
  return x.relu();
}
/** x for x > 0, else negativeSlope·x. */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  return x.leakyRelu(negativeSlope);
}
/** 1 / (1 + e^-x). */
export function sigmoid(x: Tensor): Tensor {
  return x.sigmoid();
}
/** Hyperbolic tangent. */
export function tanh(x: Tensor): Tensor {
  return x.tanh();
}
/** exp(x) normalised along `dim` (shifted by the max for stability). */
export function softmax(x: Tensor, dim: number): Tensor {
  return x.softmax(dim);
}
/** log(softmax(x)) computed stably. */
export function logSoftmax(x: Tensor, dim: number): Tensor {
  return x.logSoftmax(dim);
}

/** x·Wᵀ + b, with W of shape (out, in), as nn.Linear. */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  if (x.shape[x.ndim - 1] !== weight.shape[1]) {
    throw new Error(
      `linear: input has ${x.shape[x.ndim - 1]} features (shape ${fmtList(x.shape)}) but the weight expects ${weight.shape[1]} (weight shape ${fmtList(weight.shape)})`,
    );
  }
  const y = x.matmul(weight.t());
  return composite('linear', bias ? [x, weight, bias] : [x, weight], bias ? y.add(bias) : y);
}

/**
 * Zeroes elements with probability `p` and scales the rest by 1/(1-p) while training; the
 * identity in eval mode. Seeded through `generator` (the default generator when omitted).
 */
export function dropout(x: Tensor, p = 0.5, training = true, options: { generator?: Generator } = {}): Tensor {
  if (!(p >= 0 && p <= 1)) throw new Error(`dropout: probability has to be between 0 and 1, but got ${p}`);
  if (!training || p === 0) return x;
  const g = options.generator ?? defaultGenerator;
  const mask = full(x.shape, 0, x.dtype);
  const m = mask.data;
  const scale = p === 1 ? 0 : 1 / (1 - p);
  for (let i = 0; i < m.length; i++) m[i] = g.random() < p ? 0 : scale;
  return composite('dropout', [x], x.mul(mask));
}

// -- losses ------------------------------------------------------------------------------------------

/** Mean squared error; input and target must have the same shape. */
export function mseLoss(input: Tensor, target: Tensor, options: { reduction?: Reduction } = {}): Tensor {
  checkSameShape(input, target, 'mseLoss');
  const d = input.sub(target);
  return composite('mseLoss', [input, target], reduce(d.mul(d), options.reduction ?? 'mean', 'mseLoss'));
}

/** Mean absolute error; input and target must have the same shape. */
export function l1Loss(input: Tensor, target: Tensor, options: { reduction?: Reduction } = {}): Tensor {
  checkSameShape(input, target, 'l1Loss');
  return composite('l1Loss', [input, target], reduce(input.sub(target).abs(), options.reduction ?? 'mean', 'l1Loss'));
}

/** Binary cross-entropy on probabilities in [0, 1]; the logs are clamped at -100 as in PyTorch. */
export function binaryCrossEntropy(
  input: Tensor,
  target: Tensor,
  options: { weight?: Tensor; reduction?: Reduction } = {},
): Tensor {
  checkSameShape(input, target, 'binaryCrossEntropy');
  const bad = noGrad(() => input.lt(0).add(input.gt(1)).sum().item());
  if (bad > 0) throw new Error('binaryCrossEntropy: all elements of input should be between 0 and 1');
  const logP = input.log().clamp(-100);
  const log1mP = input.neg().add(1).log().clamp(-100);
  let loss = target.mul(logP).add(target.neg().add(1).mul(log1mP)).neg();
  if (options.weight) loss = loss.mul(options.weight);
  return composite(
    'binaryCrossEntropy',
    [input, target],
    reduce(loss, options.reduction ?? 'mean', 'binaryCrossEntropy'),
  );
}

/** Sigmoid + binary cross-entropy in one numerically stable expression (PyTorch's formula). */
export function bceWithLogits(
  input: Tensor,
  target: Tensor,
  options: { weight?: Tensor; posWeight?: Tensor; reduction?: Reduction } = {},
): Tensor {
  checkSameShape(input, target, 'bceWithLogits');
  const maxVal = input.neg().clamp(0);
  const logTerm = maxVal.neg().exp().add(input.neg().sub(maxVal).exp()).log();
  let loss: Tensor;
  if (options.posWeight) {
    const logWeight = options.posWeight.sub(1).mul(target).add(1);
    loss = target
      .neg()
      .add(1)
      .mul(input)
      .add(logWeight.mul(logTerm.add(maxVal)));
  } else {
    loss = target.neg().add(1).mul(input).add(maxVal).add(logTerm);
  }
  if (options.weight) loss = loss.mul(options.weight);
  return composite('bceWithLogits', [input, target], reduce(loss, options.reduction ?? 'mean', 'bceWithLogits'));
}

/** Options of nllLoss and crossEntropy. */
export interface ClassLossOptions {
  /** A weight per class (shape [C]). */
  weight?: Tensor;
  /** Targets equal to this class index are skipped (default -100). */
  ignoreIndex?: number;
  reduction?: Reduction;
}

/**
 * Negative log-likelihood of class indices: input (N, C) or (N, C, d1, ...) of log-probabilities,
 * target int32 (N) or (N, d1, ...). 'mean' divides by the summed weights of the counted targets.
 */
export function nllLoss(input: Tensor, target: Tensor, options: ClassLossOptions = {}): Tensor {
  const { ignoreIndex = -100, reduction = 'mean' } = options;
  if (target.dtype !== 'int32') {
    throw new Error(`nllLoss: target must hold class indices as int32, got dtype ${target.dtype}`);
  }
  const unbatched = input.ndim === 1;
  const x = unbatched ? input.unsqueeze(0) : input;
  const t = unbatched ? target.unsqueeze(0) : target;
  if (x.ndim < 2) throw new Error(`nllLoss: expected input of shape (N, C) or (C), got ${fmtList(input.shape)}`);
  const C = x.shape[1];
  const expectedTarget = [x.shape[0], ...x.shape.slice(2)];
  if (!sameShape(t.shape, expectedTarget)) {
    throw new Error(
      `nllLoss: target shape ${fmtList(target.shape)} does not match input shape ${fmtList(input.shape)} (expected ${fmtList(unbatched ? [] : expectedTarget)})`,
    );
  }
  if (options.weight && !sameShape(options.weight.shape, [C])) {
    throw new Error(`nllLoss: weight must have shape [${C}], got ${fmtList(options.weight.shape)}`);
  }
  // Classes last, then one row per sample: (M, C).
  const order = [0, ...Array.from({ length: x.ndim - 2 }, (_, i) => i + 2), 1];
  const rows = x.permute(order).reshape(-1, C);
  const labels = t.contiguous().toFlatArray();
  const classWeight = options.weight ? options.weight.toFlatArray() : null;
  const pick = full([labels.length, C], 0, x.dtype);
  labels.forEach((label, i) => {
    if (label === ignoreIndex) return;
    if (label < 0 || label >= C) {
      throw new RangeError(`nllLoss: target ${label} is out of bounds for ${C} classes (at sample ${i})`);
    }
    pick.data[i * C + label] = classWeight ? classWeight[label] : 1;
  });
  const perSample = rows.mul(pick).sum(1).neg();
  let out: Tensor;
  if (reduction === 'none') out = perSample.reshape(unbatched ? [] : expectedTarget);
  else if (reduction === 'sum') out = perSample.sum();
  else if (reduction === 'mean') out = perSample.sum().div(pick.sum());
  else throw new Error(`nllLoss: reduction must be 'mean', 'sum' or 'none', got '${String(reduction)}'`);
  return composite('nllLoss', [input], out);
}

/**
 * Cross-entropy of logits: input (N, C) or (N, C, d1, ...), target int32 class indices
 * (N) or (N, d1, ...), or float class probabilities of the input's shape.
 */
export function crossEntropy(input: Tensor, target: Tensor, options: ClassLossOptions = {}): Tensor {
  const logp = input.logSoftmax(input.ndim === 1 ? 0 : 1);
  if (target.dtype === 'int32') return composite('crossEntropy', [input], nllLoss(logp, target, options));
  if (!sameShape(input.shape, target.shape)) {
    throw new Error(
      `crossEntropy: target must hold int32 class indices or float class probabilities of the input's shape ${fmtList(input.shape)}; got ${target.dtype} of shape ${fmtList(target.shape)}`,
    );
  }
  const classDim = input.ndim === 1 ? 0 : 1;
  let weighted = logp.mul(target);
  if (options.weight) {
    const shape = input.shape.map((s, i) => (i === classDim ? s : 1));
    weighted = weighted.mul(options.weight.reshape(shape));
  }
  const perSample = weighted.sum(classDim).neg();
  const reduction = options.reduction ?? 'mean';
  return composite('crossEntropy', [input, target], reduce(perSample, reduction, 'crossEntropy'));
}

// -- convolution and pooling ---------------------------------------------------------------------------

/** Options of conv2d. */
export interface Conv2dOptions {
  stride?: Pair;
  padding?: Pair;
  dilation?: Pair;
  groups?: number;
}

function batched(x: Tensor, op: string): { x4: Tensor; unbatched: boolean } {
  if (x.ndim === 3) return { x4: x.unsqueeze(0), unbatched: true };
  if (x.ndim === 4) return { x4: x, unbatched: false };
  throw new Error(`${op}: expected a 3-D (C, H, W) or 4-D (N, C, H, W) input, got shape ${fmtList(x.shape)}`);
}

function checkGroups(groups: number, inC: number, outC: number, op: string): void {
  if (!Number.isInteger(groups) || groups < 1)
    throw new Error(`${op}: groups must be a positive integer, got ${groups}`);
  if (inC % groups !== 0 || outC % groups !== 0) {
    throw new Error(
      `${op}: in channels (${inC}) and out channels (${outC}) must both be divisible by groups (${groups})`,
    );
  }
}

/**
 * 2-D convolution (cross-correlation, as PyTorch): input (N, C, H, W), weight (O, C/groups, kh, kw).
 * Computed as im2col followed by one matrix product per group.
 */
export function conv2d(input: Tensor, weight: Tensor, bias?: Tensor | null, options: Conv2dOptions = {}): Tensor {
  const { x4, unbatched } = batched(input, 'conv2d');
  if (weight.ndim !== 4)
    throw new Error(`conv2d: weight must be 4-D (O, C/groups, kh, kw), got ${fmtList(weight.shape)}`);
  const groups = options.groups ?? 1;
  const [N, C, H, W] = x4.shape;
  const [O, Cg, kh, kw] = weight.shape;
  checkGroups(groups, Cg * groups, O, 'conv2d');
  if (C !== Cg * groups) {
    throw new Error(
      `conv2d: given groups=${groups}, weight of size ${fmtList(weight.shape)}, expected input${fmtList(x4.shape)} to have ${Cg * groups} channels, but got ${C} channels instead`,
    );
  }
  if (bias && !sameShape(bias.shape, [O]))
    throw new Error(`conv2d: bias must have shape [${O}], got ${fmtList(bias.shape)}`);
  const win: Window2d = {
    kernel: [kh, kw],
    stride: pair(options.stride ?? 1, 'stride', 'conv2d', 1),
    padding: pair(options.padding ?? 0, 'padding', 'conv2d'),
    dilation: pair(options.dilation ?? 1, 'dilation', 'conv2d', 1),
  };
  const oh = windowOutputSize(H, kh, win.stride[0], win.padding[0], win.dilation[0], 'conv2d');
  const ow = windowOutputSize(W, kw, win.stride[1], win.padding[1], win.dilation[1], 'conv2d');
  const Og = O / groups;
  const parts: Tensor[] = [];
  for (let g = 0; g < groups; g++) {
    const xg = groups === 1 ? x4 : x4.slice(1, g * Cg, (g + 1) * Cg);
    const wg = groups === 1 ? weight : weight.slice(0, g * Og, (g + 1) * Og);
    parts.push(wg.reshape(Og, Cg * kh * kw).matmul(im2col(xg, win)));
  }
  let out = (groups === 1 ? parts[0] : cat(parts, 1)).reshape(N, O, oh, ow);
  if (bias) out = out.add(bias.reshape(1, O, 1, 1));
  if (unbatched) out = out.squeeze(0);
  return composite('conv2d', bias ? [input, weight, bias] : [input, weight], out);
}

/** Options of convTranspose2d. */
export interface ConvTranspose2dOptions extends Conv2dOptions {
  outputPadding?: Pair;
}

/**
 * Transposed 2-D convolution: input (N, Cin, H, W), weight (Cin, Cout/groups, kh, kw).
 * Output size (H − 1)·stride − 2·padding + dilation·(k − 1) + outputPadding + 1.
 */
export function convTranspose2d(
  input: Tensor,
  weight: Tensor,
  bias?: Tensor | null,
  options: ConvTranspose2dOptions = {},
): Tensor {
  const { x4, unbatched } = batched(input, 'convTranspose2d');
  if (weight.ndim !== 4) {
    throw new Error(`convTranspose2d: weight must be 4-D (Cin, Cout/groups, kh, kw), got ${fmtList(weight.shape)}`);
  }
  const groups = options.groups ?? 1;
  const [N, Cin, H, W] = x4.shape;
  const [wIn, Coutg, kh, kw] = weight.shape;
  if (Cin !== wIn) {
    throw new Error(
      `convTranspose2d: weight of size ${fmtList(weight.shape)} expects ${wIn} input channels, but input${fmtList(x4.shape)} has ${Cin}`,
    );
  }
  checkGroups(groups, Cin, Coutg * groups, 'convTranspose2d');
  const Cout = Coutg * groups;
  if (bias && !sameShape(bias.shape, [Cout])) {
    throw new Error(`convTranspose2d: bias must have shape [${Cout}], got ${fmtList(bias.shape)}`);
  }
  const stride = pair(options.stride ?? 1, 'stride', 'convTranspose2d', 1);
  const padding = pair(options.padding ?? 0, 'padding', 'convTranspose2d');
  const dilation = pair(options.dilation ?? 1, 'dilation', 'convTranspose2d', 1);
  const outPad = pair(options.outputPadding ?? 0, 'outputPadding', 'convTranspose2d');
  for (let i = 0; i < 2; i++) {
    if (outPad[i] >= stride[i] && outPad[i] >= dilation[i]) {
      throw new Error(
        `convTranspose2d: output padding must be smaller than either stride or dilation, got outputPadding=${outPad[i]}, stride=${stride[i]}, dilation=${dilation[i]}`,
      );
    }
  }
  const size = [H, W].map(
    (s, i) => (s - 1) * stride[i] - 2 * padding[i] + dilation[i] * ([kh, kw][i] - 1) + outPad[i] + 1,
  );
  if (size[0] <= 0 || size[1] <= 0)
    throw new Error(`convTranspose2d: the output size ${size.join('x')} is not positive`);
  const win: Window2d = { kernel: [kh, kw], stride, padding, dilation };
  const Cing = Cin / groups;
  const parts: Tensor[] = [];
  for (let g = 0; g < groups; g++) {
    const xg = (groups === 1 ? x4 : x4.slice(1, g * Cing, (g + 1) * Cing)).reshape(N, Cing, H * W);
    const wg = (groups === 1 ? weight : weight.slice(0, g * Cing, (g + 1) * Cing)).reshape(Cing, Coutg * kh * kw);
    parts.push(col2im(wg.t().matmul(xg), [size[0], size[1]], win));
  }
  let out = groups === 1 ? parts[0] : cat(parts, 1);
  if (bias) out = out.add(bias.reshape(1, Cout, 1, 1));
  if (unbatched) out = out.squeeze(0);
  return composite('convTranspose2d', bias ? [input, weight, bias] : [input, weight], out);
}

/** Options of the pooling functions. */
export interface Pool2dOptions {
  /** Defaults to the kernel size. */
  stride?: Pair;
  padding?: Pair;
}

function poolWindows(
  input: Tensor,
  kernelSize: Pair,
  options: Pool2dOptions & { dilation?: Pair },
  op: string,
  padValue: number,
) {
  const { x4, unbatched } = batched(input, op);
  const [N, C, H, W] = x4.shape;
  const kernel = pair(kernelSize, 'kernelSize', op, 1);
  const win: Window2d = {
    kernel,
    stride: pair(options.stride ?? kernel, 'stride', op, 1),
    padding: pair(options.padding ?? 0, 'padding', op),
    dilation: pair(options.dilation ?? 1, 'dilation', op, 1),
  };
  for (let i = 0; i < 2; i++) {
    if (win.padding[i] > kernel[i] / 2) {
      throw new Error(
        `${op}: pad should be at most half of effective kernel size, but got pad=${win.padding[i]}, kernel_size=${kernel[i]}`,
      );
    }
  }
  const oh = windowOutputSize(H, kernel[0], win.stride[0], win.padding[0], win.dilation[0], op);
  const ow = windowOutputSize(W, kernel[1], win.stride[1], win.padding[1], win.dilation[1], op);
  // Every channel is pooled on its own: fold channels into the batch. Padding other than zeros
  // (max pooling pads with -Infinity, so padding never wins) is added explicitly.
  let planes = x4.reshape(N * C, 1, H, W);
  let windows = win;
  if (padValue !== 0 && (win.padding[0] > 0 || win.padding[1] > 0)) {
    const [ph, pw] = win.padding;
    planes = pad(planes, [pw, pw, ph, ph], padValue);
    windows = { ...win, padding: [0, 0] };
  }
  const cols = im2col(planes, windows);
  return { cols, win, shape: unbatched ? [C, oh, ow] : [N, C, oh, ow], x4 };
}

/**
 * Pads the last dim by [left, right] or the last two dims by [left, right, top, bottom] with a
 * constant (PyTorch's F.pad in constant mode). The gradient flows to the original elements.
 */
export function pad(x: Tensor, padding: number[], value = 0): Tensor {
  if ((padding.length !== 2 && padding.length !== 4) || !padding.every((p) => Number.isInteger(p) && p >= 0)) {
    throw new Error(
      `pad: padding must be [left, right] or [left, right, top, bottom] of integers >= 0, got ${JSON.stringify(padding)}`,
    );
  }
  if (x.ndim < padding.length / 2) {
    throw new Error(`pad: ${padding.length} values need at least ${padding.length / 2} dims, got ${fmtList(x.shape)}`);
  }
  let out = x;
  for (let k = 0; k < padding.length / 2; k++) {
    const dim = x.ndim - 1 - k;
    const before = padding[2 * k];
    const after = padding[2 * k + 1];
    if (before === 0 && after === 0) continue;
    const side = (n: number) =>
      full(
        out.shape.map((s, i) => (i === dim ? n : s)),
        value,
        out.dtype,
      );
    out = cat([...(before > 0 ? [side(before)] : []), out, ...(after > 0 ? [side(after)] : [])], dim);
  }
  return composite('pad', [x], out);
}

/** Max pooling; padded positions never win (they are -Infinity). */
export function maxPool2d(input: Tensor, kernelSize: Pair, options: Pool2dOptions & { dilation?: Pair } = {}): Tensor {
  const { cols, shape } = poolWindows(input, kernelSize, options, 'maxPool2d', Number.NEGATIVE_INFINITY);
  return composite('maxPool2d', [input], cols.max(1).reshape(shape));
}

/** Average pooling; with `countIncludePad` false the padded zeros are left out of each mean. */
export function avgPool2d(
  input: Tensor,
  kernelSize: Pair,
  options: Pool2dOptions & { countIncludePad?: boolean; divisorOverride?: number } = {},
): Tensor {
  const { cols, win, shape, x4 } = poolWindows(input, kernelSize, options, 'avgPool2d', 0);
  let out: Tensor;
  if (options.divisorOverride !== undefined) out = cols.sum(1).div(options.divisorOverride);
  else if (options.countIncludePad === false) {
    const [, , H, W] = x4.shape;
    const counts = noGrad(() => im2col(full([1, 1, H, W], 1, x4.dtype), win).sum(1));
    out = cols.sum(1).div(counts);
  } else out = cols.mean(1);
  return composite('avgPool2d', [input], out.reshape(shape));
}

/** Options of interpolate / upsample. */
export interface InterpolateOptions {
  /** Output size (H, W); give this or scaleFactor. */
  size?: Pair;
  scaleFactor?: number | [number, number];
  mode?: 'nearest' | 'bilinear';
  /** Bilinear only: map corner pixels onto corner pixels (default false). */
  alignCorners?: boolean;
}

/** The (out × in) matrix that resamples one axis, following PyTorch's index arithmetic. */
function resampleMatrix(
  inSize: number,
  outSize: number,
  scaleFactor: number | undefined,
  mode: 'nearest' | 'bilinear',
  alignCorners: boolean,
  dtype: Tensor['dtype'],
): Tensor {
  const m = full([outSize, inSize], 0, dtype);
  const d = m.data;
  for (let i = 0; i < outSize; i++) {
    if (mode === 'nearest') {
      let src: number;
      if (outSize === inSize) src = i;
      else if (outSize === 2 * inSize) src = i >> 1;
      else {
        // PyTorch computes the nearest source index in float32.
        const scale = Math.fround(scaleFactor ? 1 / scaleFactor : inSize / outSize);
        src = Math.min(Math.floor(Math.fround(Math.fround(i) * scale)), inSize - 1);
      }
      d[i * inSize + src] = 1;
      continue;
    }
    let src: number;
    if (alignCorners) src = outSize > 1 ? ((inSize - 1) / (outSize - 1)) * i : 0;
    else {
      const scale = scaleFactor ? 1 / scaleFactor : inSize / outSize;
      src = Math.max(scale * (i + 0.5) - 0.5, 0);
    }
    const i0 = Math.floor(src);
    const i1 = i0 < inSize - 1 ? i0 + 1 : i0;
    const l1 = src - i0;
    d[i * inSize + i0] += 1 - l1;
    d[i * inSize + i1] += l1;
  }
  return m;
}

/** Resizes (N, C, H, W) by nearest or bilinear interpolation (PyTorch's index rules). */
export function interpolate(input: Tensor, options: InterpolateOptions): Tensor {
  const { x4, unbatched } = batched(input, 'interpolate');
  const [, , H, W] = x4.shape;
  const mode = options.mode ?? 'nearest';
  if (mode !== 'nearest' && mode !== 'bilinear')
    throw new Error(`interpolate: mode must be 'nearest' or 'bilinear', got '${mode}'`);
  if (mode === 'nearest' && options.alignCorners !== undefined) {
    throw new Error('interpolate: alignCorners only has an effect with mode bilinear');
  }
  let outSize: [number, number];
  let scales: [number | undefined, number | undefined] = [undefined, undefined];
  if (options.size !== undefined && options.scaleFactor === undefined)
    outSize = pair(options.size, 'size', 'interpolate', 1);
  else if (options.scaleFactor !== undefined && options.size === undefined) {
    const sf =
      typeof options.scaleFactor === 'number' ? [options.scaleFactor, options.scaleFactor] : options.scaleFactor;
    if (!sf.every((s) => s > 0 && Number.isFinite(s)))
      throw new Error(`interpolate: scaleFactor must be positive, got ${sf}`);
    outSize = [Math.floor(H * sf[0]), Math.floor(W * sf[1])];
    scales = [sf[0], sf[1]];
  } else throw new Error('interpolate: give exactly one of size or scaleFactor');
  const align = options.alignCorners ?? false;
  const rowsM = resampleMatrix(H, outSize[0], scales[0], mode, align, x4.dtype);
  const colsM = resampleMatrix(W, outSize[1], scales[1], mode, align, x4.dtype);
  let out = rowsM.matmul(x4).matmul(colsM.t());
  if (unbatched) out = out.squeeze(0);
  return composite(mode === 'nearest' ? 'upsampleNearest' : 'upsampleBilinear', [input], out);
}

/** Batch normalisation over every dim but the channel dim (dim 1), as PyTorch's F.batch_norm. */
export function batchNorm(
  input: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  options: { weight?: Tensor | null; bias?: Tensor | null; training?: boolean; momentum?: number; eps?: number } = {},
): Tensor {
  const { weight, bias, training = false, momentum = 0.1, eps = 1e-5 } = options;
  if (input.ndim < 2)
    throw new Error(`batchNorm: expected at least 2-D input (N, C, ...), got ${fmtList(input.shape)}`);
  const C = input.shape[1];
  const dims = input.shape.map((_, i) => i).filter((i) => i !== 1);
  const bshape = input.shape.map((s, i) => (i === 1 ? s : 1));
  for (const [name, t] of [
    ['runningMean', runningMean],
    ['runningVar', runningVar],
    ['weight', weight],
    ['bias', bias],
  ] as const) {
    if (t && !sameShape(t.shape, [C]))
      throw new Error(`batchNorm: ${name} must have shape [${C}], got ${fmtList(t.shape)}`);
  }
  let mean: Tensor;
  let variance: Tensor;
  if (training) {
    const n = numel(dims.map((d) => input.shape[d]));
    if (n <= 1) {
      throw new Error(
        `batchNorm: expected more than 1 value per channel when training, got input size ${fmtList(input.shape)}`,
      );
    }
    mean = input.mean(dims, true);
    variance = input.var(dims, { unbiased: false, keepdim: true });
    noGrad(() => {
      if (runningMean) runningMean.copy_(runningMean.mul(1 - momentum).add(mean.reshape(C).mul(momentum)));
      if (runningVar)
        runningVar.copy_(runningVar.mul(1 - momentum).add(variance.reshape(C).mul((momentum * n) / (n - 1))));
    });
  } else {
    if (!runningMean || !runningVar) throw new Error('batchNorm: running_mean and running_var are needed in eval mode');
    mean = runningMean.reshape(bshape);
    variance = runningVar.reshape(bshape);
  }
  let out = input.sub(mean).div(variance.add(eps).sqrt());
  if (weight) out = out.mul(weight.reshape(bshape));
  if (bias) out = out.add(bias.reshape(bshape));
  const inputs = [input, weight, bias].filter((t): t is Tensor => t instanceof Tensor);
  return composite('batchNorm', inputs, out);
}
