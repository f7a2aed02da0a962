// What a matmul worker does with one request, independent of how messages reach it.
import { matmulInto } from '../kernels/matmul.js';
import type { MatmulRequest, WorkerReply } from './protocol.js';

/** Runs one request and returns the reply plus the buffers to transfer with it. */
export function handleMatmulRequest(req: MatmulRequest): { reply: WorkerReply; transfer: ArrayBuffer[] } {
  try {
    const { a, b, out, k, n, rowStart, rowEnd, dtype } = req;
    if (out) {
      matmulInto(a, b, out, req.m, k, n, { rowStart, rowEnd });
      return { reply: { type: 'done', id: req.id, out: null }, transfer: [] };
    }
    // Transfer transport: a holds just our rows, so compute them as a product of their own.
    const rows = rowEnd - rowStart;
    const rowsOut = dtype === 'float32' ? new Float32Array(rows * n) : new Float64Array(rows * n);
    matmulInto(a, b, rowsOut, rows, k, n);
    return { reply: { type: 'done', id: req.id, out: rowsOut }, transfer: [rowsOut.buffer as ArrayBuffer] };
  } catch (err) {
    return {
      reply: { type: 'failed', id: req.id, message: err instanceof Error ? err.message : String(err) },
      transfer: [],
    };
  }
}
