// The matrix-product kernel every matmul in @i2dl/core goes through (see docs/contracts.md).
// Plain triple loop for now: correct for every layout, and the reference the fast kernels
// are tested against.
export type Buf = Float64Array | Float32Array;

export interface MatmulOptions {
  /** A is stored K×M (use its transpose). */
  transA?: boolean;
  /** B is stored N×K (use its transpose). */
  transB?: boolean;
  /** First output row to compute (inclusive). */
  rowStart?: number;
  /** Last output row to compute (exclusive). */
  rowEnd?: number;
}

/** out[m×n] = op(a)[m×k] · op(b)[k×n] for rows [rowStart, rowEnd) of out; row-major, overwrites out. */
export function matmulInto(a: Buf, b: Buf, out: Buf, m: number, k: number, n: number, opts: MatmulOptions = {}): void {
  const { transA = false, transB = false, rowStart = 0, rowEnd = m } = opts;
  for (let i = rowStart; i < rowEnd; i++) {
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
