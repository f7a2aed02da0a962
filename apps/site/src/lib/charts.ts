// Charts through @i2dl/viz: one place that turns a ChartSpec into SVG markup and turns a bad
// spec into a visible message instead of a broken build or page.
import { renderChart, toSvgString } from '@i2dl/viz';

/** The SVG of a chart, or an error box that says why it could not be drawn. */
export function chartSvg(spec: unknown): string {
  try {
    // biome-ignore lint/suspicious/noExplicitAny: the spec is validated by renderChart itself.
    return toSvgString(renderChart(spec as any));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `<div class="error-box" role="alert">This figure could not be drawn: ${message.replace(/[<>&]/g, '')}</div>`;
  }
}
