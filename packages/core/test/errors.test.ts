import { describe, expect, test } from 'vitest';
import { F, nn, noGrad, ones, optim, tensor, zeros } from '../src/index.js';

describe('bad input gets a clear error', () => {
  test('shape mismatches name the op and both shapes', () => {
    expect(() => zeros([2, 3]).matmul(zeros([4, 5]))).toThrow(
      'matmul: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)',
    );
    expect(() => zeros([2, 2, 3]).matmul(zeros([2, 4, 5]))).toThrow(/matmul: .*\(2x2x3 and 2x4x5\)/);
    expect(() => zeros([2, 3]).add(zeros([4]))).toThrow('add: shapes [2, 3] and [4] cannot be broadcast together');
    expect(() => zeros([2, 3]).reshape(4, 2)).toThrow(/reshape: shape \[4, 2\] is invalid for input of size 6/);
    expect(() => F.mseLoss(zeros([3]), zeros([3, 1]))).toThrow(/mseLoss: input shape \[3\] and target shape \[3, 1\]/);
    expect(() => F.conv2d(zeros([1, 3, 5, 5]), zeros([8, 6, 3, 3]))).toThrow(
      /conv2d: given groups=1, weight of size \[8, 6, 3, 3\], expected input\[1, 3, 5, 5\] to have 6 channels, but got 3/,
    );
    expect(() => F.conv2d(zeros([1, 1, 2, 2]), zeros([1, 1, 3, 3]))).toThrow(/conv2d: input size 2 .* kernel size 3/);
  });

  test('mixed dtypes promote as in PyTorch', () => {
    const i = tensor([1, 2], { dtype: 'int32' });
    const f32 = tensor([1, 2], { dtype: 'float32' });
    const f64 = tensor([1, 2]);
    expect(i.add(f32).dtype).toBe('float32');
    expect(i.add(f64).dtype).toBe('float64');
    expect(f32.add(f64).dtype).toBe('float64');
    expect(i.add(i).dtype).toBe('int32');
    expect(i.add(2).dtype).toBe('int32');
    expect(i.add(0.5).dtype).toBe('float64');
    expect(i.add(0.5).toArray()).toEqual([1.5, 2.5]);
    expect(f32.mul(3).dtype).toBe('float32');
    expect(i.div(i).dtype).toBe('float64');
    expect(i.div(tensor([2, 4], { dtype: 'int32' })).toArray()).toEqual([0.5, 0.5]);
    expect(i.matmul(i).item()).toBe(5);
    expect(tensor([1.7, -1.7]).int().toArray()).toEqual([1, -1]);
  });

  test('gradients: non-scalar backward, int tensors, in-place on leaves', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => x.mul(2).backward()).toThrow(/grad can be implicitly created only for scalar outputs/);
    expect(() => x.sum().backward(ones([2]))).toThrow(/gradient has shape \[2\] but the output has shape \[\]/);
    expect(() => tensor([1], { dtype: 'int32', requiresGrad: true })).toThrow(/only floating point tensors/);
    expect(() => x.add_(1)).toThrow(/leaf tensor that requires grad is being used in an in-place operation/);
    noGrad(() => x.add_(1));
    expect(x.toArray()).toEqual([2, 3]);
  });

  test('out-of-range indices and dims throw instead of reading garbage', () => {
    const t = zeros([2, 3]);
    expect(() => t.select(0, 2)).toThrow('select: index 2 is out of bounds for dimension 0 with size 2');
    expect(() => t.select(1, -4)).toThrow(/out of bounds/);
    expect(() => t.sum(2)).toThrow('sum: dimension out of range (expected to be in range of [-2, 1], but got 2)');
    expect(() => t.softmax(-3)).toThrow(/softmax: dimension out of range/);
    expect(() => t.transpose(0, 5)).toThrow(/transpose: dimension out of range/);
    expect(() => t.index(0, 0, 0)).toThrow(/too many indices/);
    expect(() => t.item()).toThrow(/a Tensor with 6 elements cannot be converted to a number/);
    expect(() => F.crossEntropy(zeros([2, 3]), tensor([0, 3], { dtype: 'int32' }))).toThrow(
      /target 3 is out of bounds for 3 classes/,
    );
    expect(() => F.crossEntropy(zeros([2, 3]), tensor([0, 1]))).toThrow(/int32/);
    expect(() => F.binaryCrossEntropy(tensor([1.5]), tensor([1]))).toThrow(/between 0 and 1/);
    expect(t.slice(1, 5, 10).shape).toEqual([2, 0]);
  });

  test('NaN and Inf propagate as IEEE 754 says', () => {
    const x = tensor([Number.NaN, Number.POSITIVE_INFINITY, -1, 0]);
    expect(x.exp().toArray()).toEqual([Number.NaN, Number.POSITIVE_INFINITY, Math.exp(-1), 1]);
    expect(x.log().toArray()).toEqual([Number.NaN, Number.POSITIVE_INFINITY, Number.NaN, Number.NEGATIVE_INFINITY]);
    expect(x.relu().toArray()).toEqual([Number.NaN, Number.POSITIVE_INFINITY, 0, 0]);
    expect(x.max().item()).toBeNaN();
    expect(x.argmax().item()).toBe(0);
    expect(tensor([1, -1]).div(0).toArray()).toEqual([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    const y = tensor([0], { requiresGrad: true });
    y.sqrt().sum().backward();
    expect(y.grad?.toArray()).toEqual([Number.POSITIVE_INFINITY]);
  });

  test('modules check state dicts and inputs', () => {
    const lin = new nn.Linear(3, 2);
    expect(() => lin.loadStateDict({ weight: zeros([3, 2]), bias: zeros([2]) })).toThrow(
      'loadStateDict: size mismatch for weight: copying a param with shape [3, 2], the shape in the current model is [2, 3]',
    );
    expect(() => lin.loadStateDict({ weight: zeros([2, 3]) })).toThrow(/missing keys \[bias\]/);
    expect(lin.loadStateDict({ weight: zeros([2, 3]) }, false).missingKeys).toEqual(['bias']);
    expect(() => lin.forward(zeros([4, 5]))).toThrow(/linear: input has 5 features/);
    expect(() => new nn.BatchNorm2d(3).forward(zeros([2, 3]))).toThrow(/BatchNorm2d: expected 4D input/);
    expect(() => new nn.BatchNorm1d(3).forward(zeros([1, 3]))).toThrow(/more than 1 value per channel/);
  });
});

describe('in-place changes after the forward pass', () => {
  test('backward refuses to use overwritten values instead of returning a wrong gradient', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const y = w.mul(w).sum();
    noGrad(() => w.mul_(10));
    expect(() => y.backward()).toThrow(/the input 0 \(shape \[2\]\) of 'mul' was modified by an in-place operation/);
  });
  test('an optimizer step invalidates the old graph; a fresh forward pass works', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const opt = new optim.SGD([w], { lr: 0.1 });
    const loss = w.mul(w).sum();
    loss.backward();
    opt.step();
    expect(() => loss.backward()).toThrow(/modified by an in-place operation/);
    w.mul(w).sum().backward();
    expect(w.grad?.toFlatArray()).toEqual([2 + 1.6, 4 + 3.2]);
  });
});
