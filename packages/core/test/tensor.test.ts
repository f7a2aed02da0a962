import { describe, expect, test } from 'vitest';
import {
  arange,
  cat,
  exportGraph,
  eye,
  linspace,
  noGrad,
  ones,
  stack,
  Tensor,
  tensor,
  where,
  zeros,
} from '../src/index.js';

describe('creation and views', () => {
  test('tensor infers shape and defaults to float64', () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('float64');
    expect(t.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(tensor(3).item()).toBe(3);
    const rows: number[][] = t.toArray<number[][]>();
    expect(rows[1][2]).toBe(6);
    expect(tensor([1.5], { dtype: 'float32' }).dtype).toBe('float32');
  });

  test('ragged and non-numeric input is rejected', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(/ragged/);
    expect(() => tensor([1.5], { dtype: 'int32' })).toThrow(/int32/);
  });

  test('transpose, permute and slice are views over the same storage', () => {
    const x = arange(6).reshape(2, 3);
    const t = x.transpose(0, 1);
    expect(t.shape).toEqual([3, 2]);
    expect(t.data).toBe(x.data);
    expect(t.toArray()).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    expect(t.isContiguous()).toBe(false);
    expect(t.contiguous().isContiguous()).toBe(true);
    expect(x.slice(1, 0, 3, 2).toArray()).toEqual([
      [0, 2],
      [3, 5],
    ]);
    expect(x.slice(1, -2).toArray()).toEqual([
      [1, 2],
      [4, 5],
    ]);
    expect(x.index(1, { start: 1 }).toArray()).toEqual([4, 5]);
    expect(x.index({}, { start: 2 }).toArray()).toEqual([[2], [5]]);
    expect(x.index({ step: 2 }, 0).toArray()).toEqual([0]);
    expect(x.select(1, -1).toArray()).toEqual([2, 5]);
    expect(x.permute(1, 0).reshape(-1).toArray()).toEqual([0, 3, 1, 4, 2, 5]);
  });

  test('squeeze, unsqueeze, expand, flatten', () => {
    const x = ones([2, 1, 3]);
    expect(x.squeeze().shape).toEqual([2, 3]);
    expect(x.squeeze(1).shape).toEqual([2, 3]);
    expect(x.unsqueeze(-1).shape).toEqual([2, 1, 3, 1]);
    expect(x.expand(4, 2, 5, 3).shape).toEqual([4, 2, 5, 3]);
    expect(x.flatten(1).shape).toEqual([2, 3]);
    expect(() => x.expand(2, 2, 2)).toThrow(/expand/);
  });

  test('arange, linspace, eye', () => {
    expect(arange(1, 2, 0.25).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(eye(2, 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
  });

  test('cat and stack', () => {
    const a = tensor([[1, 2]]);
    const b = tensor([[3, 4]]);
    expect(cat([a, b], 0).toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(cat([a, b], 1).toArray()).toEqual([[1, 2, 3, 4]]);
    expect(stack([a, b], 1).shape).toEqual([1, 2, 2]);
    expect(() => cat([a, tensor([1])], 0)).toThrow(/cat: sizes of tensors must match/);
  });

  test('toString looks like PyTorch', () => {
    expect(tensor([[1, 2]], { requiresGrad: true }).toString()).toBe('tensor([[1., 2.]], requires_grad=True)');
    expect(tensor([1.5, -2]).toString()).toBe('tensor([ 1.5000, -2.0000])');
    expect(
      tensor([
        [1, 2],
        [3, 4],
      ]).toString(),
    ).toBe('tensor([[1., 2.],\n        [3., 4.]])');
    expect(tensor([1, 2], { dtype: 'int32' }).toString()).toBe('tensor([1, 2], dtype=int32)');
    const y = tensor([2], { requiresGrad: true }).mul(3);
    expect(y.toString()).toBe('tensor([6.], grad_fn=<MulBackward>)');
  });
});

describe('autograd', () => {
  test('gradients of a small expression, with accumulation', () => {
    const x = tensor([1, -2], { requiresGrad: true });
    const y = x.mul(x).sum();
    y.backward();
    expect(x.grad?.toArray()).toEqual([2, -4]);
    x.mul(3).sum().backward();
    expect(x.grad?.toArray()).toEqual([5, -1]);
  });

  test('retainGrad keeps intermediate gradients', () => {
    const x = tensor([2], { requiresGrad: true });
    const h = x.mul(3).retainGrad();
    h.mul(h).sum().backward();
    expect(h.grad?.toArray()).toEqual([12]);
    expect(x.grad?.toArray()).toEqual([36]);
  });

  test('broadcast gradients sum back to the input shape', () => {
    const a = ones([2, 3], { requiresGrad: true });
    const b = tensor([1, 2, 3], { requiresGrad: true });
    a.mul(b).sum().backward();
    expect(b.grad?.toArray()).toEqual([2, 2, 2]);
    expect(a.grad?.toArray()).toEqual([
      [1, 2, 3],
      [1, 2, 3],
    ]);
  });

  test('noGrad and detach cut the graph', () => {
    const x = tensor([1], { requiresGrad: true });
    expect(noGrad(() => x.mul(2)).requiresGrad).toBe(false);
    expect(x.detach().requiresGrad).toBe(false);
  });

  test('backward on a non-scalar needs a gradient', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    expect(() => y.backward()).toThrow(/implicitly created only for scalar outputs.*\[2\]/);
    y.backward(tensor([1, 10]));
    expect(x.grad?.toArray()).toEqual([2, 20]);
    expect(() => tensor([1]).backward()).toThrow(/does not require grad/);
  });

  test('matmul shapes and gradient', () => {
    const a = tensor([[1, 2, 3]], { requiresGrad: true });
    const b = tensor([[1], [0], [-1]], { requiresGrad: true });
    const c = a.matmul(b);
    expect(c.toArray()).toEqual([[-2]]);
    c.sum().backward();
    expect(a.grad?.toArray()).toEqual([[1, 0, -1]]);
    expect(b.grad?.toArray()).toEqual([[1], [2], [3]]);
    expect(() => zeros([2, 3]).matmul(zeros([4, 5]))).toThrow(
      'matmul: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)',
    );
  });

  test('where routes gradients by the condition', () => {
    const a = tensor([1, 2, 3], { requiresGrad: true });
    where(a.gt(1.5), a, a.mul(-1)).sum().backward();
    expect(a.grad?.toArray()).toEqual([-1, 1, 1]);
  });

  test('exportGraph lists nodes inputs-first with labels, values and grads', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    x.name = 'x';
    const y = x.mul(2).sum();
    y.backward();
    const g = exportGraph(y);
    expect(g.nodes.map((n) => n.op)).toEqual(['leaf', 'leaf', 'mul', 'sum']);
    expect(g.nodes[0]).toMatchObject({ label: 'x', value: [1, 2], grad: [2, 2], shape: [2] });
    expect(g.output).toBe('n3');
    expect(JSON.parse(JSON.stringify(g))).toEqual(g);
    expect(Tensor).toBeDefined();
  });
});
