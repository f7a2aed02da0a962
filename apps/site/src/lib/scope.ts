// Solver scopes. A <Problem> or <Question> with a `solver` owns a scope: the placeholders its
// children left (<Steps>, <Figure data="name">, <Erratum answer="path">) are filled with the
// default variant here on the server, and tagged with the scope id so the live island can
// re-render exactly those when the variant changes.
import { getAnswer, type SolverResult } from '@i2dl/exams';
import { chartSvg } from './charts';
import { formatAnswer, stepsHtml } from './steps';

const unescapeAttr = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
const escapeAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

function parseOnly(attr: string): string[] | null {
  try {
    const parsed = JSON.parse(unescapeAttr(attr));
    return Array.isArray(parsed) ? parsed.map(String) : null;
  } catch {
    return null;
  }
}

/** Fills the placeholders in `html` left for the scope `scopeId` with `result` (or an error). */
export function fillScope(html: string, scopeId: string, result: SolverResult | null, error?: string): string {
  const failure = `<div class="error-box" role="alert">The solver could not run: ${escapeAttr(error ?? 'unknown error')}</div>`;
  const scope = escapeAttr(scopeId);
  return html
    .replace(/<div data-i2dl-steps="([^"]*)"><\/div>/g, (_, attr: string) => {
      const only = parseOnly(attr);
      const body = result ? stepsHtml(result, only) : failure;
      return `<div class="steps-live" data-steps-scope="${scope}" data-only="${attr}">${body}</div>`;
    })
    .replace(/<div class="figure-body" data-i2dl-chart="([^"]+)"><\/div>/g, (_, name: string) => {
      const spec = result?.charts?.[unescapeAttr(name)];
      const body = spec
        ? chartSvg(spec)
        : result
          ? `<div class="error-box" role="alert">The solver has no chart "${name}".</div>`
          : failure;
      return `<div class="figure-body" data-chart-scope="${scope}" data-chart-name="${name}">${body}</div>`;
    })
    .replace(/<strong data-i2dl-answer="([^"]+)"><\/strong>/g, (_, path: string) => {
      const value = result ? getAnswer(result, unescapeAttr(path)) : undefined;
      return `<strong data-answer-scope="${scope}" data-answer-path="${path}">${value === undefined ? '?' : formatAnswer(value)}</strong>`;
    });
}
