// PyTorch-style text for tensors: `tensor([[1., 2.]], requires_grad=True)`.
import type { Tensor } from './tensor.js';

const EDGE_ITEMS = 3;
const SUMMARIZE_ABOVE = 1000;

function formatter(values: number[], isInt: boolean): (v: number) => string {
  if (isInt) return (v) => String(v);
  const finite = values.filter((v) => Number.isFinite(v));
  const special = (v: number) => (Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf');
  if (finite.length === 0 || finite.every((v) => Number.isInteger(v))) {
    const maxAbs = Math.max(0, ...finite.map(Math.abs));
    if (maxAbs < 1e8)
      return (v) => (Number.isFinite(v) ? `${v === 0 && 1 / v < 0 ? '-0' : v.toFixed(0)}.` : special(v));
  }
  const abs = finite.map(Math.abs).filter((v) => v > 0);
  const maxAbs = Math.max(0, ...abs);
  const minAbs = abs.length ? Math.min(...abs) : 0;
  const scientific = maxAbs >= 1e8 || (minAbs > 0 && minAbs < 1e-4) || (minAbs > 0 && maxAbs / minAbs > 1000);
  if (scientific)
    return (v) => (Number.isFinite(v) ? v.toExponential(4).replace(/e([+-])(\d)$/, 'e$10$2') : special(v));
  return (v) => (Number.isFinite(v) ? v.toFixed(4) : special(v));
}

/** Renders a tensor as PyTorch prints it (with `dtype=` for non-default dtypes and autograd info). */
export function formatTensor(t: Tensor): string {
  const flat = t.toFlatArray();
  const summarize = flat.length > SUMMARIZE_ABOVE;
  const fmt = formatter(flat, t.dtype === 'int32');
  const strs = flat.map(fmt);
  const width = Math.max(0, ...strs.map((s) => s.length));
  const pad = (s: string) => s.padStart(width);
  const strides = t.shape.map((_, d) => t.shape.slice(d + 1).reduce((a, b) => a * b, 1));

  const render = (d: number, base: number, indent: number): string => {
    const n = t.shape[d];
    const picks: (number | null)[] = [];
    if (summarize && n > 2 * EDGE_ITEMS) {
      for (let i = 0; i < EDGE_ITEMS; i++) picks.push(i);
      picks.push(null);
      for (let i = n - EDGE_ITEMS; i < n; i++) picks.push(i);
    } else for (let i = 0; i < n; i++) picks.push(i);
    if (d === t.ndim - 1) {
      return `[${picks.map((i) => (i === null ? '...' : pad(strs[base + i]))).join(', ')}]`;
    }
    const sep = `,${'\n'.repeat(t.ndim - d - 1)}${' '.repeat(indent + 1)}`;
    return `[${picks.map((i) => (i === null ? '...' : render(d + 1, base + i * strides[d], indent + 1))).join(sep)}]`;
  };

  const body = t.ndim === 0 ? strs[0] : t.numel() === 0 ? '[]' : render(0, 0, 'tensor('.length);
  const extras: string[] = [];
  if (t.numel() === 0 && t.ndim > 1) extras.push(`size=(${t.shape.join(', ')})`);
  if (t.dtype !== 'float64') extras.push(`dtype=${t.dtype}`);
  if (t.gradFn) extras.push(`grad_fn=<${gradFnName(t.gradFn.op)}Backward>`);
  else if (t.requiresGrad) extras.push('requires_grad=True');
  return `tensor(${[body, ...extras].join(', ')})`;
}

function gradFnName(op: string): string {
  return op.charAt(0).toUpperCase() + op.slice(1);
}
