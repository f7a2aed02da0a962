// How a product is divided between workers: contiguous blocks of output rows.

/** Rows per block are rounded to this, the kernel's register-tile height, so no tile is split. */
const ROW_ALIGN = 4;

/**
 * Splits rows [0, m) into at most `parts` contiguous, non-empty [start, end) ranges of nearly
 * equal size. Which ranges are chosen never changes a result: every row is computed the same way.
 */
export function splitRows(m: number, parts: number): [number, number][] {
  const blocks = Math.ceil(m / ROW_ALIGN);
  const count = Math.max(1, Math.min(parts, blocks));
  const ranges: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const start = Math.min(m, Math.floor((blocks * i) / count) * ROW_ALIGN);
    const end = Math.min(m, Math.floor((blocks * (i + 1)) / count) * ROW_ALIGN);
    if (end > start) ranges.push([start, end]);
  }
  return ranges;
}
