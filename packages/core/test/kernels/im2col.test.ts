import { describe, expect, test } from 'vitest';
import { type Conv2dSpec, col2im, colCols, colRows, conv2dGeometry, im2col } from '../../src/kernels/im2col.js';
import { matmulInto } from '../../src/kernels/matmul.js';
import { filled } from './reference.js';

/** Direct convolution of one image by the definition (PyTorch's cross-correlation). */
function directConv(x: Float64Array, w: Float64Array, filters: number, s: Required<Conv2dSpec>): Float64Array {
  const g = conv2dGeometry(s);
  const out = new Float64Array(filters * g.outH * g.outW);
  for (let f = 0; f < filters; f++) {
    for (let oh = 0; oh < g.outH; oh++) {
      for (let ow = 0; ow < g.outW; ow++) {
        let sum = 0;
        for (let c = 0; c < g.channels; c++) {
          for (let ki = 0; ki < g.kernelH; ki++) {
            for (let kj = 0; kj < g.kernelW; kj++) {
              const y = oh * g.strideH - g.padH + ki * g.dilationH;
              const xx = ow * g.strideW - g.padW + kj * g.dilationW;
              if (y < 0 || y >= g.height || xx < 0 || xx >= g.width) continue;
              sum += x[(c * g.height + y) * g.width + xx] * w[((f * g.channels + c) * g.kernelH + ki) * g.kernelW + kj];
            }
          }
        }
        out[(f * g.outH + oh) * g.outW + ow] = sum;
      }
    }
  }
  return out;
}

const cases: Required<Conv2dSpec>[] = [
  { channels: 1, height: 5, width: 5, kernel: 3, stride: 1, padding: 0, dilation: 1 },
  { channels: 2, height: 7, width: 6, kernel: [3, 2], stride: 2, padding: 1, dilation: 1 },
  { channels: 3, height: 9, width: 8, kernel: 3, stride: [1, 2], padding: [2, 0], dilation: 2 },
  { channels: 1, height: 28, width: 28, kernel: 5, stride: 1, padding: 2, dilation: 1 },
  { channels: 2, height: 4, width: 4, kernel: 4, stride: 3, padding: 3, dilation: 1 },
];

describe('im2col', () => {
  test('unfolds a 1×3×3 image for a 2×2 kernel into the expected columns', () => {
    const g = conv2dGeometry({ channels: 1, height: 3, width: 3, kernel: 2 });
    const col = new Float64Array(colRows(g) * colCols(g));
    im2col(new Float64Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), g, col);
    // rows: kernel positions (0,0) (0,1) (1,0) (1,1); columns: output positions
    expect([...col]).toEqual([1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9]);
  });

  test('writes zeros for padding', () => {
    const g = conv2dGeometry({ channels: 1, height: 2, width: 2, kernel: 3, padding: 1 });
    const col = new Float64Array(colRows(g) * colCols(g)).fill(9);
    im2col(new Float64Array([1, 2, 3, 4]), g, col);
    // centre tap (row 4) sees the image itself; the corner tap (row 0) sees only the bottom-right 1
    expect([...col.subarray(4 * 4, 5 * 4)]).toEqual([1, 2, 3, 4]);
    expect([...col.subarray(0, 4)]).toEqual([0, 0, 0, 1]);
  });

  for (const s of cases) {
    test(`weight · im2col equals the direct convolution (${JSON.stringify(s)})`, () => {
      const g = conv2dGeometry(s);
      const filters = 3;
      const x = filled('float64', s.channels * s.height * s.width, 1) as Float64Array;
      const w = filled('float64', filters * colRows(g), 2) as Float64Array;
      const col = new Float64Array(colRows(g) * colCols(g));
      im2col(x, g, col);
      const out = new Float64Array(filters * colCols(g));
      matmulInto(w, col, out, filters, colRows(g), colCols(g));
      const expected = directConv(x, w, filters, s);
      for (let i = 0; i < out.length; i++) expect(out[i]).toBeCloseTo(expected[i], 12);
    });

    test(`col2im is the adjoint of im2col: <im2col(x), y> = <x, col2im(y)> (${JSON.stringify(s)})`, () => {
      const g = conv2dGeometry(s);
      // small integers keep both sums exact
      const x = Float64Array.from(filled('float64', s.channels * s.height * s.width, 3), (v) => Math.round(v * 8));
      const y = Float64Array.from(filled('float64', colRows(g) * colCols(g), 4), (v) => Math.round(v * 8));
      const col = new Float64Array(y.length);
      im2col(x, g, col);
      const back = new Float64Array(x.length);
      col2im(y, g, back);
      let left = 0;
      for (let i = 0; i < y.length; i++) left += col[i] * y[i];
      let right = 0;
      for (let i = 0; i < x.length; i++) right += x[i] * back[i];
      expect(left).toBe(right);
      expect(back.some((v) => v !== 0)).toBe(true);
    });
  }

  test('reads and writes images of a batch at an offset; col2im accumulates', () => {
    const g = conv2dGeometry({ channels: 1, height: 3, width: 3, kernel: 2 });
    const batch = new Float32Array(18);
    for (let i = 0; i < 18; i++) batch[i] = i;
    const col = new Float32Array(16);
    im2col(batch, g, col, 9);
    expect([...col.subarray(0, 4)]).toEqual([9, 10, 12, 13]);
    const grad = new Float32Array(18).fill(1);
    col2im(new Float32Array(16).fill(1), g, grad, 9);
    expect([...grad.subarray(0, 9)]).toEqual(Array(9).fill(1));
    // how many windows cover each pixel, plus the 1 already there
    expect([...grad.subarray(9)]).toEqual([2, 3, 2, 3, 5, 3, 2, 3, 2]);
  });

  test('bad settings and buffers fail with messages that say what is wrong', () => {
    expect(() => conv2dGeometry({ channels: 1, height: 4, width: 4, kernel: 5 })).toThrow(
      /kernel spans 5×5 but the padded input is only 4×4/,
    );
    expect(() => conv2dGeometry({ channels: 1, height: 4, width: 4, kernel: 2, stride: 0 })).toThrow(
      /stride must be an integer >= 1/,
    );
    expect(() => conv2dGeometry({ channels: 0, height: 4, width: 4, kernel: 2 })).toThrow(
      /channels must be a positive/,
    );
    const g = conv2dGeometry({ channels: 1, height: 3, width: 3, kernel: 2 });
    expect(() => im2col(new Float64Array(8), g, new Float64Array(16))).toThrow(/needs 9 elements from offset 0/);
    expect(() => im2col(new Float64Array(9), g, new Float64Array(15))).toThrow(/col needs 4×4 = 16 elements, has 15/);
    expect(() => col2im(new Float64Array(16), g, new Float64Array(9), 1)).toThrow(/col2im: the image needs 9/);
  });

  test('output size follows the PyTorch formula', () => {
    const g = conv2dGeometry({ channels: 1, height: 28, width: 28, kernel: 5, stride: 2, padding: 1, dilation: 1 });
    expect([g.outH, g.outW]).toEqual([Math.floor((28 + 2 - 4 - 1) / 2) + 1, 13]);
  });
});
