// Optimizers (SGD, RMSprop, Adam, AdamW) following PyTorch 1.13's update rules operation by
// operation, and the StepLR scheduler.
import { bumpVersion } from './autograd.js';
import { allocStorage, type Storage } from './dtype.js';
import { readContiguous, writeInto } from './primitives.js';
import { Tensor } from './tensor.js';

/** A group of parameters sharing hyper-parameters. */
export type ParamGroup<O> = O & { params: Tensor[] };

/** Either a list of parameters or groups with their own options (missing options use the defaults). */
export type ParamsArg<O> = Tensor[] | (Partial<O> & { params: Tensor[] })[];

/** The base of every optimizer: parameter groups, per-parameter state, `zeroGrad` and `step`. */
export abstract class Optimizer<O extends { lr: number }> {
  readonly paramGroups: ParamGroup<O>[];
  /** Per-parameter buffers (momentum, averages) and step counts. */
  protected readonly state = new Map<Tensor, { step: number; buffers: Record<string, Storage> }>();

  constructor(params: ParamsArg<O>, defaults: O, name: string) {
    if (!Array.isArray(params) || params.length === 0) throw new Error(`${name}: got an empty parameter list`);
    const groups =
      params[0] instanceof Tensor
        ? [{ params: params as Tensor[] }]
        : (params as (Partial<O> & { params: Tensor[] })[]);
    this.paramGroups = groups.map((g) => {
      for (const p of g.params) {
        if (!(p instanceof Tensor)) throw new TypeError(`${name}: params must be Tensors`);
        if (!p.isLeaf) throw new Error(`${name}: can't optimize a non-leaf Tensor`);
      }
      return { ...defaults, ...g } as ParamGroup<O>;
    });
    for (const g of this.paramGroups) {
      if (!(g.lr >= 0)) throw new Error(`${name}: invalid learning rate: ${g.lr}`);
    }
  }

  /** Clears the gradients of every parameter (sets them to null). */
  zeroGrad(): void {
    for (const g of this.paramGroups) for (const p of g.params) p.grad = null;
  }

  /** One update of every parameter that has a gradient. */
  step(): void {
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        if (!p.grad) continue;
        let st = this.state.get(p);
        if (!st) {
          st = { step: 0, buffers: {} };
          this.state.set(p, st);
        }
        st.step += 1;
        const contiguous = p.isContiguous();
        const values = contiguous
          ? (p.data.subarray(p.offset, p.offset + p.numel()) as Storage)
          : readContiguous(p).slice();
        const grad = readContiguous(p.grad.toDtype(p.dtype));
        const buffer = (name: string) => {
          st.buffers[name] ??= allocStorage(p.dtype, values.length);
          return st.buffers[name];
        };
        this.update(values, grad, group, st.step, buffer, st.buffers);
        if (!contiguous) writeInto(p, Tensor.fromStorage(values, p.shape));
        bumpVersion(p.data);
      }
    }
  }

  /** Updates one parameter in place. */
  protected abstract update(
    param: Storage,
    grad: Storage,
    group: O,
    step: number,
    buffer: (name: string) => Storage,
    existing: Record<string, Storage>,
  ): void;
}

/** Options of SGD. */
export interface SGDOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  weightDecay?: number;
}

/**
 * Stochastic gradient descent with optional momentum (buf = μ·buf + (1 − dampening)·g, the first
 * buf being g itself), Nesterov momentum and L2 weight decay, as torch.optim.SGD.
 */
export class SGD extends Optimizer<SGDOptions> {
  constructor(params: ParamsArg<SGDOptions>, options: SGDOptions) {
    super(params, { momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, ...options }, 'SGD');
    for (const g of this.paramGroups) {
      if (g.nesterov && (!g.momentum || g.dampening))
        throw new Error('SGD: Nesterov momentum requires a momentum and zero dampening');
    }
  }
  protected update(
    p: Storage,
    g: Storage,
    o: SGDOptions,
    _step: number,
    buffer: (n: string) => Storage,
    existing: Record<string, Storage>,
  ) {
    const { lr, momentum = 0, dampening = 0, nesterov = false, weightDecay = 0 } = o;
    const first = !existing.momentum;
    const buf = momentum !== 0 ? buffer('momentum') : null;
    for (let i = 0; i < p.length; i++) {
      let d = g[i];
      if (weightDecay !== 0) d = d + weightDecay * p[i];
      if (buf) {
        buf[i] = first ? d : buf[i] * momentum + (1 - dampening) * d;
        d = nesterov ? d + momentum * buf[i] : buf[i];
      }
      p[i] = p[i] + -lr * d;
    }
  }
}

/** Options of RMSprop. */
export interface RMSpropOptions {
  lr: number;
  alpha?: number;
  eps?: number;
  weightDecay?: number;
  momentum?: number;
  centered?: boolean;
}

