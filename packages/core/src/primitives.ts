// The primitives of @i2dl/core, each with its gradient right beside it (as in tinygrad):
// elementwise unary / binary / ternary (where), reductions (sum, amax), movement (reshape,
// permute, expand, slice, cat, cast, contiguous), matmul, and im2col/col2im for convolutions.
// Every other op is composed from these in ops.ts, so its gradient comes for free.
import { record } from './autograd.js';
import { allocStorage, type DType, floatTypeOf, isFloat, promoteTypes, type Storage, scalarType } from './dtype.js';
import {
  type Conv2dGeometry,
  col2im as col2imKernel,
  colCols,
  colRows,
  conv2dGeometry,
  im2col as im2colKernel,
} from './kernels/im2col.js';
import { type Buf, matmulInto } from './kernels/matmul.js';
import {
  broadcastShapes,
  broadcastStrides,
  checkShape,
  contiguousStrides,
  fmtList,
  fmtShape,
  gatherStrided,
  normalizeDim,
  numel,
  sameShape,
  stridedIndex,
} from './shape.js';
import { Tensor } from './tensor.js';

/** A tensor or a plain number (a "weak" scalar that takes the tensor's dtype). */
export type TensorLike = Tensor | number;

/** Wraps a number as a 0-d tensor whose dtype follows the other operand's. */
export function asTensor(x: TensorLike, like: Tensor, op: string): Tensor {
  if (x instanceof Tensor) return x;
  if (typeof x !== 'number') throw new TypeError(`${op}: expected a Tensor or a number, got ${typeof x}`);
  return Tensor.fromStorage(scalarStorage(scalarType(like.dtype, x), x), []);
}

function scalarStorage(dtype: DType, v: number): Storage {
  const s = allocStorage(dtype, 1);
  s[0] = v;
  return s;
}

/** The elements of `t` in row-major order (the storage itself when already contiguous: read only). */
export function readContiguous(t: Tensor): Storage {
  const n = t.numel();
  if (t.isContiguous()) return t.data.subarray(t.offset, t.offset + n) as Storage;
  const out = allocStorage(t.dtype, n);
  gatherStrided(t.data, t.shape, t.strides, t.offset, out);
  return out;
}

/** Row-major elements of `t` converted to `dtype` (a fresh array unless no conversion or copy is needed). */
function readAs(t: Tensor, dtype: DType): Storage {
  const src = readContiguous(t);
  if (t.dtype === dtype) return src;
  const out = allocStorage(dtype, src.length);
  if (dtype === 'int32') for (let i = 0; i < src.length; i++) out[i] = Math.trunc(src[i]);
  else out.set(src);
  return out;
}

/** Copies `src` (broadcast to `target`'s shape) into the storage positions of the view `target`. */
export function writeInto(target: Tensor, src: Tensor): void {
  const idx = stridedIndex(target.shape, target.strides, target.offset);
  const sIdx = stridedIndex(target.shape, broadcastStrides(src.shape, src.strides, target.shape), src.offset);
  const td = target.data;
  const sd = src.data;
  if (target.dtype === 'int32') for (let i = 0; i < idx.length; i++) td[idx[i]] = Math.trunc(sd[sIdx[i]]);
  else for (let i = 0; i < idx.length; i++) td[idx[i]] = sd[sIdx[i]];
}

/** Sums a broadcast gradient back down to `shape` (the backward of broadcasting). */
export function sumTo(g: Tensor, shape: readonly number[]): Tensor {
  if (sameShape(g.shape, shape)) return g;
  const lead = g.ndim - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < g.ndim; i++) if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) dims.push(i);
  return reshape(sum(g, dims, true), [...shape]);
}

// ---------------------------------------------------------------------------------------------
// Elementwise unary

interface UnaryDef {
  f: (x: number) => number;
  /** Result is float even for an int32 input. */
  float: boolean;
  grad?: (x: Tensor, out: Tensor, g: Tensor) => Tensor;
}

