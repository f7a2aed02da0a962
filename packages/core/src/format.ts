// PyTorch-style text for tensors, following torch/_tensor_str.py (1.13): the same choice between
// integer, fixed (4 decimals) and scientific notation, the same column width (taken from the
// nonzero finite values), summarisation of large tensors and wrapping at 80 columns.
import type { Tensor } from './tensor.js';

const PRECISION = 4;
const EDGE_ITEMS = 3;
const SUMMARIZE_ABOVE = 1000;
const LINE_WIDTH = 80;

interface Formatter {
  width: number;
  format: (v: number) => string;
}

function fixed(v: number, digits: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  const s = v.toFixed(digits);
  // Python keeps the sign of negative zero ('-0'); toFixed drops it.
  return Object.is(v, -0) || (v < 0 && !s.startsWith('-')) ? `-${s}` : s;
}

function scientific(v: number): string {
  if (!Number.isFinite(v)) return fixed(v, 0);
  return v.toExponential(PRECISION).replace(/e([+-])(\d)$/, 'e$10$2');
}

function makeFormatter(values: number[], isFloat: boolean): Formatter {
  if (!isFloat) {
    const width = Math.max(1, ...values.map((v) => String(v).length));
    return { width, format: (v) => String(v).padStart(width) };
  }
  const nonzeroFinite = values.filter((v) => Number.isFinite(v) && v !== 0);
  if (nonzeroFinite.length === 0) {
    return { width: 1, format: (v) => (Number.isFinite(v) ? `${fixed(v, 0)}.` : fixed(v, 0)) };
  }
  const abs = nonzeroFinite.map(Math.abs);
  const max = Math.max(...abs);
  const min = Math.min(...abs);
  const intMode = nonzeroFinite.every((v) => Number.isInteger(v));
  let render: (v: number) => string;
  if (intMode) {
    render = max / min > 1000 || max > 1e8 ? scientific : (v) => (Number.isFinite(v) ? `${fixed(v, 0)}.` : fixed(v, 0));
  } else {
    render = max / min > 1000 || max > 1e8 || min < 1e-4 ? scientific : (v) => fixed(v, PRECISION);
  }
  const width = Math.max(1, ...nonzeroFinite.map((v) => render(v).length));
  return { width, format: (v) => render(v).padStart(width) };
}

/** Renders a tensor as PyTorch prints it (with `dtype=` for non-default dtypes and autograd info). */
export function formatTensor(t: Tensor): string {
  const flat = t.toFlatArray();
  const summarize = flat.length > SUMMARIZE_ABOVE;
  const strides = t.shape.map((_, d) => t.shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const picks = (n: number): (number | null)[] =>
    summarize && n > 2 * EDGE_ITEMS
      ? [
          ...Array.from({ length: EDGE_ITEMS }, (_, i) => i),
          null,
          ...Array.from({ length: EDGE_ITEMS }, (_, i) => n - EDGE_ITEMS + i),
        ]
      : Array.from({ length: n }, (_, i) => i);

  // Like PyTorch, a summarised tensor takes its notation and width from the printed edges only.
  const shown: number[] = [];
  const collect = (d: number, base: number) => {
    for (const i of picks(t.shape[d])) {
      if (i === null) continue;
      if (d === t.ndim - 1) shown.push(flat[base + i]);
      else collect(d + 1, base + i * strides[d]);
    }
  };
  if (t.ndim === 0) shown.push(flat[0]);
  else if (t.numel() > 0) collect(0, 0);
  const fmt = makeFormatter(shown, t.dtype !== 'int32');

  const render = (d: number, base: number, indent: number): string => {
    if (d === t.ndim - 1) {
      const items = picks(t.shape[d]).map((i) => (i === null ? ' ...' : fmt.format(flat[base + i])));
      const perLine = Math.max(1, Math.floor((LINE_WIDTH - indent) / (fmt.width + 2)));
      const lines: string[] = [];
      for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
      return `[${lines.join(`,\n${' '.repeat(indent + 1)}`)}]`;
    }
    const sep = `,${'\n'.repeat(t.ndim - d - 1)}${' '.repeat(indent + 1)}`;
    return `[${picks(t.shape[d])
      .map((i) => (i === null ? '...' : render(d + 1, base + i * strides[d], indent + 1)))
      .join(sep)}]`;
  };

  const prefix = 'tensor(';
  const body = t.ndim === 0 ? fmt.format(flat[0]).trimStart() : t.numel() === 0 ? '[]' : render(0, 0, prefix.length);
  const extras: string[] = [];
  if (t.numel() === 0 && t.ndim > 1) extras.push(`size=(${t.shape.join(', ')})`);
  if (t.dtype !== 'float64') extras.push(`dtype=${t.dtype}`);
  if (t.gradFn) extras.push(`grad_fn=<${gradFnName(t.gradFn.op)}Backward>`);
  else if (t.requiresGrad) extras.push('requires_grad=True');
  return `${prefix}${[body, ...extras].join(', ')})`;
}

function gradFnName(op: string): string {
  return op.charAt(0).toUpperCase() + op.slice(1);
}
