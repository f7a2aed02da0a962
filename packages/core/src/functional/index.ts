// F: functional layers and losses (PyTorch's torch.nn.functional), composed from the primitives
// so their gradients come for free.
export * from './activations.js';
export * from './conv.js';
export * from './losses.js';
export * from './norm.js';
export * from './resample.js';
export type { Pair } from './util.js';
