// The reverse-mode engine: grad mode, recording a primitive's backward, and backward() itself.
import { fmtList, sameShape } from './shape.js';
import type { Tensor } from './tensor.js';

/** How a non-leaf tensor was made: its primitive, its inputs and the vector-Jacobian product. */
export interface GradNode {
  op: string;
  inputs: Tensor[];
  /** Gradients for each input given the output's gradient (null where the input needs none). */
  backward: (grad: Tensor) => (Tensor | null)[];
  /** Storage versions of the inputs and the output when recorded (see `bumpVersion`). */
  versions: number[];
}

/** A composed op's name and inputs, shown in place of its primitives by `exportGraph`. */
export interface CompositeInfo {
  op: string;
  inputs: Tensor[];
}

let gradEnabled = true;

// In-place writes bump a version per storage array. A backward that reads values which were
// overwritten after the forward pass would compute a wrong gradient, so it throws instead.
const storageVersions = new WeakMap<object, number>();

/** Marks a storage array as modified in place (called by every in-place write). */
export function bumpVersion(data: object): void {
  storageVersions.set(data, (storageVersions.get(data) ?? 0) + 1);
}

function versionOf(t: Tensor): number {
  return storageVersions.get(t.data) ?? 0;
}

/** True unless inside `noGrad`. */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/**
 * Runs `fn` without recording the autograd graph (like `with torch.no_grad()`).
 *
 * @example
 * const y = noGrad(() => w.mul(2)); // y.requiresGrad === false
 */
export function noGrad<T>(fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = previous;
  }
}

/** Attaches a primitive's backward to `out` when grad mode is on and an input requires grad. */
export function record(out: Tensor, op: string, inputs: Tensor[], backward: GradNode['backward']): Tensor {
  if (gradEnabled && inputs.some((t) => t.requiresGrad)) {
    out.requiresGrad = true;
    out.gradFn = { op, inputs, backward, versions: [...inputs, out].map(versionOf) };
  }
  return out;
}

/** Marks `out` as the result of a composed op so that graph exports show one node for it. */
export function composite(op: string, inputs: Tensor[], out: Tensor): Tensor {
  if (out.gradFn && !inputs.includes(out)) out.composite = { op, inputs };
  return out;
}

/** Inputs-first order of every tensor `root` depends on through recorded nodes. */
export function topoOrder(root: Tensor, inputsOf: (t: Tensor) => Tensor[]): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>([root]);
  // Iterative DFS so that long graphs (RNNs over many steps) cannot overflow the stack.
  const stack: [Tensor, number][] = [[root, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const inputs = inputsOf(top[0]);
    if (top[1] < inputs.length) {
      const next = inputs[top[1]++];
      if (!seen.has(next)) {
        seen.add(next);
        stack.push([next, 0]);
      }
    } else {
      order.push(top[0]);
      stack.pop();
    }
  }
  return order;
}

/** Backpropagates from `root`; called by `Tensor.backward`. */
export function runBackward(root: Tensor, grad: Tensor | undefined, onesLike: (t: Tensor) => Tensor): void {
  if (!root.requiresGrad) {
    throw new Error('backward: element 0 of tensors does not require grad and does not have a grad_fn');
  }
  let seed: Tensor;
  if (grad === undefined) {
    if (root.numel() !== 1) {
      throw new Error(
        `backward: grad can be implicitly created only for scalar outputs, but the output has shape ${fmtList(root.shape)}; ` +
          'pass a gradient of the same shape, e.g. y.backward(ones(y.shape))',
      );
    }
    seed = onesLike(root);
  } else {
    if (!sameShape(grad.shape, root.shape)) {
      throw new Error(
        `backward: gradient has shape ${fmtList(grad.shape)} but the output has shape ${fmtList(root.shape)}`,
      );
    }
    seed = grad.detach();
  }
  const order = topoOrder(root, (t) => (t.gradFn ? t.gradFn.inputs.filter((i) => i.requiresGrad) : []));
  const grads = new Map<Tensor, Tensor>([[root, seed]]);
  noGrad(() => {
    for (let i = order.length - 1; i >= 0; i--) {
      const t = order[i];
      const g = grads.get(t);
      if (!g) continue;
      grads.delete(t);
      if (!t.gradFn || t.retainsGrad) {
        t.grad = t.grad ? t.grad.add(g) : g.toDtype(t.dtype).contiguous();
      }
      if (!t.gradFn) continue;
      checkVersions(t);
      const inputGrads = t.gradFn.backward(g);
      t.gradFn.inputs.forEach((input, k) => {
        const ig = inputGrads[k];
        if (!ig || !input.requiresGrad) return;
        const cast = ig.dtype === input.dtype ? ig : ig.toDtype(input.dtype);
        const prev = grads.get(input);
        grads.set(input, prev ? prev.add(cast) : cast);
      });
    }
  });
}

function checkVersions(t: Tensor): void {
  const node = t.gradFn as GradNode;
  [...node.inputs, t].forEach((x, k) => {
    if (versionOf(x) !== node.versions[k]) {
      const which = k < node.inputs.length ? `input ${k}` : 'output';
      throw new Error(
        `backward: the ${which} (shape ${fmtList(x.shape)}) of '${node.op}' was modified by an in-place operation after the forward pass; ` +
          'recompute the forward pass after in-place updates (e.g. after optimizer.step())',
      );
    }
  });
}
