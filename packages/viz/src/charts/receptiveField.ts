import { sum } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { ChartError } from '../errors.js';
import { type ChartOptions, frame } from '../frame.js';
import { el, type SvgTree } from '../svg.js';
import { FONT, textWidth, themeColour } from '../theme.js';
import { checkOptions, requireArray, requireInteger, requireObject } from '../validate.js';

/** A convolution or pooling layer as it affects the receptive field. */
export interface ReceptiveFieldLayer {
  name?: string;
  kernel: number;
  stride?: number;
  padding?: number;
  dilation?: number;
}

/** Data of a receptive-field diagram. */
export interface ReceptiveFieldData {
  /** Input height and width (a number for a square input). */
  inputSize: number | [number, number];
  layers: ReceptiveFieldLayer[];
  /** `[row, column]` of the output position whose receptive field is shown (default: the centre). */
  position?: [number, number];
}

/** Options of a receptive-field diagram. */
export type ReceptiveFieldOptions = ChartOptions;

const KIND = 'receptive-field';
const MAX_SIZE = 128;

/** One grid of the diagram: the input or a layer's output, with the field of the chosen position. */
export interface FieldGrid {
  name: string;
  rows: number;
  cols: number;
  /** Padding drawn around this grid (the padding of the next layer). */
  pad: number;
  /** Rows and columns covered by the receptive field (inclusive; may reach into the padding). */
  rowRange: [number, number];
  colRange: [number, number];
  /** Receptive field size in input pixels of one cell of this grid. */
  field: number;
  /** Whether the output size divides evenly; false means the last rows/columns of the input are unused. */
  exact: boolean;
}

/**
 * Output sizes and receptive-field ranges, layer by layer:
 * `out = ⌊(in + 2p − d(k − 1) − 1) / s⌋ + 1` forward, and the range [a, b] of an output maps
 * back to [a·s − p, b·s − p + d(k − 1)] in the layer's input.
 */
export function receptiveFieldGrids(data: ReceptiveFieldData): FieldGrid[] {
  const obj = requireObject(KIND, 'data', data);
  const size = Array.isArray(obj.inputSize) ? obj.inputSize : [obj.inputSize, obj.inputSize];
  if (size.length !== 2)
    throw new ChartError(KIND, 'data.inputSize', `must be a number or [height, width], got ${size.length} values`);
  const inH = requireInteger(KIND, 'data.inputSize', size[0], 1, MAX_SIZE);
  const inW = requireInteger(KIND, 'data.inputSize', size[1], 1, MAX_SIZE);
  const layers = requireArray(KIND, 'data.layers', obj.layers).map((raw, l) => {
    const f = `data.layers[${l}]`;
    const layer = requireObject(KIND, f, raw);
    return {
      name: typeof layer.name === 'string' ? layer.name : `layer ${l + 1}`,
      k: requireInteger(KIND, `${f}.kernel`, layer.kernel, 1, 64),
      s: layer.stride === undefined ? 1 : requireInteger(KIND, `${f}.stride`, layer.stride, 1, 64),
      p: layer.padding === undefined ? 0 : requireInteger(KIND, `${f}.padding`, layer.padding, 0, 64),
      d: layer.dilation === undefined ? 1 : requireInteger(KIND, `${f}.dilation`, layer.dilation, 1, 64),
    };
  });
  const grids: FieldGrid[] = [
    {
      name: 'input',
      rows: inH,
      cols: inW,
      pad: layers[0]?.p ?? 0,
      rowRange: [0, 0],
      colRange: [0, 0],
      field: 1,
      exact: true,
    },
  ];
  let field = 1;
  let jump = 1;
  layers.forEach((layer, l) => {
    const prev = grids[grids.length - 1];
    const span = layer.d * (layer.k - 1) + 1;
    const outOf = (n: number, axis: string) => {
      const room = n + 2 * layer.p - span;
      if (room < 0) {
        throw new ChartError(
          KIND,
          `data.layers[${l}]`,
          `(${layer.name}) has an effective kernel of ${span} but its input is only ${n} + 2·${layer.p} padding wide along ${axis}; no output is left`,
        );
      }
      return { size: Math.floor(room / layer.s) + 1, exact: room % layer.s === 0 };
    };
    const h = outOf(prev.rows, 'the height');
    const w = outOf(prev.cols, 'the width');
    field += (span - 1) * jump;
    jump *= layer.s;
    grids.push({
      name: layer.name,
      rows: h.size,
      cols: w.size,
      pad: layers[l + 1]?.p ?? 0,
      rowRange: [0, 0],
      colRange: [0, 0],
      field,
      exact: h.exact && w.exact,
    });
  });
  const last = grids[grids.length - 1];
  const pos =
    obj.position === undefined
      ? [Math.floor((last.rows - 1) / 2), Math.floor((last.cols - 1) / 2)]
      : requireArray<number>(KIND, 'data.position', obj.position);
  const row = requireInteger(KIND, 'data.position[0]', pos[0], 0, last.rows - 1);
  const col = requireInteger(KIND, 'data.position[1]', pos[1], 0, last.cols - 1);
  last.rowRange = [row, row];
  last.colRange = [col, col];
  for (let l = layers.length - 1; l >= 0; l--) {
    const { s, p, d, k } = layers[l];
    const out = grids[l + 1];
    const back = ([a, b]: [number, number]): [number, number] => [a * s - p, b * s - p + d * (k - 1)];
    grids[l].rowRange = back(out.rowRange);
    grids[l].colRange = back(out.colRange);
  }
  return grids;
}

