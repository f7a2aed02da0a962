import { max, min } from 'd3-array';
import { scaleLinear, scaleLog } from 'd3-scale';
import { line as d3line, symbol, symbolCircle, symbolSquare, symbolTriangle } from 'd3-shape';
import { cartesian, clipPath, formatValue, type LegendItem } from '../cartesian.js';
import { contourPaths, type SampledGrid, sampleGrid } from '../contour.js';
import { ChartError } from '../errors.js';
import { type ChartOptions, chartId, frame } from '../frame.js';
import { el, type SvgTree } from '../svg.js';
import { seriesColour, seriesDash, themeColour } from '../theme.js';
import {
  checkOptions,
  requireArray,
  requireFinite,
  requireInteger,
  requireObject,
  requireString,
} from '../validate.js';

/** One optimizer's path over the loss surface: parameter positions step by step. */
export interface Trajectory {
  name: string;
  points: [number, number][];
}

/**
 * Data of a contour plot: a 2-D loss given as `f(x, y)` (sampled on a grid) or as the grid
 * `values[j][i]` (column i left to right, row j bottom to top, at cell centres of the domain),
 * with optimizer trajectories drawn over it.
 */
export interface ContourChartData {
  f?: (x: number, y: number) => number;
  values?: number[][];
  domain: { x: [number, number]; y: [number, number] };
  trajectories?: Trajectory[];
  /** Marks a known minimum with a star-like cross. */
  minimum?: [number, number];
}

/** Options of a contour plot. */
export interface ContourChartOptions extends ChartOptions {
  /** About how many contour levels (d3 picks round values; default 10). */
  levels?: number;
  /** Space levels logarithmically, for losses spanning decades like Rosenbrock's (values must be > 0). */
  logLevels?: boolean;
  /** Grid cells per axis when sampling `f` (default 100). */
  resolution?: number;
  xLabel?: string;
  yLabel?: string;
}

const KIND = 'contour';

function domainAxis(d: Record<string, unknown>, name: 'x' | 'y'): [number, number] {
  const pair = requireArray<number>(KIND, `data.domain.${name}`, d[name]);
  const lo = requireFinite(KIND, `data.domain.${name}[0]`, pair[0]);
  const hi = requireFinite(KIND, `data.domain.${name}[1]`, pair[1]);
  if (!(lo < hi))
    throw new ChartError(KIND, `data.domain.${name}`, `must be [min, max] with min < max, got [${lo}, ${hi}]`);
  return [lo, hi];
}

function surface(
  data: ContourChartData,
  domain: { x: [number, number]; y: [number, number] },
  resolution: number,
): SampledGrid {
  let grid: SampledGrid;
  let field: string;
  if (typeof data.f === 'function') {
    grid = sampleGrid(data.f, domain.x, domain.y, resolution, resolution);
    field = 'data.f';
  } else if (data.values !== undefined) {
    field = 'data.values';
    const rows = requireArray<number[]>(KIND, field, data.values);
    if (rows.length < 2) throw new ChartError(KIND, field, `needs at least 2 rows, got ${rows.length}`);
    const nx = requireArray(KIND, `${field}[0]`, rows[0]).length;
    if (nx < 2) throw new ChartError(KIND, `${field}[0]`, `needs at least 2 columns, got ${nx}`);
    const values: number[] = [];
    rows.forEach((row, j) => {
      const r = requireArray<number>(KIND, `${field}[${j}]`, row);
      if (r.length !== nx)
        throw new ChartError(KIND, `${field}[${j}]`, `has ${r.length} columns, expected ${nx} like row 0`);
      values.push(...r);
    });
    grid = { nx, ny: rows.length, values, x: domain.x, y: domain.y };
  } else {
    throw new ChartError(KIND, 'data.f', 'or data.values is required: the loss surface to draw');
  }
  const bad = grid.values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0) {
    const i = bad % grid.nx;
    const j = Math.floor(bad / grid.nx);
    throw new ChartError(
      KIND,
      field,
      `is ${grid.values[bad]} at grid cell (${i}, ${j}); every value must be finite (restrict data.domain)`,
    );
  }
  return grid;
}

