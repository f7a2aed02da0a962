import dagre from '@dagrejs/dagre';
import { curveBasis, line as d3line } from 'd3-shape';
import { formatShort } from '../cartesian.js';
import { ChartError } from '../errors.js';
import { type ChartOptions, chartId, frame, noDataFigure } from '../frame.js';
import type { Box } from '../labels.js';
import { el, type SvgTree } from '../svg.js';
import { FONT, seriesColour, textWidth, themeColour } from '../theme.js';
import { checkChoice, checkOptions, describe, requireArray, requireObject, requireString } from '../validate.js';
import { arrowMarker } from './network.js';

/** One node of an autograd graph, structurally `GraphNode` from `@i2dl/core` (docs/contracts.md). */
export interface GraphNodeData {
  id: string;
  op: string;
  label: string | null;
  inputs: string[];
  shape: number[];
  value: number[];
  grad: number[] | null;
}

/** Data of a computational graph: a `GraphExport` from `@i2dl/core`'s `exportGraph(result)`. */
export interface GraphData {
  nodes: GraphNodeData[];
  output: string;
}

/** Options of a computational graph. */
export interface GraphOptions extends ChartOptions {
  /** Print forward values (default true); false leaves blanks for "fill in the graph" exercises. */
  showValues?: boolean;
  /** Print gradients (default true); false leaves blanks. */
  showGrads?: boolean;
  /** Tensors with more elements than this are summarised by their shape (default 4). */
  maxInline?: number;
  /** Layout direction (default `'LR'`, inputs on the left). */
  direction?: 'LR' | 'TB';
}

const KIND = 'graph';
const MAX_NODES = 400;
const LINE = 16;
const BLANK = '______';

function checkGraph(data: GraphData): GraphData {
  const obj = requireObject(KIND, 'data', data);
  const nodes = requireArray(KIND, 'data.nodes', obj.nodes).map((raw, k): GraphNodeData => {
    const f = `data.nodes[${k}]`;
    const n = requireObject(KIND, f, raw);
    const shape = requireArray<number>(KIND, `${f}.shape`, n.shape);
    shape.forEach((s, d) => {
      if (!Number.isInteger(s) || s < 0)
        throw new ChartError(KIND, `${f}.shape[${d}]`, `must be a non-negative integer, got ${describe(s)}`);
    });
    const size = shape.reduce((a, b) => a * b, 1);
    const value = requireArray<number>(KIND, `${f}.value`, n.value);
    if (value.length !== size)
      throw new ChartError(
        KIND,
        `${f}.value`,
        `has ${value.length} numbers, but shape [${shape.join(', ')}] needs ${size}`,
      );
    const grad = n.grad === null || n.grad === undefined ? null : requireArray<number>(KIND, `${f}.grad`, n.grad);
    if (grad && grad.length !== size)
      throw new ChartError(
        KIND,
        `${f}.grad`,
        `has ${grad.length} numbers, but shape [${shape.join(', ')}] needs ${size}`,
      );
    for (const [name, list] of [
      ['value', value],
      ['grad', grad ?? []],
    ] as const) {
      list.forEach((v, i) => {
        if (typeof v !== 'number' && v !== null)
          throw new ChartError(KIND, `${f}.${name}[${i}]`, `must be a number, got ${describe(v)}`);
      });
    }
    return {
      id: requireString(KIND, `${f}.id`, n.id),
      op: requireString(KIND, `${f}.op`, n.op),
      label: n.label === null || n.label === undefined ? null : requireString(KIND, `${f}.label`, n.label),
      inputs: requireArray(KIND, `${f}.inputs`, n.inputs).map((id, i) => requireString(KIND, `${f}.inputs[${i}]`, id)),
      shape,
      value,
      grad,
    };
  });
  if (nodes.length > MAX_NODES)
    throw new ChartError(KIND, 'data.nodes', `has ${nodes.length} nodes; at most ${MAX_NODES} can be laid out legibly`);
  const index = new Map<string, number>();
  nodes.forEach((n, k) => {
    if (index.has(n.id))
      throw new ChartError(
        KIND,
        `data.nodes[${k}].id`,
        `"${n.id}" is used twice (also by data.nodes[${index.get(n.id)}])`,
      );
    index.set(n.id, k);
  });
  nodes.forEach((n, k) => {
    n.inputs.forEach((id, i) => {
      if (!index.has(id))
        throw new ChartError(KIND, `data.nodes[${k}].inputs[${i}]`, `refers to "${id}", which is not a node id`);
    });
  });
  const output = requireString(KIND, 'data.output', obj.output);
  if (nodes.length > 0 && !index.has(output))
    throw new ChartError(KIND, 'data.output', `is "${output}", which is not a node id`);
  const cycle = findCycle(nodes, index);
  if (cycle) {
    const k = index.get(cycle[0])!;
    throw new ChartError(
      KIND,
      `data.nodes[${k}].inputs`,
      `closes a cycle ${cycle.join(' → ')}; an autograd graph has none`,
    );
  }
  return { nodes, output };
}

