import { extent } from 'd3-array';
import { format } from 'd3-format';
import { type ScaleContinuousNumeric, scaleLinear, scaleLog } from 'd3-scale';
import { ChartError } from './errors.js';
import type { PlotArea } from './frame.js';
import { el, type SvgTree } from './svg.js';
import { FONT, seriesColour, seriesDash, textWidth, themeColour } from './theme.js';

/** `'linear'` or `'log'` (base 10). */
export type ScaleType = 'linear' | 'log';

/** A d3 continuous scale as the charts use it. */
export type NumericScale = ScaleContinuousNumeric<number, number>;

/**
 * The [min, max] of the values, widened when it is degenerate (one value, or all equal) so a
 * scale can still be built: by 10% of the value on each side, or ±1 around zero (×/÷ 10 on log).
 */
export function paddedExtent(values: Iterable<number>, type: ScaleType = 'linear'): [number, number] {
  const [lo, hi] = extent(values);
  if (lo === undefined || hi === undefined) return type === 'log' ? [1, 10] : [0, 1];
  if (lo !== hi) return [lo, hi];
  if (type === 'log') return [lo / 10, hi * 10];
  const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
  return [lo - pad, hi + pad];
}

/**
 * Builds a d3 scale for a domain and a pixel range. Log scales need a strictly positive domain;
 * `field` names the data the domain came from in the error.
 */
export function makeScale(
  kind: string,
  field: string,
  type: ScaleType,
  domain: [number, number],
  range: [number, number],
  nice = true,
  /** The tick count the axis will ask for, so the domain ends on one of its ticks. */
  tickCount = 10,
): NumericScale {
  if (type === 'log') {
    if (!(domain[0] > 0)) {
      throw new ChartError(kind, field, `has the value ${domain[0]}; a log scale needs every value > 0`);
    }
    const scale = scaleLog().domain(domain).range(range);
    return nice ? scale.nice() : scale;
  }
  const scale = scaleLinear().domain(domain).range(range);
  return nice ? scale.nice(tickCount) : scale;
}

/** Tick values from d3 with their labels; on log scales d3 blanks the minor ticks' labels. */
export interface Tick {
  value: number;
  label: string;
}

/** Numbers spanning decades: plain between 0.001 and 100 000, else exponent notation (1e-5). */
const formatDecade = (v: number) =>
  v === 0 || (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5) ? format('~g')(v) : format('~e')(v);

/** Ticks from d3 (`scale.ticks` / `scale.tickFormat`); log scales keep only the ticks d3 labels. */
export function ticksOf(scale: NumericScale, type: ScaleType, count: number, integer = false): Tick[] {
  if (type === 'log') {
    const labelled = scale.tickFormat(count, '~g');
    const all = scale.ticks(count);
    const kept = all.filter((t) => labelled(t) !== '');
    return (kept.length >= 2 ? kept : all).map((value) => ({ value, label: formatDecade(value) }));
  }
  const ticks = scale.ticks(count);
  if (integer) {
    // Epochs, steps, time indices: no tick between two whole numbers.
    const whole = ticks.filter((t) => Number.isInteger(t));
    if (whole.length >= 2) return whole.map((value) => ({ value, label: format(',d')(value) }));
  }
  const fmt = scale.tickFormat(count);
  return ticks.map((value) => ({ value, label: fmt(value) }));
}

/**
 * The x ticks for a plot width: starts from about one tick per 80 units and asks d3 for fewer
 * until the labels (estimated widths) no longer overlap; then tries SI prefixes (50M), and as a
 * last resort keeps only the first and last tick.
 */
export function xTicksFitting(scale: NumericScale, type: ScaleType, plotWidth: number, integer = false): Tick[] {
  const fits = (ticks: Tick[]) => {
    for (let i = 1; i < ticks.length; i++) {
      const room = Math.abs(scale(ticks[i].value) - scale(ticks[i - 1].value));
      if ((textWidth(ticks[i].label, FONT.tick) + textWidth(ticks[i - 1].label, FONT.tick)) / 2 + 8 > room)
        return false;
    }
    return true;
  };
  let ticks: Tick[] = [];
  for (let count = Math.max(2, Math.round(plotWidth / 80)); count >= 2; count--) {
    ticks = ticksOf(scale, type, count, integer);
    if (fits(ticks)) return ticks;
  }
  const si = ticks.map((t) => ({ value: t.value, label: format('~s')(t.value) }));
  if (fits(si)) return si;
  return ticks.length > 2 ? [ticks[0], ticks[ticks.length - 1]] : ticks;
}

