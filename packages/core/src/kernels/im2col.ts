// im2col / col2im: turn a 2-D convolution into one matrix product, so conv2d runs on the fast
// matmul kernel. Layouts follow PyTorch: input C×H×W per image, weight F×C×kH×kW.
//
//   forward:  out[F, L]      = weight[F, C·kH·kW] · col[C·kH·kW, L]        (L = outH·outW)
//   backward: gradWeight    += gradOut[F, L] · col[C·kH·kW, L]ᵀ            (matmulInto transB)
//             gradCol         = weight[F, C·kH·kW]ᵀ · gradOut[F, L]          (matmulInto transA)
//             gradInput      += col2im(gradCol)
import type { Buf } from './matmul.js';

/** Everything im2col and col2im need to know about one image and one convolution. */
export interface Conv2dGeometry {
  /** Input channels C. */
  channels: number;
  /** Input height H. */
  height: number;
  /** Input width W. */
  width: number;
  kernelH: number;
  kernelW: number;
  strideH: number;
  strideW: number;
  /** Zero padding added on both sides (top and bottom). */
  padH: number;
  /** Zero padding added on both sides (left and right). */
  padW: number;
  dilationH: number;
  dilationW: number;
  /** Output height: floor((H + 2·padH − dilationH·(kernelH − 1) − 1) / strideH) + 1, as in PyTorch. */
  outH: number;
  /** Output width, same formula. */
  outW: number;
}

/** A size given once for both dimensions, or as [height, width]. */
export type Size2d = number | readonly [number, number];

/** The convolution as a layer states it; stride defaults to 1, padding to 0, dilation to 1. */
export interface Conv2dSpec {
  channels: number;
  height: number;
  width: number;
  kernel: Size2d;
  stride?: Size2d;
  padding?: Size2d;
  dilation?: Size2d;
}

function pair(name: string, v: Size2d, min: number): [number, number] {
  const [h, w] = typeof v === 'number' ? [v, v] : v;
  for (const x of [h, w]) {
    if (!Number.isInteger(x) || x < min) {
      throw new RangeError(
        `conv2d: ${name} must be an integer >= ${min} (or a pair of them), got ${JSON.stringify(v)}`,
      );
    }
  }
  return [h, w];
}

/**
 * Validates a convolution and computes its output size.
 * Throws a RangeError that names the offending setting, e.g. when the kernel does not fit.
 *
 * @example
 * conv2dGeometry({ channels: 1, height: 28, width: 28, kernel: 5 }); // outH = outW = 24
 */
export function conv2dGeometry(spec: Conv2dSpec): Conv2dGeometry {
  const { channels, height, width } = spec;
  for (const [name, v] of [
    ['channels', channels],
    ['height', height],
    ['width', width],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`conv2d: ${name} must be a positive integer, got ${v}`);
  }
  const [kernelH, kernelW] = pair('kernel', spec.kernel, 1);
  const [strideH, strideW] = pair('stride', spec.stride ?? 1, 1);
  const [padH, padW] = pair('padding', spec.padding ?? 0, 0);
  const [dilationH, dilationW] = pair('dilation', spec.dilation ?? 1, 1);
  const spanH = dilationH * (kernelH - 1) + 1;
  const spanW = dilationW * (kernelW - 1) + 1;
  if (spanH > height + 2 * padH || spanW > width + 2 * padW) {
    throw new RangeError(
      `conv2d: the kernel spans ${spanH}×${spanW} but the padded input is only ${height + 2 * padH}×${width + 2 * padW}`,
    );
  }
  const outH = Math.floor((height + 2 * padH - spanH) / strideH) + 1;
  const outW = Math.floor((width + 2 * padW - spanW) / strideW) + 1;
  return { channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, outH, outW };
}

/** Rows of the column matrix: C·kH·kW. */
export function colRows(g: Conv2dGeometry): number {
  return g.channels * g.kernelH * g.kernelW;
}

/** Columns of the column matrix: outH·outW. */
export function colCols(g: Conv2dGeometry): number {
  return g.outH * g.outW;
}

function checkLengths(op: string, image: Buf, imageOffset: number, col: Buf, g: Conv2dGeometry): void {
  const imageSize = g.channels * g.height * g.width;
  if (!Number.isInteger(imageOffset) || imageOffset < 0 || imageOffset + imageSize > image.length) {
    throw new RangeError(
      `${op}: the image needs ${imageSize} elements from offset ${imageOffset}, the buffer has ${image.length}`,
    );
  }
  const colSize = colRows(g) * colCols(g);
  if (col.length < colSize) {
    throw new RangeError(`${op}: col needs ${colRows(g)}×${colCols(g)} = ${colSize} elements, has ${col.length}`);
  }
}

/**
 * Unfolds one image (C×H×W, read from `input` at `inputOffset`) into the column matrix
 * `col` [C·kH·kW rows, outH·outW columns], row-major, overwriting it:
 * col[(c·kH + ki)·kW + kj, oh·outW + ow] = input[c, oh·strideH − padH + ki·dilationH, ow·strideW − padW + kj·dilationW],
 * or 0 where that position falls into the padding. A batch is one call per image (advance
 * `inputOffset` by C·H·W).
 */
export function im2col(input: Buf, g: Conv2dGeometry, col: Buf, inputOffset = 0): void {
  checkLengths('im2col', input, inputOffset, col, g);
  const { channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, outH, outW } =
    g;
  let row = 0;
  for (let c = 0; c < channels; c++) {
    const plane = inputOffset + c * height * width;
    for (let ki = 0; ki < kernelH; ki++) {
      for (let kj = 0; kj < kernelW; kj++) {
        let o = row * outH * outW;
        for (let oh = 0; oh < outH; oh++) {
          const y = oh * strideH - padH + ki * dilationH;
          if (y < 0 || y >= height) {
            col.fill(0, o, o + outW);
            o += outW;
            continue;
          }
          const line = plane + y * width;
          let x = kj * dilationW - padW;
          for (let ow = 0; ow < outW; ow++) {
            col[o++] = x >= 0 && x < width ? input[line + x] : 0;
            x += strideW;
          }
        }
        row++;
      }
    }
  }
}

/**
 * The adjoint of {@link im2col}: adds every entry of `col` [C·kH·kW, outH·outW] back onto the
 * image position it was read from, in `image` (C×H×W at `imageOffset`). Accumulates (+=) and
 * skips padding positions, so with `col` = ∂L/∂col it adds ∂L/∂input; zero `image` first for a
 * fresh gradient.
 */
export function col2im(col: Buf, g: Conv2dGeometry, image: Buf, imageOffset = 0): void {
  checkLengths('col2im', image, imageOffset, col, g);
  const { channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, outH, outW } =
    g;
  let row = 0;
  for (let c = 0; c < channels; c++) {
    const plane = imageOffset + c * height * width;
    for (let ki = 0; ki < kernelH; ki++) {
      for (let kj = 0; kj < kernelW; kj++) {
        let o = row * outH * outW;
        for (let oh = 0; oh < outH; oh++) {
          const y = oh * strideH - padH + ki * dilationH;
          if (y < 0 || y >= height) {
            o += outW;
            continue;
          }
          const line = plane + y * width;
          let x = kj * dilationW - padW;
          for (let ow = 0; ow < outW; ow++) {
            if (x >= 0 && x < width) image[line + x] += col[o];
            o++;
            x += strideW;
          }
        }
        row++;
      }
    }
  }
}
