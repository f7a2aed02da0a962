import { max, range } from 'd3-array';
import { scalePoint } from 'd3-scale';
import { formatShort } from '../cartesian.js';
import { ChartError } from '../errors.js';
import { type ChartOptions, chartId, frame, noDataFigure } from '../frame.js';
import { type Box, boxesOverlap } from '../labels.js';
import { el, type SvgTree } from '../svg.js';
import { FONT, textWidth, themeColour } from '../theme.js';
import { checkOptions, requireArray, requireFinite, requireObject, requireString } from '../validate.js';

/** A neuron: its name, and optionally its value (e.g. after a forward pass). */
export interface NetworkNode {
  label: string;
  value?: number;
}

/** A layer of neurons; nodes may be given as plain names. */
export interface NetworkLayer {
  name?: string;
  nodes: (string | NetworkNode)[];
}

/**
 * Data of a layered network diagram, from weight tables in PyTorch's `nn.Linear` layout:
 * `weights[l][j][i]` is the weight from node i of layer l to node j of layer l + 1
 * (out × in). `biases[l][j]` is the bias of node j of layer l + 1, drawn as an edge from a
 * bias node "1" under layer l; `null` skips a layer's biases.
 */
export interface NetworkData {
  layers: NetworkLayer[];
  weights: number[][][];
  biases?: (number[] | null)[];
}

/** Options of a network diagram. */
export interface NetworkOptions extends ChartOptions {
  /** Print the weights on the edges (default true). */
  showWeights?: boolean;
  /** Print node values where given (default true). */
  showValues?: boolean;
}

const KIND = 'network';
const MAX_NODES_PER_LAYER = 32;

interface PlacedNode {
  layer: number;
  index: number;
  label: string;
  value?: number;
  bias: boolean;
  x: number;
  y: number;
  r: number;
}

function checkNetwork(data: NetworkData) {
  const obj = requireObject(KIND, 'data', data);
  const layers = requireArray(KIND, 'data.layers', obj.layers).map((raw, l) => {
    const layer = requireObject(KIND, `data.layers[${l}]`, raw);
    const name = layer.name === undefined ? `layer ${l}` : requireString(KIND, `data.layers[${l}].name`, layer.name);
    const nodes = requireArray(KIND, `data.layers[${l}].nodes`, layer.nodes).map((n, i): NetworkNode => {
      if (typeof n === 'string') return { label: n };
      const node = requireObject(KIND, `data.layers[${l}].nodes[${i}]`, n);
      const label = requireString(KIND, `data.layers[${l}].nodes[${i}].label`, node.label);
      return node.value === undefined
        ? { label }
        : { label, value: requireFinite(KIND, `data.layers[${l}].nodes[${i}].value`, node.value) };
    });
    if (nodes.length === 0)
      throw new ChartError(KIND, `data.layers[${l}].nodes`, `is empty; layer "${name}" needs at least one node`);
    if (nodes.length > MAX_NODES_PER_LAYER)
      throw new ChartError(
        KIND,
        `data.layers[${l}].nodes`,
        `has ${nodes.length} nodes; at most ${MAX_NODES_PER_LAYER} per layer can be drawn legibly`,
      );
    return { name, nodes };
  });
  const weights = requireArray<number[][]>(KIND, 'data.weights', obj.weights);
  if (layers.length > 0 && weights.length !== layers.length - 1) {
    throw new ChartError(
      KIND,
      'data.weights',
      `has ${weights.length} matrices, expected ${layers.length - 1} (one between each pair of the ${layers.length} layers)`,
    );
  }
  const checked = weights.map((m, l) => {
    const rows = requireArray<number[]>(KIND, `data.weights[${l}]`, m);
    const out = layers[l + 1];
    const inp = layers[l];
    if (rows.length !== out.nodes.length) {
      throw new ChartError(
        KIND,
        `data.weights[${l}]`,
        `has ${rows.length} rows, expected ${out.nodes.length} (one per node of layer "${out.name}"; weights are out × in like nn.Linear)`,
      );
    }
    return rows.map((row, j) => {
      const cols = requireArray<number>(KIND, `data.weights[${l}][${j}]`, row);
      if (cols.length !== inp.nodes.length) {
        throw new ChartError(
          KIND,
          `data.weights[${l}][${j}]`,
          `has ${cols.length} columns, expected ${inp.nodes.length} (one per node of layer "${inp.name}")`,
        );
      }
      return cols.map((w, i) => requireFinite(KIND, `data.weights[${l}][${j}][${i}]`, w));
    });
  });
  const biases = obj.biases === undefined ? [] : requireArray<number[] | null>(KIND, 'data.biases', obj.biases);
  if (biases.length > Math.max(0, layers.length - 1))
    throw new ChartError(KIND, 'data.biases', `has ${biases.length} entries, expected at most ${layers.length - 1}`);
  const checkedBiases = biases.map((b, l) => {
    if (b === null) return null;
    const list = requireArray<number>(KIND, `data.biases[${l}]`, b);
    const out = layers[l + 1];
    if (list.length !== out.nodes.length)
      throw new ChartError(
        KIND,
        `data.biases[${l}]`,
        `has ${list.length} values, expected ${out.nodes.length} (one per node of layer "${out.name}")`,
      );
    return list.map((v, j) => requireFinite(KIND, `data.biases[${l}][${j}]`, v));
  });
  return { layers, weights: checked, biases: checkedBiases };
}