const UNARY = {
  neg: { f: (x) => -x, float: false, grad: (_x, _o, g) => g.neg() },
  exp: { f: Math.exp, float: true, grad: (_x, out, g) => g.mul(out) },
  log: { f: Math.log, float: true, grad: (x, _o, g) => g.div(x) },
  sqrt: { f: Math.sqrt, float: true, grad: (_x, out, g) => g.div(out.mul(2)) },
  abs: { f: Math.abs, float: false, grad: (x, _o, g) => g.mul(x.sign()) },
  tanh: { f: Math.tanh, float: true, grad: (_x, out, g) => g.mul(out.mul(out).neg().add(1)) },
  sigmoid: { f: (x) => 1 / (1 + Math.exp(-x)), float: true, grad: (_x, out, g) => g.mul(out.neg().add(1)).mul(out) },
  // Math.max lets NaN through, as PyTorch's relu does; the gradient at 0 is 0, as in PyTorch.
  relu: { f: (x) => Math.max(x, 0), float: false, grad: (_x, out, g) => g.mul(out.gt(0)) },
  sign: { f: (x) => (x > 0 ? 1 : x < 0 ? -1 : x), float: false },
  sin: { f: Math.sin, float: true, grad: (x, _o, g) => g.mul(x.cos()) },
  cos: { f: Math.cos, float: true, grad: (x, _o, g) => g.mul(x.sin()).neg() },
} satisfies Record<string, UnaryDef>;

/** Names of the elementwise unary primitives. */
export type UnaryOp = keyof typeof UNARY;
/** Every unary primitive that has a gradient (enumerated by the gradcheck test). */
export const differentiableUnaryOps = (Object.keys(UNARY) as UnaryOp[]).filter((k) => 'grad' in UNARY[k]);

/** Applies an elementwise unary primitive (see UNARY for the function and its gradient). */
export function unary(op: UnaryOp, x: Tensor): Tensor {
  const def: UnaryDef = UNARY[op];
  const dtype = def.float ? floatTypeOf(x.dtype) : x.dtype;
  const src = readContiguous(x);
  const out = allocStorage(dtype, src.length);
  const f = def.f;
  for (let i = 0; i < src.length; i++) out[i] = f(src[i]);
  const res = Tensor.fromStorage(out, x.shape);
  const grad = def.grad;
  if (!grad) return res;
  return record(res, op, [x], (g) => [grad(x, res, g)]);
}

// ---------------------------------------------------------------------------------------------
// Elementwise binary (with broadcasting)

type BinaryGrad = (a: Tensor, b: Tensor, out: Tensor, g: Tensor) => [Tensor | null, Tensor | null];
interface BinaryDef {
  f: (x: number, y: number) => number;
  /** 'promote': the promoted dtype; 'float': promoted, then float; 'int': a 0/1 int32 mask. */
  result: 'promote' | 'float' | 'int';
  grad?: BinaryGrad;
}

const BINARY = {
  add: { f: (x, y) => x + y, result: 'promote', grad: (_a, _b, _o, g) => [g, g] },
  sub: { f: (x, y) => x - y, result: 'promote', grad: (_a, _b, _o, g) => [g, g.neg()] },
  mul: { f: (x, y) => x * y, result: 'promote', grad: (a, b, _o, g) => [g.mul(b), g.mul(a)] },
  div: { f: (x, y) => x / y, result: 'float', grad: (a, b, _o, g) => [g.div(b), g.neg().mul(a).div(b.mul(b))] },
  pow: {
    f: Math.pow,
    result: 'promote',
    // As PyTorch: d/da = b·a^(b-1), taken as 0 where b = 0; d/db = a^b·log(a), taken as 0 where a = 0 and b >= 0.
    grad: (a, b, out, g) => [
      where(b.eq(0), 0, g.mul(b.mul(a.pow(b.sub(1))))),
      where(a.eq(0).mul(b.ge(0)), 0, g.mul(out.mul(a.log()))),
    ],
  },
  maximum: {
    f: Math.max,
    result: 'promote',
    // Ties split the gradient in half, as PyTorch does.
    grad: (a, b, _o, g) => [
      where(a.eq(b), g.div(2), where(a.lt(b), 0, g)),
      where(a.eq(b), g.div(2), where(b.lt(a), 0, g)),
    ],
  },
  minimum: {
    f: Math.min,
    result: 'promote',
    grad: (a, b, _o, g) => [
      where(a.eq(b), g.div(2), where(a.gt(b), 0, g)),
      where(a.eq(b), g.div(2), where(b.gt(a), 0, g)),
    ],
  },
  eq: { f: (x, y) => (x === y ? 1 : 0), result: 'int' },
  ne: { f: (x, y) => (x !== y ? 1 : 0), result: 'int' },
  lt: { f: (x, y) => (x < y ? 1 : 0), result: 'int' },
  le: { f: (x, y) => (x <= y ? 1 : 0), result: 'int' },
  gt: { f: (x, y) => (x > y ? 1 : 0), result: 'int' },
  ge: { f: (x, y) => (x >= y ? 1 : 0), result: 'int' },
} satisfies Record<string, BinaryDef>;

