import { describe, expect, test } from 'vitest';
import { matmulInto } from '../../src/kernels/matmul.js';
import { type Buf, type Dtype, filled, naiveMatmul } from './reference.js';

const dtypes: Dtype[] = ['float32', 'float64'];
const alloc = (dtype: Dtype, length: number): Buf =>
  dtype === 'float32' ? new Float32Array(length) : new Float64Array(length);

// Odd sizes cross every edge of the 4×4 register tile, the 64-row block and the 256-deep K block.
const shapes: [number, number, number][] = [
  [1, 1, 1],
  [1, 3, 1],
  [3, 1, 3],
  [3, 17, 5],
  [17, 17, 17],
  [65, 3, 130],
  [130, 65, 17],
  [5, 300, 7],
  [67, 257, 33],
  [1, 513, 9],
];

describe('matmulInto', () => {
  for (const dtype of dtypes) {
    for (const [m, k, n] of shapes) {
      for (const transA of [false, true]) {
        for (const transB of [false, true]) {
          test(`${dtype} ${m}×${k}·${k}×${n} transA=${transA} transB=${transB} equals the textbook loop bit for bit`, () => {
            const a = filled(dtype, m * k, m + 7 * k);
            const b = filled(dtype, k * n, n + 11 * k);
            const expected = alloc(dtype, m * n);
            naiveMatmul(a, b, expected, m, k, n, transA, transB);
            const out = alloc(dtype, m * n).fill(Number.NaN);
            matmulInto(a, b, out, m, k, n, { transA, transB });
            expect(out).toEqual(expected);
          });
        }
      }
    }
  }

  test('computes known values (2×3 · 3×2)', () => {
    const a = new Float64Array([1, 2, 3, 4, 5, 6]);
    const b = new Float64Array([7, 8, 9, 10, 11, 12]);
    const out = new Float64Array(4);
    matmulInto(a, b, out, 2, 3, 2);
    expect([...out]).toEqual([58, 64, 139, 154]);
  });

  for (const m of [1, 8]) {
    test(`float32 products are summed in float64 and rounded once (${m} rows: ${m < 4 ? 'plain' : 'packed'} path)`, () => {
      // 1 + 2^-30 + ... is lost when every partial sum is rounded to float32, kept when it is not.
      const k = 300;
      const a = new Float32Array(m * k).fill(2 ** -30);
      for (let i = 0; i < m; i++) a[i * k] = 1;
      const b = new Float32Array(k * 4).fill(1);
      const out = new Float32Array(m * 4);
      matmulInto(a, b, out, m, k, 4);
      expect([...new Set(out)]).toEqual([Math.fround(1 + (k - 1) * 2 ** -30)]);
      expect(out[0]).toBeGreaterThan(1);
    });
  }

  for (const dtype of dtypes) {
    test(`${dtype}: row ranges write exactly their rows, with the values of the whole product`, () => {
      const [m, k, n] = [70, 260, 19];
      const a = filled(dtype, m * k, 3);
      const b = filled(dtype, k * n, 4);
      const whole = alloc(dtype, m * n);
      matmulInto(a, b, whole, m, k, n);
      for (const [rowStart, rowEnd] of [
        [0, 1],
        [1, 6],
        [3, 70],
        [33, 34],
        [13, 13],
      ]) {
        const out = alloc(dtype, m * n).fill(-7);
        matmulInto(a, b, out, m, k, n, { rowStart, rowEnd });
        for (let i = 0; i < m; i++) {
          const row = out.subarray(i * n, (i + 1) * n);
          if (i >= rowStart && i < rowEnd) expect(row).toEqual(whole.subarray(i * n, (i + 1) * n));
          else expect(row.every((v) => v === -7)).toBe(true);
        }
      }
    });
  }

  test('mixed float32 and float64 operands are accepted', () => {
    const [m, k, n] = [9, 33, 21];
    const a = filled('float32', m * k, 1);
    const b = filled('float64', k * n, 2);
    const expected = new Float64Array(m * n);
    naiveMatmul(a, b, expected, m, k, n);
    const out = new Float64Array(m * n);
    matmulInto(a, b, out, m, k, n);
    expect(out).toEqual(expected);
  });

  test('k = 0 gives zeros, empty outputs are fine', () => {
    const out = new Float64Array(6).fill(5);
    matmulInto(new Float64Array(0), new Float64Array(0), out, 2, 0, 3);
    expect([...out]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(() => matmulInto(new Float64Array(0), new Float64Array(0), new Float64Array(0), 0, 0, 0)).not.toThrow();
  });

  test('overwrites rather than accumulates', () => {
    const [m, k, n] = [20, 40, 20];
    const a = filled('float64', m * k, 8);
    const b = filled('float64', k * n, 9);
    const once = new Float64Array(m * n);
    matmulInto(a, b, once, m, k, n);
    const twice = once.slice();
    matmulInto(a, b, twice, m, k, n);
    expect(twice).toEqual(once);
  });

  test('inconsistent sizes throw a RangeError that names the problem', () => {
    const a = new Float64Array(6);
    const b = new Float64Array(6);
    expect(() => matmulInto(a, b, new Float64Array(4), 2, 4, 2)).toThrow(/a has 6 elements, needs 2×4 = 8/);
    expect(() => matmulInto(a, b, new Float64Array(3), 2, 3, 2)).toThrow(/out has 3 elements/);
    expect(() => matmulInto(a, new Float64Array(5), new Float64Array(4), 2, 3, 2)).toThrow(/b has 5 elements/);
    expect(() => matmulInto(a, b, new Float64Array(4), 2, 3, 2, { rowStart: 1, rowEnd: 3 })).toThrow(
      /rows \[1, 3\) are not within the 2 rows/,
    );
    expect(() => matmulInto(a, b, new Float64Array(4), 2.5, 3, 2)).toThrow(/m must be a non-negative integer/);
  });
});
