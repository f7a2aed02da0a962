// The worked steps of a solver result as HTML: one renderer for the server (default variant,
// readable without JavaScript and indexed by search) and the browser (live variants).
import type { SolverResult, Step } from '@i2dl/exams';
import { chartSvg } from './charts';
import { renderInline, renderMarkdown, tex } from './richText';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

function tableHtml(table: NonNullable<Step['table']>): string {
  const head = table.columns.map((c) => `<th scope="col">${renderInline(String(c))}</th>`).join('');
  const rows = table.rows
    .map((row) => `<tr>${row.map((cell) => `<td>${renderInline(String(cell))}</td>`).join('')}</tr>`)
    .join('');
  return `<div class="table-scroll"><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** The steps (optionally only those whose title is listed in `only`) as an ordered list. */
export function stepsHtml(result: SolverResult, only: string[] | null = null): string {
  const steps = only ? result.steps.filter((s) => only.includes(s.title)) : result.steps;
  const items = steps.map((step) => {
    const parts = [`<div class="step-title">${renderInline(step.title)}</div>`];
    if (step.latex) parts.push(tex(step.latex, true));
    if (step.text) parts.push(renderMarkdown(step.text));
    if (step.table) parts.push(tableHtml(step.table));
    if (step.chart && result.charts?.[step.chart])
      parts.push(`<div class="figure-body">${chartSvg(result.charts[step.chart])}</div>`);
    return `<li>${parts.join('')}</li>`;
  });
  const notes = (result.notes ?? []).map((n) => `<div class="notice" role="note">${renderMarkdown(n)}</div>`).join('');
  return `<ol class="steps">${items.join('')}</ol>${notes}`;
}

/** An answer value formatted for reading: numbers to 6 significant digits, shapes with ×. */
export function formatAnswer(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  if (Array.isArray(value)) {
    if (value.every((v) => Array.isArray(v))) return `[${value.map((row) => formatAnswer(row)).join(', ')}]`;
    return `[${value.map((v) => formatAnswer(v)).join(', ')}]`;
  }
  return escapeHtml(String(value));
}