/** Names of the elementwise binary primitives. */
export type BinaryOp = keyof typeof BINARY;
/** Every binary primitive that has a gradient (enumerated by the gradcheck test). */
export const differentiableBinaryOps = (Object.keys(BINARY) as BinaryOp[]).filter((k) => 'grad' in BINARY[k]);

function binaryLoop(a: Tensor, b: Tensor, shape: number[], dtype: DType, f: (x: number, y: number) => number): Storage {
  const n = numel(shape);
  const out = allocStorage(dtype, n);
  const ad = a.data;
  const bd = b.data;
  const aFull = sameShape(a.shape, shape) && a.isContiguous();
  const bFull = sameShape(b.shape, shape) && b.isContiguous();
  if (aFull && bFull) {
    const ao = a.offset;
    const bo = b.offset;
    for (let i = 0; i < n; i++) out[i] = f(ad[ao + i], bd[bo + i]);
  } else if (aFull && b.numel() === 1) {
    const ao = a.offset;
    const y = bd[b.offset];
    for (let i = 0; i < n; i++) out[i] = f(ad[ao + i], y);
  } else if (bFull && a.numel() === 1) {
    const bo = b.offset;
    const x = ad[a.offset];
    for (let i = 0; i < n; i++) out[i] = f(x, bd[bo + i]);
  } else if (n > 0) {
    // General broadcast: walk the innermost dim with strides, carry into the outer dims.
    const sa = broadcastStrides(a.shape, a.strides, shape);
    const sb = broadcastStrides(b.shape, b.strides, shape);
    const nd = shape.length;
    const inner = shape[nd - 1];
    const stepA = sa[nd - 1];
    const stepB = sb[nd - 1];
    const counter = new Array<number>(nd).fill(0);
    let posA = a.offset;
    let posB = b.offset;
    let k = 0;
    while (k < n) {
      let pa = posA;
      let pb = posB;
      for (let i = 0; i < inner; i++) {
        out[k++] = f(ad[pa], bd[pb]);
        pa += stepA;
        pb += stepB;
      }
      for (let d = nd - 2; d >= 0; d--) {
        counter[d]++;
        posA += sa[d];
        posB += sb[d];
        if (counter[d] < shape[d]) break;
        posA -= sa[d] * shape[d];
        posB -= sb[d] * shape[d];
        counter[d] = 0;
      }
    }
  }
  return out;
}

/** Applies an elementwise binary primitive with broadcasting and PyTorch dtype promotion. */
export function binary(op: BinaryOp, x: TensorLike, y: TensorLike): Tensor {
  if (!(x instanceof Tensor) && !(y instanceof Tensor))
    throw new TypeError(`${op}: at least one operand must be a Tensor`);
  const a = x instanceof Tensor ? x : asTensor(x, y as Tensor, op);
  const b = asTensor(y, a, op);
  const def: BinaryDef = BINARY[op];
  const shape = broadcastShapes(a.shape, b.shape, op);
  const promoted = promoteTypes(a.dtype, b.dtype);
  const dtype = def.result === 'int' ? 'int32' : def.result === 'float' ? floatTypeOf(promoted) : promoted;
  const res = Tensor.fromStorage(binaryLoop(a, b, shape, dtype, def.f), shape);
  const grad = def.grad;
  if (!grad) return res;
  return record(res, op, [a, b], (g) => {
    const [ga, gb] = grad(a, b, res, g);
    return [ga && sumTo(ga, a.shape), gb && sumTo(gb, b.shape)];
  });
}