/** A cycle through the inputs as a list of ids (first = last), or null for a DAG. Iterative DFS. */
function findCycle(nodes: GraphNodeData[], index: Map<string, number>): string[] | null {
  const state = new Array<0 | 1 | 2>(nodes.length).fill(0);
  for (let root = 0; root < nodes.length; root++) {
    if (state[root] !== 0) continue;
    const stack: { k: number; next: number }[] = [{ k: root, next: 0 }];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const inputs = nodes[top.k].inputs;
      if (top.next >= inputs.length) {
        state[top.k] = 2;
        stack.pop();
        continue;
      }
      const child = index.get(inputs[top.next++])!;
      if (state[child] === 1) {
        const path = stack.slice(stack.findIndex((s) => s.k === child)).map((s) => nodes[s.k].id);
        return [...path, nodes[child].id];
      }
      if (state[child] === 0) {
        state[child] = 1;
        stack.push({ k: child, next: 0 });
      }
    }
  }
  return null;
}

/** A tensor's numbers for a node box: the values when few, else its shape. */
function formatTensor(values: number[], shape: number[], maxInline: number): string {
  if (values.length > maxInline) return `shape ${shape.join('×')}`;
  const fmt = (v: number | null) => (v === null ? 'NaN' : formatShort(v));
  if (shape.length === 0) return fmt(values[0]);
  return `[${values.map(fmt).join(', ')}]`;
}

/** The text lines of a node box. */
function nodeLines(
  n: GraphNodeData,
  options: Omit<GraphOptions, 'title'>,
): { title: string; value: string; grad: string | null } {
  const maxInline = options.maxInline ?? 4;
  const title = n.label ? (n.op === 'leaf' ? n.label : `${n.label} = ${n.op}`) : n.op;
  const value = options.showValues === false ? `value ${BLANK}` : `value ${formatTensor(n.value, n.shape, maxInline)}`;
  let grad: string | null = null;
  if (options.showGrads === false) grad = `grad ${BLANK}`;
  else if (n.grad) grad = `grad ${formatTensor(n.grad, n.shape, maxInline)}`;
  return { title, value, grad };
}

/** Geometry of a laid-out computational graph (viewBox units). */
export interface GraphLayout {
  width: number;
  height: number;
  nodes: { id: string; box: Box; lines: ReturnType<typeof nodeLines> }[];
  edges: { from: string; to: string; points: { x: number; y: number }[] }[];
}

/**
 * Lays out the graph with dagre (left to right by default): node boxes sized to their text,
 * edges from each input to the node computed from it.
 */
