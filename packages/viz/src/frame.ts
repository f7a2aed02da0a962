import { el, type SvgTree } from './svg.js';
import { FONT, FONT_FAMILY, themeColour } from './theme.js';

/** Options every chart kind accepts. */
export interface ChartOptions {
  /** Required: becomes the SVG's `<title>` (read by screen readers, shown as a tooltip). */
  title: string;
  /** The SVG's `<desc>`; a summary of the data is generated when left out. */
  description?: string;
  /** viewBox width in user units (default 640). The SVG itself scales to its container. */
  width?: number;
  /** viewBox height in user units (default depends on the kind). */
  height?: number;
  /**
   * Prefix of every id in the SVG (root, title, desc, markers, clip paths). Defaults to a hash
   * of the kind and the title; set it when one page shows two charts with the same title.
   */
  id?: string;
}

/** The drawing area inside the margins, in viewBox units. */
export interface PlotArea {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** FNV-1a, 32 bit: a stable, dependency-free hash for ids (never random, so snapshots hold). */
export function stableHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** Turns a user id into a valid, CSS-safe XML id. */
function sanitiseId(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_-]/g, '-');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `viz-${cleaned}`;
}

/** The id prefix of a chart: the `id` option, else `viz-<hash of kind and title>`. */
export function chartId(kind: string, options: ChartOptions): string {
  return options.id !== undefined && options.id !== ''
    ? sanitiseId(options.id)
    : `viz-${kind}-${stableHash(`${kind}\u0000${options.title}`)}`;
}

/** Everything the root `<svg>` needs besides its content. */
export interface FrameSpec {
  kind: string;
  options: ChartOptions;
  width: number;
  height: number;
  /** The generated description, used when `options.description` is not given. */
  summary: string;
  /**
   * Smallest rendered width in CSS pixels, for wide diagrams whose text would become unreadable
   * if scaled down to a narrow column; the page then scrolls them (wrap in `overflow-x: auto`).
   */
  minWidth?: number;
}

/**
 * Wraps chart content in the accessible root element: `<title>` and `<desc>` first,
 * `role="img"`, `aria-labelledby` pointing at both, a themeable background, and a `viewBox`
 * with `width="100%"` so the figure scales with its container.
 */
export function frame(spec: FrameSpec, content: (SvgTree | null | undefined | false)[]): SvgTree {
  const id = chartId(spec.kind, spec.options);
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      id,
      class: `i2dl-viz i2dl-viz-${spec.kind}`,
      viewBox: `0 0 ${Math.round(spec.width)} ${Math.round(spec.height)}`,
      width: '100%',
      // Fills its container up to its natural size (never blown up past it, so text keeps its
      // size on wide screens); wide diagrams may also keep a minimum width.
      style: `${spec.minWidth ? `min-width:${Math.round(spec.minWidth)}px;` : ''}max-width:${Math.round(spec.width)}px;height:auto`,
      role: 'img',
      'aria-labelledby': `${id}-title ${id}-desc`,
      'font-family': FONT_FAMILY,
      'font-size': FONT.tick,
      fill: themeColour('fg'),
    },
    el('title', { id: `${id}-title` }, spec.options.title),
    el('desc', { id: `${id}-desc` }, spec.options.description ?? spec.summary),
    el('rect', { class: 'viz-bg', width: spec.width, height: spec.height, fill: themeColour('bg') }),
    ...content,
  );
}

/** The figure for empty data: a valid, labelled SVG that says so instead of an empty box. */
export function noDataFigure(
  kind: string,
  options: ChartOptions,
  width: number,
  height: number,
  what: string,
): SvgTree {
  return frame({ kind, options, width, height, summary: `No data: ${what}.` }, [
    el(
      'text',
      {
        class: 'viz-no-data',
        x: width / 2,
        y: height / 2,
        'text-anchor': 'middle',
        'dominant-baseline': 'middle',
        'font-size': FONT.title,
        fill: themeColour('muted'),
      },
      `No data (${what})`,
    ),
  ]);
}
