import { max, min, range } from 'd3-array';
import { scaleBand, scaleLinear } from 'd3-scale';
import { formatShort, formatValue } from '../cartesian.js';
import { type ColourScheme, colourScale, textOn } from '../colour.js';
import { ChartError } from '../errors.js';
import { type ChartOptions, chartId, frame, noDataFigure } from '../frame.js';
import { el, type SvgTree } from '../svg.js';
import { FONT, textWidth, themeColour } from '../theme.js';
import { checkChoice, checkOptions, checkRange, requireArray, requireFinite, requireObject } from '../validate.js';

/** Data of a heatmap: a matrix `values[row][column]`, with optional labels. */
export interface HeatmapData {
  values: number[][];
  rowLabels?: string[];
  colLabels?: string[];
}

/** Options of a heatmap. */
export interface HeatmapOptions extends ChartOptions {
  /** Default: `'diverging'` when values have both signs, else `'sequential'`. */
  scheme?: ColourScheme;
  /** Print values in the cells (default: when the matrix is at most 12 × 12). */
  showValues?: boolean;
  /** Fixed colour range instead of the data's [min, max]. */
  domain?: [number, number];
  /** Axis titles, e.g. 'predicted' and 'true' for a confusion matrix. */
  xLabel?: string;
  yLabel?: string;
}

const KIND = 'heatmap';

/** How the column labels are set: lines per label (wrapped when needed) or rotated. */
type ColumnLabels =
  | { kind: 'none'; height: number }
  | { kind: 'lines'; lines: string[][]; height: number }
  | { kind: 'rotated'; widest: number; height: number };

/**
 * Splits text at spaces into lines no wider than `maxWidth` (estimated), or null when a single
 * word is already too wide.
 */
function wrapWords(text: string, maxWidth: number, fontSize: number): string[] | null {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (textWidth(word, fontSize) > maxWidth) return null;
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidth(`${last} ${word}`, fontSize) <= maxWidth)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length === 0 ? [''] : lines;
}
/** More cells than this would make a multi-megabyte SVG; summarise such tensors first. */
const MAX_CELLS = 250_000;

/**
 * Heatmap / matrix: kernels, feature maps, confusion matrices, attention weights. Small
 * matrices print their values; a colour bar with d3 ticks shows the scale.
 *
 * @example heatmap({ values: [[5, 1], [2, 7]], rowLabels: ['cat', 'dog'], colLabels: ['cat', 'dog'] }, { title: 'Confusion matrix' })
 */
