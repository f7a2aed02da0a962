import { type Bin, bin, max, min } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { cartesian, clipPath, formatValue, type NumericScale, paddedExtent } from '../cartesian.js';
import { type ChartOptions, chartId, frame, noDataFigure } from '../frame.js';
import { el, type SvgTree } from '../svg.js';
import { FONT, seriesColour, themeColour } from '../theme.js';
import {
  checkOptions,
  checkRange,
  requireArray,
  requireFinite,
  requireInteger,
  requireObject,
  requireString,
} from '../validate.js';

/** Data of a histogram: the raw values (e.g. one layer's activations). */
export interface HistogramData {
  values: number[];
}

/** Options of a histogram. */
export interface HistogramOptions extends ChartOptions {
  /** About how many bins (d3 picks round thresholds near this count; default: Sturges' rule). */
  bins?: number;
  /** Fixed x range (values outside it are not counted). */
  domain?: [number, number];
  xLabel?: string;
  /** Default `'count'`. */
  yLabel?: string;
}

/** Data of small multiples: one histogram per panel, e.g. per layer or per initialisation. */
export interface SmallMultiplesData {
  panels: { title: string; values: number[] }[];
}

/** Options of small multiples. */
export interface SmallMultiplesOptions extends ChartOptions {
  /** Panels per row (default: as many as fit at about 150 units each, at most 4). */
  columns?: number;
  bins?: number;
  xLabel?: string;
  /** Same y scale in every panel so heights compare across panels (default true). */
  sharedY?: boolean;
}

/** Validates the values of one histogram; NaN and Infinity are errors (they cannot be binned). */
function checkValues(kind: string, field: string, raw: unknown): number[] {
  return requireArray(kind, field, raw).map((v, i) => requireFinite(kind, `${field}[${i}]`, v));
}

/** A shared binning: a nice x domain and d3's thresholds over it, so panels line up. */
function binner(kind: string, values: number[], binsHint: number | undefined, domain?: [number, number]) {
  const count =
    binsHint === undefined
      ? Math.ceil(Math.log2(Math.max(values.length, 1)) + 1)
      : requireInteger(kind, 'options.bins', binsHint, 1, 200);
  const x = scaleLinear()
    .domain(domain ?? paddedExtent(values))
    .nice(count);
  const [lo, hi] = x.domain() as [number, number];
  // Inner thresholds only: with the domain's ends included, d3.bin adds an empty, zero-width bin.
  const thresholds = x.ticks(count).filter((t) => t > lo && t < hi);
  const make = bin().domain([lo, hi]).thresholds(thresholds);
  return { domain: [lo, hi] as [number, number], make };
}

/** The bars of one histogram. */
function bars(bins: Bin<number, number>[], x: NumericScale, y: NumericScale, colour: string): SvgTree {
  return el(
    'g',
    { class: 'viz-bars', fill: colour, 'fill-opacity': 0.85, stroke: themeColour('bg'), 'stroke-width': 1 },
    ...bins.map((b) => {
      const x0 = x(b.x0 ?? 0);
      const x1 = x(b.x1 ?? 0);
      return el('rect', {
        x: x0,
        y: y(b.length),
        width: Math.max(0, x1 - x0),
        height: Math.max(0, y(0) - y(b.length)),
        'data-count': b.length,
      });
    }),
  );
}

const HIST = 'histogram';

/**
 * Histogram of values with d3's round bin thresholds (activations, weights, gradients).
 *
 * @example histogram({ values: [0.1, 0.4, -0.3, 0.2] }, { title: 'Activations', xLabel: 'activation' })
 */
export function histogram(data: HistogramData, options: HistogramOptions): SvgTree {
  const size = checkOptions(HIST, options, { width: 640, height: 320 });
  const values = checkValues(HIST, 'data.values', requireObject(HIST, 'data', data).values);
  if (values.length === 0) return noDataFigure(HIST, options, size.width, size.height, 'no values');
  const { domain, make } = binner(HIST, values, options.bins, checkRange(HIST, 'options.domain', options.domain));
  const bins = make(values);
  const chart = cartesian(
    HIST,
    size,
    { field: 'data.values', values: domain, domain, nice: false, label: options.xLabel },
    {
      field: 'data.values',
      values: [0, max(bins, (b) => b.length) ?? 1],
      zero: true,
      label: options.yLabel ?? 'count',
    },
  );
  const id = chartId(HIST, options);
  const counted = bins.reduce((n, b) => n + b.length, 0);
  const summary = `Histogram of ${values.length} values from ${formatValue(min(values)!)} to ${formatValue(max(values)!)} in ${bins.length} bins of width ${formatValue((bins[0].x1 ?? 0) - (bins[0].x0 ?? 0))}; the fullest bin holds ${max(bins, (b) => b.length)}.${counted < values.length ? ` ${values.length - counted} values lie outside the domain.` : ''}`;
  return frame({ kind: HIST, options, width: size.width, height: size.height, summary }, [
    el('defs', {}, clipPath(`${id}-clip`, chart.area)),
    chart.grid,
    el('g', { 'clip-path': `url(#${id}-clip)` }, bars(bins, chart.x, chart.y, seriesColour(0))),
    chart.axes,
  ]);
}

