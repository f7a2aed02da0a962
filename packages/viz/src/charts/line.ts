import { max, min } from 'd3-array';
import { line as d3line, symbol, symbolsFill } from 'd3-shape';
import { type AxisSpec, cartesian, clipPath, formatValue, type ScaleType, seriesLegend } from '../cartesian.js';
import { ChartError } from '../errors.js';
import { type ChartOptions, chartId, frame, noDataFigure } from '../frame.js';
import { el, type SvgTree } from '../svg.js';
import { seriesColour, seriesDash } from '../theme.js';
import { checkChoice, checkOptions, checkRange, requireArray, requireObject, requireString } from '../validate.js';

/** One curve: `y` values, at `x` (default 0, 1, 2, ...). Non-finite values leave a gap. */
export interface LineSeries {
  name: string;
  y: number[];
  x?: number[];
}

/** Data of a line chart: several named series (loss, accuracy, learning-rate curves). */
export interface LineChartData {
  series: LineSeries[];
}

/** Options of a line chart. */
export interface LineChartOptions extends ChartOptions {
  xLabel?: string;
  yLabel?: string;
  /** `'log'` for losses and learning rates spanning decades (default `'linear'`). */
  xScale?: ScaleType;
  yScale?: ScaleType;
  /** Fixed axis ranges instead of the data's extent. */
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** Draw a marker at every point (default: only for series of fewer than 25 points). */
  markers?: boolean;
}

const KIND = 'line';

/** A validated series with its points; `null` coordinates are gaps. */
interface CheckedSeries {
  name: string;
  points: [number, number][];
  finiteCount: number;
}

function checkSeries(data: unknown, options: LineChartOptions): CheckedSeries[] {
  checkChoice(KIND, 'options.xScale', options.xScale, ['linear', 'log'] as const);
  checkChoice(KIND, 'options.yScale', options.yScale, ['linear', 'log'] as const);
  const obj = requireObject(KIND, 'data', data);
  const series = requireArray(KIND, 'data.series', obj.series);
  return series.map((raw, s) => {
    const field = `data.series[${s}]`;
    const item = requireObject(KIND, field, raw);
    const name = requireString(KIND, `${field}.name`, item.name);
    const ys = requireArray<number>(KIND, `${field}.y`, item.y);
    const xs = item.x === undefined ? ys.map((_, i) => i) : requireArray<number>(KIND, `${field}.x`, item.x);
    if (xs.length !== ys.length) {
      throw new ChartError(
        KIND,
        `${field}.x`,
        `has ${xs.length} values but ${field}.y has ${ys.length}; they must match`,
      );
    }
    const points: [number, number][] = [];
    let finiteCount = 0;
    for (let i = 0; i < ys.length; i++) {
      const x = xs[i];
      const y = ys[i];
      if (typeof x !== 'number' && x !== null) throw new ChartError(KIND, `${field}.x[${i}]`, 'must be a number');
      if (typeof y !== 'number' && y !== null) throw new ChartError(KIND, `${field}.y[${i}]`, 'must be a number');
      const finite = Number.isFinite(x) && Number.isFinite(y);
      if (finite) {
        finiteCount++;
        if (options.xScale === 'log' && x <= 0) {
          throw new ChartError(KIND, `${field}.x[${i}]`, `is ${x}; a log x scale needs every value > 0`);
        }
        if (options.yScale === 'log' && y <= 0) {
          throw new ChartError(KIND, `${field}.y[${i}]`, `is ${y}; a log y scale needs every value > 0`);
        }
      }
      points.push([x ?? Number.NaN, y ?? Number.NaN]);
    }
    return { name, points, finiteCount };
  });
}

/**
 * Line chart of several series with a legend, axis labels and an optional log scale: loss,
 * accuracy and learning-rate curves. NaN/Infinity (a diverged loss) leave gaps in the line and
 * are counted in the description.
 *
 * @example lineChart({ series: [{ name: 'train', y: [2.3, 1.1, 0.6] }] }, { title: 'Loss', yScale: 'log' })
 */
