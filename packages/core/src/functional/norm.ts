// Batch normalisation (functional), training and eval.
import { composite, noGrad } from '../autograd.js';
import { fmtList, numel, sameShape } from '../shape.js';
import { Tensor } from '../tensor.js';

/** Batch normalisation over every dim but the channel dim (dim 1), as PyTorch's F.batch_norm. */
export function batchNorm(
  input: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  options: { weight?: Tensor | null; bias?: Tensor | null; training?: boolean; momentum?: number; eps?: number } = {},
): Tensor {
  const { weight, bias, training = false, momentum = 0.1, eps = 1e-5 } = options;
  if (input.ndim < 2)
    throw new Error(`batchNorm: expected at least 2-D input (N, C, ...), got ${fmtList(input.shape)}`);
  const C = input.shape[1];
  const dims = input.shape.map((_, i) => i).filter((i) => i !== 1);
  const bshape = input.shape.map((s, i) => (i === 1 ? s : 1));
  for (const [name, t] of [
    ['runningMean', runningMean],
    ['runningVar', runningVar],
    ['weight', weight],
    ['bias', bias],
  ] as const) {
    if (t && !sameShape(t.shape, [C]))
      throw new Error(`batchNorm: ${name} must have shape [${C}], got ${fmtList(t.shape)}`);
  }
  let mean: Tensor;
  let variance: Tensor;
  if (training) {
    const n = numel(dims.map((d) => input.shape[d]));
    if (n <= 1) {
      throw new Error(
        `batchNorm: expected more than 1 value per channel when training, got input size ${fmtList(input.shape)}`,
      );
    }
    mean = input.mean(dims, true);
    variance = input.var(dims, { unbiased: false, keepdim: true });
    noGrad(() => {
      if (runningMean) runningMean.copy_(runningMean.mul(1 - momentum).add(mean.reshape(C).mul(momentum)));
      if (runningVar)
        runningVar.copy_(runningVar.mul(1 - momentum).add(variance.reshape(C).mul((momentum * n) / (n - 1))));
    });
  } else {
    if (!runningMean || !runningVar) throw new Error('batchNorm: running_mean and running_var are needed in eval mode');
    mean = runningMean.reshape(bshape);
    variance = runningVar.reshape(bshape);
  }
  let out = input.sub(mean).div(variance.add(eps).sqrt());
  if (weight) out = out.mul(weight.reshape(bshape));
  if (bias) out = out.add(bias.reshape(bshape));
  const inputs = [input, weight, bias].filter((t): t is Tensor => t instanceof Tensor);
  return composite('batchNorm', inputs, out);
}