/** One axis of a Cartesian chart. */
export interface AxisSpec {
  /** Where the values come from, for error messages (e.g. `'data.series[].points[].y'`). */
  field: string;
  values: number[];
  type?: ScaleType;
  label?: string;
  /** A fixed domain instead of the data's extent. */
  domain?: [number, number];
  /** Include zero in the domain (bars, counts). */
  zero?: boolean;
  /** Round the domain to nice tick values (default true). */
  nice?: boolean;
  /** The values are whole numbers (epochs, steps): tick only whole numbers. */
  integer?: boolean;
}

/** A legend entry: series colour, optional dash, optional marker path. */
export interface LegendItem {
  label: string;
  colour: string;
  dash?: string;
  /** 'line' (default) draws a short line sample, 'swatch' a filled square, 'symbol' only the marker. */
  style?: 'line' | 'swatch' | 'symbol';
  symbol?: string;
}

/** The laid-out axes of a Cartesian chart, ready to draw marks into. */
export interface Cartesian {
  area: PlotArea;
  x: NumericScale;
  y: NumericScale;
  xTicks: Tick[];
  yTicks: Tick[];
  /** Grid lines, to draw behind the marks. */
  grid: SvgTree;
  /** Axis lines, ticks and labels, to draw over the marks. */
  axes: SvgTree;
  legend: SvgTree | null;
}

/** Lays out legend items in rows that fit the width; returns the group and its height. */
export function layoutLegend(
  items: LegendItem[],
  left: number,
  top: number,
  maxWidth: number,
): { tree: SvgTree; height: number } {
  const rowHeight = 18;
  const children: SvgTree[] = [];
  let x = left;
  let y = top;
  for (const [i, item] of items.entries()) {
    const itemWidth = 26 + textWidth(item.label, FONT.small) + 14;
    if (x + itemWidth > left + maxWidth && x > left) {
      x = left;
      y += rowHeight;
    }
    const sample =
      item.style === 'symbol'
        ? null
        : item.style === 'swatch'
          ? el('rect', {
              x,
              y: y - 5,
              width: 18,
              height: 10,
              fill: item.colour,
              'fill-opacity': 0.5,
              stroke: item.colour,
            })
          : el('line', {
              x1: x,
              y1: y,
              x2: x + 20,
              y2: y,
              stroke: item.colour,
              'stroke-width': 2.5,
              'stroke-dasharray': item.dash,
            });
    const marker = item.symbol
      ? el('path', { d: item.symbol, transform: `translate(${x + 10},${y})`, fill: item.colour })
      : null;
    children.push(
      el(
        'g',
        { class: 'viz-legend-item', 'data-index': i },
        sample,
        marker,
        el('text', { x: x + 26, y, dy: '0.32em', 'font-size': FONT.small }, item.label),
      ),
    );
    x += itemWidth;
  }
  return { tree: el('g', { class: 'viz-legend' }, ...children), height: items.length === 0 ? 0 : y - top + rowHeight };
}

/**
 * Computes margins from the tick labels and legend, builds both d3 scales and draws the axes.
 * Ticks and their labels come from d3; only the placement of text is ours.
 */
