import { describe, expect, test } from 'vitest';
import { F, Generator, init, nn, ones, optim, tensor, zeros } from '../src/index.js';

const g = () => new Generator(0);

describe('Module', () => {
  test('parameters are found in registration order with dotted names', () => {
    const model = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU(), new nn.BatchNorm1d(3), new nn.Linear(3, 1));
    expect(model.namedParameters().map(([n]) => n)).toEqual([
      '0.weight',
      '0.bias',
      '2.weight',
      '2.bias',
      '3.weight',
      '3.bias',
    ]);
    expect(model.namedBuffers().map(([n]) => n)).toEqual(['2.runningMean', '2.runningVar', '2.numBatchesTracked']);
    expect(Object.keys(model.stateDict())).toHaveLength(9);
    expect(new nn.LSTM(2, 3, { numLayers: 2 }).namedParameters().map(([n]) => n)).toEqual([
      'weightIhL0',
      'weightHhL0',
      'biasIhL0',
      'biasHhL0',
      'weightIhL1',
      'weightHhL1',
      'biasIhL1',
      'biasHhL1',
    ]);
  });

  test('stateDict round-trips into a fresh model', () => {
    const a = new nn.Sequential(
      new nn.Linear(2, 4, { generator: g() }),
      new nn.Tanh(),
      new nn.Linear(4, 1, { generator: g() }),
    );
    const b = new nn.Sequential(new nn.Linear(2, 4), new nn.Tanh(), new nn.Linear(4, 1));
    b.loadStateDict(a.stateDict());
    const x = tensor([[0.5, -1]]);
    expect(b.forward(x).toArray()).toEqual(a.forward(x).toArray());
  });

  test('train/eval switches dropout and batch norm in every descendant', () => {
    const model = new nn.Sequential(new nn.Dropout(0.5, { generator: g() }), new nn.BatchNorm1d(2));
    model.eval();
    expect(model.modules().every((m) => !m.training)).toBe(true);
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    // eval: running stats (0, 1) and no dropout: y = x / sqrt(1 + eps)
    expect(model.forward(x).toFlatArray()).toEqual(x.toFlatArray().map((v) => v / Math.sqrt(1 + 1e-5)));
    model.train();
    expect(model.modules().every((m) => m.training)).toBe(true);
  });

  test('default init is U(±1/√fanIn) for Linear and Conv2d, seeded', () => {
    const lin = new nn.Linear(16, 8, { generator: g() });
    expect(lin.weight.abs().max().item()).toBeLessThanOrEqual(1 / 4);
    expect(lin.bias?.abs().max().item()).toBeLessThanOrEqual(1 / 4);
    expect(new nn.Linear(16, 8, { generator: g() }).weight.toArray()).toEqual(lin.weight.toArray());
    const conv = new nn.Conv2d(2, 4, 3, { generator: g() });
    expect(conv.weight.shape).toEqual([4, 2, 3, 3]);
    expect(conv.weight.abs().max().item()).toBeLessThanOrEqual(1 / Math.sqrt(18));
  });
});

describe('dropout', () => {
  test('zeroes about p of the elements and scales the rest by 1/(1-p); identity in eval', () => {
    const x = ones([1000]);
    const y = F.dropout(x, 0.25, true, { generator: new Generator(4) });
    const kept = y.toFlatArray().filter((v) => v !== 0);
    expect(kept.every((v) => v === 1 / 0.75)).toBe(true);
    expect(Math.abs(kept.length / 1000 - 0.75)).toBeLessThan(0.05);
    expect(F.dropout(x, 0.25, false)).toBe(x);
    expect(F.dropout(x, 0.25, true, { generator: new Generator(4) }).toArray()).toEqual(y.toArray());
  });
});

describe('nn.summary', () => {
  test('per-layer output shapes and parameter counts of a small CNN', () => {
    const model = new nn.Sequential(
      new nn.Conv2d(2, 8, 3, { padding: 1 }),
      new nn.MaxPool2d(2),
      new nn.BatchNorm2d(8),
      new nn.ReLU(),
      new nn.Flatten(),
      new nn.Linear(8 * 14 * 14, 10),
    );
    const s = nn.summary(model, [1, 2, 28, 28]);
    expect(s.layers).toEqual([
      { name: '0', type: 'Conv2d', outputShape: [1, 8, 28, 28], params: 2 * 8 * 9 + 8 },
      { name: '1', type: 'MaxPool2d', outputShape: [1, 8, 14, 14], params: 0 },
      { name: '2', type: 'BatchNorm2d', outputShape: [1, 8, 14, 14], params: 16 },
      { name: '3', type: 'ReLU', outputShape: [1, 8, 14, 14], params: 0 },
      { name: '4', type: 'Flatten', outputShape: [1, 1568], params: 0 },
      { name: '5', type: 'Linear', outputShape: [1, 10], params: 1568 * 10 + 10 },
    ]);
    expect(s.totalParams).toBe(152 + 16 + 15690);
    expect(s.trainableParams).toBe(s.totalParams);
    // The summary leaves the model as it was: training mode, untouched running statistics.
    expect(model.training).toBe(true);
    expect((model[2] as nn.BatchNorm2d).numBatchesTracked?.item()).toBe(0);
  });

  test('recurrent layers report their first output; frozen parameters are not trainable', () => {
    const lstm = new nn.LSTM(4, 5);
    const s = nn.summary(lstm, [7, 2, 4]);
    expect(s.layers).toEqual([{ name: 'LSTM', type: 'LSTM', outputShape: [7, 2, 5], params: 4 * 5 * (4 + 5 + 2) }]);
    const lin = new nn.Linear(3, 2);
    lin.bias?.requiresGrad_(false);
    expect(nn.summary(lin, [1, 3])).toMatchObject({ totalParams: 8, trainableParams: 6 });
  });
});

