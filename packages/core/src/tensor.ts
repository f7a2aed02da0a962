// The Tensor class: storage + shape + strides + offset, autograd fields, and the ops as methods.
// Methods only delegate: primitives live in primitives.ts, composed ops in ops.ts.
import { bumpVersion, type CompositeInfo, type GradNode, isGradEnabled, noGrad, runBackward } from './autograd.js';
import { type DType, dtypeOf, isFloat, type Storage } from './dtype.js';
import { formatTensor } from './format.js';
import * as ops from './ops.js';
import * as P from './primitives.js';
import { contiguousStrides, fmtList, normalizeDim, numel } from './shape.js';

/** A tensor or a plain number (a "weak" scalar that takes the tensor's dtype). */
export type TensorLike = Tensor | number;
/** Nested plain arrays of numbers (what `toArray()` returns and `tensor()` accepts). */
export type NestedArray = number | NestedArray[];

/**
 * One entry of `t.index(...)`: an integer selects (and drops the dim); `{ start, end, step }` slices
 * with Python's rules, and `{}` keeps the whole dim (PyTorch's `:`).
 */
export type IndexSpec = number | { start?: number; end?: number; step?: number };

/**
 * An n-dimensional array of float64 (default), float32 or int32 elements with reverse-mode
 * autograd. Views (reshape of contiguous data, transpose, permute, slice, expand, ...) share
 * storage with their base.
 *
 * @example
 * const x = tensor([[1, -2]], { requiresGrad: true });
 * x.mul(x).sum().backward();
 * x.grad?.toArray(); // [[2, -4]]
 */
export class Tensor {
  /** The shared storage this tensor reads from. */
  readonly data: Storage;
  readonly shape: number[];
  readonly strides: number[];
  /** Position of element [0, ..., 0] in `data`. */
  readonly offset: number;
  readonly dtype: DType;
  /** Accumulated gradient after `backward()` (leaves, and intermediates with `retainGrad()`). */
  grad: Tensor | null = null;
  /** A label for graph exports and messages, e.g. `w.name = 'w11'`. */
  name: string | null = null;
  /** How this tensor was computed (null for leaves). */
  gradFn: GradNode | null = null;
  /** Set by composed ops so that graph exports show one node (e.g. 'softmax') for them. */
  composite: CompositeInfo | null = null;
  /** True after `retainGrad()`. */
  retainsGrad = false;
  /** Marks module parameters (set by `nn.Parameter`). */
  isParameter = false;
  private requiresGradFlag = false;

  /** Prefer the creation functions (`tensor`, `zeros`, ...); this wraps existing storage. */
  constructor(data: Storage, shape: readonly number[], strides?: readonly number[], offset = 0) {
    this.data = data;
    this.shape = [...shape];
    this.strides = strides ? [...strides] : contiguousStrides(shape);
    this.offset = offset;
    this.dtype = dtypeOf(data);
  }

  /** A tensor over fresh row-major storage. */
  static fromStorage(data: Storage, shape: readonly number[]): Tensor {
    if (data.length !== numel(shape)) {
      throw new Error(`Tensor: storage of ${data.length} elements does not fit shape ${fmtList(shape)}`);
    }
    return new Tensor(data, shape);
  }

  /** A view of `base`'s storage with another shape, strides and offset. */
  static view(base: Tensor, shape: readonly number[], strides: readonly number[], offset: number): Tensor {
    return new Tensor(base.data, shape, strides, offset);
  }

  /** Whether gradients flow to this tensor. Only float tensors can require grad. */
  get requiresGrad(): boolean {
    return this.requiresGradFlag;
  }
  set requiresGrad(value: boolean) {
    if (value && !isFloat(this.dtype)) {
      throw new Error(`requiresGrad: only floating point tensors can require gradients (this one is ${this.dtype})`);
    }
    if (!value && this.gradFn) {
      throw new Error('requiresGrad: cannot turn off gradients of a non-leaf tensor; use detach() instead');
    }
    this.requiresGradFlag = value;
  }

  /** Sets `requiresGrad` and returns this tensor (like PyTorch's `requires_grad_()`). */
  requiresGrad_(value = true): this {
    this.requiresGrad = value;
    return this;
  }

