/**
 * Thrown for data a chart cannot draw. The message names the chart kind and the field, e.g.
 * `network chart: data.weights[0] has 2 rows, expected 3 (one per node of layer "hidden")`.
 */
export class ChartError extends Error {
  override readonly name = 'ChartError';
  /** The chart kind, e.g. `'line'`. */
  readonly chart: string;
  /** The path of the offending field, e.g. `'data.series[1].points[4]'`. */
  readonly field: string;

  constructor(chart: string, field: string, message: string) {
    super(`${chart} chart: ${field} ${message}`);
    this.chart = chart;
    this.field = field;
  }
}