export function cartesian(
  kind: string,
  size: { width: number; height: number },
  xSpec: AxisSpec,
  ySpec: AxisSpec,
  legendItems: LegendItem[] = [],
  /** Room to keep free above the plot (e.g. for a panel title). */
  extraTop = 0,
): Cartesian {
  const { width, height } = size;
  const xType = xSpec.type ?? 'linear';
  const yType = ySpec.type ?? 'linear';
  const domainOf = (spec: AxisSpec, type: ScaleType): [number, number] => {
    if (spec.domain) return spec.domain;
    const values = spec.zero ? [...spec.values, 0] : spec.values;
    return paddedExtent(values, type);
  };
  const legendLeft = 12;
  const legend = legendItems.length > 0 ? layoutLegend(legendItems, legendLeft, 14 + extraTop, width - 24) : null;
  const top = 12 + extraTop + (legend ? legend.height + 4 : 0);
  const bottom = height - (xSpec.label ? 46 : 28);
  const yCount = Math.max(2, Math.round((bottom - top) / 50));
  const yScaleProbe = makeScale(
    kind,
    ySpec.field,
    yType,
    domainOf(ySpec, yType),
    [bottom, top],
    ySpec.nice ?? true,
    yCount,
  );
  const yTicks = ticksOf(yScaleProbe, yType, yCount, ySpec.integer);
  const yLabelWidth = Math.max(0, ...yTicks.map((t) => textWidth(t.label, FONT.tick)));
  const left = Math.ceil(yLabelWidth + 12 + (ySpec.label ? 22 : 4));
  const right = width - 16;
  const area: PlotArea = { left, top, right, bottom };
  const x = makeScale(kind, xSpec.field, xType, domainOf(xSpec, xType), [left, right], xSpec.nice ?? true);
  const y = yScaleProbe;
  const xTicks = xTicksFitting(x, xType, right - left, xSpec.integer);

  const grid = el(
    'g',
    { class: 'viz-grid', stroke: themeColour('grid'), 'stroke-width': 1 },
    ...xTicks.map((t) => el('line', { x1: x(t.value), x2: x(t.value), y1: top, y2: bottom })),
    ...yTicks.map((t) => el('line', { x1: left, x2: right, y1: y(t.value), y2: y(t.value) })),
  );
  const axisColour = themeColour('axis');
  const axes = el(
    'g',
    { class: 'viz-axes' },
    el(
      'g',
      { class: 'viz-axis viz-axis-x' },
      el('line', { x1: left, x2: right, y1: bottom, y2: bottom, stroke: axisColour }),
      ...xTicks.map((t) =>
        el(
          'g',
          { class: 'viz-tick' },
          el('line', { x1: x(t.value), x2: x(t.value), y1: bottom, y2: bottom + 5, stroke: axisColour }),
          el('text', { x: x(t.value), y: bottom + 17, 'text-anchor': 'middle' }, t.label),
        ),
      ),
      xSpec.label
        ? el(
            'text',
            {
              class: 'viz-axis-label',
              x: (left + right) / 2,
              y: height - 8,
              'text-anchor': 'middle',
              'font-size': FONT.label,
            },
            xSpec.label,
          )
        : null,
    ),
    el(
      'g',
      { class: 'viz-axis viz-axis-y' },
      el('line', { x1: left, x2: left, y1: top, y2: bottom, stroke: axisColour }),
      ...yTicks.map((t) =>
        el(
          'g',
          { class: 'viz-tick' },
          el('line', { x1: left - 5, x2: left, y1: y(t.value), y2: y(t.value), stroke: axisColour }),
          el('text', { x: left - 8, y: y(t.value), dy: '0.32em', 'text-anchor': 'end' }, t.label),
        ),
      ),
      ySpec.label
        ? el(
            'text',
            {
              class: 'viz-axis-label',
              transform: `translate(14,${(top + bottom) / 2}) rotate(-90)`,
              'text-anchor': 'middle',
              'font-size': FONT.label,
            },
            ySpec.label,
          )
        : null,
    ),
  );
  return { area, x, y, xTicks, yTicks, grid, axes, legend: legend?.tree ?? null };
}

/** A clip path for the plot area, so marks outside a fixed domain do not spill over the axes. */
export function clipPath(id: string, area: PlotArea): SvgTree {
  return el(
    'clipPath',
    { id },
    el('rect', { x: area.left, y: area.top - 1, width: area.right - area.left, height: area.bottom - area.top + 2 }),
  );
}

/** Legend items for series drawn as lines. */
export function seriesLegend(names: string[]): LegendItem[] {
  return names.map((label, i) => ({ label, colour: seriesColour(i), dash: seriesDash(i) }));
}

/** A number formatted for labels: up to 4 significant digits, no trailing zeros. */
export const formatValue = format('.4~g');
/** Shorter form for tight spots (cells, edges): 3 significant digits. */
export const formatShort = format('.3~g');
