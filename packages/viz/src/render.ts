import { type BarChartData, type BarChartOptions, barChart } from './charts/bar.js';
import { type ContourChartData, type ContourChartOptions, contourChart } from './charts/contour.js';
import { type FunctionPlotData, type FunctionPlotOptions, functionPlot } from './charts/function.js';
import { computationalGraph, type GraphData, type GraphOptions } from './charts/graph.js';
import { type HeatmapData, type HeatmapOptions, heatmap } from './charts/heatmap.js';
import {
  type HistogramData,
  type HistogramOptions,
  histogram,
  type SmallMultiplesData,
  type SmallMultiplesOptions,
  smallMultiples,
} from './charts/histogram.js';
import { type LineChartData, type LineChartOptions, lineChart } from './charts/line.js';
import { type NetworkData, type NetworkOptions, networkDiagram } from './charts/network.js';
import { type ReceptiveFieldData, type ReceptiveFieldOptions, receptiveFieldDiagram } from './charts/receptiveField.js';
import { type ScatterChartData, type ScatterChartOptions, scatterChart } from './charts/scatter.js';
import { ChartError } from './errors.js';
import type { ChartOptions } from './frame.js';
import type { SvgTree } from './svg.js';

/**
 * The chart kinds of docs/contracts.md, plus `'small-multiples'` (a grid of histograms with
 * shared bins), which the contract's list predates.
 */
export type ChartKind =
  | 'line'
  | 'function'
  | 'scatter'
  | 'histogram'
  | 'small-multiples'
  | 'heatmap'
  | 'contour'
  | 'network'
  | 'graph'
  | 'receptive-field'
  | 'bar';

/**
 * A serialisable chart: its kind, its data and its options (with the required `title`). The
 * options may carry the kind's own options (`xLabel`, `yScale`, ...); each renderer checks them.
 */
export interface ChartSpec {
  kind: ChartKind;
  data: unknown;
  options?: ChartOptions & { [option: string]: unknown };
}

/** A spec whose data and options are type-checked against its kind. */
export type TypedChartSpec<K extends ChartKind = ChartKind> = K extends ChartKind
  ? { kind: K; data: ChartTypes[K][0]; options: ChartTypes[K][1] }
  : never;

/** Each kind's data and options types, for callers that build specs with type checking. */
export interface ChartTypes {
  line: [LineChartData, LineChartOptions];
  function: [FunctionPlotData, FunctionPlotOptions];
  scatter: [ScatterChartData, ScatterChartOptions];
  histogram: [HistogramData, HistogramOptions];
  'small-multiples': [SmallMultiplesData, SmallMultiplesOptions];
  heatmap: [HeatmapData, HeatmapOptions];
  contour: [ContourChartData, ContourChartOptions];
  network: [NetworkData, NetworkOptions];
  graph: [GraphData, GraphOptions];
  'receptive-field': [ReceptiveFieldData, ReceptiveFieldOptions];
  bar: [BarChartData, BarChartOptions];
}

/** One renderer per kind; each validates its own data and throws `ChartError` naming the field. */
const RENDERERS: { [K in ChartKind]: (data: ChartTypes[K][0], options: ChartTypes[K][1]) => SvgTree } = {
  line: lineChart,
  function: functionPlot,
  scatter: scatterChart,
  histogram,
  'small-multiples': smallMultiples,
  heatmap,
  contour: contourChart,
  network: networkDiagram,
  graph: computationalGraph,
  'receptive-field': receptiveFieldDiagram,
  bar: barChart,
};

/** Every chart kind `renderChart` accepts. */
export const chartKinds = Object.keys(RENDERERS) as ChartKind[];

/**
 * Renders a serialisable spec (e.g. a solver's `charts` entry) with the renderer of its kind.
 * Throws `ChartError` with a message naming the chart and the field on bad data.
 *
 * @example toSvgString(renderChart({ kind: 'bar', data: { bars: [{ label: 'a', value: 1 }] }, options: { title: 'Scores' } }))
 */
export function renderChart(spec: ChartSpec): SvgTree {
  if (spec === null || typeof spec !== 'object')
    throw new ChartError('unknown', 'spec', 'must be an object { kind, data, options }');
  const kind = spec.kind;
  if (typeof kind !== 'string' || !(kind in RENDERERS)) {
    throw new ChartError(String(kind), 'spec.kind', `is not a chart kind; use one of ${chartKinds.join(', ')}`);
  }
  const render = RENDERERS[kind] as (data: unknown, options: unknown) => SvgTree;
  return render(spec.data, spec.options);
}
