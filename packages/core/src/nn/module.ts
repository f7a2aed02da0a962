// Module: the base of every layer. Parameters, buffers and child modules are discovered from
// the instance's own properties in assignment order (PyTorch's registration order).
import { noGrad } from '../autograd.js';
import { fmtList, sameShape } from '../shape.js';
import { Tensor } from '../tensor.js';

/** Marks a tensor as a trainable parameter (requiresGrad on, picked up by `Module.parameters()`). */
export function Parameter(t: Tensor): Tensor {
  const p = t.gradFn ? t.detach() : t;
  p.requiresGrad = true;
  p.isParameter = true;
  return p;
}

/** Any module, whatever its forward signature. */
export type AnyModule = Module<never, unknown>;

/**
 * The base class of layers and models. Subclasses assign parameters (`nn.Parameter(...)`),
 * buffers (`registerBuffer`) and child modules as properties, and implement `forward`.
 *
 * @example
 * class Net extends nn.Module {
 *   fc = new nn.Linear(2, 1);
 *   forward(x: Tensor) { return this.fc.forward(x).sigmoid(); }
 * }
 */
export abstract class Module<I extends unknown[] = [Tensor], O = Tensor> {
  /** True in training mode (dropout active, batch norm uses batch statistics). */
  training = true;
  private readonly bufferNames = new Set<string>();

  abstract forward(...args: I): O;

  /** The layer's type for summaries (survives minified class names). */
  get typeName(): string {
    return this.constructor.name;
  }

  /** The arguments PyTorch prints inside `Type(...)` for this layer (empty by default). */
  extraRepr(): string {
    return '';
  }

  /**
   * The module tree as PyTorch prints it, e.g.
   * `Sequential(\n  (0): Linear(in_features=2, out_features=3, bias=True)\n  (1): ReLU()\n)`.
   */
  toString(): string {
    const children = this.namedChildren();
    if (children.length === 0) return `${this.typeName}(${this.extraRepr()})`;
    const lines = children.map(([name, child]) => `(${name}): ${child.toString().replace(/\n/g, '\n  ')}`);
    const extra = this.extraRepr();
    return `${this.typeName}(${extra ? `\n  ${extra}` : ''}\n  ${lines.join('\n  ')}\n)`;
  }

  /** Registers a non-trainable tensor (like running statistics) saved in the state dict. */
  registerBuffer(name: string, t: Tensor): void {
    this.bufferNames.add(name);
    (this as unknown as Record<string, Tensor>)[name] = t;
  }

  private ownEntries(): [string, unknown][] {
    return Object.entries(this);
  }

  /** Direct children with their property names. */
  namedChildren(): [string, AnyModule][] {
    return this.ownEntries().filter((e): e is [string, AnyModule] => e[1] instanceof Module);
  }

  children(): AnyModule[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** This module and every descendant, with dotted names ('' for this one). */
  namedModules(prefix = ''): [string, AnyModule][] {
    const out: [string, AnyModule][] = [[prefix, this as unknown as AnyModule]];
    for (const [name, child] of this.namedChildren())
      out.push(...child.namedModules(prefix ? `${prefix}.${name}` : name));
    return out;
  }

  modules(): AnyModule[] {
    return this.namedModules().map(([, m]) => m);
  }

  /** Parameters with dotted names ('0.weight', 'fc.bias', ...), this module's own first. */
  namedParameters(recurse = true): [string, Tensor][] {
    const own = this.ownEntries().filter((e): e is [string, Tensor] => e[1] instanceof Tensor && e[1].isParameter);
    if (!recurse) return own;
    const out = [...own];
    for (const [name, child] of this.namedChildren()) {
      for (const [n, p] of child.namedParameters()) out.push([`${name}.${n}`, p]);
    }
    return out;
  }

  /** Every parameter (each once). */
  parameters(recurse = true): Tensor[] {
    return [...new Set(this.namedParameters(recurse).map(([, p]) => p))];
  }

  /** Buffers with dotted names. */
  namedBuffers(): [string, Tensor][] {
    const own = this.ownEntries().filter(
      (e): e is [string, Tensor] => e[1] instanceof Tensor && this.bufferNames.has(e[0]),
    );
    const out = [...own];
    for (const [name, child] of this.namedChildren()) {
      for (const [n, b] of child.namedBuffers()) out.push([`${name}.${n}`, b]);
    }
    return out;
  }

  /** Every buffer. */
  buffers(): Tensor[] {
    return this.namedBuffers().map(([, b]) => b);
  }

  /** Sets training mode on this module and all descendants. */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /** Sets evaluation mode (same as `train(false)`). */
  eval(): this {
    return this.train(false);
  }

  /** Clears the gradients of every parameter. */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** Parameters and buffers by dotted name (detached, sharing storage). */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const [n, p] of this.namedParameters()) out[n] = p.detach();
    for (const [n, b] of this.namedBuffers()) out[n] = b.detach();
    return out;
  }

  /**
   * Copies values from a state dict into this module's parameters and buffers. Shapes must
   * match; with `strict` (default) the keys must match exactly too.
   */
  loadStateDict(state: Record<string, Tensor>, strict = true): { missingKeys: string[]; unexpectedKeys: string[] } {
    const targets = new Map<string, Tensor>([...this.namedParameters(), ...this.namedBuffers()]);
    const missingKeys = [...targets.keys()].filter((k) => !(k in state));
    const unexpectedKeys = Object.keys(state).filter((k) => !targets.has(k));
    if (strict && (missingKeys.length > 0 || unexpectedKeys.length > 0)) {
      throw new Error(
        `loadStateDict: error(s) in loading the state dict: missing keys [${missingKeys.join(', ')}], unexpected keys [${unexpectedKeys.join(', ')}]`,
      );
    }
    for (const [key, target] of targets) {
      const src = state[key];
      if (!src) continue;
      if (!(src instanceof Tensor)) throw new TypeError(`loadStateDict: '${key}' is not a Tensor`);
      if (!sameShape(src.shape, target.shape)) {
        throw new Error(
          `loadStateDict: size mismatch for ${key}: copying a param with shape ${fmtList(src.shape)}, the shape in the current model is ${fmtList(target.shape)}`,
        );
      }
      noGrad(() => target.copy_(src));
    }
    return { missingKeys, unexpectedKeys };
  }
}

/** A number as Python's repr prints it (1.0, 0.1, 1e-05), for PyTorch-style module text. */
export function pyFloat(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return v.toFixed(1);
  if (v !== 0 && (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e16)) {
    return v.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(v);
}

/** A size as PyTorch prints module arguments: pairs as tuples `(3, 3)`. */
export function pyPair(v: number | readonly [number, number]): string {
  return typeof v === 'number' ? `(${v}, ${v})` : `(${v[0]}, ${v[1]})`;
}
