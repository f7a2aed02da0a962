// Losses with PyTorch's reductions: regression, binary and multi-class.
import { composite, noGrad } from '../autograd.js';
import { full } from '../ops.js';
import { fmtList, sameShape } from '../shape.js';
import type { Tensor } from '../tensor.js';

/** How a loss combines its per-element values. */
export type Reduction = 'mean' | 'sum' | 'none';

function reduce(loss: Tensor, reduction: Reduction, op: string): Tensor {
  if (reduction === 'none') return loss;
  if (reduction === 'sum') return loss.sum();
  if (reduction === 'mean') return loss.mean();
  throw new Error(`${op}: reduction must be 'mean', 'sum' or 'none', got '${String(reduction)}'`);
}

function checkSameShape(input: Tensor, target: Tensor, op: string): void {
  if (!sameShape(input.shape, target.shape)) {
    throw new Error(
      `${op}: input shape ${fmtList(input.shape)} and target shape ${fmtList(target.shape)} must match (no silent broadcasting)`,
    );
  }
}

/** Mean squared error; input and target must have the same shape. */
export function mseLoss(input: Tensor, target: Tensor, options: { reduction?: Reduction } = {}): Tensor {
  checkSameShape(input, target, 'mseLoss');
  const d = input.sub(target);
  return composite('mseLoss', [input, target], reduce(d.mul(d), options.reduction ?? 'mean', 'mseLoss'));
}

/** Mean absolute error; input and target must have the same shape. */
export function l1Loss(input: Tensor, target: Tensor, options: { reduction?: Reduction } = {}): Tensor {
  checkSameShape(input, target, 'l1Loss');
  return composite('l1Loss', [input, target], reduce(input.sub(target).abs(), options.reduction ?? 'mean', 'l1Loss'));
}

/** Binary cross-entropy on probabilities in [0, 1]; the logs are clamped at -100 as in PyTorch. */
export function binaryCrossEntropy(
  input: Tensor,
  target: Tensor,
  options: { weight?: Tensor; reduction?: Reduction } = {},
): Tensor {
  checkSameShape(input, target, 'binaryCrossEntropy');
  const bad = noGrad(() => input.lt(0).add(input.gt(1)).sum().item());
  if (bad > 0) throw new Error('binaryCrossEntropy: all elements of input should be between 0 and 1');
  const logP = input.log().clamp(-100);
  const log1mP = input.neg().add(1).log().clamp(-100);
  let loss = target.mul(logP).add(target.neg().add(1).mul(log1mP)).neg();
  if (options.weight) loss = loss.mul(options.weight);
  return composite(
    'binaryCrossEntropy',
    [input, target],
    reduce(loss, options.reduction ?? 'mean', 'binaryCrossEntropy'),
  );
}

/** Sigmoid + binary cross-entropy in one numerically stable expression (PyTorch's formula). */
export function bceWithLogits(
  input: Tensor,
  target: Tensor,
  options: { weight?: Tensor; posWeight?: Tensor; reduction?: Reduction } = {},
): Tensor {
  checkSameShape(input, target, 'bceWithLogits');
  const maxVal = input.neg().clamp(0);
  const logTerm = maxVal.neg().exp().add(input.neg().sub(maxVal).exp()).log();
  let loss: Tensor;
  if (options.posWeight) {
    const logWeight = options.posWeight.sub(1).mul(target).add(1);
    loss = target
      .neg()
      .add(1)
      .mul(input)
      .add(logWeight.mul(logTerm.add(maxVal)));
  } else {
    loss = target.neg().add(1).mul(input).add(maxVal).add(logTerm);
  }
  if (options.weight) loss = loss.mul(options.weight);
  return composite('bceWithLogits', [input, target], reduce(loss, options.reduction ?? 'mean', 'bceWithLogits'));
}

/** Options of nllLoss and crossEntropy. */
export interface ClassLossOptions {
  /** A weight per class (shape [C]). */
  weight?: Tensor;
  /** Targets equal to this class index are skipped (default -100). */
  ignoreIndex?: number;
  reduction?: Reduction;
}

