/**
 * The activation functions exams plot, by name, with their derivatives, so a serialisable
 * chart spec (JSON from a solver) can ask for `'tanh'` instead of passing a function.
 */
export type ActivationName = 'tanh' | 'sigmoid' | 'relu' | 'leaky-relu' | 'elu' | 'softplus' | 'silu' | 'identity';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Each activation and its derivative (the kink of ReLU-like functions takes the right-hand value). */
export const ACTIVATIONS: Record<
  ActivationName,
  { label: string; f: (x: number) => number; df: (x: number) => number }
> = {
  tanh: { label: 'tanh', f: Math.tanh, df: (x) => 1 - Math.tanh(x) ** 2 },
  sigmoid: { label: 'σ', f: sigmoid, df: (x) => sigmoid(x) * (1 - sigmoid(x)) },
  relu: { label: 'ReLU', f: (x) => Math.max(0, x), df: (x) => (x >= 0 ? 1 : 0) },
  'leaky-relu': { label: 'LeakyReLU', f: (x) => (x >= 0 ? x : 0.01 * x), df: (x) => (x >= 0 ? 1 : 0.01) },
  elu: { label: 'ELU', f: (x) => (x >= 0 ? x : Math.exp(x) - 1), df: (x) => (x >= 0 ? 1 : Math.exp(x)) },
  softplus: { label: 'softplus', f: (x) => Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0), df: sigmoid },
  silu: { label: 'SiLU', f: (x) => x * sigmoid(x), df: (x) => sigmoid(x) * (1 + x * (1 - sigmoid(x))) },
  identity: { label: 'identity', f: (x) => x, df: () => 1 },
};

export const ACTIVATION_NAMES = Object.keys(ACTIVATIONS) as ActivationName[];
