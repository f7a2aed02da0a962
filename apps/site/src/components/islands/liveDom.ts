// Redraws the server-rendered parts of a scope — worked steps, figures, values in errata — for
// the current variant. Loaded on the first variant change only, since it brings KaTeX and viz.
import type { SolverResult } from '@i2dl/exams';
import { getAnswer } from '@i2dl/exams';
import { renderChart, type SvgTree } from '@i2dl/viz';
import { type ComponentChild, h, render } from 'preact';
import { formatAnswer, stepsHtml } from '../../lib/steps';

function svgNode(tree: SvgTree | string): ComponentChild {
  if (typeof tree === 'string') return tree;
  return h(tree.type, tree.props, ...tree.children.map(svgNode));
}

const css = (value: string) => value.replace(/["\\]/g, '\\$&');

export function redrawScope(scopeId: string, result: SolverResult): void {
  for (const box of document.querySelectorAll<HTMLElement>(`[data-steps-scope="${css(scopeId)}"]`)) {
    let only: string[] | null = null;
    try {
      only = JSON.parse(box.dataset.only ?? 'null');
    } catch {
      only = null;
    }
    box.innerHTML = stepsHtml(result, only);
  }
  for (const box of document.querySelectorAll<HTMLElement>(`[data-chart-scope="${css(scopeId)}"]`)) {
    const spec = result.charts?.[box.dataset.chartName ?? ''];
    if (!spec) continue;
    try {
      // The viz tree is rendered by Preact: the same element tree the server turned into a string.
      if (!box.dataset.preact) box.textContent = '';
      box.dataset.preact = '1';
      render(svgNode(renderChart(spec as Parameters<typeof renderChart>[0])), box);
    } catch (error) {
      render(h('div', { class: 'error-box', role: 'alert' }, `This figure could not be drawn: ${String(error)}`), box);
    }
  }
  for (const value of document.querySelectorAll<HTMLElement>(`[data-answer-scope="${css(scopeId)}"]`)) {
    const answer = getAnswer(result, value.dataset.answerPath ?? '');
    value.innerHTML = answer === undefined ? '?' : formatAnswer(answer);
  }
}
