// Starting a matmul worker behind one small interface, in Node (worker_threads) or a browser
// (module Web Worker). Everything environment-specific about workers lives here.
import type { MatmulRequest, WorkerReply } from './protocol.js';

/** A running worker, as the pool sees it. */
export interface WorkerHandle {
  post(request: MatmulRequest, transfer: ArrayBuffer[]): void;
  /** Let the worker keep Node's event loop alive (while a call is in flight). No-op in browsers. */
  ref(): void;
  /** Stop the worker from keeping Node alive (while idle). No-op in browsers. */
  unref(): void;
  terminate(): Promise<void>;
}

export interface WorkerCallbacks {
  onReply(reply: WorkerReply): void;
  /** The worker crashed, exited or could not load; `reason` says which, for the error message. */
  onFailure(reason: string): void;
}

/** Which worker API to use: Node's worker_threads or the Web Worker API. */
export type WorkerEnvironment = 'node' | 'web';

function detectEnvironment(): WorkerEnvironment {
  const scope = globalThis as { process?: { versions?: { node?: string } } };
  return typeof scope.process?.versions?.node === 'string' ? 'node' : 'web';
}

/**
 * Starts one matmul worker. Without `url`, the worker module is `./matmul-worker.js` next to this
 * file; the browser branch spells `new Worker(new URL('./matmul-worker.js', import.meta.url), …)`
 * literally so that bundlers such as Vite find and emit the worker.
 */
export async function spawnMatmulWorker(
  url: URL | string | undefined,
  callbacks: WorkerCallbacks,
  environment: WorkerEnvironment = detectEnvironment(),
): Promise<WorkerHandle> {
  return environment === 'node' ? spawnNodeWorker(url, callbacks) : spawnWebWorker(url, callbacks);
}

async function spawnNodeWorker(url: URL | string | undefined, callbacks: WorkerCallbacks): Promise<WorkerHandle> {
  const specifier = 'node:worker_threads';
  const { Worker } = (await import(/* @vite-ignore */ specifier)) as typeof import('node:worker_threads');
  const worker = new Worker(url === undefined ? new URL('./matmul-worker.js', import.meta.url) : new URL(url));
  let terminating = false;
  worker.unref();
  worker.on('message', (reply: WorkerReply) => callbacks.onReply(reply));
  worker.on('error', (err: Error) => callbacks.onFailure(`crashed: ${err.message}`));
  worker.on('messageerror', (err: Error) =>
    callbacks.onFailure(`sent a message that could not be read: ${err.message}`),
  );
  worker.on('exit', (code: number) => {
    if (!terminating) callbacks.onFailure(`exited with code ${code}`);
  });
  return {
    post: (request, transfer) => worker.postMessage(request, transfer),
    ref: () => worker.ref(),
    unref: () => worker.unref(),
    terminate: async () => {
      terminating = true;
      await worker.terminate();
    },
  };
}

async function spawnWebWorker(url: URL | string | undefined, callbacks: WorkerCallbacks): Promise<WorkerHandle> {
  if (typeof Worker === 'undefined') throw new Error('createWorkerPool: this environment has no Worker');
  const worker =
    url === undefined
      ? new Worker(new URL('./matmul-worker.js', import.meta.url), { type: 'module' })
      : new Worker(url, { type: 'module' });
  worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => callbacks.onReply(event.data));
  worker.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault();
    callbacks.onFailure(`crashed: ${event.message || 'the worker script failed to load or threw'}`);
  });
  worker.addEventListener('messageerror', () => callbacks.onFailure('sent a message that could not be read'));
  return {
    post: (request, transfer) => worker.postMessage(request, transfer),
    ref: () => {},
    unref: () => {},
    terminate: async () => worker.terminate(),
  };
}
