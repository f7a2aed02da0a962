// toString against the text PyTorch 1.13 prints for the same values (fixtures/format.json).
import { describe, expect, test } from 'vitest';
import { tensor } from '../src/index.js';
import { decode, loadFixture, type Num } from './golden.js';

interface FormatCase {
  name: string;
  shape: number[];
  data: Num[];
  requiresGrad: boolean;
  text: string;
}

const fixture = loadFixture<{ torch: string; cases: FormatCase[] }>('format.json');

describe(`toString prints what PyTorch ${fixture.torch} prints`, () => {
  test.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const t = tensor(decode(c.data)).reshape(c.shape).detach();
    t.requiresGrad = c.requiresGrad;
    expect(t.toString()).toBe(c.text);
  });

  test('dtype and autograd suffixes', () => {
    expect(tensor([1, 2], { dtype: 'int32' }).toString()).toBe('tensor([1, 2], dtype=int32)');
    expect(tensor([0.5], { dtype: 'float32' }).toString()).toBe('tensor([0.5000], dtype=float32)');
    expect(tensor([2], { requiresGrad: true }).mul(3).toString()).toBe('tensor([6.], grad_fn=<MulBackward>)');
  });
});
