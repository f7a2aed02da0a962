// Element types, their storage arrays and PyTorch's promotion rules, in one place.

/** The element type of a tensor. float64 is the default; int32 holds class indices and masks. */
export type DType = 'float64' | 'float32' | 'int32';

/** The typed array a tensor's elements live in. */
export type Storage = Float64Array | Float32Array | Int32Array;

/** A fresh zero-filled storage array of `n` elements of `dtype`. */
export function allocStorage(dtype: DType, n: number): Storage {
  if (dtype === 'float64') return new Float64Array(n);
  if (dtype === 'float32') return new Float32Array(n);
  return new Int32Array(n);
}

/** The dtype that a storage array holds. */
export function dtypeOf(data: Storage): DType {
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Float32Array) return 'float32';
  return 'int32';
}

/** True for float32 and float64. */
export function isFloat(dtype: DType): boolean {
  return dtype !== 'int32';
}

/** PyTorch's promotion between two tensors: int32 + float → float; float32 + float64 → float64. */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a === 'float64' || b === 'float64') return 'float64';
  return 'float32';
}

/**
 * The dtype a plain JS number takes next to a tensor of `dtype` (a "weak" scalar, as in PyTorch):
 * it keeps the tensor's dtype, except that a non-integer next to an int32 tensor gives float64.
 */
export function scalarType(dtype: DType, value: number): DType {
  if (dtype === 'int32' && !Number.isInteger(value)) return 'float64';
  return dtype;
}

/** The float dtype an op like exp or division produces from `dtype` (int32 → float64). */
export function floatTypeOf(dtype: DType): DType {
  return dtype === 'int32' ? 'float64' : dtype;
}