/** Geometry of a network diagram, exposed for tests and for callers that add their own marks. */
export interface NetworkLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: { from: PlacedNode; to: PlacedNode; weight: number; label: { x: number; y: number; box: Box } }[];
}

/**
 * Lays out the network: d3 point scales spread the layers across the width and each layer's
 * nodes (plus its bias node) down the height, centred. Each weight label sits on its edge where
 * it clears the nodes and the labels placed before it.
 */
export function layoutNetwork(
  data: NetworkData,
  options: Pick<NetworkOptions, 'width' | 'height' | 'showValues'> = {},
): NetworkLayout {
  const { layers, weights, biases } = checkNetwork(data);
  const rows = Math.max(...layers.map((layer, l) => layer.nodes.length + (biases[l] ? 1 : 0)));
  const width = options.width ?? Math.max(480, Math.min(960, 200 * layers.length));
  const fixedHeight = options.height ?? Math.max(240, Math.min(900, 70 + rows * 88));
  const top = 40;
  const bottom = fixedHeight - 20;
  const step = Math.min(96, (bottom - top) / Math.max(1, rows));
  const radius = (label: string, value?: number) =>
    Math.max(
      20,
      textWidth(label, FONT.tick) / 2 + 6,
      value !== undefined && options.showValues !== false ? textWidth(formatShort(value), FONT.small) / 2 + 6 : 0,
    );
  const maxR = max(layers.flatMap((layer) => layer.nodes.map((n) => radius(n.label, n.value)))) ?? 20;
  const x = scalePoint<number>()
    .domain(range(layers.length))
    .range([40 + maxR, width - 40 - maxR])
    .align(0.5);
  const nodes: PlacedNode[] = [];
  const byLayer: PlacedNode[][] = layers.map((layer, l) => {
    const count = layer.nodes.length + (biases[l] ? 1 : 0);
    const centre = (top + bottom) / 2;
    const y = scalePoint<number>()
      .domain(range(count))
      .range([centre - ((count - 1) * step) / 2, centre + ((count - 1) * step) / 2]);
    const placed = layer.nodes.map(
      (n, i): PlacedNode => ({
        layer: l,
        index: i,
        label: n.label,
        value: n.value,
        bias: false,
        x: x(l)!,
        y: y(i)!,
        r: radius(n.label, n.value),
      }),
    );
    if (biases[l])
      placed.push({
        layer: l,
        index: layer.nodes.length,
        label: '1',
        bias: true,
        x: x(l)!,
        y: y(layer.nodes.length)!,
        r: 14,
      });
    nodes.push(...placed);
    return placed;
  });
  // Without a fixed height, trim the blank band left by centring: the highest node sits just
  // under the layer names and the figure ends just under the lowest one.
  let height = fixedHeight;
  if (options.height === undefined) {
    const highest = Math.min(...nodes.map((n) => n.y - n.r));
    const lowest = Math.max(...nodes.map((n) => n.y + n.r));
    for (const n of nodes) n.y += top - 6 - highest;
    height = Math.ceil(lowest - highest + top + 8);
  }
  const edges: NetworkLayout['edges'] = [];
  const nodeBoxes: Box[] = nodes.map((n) => ({ x: n.x - n.r, y: n.y - n.r, width: 2 * n.r, height: 2 * n.r }));
  // Greedy label placement: each weight sits on its own edge, at the first fraction of the way
  // (from the source) where it overlaps no node and no label placed before it.
  const fractions = [0.22, 0.3, 0.38, 0.46, 0.54, 0.62, 0.7];
  const add = (from: PlacedNode, to: PlacedNode, weight: number) => {
    const w = textWidth(formatShort(weight), FONT.small) + 4;
    const at = (t: number) => {
      const x = from.x + t * (to.x - from.x);
      const y = from.y + t * (to.y - from.y);
      return { x, y, box: { x: x - w / 2, y: y - 7, width: w, height: 14 } };
    };
    const conflicts = (box: Box) =>
      nodeBoxes.filter((b) => boxesOverlap(b, box)).length + edges.filter((e) => boxesOverlap(e.label.box, box)).length;
    let best = at(fractions[0]);
    let fewest = conflicts(best.box);
    for (const t of fractions.slice(1)) {
      if (fewest === 0) break;
      const candidate = at(t);
      const n = conflicts(candidate.box);
      if (n < fewest) [best, fewest] = [candidate, n];
    }
    edges.push({ from, to, weight, label: best });
  };
  weights.forEach((matrix, l) => {
    const targets = byLayer[l + 1].filter((n) => !n.bias);
    const sources = byLayer[l];
    sources.forEach((source, i) => {
      if (source.bias) return;
      targets.forEach((target, j) => {
        add(source, target, matrix[j][i]);
      });
    });
    const b = biases[l];
    if (b) {
      const biasNode = sources[sources.length - 1];
      b.forEach((v, j) => {
        add(biasNode, targets[j], v);
      });
    }
  });
  return { width, height, nodes, edges };
}

