import { max, min } from 'd3-array';
import { scaleBand, scaleLinear } from 'd3-scale';
import { formatShort, formatValue, paddedExtent, ticksOf } from '../cartesian.js';
import { type ChartOptions, frame, noDataFigure } from '../frame.js';
import { el, type SvgTree } from '../svg.js';
import { FONT, seriesColour, textWidth, themeColour } from '../theme.js';
import { checkChoice, checkOptions, requireArray, requireFinite, requireObject, requireString } from '../validate.js';

/** Data of a bar chart: labelled values (topic frequencies, per-problem scores). */
export interface BarChartData {
  bars: { label: string; value: number }[];
}

/** Options of a bar chart. */
export interface BarChartOptions extends ChartOptions {
  /**
   * `'vertical'` bars, `'horizontal'` bars (room for long labels), or `'auto'` (default):
   * vertical when every label fits under its bar, else horizontal.
   */
  orientation?: 'auto' | 'horizontal' | 'vertical';
  /** Title of the value axis (under horizontal bars, beside vertical ones), whatever the orientation. */
  valueLabel?: string;
  /** Title of the category axis (beside horizontal bars, under vertical ones). */
  categoryLabel?: string;
  /** Print each value at its bar (default true). */
  showValues?: boolean;
}

const KIND = 'bar';

/** An axis title under the plot. */
function xAxisLabel(text: string, x: number, y: number): SvgTree {
  return el('text', { class: 'viz-axis-label', x, y, 'text-anchor': 'middle', 'font-size': FONT.label }, text);
}

/** A rotated axis title along the left edge. */
function yAxisLabel(text: string, y: number): SvgTree {
  return el(
    'text',
    {
      class: 'viz-axis-label',
      transform: `translate(14,${y}) rotate(-90)`,
      'text-anchor': 'middle',
      'font-size': FONT.label,
    },
    text,
  );
}

/**
 * Bar chart of labelled values; a band scale places the bars, a linear scale (from zero) sizes them.
 *
 * @example barChart({ bars: [{ label: 'backpropagation', value: 12 }, { label: 'cnn', value: 9 }] }, { title: 'Topics' })
 */