export function layoutGraph(data: GraphData, options: Omit<GraphOptions, 'title'> = {}): GraphLayout {
  const graph = checkGraph(data);
  const g = new dagre.graphlib.Graph({ multigraph: true });
  const direction = checkChoice(KIND, 'options.direction', options.direction, ['LR', 'TB'] as const) ?? 'LR';
  g.setGraph({ rankdir: direction, nodesep: 18, ranksep: 40, edgesep: 10, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  const lines = new Map(graph.nodes.map((n) => [n.id, nodeLines(n, options)]));
  for (const n of graph.nodes) {
    const l = lines.get(n.id)!;
    const width =
      Math.max(
        textWidth(l.title, FONT.tick),
        textWidth(l.value, FONT.small),
        l.grad ? textWidth(l.grad, FONT.small) : 0,
      ) + 20;
    g.setNode(n.id, { width: Math.max(64, width), height: 12 + LINE * (l.grad ? 3 : 2) });
  }
  // An op may take the same input twice (x * x): one edge each, kept apart by name.
  for (const n of graph.nodes) {
    n.inputs.forEach((input, i) => {
      g.setEdge(input, n.id, {}, `${i}`);
    });
  }
  dagre.layout(g);
  const size = g.graph();
  return {
    width: Math.ceil(size.width ?? 0),
    height: Math.ceil(size.height ?? 0),
    nodes: graph.nodes.map((n) => {
      const p = g.node(n.id);
      return {
        id: n.id,
        lines: lines.get(n.id)!,
        box: { x: p.x! - p.width / 2, y: p.y! - p.height / 2, width: p.width, height: p.height },
      };
    }),
    edges: graph.nodes.flatMap((n) =>
      n.inputs.map((input, i) => ({
        from: input,
        to: n.id,
        points: (g.edge({ v: input, w: n.id, name: `${i}` }).points ?? []) as { x: number; y: number }[],
      })),
    ),
  };
}

/**
 * Computational graph of an autograd result (a `GraphExport` from `@i2dl/core`), laid out left
 * to right with dagre. Each node shows its op or label, its forward value and its gradient;
 * tensors larger than `maxInline` elements show their shape. `showValues: false` /
 * `showGrads: false` leave blanks for "fill in the graph" exercises.
 *
 * @example computationalGraph(exportGraph(loss), { title: 'Backprop through a neuron', showGrads: false })
 */
export function computationalGraph(data: GraphData, options: GraphOptions): SvgTree {
  checkOptions(KIND, options, { width: 640, height: 360 });
  const graph = checkGraph(data);
  if (graph.nodes.length === 0)
    return noDataFigure(KIND, options, options.width ?? 480, options.height ?? 200, 'no nodes');
  const layout = layoutGraph(graph, options);
  const id = chartId(KIND, options);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const path = d3line<{ x: number; y: number }>()
    .x((p) => p.x)
    .y((p) => p.y)
    .curve(curveBasis)
    .digits(2);
  const edges = layout.edges.map((e) =>
    el('path', {
      class: 'viz-edge',
      'data-from': e.from,
      'data-to': e.to,
      d: path(e.points) ?? '',
      fill: 'none',
      stroke: themeColour('axis'),
      'stroke-width': 1.25,
      'marker-end': `url(#${id}-arrow)`,
    }),
  );
  const nodes = layout.nodes.map(({ id: nodeId, box, lines }) => {
    const n = byId.get(nodeId)!;
    const leaf = n.op === 'leaf';
    const isOutput = nodeId === graph.output;
    const cx = box.x + box.width / 2;
    return el(
      'g',
      { class: `viz-node${leaf ? ' viz-leaf' : ''}${isOutput ? ' viz-output' : ''}`, 'data-id': nodeId },
      el('rect', {
        x: box.x,
        y: box.y,
        width: box.width,
        height: box.height,
        rx: leaf ? 3 : 10,
        fill: themeColour(leaf ? 'node' : 'bg'),
        stroke: isOutput ? themeColour('accent') : leaf ? seriesColour(0) : themeColour('fg'),
        'stroke-width': isOutput ? 2.5 : 1.5,
      }),
      el(
        'text',
        { x: cx, y: box.y + 6 + LINE / 2, dy: '0.32em', 'text-anchor': 'middle', 'font-weight': 600 },
        lines.title,
      ),
      el(
        'text',
        {
          class: 'viz-value',
          x: cx,
          y: box.y + 6 + LINE * 1.5,
          dy: '0.32em',
          'text-anchor': 'middle',
          'font-size': FONT.small,
        },
        lines.value,
      ),
      lines.grad
        ? el(
            'text',
            {
              class: 'viz-grad',
              x: cx,
              y: box.y + 6 + LINE * 2.5,
              dy: '0.32em',
              'text-anchor': 'middle',
              'font-size': FONT.small,
              fill: seriesColour(1),
            },
            lines.grad,
          )
        : null,
    );
  });
  const summary = `Computational graph with ${graph.nodes.length} nodes, inputs on the ${options.direction === 'TB' ? 'top' : 'left'}; output ${graph.output}. ${layout.nodes
    .map(({ id: nodeId, lines }) => {
      const n = byId.get(nodeId)!;
      const from = n.inputs.length
        ? ` from ${n.inputs.map((i) => nodeLines(byId.get(i)!, options).title).join(', ')}`
        : '';
      return `${lines.title}${from}: ${lines.value}${lines.grad ? `, ${lines.grad}` : ''}`;
    })
    .join('; ')}.`;
  const width = Math.max(layout.width, 120);
  // Never scale below 80% of the natural size (11-unit text stays ≥ 8.8 px): long graphs scroll.
  const minWidth = width > 720 ? width * 0.8 : undefined;
  return frame({ kind: KIND, options, width, height: Math.max(layout.height, 60), summary, minWidth }, [
    el('defs', {}, arrowMarker(`${id}-arrow`)),
    el('g', { class: 'viz-edges' }, ...edges),
    el('g', { class: 'viz-nodes' }, ...nodes),
  ]);
}
