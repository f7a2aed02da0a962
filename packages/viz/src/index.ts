/**
 * @i2dl/viz: charts and diagrams for deep-learning exams as SVG element trees or strings,
 * rendered without a DOM (Node, Astro, Preact islands alike). See README.md.
 */
export const version = '0.1.0';

export type { ScaleType } from './cartesian.js';
export { ACTIVATION_NAMES, type ActivationName } from './charts/activations.js';
export { type BarChartData, type BarChartOptions, barChart } from './charts/bar.js';
export { type ContourChartData, type ContourChartOptions, contourChart, type Trajectory } from './charts/contour.js';
export { type FunctionPlotData, type FunctionPlotOptions, functionPlot, type MarkedPoint } from './charts/function.js';
export {
  computationalGraph,
  type GraphData,
  type GraphLayout,
  type GraphNodeData,
  type GraphOptions,
  layoutGraph,
} from './charts/graph.js';
export { type HeatmapData, type HeatmapOptions, heatmap } from './charts/heatmap.js';
export {
  type HistogramData,
  type HistogramOptions,
  histogram,
  type SmallMultiplesData,
  type SmallMultiplesOptions,
  smallMultiples,
} from './charts/histogram.js';
export { type LineChartData, type LineChartOptions, type LineSeries, lineChart } from './charts/line.js';
export {
  layoutNetwork,
  type NetworkData,
  type NetworkLayer,
  type NetworkLayout,
  type NetworkNode,
  type NetworkOptions,
  networkDiagram,
  weightLabelsOverlap,
} from './charts/network.js';
export {
  type FieldGrid,
  type ReceptiveFieldData,
  type ReceptiveFieldLayer,
  type ReceptiveFieldOptions,
  receptiveFieldDiagram,
  receptiveFieldGrids,
} from './charts/receptiveField.js';
export { type ScatterChartData, type ScatterChartOptions, type ScatterPoint, scatterChart } from './charts/scatter.js';
export type { ColourScheme } from './colour.js';
export { ChartError } from './errors.js';
export type { ChartOptions } from './frame.js';
export { type Box, boxesOverlap } from './labels.js';
export {
  type ChartKind,
  type ChartSpec,
  type ChartTypes,
  chartKinds,
  renderChart,
  type TypedChartSpec,
} from './render.js';
export { type SvgTree, toSvgString } from './svg.js';
export { DARK_THEME, LIGHT_THEME, OKABE_ITO, THEME_FALLBACKS, themeCss } from './theme.js';
