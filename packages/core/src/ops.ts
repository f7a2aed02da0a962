// Ops composed from the primitives (primitives.ts), so their gradients come for free.
import { composite, noGrad } from './autograd.js';
import { allocStorage, type DType, floatTypeOf } from './dtype.js';
import * as P from './primitives.js';
import { broadcastShapes, checkShape, fmtList, normalizeDim, normalizeDims, numel, sameShape } from './shape.js';
import { type IndexSpec, Tensor } from './tensor.js';

/** A tensor of `shape` filled with `value`. */
export function full(shape: readonly number[], value: number, dtype: DType = 'float64'): Tensor {
  const s = checkShape(shape, 'full');
  const data = allocStorage(dtype, numel(s));
  if (value !== 0) data.fill(value);
  return Tensor.fromStorage(data, s);
}

/** Throws unless `src` broadcasts to exactly `target`. */
export function broadcastCheck(src: readonly number[], target: readonly number[], op: string): void {
  const b = broadcastShapes(src, target, op);
  if (!sameShape(b, target)) throw new Error(`${op}: shape ${fmtList(src)} cannot be broadcast to ${fmtList(target)}`);
}

/** A copy with its own storage; the gradient passes straight through. */
export function clone(x: Tensor): Tensor {
  return P.contiguous(x, true);
}

/** x·x. */
export function square(x: Tensor): Tensor {
  return composite('square', [x], x.mul(x));
}

/** 1 / x. */
export function reciprocal(x: Tensor): Tensor {
  return composite('reciprocal', [x], P.binary('div', 1, x));
}

/** Limits to [min, max]; the gradient passes where min <= x <= max (as PyTorch's clamp). */
export function clamp(x: Tensor, min?: number | null, max?: number | null): Tensor {
  if ((min === undefined || min === null) && (max === undefined || max === null)) {
    throw new Error('clamp: at least one of min or max must be given');
  }
  let out = x;
  if (min !== undefined && min !== null) out = P.where(x.lt(min), min, out);
  if (max !== undefined && max !== null) out = P.where(x.gt(max), max, out);
  return composite('clamp', [x], out);
}

/** x for x > 0, else negativeSlope·x (composed with where). */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  return composite('leakyRelu', [x], P.where(x.gt(0), x, x.mul(negativeSlope)));
}

/** exp(x − max) / Σ exp(x − max) along `dim`. */
export function softmax(x: Tensor, dim: number): Tensor {
  const d = normalizeDim(dim, x.ndim, 'softmax');
  const shifted = x.sub(P.amax(x.detach(), [d], true));
  const e = shifted.exp();
  return composite('softmax', [x], e.div(P.sum(e, [d], true)));
}

/** (x − max) − log Σ exp(x − max) along `dim`. */
export function logSoftmax(x: Tensor, dim: number): Tensor {
  const d = normalizeDim(dim, x.ndim, 'logSoftmax');
  const shifted = x.sub(P.amax(x.detach(), [d], true));
  return composite('logSoftmax', [x], shifted.sub(P.sum(shifted.exp(), [d], true).log()));
}

type Dims = number | number[] | null | undefined;

/** Sum over `dim` (all dims when omitted). */
export function sum(x: Tensor, dim: Dims, keepdim: boolean): Tensor {
  return P.sum(x, normalizeDims(dim, x.ndim, 'sum'), keepdim);
}

function reducedCount(x: Tensor, dims: number[]): number {
  return numel(dims.map((d) => x.shape[d]));
}

/** Sum / count over `dim`; int32 input is read as float64. */
export function mean(x: Tensor, dim: Dims, keepdim: boolean): Tensor {
  const dims = normalizeDims(dim, x.ndim, 'mean');
  const xf = x.toDtype(floatTypeOf(x.dtype));
  return composite('mean', [x], P.sum(xf, dims, keepdim).div(reducedCount(x, dims)));
}

/** Mean squared deviation over `dim`, divided by n − 1 unless `unbiased` is false. */
export function variance(x: Tensor, dim: Dims, options: { unbiased?: boolean; keepdim?: boolean }): Tensor {
  const dims = normalizeDims(dim, x.ndim, 'var');
  const xf = x.toDtype(floatTypeOf(x.dtype));
  const n = reducedCount(x, dims);
  const centered = xf.sub(P.sum(xf, dims, true).div(n));
  const correction = options.unbiased === false ? 0 : 1;
  return composite('var', [x], P.sum(centered.mul(centered), dims, options.keepdim ?? false).div(n - correction));
}

/** Square root of `variance`. */
export function std(x: Tensor, dim: Dims, options: { unbiased?: boolean; keepdim?: boolean }): Tensor {
  return composite('std', [x], variance(x, dim, options).sqrt());
}

/** Maximum over `dim` (amax semantics: values only). */
export function max(x: Tensor, dim: Dims, keepdim: boolean): Tensor {
  return P.amax(x, normalizeDims(dim, x.ndim, 'max'), keepdim);
}

/** Minimum over `dim`, as −max(−x). */
export function min(x: Tensor, dim: Dims, keepdim: boolean): Tensor {
  return composite('min', [x], P.amax(x.neg(), normalizeDims(dim, x.ndim, 'min'), keepdim).neg());
}

