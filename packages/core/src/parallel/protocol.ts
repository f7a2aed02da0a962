// The messages between a WorkerPool and its matmul workers. Plain data, so the same messages
// work over Node's worker_threads and browser Web Workers.
import type { Buf } from '../kernels/matmul.js';

/** The element types the pool multiplies. */
export type MatmulDtype = 'float32' | 'float64';

/**
 * Compute rows [rowStart, rowEnd) of op(a)·op(b).
 * Shared transport: a, b and out view SharedArrayBuffers holding the whole operands and result;
 * the worker writes its rows into out. Transfer transport: a holds only rows [rowStart, rowEnd)
 * of A (rebased to row 0), out is null, and the worker sends its rows back in a new buffer.
 */
export interface MatmulRequest {
  type: 'matmul';
  id: number;
  a: Buf;
  b: Buf;
  out: Buf | null;
  m: number;
  k: number;
  n: number;
  rowStart: number;
  rowEnd: number;
  dtype: MatmulDtype;
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'done'; id: number; out: Buf | null }
  | { type: 'failed'; id: number; message: string };