export function heatmap(data: HeatmapData, options: HeatmapOptions): SvgTree {
  const rows = requireArray<number[]>(KIND, 'data.values', requireObject(KIND, 'data', data).values);
  const nRows = rows.length;
  const nCols = nRows === 0 ? 0 : requireArray(KIND, 'data.values[0]', rows[0]).length;
  const size = checkOptions(KIND, options, {
    width: 560,
    height: Math.max(220, Math.min(560, 120 + Math.max(nRows, 1) * 44)),
  });
  if (nRows === 0 || nCols === 0) return noDataFigure(KIND, options, size.width, size.height, 'empty matrix');
  if (nRows * nCols > MAX_CELLS)
    throw new ChartError(
      KIND,
      'data.values',
      `has ${nRows}×${nCols} cells; at most ${MAX_CELLS} can be drawn, so downsample it first`,
    );
  const values = rows.map((row, r) => {
    const cells = requireArray<number>(KIND, `data.values[${r}]`, row);
    if (cells.length !== nCols)
      throw new ChartError(KIND, `data.values[${r}]`, `has ${cells.length} columns, expected ${nCols} like row 0`);
    return cells.map((v, c) => requireFinite(KIND, `data.values[${r}][${c}]`, v));
  });
  const labels = (field: 'rowLabels' | 'colLabels', n: number): string[] | null => {
    if (data[field] === undefined) return null;
    const list = requireArray<string>(KIND, `data.${field}`, data[field]).map(String);
    if (list.length !== n)
      throw new ChartError(
        KIND,
        `data.${field}`,
        `has ${list.length} labels, expected ${n} (one per ${field === 'rowLabels' ? 'row' : 'column'})`,
      );
    return list;
  };
  const rowLabels = labels('rowLabels', nRows);
  const colLabels = labels('colLabels', nCols);
  const flat = values.flat();
  const fixed = checkRange(KIND, 'options.domain', options.domain);
  const lo = fixed?.[0] ?? min(flat)!;
  const hi = fixed?.[1] ?? max(flat)!;
  const scheme =
    checkChoice(KIND, 'options.scheme', options.scheme, ['sequential', 'diverging'] as const) ??
    (lo < 0 && hi > 0 ? 'diverging' : 'sequential');
  const colour = colourScale(scheme, lo, hi);
  const showValues = options.showValues ?? (nRows <= 12 && nCols <= 12);

  // Room for labels, then the largest square cells that fit.
  const rowLabelWidth = rowLabels ? (max(rowLabels, (l) => textWidth(l, FONT.tick)) ?? 0) + 8 : 0;
  const left = 12 + (options.yLabel ? 20 : 0) + rowLabelWidth;
  const legendWidth = 76;
  const cellFor = (top: number) =>
    Math.max(1, Math.min((size.width - left - legendWidth - 12) / nCols, (size.height - top - 12) / nRows));
  // Column labels: one line if they fit over their column, else wrapped onto up to three lines,
  // else rotated by 45°. The label space changes the cell size, so decide with the cell it gives.
  const topOf = (labelHeight: number) => 12 + (options.xLabel ? 20 : 0) + labelHeight;
  let colLayout: ColumnLabels = { kind: 'none', height: 0 };
  if (colLabels) {
    const wrapped = colLabels.map((l) => wrapWords(l, cellFor(topOf(20)) - 6, FONT.tick));
    const lines = max(wrapped, (w) => w?.length ?? 99) ?? 1;
    if (lines === 1) colLayout = { kind: 'lines', lines: wrapped as string[][], height: 20 };
    else if (lines <= 3) colLayout = { kind: 'lines', lines: wrapped as string[][], height: 6 + lines * 14 };
    else {
      const widest = max(colLabels, (l) => textWidth(l, FONT.tick)) ?? 0;
      colLayout = { kind: 'rotated', widest, height: widest * Math.SQRT1_2 + 12 };
    }
  }
  const top = topOf(colLayout.height);
  const cell = cellFor(top);
  const x = scaleBand<number>()
    .domain(range(nCols))
    .range([left, left + cell * nCols]);
  const y = scaleBand<number>()
    .domain(range(nRows))
    .range([top, top + cell * nRows]);
  const fontSize = Math.min(FONT.tick, cell * 0.32);
  const cells = values.flatMap((row, r) =>
    row.map((v, c) => {
      const fill = colour(v);
      return el(
        'g',
        { class: 'viz-cell' },
        el('rect', { x: x(c)!, y: y(r)!, width: x.bandwidth(), height: y.bandwidth(), fill, 'data-value': v }),
        showValues
          ? el(
              'text',
              {
                x: x(c)! + cell / 2,
                y: y(r)! + cell / 2,
                dy: '0.32em',
                'text-anchor': 'middle',
                'font-size': fontSize,
                fill: textOn(fill),
              },
              formatShort(v),
            )
          : null,
      );
    }),
  );
  const gridRight = left + cell * nCols;
  const gridBottom = top + cell * nRows;
  const rowLabelTrees =
    rowLabels?.map((l, r) => el('text', { x: left - 6, y: y(r)! + cell / 2, dy: '0.32em', 'text-anchor': 'end' }, l)) ??
    [];
  const colLabelTrees =
    colLabels?.map((l, c) => {
      const cx = x(c)! + cell / 2;
      if (colLayout.kind === 'rotated') {
        return el('text', { x: cx, y: top - 6, transform: `rotate(-45,${cx},${top - 6})`, 'text-anchor': 'start' }, l);
      }
      const lines = colLayout.kind === 'lines' ? colLayout.lines[c] : [l];
      return el(
        'text',
        { x: cx, y: top - 6 - (lines.length - 1) * 14, 'text-anchor': 'middle' },
        ...lines.map((line, i) => el('tspan', { x: cx, dy: i === 0 ? undefined : 14 }, line)),
      );
    }) ?? [];

  // Colour bar: a gradient sampled from the scale, with d3 ticks beside it.
  const id = chartId(KIND, options);
  const barX = gridRight + 16;
  const barH = Math.min(gridBottom - top, 240);
  const barDomain: [number, number] =
    scheme === 'diverging'
      ? [-Math.max(Math.abs(lo), Math.abs(hi)) || -1, Math.max(Math.abs(lo), Math.abs(hi)) || 1]
      : lo === hi
        ? [lo - 1, hi + 1]
        : [lo, hi];
  const barScale = scaleLinear()
    .domain(barDomain)
    .range([top + barH, top]);
  const stops = range(11).map((i) => {
    const v = barDomain[0] + ((barDomain[1] - barDomain[0]) * i) / 10;
    return el('stop', { offset: `${i * 10}%`, 'stop-color': colour(v) });
  });
  const barTicks = barScale.ticks(Math.max(2, Math.round(barH / 40)));
  const tickFormat = barScale.tickFormat(barTicks.length);
  const colourBar = el(
    'g',
    { class: 'viz-colour-bar' },
    el('rect', {
      x: barX,
      y: top,
      width: 12,
      height: barH,
      fill: `url(#${id}-gradient)`,
      stroke: themeColour('axis'),
      'stroke-width': 0.5,
    }),
    ...barTicks.map((t) =>
      el(
        'g',
        {},
        el('line', { x1: barX + 12, x2: barX + 16, y1: barScale(t), y2: barScale(t), stroke: themeColour('axis') }),
        el('text', { x: barX + 19, y: barScale(t), dy: '0.32em', 'font-size': FONT.small }, tickFormat(t)),
      ),
    ),
  );
  // Without a fixed width, the viewBox ends after the colour bar instead of leaving a blank margin.
  const tickWidth = Math.max(...barTicks.map((t) => textWidth(tickFormat(t), FONT.small)));
  const rotatedReach =
    colLayout.kind === 'rotated' ? left + cell * (nCols - 0.5) + colLayout.widest * Math.SQRT1_2 + 8 : 0;
  const width = options.width ?? Math.min(size.width, Math.ceil(Math.max(barX + 19 + tickWidth + 12, rotatedReach)));
  const height = options.height ?? Math.min(size.height, Math.ceil(gridBottom + 12));
  const summary = `Heatmap of a ${nRows}×${nCols} matrix, values from ${formatValue(min(flat)!)} to ${formatValue(max(flat)!)}${
    showValues
      ? `: ${values.map((row, r) => `${rowLabels?.[r] ?? `row ${r + 1}`}: ${row.map((v) => formatShort(v)).join(', ')}`).join('; ')}`
      : ''
  }.`;
  return frame({ kind: KIND, options, width, height, summary }, [
    el('defs', {}, el('linearGradient', { id: `${id}-gradient`, x1: 0, y1: 1, x2: 0, y2: 0 }, ...stops)),
    el('g', { class: 'viz-cells' }, ...cells),
    el('rect', {
      x: left,
      y: top,
      width: gridRight - left,
      height: gridBottom - top,
      fill: 'none',
      stroke: themeColour('axis'),
      'stroke-width': 1,
    }),
    el('g', { class: 'viz-row-labels' }, ...rowLabelTrees),
    el('g', { class: 'viz-col-labels' }, ...colLabelTrees),
    options.xLabel
      ? el(
          'text',
          {
            class: 'viz-axis-label',
            x: (left + gridRight) / 2,
            y: 16,
            'text-anchor': 'middle',
            'font-size': FONT.label,
          },
          options.xLabel,
        )
      : null,
    options.yLabel
      ? el(
          'text',
          {
            class: 'viz-axis-label',
            transform: `translate(16,${(top + gridBottom) / 2}) rotate(-90)`,
            'text-anchor': 'middle',
            'font-size': FONT.label,
          },
          options.yLabel,
        )
      : null,
    colourBar,
  ]);
}
