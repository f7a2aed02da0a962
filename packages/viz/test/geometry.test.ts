import { bin } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { describe, expect, test } from 'vitest';
import {
  boxesOverlap,
  contourChart,
  functionPlot,
  heatmap,
  histogram,
  layoutGraph,
  layoutNetwork,
  lineChart,
  receptiveFieldGrids,
  scatterChart,
  weightLabelsOverlap,
} from '../src/index.js';
import { batchNormGraph, network232 } from './fixtures.js';
import { byClass, findAll, pathPoints, plotArea, text, tickLabels, translation } from './helpers.js';

describe('axes: domains and ticks come from d3', () => {
  test('a linear axis is extended to nice round values and ticked at them', () => {
    const tree = lineChart({ series: [{ name: 'loss', x: [0, 1, 2], y: [0.4, 3, 9.3] }] }, { title: 'Loss' });
    expect(tickLabels(tree, 'y')).toEqual(['0', '2', '4', '6', '8', '10']);
    // Whole-number x values (epochs) get whole-number ticks only.
    expect(tickLabels(tree, 'x')).toEqual(['0', '1', '2']);
    const fractional = lineChart({ series: [{ name: 'loss', x: [0, 0.5, 2], y: [1, 2, 3] }] }, { title: 'Loss' });
    expect(tickLabels(fractional, 'x')).toEqual([
      '0.0',
      '0.2',
      '0.4',
      '0.6',
      '0.8',
      '1.0',
      '1.2',
      '1.4',
      '1.6',
      '1.8',
      '2.0',
    ]);
  });

  test('a log axis labels the ticks d3 labels, in exponent form below 0.001', () => {
    const tree = lineChart(
      { series: [{ name: 'lr', x: [1, 2, 3, 4], y: [1e-1, 1e-2, 1e-3, 1e-4] }] },
      { title: 'Learning rate', yScale: 'log' },
    );
    expect(tickLabels(tree, 'y')).toEqual(['1e-4', '2e-4', '0.001', '0.002', '0.01', '0.02', '0.1']);
    const decades = lineChart({ series: [{ name: 'lr', y: [1e-1, 1e-8] }] }, { title: 'Decades', yScale: 'log' });
    expect(tickLabels(decades, 'y')).toEqual(['1e-8', '1e-7', '1e-6', '1e-5', '1e-4', '0.001', '0.01', '0.1']);
  });

  test('all-equal values get a padded domain instead of a zero-height axis', () => {
    const tree = lineChart({ series: [{ name: 'flat', y: [5, 5, 5] }] }, { title: 'Flat' });
    const labels = tickLabels(tree, 'y').map(Number);
    expect(Math.min(...labels)).toBeLessThan(5);
    expect(Math.max(...labels)).toBeGreaterThan(5);
  });

  test('x tick labels that do not fit switch to SI prefixes on a narrow chart', () => {
    const tree = lineChart(
      { series: [{ name: 'big', x: [0, 123456789], y: [0, 1] }] },
      { title: 'Wide numbers', width: 200 },
    );
    expect(tickLabels(tree, 'x')).toEqual(['0', '50M', '100M']);
    const wide = lineChart({ series: [{ name: 'big', x: [0, 123456789], y: [0, 1] }] }, { title: 'Wide numbers' });
    expect(tickLabels(wide, 'x')).toEqual([
      '0',
      '20,000,000',
      '40,000,000',
      '60,000,000',
      '80,000,000',
      '100,000,000',
      '120,000,000',
    ]);
  });
});

