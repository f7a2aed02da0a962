/** An element tree Preact (or React) renders with `h(type, props, ...children)`. */
export interface SvgTree {
  type: string;
  props: Record<string, string | number>;
  children: (SvgTree | string)[];
}

/** Attribute values as callers write them; `undefined` leaves the attribute out. */
export type Attrs = Record<string, string | number | undefined>;

/**
 * Rounds to 2 decimals so coordinates in snapshots stay stable across platforms and so the
 * string and the tree carry exactly the same numbers. `-0` becomes `0`.
 */
export function round2(value: number): number {
  const rounded = Math.round(value * 100) / 100;
  return rounded === 0 ? 0 : rounded;
}

/** Attributes whose strings are lists of coordinates (rounded like numeric attributes). */
const GEOMETRY_ATTRIBUTES = new Set(['d', 'transform', 'points']);

/** Rounds every decimal number written in a geometry string (path data, transforms) to 2 decimals. */
export function roundNumbersIn(geometry: string): string {
  return geometry.replace(/-?\d*\.\d{3,}(?:e[-+]?\d+)?/g, (n) => String(round2(Number(n))));
}

/** Builds one element; numbers are rounded to 2 decimals, `undefined` attributes are dropped. */
export function el(
  type: string,
  attrs: Attrs = {},
  ...children: (SvgTree | string | null | undefined | false)[]
): SvgTree {
  const props: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    props[key] =
      typeof value === 'number' ? round2(value) : GEOMETRY_ATTRIBUTES.has(key) ? roundNumbersIn(value) : value;
  }
  const kept: (SvgTree | string)[] = [];
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    kept.push(child);
  }
  return { type, props, children: kept };
}

/** A `<g>` grouping, the usual container for one part of a chart. */
export function group(attrs: Attrs, children: (SvgTree | null | undefined | false)[]): SvgTree {
  return el('g', attrs, ...children);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text and attribute values for XML: `&`, `<`, `>` and both quotes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Serialises a tree to an SVG/XML string with every text and attribute escaped. */
export function toSvgString(tree: SvgTree): string {
  const attrs = Object.entries(tree.props)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('');
  if (tree.children.length === 0) return `<${tree.type}${attrs}/>`;
  const inner = tree.children
    .map((child) => (typeof child === 'string' ? escapeXml(child) : toSvgString(child)))
    .join('');
  return `<${tree.type}${attrs}>${inner}</${tree.type}>`;
}

/** Serialises a list of points as a polyline/polygon path with rounded coordinates. */
export function pathFromPoints(points: readonly (readonly [number, number])[], closed = false): string {
  if (points.length === 0) return '';
  const parts = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${round2(x)},${round2(y)}`);
  return parts.join('') + (closed ? 'Z' : '');
}
