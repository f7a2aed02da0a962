import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';
import { matmulInto } from '../../src/kernels/matmul.js';
import { createWorkerPool, type WorkerPool, type WorkerPoolOptions } from '../../src/parallel/index.js';
import { type Buf, type Dtype, filled, naiveMatmul } from '../kernels/reference.js';

// The workers run the TypeScript sources through a small resolve hook (see fixtures/).
const sourceWorker = new URL('./fixtures/source-worker.mjs', import.meta.url);
const dyingWorker = new URL('./fixtures/dying-worker.mjs', import.meta.url);

const pools: WorkerPool[] = [];
function pool(options: WorkerPoolOptions): WorkerPool {
  const p = createWorkerPool({ workerUrl: sourceWorker, parallelThreshold: 0, ...options });
  pools.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

function callingThread(a: Buf, b: Buf, m: number, k: number, n: number, dtype: Dtype): Buf {
  const out = dtype === 'float32' ? new Float32Array(m * n) : new Float64Array(m * n);
  matmulInto(a, b, out, m, k, n);
  return out;
}

describe('WorkerPool.matmulArrays', { timeout: 30_000 }, () => {
  // Worker start-up is slow on a loaded machine: generous timeouts, and one pool per thread count.
  for (const transport of ['shared', 'transfer'] as const) {
    test(`${transport}: bitwise identical for 1, 2 and 3 threads and to the calling thread, both dtypes`, {
      timeout: 60_000,
    }, async () => {
      const byThreads = [1, 2, 3].map((threads) => pool({ threads, transport }));
      for (const dtype of ['float32', 'float64'] as const) {
        for (const [m, k, n] of [
          [1, 1, 1],
          [3, 17, 5],
          [65, 130, 17],
          [130, 300, 67],
        ]) {
          const a = filled(dtype, m * k, m);
          const b = filled(dtype, k * n, n);
          const expected = callingThread(a, b, m, k, n, dtype);
          for (const p of byThreads) {
            const c = await p.matmulArrays(a, b, m, k, n, dtype);
            expect(c).toBeInstanceOf(dtype === 'float32' ? Float32Array : Float64Array);
            expect(c).toEqual(expected);
          }
        }
      }
    });
  }

  test('agrees with the textbook loop, and leaves the operands untouched', async () => {
    const [m, k, n] = [33, 20, 9];
    const a = filled('float64', m * k, 1);
    const b = filled('float64', k * n, 2);
    const [a0, b0] = [a.slice(), b.slice()];
    const expected = new Float64Array(m * n);
    naiveMatmul(a, b, expected, m, k, n);
    for (const transport of ['shared', 'transfer'] as const) {
      expect(await pool({ threads: 2, transport }).matmulArrays(a, b, m, k, n)).toEqual(expected);
    }
    expect(a).toEqual(a0);
    expect(b).toEqual(b0);
  });

  test('the result is an ordinary (not shared) array on the shared transport', async () => {
    const c = await pool({ threads: 2, transport: 'shared' }).matmulArrays(
      filled('float32', 64, 1),
      filled('float32', 64, 2),
      8,
      8,
      8,
    );
    expect(c).toBeInstanceOf(Float32Array);
    expect(c.buffer).toBeInstanceOf(ArrayBuffer);
  });

  test('auto transport shares memory in Node', () => {
    expect(createWorkerPool({ threads: 1 }).transport).toBe('shared');
  });

  test('products below the threshold run on the calling thread, even with a worker that cannot load', async () => {
    const p = createWorkerPool({ threads: 2, workerUrl: new URL('./fixtures/missing.mjs', import.meta.url) });
    pools.push(p);
    const a = filled('float64', 16 * 16, 1);
    const b = filled('float64', 16 * 16, 2);
    expect(await p.matmulArrays(a, b, 16, 16, 16)).toEqual(callingThread(a, b, 16, 16, 16, 'float64'));
    // a big one must go to the workers, and fails clearly because they cannot start
    const big = filled('float64', 200 * 200, 3);
    await expect(p.matmulArrays(big, big, 200, 200, 200)).rejects.toThrow(/matmul worker 0 crashed: .*missing\.mjs/);
  });

  test('concurrent calls queue and each gets its own result', async () => {
    const p = pool({ threads: 2 });
    const inputs = [1, 2, 3, 4, 5].map((seed) => {
      const [m, k, n] = [10 + seed, 20, 7 + seed];
      return { m, k, n, a: filled('float64', m * k, seed), b: filled('float64', k * n, seed + 10) };
    });
    const results = await Promise.all(inputs.map(({ a, b, m, k, n }) => p.matmulArrays(a, b, m, k, n)));
    results.forEach((c, i) => {
      const { a, b, m, k, n } = inputs[i];
      expect(c).toEqual(callingThread(a, b, m, k, n, 'float64'));
    });
  });

  test('sizes that do not fit reject with both shapes named', async () => {
    const p = pool({ threads: 1 });
    await expect(p.matmulArrays(new Float64Array(6), new Float64Array(6), 2, 3, 3)).rejects.toThrow(
      'WorkerPool.matmulArrays: a has 6 elements and b has 6, but shapes [2, 3] and [3, 3] need 6 and 9',
    );
    await expect(p.matmulArrays(new Float64Array(6), new Float64Array(6), 2, -3, 3)).rejects.toThrow(
      /k must be a non-negative integer, got -3/,
    );
    await expect(p.matmulArrays([1, 2] as unknown as Float64Array, new Float64Array(2), 1, 2, 1)).rejects.toThrow(
      /a must be a Float32Array or Float64Array/,
    );
  });

  test('a worker that exits fails its call clearly, is replaced, and the pool keeps working', async () => {
    const p = createWorkerPool({ threads: 2, parallelThreshold: 0, workerUrl: dyingWorker });
    pools.push(p);
    const a = filled('float64', 8 * 13, 1);
    const b = filled('float64', 13 * 8, 2);
    await expect(p.matmulArrays(a, b, 8, 13, 8)).rejects.toThrow(
      /matmul worker \d exited with code 3; the call failed and the worker will be replaced/,
    );
    const a2 = filled('float64', 8 * 12, 3);
    const b2 = filled('float64', 12 * 8, 4);
    expect(await p.matmulArrays(a2, b2, 8, 12, 8)).toEqual(callingThread(a2, b2, 8, 12, 8, 'float64'));
  });

  test('a worker that throws fails its call with the error, and the next call works', async () => {
    const p = createWorkerPool({ threads: 2, parallelThreshold: 0, workerUrl: dyingWorker, transport: 'transfer' });
    pools.push(p);
    const a = filled('float32', 8 * 14, 1);
    const b = filled('float32', 14 * 8, 2);
    await expect(p.matmulArrays(a, b, 8, 14, 8)).rejects.toThrow(/crashed: deliberate crash for the test/);
    const a2 = filled('float32', 8 * 12, 3);
    const b2 = filled('float32', 12 * 8, 4);
    expect(await p.matmulArrays(a2, b2, 8, 12, 8)).toEqual(callingThread(a2, b2, 8, 12, 8, 'float32'));
  });

  test('calls on a closed pool reject; closing fails calls still queued', async () => {
    const p = pool({ threads: 2 });
    const a = filled('float64', 64 * 64, 1);
    const first = p.matmulArrays(a, a, 64, 64, 64);
    const queued = p.matmulArrays(a, a, 64, 64, 64);
    const closing = p.close();
    await expect(first).rejects.toThrow(/the pool was closed/);
    await expect(queued).rejects.toThrow(/the pool was closed/);
    await closing;
    await expect(p.matmulArrays(a, a, 64, 64, 64)).rejects.toThrow('WorkerPool.matmulArrays: the pool is closed');
    // small products too: a closed pool is closed
    await expect(p.matmulArrays(new Float64Array(1), new Float64Array(1), 1, 1, 1)).rejects.toThrow(/closed/);
  });

  test('bad options are refused when the pool is created', () => {
    expect(() => createWorkerPool({ threads: 0 })).toThrow(/threads must be a positive integer, got 0/);
    expect(() => createWorkerPool({ transport: 'carrier-pigeon' as 'shared' })).toThrow(/transport must be/);
    expect(() => createWorkerPool({ parallelThreshold: Number.NaN })).toThrow(/parallelThreshold/);
  });

  test('an idle pool does not keep Node alive', async () => {
    const script = new URL('./fixtures/exit-check.mjs', import.meta.url);
    const { stdout } = await promisify(execFile)(process.execPath, [script.pathname], { timeout: 20_000 });
    expect(JSON.parse(stdout)).toEqual([19, 22, 43, 50]);
  });
});