export function lineChart(data: LineChartData, options: LineChartOptions): SvgTree {
  const size = checkOptions(KIND, options, { width: 640, height: 360 });
  const series = checkSeries(data, options);
  const total = series.reduce((n, s) => n + s.finiteCount, 0);
  if (total === 0)
    return noDataFigure(KIND, options, size.width, size.height, series.length === 0 ? 'no series' : 'no finite points');
  for (const [axis, scale] of [
    ['x', options.xScale],
    ['y', options.yScale],
  ] as const) {
    const range = options[`${axis}Domain`];
    if (scale === 'log' && range !== undefined && !(range[0] > 0)) {
      throw new ChartError(
        KIND,
        `options.${axis}Domain`,
        `starts at ${range[0]}; a log ${axis} scale needs a range above 0`,
      );
    }
  }
  const finite = series.flatMap((s) => s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)));
  const xSpec: AxisSpec = {
    field: 'data.series[].x',
    values: finite.map((p) => p[0]),
    type: options.xScale,
    label: options.xLabel,
    domain: checkRange(KIND, 'options.xDomain', options.xDomain),
    integer: finite.every((p) => Number.isInteger(p[0])),
  };
  const ySpec: AxisSpec = {
    field: 'data.series[].y',
    values: finite.map((p) => p[1]),
    type: options.yScale,
    label: options.yLabel,
    domain: checkRange(KIND, 'options.yDomain', options.yDomain),
  };
  const chart = cartesian(KIND, size, xSpec, ySpec, seriesLegend(series.map((s) => s.name)));
  const id = chartId(KIND, options);
  const defined = (p: [number, number]) => Number.isFinite(p[0]) && Number.isFinite(p[1]);
  const path = d3line<[number, number]>()
    .defined(defined)
    .x((p) => chart.x(p[0]))
    .y((p) => chart.y(p[1]))
    .digits(2);
  const [xLo, xHi] = chart.x.domain();
  const [yLo, yHi] = chart.y.domain();
  const inDomain = ([x, y]: [number, number]) =>
    x >= xLo && x <= xHi && y >= Math.min(yLo, yHi) && y <= Math.max(yLo, yHi);
  const lines: SvgTree[] = [];
  const markers: SvgTree[] = [];
  series.forEach((s, i) => {
    const colour = seriesColour(i);
    const sorted = [...s.points].sort((a, b) => a[0] - b[0]);
    lines.push(
      el('path', {
        class: 'viz-series',
        'data-series': s.name,
        d: path(sorted) ?? '',
        fill: 'none',
        stroke: colour,
        'stroke-width': 2,
        'stroke-dasharray': seriesDash(i),
        'stroke-linejoin': 'round',
      }),
    );
    if (!(options.markers ?? s.finiteCount < 25)) return;
    // Markers are not clipped (one on the plot's edge stays whole); those outside a fixed domain are left out.
    const marker = symbol(symbolsFill[i % symbolsFill.length], 36).digits(2)() ?? '';
    markers.push(
      el(
        'g',
        { class: 'viz-markers', 'data-series': s.name, fill: colour },
        ...sorted
          .filter((p) => defined(p) && inDomain(p))
          .map(([x, y]) => el('path', { d: marker, transform: `translate(${chart.x(x)},${chart.y(y)})` })),
      ),
    );
  });
  const gaps = series.reduce((n, s) => n + s.points.length - s.finiteCount, 0);
  const summary = [
    `Line chart of ${series.length} series: ${series
      .map((s) => {
        const ys = s.points.filter(defined).map((p) => p[1]);
        return ys.length === 0
          ? `${s.name} (no finite points)`
          : `${s.name} (${ys.length} points, y from ${formatValue(min(ys)!)} to ${formatValue(max(ys)!)})`;
      })
      .join('; ')}.`,
    `x axis${options.xLabel ? ` (${options.xLabel})` : ''}${options.xScale === 'log' ? ', log scale' : ''}; y axis${options.yLabel ? ` (${options.yLabel})` : ''}${options.yScale === 'log' ? ', log scale' : ''}.`,
    gaps > 0 ? `${gaps} non-finite values (NaN or Infinity) are left out as gaps.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return frame({ kind: KIND, options, width: size.width, height: size.height, summary }, [
    el('defs', {}, clipPath(`${id}-clip`, chart.area)),
    chart.grid,
    el('g', { class: 'viz-marks', 'clip-path': `url(#${id}-clip)` }, ...lines),
    chart.axes,
    ...markers,
    chart.legend,
  ]);
}