export function barChart(data: BarChartData, options: BarChartOptions): SvgTree {
  const bars = requireArray(KIND, 'data.bars', requireObject(KIND, 'data', data).bars).map((raw, i) => {
    const b = requireObject(KIND, `data.bars[${i}]`, raw);
    return {
      label: requireString(KIND, `data.bars[${i}].label`, b.label),
      value: requireFinite(KIND, `data.bars[${i}].value`, b.value),
    };
  });
  const orientation =
    checkChoice(KIND, 'options.orientation', options?.orientation, ['auto', 'horizontal', 'vertical'] as const) ??
    'auto';
  const labelWidth = Math.max(0, ...bars.map((b) => textWidth(b.label, FONT.tick)));
  const defaultWidth = options?.width ?? 640;
  const horizontal =
    orientation === 'horizontal' ||
    (orientation === 'auto' && labelWidth + 6 > ((defaultWidth - 80) / Math.max(1, bars.length)) * 0.8);
  const size = checkOptions(KIND, options, {
    width: 640,
    height: horizontal ? Math.max(160, Math.min(900, 60 + bars.length * 28)) : 360,
  });
  if (bars.length === 0) return noDataFigure(KIND, options, size.width, size.height, 'no bars');
  const values = bars.map((b) => b.value);
  const showValues = options.showValues ?? true;
  const domain = paddedExtent([...values, 0]);
  const value = scaleLinear().domain(domain).nice();
  const [lo, hi] = value.domain();
  const valueWidth = showValues ? (max(values, (v) => textWidth(formatShort(v), FONT.small)) ?? 0) + 8 : 0;
  const axisColour = themeColour('axis');
  let marks: SvgTree[];
  let axis: SvgTree;
  if (horizontal) {
    const left = Math.min(size.width * 0.45, labelWidth + 16) + (options.categoryLabel ? 22 : 0);
    const top = 12;
    const bottom = size.height - (options.valueLabel ? 44 : 26);
    const right = size.width - 16 - valueWidth;
    value.range([left, right]);
    const band = scaleBand<number>()
      .domain(bars.map((_, i) => i))
      .range([top, bottom])
      .padding(0.2);
    const ticks = ticksOf(value, 'linear', Math.max(2, Math.round((right - left) / 90)));
    marks = bars.map((b, i) =>
      el(
        'g',
        { class: 'viz-bar' },
        el('rect', {
          x: Math.min(value(0), value(b.value)),
          y: band(i)!,
          width: Math.abs(value(b.value) - value(0)),
          height: band.bandwidth(),
          fill: seriesColour(0),
          'data-value': b.value,
        }),
        el('text', { x: left - 6, y: band(i)! + band.bandwidth() / 2, dy: '0.32em', 'text-anchor': 'end' }, b.label),
        showValues
          ? el(
              'text',
              {
                class: 'viz-value',
                x: value(Math.max(b.value, 0)) + 4,
                y: band(i)! + band.bandwidth() / 2,
                dy: '0.32em',
                'font-size': FONT.small,
              },
              formatShort(b.value),
            )
          : null,
      ),
    );
    axis = el(
      'g',
      { class: 'viz-axes' },
      el(
        'g',
        { class: 'viz-grid', stroke: themeColour('grid') },
        ...ticks.map((t) => el('line', { x1: value(t.value), x2: value(t.value), y1: top, y2: bottom })),
      ),
      el('line', { x1: value(0), x2: value(0), y1: top, y2: bottom, stroke: axisColour }),
      el('line', { x1: left, x2: right, y1: bottom, y2: bottom, stroke: axisColour }),
      ...ticks.map((t) => el('text', { x: value(t.value), y: bottom + 16, 'text-anchor': 'middle' }, t.label)),
      options.valueLabel ? xAxisLabel(options.valueLabel, (left + right) / 2, size.height - 8) : null,
      options.categoryLabel ? yAxisLabel(options.categoryLabel, (top + bottom) / 2) : null,
    );
  } else {
    const rotate = labelWidth > (size.width - 80) / bars.length - 6;
    const bottom =
      size.height -
      (rotate ? Math.min(size.height * 0.4, labelWidth * 0.72 + 16) : 26) -
      (options.categoryLabel ? 18 : 0);
    const top = 12 + (showValues ? 14 : 0);
    const ticks = ticksOf(value, 'linear', Math.max(2, Math.round((bottom - top) / 50)));
    const left = Math.max(...ticks.map((t) => textWidth(t.label, FONT.tick))) + 14 + (options.valueLabel ? 22 : 0);
    const right = size.width - 16;
    value.range([bottom, top]);
    const band = scaleBand<number>()
      .domain(bars.map((_, i) => i))
      .range([left, right])
      .padding(0.2);
    marks = bars.map((b, i) => {
      const cx = band(i)! + band.bandwidth() / 2;
      return el(
        'g',
        { class: 'viz-bar' },
        el('rect', {
          x: band(i)!,
          y: Math.min(value(0), value(b.value)),
          width: band.bandwidth(),
          height: Math.abs(value(b.value) - value(0)),
          fill: seriesColour(0),
          'data-value': b.value,
        }),
        rotate
          ? el(
              'text',
              { transform: `translate(${cx},${bottom + 8}) rotate(-45)`, 'text-anchor': 'end', dy: '0.32em' },
              b.label,
            )
          : el('text', { x: cx, y: bottom + 16, 'text-anchor': 'middle' }, b.label),
        showValues
          ? el(
              'text',
              {
                class: 'viz-value',
                x: cx,
                y: value(Math.max(b.value, 0)) - 4,
                'text-anchor': 'middle',
                'font-size': FONT.small,
              },
              formatShort(b.value),
            )
          : null,
      );
    });
    axis = el(
      'g',
      { class: 'viz-axes' },
      el(
        'g',
        { class: 'viz-grid', stroke: themeColour('grid') },
        ...ticks.map((t) => el('line', { x1: left, x2: right, y1: value(t.value), y2: value(t.value) })),
      ),
      el('line', { x1: left, x2: right, y1: value(0), y2: value(0), stroke: axisColour }),
      el('line', { x1: left, x2: left, y1: top, y2: bottom, stroke: axisColour }),
      ...ticks.map((t) => el('text', { x: left - 6, y: value(t.value), dy: '0.32em', 'text-anchor': 'end' }, t.label)),
      options.valueLabel ? yAxisLabel(options.valueLabel, (top + bottom) / 2) : null,
      options.categoryLabel ? xAxisLabel(options.categoryLabel, (left + right) / 2, size.height - 8) : null,
    );
  }
  const summary = `Bar chart of ${bars.length} values from ${formatValue(min(values)!)} to ${formatValue(max(values)!)} (axis ${formatValue(lo)} to ${formatValue(hi)}): ${bars.map((b) => `${b.label}: ${formatShort(b.value)}`).join('; ')}.`;
  return frame({ kind: KIND, options, width: size.width, height: size.height, summary }, [
    axis,
    el('g', { class: 'viz-bars' }, ...marks),
  ]);
}
