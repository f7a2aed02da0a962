// Creation functions: tensor, zeros, ones, full, arange, linspace, eye, rand, randn, randint.
import { allocStorage, type DType } from './dtype.js';
import { full as fullOf } from './ops.js';
import { defaultGenerator, type Generator } from './random.js';
import { checkShape, fmtList, numel } from './shape.js';
import { type NestedArray, Tensor } from './tensor.js';

/** Options of every creation function. */
export interface TensorOptions {
  /** Element type; float64 unless given. */
  dtype?: DType;
  /** Track gradients of this leaf (float dtypes only). */
  requiresGrad?: boolean;
}

/** Options of the random creation functions. */
export interface RandomOptions extends TensorOptions {
  /** The PRNG to draw from (the default generator, seeded by `manualSeed`, when omitted). */
  generator?: Generator;
}

type ShapeArg = number | readonly number[];

function toShape(shape: ShapeArg, op: string): number[] {
  return checkShape(typeof shape === 'number' ? [shape] : [...shape], op);
}

function finish(t: Tensor, options: TensorOptions | undefined): Tensor {
  if (options?.requiresGrad) t.requiresGrad = true;
  return t;
}

/**
 * A tensor from nested arrays (or a number for a 0-d tensor). float64 unless `dtype` is given.
 *
 * @example
 * tensor([[1, 2], [3, 4]], { requiresGrad: true });
 */
export function tensor(data: NestedArray | ArrayLike<number>, options?: TensorOptions): Tensor {
  const dtype = options?.dtype ?? 'float64';
  const shape: number[] = [];
  let probe: unknown = data;
  while (Array.isArray(probe) || ArrayBuffer.isView(probe)) {
    const arr = probe as ArrayLike<unknown>;
    shape.push(arr.length);
    if (arr.length === 0) break;
    probe = arr[0];
  }
  const out = allocStorage(dtype, numel(shape));
  let pos = 0;
  const fill = (value: unknown, d: number, path: number[]) => {
    if (d === shape.length) {
      if (typeof value !== 'number') {
        throw new TypeError(`tensor: expected a number at index [${path.join(', ')}], got ${JSON.stringify(value)}`);
      }
      if (dtype === 'int32' && !Number.isInteger(value)) {
        throw new TypeError(`tensor: int32 tensors need integers, got ${value} at index [${path.join(', ')}]`);
      }
      out[pos++] = value;
      return;
    }
    if (!Array.isArray(value) && !ArrayBuffer.isView(value)) {
      throw new TypeError(`tensor: ragged nested array; expected a list at index [${path.join(', ')}]`);
    }
    const arr = value as ArrayLike<unknown>;
    if (arr.length !== shape[d]) {
      throw new TypeError(
        `tensor: ragged nested array; expected length ${shape[d]} at dim ${d} (index [${path.join(', ')}]), got ${arr.length}`,
      );
    }
    for (let i = 0; i < arr.length; i++) fill(arr[i], d + 1, [...path, i]);
  };
  fill(data, 0, []);
  return finish(Tensor.fromStorage(out, shape), options);
}

/** A tensor of zeros. */
export function zeros(shape: ShapeArg, options?: TensorOptions): Tensor {
  return finish(fullOf(toShape(shape, 'zeros'), 0, options?.dtype), options);
}

/** A tensor of ones. */
export function ones(shape: ShapeArg, options?: TensorOptions): Tensor {
  return finish(fullOf(toShape(shape, 'ones'), 1, options?.dtype), options);
}

/** A tensor filled with `value`. */
export function full(shape: ShapeArg, value: number, options?: TensorOptions): Tensor {
  return finish(fullOf(toShape(shape, 'full'), value, options?.dtype), options);
}

/** Zeros with the shape and dtype of `t`. */
export function zerosLike(t: Tensor, options?: TensorOptions): Tensor {
  return zeros(t.shape, { dtype: t.dtype, ...options });
}

/** Ones with the shape and dtype of `t`. */
export function onesLike(t: Tensor, options?: TensorOptions): Tensor {
  return ones(t.shape, { dtype: t.dtype, ...options });
}

/** Values start, start+step, ... < end (like torch.arange); `arange(n)` is 0..n-1. */
export function arange(start: number, end?: number, step = 1, options?: TensorOptions): Tensor {
  const [s, e] = end === undefined ? [0, start] : [start, end];
  if (step === 0 || !Number.isFinite(step)) throw new Error(`arange: step must be finite and nonzero, got ${step}`);
  if (!Number.isFinite(s) || !Number.isFinite(e))
    throw new Error(`arange: start and end must be finite, got ${s}, ${e}`);
  const n = Math.max(0, Math.ceil((e - s) / step));
  const out = allocStorage(options?.dtype ?? 'float64', n);
  for (let i = 0; i < n; i++) out[i] = s + i * step;
  return finish(Tensor.fromStorage(out, [n]), options);
}

/** `steps` evenly spaced values from start to end inclusive (PyTorch's formula). */
export function linspace(start: number, end: number, steps: number, options?: TensorOptions): Tensor {
  if (!Number.isInteger(steps) || steps < 0)
    throw new Error(`linspace: steps must be a non-negative integer, got ${steps}`);
  const out = allocStorage(options?.dtype ?? 'float64', steps);
  const step = steps > 1 ? (end - start) / (steps - 1) : 0;
  // Like PyTorch: the first half counts up from start, the second half down from end (exact endpoints).
  const half = Math.floor(steps / 2);
  for (let i = 0; i < steps; i++) out[i] = i < half ? start + step * i : end - step * (steps - i - 1);
  return finish(Tensor.fromStorage(out, [steps]), options);
}

/** An n×m identity matrix (m = n unless given). */
export function eye(n: number, m: number = n, options?: TensorOptions): Tensor {
  const shape = checkShape([n, m], 'eye');
  const out = allocStorage(options?.dtype ?? 'float64', n * m);
  for (let i = 0; i < Math.min(n, m); i++) out[i * m + i] = 1;
  return finish(Tensor.fromStorage(out, shape), options);
}

function randomTensor(shape: ShapeArg, options: RandomOptions | undefined, op: string, draw: (g: Generator) => number) {
  const s = toShape(shape, op);
  const dtype = options?.dtype ?? 'float64';
  if (dtype === 'int32') throw new Error(`${op}: int32 is not a floating point dtype; use randint`);
  const g = options?.generator ?? defaultGenerator;
  const out = allocStorage(dtype, numel(s));
  for (let i = 0; i < out.length; i++) out[i] = draw(g);
  return finish(Tensor.fromStorage(out, s), options);
}

/** Uniform samples in [0, 1). */
export function rand(shape: ShapeArg, options?: RandomOptions): Tensor {
  return randomTensor(shape, options, 'rand', (g) => g.random());
}

/** Standard normal samples (Box–Muller). */
export function randn(shape: ShapeArg, options?: RandomOptions): Tensor {
  return randomTensor(shape, options, 'randn', (g) => g.normal());
}

/** Uniform integers in [low, high) as int32 (or the dtype given). */
export function randint(low: number, high: number, shape: ShapeArg, options?: RandomOptions): Tensor {
  const s = toShape(shape, 'randint');
  if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
    throw new Error(`randint: need integers low < high, got low=${low}, high=${high} for shape ${fmtList(s)}`);
  }
  const g = options?.generator ?? defaultGenerator;
  const out = allocStorage(options?.dtype ?? 'int32', numel(s));
  for (let i = 0; i < out.length; i++) out[i] = g.randint(low, high);
  return finish(Tensor.fromStorage(out, s), options);
}
