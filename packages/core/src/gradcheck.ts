// gradcheck: compares autograd gradients with central finite differences in float64.
import { noGrad } from './autograd.js';
import { fmtList } from './shape.js';
import { Tensor } from './tensor.js';

/** Tolerances of gradcheck: |analytical − numerical| <= atol + rtol·|numerical|. */
export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  atol?: number;
  rtol?: number;
}

/** What a passing gradcheck reports. */
export interface GradcheckReport {
  ok: true;
  /** Number of (input element, output element) pairs compared. */
  checked: number;
  maxAbsError: number;
  maxRelError: number;
}

/** Thrown when a gradient disagrees; names the input, its element and both values. */
export class GradcheckError extends Error {
  constructor(
    message: string,
    readonly inputIndex: number,
    readonly element: number[],
    readonly outputElement: number,
    readonly numerical: number,
    readonly analytical: number,
  ) {
    super(message);
    this.name = 'GradcheckError';
  }
}

function unravel(flat: number, shape: number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = flat % shape[d];
    flat = Math.floor(flat / shape[d]);
  }
  return idx;
}

/**
 * Checks the gradients of `fn` with respect to every input that requires grad (every float
 * input when none does) against central finite differences, in float64. Throws a
 * `GradcheckError` naming the input and element that disagree.
 *
 * @example
 * gradcheck((x) => x.tanh().sum(), [randn([3], { requiresGrad: true })]);
 */
export function gradcheck(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: Tensor[],
  options: GradcheckOptions = {},
): GradcheckReport {
  const { eps = 1e-6, atol = 1e-5, rtol = 1e-3 } = options;
  const anyFlagged = inputs.some((t) => t.requiresGrad);
  const xs = inputs.map((t) => {
    if (t.dtype === 'int32') return t;
    const copy = noGrad(() => t.toDtype('float64').clone());
    if (!anyFlagged || t.requiresGrad) copy.requiresGrad = true;
    return copy;
  });
  const checkedInputs = xs.map((x, i) => (x.requiresGrad ? i : -1)).filter((i) => i >= 0);
  if (checkedInputs.length === 0) throw new Error('gradcheck: no floating point input to check');
  const out = fn(...xs);
  if (!(out instanceof Tensor)) throw new TypeError('gradcheck: fn must return a Tensor');
  if (!out.requiresGrad) throw new Error('gradcheck: the output does not depend on any input that requires grad');
  const m = out.numel();
  // analytical[i][k * m + j] = d out_j / d x_i[k]
  const analytical = checkedInputs.map((i) => new Float64Array(xs[i].numel() * m));
  for (let j = 0; j < m; j++) {
    for (const i of checkedInputs) xs[i].grad = null;
    const seed = new Float64Array(m);
    seed[j] = 1;
    out.backward(Tensor.fromStorage(seed, out.shape).toDtype(out.dtype));
    checkedInputs.forEach((i, c) => {
      const g = xs[i].grad?.toFlatArray();
      if (!g) return;
      for (let k = 0; k < g.length; k++) analytical[c][k * m + j] = g[k];
    });
  }
  let checked = 0;
  let maxAbsError = 0;
  let maxRelError = 0;
  checkedInputs.forEach((i, c) => {
    const x = xs[i];
    const data = x.data;
    for (let k = 0; k < x.numel(); k++) {
      const original = data[k];
      data[k] = original + eps;
      const plus = noGrad(() => fn(...xs).toFlatArray());
      data[k] = original - eps;
      const minus = noGrad(() => fn(...xs).toFlatArray());
      data[k] = original;
      for (let j = 0; j < m; j++) {
        const numerical = (plus[j] - minus[j]) / (2 * eps);
        const a = analytical[c][k * m + j];
        const err = Math.abs(a - numerical);
        checked++;
        maxAbsError = Math.max(maxAbsError, err);
        if (numerical !== 0) maxRelError = Math.max(maxRelError, err / Math.abs(numerical));
        if (!(err <= atol + rtol * Math.abs(numerical))) {
          const element = unravel(k, x.shape);
          const label = inputs[i].name ? ` ('${inputs[i].name}')` : '';
          throw new GradcheckError(
            `gradcheck: gradient of input ${i}${label} disagrees at element [${element.join(', ')}] ` +
              `for output element ${j} of shape ${fmtList(out.shape)}: numerical ${numerical}, analytical ${a} ` +
              `(atol ${atol}, rtol ${rtol})`,
            i,
            element,
            j,
            numerical,
            a,
          );
        }
      }
    }
  });
  return { ok: true, checked, maxAbsError, maxRelError };
}
