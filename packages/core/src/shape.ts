// Shape arithmetic shared by every op: sizes, strides, broadcasting, dim normalisation.

/** Number of elements of a shape. */
export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/** Row-major (C-contiguous) strides of a shape. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

/** `2x3` for messages, `[]` for a scalar. */
export function fmtShape(shape: readonly number[]): string {
  return shape.length === 0 ? '[]' : shape.join('x');
}

/** `[2, 3]` for messages. */
export function fmtList(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** The broadcast shape of two shapes, or an error naming the op and both shapes. */
export function broadcastShapes(a: readonly number[], b: readonly number[], op: string): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(
        `${op}: shapes ${fmtList(a)} and ${fmtList(b)} cannot be broadcast together (dim ${i}: ${da} vs ${db})`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** A dim in [-ndim, ndim) mapped to [0, ndim), or an error naming the op. */
export function normalizeDim(dim: number, ndim: number, op: string): number {
  const lo = ndim === 0 ? -1 : -ndim;
  const hi = ndim === 0 ? 0 : ndim - 1;
  if (!Number.isInteger(dim) || dim < lo || dim > hi) {
    throw new RangeError(`${op}: dimension out of range (expected to be in range of [${lo}, ${hi}], but got ${dim})`);
  }
  return dim < 0 ? dim + Math.max(ndim, 1) : dim;
}

/** Normalised, sorted, distinct dims; `undefined` means all dims. */
export function normalizeDims(dims: number | readonly number[] | undefined | null, ndim: number, op: string): number[] {
  if (dims === undefined || dims === null) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof dims === 'number' ? [dims] : dims;
  const out = list.map((d) => normalizeDim(d, ndim, op));
  if (new Set(out).size !== out.length) throw new Error(`${op}: dim ${fmtList(list)} appears more than once`);
  return out.sort((x, y) => x - y);
}

/** Checks that a shape is a list of non-negative integers. */
export function checkShape(shape: readonly number[], op: string): number[] {
  if (!Array.isArray(shape)) throw new TypeError(`${op}: shape must be an array of integers, got ${String(shape)}`);
  for (const s of shape) {
    if (!Number.isInteger(s) || s < 0)
      throw new Error(`${op}: invalid shape ${fmtList(shape)}; sizes must be integers >= 0`);
  }
  return [...shape];
}

/** Flat storage positions of every element of a strided view, in row-major order. */
export function stridedIndex(shape: readonly number[], strides: readonly number[], offset: number): Int32Array {
  const n = numel(shape);
  const idx = new Int32Array(n);
  if (n === 0) return idx;
  const nd = shape.length;
  const counter = new Array<number>(nd).fill(0);
  let pos = offset;
  for (let i = 0; i < n; i++) {
    idx[i] = pos;
    for (let d = nd - 1; d >= 0; d--) {
      counter[d]++;
      pos += strides[d];
      if (counter[d] < shape[d]) break;
      pos -= strides[d] * shape[d];
      counter[d] = 0;
    }
  }
  return idx;
}

/** Strides that read a tensor of `shape`/`strides` as if broadcast to `target` (0 on broadcast dims). */
export function broadcastStrides(
  shape: readonly number[],
  strides: readonly number[],
  target: readonly number[],
): number[] {
  const out = new Array<number>(target.length).fill(0);
  const shift = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) out[i + shift] = shape[i] === 1 ? 0 : strides[i];
  return out;
}

/** True when both shapes are equal. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/**
 * Copies the elements of a strided view into `out` in row-major order. Walks the innermost dim
 * with a plain stride loop (no index array), which is what makes transposed and expanded reads cheap.
 */
export function gatherStrided(
  src: ArrayLike<number>,
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
  out: { [i: number]: number; length: number },
): void {
  const n = out.length;
  if (n === 0) return;
  const nd = shape.length;
  if (nd === 0) {
    out[0] = src[offset];
    return;
  }
  const inner = shape[nd - 1];
  const step = strides[nd - 1];
  const counter = new Array<number>(nd).fill(0);
  let pos = offset;
  let k = 0;
  while (k < n) {
    let p = pos;
    for (let i = 0; i < inner; i++) {
      out[k++] = src[p];
      p += step;
    }
    for (let d = nd - 2; d >= 0; d--) {
      counter[d]++;
      pos += strides[d];
      if (counter[d] < shape[d]) break;
      pos -= strides[d] * shape[d];
      counter[d] = 0;
    }
  }
}
