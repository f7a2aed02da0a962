import { describe, expect, test } from 'vitest';
import {
  barChart,
  ChartError,
  type ChartSpec,
  computationalGraph,
  contourChart,
  functionPlot,
  heatmap,
  histogram,
  lineChart,
  networkDiagram,
  receptiveFieldDiagram,
  renderChart,
  type SvgTree,
  scatterChart,
  smallMultiples,
  toSvgString,
} from '../src/index.js';
import { batchNormGraph, network232 } from './fixtures.js';
import { byClass, expectValidFigure, text, tickLabels } from './helpers.js';

/** Runs `fn`, expecting a ChartError for `chart` whose field and message match. */
function expectChartError(fn: () => unknown, chart: string, field: string, message: RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ChartError);
  const e = error as ChartError;
  expect(e.chart).toBe(chart);
  expect(e.field).toBe(field);
  expect(e.message).toMatch(message);
  expect(e.message.startsWith(`${chart} chart: ${field} `)).toBe(true);
}

describe('empty data draws a labelled "no data" figure', () => {
  const cases: [string, () => ReturnType<typeof lineChart>][] = [
    ['line: no series', () => lineChart({ series: [] }, { title: 'Empty' })],
    ['line: empty series', () => lineChart({ series: [{ name: 'a', y: [] }] }, { title: 'Empty' })],
    [
      'line: only NaN',
      () => lineChart({ series: [{ name: 'a', y: [Number.NaN, Number.POSITIVE_INFINITY] }] }, { title: 'Diverged' }),
    ],
    ['histogram', () => histogram({ values: [] }, { title: 'Empty' })],
    ['small multiples', () => smallMultiples({ panels: [] }, { title: 'Empty' })],
    ['bar', () => barChart({ bars: [] }, { title: 'Empty' })],
    ['heatmap', () => heatmap({ values: [] }, { title: 'Empty' })],
    ['scatter', () => scatterChart({ points: [] }, { title: 'Empty' })],
    ['network', () => networkDiagram({ layers: [], weights: [] }, { title: 'Empty' })],
    ['graph', () => computationalGraph({ nodes: [], output: 'n0' }, { title: 'Empty' })],
  ];
  for (const [name, draw] of cases) {
    test(name, () => {
      const tree = draw();
      expectValidFigure(tree);
      expect(text(byClass(tree, 'viz-no-data')[0])).toMatch(/^No data \(/);
      expect(text(tree.children[1] as never)).toMatch(/^No data: /);
    });
  }

  test('an empty panel among small multiples says so and the others still draw', () => {
    const tree = smallMultiples(
      {
        panels: [
          { title: 'a', values: [1, 2, 3] },
          { title: 'b', values: [] },
        ],
      },
      { title: 'Panels' },
    );
    expectValidFigure(tree);
    expect(byClass(tree, 'viz-panel').map((p) => text(p).includes('No data'))).toEqual([false, true]);
  });
});

describe('NaN and Infinity', () => {
  test('a diverged loss curve breaks into segments and the description says why', () => {
    const tree = lineChart(
      { series: [{ name: 'loss', y: [2, 1, Number.NaN, Number.POSITIVE_INFINITY, 0.5, 0.4] }] },
      { title: 'Diverged' },
    );
    expectValidFigure(tree);
    const [series] = byClass(tree, 'viz-series');
    const d = String(series.props.d);
    expect(d.match(/M/g)).toHaveLength(2);
    expect(text(tree.children[1] as never)).toContain('2 non-finite values (NaN or Infinity) are left out as gaps');
  });

  const errors: [string, () => unknown, string, string, RegExp][] = [
    [
      'scatter point',
      () =>
        scatterChart(
          {
            points: [
              { x: 0, y: 0 },
              { x: Number.POSITIVE_INFINITY, y: 1 },
            ],
          },
          { title: 'S' },
        ),
      'scatter',
      'data.points[1].x',
      /finite number, got Infinity/,
    ],
    [
      'histogram value',
      () => histogram({ values: [1, 2, Number.NaN] }, { title: 'H' }),
      'histogram',
      'data.values[2]',
      /got NaN/,
    ],
    [
      'heatmap cell',
      () =>
        heatmap(
          {
            values: [
              [1, 2],
              [Number.NaN, 4],
            ],
          },
          { title: 'M' },
        ),
      'heatmap',
      'data.values[1][0]',
      /got NaN/,
    ],
    [
      'bar value',
      () => barChart({ bars: [{ label: 'a', value: Number.NEGATIVE_INFINITY }] }, { title: 'B' }),
      'bar',
      'data.bars[0].value',
      /got -Infinity/,
    ],
    [
      'network weight',
      () =>
        networkDiagram(
          {
            ...network232,
            weights: [
              network232.weights[0],
              [
                [1, Number.NaN, 0],
                [0, 0, 0],
              ],
            ],
          },
          { title: 'N' },
        ),
      'network',
      'data.weights[1][0][1]',
      /got NaN/,
    ],
    [
      'contour surface',
      () =>
        contourChart(
          { f: (x) => (x < 0.5 ? Number.POSITIVE_INFINITY : x), domain: { x: [0, 1], y: [0, 1] } },
          { title: 'C', resolution: 4 },
        ),
      'contour',
      'data.f',
      /is Infinity at grid cell \(0, 0\)/,
    ],
    [
      'contour trajectory',
      () =>
        contourChart(
          {
            f: (x) => x,
            domain: { x: [0, 1], y: [0, 1] },
            trajectories: [
              {
                name: 'Adam',
                points: [
                  [0, 0],
                  [Number.NaN, 1],
                ],
              },
            ],
          },
          { title: 'C' },
        ),
      'contour',
      'data.trajectories[0].points[1][0]',
      /got NaN/,
    ],
    [
      'classifier output',
      () =>
        scatterChart(
          { points: [{ x: 0, y: 0 }], classifier: () => Number.NaN, domain: { x: [0, 1], y: [0, 1] } },
          { title: 'S', resolution: 4 },
        ),
      'scatter',
      'data.classifier',
      /gave NaN at grid cell \(0, 0\)/,
    ],
    [
      'function with no finite value',
      () => functionPlot({ fn: Math.log, domain: [-3, -1] }, { title: 'log' }),
      'function',
      'data.fn',
      /no finite value on \[-3, -1\]/,
    ],
  ];
  for (const [name, draw, chart, field, message] of errors) {
    test(`${name}: ChartError naming ${field}`, () => expectChartError(draw, chart, field, message));
  }

  test('a function undefined on part of the domain draws the rest', () => {
    const tree = functionPlot({ fn: Math.log, domain: [-1, 2] }, { title: 'log' });
    expectValidFigure(tree);
    expect(byClass(tree, 'viz-curve')).toHaveLength(1);
  });

  test('graph values that were NaN (null in JSON) are printed as NaN', () => {
    const tree = computationalGraph(
      {
        output: 'a',
        nodes: [
          { id: 'a', op: 'leaf', label: 'x', inputs: [], shape: [], value: [null as unknown as number], grad: null },
        ],
      },
      { title: 'NaN' },
    );
    expectValidFigure(tree);
    expect(toSvgString(tree)).toContain('value NaN');
  });
});

describe('single points and degenerate ranges', () => {
  test('a single point is drawn as a marker on padded axes', () => {
    const tree = lineChart({ series: [{ name: 'one', x: [3], y: [7] }] }, { title: 'One point' });
    expectValidFigure(tree);
    const markers = byClass(tree, 'viz-markers')[0].children;
    expect(markers).toHaveLength(1);
    const y = tickLabels(tree, 'y').map(Number);
    expect(Math.min(...y)).toBeLessThan(7);
    expect(Math.max(...y)).toBeGreaterThan(7);
  });

  test('all-equal histogram values fall into one bar of a padded axis', () => {
    const tree = histogram({ values: [2, 2, 2, 2] }, { title: 'Constant' });
    expectValidFigure(tree);
    const counts = byClass(tree, 'viz-bars')[0].children.map(
      (r) => (r as { props: Record<string, number> }).props['data-count'],
    );
    expect(counts.filter((c) => c > 0)).toEqual([4]);
  });

  test('an all-equal matrix, a zero matrix and a single cell still colour their cells', () => {
    for (const values of [
      [
        [3, 3],
        [3, 3],
      ],
      [[0, 0]],
      [[-1]],
    ]) {
      const tree = heatmap({ values }, { title: 'Flat' });
      expectValidFigure(tree);
      for (const cell of byClass(tree, 'viz-cell'))
        expect(String((cell.children[0] as SvgTree).props.fill)).toMatch(/^rgb\(/);
    }
  });

  test('a scatter plot of one point and a zero-width function domain are padded', () => {
    expectValidFigure(scatterChart({ points: [{ x: 1, y: 1 }] }, { title: 'One' }));
    expectValidFigure(functionPlot({ fn: 'relu', domain: [0, 0] }, { title: 'Point domain' }));
  });

  test('huge and tiny ranges give finite coordinates and readable ticks', () => {
    const huge = lineChart({ series: [{ name: 'h', x: [0, 1], y: [-1e300, 1e300] }] }, { title: 'Huge' });
    expectValidFigure(huge);
    expect(tickLabels(huge, 'y').length).toBeGreaterThanOrEqual(2);
    const tiny = lineChart({ series: [{ name: 't', x: [0, 1], y: [1e-12, 1.0000001e-12] }] }, { title: 'Tiny' });
    expectValidFigure(tiny);
    const bars = barChart(
      {
        bars: [
          { label: 'a', value: 1e200 },
          { label: 'b', value: -1e200 },
        ],
      },
      { title: 'Wide bars' },
    );
    expectValidFigure(bars);
  });

  test('a constant loss surface draws without levels', () => {
    const tree = contourChart({ f: () => 1, domain: { x: [0, 1], y: [0, 1] } }, { title: 'Flat', resolution: 8 });
    expectValidFigure(tree);
  });
});

describe('structural errors name the chart and the field', () => {
  const cases: [string, () => unknown, string, string, RegExp][] = [
    [
      'graph with a cycle',
      () =>
        computationalGraph(
          {
            output: 'a',
            nodes: [
              { id: 'a', op: 'add', label: null, inputs: ['b'], shape: [], value: [1], grad: null },
              { id: 'b', op: 'mul', label: null, inputs: ['a'], shape: [], value: [1], grad: null },
            ],
          },
          { title: 'Cycle' },
        ),
      'graph',
      'data.nodes[0].inputs',
      /cycle a → b → a/,
    ],
    [
      'graph self-loop',
      () =>
        computationalGraph(
          {
            output: 'a',
            nodes: [{ id: 'a', op: 'add', label: null, inputs: ['a'], shape: [], value: [1], grad: null }],
          },
          { title: 'Loop' },
        ),
      'graph',
      'data.nodes[0].inputs',
      /cycle a → a/,
    ],
    [
      'graph unknown input',
      () =>
        computationalGraph(
          {
            output: 'a',
            nodes: [{ id: 'a', op: 'add', label: null, inputs: ['zz'], shape: [], value: [1], grad: null }],
          },
          { title: 'G' },
        ),
      'graph',
      'data.nodes[0].inputs[0]',
      /"zz", which is not a node id/,
    ],
    [
      'graph duplicate id',
      () =>
        computationalGraph(
          {
            output: 'a',
            nodes: [
              { id: 'a', op: 'leaf', label: null, inputs: [], shape: [], value: [1], grad: null },
              { id: 'a', op: 'leaf', label: null, inputs: [], shape: [], value: [1], grad: null },
            ],
          },
          { title: 'G' },
        ),
      'graph',
      'data.nodes[1].id',
      /used twice/,
    ],
    [
      'graph value of the wrong size',
      () =>
        computationalGraph(
          {
            output: 'a',
            nodes: [{ id: 'a', op: 'leaf', label: null, inputs: [], shape: [2, 2], value: [1, 2, 3], grad: null }],
          },
          { title: 'G' },
        ),
      'graph',
      'data.nodes[0].value',
      /has 3 numbers, but shape \[2, 2\] needs 4/,
    ],
    [
      'graph unknown output',
      () => computationalGraph({ ...batchNormGraph(), output: 'n99' }, { title: 'G' }),
      'graph',
      'data.output',
      /"n99"/,
    ],
    [
      'network: too few weight matrices',
      () => networkDiagram({ ...network232, weights: [network232.weights[0]] }, { title: 'N' }),
      'network',
      'data.weights',
      /has 1 matrices, expected 2/,
    ],
    [
      'network: rows ≠ nodes of the next layer',
      () =>
        networkDiagram(
          { ...network232, weights: [network232.weights[0].slice(0, 2), network232.weights[1]] },
          { title: 'N' },
        ),
      'network',
      'data.weights[0]',
      /has 2 rows, expected 3 \(one per node of layer "hidden"/,
    ],
    [
      'network: columns ≠ nodes of this layer',
      () =>
        networkDiagram(
          {
            ...network232,
            weights: [
              network232.weights[0],
              [
                [1, 2],
                [3, 4],
              ],
            ],
          },
          { title: 'N' },
        ),
      'network',
      'data.weights[1][0]',
      /has 2 columns, expected 3 \(one per node of layer "hidden"\)/,
    ],
    [
      'network: biases of the wrong size',
      () => networkDiagram({ ...network232, biases: [[1, 2], null] }, { title: 'N' }),
      'network',
      'data.biases[0]',
      /has 2 values, expected 3/,
    ],
    [
      'heatmap: ragged rows',
      () => heatmap({ values: [[1, 2], [3]] }, { title: 'M' }),
      'heatmap',
      'data.values[1]',
      /has 1 columns, expected 2/,
    ],
    [
      'heatmap: labels of the wrong count',
      () => heatmap({ values: [[1, 2]], colLabels: ['a'] }, { title: 'M' }),
      'heatmap',
      'data.colLabels',
      /has 1 labels, expected 2/,
    ],
    [
      'line: x and y lengths differ',
      () => lineChart({ series: [{ name: 'a', x: [1, 2], y: [1] }] }, { title: 'L' }),
      'line',
      'data.series[0].x',
      /has 2 values but data.series\[0\].y has 1/,
    ],
    [
      'line: unknown scale',
      () => lineChart({ series: [{ name: 'a', y: [1, 2] }] }, { title: 'L', yScale: 'logarithmic' as never }),
      'line',
      'options.yScale',
      /must be "linear" or "log", got "logarithmic"/,
    ],
    [
      'heatmap: unknown scheme',
      () => heatmap({ values: [[1]] }, { title: 'M', scheme: 'rainbow' as never }),
      'heatmap',
      'options.scheme',
      /"sequential" or "diverging"/,
    ],
    [
      'graph: unknown direction',
      () => computationalGraph(batchNormGraph(), { title: 'G', direction: 'RL' as never }),
      'graph',
      'options.direction',
      /"LR" or "TB", got "RL"/,
    ],
    [
      'bar: unknown orientation',
      () => barChart({ bars: [] }, { title: 'B', orientation: 'diagonal' as never }),
      'bar',
      'options.orientation',
      /"auto" or "horizontal" or "vertical"/,
    ],
    [
      'line: range option with NaN',
      () => lineChart({ series: [{ name: 'a', y: [1, 2] }] }, { title: 'L', yDomain: [0, Number.NaN] }),
      'line',
      'options.yDomain[1]',
      /got NaN/,
    ],
    [
      'line: log range from zero',
      () => lineChart({ series: [{ name: 'a', y: [1, 2] }] }, { title: 'L', yScale: 'log', yDomain: [0, 10] }),
      'line',
      'options.yDomain',
      /log y scale needs a range above 0/,
    ],
    [
      'histogram: reversed range',
      () => histogram({ values: [1, 2] }, { title: 'H', domain: [2, 1] }),
      'histogram',
      'options.domain',
      /min < max, got \[2, 1\]/,
    ],
    [
      'heatmap: empty colour range',
      () => heatmap({ values: [[1]] }, { title: 'M', domain: [1, 1] }),
      'heatmap',
      'options.domain',
      /min < max/,
    ],
    [
      'line: log scale with zero',
      () => lineChart({ series: [{ name: 'a', y: [1, 0] }] }, { title: 'L', yScale: 'log' }),
      'line',
      'data.series[0].y[1]',
      /log y scale needs every value > 0/,
    ],
    [
      'receptive field: kernel larger than the input',
      () =>
        receptiveFieldDiagram({ inputSize: 4, layers: [{ kernel: 3 }, { name: 'big', kernel: 5 }] }, { title: 'RF' }),
      'receptive-field',
      'data.layers[1]',
      /\(big\) has an effective kernel of 5 but its input is only 2/,
    ],
    [
      'receptive field: input too large to draw',
      () => receptiveFieldDiagram({ inputSize: 100000, layers: [] }, { title: 'RF' }),
      'receptive-field',
      'data.inputSize',
      /integer from 1 to 128/,
    ],
    [
      'receptive field: position outside the output',
      () => receptiveFieldDiagram({ inputSize: 5, layers: [{ kernel: 3 }], position: [3, 0] }, { title: 'RF' }),
      'receptive-field',
      'data.position[0]',
      /from 0 to 2, got 3/,
    ],
    [
      'scatter: classifier output neither class nor probability',
      () =>
        scatterChart(
          { points: [{ x: 0, y: 0 }], classifier: (x) => x * 10 - 3, domain: { x: [0, 1], y: [0, 1] } },
          { title: 'S', resolution: 4 },
        ),
      'scatter',
      'data.classifier',
      /class indices .* or probabilities in \[0, 1\]/,
    ],
    [
      'function: unknown activation',
      () => functionPlot({ fn: 'swish' as never, domain: [0, 1] }, { title: 'F' }),
      'function',
      'data.fn',
      /not a known activation/,
    ],
    ['missing title', () => barChart({ bars: [] }, { title: '' }), 'bar', 'options.title', /non-empty string/],
    [
      'missing options',
      () => renderChart({ kind: 'bar', data: { bars: [] } }),
      'bar',
      'options',
      /pass at least \{ title \}/,
    ],
    [
      'unknown kind',
      () => renderChart({ kind: 'pie' as never, data: {}, options: { title: 'P' } }),
      'pie',
      'spec.kind',
      /not a chart kind; use one of line, function/,
    ],
    [
      'data of the wrong type',
      () => renderChart({ kind: 'line', data: 'oops', options: { title: 'L' } } as ChartSpec),
      'line',
      'data',
      /must be an object, got "oops"/,
    ],
  ];
  for (const [name, draw, chart, field, message] of cases) {
    test(name, () => expectChartError(draw, chart, field, message));
  }

  test('a 1000×1000 heatmap is refused quickly instead of writing a huge SVG', () => {
    const values = Array.from({ length: 1000 }, () => new Array(1000).fill(0));
    expectChartError(() => heatmap({ values }, { title: 'Big' }), 'heatmap', 'data.values', /at most 250000/);
  });
});

describe('large inputs', () => {
  test('200 000 values and points draw without stack overflows', () => {
    const values = Array.from({ length: 200_000 }, (_, i) => Math.sin(i));
    expectValidFigure(histogram({ values }, { title: 'Many values' }));
    expectValidFigure(smallMultiples({ panels: [{ title: 'a', values }] }, { title: 'Many values' }));
    expectValidFigure(lineChart({ series: [{ name: 'long run', y: values }] }, { title: 'Many points' }));
  });
});

test('a classifier sampled at the finest resolution (400 × 400) draws its regions', () => {
  const tree = scatterChart(
    {
      points: [{ x: 0, y: 0, class: 0 }],
      classifier: (x, y) => (x + y > 0 ? 1 : 0),
      domain: { x: [-1, 1], y: [-1, 1] },
    },
    { title: 'Fine grid', resolution: 400 },
  );
  expectValidFigure(tree);
  expect(byClass(tree, 'viz-region')).toHaveLength(2);
});
