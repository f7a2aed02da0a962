// The matrix-product kernel every matmul in @i2dl/core goes through (see docs/contracts.md).
//
// How it is fast, in plain JavaScript:
// - Operands are packed into Float64Array panels (GotoBLAS layout): B into column panels NR wide,
//   A into row panels MR tall, KC deep. Packing makes the inner loop read two contiguous streams,
//   whatever the layout (transA/transB cost nothing extra) and whatever the dtype, and it keeps
//   the hot loop monomorphic (it only ever sees Float64Array), which V8 needs to keep it fast.
// - A 4×4 register tile: 16 local accumulators, 8 loads per 16 multiply-adds.
// - Partial sums live in a float64 scratch block and are rounded into `out` once at the end.
//
// Every output element is one float64 sum over p = 0..k-1 in ascending order, starting from 0,
// which is exactly what the plain triple loop computes. So the fast path, the small-size path
// and any split of the rows (the worker pool) give bitwise-identical results, and float32
// products are accumulated in float64 and rounded once.
export type Buf = Float64Array | Float32Array;

export interface MatmulOptions {
  /** A is stored K×M (use its transpose). */
  transA?: boolean;
  /** B is stored N×K (use its transpose). */
  transB?: boolean;
  /** First output row to compute (inclusive). Default 0. */
  rowStart?: number;
  /** Last output row to compute (exclusive). Default m. */
  rowEnd?: number;
}

/** Register tile: rows of A per micro-kernel call. */
const MR = 4;
/** Register tile: columns of B per micro-kernel call. */
const NR = 4;
/** Depth of one packed block (A panel MR×KC and B panel KC×NR stay in L1 during the micro-kernel). */
const KC = 256;
/** Rows of A per packed block (MC×KC doubles = 128 KiB, sized for L2). */
const MC = 64;
/**
 * Below this many multiply-adds (rows·k·n), and for fewer than MR output rows, the plain loops
 * run instead of packing; they compute the identical float64 sums in the same order, so results
 * do not change. Measured (Node 24, best of 15, µs, packed vs plain): 2³ 0.14 vs 0.08, 8³ 0.49 vs
 * 0.62, 16³ 2.5 vs 3.7; 1×784·784×256 549 vs 131, 3×784·784×256 551 vs 375, 4×784·784×256 570 vs
 * 577. Few columns do not favour the plain loops (64×784·784×3: 151 vs 201).
 */
const SMALL_PRODUCT = 8 * 8 * 8;
/** Scratch buffers up to this many doubles are kept between calls; bigger ones are let go. */
const KEEP_SCRATCH = 1 << 20;

/**
 * out[m×n] = op(a)[m×k] · op(b)[k×n] for rows [rowStart, rowEnd) of out; row-major, overwrites
 * those rows of out and nothing else. `transA`: a is stored k×m; `transB`: b is stored n×k.
 * a, b and out may be float32 or float64 in any mix; sums are accumulated in float64. `out` must
 * not share memory with a or b. Throws a RangeError naming the problem on inconsistent sizes.
 */
export function matmulInto(a: Buf, b: Buf, out: Buf, m: number, k: number, n: number, opts: MatmulOptions = {}): void {
  const { transA = false, transB = false, rowStart = 0, rowEnd = m } = opts;
  checkArguments(a, b, out, m, k, n, rowStart, rowEnd);
  const rows = rowEnd - rowStart;
  if (rows === 0 || n === 0) return;
  if (k === 0) {
    out.fill(0, rowStart * n, rowEnd * n);
    return;
  }
  if (rows < MR || rows * k * n < SMALL_PRODUCT) {
    matmulPlain(a, b, out, m, k, n, transA, transB, rowStart, rowEnd);
    return;
  }
  matmulPacked(a, b, out, m, k, n, transA, transB, rowStart, rowEnd);
}

