// Activations, the linear layer and dropout.
import { composite } from '../autograd.js';
import { full } from '../ops.js';
import { defaultGenerator, type Generator } from '../random.js';
import { fmtList } from '../shape.js';
import type { Tensor } from '../tensor.js';

/** max(x, 0). */
export function relu(x: Tensor): Tensor {
  return x.relu();
}
/** x for x > 0, else negativeSlope·x. */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  return x.leakyRelu(negativeSlope);
}
/** 1 / (1 + e^-x). */
export function sigmoid(x: Tensor): Tensor {
  return x.sigmoid();
}
/** Hyperbolic tangent. */
export function tanh(x: Tensor): Tensor {
  return x.tanh();
}
/** exp(x) normalised along `dim` (shifted by the max for stability). */
export function softmax(x: Tensor, dim: number): Tensor {
  return x.softmax(dim);
}
/** log(softmax(x)) computed stably. */
export function logSoftmax(x: Tensor, dim: number): Tensor {
  return x.logSoftmax(dim);
}

/** x·Wᵀ + b, with W of shape (out, in), as nn.Linear. */
export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  if (x.shape[x.ndim - 1] !== weight.shape[1]) {
    throw new Error(
      `linear: input has ${x.shape[x.ndim - 1]} features (shape ${fmtList(x.shape)}) but the weight expects ${weight.shape[1]} (weight shape ${fmtList(weight.shape)})`,
    );
  }
  const y = x.matmul(weight.t());
  return composite('linear', bias ? [x, weight, bias] : [x, weight], bias ? y.add(bias) : y);
}

/**
 * Zeroes elements with probability `p` and scales the rest by 1/(1-p) while training; the
 * identity in eval mode. Seeded through `generator` (the default generator when omitted).
 */
export function dropout(x: Tensor, p = 0.5, training = true, options: { generator?: Generator } = {}): Tensor {
  if (!(p >= 0 && p <= 1)) throw new Error(`dropout: probability has to be between 0 and 1, but got ${p}`);
  if (!training || p === 0) return x;
  const g = options.generator ?? defaultGenerator;
  const mask = full(x.shape, 0, x.dtype);
  const m = mask.data;
  const scale = p === 1 ? 0 : 1 / (1 - p);
  for (let i = 0; i < m.length; i++) m[i] = g.random() < p ? 0 : scale;
  return composite('dropout', [x], x.mul(mask));
}
