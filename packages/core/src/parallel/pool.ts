// A pool of matmul workers that splits a product by output rows (see docs/contracts.md and the
// "Performance" section of the README). Each worker runs the same matmulInto kernel on its rows,
// and the kernel computes every element the same way whatever rows it is given, so results are
// bitwise identical for any number of threads and equal to the calling thread's own result.
import { type Buf, matmulInto } from '../kernels/matmul.js';
import { Tensor } from '../tensor.js';
import type { MatmulDtype, MatmulRequest, WorkerReply } from './protocol.js';
import { spawnMatmulWorker, type WorkerHandle } from './spawn.js';
import { splitRows } from './split.js';

/**
 * Products with fewer multiply-adds (m·k·n) than this stay on the calling thread. Measured with
 * `pnpm bench` (2 cores, AMD EPYC, Node 24, float64, best of 60 interleaved runs, ms on the
 * calling thread vs. 2 workers): 64³ (0.26 M) 0.101 vs 0.112, 96³ (0.88 M) 0.305 vs 0.223,
 * 128³ (2.1 M) 0.689 vs 0.457, 256³ (16.8 M) 5.22 vs 3.22. The message round trip and the copies
 * cost about 0.1 ms, so the workers start to pay between 64³ and 96³; under load from other
 * processes the crossover moves up, hence a round 1 M rather than the bare minimum.
 */
export const DEFAULT_PARALLEL_THRESHOLD = 1_000_000;

/** How operands reach the workers. */
export type PoolTransport = 'shared' | 'transfer';

export interface WorkerPoolOptions {
  /** Number of worker threads. Default: the available cores (`navigator.hardwareConcurrency`), at least 1. */
  threads?: number;
  /**
   * 'shared' puts operands and result in SharedArrayBuffers that every worker reads and writes;
   * 'transfer' sends each worker a copy of its rows of A and of B and gets its rows back. 'auto'
   * (default) shares where SharedArrayBuffer exists (Node; cross-origin-isolated pages) and
   * transfers elsewhere.
   */
  transport?: 'auto' | PoolTransport;
  /**
   * Products with fewer multiply-adds (m·k·n) run on the calling thread.
   * Default {@link DEFAULT_PARALLEL_THRESHOLD}; 0 sends every product to the workers.
   */
  parallelThreshold?: number;
  /**
   * Where the worker module is. Default: `matmul-worker.js` next to this module, which is right
   * for Node and for bundlers that follow `new URL(…, import.meta.url)` (Vite, webpack 5).
   */
  workerUrl?: URL | string;
}