describe('point positions', () => {
  test('line markers sit where the scales put them', () => {
    const tree = lineChart({ series: [{ name: 'a', x: [0, 1, 2], y: [0, 5, 10] }] }, { title: 'Straight' });
    const area = plotArea(tree);
    const markers = findAll(tree, (n) => n.type === 'path' && String(n.props.transform ?? '').startsWith('translate'));
    const [p0, p1, p2] = markers.map(translation);
    expect(p0).toEqual([area.left, area.bottom]);
    expect(p2).toEqual([area.right, area.top]);
    expect(p1[0]).toBeCloseTo((area.left + area.right) / 2, 1);
    expect(p1[1]).toBeCloseTo((area.top + area.bottom) / 2, 1);
  });

  test('a function plot marks tanh(0.5) at its value and labels it', () => {
    const tree = functionPlot(
      { fn: 'tanh', domain: [-2, 2], points: [{ x: 0.5 }] },
      { title: 'tanh', yDomain: [-1, 1] },
    );
    const area = plotArea(tree);
    const [point] = byClass(tree, 'viz-marked-point');
    const marker = point.children.find((c) => typeof c !== 'string' && c.type === 'path') as never;
    const [x, y] = translation(marker);
    expect(x).toBeCloseTo(area.left + ((0.5 + 2) / 4) * (area.right - area.left), 1);
    const t = Math.tanh(0.5);
    expect(y).toBeCloseTo(area.bottom - ((t + 1) / 2) * (area.bottom - area.top), 1);
    expect(text(point)).toContain('tanh(0.5) = 0.4621');
  });

  test('the decision boundary of x > 0.5 runs along x = 0.5', () => {
    const tree = scatterChart(
      {
        points: [
          { x: 0, y: 0, class: 0 },
          { x: 1, y: 1, class: 1 },
        ],
        classifier: (x) => (x > 0.5 ? 1 : 0),
        domain: { x: [0, 1], y: [0, 1] },
      },
      { title: 'Threshold', resolution: 20 },
    );
    const area = plotArea(tree);
    const half = (area.left + area.right) / 2;
    const [region1] = byClass(tree, 'viz-region').filter((r) => r.props['data-class'] === 1);
    const inside = pathPoints(String(region1.props.d)).filter(([, y]) => y > area.top && y < area.bottom);
    const xs = inside.map(([x]) => x).filter((x) => x > area.left && x < area.right);
    expect(xs.length).toBeGreaterThan(0);
    for (const x of xs) expect(Math.abs(x - half)).toBeLessThan(1);
  });

  test('heatmap cells form an even grid with one rect per value', () => {
    const tree = heatmap(
      {
        values: [
          [1, 2, 3],
          [4, 5, 6],
        ],
      },
      { title: 'Matrix' },
    );
    const rects = byClass(tree, 'viz-cell').map((c) => (c.children[0] as { props: Record<string, number> }).props);
    expect(rects).toHaveLength(6);
    const w = rects[0].width;
    expect(rects.every((r) => r.width === w && r.height === w)).toBe(true);
    expect(rects[1].x - rects[0].x).toBeCloseTo(w, 1);
    expect(rects[3].y - rects[0].y).toBeCloseTo(w, 1);
    expect(rects.map((r) => r['data-value'])).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test('histogram bars hold the counts of d3.bin over the same thresholds', () => {
    const values = [0.1, 0.15, 0.2, 0.55, 0.6, 0.95, 0.97, 0.99];
    const tree = histogram({ values }, { title: 'Counts', bins: 4, domain: [0, 1] });
    const counts = findAll(tree, (n) => n.type === 'rect' && n.props['data-count'] !== undefined).map(
      (r) => r.props['data-count'],
    );
    // d3 takes 4 as a hint and picks steps of 0.2.
    const thresholds = scaleLinear().domain([0, 1]).ticks(4).slice(1, -1);
    expect(thresholds).toEqual([0.2, 0.4, 0.6, 0.8]);
    expect(counts).toEqual(
      bin()
        .domain([0, 1])
        .thresholds(thresholds)(values)
        .map((b) => b.length),
    );
    expect(counts).toEqual([2, 1, 1, 1, 3]);
  });
});

describe('layouts without overlaps', () => {
  test('a 2-3-2 network: nodes apart, weight labels apart and off the nodes', () => {
    const layout = layoutNetwork(network232);
    expect(layout.nodes).toHaveLength(2 + 1 + 3 + 1 + 2);
    expect(layout.edges).toHaveLength(2 * 3 + 3 + 3 * 2 + 2);
    for (const [i, a] of layout.nodes.entries()) {
      for (const b of layout.nodes.slice(i + 1))
        expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(a.r + b.r + 8);
    }
    expect(weightLabelsOverlap(layout)).toBe(false);
    for (const e of layout.edges) {
      for (const n of layout.nodes) {
        const nodeBox = { x: n.x - n.r, y: n.y - n.r, width: 2 * n.r, height: 2 * n.r };
        expect(boxesOverlap(e.label.box, nodeBox), `label of ${e.from.label}→${e.to.label} over node ${n.label}`).toBe(
          false,
        );
      }
    }
    for (const n of layout.nodes) {
      expect(n.x - n.r).toBeGreaterThanOrEqual(0);
      expect(n.x + n.r).toBeLessThanOrEqual(layout.width);
      expect(n.y - n.r).toBeGreaterThanOrEqual(0);
      expect(n.y + n.r).toBeLessThanOrEqual(layout.height);
    }
  });

  test.each([[[3, 4, 2]], [[4, 5, 3]], [[6, 6]], [[8, 4, 8]], [[3, 3, 3, 1]]])(
    'a %j network with biases keeps its weight labels apart',
    (sizes) => {
      const layers = sizes.map((n, l) => ({ name: `L${l}`, nodes: Array.from({ length: n }, (_, i) => `n${l}${i}`) }));
      const weights = sizes
        .slice(1)
        .map((n, l) =>
          Array.from({ length: n }, (_, j) => Array.from({ length: sizes[l] }, (_, i) => -0.25 * (i + j))),
        );
      const biases = sizes.slice(1).map((n) => new Array(n).fill(0.5));
      const layout = layoutNetwork({ layers, weights, biases });
      expect(weightLabelsOverlap(layout)).toBe(false);
      for (const e of layout.edges) {
        // Each label sits on its own edge.
        const cross = (e.to.x - e.from.x) * (e.label.y - e.from.y) - (e.to.y - e.from.y) * (e.label.x - e.from.x);
        expect(Math.abs(cross) / Math.hypot(e.to.x - e.from.x, e.to.y - e.from.y)).toBeLessThan(0.01);
      }
    },
  );

  test('weights are read as out × in (nn.Linear): weights[0][2][1] joins x2 to h3', () => {
    const layout = layoutNetwork(network232);
    const edge = layout.edges.find((e) => e.from.label === 'x2' && e.to.label === 'h3');
    expect(edge?.weight).toBe(2);
  });

  test('a batch-norm computational graph: 12 boxes, none intersecting, inputs left of outputs', () => {
    const graph = batchNormGraph();
    const layout = layoutGraph(graph);
    expect(layout.nodes).toHaveLength(12);
    for (const [i, a] of layout.nodes.entries()) {
      for (const b of layout.nodes.slice(i + 1)) expect(boxesOverlap(a.box, b.box), `${a.id} and ${b.id}`).toBe(false);
    }
    const box = new Map(layout.nodes.map((n) => [n.id, n.box]));
    for (const n of graph.nodes) {
      for (const input of n.inputs) expect(box.get(input)!.x + box.get(input)!.width).toBeLessThan(box.get(n.id)!.x);
    }
    expect(layout.edges).toHaveLength(graph.nodes.reduce((k, n) => k + n.inputs.length, 0));
    for (const n of layout.nodes) {
      expect(n.box.x).toBeGreaterThanOrEqual(0);
      expect(n.box.x + n.box.width).toBeLessThanOrEqual(layout.width);
    }
  });

  test('graph nodes show op, value and gradient, or blanks for exercises', () => {
    const layout = layoutGraph(batchNormGraph());
    const mean = layout.nodes.find((n) => n.id === 'n1')!;
    expect(mean.lines).toEqual({ title: 'μ = mean', value: 'value 2', grad: 'grad 0' });
    const blank = layoutGraph(batchNormGraph(), { showValues: false, showGrads: false }).nodes.find(
      (n) => n.id === 'n1',
    )!;
    expect(blank.lines.value).toBe('value ______');
    expect(blank.lines.grad).toBe('grad ______');
  });

  test('large tensors are summarised by their shape', () => {
    const layout = layoutGraph({
      output: 'a',
      nodes: [
        { id: 'a', op: 'leaf', label: 'W', inputs: [], shape: [3, 4], value: new Array(12).fill(0.5), grad: null },
      ],
    });
    expect(layout.nodes[0].lines).toEqual({ title: 'W', value: 'value shape 3×4', grad: null });
  });
});

describe('receptive fields', () => {
  test('three 3×3 convolutions see 7×7 input pixels', () => {
    const grids = receptiveFieldGrids({ inputSize: 9, layers: [{ kernel: 3 }, { kernel: 3 }, { kernel: 3 }] });
    expect(grids.map((g) => g.rows)).toEqual([9, 7, 5, 3]);
    expect(grids[3].field).toBe(7);
    expect(grids[0].rowRange).toEqual([1, 7]);
  });

  test('stride, padding and dilation follow ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1', () => {
    const grids = receptiveFieldGrids({
      inputSize: [28, 20],
      layers: [
        { kernel: 5, padding: 2 },
        { kernel: 2, stride: 2 },
        { kernel: 3, dilation: 2 },
      ],
      position: [0, 0],
    });
    expect(grids.map((g) => [g.rows, g.cols])).toEqual([
      [28, 20],
      [28, 20],
      [14, 10],
      [10, 6],
    ]);
    // RF: 5, then +1 (pool, jump 1) = 6, then +2·2·2 (dilated 3×3 at jump 2) = 14.
    expect(grids[3].field).toBe(14);
    expect(grids[0].rowRange).toEqual([-2, 11]);
    expect(grids[0].rowRange[1] - grids[0].rowRange[0] + 1).toBe(14);
  });

  test('an uneven stride is reported as not exact', () => {
    const grids = receptiveFieldGrids({ inputSize: 6, layers: [{ kernel: 3, stride: 2 }] });
    expect(grids[1].rows).toBe(2);
    expect(grids[1].exact).toBe(false);
  });
});

describe('contour levels', () => {
  test('levels are d3 ticks inside the value range and bands are nested', () => {
    const tree = contourChart(
      { f: (x, y) => x * x + y * y, domain: { x: [-1, 1], y: [-1, 1] } },
      { title: 'Bowl', levels: 5, resolution: 20 },
    );
    const levels = byClass(tree, 'viz-band').map((b) => Number(b.props['data-level']));
    expect(levels.slice(1)).toEqual([0.5, 1, 1.5]);
  });

  test('trajectories start with a square and end with a triangle at their last step', () => {
    const tree = contourChart(
      {
        f: (x, y) => x * x + y * y,
        domain: { x: [-1, 1], y: [-1, 1] },
        trajectories: [
          {
            name: 'GD',
            points: [
              [-1, -1],
              [0, 0],
              [0.5, 0.5],
            ],
          },
        ],
      },
      { title: 'Bowl', resolution: 10 },
    );
    const area = plotArea(tree);
    const [start] = byClass(tree, 'viz-start');
    const [end] = byClass(tree, 'viz-end');
    expect(translation(start)).toEqual([area.left, area.bottom]);
    const [ex, ey] = translation(end);
    expect(ex).toBeCloseTo(area.left + 0.75 * (area.right - area.left), 1);
    expect(ey).toBeCloseTo(area.bottom - 0.75 * (area.bottom - area.top), 1);
  });
});