/** Contour thresholds from d3 ticks, linear or logarithmic, inside the value range. */
function thresholds(grid: SampledGrid, levels: number, log: boolean): number[] {
  const lo = min(grid.values)!;
  const hi = max(grid.values)!;
  if (lo === hi) return [lo];
  if (log) {
    if (!(lo > 0)) throw new ChartError(KIND, 'options.logLevels', `needs loss values > 0, but the smallest is ${lo}`);
    const ticks = scaleLog().domain([lo, hi]).ticks(levels);
    const step = Math.max(1, Math.round(ticks.length / levels));
    return ticks.filter((_, i) => i % step === 0).filter((t) => t > lo && t < hi);
  }
  return scaleLinear()
    .domain([lo, hi])
    .ticks(levels)
    .filter((t) => t > lo && t < hi);
}

/**
 * Contour plot of a 2-D loss with optimizer trajectories (SGD, momentum, RMSProp, Adam) as
 * polylines with step markers: a square at the start and a triangle at the end.
 *
 * @example contourChart({ f: (x, y) => x * x + 10 * y * y, domain: { x: [-2, 2], y: [-1, 1] }, trajectories: [{ name: 'SGD', points }] }, { title: 'SGD on a valley' })
 */
export function contourChart(data: ContourChartData, options: ContourChartOptions): SvgTree {
  const size = checkOptions(KIND, options, { width: 560, height: 460 });
  const obj = requireObject(KIND, 'data', data);
  const d = requireObject(KIND, 'data.domain', obj.domain);
  const domain = { x: domainAxis(d, 'x'), y: domainAxis(d, 'y') };
  const resolution =
    options.resolution === undefined ? 100 : requireInteger(KIND, 'options.resolution', options.resolution, 4, 400);
  const levels = options.levels === undefined ? 10 : requireInteger(KIND, 'options.levels', options.levels, 1, 50);
  const grid = surface(data, domain, resolution);
  const trajectories = requireArray<Trajectory>(KIND, 'data.trajectories', data.trajectories ?? []).map((t, k) => {
    const field = `data.trajectories[${k}]`;
    const o = requireObject(KIND, field, t);
    return {
      name: requireString(KIND, `${field}.name`, o.name),
      points: requireArray<[number, number]>(KIND, `${field}.points`, o.points).map((p, i) => {
        const pair = requireArray<number>(KIND, `${field}.points[${i}]`, p);
        return [
          requireFinite(KIND, `${field}.points[${i}][0]`, pair[0]),
          requireFinite(KIND, `${field}.points[${i}][1]`, pair[1]),
        ] as [number, number];
      }),
    };
  });
  const legend: LegendItem[] = trajectories.map((t, i) => ({
    label: t.name,
    colour: seriesColour(i),
    dash: seriesDash(i),
  }));
  const chart = cartesian(
    KIND,
    size,
    { field: 'data.domain.x', values: domain.x, domain: domain.x, nice: false, label: options.xLabel },
    { field: 'data.domain.y', values: domain.y, domain: domain.y, nice: false, label: options.yLabel },
    legend,
  );
  const id = chartId(KIND, options);
  const levelValues = thresholds(grid, levels, options.logLevels ?? false);
  const lo = min(grid.values)!;
  const hi = max(grid.values)!;
  // Bands are painted from the lowest threshold up, each a little darker in the theme's
  // foreground colour: a neutral ramp that follows light and dark mode and leaves the Okabe–Ito
  // colours to the trajectories.
  const bands = contourPaths(grid, [lo, ...levelValues], chart.x, chart.y).map((band, i) =>
    el('path', {
      class: 'viz-band',
      'data-level': band.value,
      d: band.d,
      fill: themeColour('fg'),
      'fill-opacity': i === 0 ? 0.03 : 0.06,
      stroke: themeColour('fg'),
      'stroke-opacity': 0.35,
      'stroke-width': i === 0 ? 0 : 0.75,
    }),
  );
  const path = d3line<[number, number]>()
    .x((p) => chart.x(p[0]))
    .y((p) => chart.y(p[1]))
    .digits(2);
  const start = symbol(symbolSquare, 56).digits(2)() ?? '';
  const end = symbol(symbolTriangle, 70).digits(2)() ?? '';
  const dot = symbol(symbolCircle, 18).digits(2)() ?? '';
  const trajectoryTrees = trajectories.map((t, k) => {
    const colour = seriesColour(k);
    const every = Math.max(1, Math.ceil(t.points.length / 60));
    const at = (p: [number, number]) => `translate(${chart.x(p[0])},${chart.y(p[1])})`;
    return el(
      'g',
      { class: 'viz-trajectory', 'data-name': t.name },
      el('path', {
        d: path(t.points) ?? '',
        fill: 'none',
        stroke: colour,
        'stroke-width': 2,
        'stroke-dasharray': seriesDash(k),
        'stroke-linejoin': 'round',
      }),
      ...t.points
        .slice(1, -1)
        .filter((_, i) => (i + 1) % every === 0)
        .map((p) => el('path', { d: dot, transform: at(p), fill: colour })),
      t.points.length > 0
        ? el('path', {
            class: 'viz-start',
            d: start,
            transform: at(t.points[0]),
            fill: colour,
            stroke: themeColour('bg'),
            'stroke-width': 1,
          })
        : null,
      t.points.length > 1
        ? el('path', {
            class: 'viz-end',
            d: end,
            transform: at(t.points[t.points.length - 1]),
            fill: colour,
            stroke: themeColour('bg'),
            'stroke-width': 1,
          })
        : null,
    );
  });
  let minimumTree: SvgTree | null = null;
  if (data.minimum !== undefined) {
    const m = requireArray<number>(KIND, 'data.minimum', data.minimum);
    const mx = chart.x(requireFinite(KIND, 'data.minimum[0]', m[0]));
    const my = chart.y(requireFinite(KIND, 'data.minimum[1]', m[1]));
    minimumTree = el('path', {
      class: 'viz-minimum',
      d: `M${mx - 6},${my - 6}L${mx + 6},${my + 6}M${mx - 6},${my + 6}L${mx + 6},${my - 6}`,
      stroke: themeColour('fg'),
      'stroke-width': 2.5,
    });
  }
  const summary = [
    `Contour plot of a loss over x from ${formatValue(domain.x[0])} to ${formatValue(domain.x[1])} and y from ${formatValue(domain.y[0])} to ${formatValue(domain.y[1])}, values from ${formatValue(lo)} to ${formatValue(hi)}, ${levelValues.length} contour levels.`,
    data.minimum ? `The minimum is marked at (${formatValue(data.minimum[0])}, ${formatValue(data.minimum[1])}).` : '',
    ...trajectories.map((t) =>
      t.points.length === 0
        ? `${t.name}: no steps.`
        : `${t.name}: ${t.points.length} points from (${t.points[0].map(formatValue).join(', ')}) to (${t.points[t.points.length - 1].map(formatValue).join(', ')}).`,
    ),
  ]
    .filter(Boolean)
    .join(' ');
  return frame({ kind: KIND, options, width: size.width, height: size.height, summary }, [
    el('defs', {}, clipPath(`${id}-clip`, chart.area)),
    el('g', { class: 'viz-bands', 'clip-path': `url(#${id}-clip)` }, ...bands),
    chart.axes,
    el('g', { class: 'viz-trajectories', 'clip-path': `url(#${id}-clip)` }, minimumTree, ...trajectoryTrees),
    chart.legend,
  ]);
}
