import { max } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { symbol, symbolsFill } from 'd3-shape';
import { cartesian, clipPath, formatValue, type LegendItem, paddedExtent } from '../cartesian.js';
import { contourPaths, type SampledGrid, sampleGrid } from '../contour.js';
import { ChartError } from '../errors.js';
import { type ChartOptions, chartId, frame, noDataFigure } from '../frame.js';
import { el, type SvgTree } from '../svg.js';
import { OKABE_ITO, seriesColour, themeColour } from '../theme.js';
import { checkOptions, requireArray, requireFinite, requireInteger, requireObject } from '../validate.js';

/** One data point; `class` picks its colour and marker shape. */
export interface ScatterPoint {
  x: number;
  y: number;
  class?: number;
}

/**
 * Data of a scatter plot with optional decision regions. Regions come from `classifier`
 * (a function, sampled on a grid) or from `regions` (the same grid precomputed, for JSON specs):
 * integer outputs are class indices, outputs in [0, 1] are P(class 1).
 */
export interface ScatterChartData {
  points: ScatterPoint[];
  /** Class names for the legend, by class index. */
  classes?: string[];
  classifier?: (x: number, y: number) => number;
  /** `regions[j][i]`: classifier output at column i (left to right), row j (bottom to top), at cell centres of the domain. */
  regions?: number[][];
  /** Plot domain (default: the points' extent, padded and rounded by d3's `nice`). Required with `regions`. */
  domain?: { x: [number, number]; y: [number, number] };
}

/** Options of a scatter plot. */
export interface ScatterChartOptions extends ChartOptions {
  xLabel?: string;
  yLabel?: string;
  /** Grid cells per axis when sampling `classifier` (default 80). */
  resolution?: number;
}

const KIND = 'scatter';

function checkPoints(data: ScatterChartData): ScatterPoint[] {
  return requireArray<ScatterPoint>(KIND, 'data.points', data.points).map((p, i) => {
    const obj = requireObject(KIND, `data.points[${i}]`, p);
    return {
      x: requireFinite(KIND, `data.points[${i}].x`, obj.x),
      y: requireFinite(KIND, `data.points[${i}].y`, obj.y),
      class:
        obj.class === undefined
          ? 0
          : requireInteger(KIND, `data.points[${i}].class`, obj.class, 0, OKABE_ITO.length - 1),
    };
  });
}

function domainOf(points: ScatterPoint[], data: ScatterChartData): { x: [number, number]; y: [number, number] } {
  if (data.domain !== undefined) {
    const d = requireObject(KIND, 'data.domain', data.domain);
    const axis = (name: 'x' | 'y'): [number, number] => {
      const pair = requireArray<number>(KIND, `data.domain.${name}`, d[name]);
      const lo = requireFinite(KIND, `data.domain.${name}[0]`, pair[0]);
      const hi = requireFinite(KIND, `data.domain.${name}[1]`, pair[1]);
      if (!(lo < hi))
        throw new ChartError(KIND, `data.domain.${name}`, `must be [min, max] with min < max, got [${lo}, ${hi}]`);
      return [lo, hi];
    };
    return { x: axis('x'), y: axis('y') };
  }
  if (data.regions !== undefined)
    throw new ChartError(KIND, 'data.domain', 'is required with data.regions (the grid covers it)');
  const pad = (values: number[]): [number, number] => {
    const [lo, hi] = paddedExtent(values);
    const margin = (hi - lo) * 0.1;
    return scaleLinear()
      .domain([lo - margin, hi + margin])
      .nice()
      .domain() as [number, number];
  };
  return { x: pad(points.map((p) => p.x)), y: pad(points.map((p) => p.y)) };
}

function regionGrid(
  data: ScatterChartData,
  domain: { x: [number, number]; y: [number, number] },
  resolution: number,
): SampledGrid | null {
  if (data.classifier !== undefined) {
    if (typeof data.classifier !== 'function')
      throw new ChartError(KIND, 'data.classifier', 'must be a function (x, y) => class index or probability');
    return sampleGrid(data.classifier, domain.x, domain.y, resolution, resolution);
  }
  if (data.regions === undefined) return null;
  const rows = requireArray<number[]>(KIND, 'data.regions', data.regions);
  if (rows.length < 2) throw new ChartError(KIND, 'data.regions', `needs at least 2 rows, got ${rows.length}`);
  const nx = requireArray(KIND, 'data.regions[0]', rows[0]).length;
  if (nx < 2) throw new ChartError(KIND, 'data.regions[0]', `needs at least 2 columns, got ${nx}`);
  const values: number[] = [];
  rows.forEach((row, j) => {
    const r = requireArray<number>(KIND, `data.regions[${j}]`, row);
    if (r.length !== nx)
      throw new ChartError(KIND, `data.regions[${j}]`, `has ${r.length} columns, expected ${nx} like row 0`);
    values.push(...r);
  });
  return { nx, ny: rows.length, values, x: domain.x, y: domain.y };
}

/** Whether region values are class indices or probabilities; anything else is an error. */
function regionMode(grid: SampledGrid, field: string): 'class' | 'probability' {
  let allIntegers = true;
  let allUnit = true;
  for (let k = 0; k < grid.values.length; k++) {
    const v = grid.values[k];
    if (!Number.isFinite(v)) {
      const i = k % grid.nx;
      const j = Math.floor(k / grid.nx);
      throw new ChartError(
        KIND,
        field,
        `gave ${v} at grid cell (${i}, ${j}); it must return a class index or a probability`,
      );
    }
    if (!Number.isInteger(v) || v < 0 || v >= OKABE_ITO.length) allIntegers = false;
    if (v < 0 || v > 1) allUnit = false;
  }
  if (allIntegers) return 'class';
  if (allUnit) return 'probability';
  throw new ChartError(
    KIND,
    field,
    `must give class indices (integers 0 to ${OKABE_ITO.length - 1}) or probabilities in [0, 1]`,
  );
}