/**
 * Layered network diagram from weight tables: layers of named nodes with optional values,
 * edges labelled with their weights, and optional bias nodes.
 *
 * @example networkDiagram({ layers: [{ name: 'input', nodes: ['x1', 'x2'] }, { name: 'output', nodes: ['y'] }], weights: [[[0.5, -1]]] }, { title: '2-1 network' })
 */
export function networkDiagram(data: NetworkData, options: NetworkOptions): SvgTree {
  checkOptions(KIND, options, { width: 640, height: 360 });
  if (requireArray(KIND, 'data.layers', requireObject(KIND, 'data', data).layers).length === 0) {
    return noDataFigure(KIND, options, options.width ?? 480, options.height ?? 240, 'no layers');
  }
  const layout = layoutNetwork(data, options);
  const id = chartId(KIND, options);
  const showWeights = options.showWeights ?? true;
  const showValues = options.showValues ?? true;
  const { layers } = checkNetwork(data);
  const edgeTrees = layout.edges.map((e) => {
    const dx = e.to.x - e.from.x;
    const dy = e.to.y - e.from.y;
    const len = Math.hypot(dx, dy) || 1;
    return el('line', {
      class: e.from.bias ? 'viz-edge viz-bias-edge' : 'viz-edge',
      x1: e.from.x + (dx / len) * e.from.r,
      y1: e.from.y + (dy / len) * e.from.r,
      x2: e.to.x - (dx / len) * (e.to.r + 3),
      y2: e.to.y - (dy / len) * (e.to.r + 3),
      stroke: themeColour(e.from.bias ? 'muted' : 'axis'),
      'stroke-width': 1.25,
      'stroke-dasharray': e.from.bias ? '4 3' : undefined,
      'marker-end': `url(#${id}-arrow)`,
    });
  });
  const labelTrees = showWeights
    ? layout.edges.map((e) =>
        el(
          'text',
          {
            class: 'viz-weight',
            x: e.label.x,
            y: e.label.y,
            dy: '0.32em',
            'text-anchor': 'middle',
            'font-size': FONT.small,
            stroke: themeColour('bg'),
            'stroke-width': 4,
            'paint-order': 'stroke',
            'stroke-linejoin': 'round',
          },
          formatShort(e.weight),
        ),
      )
    : [];
  const nodeTrees = layout.nodes.map((n) => {
    const hasValue = showValues && n.value !== undefined;
    return el(
      'g',
      { class: n.bias ? 'viz-node viz-bias' : 'viz-node' },
      el('circle', {
        cx: n.x,
        cy: n.y,
        r: n.r,
        fill: themeColour(n.bias ? 'bg' : 'node'),
        stroke: themeColour(n.bias ? 'muted' : 'fg'),
        'stroke-width': 1.5,
        'stroke-dasharray': n.bias ? '3 2' : undefined,
      }),
      el(
        'text',
        {
          x: n.x,
          y: hasValue ? n.y - 6 : n.y,
          dy: '0.32em',
          'text-anchor': 'middle',
          'font-size': n.bias ? FONT.small : FONT.tick,
          'font-weight': 600,
        },
        n.label,
      ),
      hasValue
        ? el(
            'text',
            { class: 'viz-value', x: n.x, y: n.y + 8, dy: '0.32em', 'text-anchor': 'middle', 'font-size': FONT.small },
            formatShort(n.value!),
          )
        : null,
    );
  });
  const layerNames = layers.map((layer, l) => {
    const node = layout.nodes.find((n) => n.layer === l)!;
    return el(
      'text',
      {
        class: 'viz-layer-name',
        x: node.x,
        y: 20,
        'text-anchor': 'middle',
        'font-size': FONT.label,
        fill: themeColour('muted'),
      },
      layer.name,
    );
  });
  const summary = `Network with layers ${layers.map((layer) => `${layer.name} (${layer.nodes.map((n) => (n.value !== undefined ? `${n.label} = ${formatShort(n.value)}` : n.label)).join(', ')})`).join(', ')}. Weights: ${layout.edges.map((e) => `${e.from.label} → ${e.to.label}: ${formatShort(e.weight)}`).join('; ')}.`;
  return frame({ kind: KIND, options, width: layout.width, height: layout.height, summary }, [
    el('defs', {}, arrowMarker(`${id}-arrow`)),
    el('g', { class: 'viz-layer-names' }, ...layerNames),
    el('g', { class: 'viz-edges' }, ...edgeTrees),
    el('g', { class: 'viz-weights' }, ...labelTrees),
    el('g', { class: 'viz-nodes' }, ...nodeTrees),
  ]);
}

/** A small arrowhead that takes the edge's colour. */
export function arrowMarker(id: string): SvgTree {
  return el(
    'marker',
    { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
    el('path', { d: 'M0,0L10,5L0,10Z', fill: themeColour('axis') }),
  );
}

/** Whether any two weight labels of a layout overlap (used by the tests and by callers). */
export function weightLabelsOverlap(layout: NetworkLayout): boolean {
  const boxes = layout.edges.map((e) => e.label.box);
  return boxes.some((a, i) => boxes.some((b, j) => j > i && boxesOverlap(a, b)));
}