/**
 * Negative log-likelihood of class indices: input (N, C) or (N, C, d1, ...) of log-probabilities,
 * target int32 (N) or (N, d1, ...). 'mean' divides by the summed weights of the counted targets.
 */
export function nllLoss(input: Tensor, target: Tensor, options: ClassLossOptions = {}): Tensor {
  const { ignoreIndex = -100, reduction = 'mean' } = options;
  if (target.dtype !== 'int32') {
    throw new Error(`nllLoss: target must hold class indices as int32, got dtype ${target.dtype}`);
  }
  const unbatched = input.ndim === 1;
  const x = unbatched ? input.unsqueeze(0) : input;
  const t = unbatched ? target.unsqueeze(0) : target;
  if (x.ndim < 2) throw new Error(`nllLoss: expected input of shape (N, C) or (C), got ${fmtList(input.shape)}`);
  const C = x.shape[1];
  const expectedTarget = [x.shape[0], ...x.shape.slice(2)];
  if (!sameShape(t.shape, expectedTarget)) {
    throw new Error(
      `nllLoss: target shape ${fmtList(target.shape)} does not match input shape ${fmtList(input.shape)} (expected ${fmtList(unbatched ? [] : expectedTarget)})`,
    );
  }
  if (options.weight && !sameShape(options.weight.shape, [C])) {
    throw new Error(`nllLoss: weight must have shape [${C}], got ${fmtList(options.weight.shape)}`);
  }
  // Classes last, then one row per sample: (M, C).
  const order = [0, ...Array.from({ length: x.ndim - 2 }, (_, i) => i + 2), 1];
  const rows = x.permute(order).reshape(-1, C);
  const labels = t.contiguous().toFlatArray();
  const classWeight = options.weight ? options.weight.toFlatArray() : null;
  const pick = full([labels.length, C], 0, x.dtype);
  labels.forEach((label, i) => {
    if (label === ignoreIndex) return;
    if (label < 0 || label >= C) {
      throw new RangeError(`nllLoss: target ${label} is out of bounds for ${C} classes (at sample ${i})`);
    }
    pick.data[i * C + label] = classWeight ? classWeight[label] : 1;
  });
  const perSample = rows.mul(pick).sum(1).neg();
  let out: Tensor;
  if (reduction === 'none') out = perSample.reshape(unbatched ? [] : expectedTarget);
  else if (reduction === 'sum') out = perSample.sum();
  else if (reduction === 'mean') out = perSample.sum().div(pick.sum());
  else throw new Error(`nllLoss: reduction must be 'mean', 'sum' or 'none', got '${String(reduction)}'`);
  return composite('nllLoss', [input], out);
}

/**
 * Cross-entropy of logits: input (N, C) or (N, C, d1, ...), target int32 class indices
 * (N) or (N, d1, ...), or float class probabilities of the input's shape.
 */
export function crossEntropy(input: Tensor, target: Tensor, options: ClassLossOptions = {}): Tensor {
  const logp = input.logSoftmax(input.ndim === 1 ? 0 : 1);
  if (target.dtype === 'int32') return composite('crossEntropy', [input], nllLoss(logp, target, options));
  if (!sameShape(input.shape, target.shape)) {
    throw new Error(
      `crossEntropy: target must hold int32 class indices or float class probabilities of the input's shape ${fmtList(input.shape)}; got ${target.dtype} of shape ${fmtList(target.shape)}`,
    );
  }
  const classDim = input.ndim === 1 ? 0 : 1;
  let weighted = logp.mul(target);
  if (options.weight) {
    const shape = input.shape.map((s, i) => (i === classDim ? s : 1));
    weighted = weighted.mul(options.weight.reshape(shape));
  }
  const perSample = weighted.sum(classDim).neg();
  const reduction = options.reduction ?? 'mean';
  return composite('crossEntropy', [input, target], reduce(perSample, reduction, 'crossEntropy'));
}
