// Independent references for the kernel tests: the textbook formulas, written for clarity, not speed.
export type Dtype = 'float32' | 'float64';
export type Buf = Float32Array | Float64Array;

/** A deterministic pseudo-random fill (xorshift), so failures reproduce. Values in [-1, 1). */
export function filled(dtype: Dtype, length: number, seed: number): Buf {
  const out = dtype === 'float32' ? new Float32Array(length) : new Float64Array(length);
  let s = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** op(A)[i, p] · op(B)[p, j] summed over p in ascending order in float64, as the textbook loop does. */
export function naiveMatmul(a: Buf, b: Buf, out: Buf, m: number, k: number, n: number, transA = false, transB = false) {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) {
        const av = transA ? a[p * m + i] : a[i * k + p];
        const bv = transB ? b[j * k + p] : b[p * n + j];
        sum += av * bv;
      }
      out[i * n + j] = sum;
    }
  }
}
