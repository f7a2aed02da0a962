// Entry point of a matmul worker thread: a Node worker_threads worker or a browser module Web
// Worker, whichever started it. It answers MatmulRequests (see protocol.ts) and says 'ready'
// once it listens, so the pool never posts into a worker that is still loading.
import type { MatmulRequest, WorkerReply } from './protocol.js';
import { handleMatmulRequest } from './worker-handler.js';

interface Port {
  post(reply: WorkerReply, transfer: ArrayBuffer[]): void;
  listen(onRequest: (req: MatmulRequest) => void): void;
}

interface BrowserWorkerScope {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (event: { data: MatmulRequest }) => void): void;
}

async function connect(): Promise<Port> {
  const scope = globalThis as unknown as { WorkerGlobalScope?: unknown; process?: { versions?: { node?: string } } };
  if (scope.WorkerGlobalScope === undefined && typeof scope.process?.versions?.node === 'string') {
    // A variable specifier keeps browser bundlers from trying to resolve a Node built-in.
    const specifier = 'node:worker_threads';
    const { parentPort } = (await import(/* @vite-ignore */ specifier)) as typeof import('node:worker_threads');
    if (!parentPort) throw new Error('matmul-worker must be started as a worker thread by createWorkerPool');
    return {
      post: (reply, transfer) => parentPort.postMessage(reply, transfer),
      listen: (onRequest) => parentPort.on('message', onRequest),
    };
  }
  const self = globalThis as unknown as BrowserWorkerScope;
  return {
    post: (reply, transfer) => self.postMessage(reply, transfer),
    listen: (onRequest) => self.addEventListener('message', (event) => onRequest(event.data)),
  };
}

const port = await connect();
port.listen((req) => {
  const { reply, transfer } = handleMatmulRequest(req);
  port.post(reply, transfer);
});
port.post({ type: 'ready' }, []);
