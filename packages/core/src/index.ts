/**
 * @i2dl/core — tensors with reverse-mode autograd, nn layers, optimizers and init schemes,
 * with PyTorch's names in camelCase.
 */
export { isGradEnabled, noGrad } from './autograd.js';
export {
  arange,
  eye,
  full,
  linspace,
  ones,
  onesLike,
  type RandomOptions,
  rand,
  randint,
  randn,
  type TensorOptions,
  tensor,
  zeros,
  zerosLike,
} from './creation.js';
export type { DType } from './dtype.js';
export { exportGraph, type GraphExport, type GraphNode } from './graph.js';
export { stack } from './ops.js';
export { cat, where } from './primitives.js';
export { defaultGenerator, Generator, manualSeed } from './random.js';
export { type IndexSpec, type NestedArray, Tensor, type TensorLike } from './tensor.js';

/** The package version. */
export const version = '0.1.0';
