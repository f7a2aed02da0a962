import { describe, expect, test } from 'vitest';
import { cat, F, Generator, GradcheckError, gradcheck, randn, type Tensor, tensor, where } from '../src/index.js';
import { col2im, differentiablePrimitives, im2col } from '../src/primitives.js';

const g = new Generator(3);
const r = (...shape: number[]) => randn(shape, { generator: g, requiresGrad: true });
// Inputs kept away from 0 so that kinks (relu, abs, sqrt, log) are not straddled by the finite differences.
const away = (...shape: number[]) => {
  const t = randn(shape, { generator: g });
  return t.sign().mul(t.abs().add(0.3)).detach().requiresGrad_();
};
const positive = (...shape: number[]) => randn(shape, { generator: g }).abs().add(0.5).detach().requiresGrad_();

const win = {
  kernel: [2, 2] as [number, number],
  stride: [1, 2] as [number, number],
  padding: [1, 0] as [number, number],
  dilation: [1, 1] as [number, number],
};

/** One gradcheck per differentiable primitive, by the op name it records. */
const CASES: Record<string, () => [(...x: Tensor[]) => Tensor, Tensor[], { eps?: number; atol?: number }?]> = {
  neg: () => [(x) => x.neg(), [r(3, 2)]],
  exp: () => [(x) => x.exp(), [r(3, 2)]],
  log: () => [(x) => x.log(), [positive(3, 2)]],
  sqrt: () => [(x) => x.sqrt(), [positive(3, 2)]],
  abs: () => [(x) => x.abs(), [away(3, 2)]],
  tanh: () => [(x) => x.tanh(), [r(3, 2)]],
  sigmoid: () => [(x) => x.sigmoid(), [r(3, 2)]],
  relu: () => [(x) => x.relu(), [away(3, 2)]],
  sin: () => [(x) => x.sin(), [r(4)]],
  cos: () => [(x) => x.cos(), [r(4)]],
  add: () => [(a, b) => a.add(b), [r(2, 3), r(3)]],
  sub: () => [(a, b) => a.sub(b), [r(2, 1), r(1, 3)]],
  mul: () => [(a, b) => a.mul(b), [r(2, 3), r(2, 1)]],
  div: () => [(a, b) => a.div(b), [r(2, 3), away(3)]],
  pow: () => [(a, b) => a.pow(b), [positive(2, 3), r(2, 3)]],
  maximum: () => [(a, b) => a.maximum(b), [r(2, 3), r(3)]],
  minimum: () => [(a, b) => a.minimum(b), [r(2, 3), r(2, 1)]],
  where: () => [(a, b) => where(tensor([[1], [0]], { dtype: 'int32' }), a, b), [r(2, 3), r(3)]],
  sum: () => [(x) => x.sum([0, 2], true), [r(2, 3, 2)]],
  max: () => [(x) => x.max(1), [r(3, 4)]],
  reshape: () => [(x) => x.reshape(3, 2).mul(tensor([[1], [2], [3]])), [r(2, 3)]],
  permute: () => [(x) => x.permute(2, 0, 1).mul(tensor([1, 2, 3])), [r(2, 3, 2)]],
  expand: () => [(x) => x.expand(2, 3, 4).mul(tensor([1, 2, 3, 4])), [r(3, 1)]],
  slice: () => [(x) => x.slice(1, 1, 5, 2), [r(2, 5)]],
  cat: () => [(a, b) => cat([a, b], 1), [r(2, 1), r(2, 3)]],
  contiguous: () => [
    (x) =>
      x
        .t()
        .contiguous()
        .mul(tensor([1, 2])),
    [r(2, 3)],
  ],
  clone: () => [(x) => x.clone().mul(3), [r(3)]],
  cast: () => [(x) => x.float().double().mul(2), [r(3)], { eps: 1e-2, atol: 1e-4 }],
  matmul: () => [(a, b) => a.matmul(b), [r(2, 1, 2, 3), r(2, 3, 2)]],
  im2col: () => [(x) => im2col(x, win), [r(1, 2, 3, 4)]],
  col2im: () => [(c) => col2im(c, [3, 4], win), [r(1, 8, 8)]],
};

describe('gradcheck on every differentiable primitive', () => {
  test('every primitive has a case', () => {
    expect(Object.keys(CASES).sort()).toEqual([...differentiablePrimitives].sort());
  });
  test.each(Object.keys(CASES))('%s', (name) => {
    const [fn, inputs, tol] = CASES[name]();
    const report = gradcheck(fn, inputs, { atol: 1e-6, rtol: 1e-5, ...tol });
    expect(report.ok).toBe(true);
    expect(report.checked).toBeGreaterThan(0);
  });
});

describe('gradcheck on composed ops', () => {
  test.each([
    ['softmax', () => [(x: Tensor) => x.softmax(1), [r(2, 4)]]],
    ['logSoftmax', () => [(x: Tensor) => x.logSoftmax(0), [r(3, 2)]]],
    ['var', () => [(x: Tensor) => x.var(1), [r(3, 4)]]],
    [
      'conv2d',
      () => [
        (x: Tensor, w: Tensor) => F.conv2d(x, w, null, { stride: 2, padding: 1, groups: 2 }),
        [r(1, 2, 4, 4), r(4, 1, 3, 3)],
      ],
    ],
    [
      'convTranspose2d',
      () => [(x: Tensor, w: Tensor) => F.convTranspose2d(x, w, null, { stride: 2 }), [r(1, 2, 2, 2), r(2, 1, 3, 3)]],
    ],
    ['bilinear', () => [(x: Tensor) => F.interpolate(x, { scaleFactor: 2, mode: 'bilinear' }), [r(1, 1, 2, 3)]]],
    ['crossEntropy', () => [(x: Tensor) => F.crossEntropy(x, tensor([0, 2], { dtype: 'int32' })), [r(2, 3)]]],
    ['batchNorm', () => [(x: Tensor) => F.batchNorm(x, null, null, { training: true }), [r(4, 2)]]],
  ] as const)('%s', (_, make) => {
    const [fn, inputs] = make();
    expect(gradcheck(fn as (...x: Tensor[]) => Tensor, inputs as Tensor[], { atol: 1e-6, rtol: 1e-5 }).ok).toBe(true);
  });
});

describe('gradcheck reports disagreement clearly', () => {
  test('a wrong gradient names the input and the element', () => {
    // x·detach(x) has the true derivative 2x but autograd only sees x: off by a factor of 2.
    const x = tensor([1, 2, 3], { requiresGrad: true });
    x.name = 'x';
    const wrong = (t: Tensor) => t.mul(t.detach());
    expect(() => gradcheck(wrong, [x])).toThrow(GradcheckError);
    expect(() => gradcheck(wrong, [x])).toThrow(
      /input 0 \('x'\) disagrees at element \[0\].*numerical 2.*analytical 1/,
    );
  });
  test('only inputs that require grad are checked', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3, 4]);
    const report = gradcheck((p, q) => p.mul(q).sum(), [a, b]);
    expect(report.checked).toBe(2);
  });
});
