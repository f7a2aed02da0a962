import { describe, expect, test } from 'vitest';
import { exportGraph, F, Generator, nn, optim, tensor } from '../src/index.js';

// TUM I2DL 2022 endterm, problem 6: x → (W, b) → leaky ReLU(0.5) → (V, c) → ŷ, MSE against y.
// w_ij connects input i to hidden unit j, v_jk hidden unit j to output k.
describe('TUM 2022 endterm problem 6 (backpropagation)', () => {
  const setup = () => {
    const x = tensor([[1, -2]]);
    const W = tensor(
      [
        [-0.5, 1, 2],
        [-1, 0.5, 1.5],
      ],
      { requiresGrad: true },
    );
    const b = tensor([0.5, 0, -1], { requiresGrad: true });
    const V = tensor(
      [
        [1, -0.5],
        [-0.5, 2],
        [-1, 1],
      ],
      { requiresGrad: true },
    );
    const c = tensor([-1, 2], { requiresGrad: true });
    const y = tensor([[1, 1]]);
    const pre = x.matmul(W).add(b).retainGrad();
    const post = pre.leakyRelu(0.5).retainGrad();
    const yHat = post.matmul(V).add(c);
    const loss = F.mseLoss(yHat, y);
    return { W, b, V, c, pre, post, yHat, loss };
  };

  test('forward pass: h1..h6 and ŷ as in the sample solution', () => {
    const { pre, post, yHat } = setup();
    expect([...pre.toFlatArray(), ...post.toFlatArray()]).toEqual([2, 0, -2, 2, 0, -1]);
    expect(yHat.toFlatArray()).toEqual([2, 0]);
  });

  test('MSE is 1, ∂L/∂w11 = 1.5 and one SGD step (lr 0.1) gives w11 = -0.65', () => {
    const { W, loss } = setup();
    expect(loss.item()).toBe(1);
    loss.backward();
    // Row i is x_i · ∂L/∂h_j; h2 = 0 takes the slope 0.5 branch, as PyTorch's leaky ReLU does.
    expect(W.grad?.toArray()).toEqual([
      [1.5, -1.25, -1],
      [-3, 2.5, 2],
    ]);
    new optim.SGD([W], { lr: 0.1 }).step();
    expect((W.toArray() as number[][])[0][0]).toBeCloseTo(-0.65, 15);
  });

  test('the exported graph names the composed ops and carries the gradients', () => {
    const { loss, W } = setup();
    W.name = 'W';
    loss.backward();
    const graph = exportGraph(loss);
    const ops = graph.nodes.map((n) => n.op);
    expect(ops).toContain('leakyRelu');
    expect(ops[ops.length - 1]).toBe('mseLoss');
    const w = graph.nodes.find((n) => n.label === 'W');
    expect(w?.grad).toEqual([1.5, -1.25, -1, -3, 2.5, 2]);
    // ∂L/∂h4..h6 = (ŷ − y)·Vᵀ = (1, −1)·Vᵀ
    const act = graph.nodes.find((n) => n.op === 'leakyRelu');
    expect(act?.grad).toEqual([1.5, -2.5, -2]);
  });
});

describe('training', () => {
  test('an MLP learns XOR to 100% accuracy (seeded)', () => {
    const g = new Generator(7);
    const model = new nn.Sequential(
      new nn.Linear(2, 8, { generator: g }),
      new nn.Tanh(),
      new nn.Linear(8, 1, { generator: g }),
    );
    const x = tensor([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    const y = tensor([[0], [1], [1], [0]]);
    const opt = new optim.Adam(model.parameters(), { lr: 0.05 });
    let loss = Number.POSITIVE_INFINITY;
    for (let step = 0; step < 300; step++) {
      opt.zeroGrad();
      const l = F.bceWithLogits(model.forward(x), y);
      l.backward();
      opt.step();
      loss = l.item();
    }
    const predictions = model.forward(x).sigmoid().gt(0.5).toFlatArray();
    expect(predictions).toEqual([0, 1, 1, 0]);
    expect(loss).toBeLessThan(0.05);
  });
});
