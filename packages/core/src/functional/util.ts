// Argument helpers shared by the functional layers.
import { fmtList } from '../shape.js';
import type { Tensor } from '../tensor.js';

/** A size given once for both spatial dims, or as [height, width]. */
export type Pair = number | [number, number];

export function pair(v: Pair, name: string, op: string, min = 0): [number, number] {
  const p: [number, number] = typeof v === 'number' ? [v, v] : [v[0], v[1]];
  if (!p.every((x) => Number.isInteger(x) && x >= min)) {
    throw new Error(`${op}: ${name} must be an integer >= ${min} (or a pair of them), got ${JSON.stringify(v)}`);
  }
  return p;
}

/** A (C, H, W) input gets a batch dim of 1; (N, C, H, W) is used as is. */
export function batched(x: Tensor, op: string): { x4: Tensor; unbatched: boolean } {
  if (x.ndim === 3) return { x4: x.unsqueeze(0), unbatched: true };
  if (x.ndim === 4) return { x4: x, unbatched: false };
  throw new Error(`${op}: expected a 3-D (C, H, W) or 4-D (N, C, H, W) input, got shape ${fmtList(x.shape)}`);
}
