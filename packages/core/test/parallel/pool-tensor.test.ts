import { afterAll, describe, expect, test } from 'vitest';
import { tensor } from '../../src/creation.js';
import { createWorkerPool } from '../../src/parallel/index.js';
import { Tensor } from '../../src/tensor.js';
import { filled } from '../kernels/reference.js';

const pool = createWorkerPool({
  threads: 2,
  parallelThreshold: 0,
  workerUrl: new URL('./fixtures/source-worker.mjs', import.meta.url),
});
afterAll(() => pool.close());

describe('WorkerPool.matmul (tensors)', { timeout: 30_000 }, () => {
  for (const dtype of ['float32', 'float64'] as const) {
    test(`${dtype}: equals the tensor's own matmul bit for bit, shape and dtype included`, async () => {
      const a = Tensor.fromStorage(filled(dtype, 37 * 29, 1), [37, 29]);
      const b = Tensor.fromStorage(filled(dtype, 29 * 11, 2), [29, 11]);
      const c = await pool.matmul(a, b);
      expect(c.shape).toEqual([37, 11]);
      expect(c.dtype).toBe(dtype);
      expect(c.toArray()).toEqual(a.matmul(b).toArray());
    });
  }

  test('takes transposed and sliced views', async () => {
    const base = Tensor.fromStorage(filled('float64', 20 * 30, 3), [20, 30]);
    const a = base.t(); // 30×20, not contiguous
    const b = base.slice(1, 5, 25); // 20×20 view at an offset
    const c = await pool.matmul(a, b);
    expect(c.toArray()).toEqual(a.matmul(b).toArray());
  });

  test('computes a known product', async () => {
    const c = await pool.matmul(
      tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
      tensor([
        [7, 8],
        [9, 10],
        [11, 12],
      ]),
    );
    expect(c.toArray()).toEqual([
      [58, 64],
      [139, 154],
    ]);
  });

  test('shapes and dtypes that do not fit reject with both named', async () => {
    const a = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    await expect(pool.matmul(a, a)).rejects.toThrow(
      'WorkerPool.matmul: mat1 and mat2 shapes cannot be multiplied ([2, 3] and [2, 3])',
    );
    await expect(pool.matmul(tensor([1, 2, 3]), a)).rejects.toThrow(
      'WorkerPool.matmul: both operands must be 2-D, got shapes [3] and [2, 3]',
    );
    await expect(pool.matmul(a, a.t().float())).rejects.toThrow(
      /both operands must be float32 or both float64, got float64 \[2, 3\] and float32 \[3, 2\]/,
    );
    await expect(pool.matmul(a.int(), a.t().int())).rejects.toThrow(/got int32/);
  });
});