/**
 * Every differentiable primitive by the op name it records (enumerated by the gradcheck test,
 * so a new primitive cannot be added without a gradient check).
 */
export const differentiablePrimitives: readonly string[] = [
  ...differentiableUnaryOps,
  ...differentiableBinaryOps,
  'where',
  'sum',
  'max',
  'reshape',
  'permute',
  'expand',
  'slice',
  'cat',
  'contiguous',
  'clone',
  'cast',
  'matmul',
  'im2col',
  'col2im',
];

// ---------------------------------------------------------------------------------------------
// Ternary: where(cond, a, b)

/** Elementwise `cond ? a : b` with broadcasting; `cond` is read as nonzero = true. */
export function where(cond: Tensor, x: TensorLike, y: TensorLike): Tensor {
  if (!(cond instanceof Tensor)) throw new TypeError('where: condition must be a Tensor');
  const like = x instanceof Tensor ? x : y instanceof Tensor ? y : null;
  const base =
    like ?? Tensor.fromStorage(scalarStorage(Number.isInteger(x) && Number.isInteger(y) ? 'int32' : 'float64', 0), []);
  const a = asTensor(x, base, 'where');
  const b = asTensor(y, a, 'where');
  const shape = broadcastShapes(broadcastShapes(cond.shape, a.shape, 'where'), b.shape, 'where');
  const dtype = promoteTypes(a.dtype, b.dtype);
  const n = numel(shape);
  const out = allocStorage(dtype, n);
  const ic = stridedIndex(shape, broadcastStrides(cond.shape, cond.strides, shape), cond.offset);
  const ia = stridedIndex(shape, broadcastStrides(a.shape, a.strides, shape), a.offset);
  const ib = stridedIndex(shape, broadcastStrides(b.shape, b.strides, shape), b.offset);
  const cd = cond.data;
  const ad = a.data;
  const bd = b.data;
  for (let i = 0; i < n; i++) out[i] = cd[ic[i]] !== 0 ? ad[ia[i]] : bd[ib[i]];
  const res = Tensor.fromStorage(out, shape);
  return record(res, 'where', [a, b], (g) => [sumTo(where(cond, g, 0), a.shape), sumTo(where(cond, 0, g), b.shape)]);
}

// ---------------------------------------------------------------------------------------------
// Reductions

function reduceShapes(x: Tensor, dims: number[], keepdim: boolean) {
  const keepShape = x.shape.map((s, i) => (dims.includes(i) ? 1 : s));
  const outShape = keepdim ? keepShape : x.shape.filter((_, i) => !dims.includes(i));
  const kept = x.shape.map((_, i) => i).filter((i) => !dims.includes(i));
  const order = [...kept, ...dims];
  // The elements with the kept dims outside and the reduced dims inside (no copy when x is
  // contiguous and the reduced dims are the trailing ones).
  const data = readContiguous(
    Tensor.view(
      x,
      order.map((d) => x.shape[d]),
      order.map((d) => x.strides[d]),
      x.offset,
    ),
  );
  const inner = numel(dims.map((d) => x.shape[d]));
  return {
    keepShape,
    outShape,
    data,
    inner,
    outer: inner === 0 ? numel(kept.map((d) => x.shape[d])) : data.length / inner,
  };
}

/** Sum over `dims` (sorted, normalised); the primitive behind sum and mean. */
export function sum(x: Tensor, dims: number[], keepdim: boolean): Tensor {
  const { keepShape, outShape, data: d, inner, outer } = reduceShapes(x, dims, keepdim);
  const out = allocStorage(x.dtype, outer);
  for (let o = 0; o < outer; o++) {
    let acc = 0;
    const base = o * inner;
    for (let i = 0; i < inner; i++) acc += d[base + i];
    out[o] = acc;
  }
  const res = Tensor.fromStorage(out, outShape);
  return record(res, 'sum', [x], (g) => [expand(reshape(g, keepShape), x.shape)]);
}

