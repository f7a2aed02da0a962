// The Web Worker branch of spawnMatmulWorker, run in Node against a stand-in for the browser's
// Worker class (a module worker with the Web Worker event API, backed by worker_threads).
import { Worker as NodeWorker } from 'node:worker_threads';
import { afterEach, expect, test, vi } from 'vitest';
import type { WorkerReply } from '../../src/parallel/protocol.js';
import { spawnMatmulWorker, type WorkerHandle } from '../../src/parallel/spawn.js';

// Worker start-up is slow on a loaded machine.
vi.setConfig({ testTimeout: 30_000 });

const created: { url: string; options: unknown }[] = [];

class StandInWebWorker extends EventTarget {
  private readonly worker: NodeWorker;
  constructor(url: URL | string, options?: { type?: string }) {
    super();
    created.push({ url: String(url), options });
    this.worker = new NodeWorker(new URL(url));
    this.worker.on('message', (data) => this.dispatchEvent(new MessageEvent('message', { data })));
    this.worker.on('error', (err) => {
      const event = Object.assign(new Event('error', { cancelable: true }), { message: `Uncaught ${err.message}` });
      this.dispatchEvent(event);
    });
  }
  postMessage(message: unknown, transfer: Transferable[]) {
    this.worker.postMessage(message, transfer as ArrayBuffer[]);
  }
  terminate() {
    void this.worker.terminate();
  }
}

const handles: WorkerHandle[] = [];
afterEach(async () => {
  await Promise.all(handles.splice(0).map((h) => h.terminate()));
  Reflect.deleteProperty(globalThis, 'Worker');
  created.length = 0;
});

function spawnWeb(url: URL | undefined) {
  Object.assign(globalThis, { Worker: StandInWebWorker });
  const replies: WorkerReply[] = [];
  const failures: string[] = [];
  /** Resolves once `condition` holds (vitest's timeout bounds the wait). */
  const until = (condition: () => boolean) =>
    new Promise<void>((resolve) => {
      const poll = () => (condition() ? resolve() : setTimeout(poll, 5));
      poll();
    });
  const handle = spawnMatmulWorker(
    url,
    { onReply: (r) => replies.push(r), onFailure: (reason) => failures.push(reason) },
    'web',
  ).then((h) => {
    handles.push(h);
    return h;
  });
  return { handle, replies, failures, until };
}

test('starts a module worker at matmul-worker.js next to the pool by default', async () => {
  const { handle } = spawnWeb(undefined);
  await handle.catch(() => {});
  expect(created).toHaveLength(1);
  expect(created[0].url).toMatch(/\/parallel\/matmul-worker\.js$/);
  expect(created[0].options).toEqual({ type: 'module' });
});

test('talks to the worker through the Web Worker API', async () => {
  const { handle, replies, until } = spawnWeb(new URL('./fixtures/source-worker.mjs', import.meta.url));
  const worker = await handle;
  await until(() => replies.length > 0);
  expect(replies).toEqual([{ type: 'ready' }]);
  replies.length = 0;
  const a = new Float64Array([1, 2, 3, 4]);
  const out = new Float64Array(new SharedArrayBuffer(32));
  worker.post(
    {
      type: 'matmul',
      id: 5,
      a,
      b: new Float64Array([1, 0, 0, 1]),
      out,
      m: 2,
      k: 2,
      n: 2,
      rowStart: 0,
      rowEnd: 2,
      dtype: 'float64',
    },
    [],
  );
  await until(() => replies.length > 0);
  expect(replies).toEqual([{ type: 'done', id: 5, out: null }]);
  expect([...out]).toEqual([1, 2, 3, 4]);
  // ref/unref are Node-only concerns and do nothing here
  expect(() => {
    worker.ref();
    worker.unref();
  }).not.toThrow();
});

test('reports an error event from the worker as a failure', async () => {
  const { handle, failures, until } = spawnWeb(new URL('./fixtures/dying-worker.mjs', import.meta.url));
  const worker = await handle;
  worker.post(
    {
      type: 'matmul',
      id: 1,
      a: new Float64Array(14),
      b: new Float64Array(14),
      out: null,
      m: 1,
      k: 14,
      n: 1,
      rowStart: 0,
      rowEnd: 1,
      dtype: 'float64',
    },
    [],
  );
  await until(() => failures.length > 0);
  expect(failures).toEqual(['crashed: Uncaught deliberate crash for the test']);
});