/**
 * Scatter plot with decision regions: the classifier is sampled on a grid and d3-contour turns
 * each class (or each side of p = 0.5) into filled regions with their boundary drawn.
 *
 * @example scatterChart({ points: xor, classifier: (x, y) => (x > 0.5) !== (y > 0.5) ? 1 : 0 }, { title: 'XOR' })
 */
export function scatterChart(data: ScatterChartData, options: ScatterChartOptions): SvgTree {
  const size = checkOptions(KIND, options, { width: 520, height: 440 });
  requireObject(KIND, 'data', data);
  const points = checkPoints(data);
  const resolution =
    options.resolution === undefined ? 80 : requireInteger(KIND, 'options.resolution', options.resolution, 4, 400);
  if (points.length === 0 && data.classifier === undefined && data.regions === undefined) {
    return noDataFigure(KIND, options, size.width, size.height, 'no points');
  }
  if (points.length === 0 && data.domain === undefined)
    throw new ChartError(KIND, 'data.domain', 'is required when there are no points');
  const domain = domainOf(points, data);
  const grid = regionGrid(data, domain, resolution);
  const mode = grid ? regionMode(grid, data.classifier ? 'data.classifier' : 'data.regions') : null;
  const classCount = Math.max(
    mode === 'probability' ? 2 : 0,
    (max(points, (p) => p.class ?? 0) ?? -1) + 1,
    mode === 'class' && grid ? (max(grid.values) ?? -1) + 1 : 0,
  );
  const names = (data.classes ?? []).map(String);
  const legend: LegendItem[] = Array.from({ length: classCount }, (_, c) => ({
    label: names[c] ?? `class ${c}`,
    colour: seriesColour(c),
    style: 'symbol' as const,
    symbol: symbol(symbolsFill[c % symbolsFill.length], 48).digits(2)() ?? '',
  }));
  const chart = cartesian(
    KIND,
    size,
    { field: 'data.points[].x', values: domain.x, domain: domain.x, nice: false, label: options.xLabel },
    { field: 'data.points[].y', values: domain.y, domain: domain.y, nice: false, label: options.yLabel },
    classCount > 1 ? legend : [],
  );
  const id = chartId(KIND, options);
  const regionTrees: SvgTree[] = [];
  if (grid && mode === 'class') {
    for (let c = 0; c < classCount; c++) {
      const indicator: SampledGrid = { ...grid, values: grid.values.map((v) => (v === c ? 1 : 0)) };
      for (const band of contourPaths(indicator, [0.5], chart.x, chart.y)) {
        if (band.d === '') continue;
        regionTrees.push(
          el('path', {
            class: 'viz-region',
            'data-class': c,
            d: band.d,
            fill: seriesColour(c),
            'fill-opacity': 0.2,
            stroke: seriesColour(c),
            'stroke-width': 1.5,
          }),
        );
      }
    }
  } else if (grid && mode === 'probability') {
    const below: SampledGrid = { ...grid, values: grid.values.map((v) => 1 - v) };
    for (const [c, g] of [
      [0, below],
      [1, grid],
    ] as const) {
      for (const band of contourPaths(g, [0.5], chart.x, chart.y)) {
        if (band.d === '') continue;
        regionTrees.push(
          el('path', { class: 'viz-region', 'data-class': c, d: band.d, fill: seriesColour(c), 'fill-opacity': 0.2 }),
        );
      }
    }
    for (const band of contourPaths(grid, [0.25, 0.5, 0.75], chart.x, chart.y)) {
      if (band.d === '') continue;
      const boundary = band.value === 0.5;
      regionTrees.push(
        el('path', {
          class: boundary ? 'viz-boundary' : 'viz-isoline',
          'data-p': band.value,
          d: band.d,
          fill: 'none',
          stroke: themeColour(boundary ? 'fg' : 'muted'),
          'stroke-width': boundary ? 1.5 : 1,
          'stroke-dasharray': boundary ? undefined : '4 3',
        }),
      );
    }
  }
  const pointTrees = points.map((p) =>
    el('path', {
      class: 'viz-point',
      d: symbol(symbolsFill[(p.class ?? 0) % symbolsFill.length], 64).digits(2)() ?? '',
      transform: `translate(${chart.x(p.x)},${chart.y(p.y)})`,
      fill: seriesColour(p.class ?? 0),
      stroke: themeColour('bg'),
      'stroke-width': 1.5,
    }),
  );
  const counts = Array.from({ length: classCount }, (_, c) => points.filter((p) => p.class === c).length);
  const summary = [
    `Scatter plot of ${points.length} points${classCount > 1 ? ` in ${classCount} classes (${counts.map((n, c) => `${names[c] ?? `class ${c}`}: ${n}`).join(', ')})` : ''}.`,
    `x from ${formatValue(domain.x[0])} to ${formatValue(domain.x[1])}, y from ${formatValue(domain.y[0])} to ${formatValue(domain.y[1])}.`,
    mode === 'class' ? 'Shaded regions show the class the classifier predicts.' : '',
    mode === 'probability'
      ? 'Shaded regions show the predicted class; the solid line is the decision boundary p = 0.5, dashed lines p = 0.25 and 0.75.'
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  return frame({ kind: KIND, options, width: size.width, height: size.height, summary }, [
    el('defs', {}, clipPath(`${id}-clip`, chart.area)),
    chart.grid,
    el('g', { class: 'viz-regions', 'clip-path': `url(#${id}-clip)` }, ...regionTrees),
    chart.axes,
    el('g', { class: 'viz-points' }, ...pointTrees),
    chart.legend,
  ]);
}