/** Index of the first maximum along `dim`, or in the flattened tensor. */
export function argmax(x: Tensor, dim: number | null | undefined, keepdim: boolean): Tensor {
  if (dim === undefined || dim === null) {
    const flat = P.reshape(x.detach(), [-1]);
    const idx = P.argmaxAlong(flat, 0, false);
    return keepdim
      ? P.reshape(
          idx,
          x.shape.map(() => 1),
        )
      : idx;
  }
  return P.argmaxAlong(x.detach(), normalizeDim(dim, x.ndim, 'argmax'), keepdim);
}

/** Index of the first minimum along `dim`, or in the flattened tensor. */
export function argmin(x: Tensor, dim: number | null | undefined, keepdim: boolean): Tensor {
  return argmax(
    noGrad(() => x.neg()),
    dim,
    keepdim,
  );
}

/** Matrix product with PyTorch's rules: 1-D operands get a dim added and removed again. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (!(b instanceof Tensor)) throw new TypeError('matmul: the second operand must be a Tensor');
  if (a.ndim === 0 || b.ndim === 0) {
    throw new Error(
      `matmul: both arguments need at least 1 dimension, got shapes ${fmtList(a.shape)} and ${fmtList(b.shape)}`,
    );
  }
  if (a.ndim === 1 && b.ndim === 1 && a.shape[0] !== b.shape[0]) {
    throw new Error(
      `matmul: inconsistent tensor size, expected tensor [${a.shape[0]}] and src [${b.shape[0]}] to have the same number of elements`,
    );
  }
  const a2 = a.ndim === 1 ? P.reshape(a, [1, a.shape[0]]) : a;
  const b2 = b.ndim === 1 ? P.reshape(b, [b.shape[0], 1]) : b;
  let out = P.matmulNd(a2, b2);
  if (a.ndim === 1 && b.ndim === 1) return P.reshape(out, []);
  if (a.ndim === 1) out = squeeze(out, -2);
  if (b.ndim === 1) out = squeeze(out, -1);
  return out;
}

/** Swaps two dims (a permute view). */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const d0 = normalizeDim(dim0, x.ndim, 'transpose');
  const d1 = normalizeDim(dim1, x.ndim, 'transpose');
  const order = x.shape.map((_, i) => i);
  order[d0] = d1;
  order[d1] = d0;
  return P.permute(x, order);
}

/** Removes size-1 dims (all of them, or only `dim`). */
export function squeeze(x: Tensor, dim?: number): Tensor {
  if (dim === undefined)
    return P.reshape(
      x,
      x.shape.filter((s) => s !== 1),
    );
  const d = normalizeDim(dim, x.ndim, 'squeeze');
  if (x.ndim === 0 || x.shape[d] !== 1) return x;
  return P.reshape(
    x,
    x.shape.filter((_, i) => i !== d),
  );
}

/** Inserts a size-1 dim at `dim` (in [-ndim-1, ndim]). */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normalizeDim(dim, x.ndim + 1, 'unsqueeze');
  const shape = [...x.shape];
  shape.splice(d, 0, 1);
  return P.reshape(x, shape);
}

/** Merges dims startDim..endDim into one (a reshape). */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return P.reshape(x, [1]);
  const s = normalizeDim(startDim, x.ndim, 'flatten');
  const e = normalizeDim(endDim, x.ndim, 'flatten');
  if (s > e) throw new Error(`flatten: start_dim (${startDim}) cannot come after end_dim (${endDim})`);
  const shape = [...x.shape.slice(0, s), numel(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)];
  return P.reshape(x, shape);
}

/** The sub-tensor at `index` along `dim`, with that dim removed. Out-of-range indices throw. */
export function select(x: Tensor, dim: number, index: number): Tensor {
  if (x.ndim === 0) throw new Error('select: cannot select from a 0-d tensor');
  const d = normalizeDim(dim, x.ndim, 'select');
  const size = x.shape[d];
  if (!Number.isInteger(index) || index < -size || index >= size) {
    throw new RangeError(`select: index ${index} is out of bounds for dimension ${d} with size ${size}`);
  }
  const i = index < 0 ? index + size : index;
  const picked = P.slice(x, d, i, i + 1);
  return composite(
    'select',
    [x],
    P.reshape(
      picked,
      x.shape.filter((_, k) => k !== d),
    ),
  );
}

/** NumPy-like indexing with one spec per leading dim (see `IndexSpec`). */
export function index(x: Tensor, specs: IndexSpec[]): Tensor {
  if (specs.length > x.ndim) {
    throw new RangeError(`index: too many indices for a tensor of dimension ${x.ndim} (got ${specs.length})`);
  }
  let out = x;
  let dim = 0;
  for (const spec of specs) {
    if (typeof spec === 'number') out = select(out, dim, spec);
    else if (spec === null || typeof spec !== 'object') {
      throw new TypeError(`index: entries must be integers or { start, end, step } objects, got ${String(spec)}`);
    } else {
      out = P.slice(out, dim, spec.start ?? 0, spec.end ?? Number.POSITIVE_INFINITY, spec.step ?? 1);
      dim++;
    }
  }
  return out;
}

/** Stacks equally shaped tensors along a new dim. */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new Error('stack: expected a non-empty list of Tensors');
  const first = tensors[0];
  tensors.forEach((t, k) => {
    if (!sameShape(t.shape, first.shape)) {
      throw new Error(
        `stack: expects each tensor to be equal size, but got ${fmtList(first.shape)} at entry 0 and ${fmtList(t.shape)} at entry ${k}`,
      );
    }
  });
  const d = normalizeDim(dim, first.ndim + 1, 'stack');
  return P.cat(
    tensors.map((t) => unsqueeze(t, d)),
    d,
  );
}