/**
 * Receptive-field diagram: the input grid and every layer's output grid side by side at the
 * same cell size, with the receptive field of one output position highlighted in each, padding
 * drawn dashed, and connectors from each field to the cells it feeds.
 *
 * @example receptiveFieldDiagram({ inputSize: 9, layers: [{ kernel: 3 }, { kernel: 3, stride: 2 }] }, { title: 'Receptive field' })
 */
export function receptiveFieldDiagram(data: ReceptiveFieldData, options: ReceptiveFieldOptions): SvgTree {
  const size = checkOptions(KIND, options, { width: 640, height: 340 });
  const grids = receptiveFieldGrids(data);
  const gap = 36;
  const top = 20;
  const labelSpace = 60;
  const maxRows = Math.max(...grids.map((g) => g.rows + 2 * g.pad));
  // Under each grid: its name, its size and (for layers) the receptive field, one per line.
  const captions = grids.map((g, i) =>
    i === 0 ? [`${g.rows}×${g.cols}`] : [`${g.rows}×${g.cols}`, `RF ${g.field}×${g.field}`],
  );
  const labelWidths = grids.map(
    (g, i) => Math.max(textWidth(g.name, FONT.label), ...captions[i].map((c) => textWidth(c, FONT.small))) + 8,
  );
  // Each grid gets a slot as wide as the grid or its caption; shrink the common cell size until
  // the slots fit the width (and the tallest grid fits the height).
  const slotsWidth = (c: number) =>
    sum(grids, (g, i) => Math.max((g.cols + 2 * g.pad) * c, labelWidths[i])) + gap * (grids.length - 1);
  let cell = Math.min(28, (size.height - top - labelSpace) / maxRows);
  while (cell > 0.5 && slotsWidth(cell) > size.width - 24) cell *= 0.95;
  const height = options.height ?? Math.ceil(top + maxRows * cell + labelSpace);
  let x0 = (size.width - slotsWidth(cell)) / 2;
  const placed = grids.map((g, i) => {
    const outerW = (g.cols + 2 * g.pad) * cell;
    const outerH = (g.rows + 2 * g.pad) * cell;
    const slot = Math.max(outerW, labelWidths[i]);
    const left = x0 + (slot - outerW) / 2 + g.pad * cell;
    const gTop = top + (maxRows * cell - outerH) / 2 + g.pad * cell;
    x0 += slot + gap;
    // d3 linear scales from cell index to position, one per axis.
    const xs = scaleLinear()
      .domain([0, g.cols])
      .range([left, left + g.cols * cell]);
    const ys = scaleLinear()
      .domain([0, g.rows])
      .range([gTop, gTop + g.rows * cell]);
    return { g, xs, ys };
  });
  const lines = (from: number, to: number, at: (i: number) => string) =>
    Array.from({ length: to - from + 1 }, (_, i) => at(from + i)).join('');
  const trees = placed.map(({ g, xs, ys }, i) => {
    const isLast = i === placed.length - 1;
    const rx = xs(g.colRange[0]);
    const ry = ys(g.rowRange[0]);
    const rw = xs(g.colRange[1] + 1) - rx;
    const rh = ys(g.rowRange[1] + 1) - ry;
    const padded =
      g.pad > 0
        ? el(
            'g',
            { class: 'viz-padding' },
            el('rect', {
              x: xs(-g.pad),
              y: ys(-g.pad),
              width: xs(g.cols + g.pad) - xs(-g.pad),
              height: ys(g.rows + g.pad) - ys(-g.pad),
              fill: 'none',
              stroke: themeColour('muted'),
              'stroke-dasharray': '3 3',
            }),
            el('path', {
              d:
                lines(-g.pad, g.cols + g.pad, (c) => `M${xs(c)},${ys(-g.pad)}V${ys(g.rows + g.pad)}`) +
                lines(-g.pad, g.rows + g.pad, (r) => `M${xs(-g.pad)},${ys(r)}H${xs(g.cols + g.pad)}`),
              stroke: themeColour('grid'),
              'stroke-dasharray': '2 3',
              fill: 'none',
            }),
          )
        : null;
    const gridLines =
      cell >= 3
        ? el('path', {
            class: 'viz-cells',
            d:
              lines(0, g.cols, (c) => `M${xs(c)},${ys(0)}V${ys(g.rows)}`) +
              lines(0, g.rows, (r) => `M${xs(0)},${ys(r)}H${xs(g.cols)}`),
            stroke: themeColour('axis'),
            'stroke-width': 0.6,
            fill: 'none',
          })
        : null;
    return el(
      'g',
      { class: 'viz-field-grid', 'data-name': g.name },
      padded,
      el('rect', {
        x: xs(0),
        y: ys(0),
        width: xs(g.cols) - xs(0),
        height: ys(g.rows) - ys(0),
        fill: themeColour('node'),
      }),
      el('rect', {
        class: isLast ? 'viz-output-cell' : 'viz-field',
        x: rx,
        y: ry,
        width: rw,
        height: rh,
        fill: themeColour(isLast ? 'accent' : 'highlight'),
        'fill-opacity': isLast ? 0.85 : 0.45,
      }),
      gridLines,
      el('rect', {
        x: rx,
        y: ry,
        width: rw,
        height: rh,
        fill: 'none',
        stroke: themeColour('accent'),
        'stroke-width': 2,
      }),
      el(
        'text',
        {
          x: (xs(0) + xs(g.cols)) / 2,
          y: top + maxRows * cell + 16,
          'text-anchor': 'middle',
          'font-size': FONT.label,
          'font-weight': 600,
        },
        g.name,
      ),
      el(
        'text',
        {
          x: (xs(0) + xs(g.cols)) / 2,
          y: top + maxRows * cell + 32,
          'text-anchor': 'middle',
          'font-size': FONT.small,
          fill: themeColour('muted'),
        },
        ...captions[i].map((line, k) =>
          el('tspan', { x: (xs(0) + xs(g.cols)) / 2, dy: k === 0 ? undefined : 14 }, line),
        ),
      ),
    );
  });
  const connectors = placed.slice(0, -1).map(({ g, xs, ys }, i) => {
    const next = placed[i + 1];
    const a = { x: xs(g.colRange[1] + 1), y1: ys(g.rowRange[0]), y2: ys(g.rowRange[1] + 1) };
    const b = { x: next.xs(next.g.colRange[0]), y1: next.ys(next.g.rowRange[0]), y2: next.ys(next.g.rowRange[1] + 1) };
    return el('path', {
      class: 'viz-connector',
      d: `M${a.x},${a.y1}L${b.x},${b.y1}M${a.x},${a.y2}L${b.x},${b.y2}`,
      stroke: themeColour('accent'),
      'stroke-width': 1,
      'stroke-dasharray': '4 2',
      fill: 'none',
    });
  });
  const last = grids[grids.length - 1];
  const input = grids[0];
  const clipped =
    input.rowRange[0] < 0 ||
    input.colRange[0] < 0 ||
    input.rowRange[1] >= input.rows ||
    input.colRange[1] >= input.cols;
  const summary = [
    `Receptive field of output position (${last.rowRange[0]}, ${last.colRange[0]}) of ${last.name} (${last.rows}×${last.cols}): ${last.field}×${last.field} input pixels, rows ${input.rowRange[0]} to ${input.rowRange[1]} and columns ${input.colRange[0]} to ${input.colRange[1]} of the ${input.rows}×${input.cols} input${clipped ? ' (partly in the padding)' : ''}.`,
    `Grids: ${grids.map((g) => `${g.name} ${g.rows}×${g.cols}`).join(', ')}.`,
    grids.some((g) => !g.exact)
      ? 'Some layers do not divide their input evenly, so their last rows or columns are not used.'
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  return frame({ kind: KIND, options, width: size.width, height, summary }, [...connectors, ...trees]);
}
