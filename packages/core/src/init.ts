// Parameter initialisation (PyTorch's torch.nn.init in camelCase), in place and seeded, plus
// the fans, gains and target variances exam questions ask about.
import { noGrad } from './autograd.js';
import { allocStorage } from './dtype.js';
import { defaultGenerator, type Generator } from './random.js';
import { fmtList, numel } from './shape.js';
import { Tensor } from './tensor.js';

/** Nonlinearities known to `calculateGain` (PyTorch's snake_case names are accepted too). */
export type Nonlinearity =
  | 'linear'
  | 'identity'
  | 'conv1d'
  | 'conv2d'
  | 'conv3d'
  | 'convTranspose1d'
  | 'convTranspose2d'
  | 'convTranspose3d'
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'leakyRelu'
  | 'selu';

/** Whether fans count inputs or outputs. */
export type FanMode = 'fanIn' | 'fanOut';

/** Options of the random init functions. */
export interface InitOptions {
  generator?: Generator;
}

/** Options of the Kaiming (He) schemes. */
export interface KaimingOptions extends InitOptions {
  /** Negative slope of the leaky ReLU that follows (only with 'leakyRelu'); default 0. */
  a?: number;
  mode?: FanMode;
  nonlinearity?: Nonlinearity;
}

function canonical(name: string): string {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()).replace(/Transpose(\d)d$/, 'Transpose$1d');
}

/**
 * The recommended gain for a nonlinearity: 1 for linear/conv/sigmoid, 5/3 for tanh, √2 for
 * ReLU, √(2 / (1 + slope²)) for leaky ReLU (slope defaults to 0.01), 3/4 for SELU.
 */
export function calculateGain(nonlinearity: Nonlinearity | string, param?: number): number {
  const n = canonical(nonlinearity);
  switch (n) {
    case 'linear':
    case 'identity':
    case 'conv1d':
    case 'conv2d':
    case 'conv3d':
    case 'convTranspose1d':
    case 'convTranspose2d':
    case 'convTranspose3d':
    case 'sigmoid':
      return 1;
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leakyRelu': {
      const slope = param ?? 0.01;
      if (!Number.isFinite(slope)) throw new Error(`calculateGain: negative slope ${param} is not a valid number`);
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'selu':
      return 3 / 4;
    default:
      throw new Error(`calculateGain: unsupported nonlinearity '${nonlinearity}'`);
  }
}

/**
 * Fan-in and fan-out of a weight of this shape: dim 1 and dim 0 times the receptive field
 * (the product of the remaining dims), as PyTorch computes them.
 */
export function fans(weight: Tensor | readonly number[]): { fanIn: number; fanOut: number } {
  const shape = Array.isArray(weight) ? (weight as readonly number[]) : (weight as Tensor).shape;
  if (shape.length < 2) {
    throw new Error(
      `fans: fan in and fan out can not be computed for a tensor with fewer than 2 dimensions (shape ${fmtList(shape)})`,
    );
  }
  const receptive = numel(shape.slice(2));
  return { fanIn: shape[1] * receptive, fanOut: shape[0] * receptive };
}

/** What an init scheme aims for on a weight of a given shape. */
export interface SchemeStats {
  fanIn: number;
  fanOut: number;
  gain: number;
  /** Standard deviation of the initial weights. */
  std: number;
  /** Target variance std² (e.g. 2 / fanIn for Kaiming with ReLU). */
  variance: number;
  /** Bound b of U(-b, b) for the uniform variants (√3·std). */
  bound: number;
}

/**
 * The statistics an init scheme targets for a weight shape: Xavier std = gain·√(2 / (fanIn + fanOut)),
 * Kaiming std = gain / √fan.
 *
 * @example
 * init.describe('kaiming', [256, 128], { nonlinearity: 'relu' }).variance; // 2 / 128
 */
export function describe(
  scheme: 'xavier' | 'kaiming',
  weight: Tensor | readonly number[],
  options: { gain?: number; a?: number; mode?: FanMode; nonlinearity?: Nonlinearity } = {},
): SchemeStats {
  const { fanIn, fanOut } = fans(weight);
  let gain: number;
  let std: number;
  if (scheme === 'xavier') {
    gain = options.gain ?? 1;
    std = gain * Math.sqrt(2 / (fanIn + fanOut));
  } else if (scheme === 'kaiming') {
    const mode = options.mode ?? 'fanIn';
    if (mode !== 'fanIn' && mode !== 'fanOut')
      throw new Error(`kaiming: mode must be 'fanIn' or 'fanOut', got '${mode}'`);
    gain = calculateGain(options.nonlinearity ?? 'leakyRelu', options.a ?? 0);
    const fan = mode === 'fanIn' ? fanIn : fanOut;
    if (fan === 0) throw new Error('kaiming: cannot initialise a tensor with zero fan');
    std = gain / Math.sqrt(fan);
  } else throw new Error(`describe: unknown scheme '${String(scheme)}'`);
  return { fanIn, fanOut, gain, std, variance: std * std, bound: Math.sqrt(3) * std };
}

function fill(t: Tensor, draw: () => number): Tensor {
  const values = allocStorage(t.dtype, t.numel());
  for (let i = 0; i < values.length; i++) values[i] = draw();
  noGrad(() => t.copy_(Tensor.fromStorage(values, t.shape)));
  return t;
}

/** Fills with U(a, b), in place. */
export function uniform(t: Tensor, a = 0, b = 1, options: InitOptions = {}): Tensor {
  const g = options.generator ?? defaultGenerator;
  return fill(t, () => a + (b - a) * g.random());
}

/** Fills with N(mean, std²), in place. */
export function normal(t: Tensor, mean = 0, std = 1, options: InitOptions = {}): Tensor {
  const g = options.generator ?? defaultGenerator;
  return fill(t, () => g.normal(mean, std));
}

/** Fills with `value`, in place. */
export function constant(t: Tensor, value: number): Tensor {
  return fill(t, () => value);
}

/** Fills with 0, in place. */
export function zeros(t: Tensor): Tensor {
  return constant(t, 0);
}

/** Fills with 1, in place. */
export function ones(t: Tensor): Tensor {
  return constant(t, 1);
}

/** Glorot/Xavier uniform: U(-b, b) with b = gain·√(6 / (fanIn + fanOut)). */
export function xavierUniform(t: Tensor, gain = 1, options: InitOptions = {}): Tensor {
  const { bound } = describe('xavier', t, { gain });
  return uniform(t, -bound, bound, options);
}

/** Glorot/Xavier normal: N(0, gain²·2 / (fanIn + fanOut)). */
export function xavierNormal(t: Tensor, gain = 1, options: InitOptions = {}): Tensor {
  return normal(t, 0, describe('xavier', t, { gain }).std, options);
}

/** He/Kaiming uniform: U(-b, b) with b = gain·√(3 / fan). */
export function kaimingUniform(t: Tensor, options: KaimingOptions = {}): Tensor {
  const { bound } = describe('kaiming', t, options);
  return uniform(t, -bound, bound, options);
}

/** He/Kaiming normal: N(0, gain² / fan). */
export function kaimingNormal(t: Tensor, options: KaimingOptions = {}): Tensor {
  return normal(t, 0, describe('kaiming', t, options).std, options);
}
