// A small Markdown-with-math renderer for text that comes from solvers and graders at run time
// (step titles and explanations, feedback, notes). The exam text itself goes through MDX at
// build time; this covers the subset those strings use — paragraphs, $math$, $$display$$,
// **bold**, *emphasis*, `code` — and runs the same in Node and in the browser.
import katex from 'katex';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** TeX to HTML; bad TeX shows as red source instead of breaking the page. */
export function tex(source: string, displayMode = false): string {
  return katex.renderToString(source, { displayMode, throwOnError: false, output: 'htmlAndMathml' });
}

function inline(text: string): string {
  // Split out math first so * and _ inside formulas are left alone.
  const parts = text.split(/(\$[^$\n]+\$)/g);
  return parts
    .map((part) => {
      if (/^\$[^$\n]+\$$/.test(part)) return tex(part.slice(1, -1));
      return escapeHtml(part)
        .replace(/`([^`]+)`/g, '<code>$1</code>')
        .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
        .replace(/(^|[^\w*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
        .replace(/(^|\W)_([^_\s][^_]*)_(?=\W|$)/g, '$1<em>$2</em>');
    })
    .join('');
}

/** Inline Markdown (no paragraphs): for titles and one-line feedback. */
export function renderInline(markdown: string): string {
  return inline(markdown);
}

/** Block Markdown: paragraphs split by blank lines, $$display math$$ on its own. */
export function renderMarkdown(markdown: string): string {
  return markdown
    .split(/(\$\$[\s\S]+?\$\$)/g)
    .flatMap((chunk) => {
      if (chunk.startsWith('$$') && chunk.endsWith('$$')) return [tex(chunk.slice(2, -2).trim(), true)];
      return chunk
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => `<p>${inline(p)}</p>`);
    })
    .join('');
}
