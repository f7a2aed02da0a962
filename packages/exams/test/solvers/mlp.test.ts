import { describe, expect, it } from 'vitest';
import { expectNumber, expectNumbers, solveWith } from './helpers.js';

// The defaults of `mlp` are Table 6.1 of the TUM I2DL endterm 2022 (problem 6).
describe('mlp — TUM I2DL endterm 2022, problem 6 (official sample solution)', async () => {
  const { default: mlp } = await import('../../src/solvers/mlp.js');
  const result = mlp.solve(mlp.defaults);

  it('6.1: h1..h6 and the outputs ŷ1 = 2, ŷ2 = 0', () => {
    expectNumber(result, 'h1', 2);
    expectNumber(result, 'h2', 0);
    expectNumber(result, 'h3', -2);
    expectNumber(result, 'h4', 2);
    expectNumber(result, 'h5', 0);
    expectNumber(result, 'h6', -1);
    expectNumber(result, 'yhat1', 2);
    expectNumber(result, 'yhat2', 0);
    expectNumbers(result, 'output', [2, 0]);
    expectNumbers(result, 'z1', [2, 0, -2]);
    expectNumbers(result, 'a1', [2, 0, -1]);
  });

  it('6.2: MSE = 1', () => {
    expectNumber(result, 'loss', 1);
  });

  it('6.3: ∂L/∂w11 = 1.5 and the updated w11 = −0.65 (lr 0.1)', () => {
    expectNumber(result, 'dL_dw11', 1.5);
    expectNumber(result, 'w11_new', -0.65);
    expectNumber(result, 'dW1.0.0', 1.5);
    expectNumber(result, 'W1_new.0.0', -0.65);
  });

  it('the chain rule of the sample solution: ∂L/∂h4 = (ŷ1 − y1)·v11 + (ŷ2 − y2)·v12 = 1.5', () => {
    expectNumber(result, 'dL_dh4', (2 - 1) * 1 + (0 - 1) * -0.5);
    expectNumbers(result, 'dOutput', [1, -1]);
  });

  it('typical mistakes: plain ReLU gives ŷ = (1, 1); sum of squares 2; forgetting the ŷ2 path gives 1', () => {
    expectNumbers(result, 'outputWithRelu', [1, 1]);
    expectNumber(result, 'lossSum', 2);
    expectNumber(result, 'dL_dw11_firstOutputOnly', 1);
    expectNumber(result, 'w11_newWrongSign', -0.35);
  });

  it('shows the numbers in the worked steps and draws the network and the graph', () => {
    const forward = result.steps[0].latex ?? '';
    expect(forward).toContain('h_{1} &= w_{11} x_{1} + w_{21} x_{2} + b_{1}');
    expect(forward).toContain('\\max(0.5 \\cdot (-2), -2) = -1');
    const update = result.steps.find((s) => s.title === 'SGD update')?.latex ?? '';
    expect(update).toContain(
      'w_{11}^{new} &= w_{11} - \\alpha \\frac{\\partial L}{\\partial w_{11}} = -0.5 - 0.1 \\cdot 1.5 = -0.65',
    );
    expect(result.charts?.network.kind).toBe('network');
    const graph = result.charts?.graph.data as { nodes: { label: string | null }[] };
    expect(graph.nodes.some((n) => n.label === 'W1')).toBe(true);
  });
});

describe('mlp — conventions and other settings', () => {
  it('TUM 2020 2a: S1 = 0.05·2 + 0.025·(−4) − 0.03·1 = −0.03 and S2 = 1.0·2 + 0.5·(−4) + 1.5·1 = 1.5', async () => {
    const r = await solveWith('mlp', {
      input: [2, -4, 1],
      layers: [
        {
          weights: [
            [0.05, 1.0],
            [0.025, 0.5],
            [-0.03, 1.5],
          ],
          preNames: ['S1', 'S2'],
        },
      ],
      targets: [0, 0],
    });
    expectNumber(r, 'S1', -0.03);
    expectNumber(r, 'S2', 1.5);
  });

  it('half-sse gives the same loss as mse for two outputs, sse twice that', async () => {
    const { default: mlp } = await import('../../src/solvers/mlp.js');
    const half = mlp.solve({ ...mlp.defaults, loss: 'half-sse' });
    const sse = mlp.solve({ ...mlp.defaults, loss: 'sse' });
    expectNumber(half, 'loss', 1);
    expectNumber(half, 'dL_dw11', 1.5);
    expectNumber(sse, 'loss', 2);
    expectNumber(sse, 'dL_dw11', 3);
  });

  it('with no layers it is a loss calculator: TUM 2023 3.2 fallback values o = (2, 0.5), t = (1, 0.5)', async () => {
    const result = await solveWith('mlp', { input: [2, 0.5], layers: [], targets: [1, 0.5], iterations: 0 });
    expectNumber(result, 'loss', 0.5);
  });

  it('softmax cross-entropy: gradient p − y', async () => {
    const result = await solveWith('mlp', {
      input: [1],
      layers: [{ weights: [[1, 0]] }],
      loss: 'cross-entropy',
      targets: [1, 0],
      iterations: 0,
    });
    const p = Math.exp(1) / (Math.exp(1) + 1);
    expectNumber(result, 'loss', -Math.log(p));
    expectNumbers(result, 'dz1', [p - 1, 1 - p]);
  });

  it('several small SGD steps lower the loss (lr 0.1 overshoots on this network, 0.01 does not)', async () => {
    const { default: mlp } = await import('../../src/solvers/mlp.js');
    const result = mlp.solve({ ...mlp.defaults, lr: 0.01, iterations: 3 });
    const history = result.answers.lossHistory as number[];
    expect(history).toHaveLength(4);
    expect(history[3]).toBeLessThan(history[0]);
  });

  it('rejects a weight table that does not fit the input, naming the field', async () => {
    const { default: mlp } = await import('../../src/solvers/mlp.js');
    const parsed = mlp.params.safeParse({ input: [1, 2, 3], layers: [{ weights: [[1], [2]] }], targets: [0] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].path).toEqual(['layers', 0, 'weights']);
  });

  it('bce without a sigmoid output explains itself', async () => {
    const { default: mlp } = await import('../../src/solvers/mlp.js');
    const p = mlp.params.parse({ input: [1], layers: [{ weights: [[2]] }], loss: 'bce', targets: [1] });
    expect(() => mlp.solve(p)).toThrow(/sigmoid output layer/);
  });
});
