// Every op, loss and functional layer against PyTorch 1.13 (fixtures from scripts/make-fixtures.py).
import { describe, test } from 'vitest';
import { cat, type DType, F, stack, Tensor, where } from '../src/index.js';
import { decode, type Encoded, expectClose, loadFixture, type Num, toTensor } from './golden.js';

interface OpCase {
  name: string;
  op: string;
  dtype: DType;
  args: Record<string, unknown>;
  inputs: Encoded[];
  output: Encoded;
  upstream?: Num[];
  grads?: (Num[] | null)[];
}

// biome-ignore lint/suspicious/noExplicitAny: fixture arguments are plain JSON
type Args = Record<string, any>;
type Method = (...args: unknown[]) => Tensor;
const call = (t: Tensor, name: string, ...args: unknown[]) =>
  (t[name as keyof Tensor] as unknown as Method).call(t, ...args);
const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/** The same table as OPS in scripts/make-fixtures.py. */
const OPS: Record<string, (x: Tensor[], a: Args) => Tensor> = {
  unary: (x, a) => call(x[0], a.fn),
  leakyRelu: (x, a) => x[0].leakyRelu(a.slope),
  clamp: (x, a) => x[0].clamp(a.min, a.max),
  softmax: (x, a) => x[0].softmax(a.dim),
  logSoftmax: (x, a) => x[0].logSoftmax(a.dim),
  binary: (x, a) => call(x[0], a.fn, x[1]),
  binaryScalar: (x, a) => call(x[0], a.fn, a.scalar),
  where: (x) => where(x[0], x[1], x[2]),
  sum: (x, a) => x[0].sum(a.dim, a.keepdim),
  mean: (x, a) => x[0].mean(a.dim, a.keepdim),
  var: (x, a) => x[0].var(a.dim, { unbiased: a.unbiased, keepdim: a.keepdim }),
  std: (x, a) => x[0].std(a.dim, { unbiased: a.unbiased, keepdim: a.keepdim }),
  max: (x, a) => x[0].max(a.dim, a.keepdim),
  min: (x, a) => x[0].min(a.dim, a.keepdim),
  argmax: (x, a) => x[0].argmax(a.dim, a.keepdim),
  argmin: (x, a) => x[0].argmin(a.dim, a.keepdim),
  reshape: (x, a) => x[0].reshape(a.shape),
  transpose: (x, a) => x[0].transpose(a.dim0, a.dim1),
  permute: (x, a) => x[0].permute(a.dims),
  expand: (x, a) => x[0].expand(a.shape),
  slice: (x, a) => x[0].slice(a.dim, opt(a.start), opt(a.end), a.step ?? 1),
  select: (x, a) => x[0].select(a.dim, a.index),
  cat: (x, a) => cat(x, a.dim),
  stack: (x, a) => stack(x, a.dim),
  squeeze: (x, a) => x[0].squeeze(opt(a.dim)),
  unsqueeze: (x, a) => x[0].unsqueeze(a.dim),
  flatten: (x, a) => x[0].flatten(a.start ?? 0, a.end ?? -1),
  transposeThenReshape: (x) => x[0].transpose(0, 1).reshape(-1),
  matmul: (x) => x[0].matmul(x[1]),
  linear: (x) => F.linear(x[0], x[1], x[2]),
  mseLoss: (x, a) => F.mseLoss(x[0], x[1], { reduction: a.reduction }),
  l1Loss: (x, a) => F.l1Loss(x[0], x[1], { reduction: a.reduction }),
  binaryCrossEntropy: (x, a) => F.binaryCrossEntropy(x[0], x[1], { weight: x[2], reduction: a.reduction }),
  bceWithLogits: (x, a) =>
    F.bceWithLogits(x[0], x[1], {
      weight: a.weight ? x[2] : undefined,
      posWeight: a.posWeight ? x[x.length - 1] : undefined,
      reduction: a.reduction,
    }),
  crossEntropy: (x, a) =>
    F.crossEntropy(x[0], x[1], { weight: x[2], ignoreIndex: a.ignoreIndex, reduction: a.reduction }),
  nllLoss: (x, a) => F.nllLoss(x[0], x[1], { weight: x[2], ignoreIndex: a.ignoreIndex, reduction: a.reduction }),
  conv2d: (x, a) =>
    F.conv2d(x[0], x[1], x[2], { stride: a.stride, padding: a.padding, dilation: a.dilation, groups: a.groups }),
  convTranspose2d: (x, a) =>
    F.convTranspose2d(x[0], x[1], x[2], {
      stride: a.stride,
      padding: a.padding,
      outputPadding: a.outputPadding,
      dilation: a.dilation,
      groups: a.groups,
    }),
  maxPool2d: (x, a) => F.maxPool2d(x[0], a.kernel, { stride: opt(a.stride), padding: a.padding, dilation: a.dilation }),
  avgPool2d: (x, a) =>
    F.avgPool2d(x[0], a.kernel, {
      stride: opt(a.stride),
      padding: a.padding,
      countIncludePad: a.countIncludePad,
      divisorOverride: a.divisorOverride,
    }),
  interpolate: (x, a) =>
    F.interpolate(x[0], { size: a.size, scaleFactor: a.scaleFactor, mode: a.mode, alignCorners: a.alignCorners }),
  pad: (x, a) => F.pad(x[0], a.padding, a.value),
  batchNorm: (x, a) => {
    const [input, weight, bias, runningMean, runningVar] = x;
    const out = F.batchNorm(input, runningMean, runningVar, {
      weight,
      bias,
      training: a.training,
      momentum: a.momentum,
      eps: a.eps,
    });
    return cat([out.reshape(-1), runningMean.clone(), runningVar.clone()]);
  },
};

const fixture = loadFixture<{ torch: string; cases: OpCase[] }>('ops.json');

describe(`ops against PyTorch ${fixture.torch}`, () => {
  test.each(fixture.cases.map((c) => [`${c.op}: ${c.name} (${c.dtype})`, c] as const))('%s', (_, c) => {
    const inputs = c.inputs.map((e) => toTensor(e, c.dtype));
    const fn = OPS[c.op];
    if (!fn) throw new Error(`no TypeScript op for fixture op '${c.op}'`);
    const out = fn(inputs, c.args);
    expectClose(out.shape, c.output.shape, 'int32', 'output shape');
    expectClose(out.toFlatArray(), decode(c.output.data), out.dtype, 'output');
    if (!c.upstream || !c.grads) return;
    out.backward(Tensor.fromStorage(Float64Array.from(decode(c.upstream)), out.shape).toDtype(out.dtype));
    c.grads.forEach((g, i) => {
      if (g === null) return;
      const actual = inputs[i].grad;
      if (!actual) throw new Error(`input ${i} got no gradient`);
      expectClose(actual.toFlatArray(), decode(g), inputs[i].dtype, `gradient of input ${i}`);
    });
  });
});