/** Maximum over `dims` (like torch.amax); NaN propagates; ties share the gradient evenly. */
export function amax(x: Tensor, dims: number[], keepdim: boolean): Tensor {
  const { keepShape, outShape, data: d, inner, outer } = reduceShapes(x, dims, keepdim);
  if (inner === 0 && outer > 0) {
    throw new Error(`max: cannot reduce over a zero-size dimension of a tensor of shape ${fmtList(x.shape)}`);
  }
  const out = allocStorage(x.dtype, outer);
  for (let o = 0; o < outer; o++) {
    let m = Number.NEGATIVE_INFINITY;
    const base = o * inner;
    for (let i = 0; i < inner; i++) {
      const v = d[base + i];
      if (v > m || Number.isNaN(v)) {
        m = v;
        if (Number.isNaN(v)) break;
      }
    }
    out[o] = m;
  }
  const res = Tensor.fromStorage(out, outShape);
  return record(res, 'max', [x], (g) => {
    const mask = x.eq(reshape(res, keepShape));
    const count = sum(mask, dims, true);
    return [reshape(g, keepShape).div(count).mul(mask)];
  });
}

/** Index of the first maximum along one dim (NaN counts as the maximum, as in PyTorch); int32. */
export function argmaxAlong(x: Tensor, dim: number, keepdim: boolean): Tensor {
  const { outShape, data: d, inner, outer } = reduceShapes(x, [dim], keepdim);
  if (inner === 0) throw new Error(`argmax: cannot reduce over a zero-size dimension of shape ${fmtList(x.shape)}`);
  const out = new Int32Array(outer);
  for (let o = 0; o < outer; o++) {
    let m = Number.NEGATIVE_INFINITY;
    let at = 0;
    const base = o * inner;
    for (let i = 0; i < inner; i++) {
      const v = d[base + i];
      if (Number.isNaN(v)) {
        at = i;
        break;
      }
      if (v > m || i === 0) {
        m = v;
        at = i;
      }
    }
    out[o] = at;
  }
  return Tensor.fromStorage(out, outShape);
}

// ---------------------------------------------------------------------------------------------
// Movement: views share storage; their backward moves the gradient back.

function view(x: Tensor, shape: number[], strides: number[], offset: number): Tensor {
  return Tensor.view(x, shape, strides, offset);
}

/** Resolves one -1 in a requested shape and checks the element count. */
export function inferShape(shape: readonly number[], n: number, op: string, from: readonly number[]): number[] {
  const out = [...shape];
  const free = out.indexOf(-1);
  if (out.filter((s) => s === -1).length > 1) throw new Error(`${op}: only one dimension can be inferred (-1)`);
  for (const s of out) {
    if (s !== -1 && (!Number.isInteger(s) || s < 0)) throw new Error(`${op}: invalid shape ${fmtList(shape)}`);
  }
  if (free >= 0) {
    const rest = numel(out.filter((s) => s !== -1));
    if (rest === 0 || n % rest !== 0)
      throw new Error(`${op}: shape ${fmtList(shape)} is invalid for input of size ${n}`);
    out[free] = n / rest;
  }
  if (numel(out) !== n) {
    throw new Error(`${op}: shape ${fmtList(shape)} is invalid for input of size ${n} (input shape ${fmtList(from)})`);
  }
  return out;
}

/** Reshape (a view when `x` is contiguous, else a copy). */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape(shape, x.numel(), 'reshape', x.shape);
  if (sameShape(target, x.shape)) return x;
  const base = x.isContiguous() ? x : contiguous(x);
  const res = view(base, target, contiguousStrides(target), base.offset);
  return record(res, 'reshape', [base], (g) => [reshape(g, base.shape)]);
}

