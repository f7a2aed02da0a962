/**
 * Colours and type, all behind CSS variables with light-mode fallbacks, so a page switches the
 * figures to dark mode by setting the variables (see README) without re-rendering them.
 *
 * Series colours are the Okabe–Ito palette (Okabe & Ito 2008), chosen because its eight colours
 * stay distinguishable under the common colour-vision deficiencies. Order puts the colours with
 * the best contrast on white first; yellow comes late because it is faint on light paper.
 */
export const OKABE_ITO = [
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#E69F00', // orange
  '#56B4E9', // sky blue
  '#F0E442', // yellow
  '#000000', // black (set --viz-series-7 to a light grey in dark mode)
] as const;

/** Light-mode fallbacks of the named theme variables. */
export const THEME_FALLBACKS = {
  fg: '#1a1a1a',
  muted: '#5c5c5c',
  bg: '#ffffff',
  grid: '#e2e2e2',
  axis: '#6b6b6b',
  accent: '#D55E00',
  highlight: '#E69F00',
  node: '#f4f4f4',
} as const;

export type ThemeColour = keyof typeof THEME_FALLBACKS;

/** `var(--viz-<name>, <fallback>)` for one of the named theme colours. */
export function themeColour(name: ThemeColour): string {
  return `var(--viz-${name}, ${THEME_FALLBACKS[name]})`;
}

/** The colour of series `index` (wraps after 8) as a CSS variable with its Okabe–Ito fallback. */
export function seriesColour(index: number): string {
  const i = ((index % OKABE_ITO.length) + OKABE_ITO.length) % OKABE_ITO.length;
  return `var(--viz-series-${i}, ${OKABE_ITO[i]})`;
}

/**
 * Dash patterns that tell series apart without colour (for print and colour-blind readers).
 * The first series is solid.
 */
const DASHES = [undefined, '6 3', '2 3', '8 3 2 3', '12 4', '4 4 1 4', '1 2', '10 2 2 2'] as const;
export function seriesDash(index: number): string | undefined {
  return DASHES[index % DASHES.length];
}

export const FONT_FAMILY = 'var(--viz-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif)';
/** Font sizes in viewBox units; at the default 640 width they render at about these pixel sizes. */
export const FONT = { tick: 12, label: 13, small: 11, title: 14 } as const;

/**
 * Estimated width of a text run in viewBox units. There is no DOM to measure with on the server,
 * so layouts reserve room with this average glyph width of the sans-serif fonts above.
 */
export function textWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const ch of text) {
    if (/[ilj.,:;'|!]/.test(ch)) units += 0.3;
    else if (/[mwMW@]/.test(ch)) units += 0.85;
    else if (/[A-Z0-9]/.test(ch)) units += 0.64;
    else units += 0.56;
  }
  return units * fontSize;
}

/**
 * Suggested dark-mode values of the theme variables, e.g. for
 * `@media (prefers-color-scheme: dark) { :root { …themeCss(DARK_THEME) } }`. The series colours
 * keep their Okabe–Ito hues except black, which becomes light grey.
 */
export const DARK_THEME: Record<string, string> = {
  '--viz-fg': '#e8e8e8',
  '--viz-muted': '#a9a9a9',
  '--viz-bg': '#161616',
  '--viz-grid': '#343434',
  '--viz-axis': '#9a9a9a',
  '--viz-node': '#262a30',
  '--viz-accent': '#FF7F3F',
  '--viz-highlight': '#E69F00',
  '--viz-series-0': '#3A9FE0',
  '--viz-series-7': '#e0e0e0',
};

/** The light-mode values of every theme variable (the fallbacks written into the SVG). */
export const LIGHT_THEME: Record<string, string> = {
  ...Object.fromEntries(Object.entries(THEME_FALLBACKS).map(([k, v]) => [`--viz-${k}`, v])),
  ...Object.fromEntries(OKABE_ITO.map((c, i) => [`--viz-series-${i}`, c])),
};

/** Turns a theme into CSS declarations: `--viz-fg: #e8e8e8; …`. */
export function themeCss(theme: Record<string, string>): string {
  return Object.entries(theme)
    .map(([k, v]) => `${k}: ${v};`)
    .join(' ');
}
