import { describe, it } from 'vitest';
import { expectNumber, expectNumbers, solveWith } from './helpers.js';

// The network of the TUM I2DL endterm 2023, problem 3, as content/exams/tum-i2dl-2023-endterm.mdx
// reconstructs it: w_ij connects unit i to unit j, ReLU on the hidden layer, biases b1..b4 numbered
// across both layers. Its bias names b1, b2 coincide with the per-layer keys b1_new, b2_new.
const tum2023 = {
  input: [2, -1],
  inputNames: ['i1', 'i2'],
  layers: [
    {
      weights: [
        [1, -0.5],
        [0.5, -1],
      ],
      bias: [0.5, -0.5],
      activation: 'relu',
      weightNames: [
        ['w11', 'w12'],
        ['w21', 'w22'],
      ],
      biasNames: ['b1', 'b2'],
      preNames: ['h1', 'h2'],
      postNames: ['h3', 'h4'],
    },
    {
      weights: [
        [0.5, -1],
        [-0.5, 1],
      ],
      bias: [-1, 0.5],
      weightNames: [
        ['w31', 'w32'],
        ['w41', 'w42'],
      ],
      biasNames: ['b3', 'b4'],
      preNames: ['o1', 'o2'],
    },
  ],
  loss: 'mse',
  targets: [1, 0.5],
  targetNames: ['t1', 't2'],
  lr: 0.1,
  iterations: 1,
};

describe('mlp — names given in the params win over per-layer answers with the same key', async () => {
  const result = await solveWith('mlp', tum2023);

  it('b1_new and b2_new are the updated biases b1 and b2, not the bias vectors of layers 1 and 2', () => {
    // ∂L/∂b1 = ∂L/∂h1 = 1.5 (h1 = 2 > 0); ∂L/∂b2 = 0 because the ReLU blocks h2 = −0.5.
    expectNumber(result, 'dL_db1', 1.5);
    expectNumber(result, 'dL_db2', 0);
    expectNumber(result, 'b1_new', 0.5 - 0.1 * 1.5);
    expectNumber(result, 'b2_new', -0.5);
    // ∂L/∂o = o − t = (−1, −2) with the mean over the two outputs.
    expectNumber(result, 'b3_new', -1 - 0.1 * -1);
    expectNumber(result, 'b4_new', 0.5 - 0.1 * -2);
  });

  it('the unnamed per-layer answers stay available where nothing clashes', () => {
    expectNumbers(result, 'db1', [1.5, 0]);
    expectNumbers(result, 'db2', [-1, -2]);
    expectNumbers(result, 'W2_new', [
      [0.7, -0.6],
      [-0.5, 1],
    ]);
  });

  it('the keys of the 2023 page: o = (0, −1.5), L = 2.5, ∂L/∂w21 = −1.5, w21 → 0.65', () => {
    expectNumbers(result, 'output', [0, -1.5]);
    expectNumber(result, 'h4', 0);
    expectNumber(result, 'loss', 2.5);
    expectNumber(result, 'lossSum', 5);
    expectNumber(result, 'dL_dw21', (-1 * 0.5 + -2 * -1) * 1 * -1);
    expectNumber(result, 'w21_new', 0.5 - 0.1 * -1.5);
  });

  it('TUM 2022 problem 6: b2_new is the bias b2 updated with ∂L/∂h2 = −1.25', async () => {
    const { default: mlp } = await import('../../src/solvers/mlp.js');
    const tum2022 = mlp.solve(mlp.defaults);
    expectNumber(tum2022, 'dL_db2', -1.25);
    expectNumber(tum2022, 'b2_new', 0 - 0.1 * -1.25);
    expectNumber(tum2022, 'b5_new', 2 - 0.1 * -1);
  });
});