function checkArguments(a: Buf, b: Buf, out: Buf, m: number, k: number, n: number, rowStart: number, rowEnd: number) {
  for (const [name, v] of [
    ['m', m],
    ['k', k],
    ['n', n],
    ['rowStart', rowStart],
    ['rowEnd', rowEnd],
  ] as const) {
    if (!Number.isInteger(v) || v < 0)
      throw new RangeError(`matmulInto: ${name} must be a non-negative integer, got ${v}`);
  }
  if (rowStart > rowEnd || rowEnd > m) {
    throw new RangeError(`matmulInto: rows [${rowStart}, ${rowEnd}) are not within the ${m} rows of the output`);
  }
  if (a.length < m * k) throw new RangeError(`matmulInto: a has ${a.length} elements, needs ${m}×${k} = ${m * k}`);
  if (b.length < k * n) throw new RangeError(`matmulInto: b has ${b.length} elements, needs ${k}×${n} = ${k * n}`);
  if (out.length < m * n)
    throw new RangeError(`matmulInto: out has ${out.length} elements, needs ${m}×${n} = ${m * n}`);
}

/**
 * The plain loops, for products that packing does not pay for: tiny ones, and those with fewer
 * than MR rows, where packing B costs as much as the product and the 4×4 tile would mostly
 * multiply padding. Same float64 sums in the same order as the packed path.
 */
function matmulPlain(
  a: Buf,
  b: Buf,
  out: Buf,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
  rowStart: number,
  rowEnd: number,
): void {
  // Stride of op(A)[i, p] along i and along p in the stored layout.
  const aRow = transA ? 1 : k;
  const aCol = transA ? m : 1;
  if (transB) {
    // B stored n×k: each output element is a dot product of two contiguous rows.
    for (let i = rowStart; i < rowEnd; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        let ai = i * aRow;
        let bi = j * k;
        for (let p = 0; p < k; p++) {
          sum += a[ai] * b[bi++];
          ai += aCol;
        }
        out[i * n + j] = sum;
      }
    }
    return;
  }
  // B stored k×n: sweep B row by row (contiguous), accumulating a whole output row in float64.
  const acc = rowAccumulator(n);
  for (let i = rowStart; i < rowEnd; i++) {
    acc.fill(0, 0, n);
    let ai = i * aRow;
    for (let p = 0; p < k; p++) {
      const av = a[ai];
      ai += aCol;
      const bRow = p * n;
      for (let j = 0; j < n; j++) acc[j] += av * b[bRow + j];
    }
    const row = i * n;
    for (let j = 0; j < n; j++) out[row + j] = acc[j];
  }
}

let scratchRow: Float64Array = new Float64Array(256);

function rowAccumulator(n: number): Float64Array {
  const acc = scratch(scratchRow, n);
  if (acc.length <= KEEP_SCRATCH) scratchRow = acc;
  return acc;
}

const scratchA = new Float64Array(MC * KC);
let scratchB: Float64Array = new Float64Array(0);
let scratchC: Float64Array = new Float64Array(0);

function scratch(current: Float64Array, size: number): Float64Array {
  if (current.length >= size) return current;
  return new Float64Array(size);
}

function matmulPacked(
  a: Buf,
  b: Buf,
  out: Buf,
  m: number,
  k: number,
  n: number,
  transA: boolean,
  transB: boolean,
  rowStart: number,
  rowEnd: number,
): void {
  const nPanels = Math.ceil(n / NR);
  const nPadded = nPanels * NR;
  const bPack = scratch(scratchB, nPadded * k);
  if (bPack.length <= KEEP_SCRATCH) scratchB = bPack;
  packB(b, bPack, k, n, nPanels, transB);

  const mcMax = Math.min(MC, rowEnd - rowStart);
  const cBlock = scratch(scratchC, Math.ceil(mcMax / MR) * MR * nPadded);
  if (cBlock.length <= KEEP_SCRATCH) scratchC = cBlock;
  const aPack = scratchA;

  for (let ic = rowStart; ic < rowEnd; ic += MC) {
    const mc = Math.min(MC, rowEnd - ic);
    const mPanels = Math.ceil(mc / MR);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      packA(a, aPack, m, k, ic, mc, pc, kc, transA);
      const bBlock = pc * nPadded;
      const first = pc === 0;
      for (let jp = 0; jp < nPanels; jp++) {
        const bo = bBlock + jp * kc * NR;
        for (let ip = 0; ip < mPanels; ip++) {
          microKernel4x4(aPack, ip * kc * MR, bPack, bo, kc, cBlock, ip * MR * nPadded + jp * NR, nPadded, first);
        }
      }
    }
    for (let i = 0; i < mc; i++) {
      const src = i * nPadded;
      const dst = (ic + i) * n;
      for (let j = 0; j < n; j++) out[dst + j] = cBlock[src + j];
    }
  }
}