/** Reorders the dims (a view). */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  if (dims.length !== x.ndim) {
    throw new Error(`permute: number of dims don't match: tensor has ${x.ndim} dims but ${dims.length} were given`);
  }
  const order = dims.map((d) => normalizeDim(d, x.ndim, 'permute'));
  if (new Set(order).size !== order.length) throw new Error(`permute: repeated dim in ${fmtList(dims)}`);
  if (order.every((d, i) => d === i)) return x;
  const res = view(
    x,
    order.map((d) => x.shape[d]),
    order.map((d) => x.strides[d]),
    x.offset,
  );
  const inverse = new Array<number>(order.length);
  order.forEach((d, i) => {
    inverse[d] = i;
  });
  return record(res, 'permute', [x], (g) => [permute(g, inverse)]);
}

/** Broadcasts size-1 dims (and new leading dims) to `shape` without copying; -1 keeps a size. */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  if (shape.length < x.ndim) {
    throw new Error(
      `expand: the number of sizes provided (${shape.length}) must be greater or equal to the number of dimensions in the tensor (${x.ndim})`,
    );
  }
  const lead = shape.length - x.ndim;
  const target = shape.map((s, i) => (s === -1 && i >= lead ? x.shape[i - lead] : s));
  checkShape(target, 'expand');
  const strides = target.map((s, i) => {
    if (i < lead) return 0;
    const own = x.shape[i - lead];
    if (own === s) return x.strides[i - lead];
    if (own === 1) return 0;
    throw new Error(
      `expand: the expanded size of the tensor (${s}) must match the existing size (${own}) at non-singleton dimension ${i}; target sizes ${fmtList(shape)}, tensor sizes ${fmtList(x.shape)}`,
    );
  });
  if (sameShape(target, x.shape)) return x;
  const res = view(x, target, strides, x.offset);
  return record(res, 'expand', [x], (g) => [sumTo(g, x.shape)]);
}

/** Elements start, start+step, ... < end along `dim` (a view); start/end are clamped as in Python. */
export function slice(x: Tensor, dim: number, start = 0, end = Number.POSITIVE_INFINITY, step = 1): Tensor {
  const d = normalizeDim(dim, x.ndim, 'slice');
  if (x.ndim === 0) throw new Error('slice: cannot slice a 0-d tensor');
  if (!Number.isInteger(step) || step <= 0) throw new Error(`slice: step must be a positive integer, got ${step}`);
  const size = x.shape[d];
  const clampIndex = (i: number) => Math.min(Math.max(i < 0 ? i + size : i, 0), size);
  const s = clampIndex(start);
  const e = Math.max(clampIndex(end), s);
  const len = Math.ceil((e - s) / step);
  if (s === 0 && len === size && step === 1) return x;
  const shape = [...x.shape];
  shape[d] = len;
  const strides = [...x.strides];
  strides[d] *= step;
  const res = view(x, shape, strides, x.offset + (len > 0 ? s * x.strides[d] : 0));
  return record(res, 'slice', [x], (g) => {
    const full = Tensor.fromStorage(allocStorage(g.dtype, x.numel()), x.shape);
    writeInto(slice(full, d, s, e, step), g);
    return [full];
  });
}

/** Concatenates along `dim`; all other sizes must agree. */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new Error('cat: expected a non-empty list of Tensors');
  const first = tensors[0];
  const d = normalizeDim(dim, first.ndim, 'cat');
  let dtype = first.dtype;
  tensors.forEach((t, k) => {
    if (t.ndim !== first.ndim || t.shape.some((s, i) => i !== d && s !== first.shape[i])) {
      throw new Error(
        `cat: sizes of tensors must match except in dimension ${d}; tensor 0 has shape ${fmtList(first.shape)} but tensor ${k} has shape ${fmtList(t.shape)}`,
      );
    }
    dtype = promoteTypes(dtype, t.dtype);
  });
  const shape = [...first.shape];
  shape[d] = tensors.reduce((acc, t) => acc + t.shape[d], 0);
  const out = Tensor.fromStorage(allocStorage(dtype, numel(shape)), shape);
  let at = 0;
  for (const t of tensors) {
    writeInto(sliceRaw(out, d, at, at + t.shape[d]), t);
    at += t.shape[d];
  }
  return record(out, 'cat', [...tensors], (g) => {
    let pos = 0;
    return tensors.map((t) => {
      const part = slice(g, d, pos, pos + t.shape[d]);
      pos += t.shape[d];
      return part;
    });
  });
}

