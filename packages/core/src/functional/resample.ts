// Nearest and bilinear resizing as two small matrix products (rows, then columns).
import { composite } from '../autograd.js';
import { full } from '../ops.js';
import type { Tensor } from '../tensor.js';
import { batched, type Pair, pair } from './util.js';

/** Options of interpolate / upsample. */
export interface InterpolateOptions {
  /** Output size (H, W); give this or scaleFactor. */
  size?: Pair;
  scaleFactor?: number | [number, number];
  mode?: 'nearest' | 'bilinear';
  /** Bilinear only: map corner pixels onto corner pixels (default false). */
  alignCorners?: boolean;
}

/** The (out × in) matrix that resamples one axis, following PyTorch's index arithmetic. */
function resampleMatrix(
  inSize: number,
  outSize: number,
  scaleFactor: number | undefined,
  mode: 'nearest' | 'bilinear',
  alignCorners: boolean,
  dtype: Tensor['dtype'],
): Tensor {
  const m = full([outSize, inSize], 0, dtype);
  const d = m.data;
  for (let i = 0; i < outSize; i++) {
    if (mode === 'nearest') {
      let src: number;
      if (outSize === inSize) src = i;
      else if (outSize === 2 * inSize) src = i >> 1;
      else {
        // PyTorch computes the nearest source index in float32.
        const scale = Math.fround(scaleFactor ? 1 / scaleFactor : inSize / outSize);
        src = Math.min(Math.floor(Math.fround(Math.fround(i) * scale)), inSize - 1);
      }
      d[i * inSize + src] = 1;
      continue;
    }
    let src: number;
    if (alignCorners) src = outSize > 1 ? ((inSize - 1) / (outSize - 1)) * i : 0;
    else {
      const scale = scaleFactor ? 1 / scaleFactor : inSize / outSize;
      src = Math.max(scale * (i + 0.5) - 0.5, 0);
    }
    const i0 = Math.floor(src);
    const i1 = i0 < inSize - 1 ? i0 + 1 : i0;
    const l1 = src - i0;
    d[i * inSize + i0] += 1 - l1;
    d[i * inSize + i1] += l1;
  }
  return m;
}

/** Resizes (N, C, H, W) by nearest or bilinear interpolation (PyTorch's index rules). */
export function interpolate(input: Tensor, options: InterpolateOptions): Tensor {
  const { x4, unbatched } = batched(input, 'interpolate');
  const [, , H, W] = x4.shape;
  const mode = options.mode ?? 'nearest';
  if (mode !== 'nearest' && mode !== 'bilinear')
    throw new Error(`interpolate: mode must be 'nearest' or 'bilinear', got '${mode}'`);
  if (mode === 'nearest' && options.alignCorners !== undefined) {
    throw new Error('interpolate: alignCorners only has an effect with mode bilinear');
  }
  let outSize: [number, number];
  let scales: [number | undefined, number | undefined] = [undefined, undefined];
  if (options.size !== undefined && options.scaleFactor === undefined)
    outSize = pair(options.size, 'size', 'interpolate', 1);
  else if (options.scaleFactor !== undefined && options.size === undefined) {
    const sf =
      typeof options.scaleFactor === 'number' ? [options.scaleFactor, options.scaleFactor] : options.scaleFactor;
    if (!sf.every((s) => s > 0 && Number.isFinite(s)))
      throw new Error(`interpolate: scaleFactor must be positive, got ${sf}`);
    outSize = [Math.floor(H * sf[0]), Math.floor(W * sf[1])];
    scales = [sf[0], sf[1]];
  } else throw new Error('interpolate: give exactly one of size or scaleFactor');
  const align = options.alignCorners ?? false;
  const rowsM = resampleMatrix(H, outSize[0], scales[0], mode, align, x4.dtype);
  const colsM = resampleMatrix(W, outSize[1], scales[1], mode, align, x4.dtype);
  let out = rowsM.matmul(x4).matmul(colsM.t());
  if (unbatched) out = out.squeeze(0);
  return composite(mode === 'nearest' ? 'upsampleNearest' : 'upsampleBilinear', [input], out);
}
