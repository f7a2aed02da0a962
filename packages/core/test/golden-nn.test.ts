// Modules, optimizers and init statistics against PyTorch 1.13 (fixtures from scripts/make-fixtures.py).
import { describe, expect, test } from 'vitest';
import { cat, type DType, Generator, init, nn, optim, Tensor, zeros } from '../src/index.js';
import { decode, type Encoded, expectClose, loadFixture, type Num, toTensor } from './golden.js';

interface ModuleCase {
  name: string;
  module: string;
  dtype: DType;
  // biome-ignore lint/suspicious/noExplicitAny: fixture arguments are plain JSON
  args: Record<string, any>;
  train: boolean;
  calls: number;
  state: Record<string, Encoded>;
  /** What PyTorch prints for the module. */
  repr: string;
  inputs: Encoded[];
  output: Num[];
  upstream: Num[];
  inputGrads: Num[][];
  paramGrads: Record<string, Num[]>;
  buffersAfter: Record<string, Num[]>;
}

type AnyForward = (...args: Tensor[]) => unknown;

/** The same constructors as MODULES in scripts/make-fixtures.py. */
const MODULES: Record<string, (a: ModuleCase['args'], dtype: DType) => nn.AnyModule> = {
  Linear: (a, dtype) => new nn.Linear(a.in, a.out, { bias: a.bias, dtype }),
  Conv2d: (a, dtype) =>
    new nn.Conv2d(a.in, a.out, a.kernel, { stride: a.stride, padding: a.padding, groups: a.groups, dtype }),
  ConvTranspose2d: (a, dtype) =>
    new nn.ConvTranspose2d(a.in, a.out, a.kernel, {
      stride: a.stride,
      padding: a.padding,
      outputPadding: a.outputPadding,
      dtype,
    }),
  BatchNorm1d: (a, dtype) => new nn.BatchNorm1d(a.features, { momentum: a.momentum, dtype }),
  BatchNorm2d: (a, dtype) => new nn.BatchNorm2d(a.features, { momentum: a.momentum, dtype }),
  RNNCell: (a, dtype) => new nn.RNNCell(a.in, a.hidden, { nonlinearity: a.nonlinearity, dtype }),
  RNN: (a, dtype) =>
    new nn.RNN(a.in, a.hidden, { numLayers: a.layers, nonlinearity: a.nonlinearity, batchFirst: a.batchFirst, dtype }),
  LSTMCell: (a, dtype) => new nn.LSTMCell(a.in, a.hidden, { dtype }),
  LSTM: (a, dtype) => new nn.LSTM(a.in, a.hidden, { numLayers: a.layers, batchFirst: a.batchFirst, dtype }),
  MLP: (_, dtype) =>
    new nn.Sequential(new nn.Linear(3, 5, { dtype }), new nn.ReLU(), new nn.Linear(5, 2, { dtype }), new nn.Sigmoid()),
  ConvFancy: (_, dtype) =>
    new nn.Conv2d(4, 2, [3, 2], { stride: [2, 1], padding: 1, dilation: 2, groups: 2, bias: false, dtype }),
  Mixed: (_, dtype) =>
    new nn.Sequential(
      new nn.ConvTranspose2d(2, 3, 2, { stride: 2, dtype }),
      new nn.LeakyReLU(0.2),
      new nn.AvgPool2d(2),
      new nn.Tanh(),
      new nn.Upsample({ scaleFactor: 2, mode: 'bilinear' }),
      new nn.MaxPool2d(2),
      new nn.Flatten(),
      new nn.Linear(48, 4, { dtype }),
      new nn.Softmax(1),
    ),
  CNN: (_, dtype) =>
    new nn.Sequential(
      new nn.Conv2d(2, 4, 3, { padding: 1, dtype }),
      new nn.BatchNorm2d(4, { dtype }),
      new nn.ReLU(),
      new nn.MaxPool2d(2),
      new nn.Flatten(),
      new nn.Linear(16, 3, { dtype }),
    ),
};

function flattenOutput(out: unknown): Tensor {
  if (out instanceof Tensor) return out.reshape(-1);
  return cat((out as unknown[]).map(flattenOutput));
}

const modules = loadFixture<{ torch: string; cases: ModuleCase[] }>('nn.json');

