// Convolution, transposed convolution, padding and pooling: im2col/col2im plus matrix products.
import { composite, noGrad } from '../autograd.js';
import { full } from '../ops.js';
import { cat, col2im, im2col, type Window2d, windowOutputSize } from '../primitives.js';
import { fmtList, sameShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { batched, type Pair, pair } from './util.js';

/** Options of conv2d. */
export interface Conv2dOptions {
  stride?: Pair;
  padding?: Pair;
  dilation?: Pair;
  groups?: number;
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
