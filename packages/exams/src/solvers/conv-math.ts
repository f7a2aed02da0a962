/** The output-size arithmetic of convolution and pooling windows, shared by the CNN solvers. */

/** How one spatial dimension is covered by a sliding window. */
export interface WindowFit {
  /** (size + 2p − d(k − 1) − 1) / s + 1 before rounding. */
  exact: number;
  /** The output size after rounding (floor like PyTorch; ceil for pooling with ceil_mode). */
  size: number;
  /** d(k − 1) + 1: the extent of a dilated kernel. */
  effectiveKernel: number;
  /** size + 2p. */
  padded: number;
  /** Rows (or columns) of the padded input that no window covers when flooring. */
  uncovered: number;
}

/** Fits a window of kernel `k`, stride `s`, padding `p`, dilation `d` along a dimension of `size`. */
export function fitWindow(
  size: number,
  k: number,
  s: number,
  p: number,
  d: number,
  rounding: 'floor' | 'ceil' = 'floor',
): WindowFit {
  const effectiveKernel = d * (k - 1) + 1;
  const padded = size + 2 * p;
  const exact = (padded - effectiveKernel) / s + 1;
  if (padded < effectiveKernel) return { exact, size: 0, effectiveKernel, padded, uncovered: padded };
  const floor = Math.floor((padded - effectiveKernel) / s) + 1;
  let out = rounding === 'ceil' ? Math.ceil((padded - effectiveKernel) / s) + 1 : floor;
  // PyTorch drops a ceil-mode window that would start inside the right padding only.
  if (rounding === 'ceil' && (out - 1) * s >= size + p) out -= 1;
  const uncovered = padded - ((floor - 1) * s + effectiveKernel);
  return { exact, size: out, effectiveKernel, padded, uncovered };
}
