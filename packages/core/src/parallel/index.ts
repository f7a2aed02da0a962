// Public surface of the worker-thread parallel matmul.
export {
  createWorkerPool,
  DEFAULT_PARALLEL_THRESHOLD,
  type PoolTransport,
  type WorkerPool,
  type WorkerPoolOptions,
} from './pool.js';
export type { MatmulDtype } from './protocol.js';
