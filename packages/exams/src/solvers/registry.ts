/**
 * Every solver by name. Each entry is a dynamic import, so bundlers split every solver into
 * its own chunk and a page loads only the solvers its questions use.
 * To add a solver: write `src/solvers/<name>.ts` with a default-exported `SolverDefinition`
 * and add one line here, keeping the names in alphabetical order.
 */
import type { SolverDefinition } from './types.js';

/** A solver module: its default export is the definition. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds solvers of every parameter type.
export type SolverModule = { default: SolverDefinition<any> };

/** name → loader. */
export const solverLoaders: Record<string, () => Promise<SolverModule>> = {
  activation: () => import('./activation.js'),
  batchnorm: () => import('./batchnorm.js'),
  'confusion-metrics': () => import('./confusion-metrics.js'),
  'conv-identity': () => import('./conv-identity.js'),
  'conv-missing-param': () => import('./conv-missing-param.js'),
  'conv-input-gradient': () => import('./conv-input-gradient.js'),
  'conv-output': () => import('./conv-output.js'),
  'digit-sums': () => import('./digit-sums.js'),
  'init-variance': () => import('./init-variance.js'),
  'layer-stack': () => import('./layer-stack.js'),
  'lstm-backprop': () => import('./lstm-backprop.js'),
  'linear-backprop': () => import('./linear-backprop.js'),
  'lstm-cell': () => import('./lstm-cell.js'),
  mlp: () => import('./mlp.js'),
  'optimizer-steps': () => import('./optimizer-steps.js'),
  'param-count': () => import('./param-count.js'),
  'rnn-unroll': () => import('./rnn-unroll.js'),
  'weight-decay': () => import('./weight-decay.js'),
  'residual-gradient': () => import('./residual-gradient.js'),
};