  /** Number of dims. */
  get ndim(): number {
    return this.shape.length;
  }
  /** Number of dims (PyTorch's `dim()`). */
  dim(): number {
    return this.shape.length;
  }
  /** Number of elements. */
  numel(): number {
    return numel(this.shape);
  }
  /** The shape, or the size of one dim. */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    if (dim === undefined) return [...this.shape];
    return this.shape[normalizeDim(dim, this.ndim, 'size')];
  }
  /** True for a leaf (created by the user, not by an op). */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** True when the elements are laid out row-major without gaps. */
  isContiguous(): boolean {
    let expected = 1;
    for (let i = this.shape.length - 1; i >= 0; i--) {
      if (this.shape[i] === 1) continue;
      if (this.strides[i] !== expected) return false;
      expected *= this.shape[i];
    }
    return true;
  }

  // -- reading values ---------------------------------------------------------------------------

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.numel() !== 1) {
      throw new Error(`item: a Tensor with ${this.numel()} elements cannot be converted to a number`);
    }
    return this.data[this.offset];
  }

  /**
   * Nested plain arrays (a number for a 0-d tensor). Name the nesting you expect for a typed
   * result: `m.toArray<number[][]>()`.
   */
  toArray<T extends NestedArray = NestedArray>(): T {
    const flat = this.toFlatArray();
    if (this.ndim === 0) return flat[0] as T;
    let pos = 0;
    const build = (d: number): NestedArray[] => {
      const out: NestedArray[] = [];
      for (let i = 0; i < this.shape[d]; i++) {
        if (d === this.ndim - 1) out.push(flat[pos++]);
        else out.push(build(d + 1));
      }
      return out;
    };
    return build(0) as T;
  }

  /** The elements in row-major order as a plain array. */
  toFlatArray(): number[] {
    return Array.from(P.readContiguous(this));
  }

  /** PyTorch-style text, e.g. `tensor([[1., 2.]], requires_grad=True)`. */
  toString(): string {
    return formatTensor(this);
  }

  // -- autograd ------------------------------------------------------------------------------------

  /** Backpropagates from this tensor; a non-scalar needs `grad` of the same shape. Gradients accumulate. */
  backward(grad?: Tensor): void {
    runBackward(this, grad, (t) => ops.full(t.shape, 1, t.dtype));
  }

  /** Keeps this intermediate's gradient in `.grad` after `backward()`. */
  retainGrad(): this {
    if (!this.requiresGrad)
      throw new Error("retainGrad: can't retain the gradient of a tensor that does not require grad");
    if (this.gradFn) this.retainsGrad = true;
    return this;
  }

  /** The same values, cut from the graph (shares storage). */
  detach(): Tensor {
    const t = new Tensor(this.data, this.shape, this.strides, this.offset);
    t.name = this.name;
    return t;
  }

  /** A copy with its own storage (differentiable). */
  clone(): Tensor {
    return ops.clone(this);
  }

  /** Row-major layout (this tensor if it already is). */
  contiguous(): Tensor {
    return P.contiguous(this);
  }

  /** Converts to `dtype` (this tensor if it already is). */
  toDtype(dtype: DType): Tensor {
    return P.cast(this, dtype);
  }
  /** Converts to float64. */
  double(): Tensor {
    return P.cast(this, 'float64');
  }
  /** Converts to float32. */
  float(): Tensor {
    return P.cast(this, 'float32');
  }
  /** Converts to int32 (truncating toward zero). */
  int(): Tensor {
    return P.cast(this, 'int32');
  }

  // -- in-place updates (for optimizers and init; never recorded) ------------------------------------

  private checkInPlace(op: string): void {
    if (isGradEnabled() && this.requiresGrad && this.gradFn === null) {
      throw new Error(
        `${op}: a leaf tensor that requires grad is being used in an in-place operation; wrap it in noGrad()`,
      );
    }
  }
  /** Copies `src` (broadcast to this shape) into this tensor's storage. */
  copy_(src: TensorLike): this {
    this.checkInPlace('copy_');
    const s = typeof src === 'number' ? ops.full([], src, this.dtype) : src;
    ops.broadcastCheck(s.shape, this.shape, 'copy_');
    P.writeInto(this, s);
    bumpVersion(this.data);
    return this;
  }
  /** Sets every element to `value`. */
  fill_(value: number): this {
    return this.copy_(value);
  }
  /** Sets every element to 0. */
  zero_(): this {
    return this.copy_(0);
  }
  /** this += alpha · other, in place. */
  add_(other: TensorLike, alpha = 1): this {
    return this.copy_(noGrad(() => this.add(typeof other === 'number' ? other * alpha : other.mul(alpha))));
  }
  /** this *= other, in place. */
  mul_(other: TensorLike): this {
    return this.copy_(noGrad(() => this.mul(other)));
  }

  // -- elementwise -------------------------------------------------------------------------------------

  /** Elementwise this + other (broadcasting). */
  add(other: TensorLike): Tensor {
    return P.binary('add', this, other);
  }
  /** Elementwise this − other (broadcasting). */
  sub(other: TensorLike): Tensor {
    return P.binary('sub', this, other);
  }
  /** Elementwise this · other (broadcasting). */
  mul(other: TensorLike): Tensor {
    return P.binary('mul', this, other);
  }
  /** Elementwise this / other (broadcasting); always a float result. */
  div(other: TensorLike): Tensor {
    return P.binary('div', this, other);
  }
  /** Elementwise this ^ exponent (broadcasting). */
  pow(exponent: TensorLike): Tensor {
    return P.binary('pow', this, exponent);
  }
  /** Elementwise maximum; ties share the gradient in half, as in PyTorch. */
  maximum(other: TensorLike): Tensor {
    return P.binary('maximum', this, other);
  }
  /** Elementwise minimum; ties share the gradient in half, as in PyTorch. */
  minimum(other: TensorLike): Tensor {
    return P.binary('minimum', this, other);
  }
  /** −x. */
  neg(): Tensor {
    return P.unary('neg', this);
  }
  /** e^x. */
  exp(): Tensor {
    return P.unary('exp', this);
  }
  /** Natural logarithm. */
  log(): Tensor {
    return P.unary('log', this);
  }
  /** Square root. */
  sqrt(): Tensor {
    return P.unary('sqrt', this);
  }
  /** |x| (gradient sign(x), 0 at 0). */
  abs(): Tensor {
    return P.unary('abs', this);
  }
  /** −1, 0 or 1 (no gradient). */
  sign(): Tensor {
    return P.unary('sign', this);
  }
  /** Sine. */
  sin(): Tensor {
    return P.unary('sin', this);
  }
  /** Cosine. */
  cos(): Tensor {
    return P.unary('cos', this);
  }
  /** x², composed as x·x. */
  square(): Tensor {
    return ops.square(this);
  }
  /** 1/x. */
  reciprocal(): Tensor {
    return ops.reciprocal(this);
  }
  /** Limits values to [min, max]; the gradient flows where min <= x <= max, as in PyTorch. */
  clamp(min?: number | null, max?: number | null): Tensor {
    return ops.clamp(this, min, max);
  }

  /** 0/1 int32 mask of this = other (comparisons have no gradient). */
  eq(other: TensorLike): Tensor {
    return P.binary('eq', this, other);
  }
  /** 0/1 int32 mask of this ≠ other. */
  ne(other: TensorLike): Tensor {
    return P.binary('ne', this, other);
  }
  /** 0/1 int32 mask of this < other. */
  lt(other: TensorLike): Tensor {
    return P.binary('lt', this, other);
  }
  /** 0/1 int32 mask of this ≤ other. */
  le(other: TensorLike): Tensor {
    return P.binary('le', this, other);
  }
  /** 0/1 int32 mask of this > other. */
  gt(other: TensorLike): Tensor {
    return P.binary('gt', this, other);
  }
  /** 0/1 int32 mask of this ≥ other. */
  ge(other: TensorLike): Tensor {
    return P.binary('ge', this, other);
  }

  // -- activations -------------------------------------------------------------------------------------

  /** max(x, 0); the gradient at 0 is 0, as in PyTorch. */
  relu(): Tensor {
    return P.unary('relu', this);
  }
  /** x for x > 0, else negativeSlope·x. */
  leakyRelu(negativeSlope = 0.01): Tensor {
    return ops.leakyRelu(this, negativeSlope);
  }
  /** 1 / (1 + e^−x). */
  sigmoid(): Tensor {
    return P.unary('sigmoid', this);
  }
  /** Hyperbolic tangent. */
  tanh(): Tensor {
    return P.unary('tanh', this);
  }
  /** exp(x) / Σ exp(x) along `dim` (shifted by the max for stability). */
  softmax(dim: number): Tensor {
    return ops.softmax(this, dim);
  }
  /** log(softmax(x)) along `dim`, computed stably. */
  logSoftmax(dim: number): Tensor {
    return ops.logSoftmax(this, dim);
  }

  // -- reductions --------------------------------------------------------------------------------------

  /** Sum over `dim` (all dims when omitted). */
  sum(dim?: number | number[] | null, keepdim = false): Tensor {
    return ops.sum(this, dim, keepdim);
  }
  /** Mean over `dim` (all dims when omitted); int32 input gives float64. */
  mean(dim?: number | number[] | null, keepdim = false): Tensor {
    return ops.mean(this, dim, keepdim);
  }
  /** Variance; `unbiased` (default true) divides by n - 1. */
  var(dim?: number | number[] | null, options: { unbiased?: boolean; keepdim?: boolean } = {}): Tensor {
    return ops.variance(this, dim, options);
  }
  /** Standard deviation; `unbiased` (default true) divides by n − 1. */
  std(dim?: number | number[] | null, options: { unbiased?: boolean; keepdim?: boolean } = {}): Tensor {
    return ops.std(this, dim, options);
  }
  /** Maximum values over `dim` (all dims when omitted); use `argmax` for the indices. */
  max(dim?: number | number[] | null, keepdim = false): Tensor {
    return ops.max(this, dim, keepdim);
  }
  /** Minimum values over `dim` (all dims when omitted). */
  min(dim?: number | number[] | null, keepdim = false): Tensor {
    return ops.min(this, dim, keepdim);
  }
  /** Index of the first maximum along `dim` (of the flattened tensor when omitted); int32. */
  argmax(dim?: number | null, keepdim = false): Tensor {
    return ops.argmax(this, dim, keepdim);
  }
  /** Index of the first minimum along `dim` (of the flattened tensor when omitted); int32. */
  argmin(dim?: number | null, keepdim = false): Tensor {
    return ops.argmin(this, dim, keepdim);
  }

  // -- products ----------------------------------------------------------------------------------------

  /** Matrix product with PyTorch's rules for 1-D operands and broadcast batch dims. */
  matmul(other: Tensor): Tensor {
    return ops.matmul(this, other);
  }

  // -- shape and views ----------------------------------------------------------------------------------

  /** Same elements in a new shape (one size may be −1); a view when contiguous, else a copy. */
  reshape(...shape: number[] | [number[]]): Tensor {
    return P.reshape(this, flatArgs(shape));
  }
  /** Like reshape, but only for contiguous tensors (never copies). */
  view(...shape: number[] | [number[]]): Tensor {
    if (!this.isContiguous()) {
      throw new Error(
        `view: tensor of shape ${fmtList(this.shape)} is not contiguous, so it cannot be viewed; use reshape() or contiguous()`,
      );
    }
    return P.reshape(this, flatArgs(shape));
  }
  /** Reorders the dims (a view). */
  permute(...dims: number[] | [number[]]): Tensor {
    return P.permute(this, flatArgs(dims));
  }
  /** Swaps two dims (a view). */
  transpose(dim0: number, dim1: number): Tensor {
    return ops.transpose(this, dim0, dim1);
  }
  /** Transpose of a tensor with at most 2 dims. */
  t(): Tensor {
    if (this.ndim > 2) throw new Error(`t: expects a tensor with <= 2 dimensions, but it has ${this.ndim}`);
    return this.ndim < 2 ? this : ops.transpose(this, 0, 1);
  }
  /** Removes size-1 dims (all of them, or only `dim`). */
  squeeze(dim?: number): Tensor {
    return ops.squeeze(this, dim);
  }
  /** Inserts a size-1 dim at `dim`. */
  unsqueeze(dim: number): Tensor {
    return ops.unsqueeze(this, dim);
  }
  /** Merges dims startDim..endDim into one. */
  flatten(startDim = 0, endDim = -1): Tensor {
    return ops.flatten(this, startDim, endDim);
  }
  /** Broadcasts size-1 dims to `shape` without copying (−1 keeps a size). */
  expand(...shape: number[] | [number[]]): Tensor {
    return P.expand(this, flatArgs(shape));
  }
  /** Expands to the shape of `other`. */
  expandAs(other: Tensor): Tensor {
    return P.expand(this, other.shape);
  }
  /** The sub-tensor at `index` along `dim` (that dim is removed); negative indices count from the end. */
  select(dim: number, index: number): Tensor {
    return ops.select(this, dim, index);
  }
  /** Elements start, start+step, ... < end along `dim` (Python slice semantics, step > 0). */
  slice(dim: number, start?: number, end?: number, step = 1): Tensor {
    return P.slice(this, dim, start, end, step);
  }
  /** Indexing with one entry per leading dim: `x.index(0, { start: 1 }, {})` is PyTorch's `x[0, 1:, :]`. */
  index(...specs: IndexSpec[]): Tensor {
    return ops.index(this, specs);
  }
}

function flatArgs(args: number[] | [number[]]): number[] {
  return Array.isArray(args[0]) ? [...(args[0] as number[])] : (args as number[]);
}
