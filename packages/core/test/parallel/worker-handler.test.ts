import { expect, test } from 'vitest';
import { splitRows } from '../../src/parallel/split.js';
import { handleMatmulRequest } from '../../src/parallel/worker-handler.js';

test('a request the kernel refuses comes back as a failure with the kernel message', () => {
  const { reply } = handleMatmulRequest({
    type: 'matmul',
    id: 7,
    a: new Float64Array(3),
    b: new Float64Array(4),
    out: new Float64Array(4),
    m: 2,
    k: 2,
    n: 2,
    rowStart: 0,
    rowEnd: 2,
    dtype: 'float64',
  });
  expect(reply).toEqual({ type: 'failed', id: 7, message: 'matmulInto: a has 3 elements, needs 2×2 = 4' });
});

test('the transfer form computes just the rows it was sent and hands back their buffer', () => {
  // rows 1..2 of [[1, 2], [3, 4], [5, 6]] times [[1, 0], [0, 2]]
  const { reply, transfer } = handleMatmulRequest({
    type: 'matmul',
    id: 1,
    a: new Float32Array([3, 4, 5, 6]),
    b: new Float32Array([1, 0, 0, 2]),
    out: null,
    m: 3,
    k: 2,
    n: 2,
    rowStart: 1,
    rowEnd: 3,
    dtype: 'float32',
  });
  expect(reply.type).toBe('done');
  const out = (reply as { out: Float32Array }).out;
  expect([...out]).toEqual([3, 8, 5, 12]);
  expect(transfer).toEqual([out.buffer]);
});

test('splitRows covers every row once, in order, in blocks of whole register tiles', () => {
  expect(splitRows(10, 2)).toEqual([
    [0, 4],
    [4, 10],
  ]);
  expect(splitRows(3, 4)).toEqual([[0, 3]]);
  expect(splitRows(0, 2)).toEqual([]);
  for (const [m, parts] of [
    [1, 1],
    [17, 3],
    [1000, 7],
    [64, 2],
  ]) {
    const ranges = splitRows(m, parts);
    expect(ranges.length).toBeLessThanOrEqual(parts);
    expect(ranges[0][0]).toBe(0);
    expect(ranges.at(-1)?.[1]).toBe(m);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBe(ranges[i - 1][1]);
    for (const [s, e] of ranges.slice(0, -1)) expect((e - s) % 4).toBe(0);
  }
});