describe(`nn modules against PyTorch ${modules.torch}`, () => {
  test.each(modules.cases.map((c) => [`${c.name} (${c.dtype})`, c] as const))('%s', (_, c) => {
    const m = MODULES[c.module](c.args, c.dtype);
    const state = Object.fromEntries(Object.entries(c.state).map(([k, e]) => [k, toTensor(e, c.dtype)]));
    m.loadStateDict(state);
    m.train(c.train);
    expect(m.toString()).toBe(c.repr);
    const xs = c.inputs.map((e) => toTensor({ ...e, grad: true }, c.dtype));
    const forward = m.forward as unknown as AnyForward;
    for (let i = 1; i < c.calls; i++) forward.call(m, ...xs);
    const out = flattenOutput(forward.call(m, ...xs));
    expectClose(out.toFlatArray(), decode(c.output), c.dtype, 'output');
    out.backward(Tensor.fromStorage(Float64Array.from(decode(c.upstream)), out.shape).toDtype(out.dtype));
    xs.forEach((x, i) => {
      expectClose(x.grad?.toFlatArray() ?? [], decode(c.inputGrads[i]), c.dtype, `gradient of input ${i}`);
    });
    const params = new Map(m.namedParameters());
    expect([...params.keys()].sort()).toEqual(Object.keys(c.paramGrads).sort());
    for (const [name, g] of Object.entries(c.paramGrads)) {
      expectClose(params.get(name)?.grad?.toFlatArray() ?? [], decode(g), c.dtype, `gradient of ${name}`);
    }
    const buffers = new Map(m.namedBuffers());
    for (const [name, values] of Object.entries(c.buffersAfter)) {
      const b = buffers.get(name);
      expectClose(b?.toFlatArray() ?? [], decode(values), b?.dtype ?? c.dtype, `buffer ${name} after the calls`);
    }
  });
});

interface OptimCase {
  name: string;
  optimizer: 'SGD' | 'RMSprop' | 'Adam' | 'AdamW';
  // biome-ignore lint/suspicious/noExplicitAny: fixture options are plain JSON
  options: Record<string, any>;
  dtype: DType;
  stepLR: { stepSize: number; gamma: number } | null;
  params: Encoded[];
  grads: Num[][][];
  after: Num[][][];
  lrs: number[];
}

const OPTIMIZERS = {
  SGD: (p: Tensor[], o: OptimCase['options']) => new optim.SGD(p, o as optim.SGDOptions),
  RMSprop: (p: Tensor[], o: OptimCase['options']) => new optim.RMSprop(p, o),
  Adam: (p: Tensor[], o: OptimCase['options']) => new optim.Adam(p, o),
  AdamW: (p: Tensor[], o: OptimCase['options']) => new optim.AdamW(p, o),
};

const optimizers = loadFixture<{ torch: string; cases: OptimCase[] }>('optim.json');

describe(`optimizers against PyTorch ${optimizers.torch}`, () => {
  test.each(optimizers.cases.map((c) => [`${c.name} (${c.dtype})`, c] as const))('%s', (_, c) => {
    const params = c.params.map((e) => toTensor({ ...e, grad: true }, c.dtype));
    const opt = OPTIMIZERS[c.optimizer](params, c.options);
    const scheduler = c.stepLR ? new optim.lrScheduler.StepLR(opt, c.stepLR) : null;
    c.grads.forEach((stepGrads, step) => {
      params.forEach((p, i) => {
        p.grad = toTensor({ shape: p.shape, data: stepGrads[i] }, c.dtype);
      });
      opt.step();
      scheduler?.step();
      params.forEach((p, i) => {
        expectClose(p.toFlatArray(), decode(c.after[step][i]), c.dtype, `param ${i} after step ${step + 1}`);
      });
      expectClose([opt.paramGroups[0].lr], [c.lrs[step]], 'float64', `learning rate after step ${step + 1}`);
    });
  });
});

interface InitFixture {
  torch: string;
  gains: { nonlinearity: string; param: number | null; gain: number }[];
  fans: { shape: number[]; fanIn: number; fanOut: number }[];
  // biome-ignore lint/suspicious/noExplicitAny: fixture options are plain JSON
  stds: { scheme: string; shape: number[]; options: Record<string, any>; sampleStd: number; bound: number }[];
}

const inits = loadFixture<InitFixture>('init.json');

describe(`init against PyTorch ${inits.torch}`, () => {
  test.each(inits.gains.map((g) => [`${g.nonlinearity} ${g.param ?? ''}`, g] as const))('calculateGain %s', (_, g) => {
    expectClose([init.calculateGain(g.nonlinearity, g.param ?? undefined)], [g.gain], 'float64', 'gain');
  });

  test.each(inits.fans.map((f) => [f.shape.join('x'), f] as const))('fans of %s', (_, f) => {
    expect(init.fans(f.shape)).toEqual({ fanIn: f.fanIn, fanOut: f.fanOut });
  });

  test.each(inits.stds.map((s) => [`${s.scheme} ${s.shape.join('x')}`, s] as const))(
    '%s reaches the same spread as PyTorch',
    (_, s) => {
      const t = zeros(s.shape);
      const generator = new Generator(11);
      const o = s.options;
      if (s.scheme === 'xavierUniform') init.xavierUniform(t, o.gain, { generator });
      else if (s.scheme === 'xavierNormal') init.xavierNormal(t, o.gain, { generator });
      else if (s.scheme === 'kaimingUniform') init.kaimingUniform(t, { ...o, generator });
      else init.kaimingNormal(t, { ...o, generator });
      const std = t.std().item();
      // Both are samples of the same distribution: thousands of draws agree within a few percent.
      expect(Math.abs(std - s.sampleStd) / s.sampleStd).toBeLessThan(0.05);
      if (s.scheme.endsWith('Uniform')) expect(t.abs().max().item()).toBeLessThanOrEqual(s.bound * 1.001);
    },
  );
});