/** A pool of matmul worker threads with one interface in Node and browsers. */
export interface WorkerPool {
  /** The number of worker threads. */
  readonly threads: number;
  /** How operands reach the workers. */
  readonly transport: PoolTransport;
  /**
   * The product of a (m×k, row-major) and b (k×n), as a new m×n row-major array of `dtype`
   * (default: float64 unless both operands are float32). Calls queue; each one uses every worker.
   * Rejects on sizes that do not match, when a worker dies during the call (the worker is
   * replaced, later calls work) and once the pool is closed.
   */
  matmulArrays(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Promise<Float32Array>;
  matmulArrays(a: Buf, b: Buf, m: number, k: number, n: number, dtype: 'float32'): Promise<Float32Array>;
  matmulArrays(a: Buf, b: Buf, m: number, k: number, n: number, dtype?: 'float64'): Promise<Float64Array>;
  matmulArrays(a: Buf, b: Buf, m: number, k: number, n: number, dtype?: MatmulDtype): Promise<Buf>;
  /**
   * The product of two 2-D float tensors of one dtype (float32 or float64), as a new tensor of
   * that dtype, computed like {@link WorkerPool.matmulArrays}. The result does not track
   * gradients: use `a.matmul(b)` inside a model. Rejects with both shapes named when they do not fit.
   */
  matmul(a: Tensor, b: Tensor): Promise<Tensor>;
  /** Stops the workers. Calls in flight and queued calls reject, later calls reject. */
  close(): Promise<void>;
}

/** One worker and the call it is working on. */
interface Slot {
  index: number;
  /** Resolves once the worker has said 'ready'; null until started and after it died. */
  worker: Promise<WorkerHandle> | null;
  pending: { id: number; resolve: (reply: WorkerReply & { type: 'done' }) => void; reject: (e: Error) => void } | null;
  /** The worker being started or running, to ignore late events from one already replaced. */
  handle: Promise<WorkerHandle> | null;
  /** Settles the startup promise. */
  startup: { resolve: () => void; reject: (e: Error) => void } | null;
}

function defaultThreads(): number {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return Math.max(1, nav?.hardwareConcurrency ?? 1);
}

function sharedMemoryAvailable(): boolean {
  const scope = globalThis as { crossOriginIsolated?: boolean };
  return typeof SharedArrayBuffer !== 'undefined' && scope.crossOriginIsolated !== false;
}

function shapeText(rows: number, cols: number): string {
  return shapeList([rows, cols]);
}

function shapeList(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** The elements of a float tensor in row-major order, without a copy when they already are. */
function rowMajor(t: Tensor): Buf {
  const c = t.isContiguous() ? t : t.detach().contiguous();
  const data = c.data as Buf;
  return data.subarray(c.offset, c.offset + c.numel());
}

function alloc(dtype: MatmulDtype, length: number, shared: boolean): Buf {
  const bytes = dtype === 'float32' ? 4 : 8;
  const buffer = shared ? new SharedArrayBuffer(length * bytes) : new ArrayBuffer(length * bytes);
  return dtype === 'float32' ? new Float32Array(buffer) : new Float64Array(buffer);
}

function dtypeOfArray(x: Buf): MatmulDtype {
  return x instanceof Float32Array ? 'float32' : 'float64';
}

/** x itself if it already lives in shared memory, else a shared copy. */
function toShared(x: Buf): Buf {
  if (typeof SharedArrayBuffer !== 'undefined' && x.buffer instanceof SharedArrayBuffer) return x;
  const copy = alloc(dtypeOfArray(x), x.length, true);
  copy.set(x);
  return copy;
}

class MatmulWorkerPool implements WorkerPool {
  readonly threads: number;
  readonly transport: PoolTransport;
  private readonly threshold: number;
  private readonly workerUrl: URL | string | undefined;
  private readonly slots: Slot[];
  private closed = false;
  private nextId = 1;
  /** The tail of the call queue: each parallel call starts when the previous one has settled. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: WorkerPoolOptions) {
    const threads = options.threads ?? defaultThreads();
    if (!Number.isInteger(threads) || threads < 1) {
      throw new RangeError(`createWorkerPool: threads must be a positive integer, got ${threads}`);
    }
    const transport = options.transport ?? 'auto';
    if (transport !== 'auto' && transport !== 'shared' && transport !== 'transfer') {
      throw new RangeError(
        `createWorkerPool: transport must be 'auto', 'shared' or 'transfer', got ${String(transport)}`,
      );
    }
    if (transport === 'shared' && !sharedMemoryAvailable()) {
      throw new Error(
        "createWorkerPool: transport 'shared' needs SharedArrayBuffer, which this page lacks (it is not cross-origin isolated); use 'auto' or 'transfer'",
      );
    }
    const threshold = options.parallelThreshold ?? DEFAULT_PARALLEL_THRESHOLD;
    if (!(threshold >= 0)) {
      throw new RangeError(`createWorkerPool: parallelThreshold must be a number >= 0, got ${threshold}`);
    }
    this.threads = threads;
    this.transport = transport === 'auto' ? (sharedMemoryAvailable() ? 'shared' : 'transfer') : transport;
    this.threshold = threshold;
    this.workerUrl = options.workerUrl;
    this.slots = Array.from({ length: threads }, (_, index) => ({
      index,
      worker: null,
      handle: null,
      pending: null,
      startup: null,
    }));
  }

  matmulArrays(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Promise<Float32Array>;
  matmulArrays(a: Buf, b: Buf, m: number, k: number, n: number, dtype: 'float32'): Promise<Float32Array>;
  matmulArrays(a: Buf, b: Buf, m: number, k: number, n: number, dtype?: 'float64'): Promise<Float64Array>;
  matmulArrays(a: Buf, b: Buf, m: number, k: number, n: number, dtype?: MatmulDtype): Promise<Buf>;
  async matmulArrays(a: Buf, b: Buf, m: number, k: number, n: number, dtype?: MatmulDtype): Promise<Buf> {
    const op = 'WorkerPool.matmulArrays';
    if (this.closed) throw new Error(`${op}: the pool is closed`);
    for (const [name, v] of [
      ['m', m],
      ['k', k],
      ['n', n],
    ] as const) {
      if (!Number.isInteger(v) || v < 0)
        throw new RangeError(`${op}: ${name} must be a non-negative integer, got ${v}`);
    }
    for (const [name, x] of [
      ['a', a],
      ['b', b],
    ] as const) {
      if (!(x instanceof Float32Array || x instanceof Float64Array)) {
        throw new TypeError(`${op}: ${name} must be a Float32Array or Float64Array`);
      }
    }
    if (a.length !== m * k || b.length !== k * n) {
      throw new RangeError(
        `${op}: a has ${a.length} elements and b has ${b.length}, but shapes ${shapeText(m, k)} and ${shapeText(k, n)} need ${m * k} and ${k * n}`,
      );
    }
    const outDtype: MatmulDtype =
      dtype ?? (a instanceof Float32Array && b instanceof Float32Array ? 'float32' : 'float64');
    if (outDtype !== 'float32' && outDtype !== 'float64') {
      throw new RangeError(`${op}: dtype must be 'float32' or 'float64', got ${String(outDtype)}`);
    }
    if (m * k * n < this.threshold || m === 0 || n === 0) {
      const out = alloc(outDtype, m * n, false);
      matmulInto(a, b, out, m, k, n);
      return out;
    }
    const call = this.queue.then(() => this.runParallel(a, b, m, k, n, outDtype));
    this.queue = call.catch(() => {});
    return call;
  }

  async matmul(a: Tensor, b: Tensor): Promise<Tensor> {
    const op = 'WorkerPool.matmul';
    if (!(a instanceof Tensor) || !(b instanceof Tensor)) throw new TypeError(`${op}: both operands must be Tensors`);
    if (a.shape.length !== 2 || b.shape.length !== 2) {
      throw new RangeError(
        `${op}: both operands must be 2-D, got shapes ${shapeList(a.shape)} and ${shapeList(b.shape)}`,
      );
    }
    const [m, k] = a.shape;
    const [k2, n] = b.shape;
    if (k !== k2) {
      throw new RangeError(
        `${op}: mat1 and mat2 shapes cannot be multiplied (${shapeList(a.shape)} and ${shapeList(b.shape)})`,
      );
    }
    if (a.dtype !== b.dtype || a.dtype === 'int32') {
      throw new TypeError(
        `${op}: both operands must be float32 or both float64, got ${a.dtype} ${shapeList(a.shape)} and ${b.dtype} ${shapeList(b.shape)}`,
      );
    }
    const out = await this.matmulArrays(rowMajor(a), rowMajor(b), m, k, n, a.dtype);
    return Tensor.fromStorage(out, [m, n]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const stopping: Promise<void>[] = [];
    for (const slot of this.slots) {
      slot.pending?.reject(new Error('WorkerPool.matmulArrays: the pool was closed during the call'));
      slot.pending = null;
      slot.startup?.reject(new Error('WorkerPool.matmulArrays: the pool was closed during the call'));
      slot.startup = null;
      if (slot.handle) stopping.push(slot.handle.then((w) => w.terminate()).catch(() => {}));
      slot.worker = null;
      slot.handle = null;
    }
    await Promise.all(stopping);
  }

  private async runParallel(a: Buf, b: Buf, m: number, k: number, n: number, dtype: MatmulDtype): Promise<Buf> {
    if (this.closed) throw new Error('WorkerPool.matmulArrays: the pool was closed before the call started');
    const ranges = splitRows(m, this.threads);
    const shared = this.transport === 'shared';
    const out = alloc(dtype, m * n, shared);
    const sharedA = shared ? toShared(a) : a;
    const sharedB = shared ? toShared(b) : b;
    const tasks = ranges.map(async ([rowStart, rowEnd], i) => {
      const id = this.nextId++;
      if (shared) {
        const request: MatmulRequest = {
          type: 'matmul',
          id,
          a: sharedA,
          b: sharedB,
          out,
          m,
          k,
          n,
          rowStart,
          rowEnd,
          dtype,
        };
        await this.run(this.slots[i], request, []);
        return;
      }
      // Copies, so that the transfer hands each worker buffers of its own and leaves the caller's intact.
      const rowsA = a.slice(rowStart * k, rowEnd * k);
      const copyB = b.slice();
      const request: MatmulRequest = {
        type: 'matmul',
        id,
        a: rowsA,
        b: copyB,
        out: null,
        m,
        k,
        n,
        rowStart,
        rowEnd,
        dtype,
      };
      const reply = await this.run(this.slots[i], request, [rowsA.buffer as ArrayBuffer, copyB.buffer as ArrayBuffer]);
      if (!reply.out || reply.out.length !== (rowEnd - rowStart) * n) {
        throw new Error(`WorkerPool.matmulArrays: worker ${i} sent back a result of the wrong size`);
      }
      out.set(reply.out, rowStart * n);
    });
    // Wait for every worker, so the next queued call finds them all idle, then report the first failure.
    const settled = await Promise.allSettled(tasks);
    const failure = settled.find((s) => s.status === 'rejected');
    if (failure) throw (failure as PromiseRejectedResult).reason;
    // A plain (non-shared) copy: callers get an ordinary array whatever the transport.
    return shared ? out.slice() : out;
  }

  private async run(
    slot: Slot,
    request: MatmulRequest,
    transfer: ArrayBuffer[],
  ): Promise<WorkerReply & { type: 'done' }> {
    const worker = await this.start(slot);
    if (this.closed) throw new Error('WorkerPool.matmulArrays: the pool was closed during the call');
    return new Promise((resolve, reject) => {
      slot.pending = { id: request.id, resolve, reject };
      worker.ref();
      worker.post(request, transfer);
    });
  }

  /** The slot's worker, started (or restarted after a death) on first use. */
  private start(slot: Slot): Promise<WorkerHandle> {
    if (slot.worker) return slot.worker;
    const ready = new Promise<void>((resolve, reject) => {
      slot.startup = { resolve, reject };
    });
    const handle = spawnMatmulWorker(this.workerUrl, {
      onReply: (reply) => this.onReply(slot, handle, reply),
      onFailure: (reason) => this.onFailure(slot, handle, reason),
    });
    const worker = Promise.all([handle, ready]).then(([w]) => w);
    slot.worker = worker;
    slot.handle = handle;
    // A failure to start is reported through the call that needed the worker; the slot restarts next time.
    worker.catch(() => {});
    return worker;
  }

  private onReply(slot: Slot, handle: Promise<WorkerHandle>, reply: WorkerReply): void {
    if (slot.handle !== handle) return;
    if (reply.type === 'ready') {
      slot.startup?.resolve();
      slot.startup = null;
      return;
    }
    const pending = slot.pending;
    if (!pending || pending.id !== reply.id) return;
    slot.pending = null;
    handle.then((w) => w.unref()).catch(() => {});
    if (reply.type === 'done') pending.resolve(reply);
    else pending.reject(new Error(`WorkerPool.matmulArrays: worker ${slot.index} failed: ${reply.message}`));
  }

  private onFailure(slot: Slot, handle: Promise<WorkerHandle>, reason: string): void {
    if (this.closed || slot.handle !== handle) return;
    const error = new Error(
      `WorkerPool.matmulArrays: matmul worker ${slot.index} ${reason}; the call failed and the worker will be replaced`,
    );
    slot.startup?.reject(error);
    slot.startup = null;
    slot.pending?.reject(error);
    slot.pending = null;
    slot.worker = null;
    slot.handle = null;
    handle.then((w) => w.terminate()).catch(() => {});
  }
}

/**
 * Creates a pool of matmul worker threads (Node `worker_threads`, or module Web Workers in
 * browsers). Workers start on the first product big enough to need them and never keep Node
 * alive while idle; `close()` stops them.
 *
 * @example
 * const pool = createWorkerPool({ threads: 2 });
 * const c = await pool.matmulArrays(a, b, 512, 512, 512); // a, b: Float32Array(512 * 512)
 * await pool.close();
 */
export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  return new MatmulWorkerPool(options);
}