const MULTI = 'small-multiples';

/**
 * Small multiples: a grid of histograms with shared bins and x axis (and by default a shared
 * y axis), e.g. activations per layer under different initialisations.
 *
 * @example smallMultiples({ panels: [{ title: 'layer 1', values: a1 }, { title: 'layer 2', values: a2 }] }, { title: 'Xavier init' })
 */
export function smallMultiples(data: SmallMultiplesData, options: SmallMultiplesOptions): SvgTree {
  const rawPanels = requireArray(MULTI, 'data.panels', requireObject(MULTI, 'data', data).panels);
  const panels = rawPanels.map((p, i) => {
    const obj = requireObject(MULTI, `data.panels[${i}]`, p);
    return {
      title: requireString(MULTI, `data.panels[${i}].title`, obj.title),
      values: checkValues(MULTI, `data.panels[${i}].values`, obj.values),
    };
  });
  const columns =
    options?.columns === undefined
      ? // As many panels per row as fit at about 150 units each, at most 4.
        Math.max(
          1,
          Math.min(4, panels.length, Math.floor((typeof options?.width === 'number' ? options.width : 640) / 150)),
        )
      : requireInteger(MULTI, 'options.columns', options.columns, 1, 12);
  const rows = Math.max(1, Math.ceil(panels.length / columns));
  const size = checkOptions(MULTI, options, { width: 640, height: Math.min(900, 40 + rows * 190) });
  const all = panels.flatMap((p) => p.values);
  if (all.length === 0)
    return noDataFigure(MULTI, options, size.width, size.height, panels.length === 0 ? 'no panels' : 'no values');
  const { domain, make } = binner(MULTI, all, options.bins);
  const binned = panels.map((p) => make(p.values));
  const sharedMax = Math.max(1, ...binned.map((bs) => max(bs, (b) => b.length) ?? 0));
  const id = chartId(MULTI, options);
  const panelW = size.width / columns;
  const panelH = (size.height - 4) / rows;
  const trees = panels.map((p, k) => {
    const col = k % columns;
    const row = Math.floor(k / columns);
    const top = (options.sharedY ?? true) ? sharedMax : Math.max(1, max(binned[k], (b) => b.length) ?? 0);
    const chart = cartesian(
      MULTI,
      { width: panelW, height: panelH },
      { field: `data.panels[${k}].values`, values: domain, domain, nice: false, label: options.xLabel },
      { field: `data.panels[${k}].values`, values: [0, top], zero: true },
      [],
      16,
    );
    const clip = `${id}-clip-${k}`;
    return el(
      'g',
      { class: 'viz-panel', transform: `translate(${col * panelW},${row * panelH})` },
      el('defs', {}, clipPath(clip, chart.area)),
      el(
        'text',
        {
          class: 'viz-panel-title',
          x: (chart.area.left + chart.area.right) / 2,
          y: 16,
          'text-anchor': 'middle',
          'font-size': FONT.label,
          'font-weight': 600,
        },
        p.title,
      ),
      chart.grid,
      p.values.length === 0
        ? el(
            'text',
            {
              x: (chart.area.left + chart.area.right) / 2,
              y: (chart.area.top + chart.area.bottom) / 2,
              'text-anchor': 'middle',
              fill: themeColour('muted'),
            },
            'No data',
          )
        : el('g', { 'clip-path': `url(#${clip})` }, bars(binned[k], chart.x, chart.y, seriesColour(0))),
      chart.axes,
    );
  });
  const summary = `${panels.length} histograms with shared bins from ${formatValue(domain[0])} to ${formatValue(domain[1])}: ${panels
    .map((p) =>
      p.values.length === 0
        ? `${p.title} (no values)`
        : `${p.title} (${p.values.length} values, from ${formatValue(min(p.values)!)} to ${formatValue(max(p.values)!)})`,
    )
    .join('; ')}.`;
  return frame({ kind: MULTI, options, width: size.width, height: size.height, summary }, trees);
}