/** A slice view without recording (for writing into fresh outputs). */
function sliceRaw(x: Tensor, d: number, s: number, e: number): Tensor {
  const shape = [...x.shape];
  shape[d] = e - s;
  return view(x, shape, [...x.strides], x.offset + s * x.strides[d]);
}

/** A row-major copy (or `x` itself when already contiguous, unless `copy`). */
export function contiguous(x: Tensor, copy = false): Tensor {
  if (x.isContiguous() && !copy) return x;
  const res = Tensor.fromStorage(readContiguous(x).slice(), x.shape);
  return record(res, copy ? 'clone' : 'contiguous', [x], (g) => [g]);
}

/** Converts to another dtype (a copy); float → int32 truncates toward zero, as in PyTorch. */
export function cast(x: Tensor, dtype: DType): Tensor {
  if (x.dtype === dtype) return x;
  const res = Tensor.fromStorage(readAs(x, dtype), x.shape);
  if (!isFloat(dtype)) return res;
  return record(res, 'cast', [x], (g) => [cast(g, x.dtype)]);
}

// ---------------------------------------------------------------------------------------------
// Matrix product (through the matmulInto kernel)

/** Storage of a 2-D operand and whether it is the transpose of a row-major matrix (no copy needed). */
function matrixOperand(t: Tensor, dtype: DType): { buf: Float64Array | Float32Array; trans: boolean } {
  const [r, c] = t.shape;
  if (t.dtype === dtype && dtype !== 'int32') {
    if (t.isContiguous()) return { buf: t.data.subarray(t.offset, t.offset + r * c) as Float64Array, trans: false };
    if (t.strides[0] === 1 && t.strides[1] === r) {
      return { buf: t.data.subarray(t.offset, t.offset + r * c) as Float64Array, trans: true };
    }
  }
  return { buf: readAs(t, dtype) as Float64Array, trans: false };
}

/** Start of each broadcast batch's matrix in a row-major operand with batch shape `own`. */
function batchOffsets(own: number[], matrixSize: number, batch: number[]): Int32Array {
  const strides = contiguousStrides(own).map((st) => st * matrixSize);
  return stridedIndex(batch, broadcastStrides(own, strides, batch), 0);
}

/** Batched matrix product of two tensors with at least 2 dims, broadcasting the batch dims. */
export function matmulNd(a: Tensor, b: Tensor): Tensor {
  const m = a.shape[a.ndim - 2];
  const k = a.shape[a.ndim - 1];
  const k2 = b.shape[b.ndim - 2];
  const n = b.shape[b.ndim - 1];
  if (k !== k2) {
    throw new Error(
      `matmul: mat1 and mat2 shapes cannot be multiplied (${fmtShape(a.shape)} and ${fmtShape(b.shape)})`,
    );
  }
  const batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2), 'matmul (batch dims)');
  const dtype = promoteTypes(a.dtype, b.dtype);
  const work: DType = dtype === 'int32' ? 'float64' : dtype;
  const batches = numel(batch);
  const outShape = [...batch, m, n];
  let out = allocStorage(work, batches * m * n) as Float64Array | Float32Array;
  if (batch.length === 0) {
    const A = matrixOperand(a, work);
    const B = matrixOperand(b, work);
    matmulInto(A.buf, B.buf, out, m, k, n, { transA: A.trans, transB: B.trans });
  } else {
    // Each operand is read once in its own batch shape; broadcast batch dims reuse the same
    // matrix (a conv weight is not copied once per image).
    const A = readAs(a, work) as Float64Array;
    const B = readAs(b, work) as Float64Array;
    const aOffsets = batchOffsets(a.shape.slice(0, -2), m * k, batch);
    const bOffsets = batchOffsets(b.shape.slice(0, -2), k * n, batch);
    for (let i = 0; i < batches; i++) {
      matmulInto(
        A.subarray(aOffsets[i], aOffsets[i] + m * k),
        B.subarray(bOffsets[i], bOffsets[i] + k * n),
        out.subarray(i * m * n, (i + 1) * m * n),
        m,
        k,
        n,
      );
    }
  }
  if (dtype === 'int32') out = Int32Array.from(out) as unknown as Float64Array;
  const res = Tensor.fromStorage(out, outShape);
  return record(res, 'matmul', [a, b], (g) => [
    sumTo(matmulNd(g, b.transpose(-1, -2)), a.shape),
    sumTo(matmulNd(a.transpose(-1, -2), g), b.shape),
  ]);
}

