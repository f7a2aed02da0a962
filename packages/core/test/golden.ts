// Loading the PyTorch golden fixtures (written by scripts/make-fixtures.py) and comparing values.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { type DType, type Tensor, tensor } from '../src/index.js';

export type Num = number | 'nan' | 'inf' | '-inf';
export interface Encoded {
  shape: number[];
  data: Num[];
  dtype?: 'int32';
  grad?: boolean;
}

export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

export function decode(values: Num[]): number[] {
  return values.map((v) =>
    v === 'nan' ? Number.NaN : v === 'inf' ? Number.POSITIVE_INFINITY : v === '-inf' ? Number.NEGATIVE_INFINITY : v,
  );
}

/** A tensor from a fixture entry: int32 when the entry says so, else the case's float dtype. */
export function toTensor(e: Encoded, dtype: DType): Tensor {
  const t = tensor(decode(e.data), { dtype: e.dtype ?? dtype })
    .reshape(e.shape)
    .contiguous();
  const leaf = t.detach();
  if (e.grad) leaf.requiresGrad = true;
  return leaf;
}

const TOLERANCE: Record<DType, { rtol: number; atol: number }> = {
  float64: { rtol: 1e-10, atol: 1e-12 },
  float32: { rtol: 1e-5, atol: 1e-6 },
  int32: { rtol: 0, atol: 0 },
};

/** Elementwise closeness (NaN equals NaN, infinities must match exactly); reports the first miss. */
export function expectClose(actual: readonly number[], expected: readonly number[], dtype: DType, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  const { rtol, atol } = TOLERANCE[dtype];
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    const ok = Number.isNaN(e)
      ? Number.isNaN(a)
      : Number.isFinite(e)
        ? Math.abs(a - e) <= atol + rtol * Math.abs(e)
        : a === e;
    if (!ok) expect.fail(`${what}: element ${i} is ${a}, PyTorch gives ${e} (${dtype}, rtol ${rtol}, atol ${atol})`);
  }
}