/**
 * Packs all of op(B) (k×n): for each KC-deep block, for each NR-wide column panel, KC rows of NR
 * values. Columns past n are zero; they only feed output columns that are never copied out.
 */
function packB(b: Buf, dst: Float64Array, k: number, n: number, nPanels: number, transB: boolean): void {
  const nPadded = nPanels * NR;
  let o = 0;
  for (let pc = 0; pc < k; pc += KC) {
    const kc = Math.min(KC, k - pc);
    o = pc * nPadded;
    for (let jp = 0; jp < nPanels; jp++) {
      const j0 = jp * NR;
      const width = Math.min(NR, n - j0);
      for (let p = pc; p < pc + kc; p++) {
        for (let jj = 0; jj < NR; jj++) {
          const j = j0 + jj;
          dst[o++] = jj < width ? (transB ? b[j * k + p] : b[p * n + j]) : 0;
        }
      }
    }
  }
}

/** Packs op(A)[ic..ic+mc, pc..pc+kc] as MR-tall row panels, each kc steps of MR values; rows past mc are zero. */
function packA(
  a: Buf,
  dst: Float64Array,
  m: number,
  k: number,
  ic: number,
  mc: number,
  pc: number,
  kc: number,
  transA: boolean,
): void {
  let o = 0;
  for (let i0 = 0; i0 < mc; i0 += MR) {
    const height = Math.min(MR, mc - i0);
    for (let p = pc; p < pc + kc; p++) {
      for (let ii = 0; ii < MR; ii++) {
        const i = ic + i0 + ii;
        dst[o++] = ii < height ? (transA ? a[p * m + i] : a[i * k + p]) : 0;
      }
    }
  }
}

/**
 * c[4×4 tile at co, row stride ldc] (+)= A panel · B panel over kc steps. On the first K block the
 * sums start from 0, later blocks continue the float64 sums stored in c.
 */
function microKernel4x4(
  ap: Float64Array,
  ao: number,
  bp: Float64Array,
  bo: number,
  kc: number,
  c: Float64Array,
  co: number,
  ldc: number,
  first: boolean,
): void {
  let c00 = 0;
  let c01 = 0;
  let c02 = 0;
  let c03 = 0;
  let c10 = 0;
  let c11 = 0;
  let c12 = 0;
  let c13 = 0;
  let c20 = 0;
  let c21 = 0;
  let c22 = 0;
  let c23 = 0;
  let c30 = 0;
  let c31 = 0;
  let c32 = 0;
  let c33 = 0;
  const r0 = co;
  const r1 = co + ldc;
  const r2 = r1 + ldc;
  const r3 = r2 + ldc;
  if (!first) {
    c00 = c[r0];
    c01 = c[r0 + 1];
    c02 = c[r0 + 2];
    c03 = c[r0 + 3];
    c10 = c[r1];
    c11 = c[r1 + 1];
    c12 = c[r1 + 2];
    c13 = c[r1 + 3];
    c20 = c[r2];
    c21 = c[r2 + 1];
    c22 = c[r2 + 2];
    c23 = c[r2 + 3];
    c30 = c[r3];
    c31 = c[r3 + 1];
    c32 = c[r3 + 2];
    c33 = c[r3 + 3];
  }
  for (let p = 0; p < kc; p++) {
    const a0 = ap[ao];
    const a1 = ap[ao + 1];
    const a2 = ap[ao + 2];
    const a3 = ap[ao + 3];
    const b0 = bp[bo];
    const b1 = bp[bo + 1];
    const b2 = bp[bo + 2];
    const b3 = bp[bo + 3];
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
    ao += MR;
    bo += NR;
  }
  c[r0] = c00;
  c[r0 + 1] = c01;
  c[r0 + 2] = c02;
  c[r0 + 3] = c03;
  c[r1] = c10;
  c[r1 + 1] = c11;
  c[r1 + 2] = c12;
  c[r1 + 3] = c13;
  c[r2] = c20;
  c[r2 + 1] = c21;
  c[r2 + 2] = c22;
  c[r2 + 3] = c23;
  c[r3] = c30;
  c[r3 + 1] = c31;
  c[r3 + 2] = c32;
  c[r3 + 3] = c33;
}