describe('nn.receptiveField', () => {
  test('receptive field, jump and output size layer by layer', () => {
    const rows = nn.receptiveField(
      [
        { name: 'conv1', kernel: 3, stride: 1, padding: 1 },
        { name: 'pool1', kernel: 2, stride: 2 },
        { name: 'conv2', kernel: 3, stride: 1, padding: 1 },
        { name: 'pool2', kernel: 2, stride: 2 },
        { name: 'conv3', kernel: 3, dilation: 2 },
      ],
      32,
    );
    expect(rows.map((r) => [r.name, r.receptiveField, r.jump, r.outputSize])).toEqual([
      ['conv1', 3, 1, 32],
      ['pool1', 4, 2, 16],
      ['conv2', 8, 2, 16],
      ['pool2', 10, 4, 8],
      ['conv3', 26, 4, 4],
    ]);
  });

  test('reads the window layers of a Sequential and skips elementwise ones', () => {
    const model = new nn.Sequential(
      new nn.Conv2d(1, 2, 5),
      new nn.ReLU(),
      new nn.MaxPool2d(2),
      new nn.Conv2d(2, 2, 3, { stride: 2 }),
    );
    expect(nn.receptiveField(model, 28).map((r) => [r.name, r.receptiveField, r.jump, r.outputSize])).toEqual([
      ['0', 5, 1, 24],
      ['2', 6, 2, 12],
      ['3', 10, 4, 5],
    ]);
    expect(() => nn.receptiveField([{ kernel: 0 }])).toThrow(/invalid kernel 0/);
  });
});

describe('recurrent layers', () => {
  test('RNN over a sequence equals RNNCell applied step by step', () => {
    const rnn = new nn.RNN(2, 3, { generator: g() });
    const cell = new nn.RNNCell(2, 3);
    const s = rnn.stateDict();
    cell.loadStateDict({ weightIh: s.weightIhL0, weightHh: s.weightHhL0, biasIh: s.biasIhL0, biasHh: s.biasHhL0 });
    const x = tensor([[[1, 0]], [[0, 1]], [[-1, 2]]]);
    const [out, hn] = rnn.forward(x);
    let h = zeros([1, 3]);
    for (let t = 0; t < 3; t++) h = cell.forward(x.select(0, t), h);
    expect(hn.select(0, 0).toArray()).toEqual(h.toArray());
    expect(out.select(0, 2).toArray()).toEqual(h.toArray());
  });

  test('LSTM gates are i, f, g, o in that order', () => {
    const cell = new nn.LSTMCell(1, 1, { bias: false });
    // With zero weights every gate pre-activation is 0. Setting only row 2 makes that unit's
    // pre-activation 10: if row 2 is the cell candidate g, c' = f·0 + σ(0)·tanh(10).
    init.zeros(cell.weightIh);
    init.zeros(cell.weightHh);
    const x = tensor([[1]]);
    const [h0, c0] = cell.forward(x);
    expect(c0.item()).toBe(0);
    expect(h0.item()).toBe(0);
    init.constant(cell.weightIh, 0);
    cell.weightIh.data[2] = 10; // g row
    const [, c1] = cell.forward(x);
    expect(c1.item()).toBeCloseTo(0.5 * Math.tanh(10), 12); // i = σ(0) = 0.5
  });
});

describe('optimizers', () => {
  test('zeroGrad clears gradients; StepLR decays the learning rate', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const opt = new optim.SGD([w], { lr: 1 });
    w.mul(w).sum().backward();
    opt.step();
    expect(w.toArray()).toEqual([-1, -2]);
    opt.zeroGrad();
    expect(w.grad).toBeNull();
    const sched = new optim.lrScheduler.StepLR(opt, { stepSize: 2, gamma: 0.5 });
    const lrs = [];
    for (let i = 0; i < 5; i++) {
      sched.step();
      lrs.push(sched.getLastLr()[0]);
    }
    expect(lrs).toEqual([1, 0.5, 0.5, 0.25, 0.25]);
  });

  test('parameter groups keep their own options', () => {
    const a = tensor([1], { requiresGrad: true });
    const b = tensor([1], { requiresGrad: true });
    const opt = new optim.SGD([{ params: [a] }, { params: [b], lr: 0.1 }], { lr: 1 });
    a.add(b).sum().backward();
    opt.step();
    expect(a.item()).toBe(0);
    expect(b.item()).toBeCloseTo(0.9, 15);
  });
});

describe('init', () => {
  test('fans, gains and target variances', () => {
    expect(init.fans([64, 32, 3, 3])).toEqual({ fanIn: 288, fanOut: 576 });
    expect(init.describe('kaiming', [256, 128], { nonlinearity: 'relu' }).variance).toBeCloseTo(2 / 128, 15);
    expect(init.describe('xavier', [30, 20]).variance).toBeCloseTo(2 / 50, 15);
    expect(init.describe('kaiming', [10, 6], { a: Math.sqrt(5) }).bound).toBeCloseTo(1 / Math.sqrt(6), 15);
    expect(init.calculateGain('leaky_relu', 0.2)).toBe(init.calculateGain('leakyRelu', 0.2));
    expect(() => init.fans([3])).toThrow(/fewer than 2 dimensions/);
    expect(() => init.calculateGain('swish')).toThrow(/unsupported nonlinearity 'swish'/);
  });
});