// ---------------------------------------------------------------------------------------------
// im2col / col2im: the movement behind conv2d, pooling and transposed convolution (the loops
// live in kernels/im2col.ts; these wrap them per image and pair each with its gradient)

/** Window geometry of a 2-D sliding operation. */
export interface Window2d {
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
}

/** Output size of a sliding window over `size` (throws when the window does not fit). */
export function windowOutputSize(size: number, k: number, s: number, p: number, d: number, op: string): number {
  const span = d * (k - 1) + 1;
  const out = Math.floor((size + 2 * p - span) / s) + 1;
  if (out <= 0) {
    throw new Error(
      `${op}: input size ${size} with padding ${p} is smaller than the (dilated) kernel size ${span}; the output would be empty`,
    );
  }
  return out;
}

function kernelGeometry(C: number, H: number, W: number, w: Window2d): Conv2dGeometry {
  return conv2dGeometry({ channels: C, height: H, width: W, ...w });
}

/**
 * Unfolds (N, C, H, W) into columns (N, C·kh·kw, oh·ow), one image at a time through the im2col
 * kernel; padded positions read 0.
 */
export function im2col(x: Tensor, w: Window2d): Tensor {
  if (x.ndim !== 4) throw new Error(`im2col: expected a 4-D input (N, C, H, W), got shape ${fmtList(x.shape)}`);
  if (x.dtype === 'int32') throw new Error('im2col: convolution and pooling need a float tensor, got int32');
  const [N, C, H, W] = x.shape;
  const g = kernelGeometry(C, H, W, w);
  const size = colRows(g) * colCols(g);
  const src = readContiguous(x) as Buf;
  const out = allocStorage(x.dtype, N * size) as Buf;
  for (let n = 0; n < N; n++) im2colKernel(src, g, out.subarray(n * size, (n + 1) * size), n * C * H * W);
  const res = Tensor.fromStorage(out, [N, colRows(g), colCols(g)]);
  return record(res, 'im2col', [x], (grad) => [col2im(grad, [H, W], w)]);
}

/** Folds columns (N, C·kh·kw, L) back into (N, C, H, W), summing overlaps (the adjoint of im2col). */
export function col2im(cols: Tensor, size: [number, number], w: Window2d): Tensor {
  const [kh, kw] = w.kernel;
  if (cols.ndim !== 3 || cols.shape[1] % (kh * kw) !== 0) {
    throw new Error(`col2im: expected columns (N, C·${kh}·${kw}, L), got shape ${fmtList(cols.shape)}`);
  }
  if (cols.dtype === 'int32') throw new Error('col2im: needs a float tensor, got int32');
  const [N, rows, L] = cols.shape;
  const [H, W] = size;
  const C = rows / (kh * kw);
  const g = kernelGeometry(C, H, W, w);
  if (L !== colCols(g)) {
    throw new Error(`col2im: ${L} columns do not match an output of ${H}x${W} (${g.outH}x${g.outW} windows expected)`);
  }
  const src = readContiguous(cols) as Buf;
  const out = allocStorage(cols.dtype, N * C * H * W) as Buf;
  const per = rows * L;
  for (let n = 0; n < N; n++) col2imKernel(src.subarray(n * per, (n + 1) * per), g, out, n * C * H * W);
  const res = Tensor.fromStorage(out, [N, C, H, W]);
  return record(res, 'col2im', [cols], (grad) => [im2col(grad, w)]);
}
