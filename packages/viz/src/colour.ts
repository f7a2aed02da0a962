import { scaleDiverging, scaleSequential } from 'd3-scale';
import { interpolateBlues, interpolateRdBu } from 'd3-scale-chromatic';

/**
 * Data colour scales for matrices. Both ColorBrewer schemes are colour-blind safe: Blues for
 * magnitudes (counts, activations), RdBu for signed values (weights, kernels) with white at zero
 * and red for positive values.
 */
export type ColourScheme = 'sequential' | 'diverging';

/** A value → colour function over a domain; degenerate domains are widened so every value maps. */
export function colourScale(scheme: ColourScheme, lo: number, hi: number): (v: number) => string {
  if (scheme === 'diverging') {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    const s = scaleDiverging(interpolateRdBu).domain([m, 0, -m]);
    return (v) => s(v);
  }
  const [a, b] = lo === hi ? [lo - 1, hi + 1] : [lo, hi];
  // Start the ramp a little above white so the smallest cells stay visible on a white page.
  const s = scaleSequential((t: number) => interpolateBlues(0.08 + 0.92 * t)).domain([a, b]);
  return (v) => s(v);
}

/** Dark or light text for legibility on a cell of the given `rgb(…)` colour (WCAG luminance). */
export function textOn(fill: string): string {
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(fill);
  if (!m) return '#1a1a1a';
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const lum = 0.2126 * lin(Number(m[1])) + 0.7152 * lin(Number(m[2])) + 0.0722 * lin(Number(m[3]));
  return lum > 0.3 ? '#1a1a1a' : '#ffffff';
}
