import { nn } from '@i2dl/core';
import { describe, expect, it } from 'vitest';
import { expectNumber, solveWith } from './helpers.js';

describe('param-count', () => {
  it('TUM 2020 6a: vanilla RNN with x ∈ R³, h ∈ R⁵ has 5·3 + 5·5 + 5 = 45 (the student wrote 40: no bias)', async () => {
    const r = await solveWith('param-count', { layer: 'rnn', inputs: 3, outputs: 5 });
    expectNumber(r, 'params', 45);
    expectNumber(r, 'withoutBias', 40);
  });

  it('TUM 2023 7.1: RNN with x ∈ R⁴, h ∈ R¹² without bias has 12·4 + 12·12 = 192', async () => {
    const r = await solveWith('param-count', { layer: 'rnn', inputs: 4, outputs: 12, bias: false });
    expectNumber(r, 'params', 192);
  });

  it('TUM 2022 7.3: BatchNorm2d on 3 channels holds 2·3 = 6 running statistics', async () => {
    const r = await solveWith('param-count', { layer: 'batchnorm', inputs: 3 });
    expectNumber(r, 'runningStats', 6);
    expectNumber(r, 'params', 6);
  });

  it('TUM 2022 1.3: a 1×1 conv filter on 32 channels has 33 parameters', async () => {
    const r = await solveWith('param-count', { layer: 'conv', inputs: 32, outputs: 1, kernel: 1 });
    expectNumber(r, 'params', 33);
    expectNumber(r, 'ignoringInputChannels', 2);
  });

  it('LSTM and GRU: 4 and 3 times the RNN count; PyTorch double bias on request', async () => {
    const lstm = await solveWith('param-count', { layer: 'lstm', inputs: 3, outputs: 5 });
    expectNumber(lstm, 'params', 4 * 45);
    const gru = await solveWith('param-count', { layer: 'gru', inputs: 3, outputs: 5, rnnBias: 'double' });
    expectNumber(gru, 'params', 3 * (15 + 25 + 10));
  });

  it('linear: n_out·(n_in + 1)', async () => {
    const r = await solveWith('param-count', { layer: 'linear', inputs: 784, outputs: 19 });
    expectNumber(r, 'params', 784 * 19 + 19);
  });
});

describe('param-count agrees with core nn modules (PyTorch layouts)', () => {
  const count = (m: nn.AnyModule) => m.parameters().reduce((s, p) => s + p.numel(), 0);
  it('conv, linear, batch norm, RNN and LSTM (PyTorch keeps two bias vectors per gate)', async () => {
    const conv = await solveWith('param-count', { layer: 'conv', inputs: 3, outputs: 4, kernel: 5 });
    expect(conv.answers.params).toBe(count(new nn.Conv2d(3, 4, 5)));
    const linear = await solveWith('param-count', { layer: 'linear', inputs: 784, outputs: 19, bias: false });
    expect(linear.answers.params).toBe(count(new nn.Linear(784, 19, { bias: false })));
    const bn = await solveWith('param-count', { layer: 'batchnorm', inputs: 3 });
    expect(bn.answers.params).toBe(count(new nn.BatchNorm2d(3)));
    const rnn = await solveWith('param-count', { layer: 'rnn', inputs: 3, outputs: 5, rnnBias: 'double' });
    expect(rnn.answers.params).toBe(count(new nn.RNNCell(3, 5)));
    const lstm = await solveWith('param-count', { layer: 'lstm', inputs: 3, outputs: 5, rnnBias: 'double' });
    expect(lstm.answers.params).toBe(count(new nn.LSTMCell(3, 5)));
  });
});