/** RMSprop: s = α·s + (1 − α)·g², θ −= lr·g / (√s + ε) (PyTorch's defaults lr 0.01, α 0.99, ε 1e-8). */
export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(params: ParamsArg<RMSpropOptions>, options: Partial<RMSpropOptions> = {}) {
    super(
      params,
      { lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, ...options },
      'RMSprop',
    );
  }
  protected update(p: Storage, g: Storage, o: RMSpropOptions, _step: number, buffer: (n: string) => Storage) {
    const { lr, alpha = 0.99, eps = 1e-8, weightDecay = 0, momentum = 0, centered = false } = o;
    const sq = buffer('squareAvg');
    const gAvg = centered ? buffer('gradAvg') : null;
    const buf = momentum > 0 ? buffer('momentum') : null;
    for (let i = 0; i < p.length; i++) {
      const gi = weightDecay !== 0 ? g[i] + weightDecay * p[i] : g[i];
      sq[i] = sq[i] * alpha + (1 - alpha) * gi * gi;
      let avg: number;
      if (gAvg) {
        gAvg[i] = gAvg[i] * alpha + (1 - alpha) * gi;
        avg = Math.sqrt(sq[i] + -1 * gAvg[i] * gAvg[i]);
      } else avg = Math.sqrt(sq[i]);
      avg = avg + eps;
      if (buf) {
        buf[i] = buf[i] * momentum + gi / avg;
        p[i] = p[i] + -lr * buf[i];
      } else p[i] = p[i] + -lr * (gi / avg);
    }
  }
}

/** Options of Adam and AdamW. */
export interface AdamOptions {
  lr: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  amsgrad?: boolean;
}

function adamUpdate(p: Storage, g: Storage, o: AdamOptions, step: number, buffer: (n: string) => Storage, l2: number) {
  const { lr, betas = [0.9, 0.999], eps = 1e-8, amsgrad = false } = o;
  const [b1, b2] = betas;
  const m = buffer('expAvg');
  const v = buffer('expAvgSq');
  const vMax = amsgrad ? buffer('maxExpAvgSq') : null;
  const bc1 = 1 - b1 ** step;
  const bc2Sqrt = Math.sqrt(1 - b2 ** step);
  const stepSize = lr / bc1;
  for (let i = 0; i < p.length; i++) {
    const gi = l2 !== 0 ? g[i] + l2 * p[i] : g[i];
    m[i] = m[i] * b1 + (1 - b1) * gi;
    v[i] = v[i] * b2 + (1 - b2) * gi * gi;
    let second = v[i];
    if (vMax) {
      vMax[i] = Math.max(vMax[i], v[i]);
      second = vMax[i];
    }
    const denom = Math.sqrt(second) / bc2Sqrt + eps;
    p[i] = p[i] + -stepSize * (m[i] / denom);
  }
}

/** Adam with bias correction, L2 weight decay added to the gradient, optional AMSGrad (lr 1e-3, betas 0.9/0.999). */
export class Adam extends Optimizer<AdamOptions> {
  constructor(params: ParamsArg<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, ...options }, 'Adam');
  }
  protected update(p: Storage, g: Storage, o: AdamOptions, step: number, buffer: (n: string) => Storage) {
    adamUpdate(p, g, o, step, buffer, o.weightDecay ?? 0);
  }
}

/** AdamW: decoupled weight decay θ ← θ·(1 − lr·λ) before the Adam step (default λ = 0.01). */
export class AdamW extends Optimizer<AdamOptions> {
  constructor(params: ParamsArg<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 1e-2, amsgrad: false, ...options }, 'AdamW');
  }
  protected update(p: Storage, g: Storage, o: AdamOptions, step: number, buffer: (n: string) => Storage) {
    const decay = 1 - o.lr * (o.weightDecay ?? 0);
    for (let i = 0; i < p.length; i++) p[i] = p[i] * decay;
    adamUpdate(p, g, o, step, buffer, 0);
  }
}

/** Multiplies every group's learning rate by `gamma` once every `stepSize` calls of `step()`. */
export class StepLR {
  /** Number of `step()` calls so far (PyTorch's last_epoch). */
  lastEpoch = 0;
  readonly baseLrs: number[];
  constructor(
    readonly optimizer: Optimizer<{ lr: number }>,
    readonly options: { stepSize: number; gamma?: number },
  ) {
    if (!Number.isInteger(options.stepSize) || options.stepSize < 1) {
      throw new Error(`StepLR: stepSize must be a positive integer, got ${options.stepSize}`);
    }
    this.baseLrs = optimizer.paramGroups.map((g) => g.lr);
  }
  /** Advances one epoch, decaying the learning rates when the epoch is a multiple of stepSize. */
  step(): void {
    this.lastEpoch += 1;
    if (this.lastEpoch % this.options.stepSize === 0) {
      for (const g of this.optimizer.paramGroups) g.lr = g.lr * (this.options.gamma ?? 0.1);
    }
  }
  /** The current learning rate of each group. */
  getLastLr(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }
}

/** Learning-rate schedulers. */
export const lrScheduler = { StepLR };
