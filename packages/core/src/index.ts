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
/** Functional layers and losses (PyTorch's torch.nn.functional). */
export * as F from './functional/index.js';
export { GradcheckError, type GradcheckOptions, type GradcheckReport, gradcheck } from './gradcheck.js';
export { exportGraph, type GraphExport, type GraphNode } from './graph.js';
/** Parameter initialisation schemes (torch.nn.init), fans and target variances. */
export * as init from './init.js';
/** Modules and layers (torch.nn), `summary` and `receptiveField`. */
export * as nn from './nn/index.js';
export { stack } from './ops.js';
/** Optimizers (torch.optim) and `lrScheduler.StepLR`. */
export * as optim from './optim.js';
/** A pool of worker threads for large matrix products (Node worker_threads, browser Web Workers). */
export {
  createWorkerPool,
  DEFAULT_PARALLEL_THRESHOLD,
  type PoolTransport,
  type WorkerPool,
  type WorkerPoolOptions,
} from './parallel/index.js';
export { cat, where } from './primitives.js';
export { defaultGenerator, Generator, manualSeed } from './random.js';
export { type IndexSpec, type NestedArray, Tensor, type TensorLike } from './tensor.js';

/** The package version. */
export const version = '0.1.0';
