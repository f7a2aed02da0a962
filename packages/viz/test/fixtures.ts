import type { ChartSpec, GraphData } from '../src/index.js';

/** XOR: the four corners, labelled by x1 xor x2. */
export const xorPoints = [
  { x: 0, y: 0, class: 0 },
  { x: 1, y: 1, class: 0 },
  { x: 0, y: 1, class: 1 },
  { x: 1, y: 0, class: 1 },
];

/** A 2-3-2 network with biases, like the exams' weight-table questions. */
export const network232 = {
  layers: [
    {
      name: 'input',
      nodes: [
        { label: 'x1', value: 1 },
        { label: 'x2', value: -2 },
      ],
    },
    { name: 'hidden', nodes: ['h1', 'h2', 'h3'] },
    { name: 'output', nodes: ['y1', 'y2'] },
  ],
  weights: [
    [
      [0.5, -1],
      [1.5, 0.25],
      [-0.75, 2],
    ],
    [
      [1, -0.5, 0.3],
      [-2, 0.1, 0.7],
    ],
  ],
  biases: [
    [0.1, -0.2, 0],
    [0.5, -0.5],
  ],
};

/**
 * The autograd graph of a batch-norm forward pass over a scalar feature of a batch of two,
 * shaped like @i2dl/core's exportGraph output: x → mean, var → normalise → scale/shift → loss.
 */
export function batchNormGraph(): GraphData {
  const x = [1, 3];
  const mu = 2;
  const centred = [-1, 1];
  const variance = 1;
  const eps = 1e-5;
  const std = Math.sqrt(variance + eps);
  const xhat = centred.map((c) => c / std);
  const gamma = 2;
  const beta = 0.5;
  const y = xhat.map((v) => gamma * v + beta);
  const loss = y.reduce((a, b) => a + b * b, 0) / 2;
  return {
    output: 'n11',
    nodes: [
      { id: 'n0', op: 'leaf', label: 'x', inputs: [], shape: [2], value: x, grad: [0, 0] },
      { id: 'n1', op: 'mean', label: 'μ', inputs: ['n0'], shape: [], value: [mu], grad: [0] },
      { id: 'n2', op: 'sub', label: null, inputs: ['n0', 'n1'], shape: [2], value: centred, grad: [-2, 2] },
      { id: 'n3', op: 'mul', label: null, inputs: ['n2', 'n2'], shape: [2], value: [1, 1], grad: [0, 0] },
      { id: 'n4', op: 'mean', label: 'σ²', inputs: ['n3'], shape: [], value: [variance], grad: [0] },
      { id: 'n5', op: 'addEps', label: null, inputs: ['n4'], shape: [], value: [variance + eps], grad: [0] },
      { id: 'n6', op: 'sqrt', label: 'σ', inputs: ['n5'], shape: [], value: [std], grad: [0] },
      { id: 'n7', op: 'div', label: 'x̂', inputs: ['n2', 'n6'], shape: [2], value: xhat, grad: [-3, 5] },
      { id: 'n8', op: 'leaf', label: 'γ', inputs: [], shape: [], value: [gamma], grad: [4] },
      { id: 'n9', op: 'leaf', label: 'β', inputs: [], shape: [], value: [beta], grad: [1] },
      { id: 'n10', op: 'affine', label: 'y', inputs: ['n7', 'n8', 'n9'], shape: [2], value: y, grad: y },
      { id: 'n11', op: 'mseLoss', label: 'L', inputs: ['n10'], shape: [], value: [loss], grad: [1] },
    ],
  };
}

/** A quadratic valley and plain gradient descent steps on it, computed here from the gradient. */
export function valley(): {
  f: (x: number, y: number) => number;
  sgd: [number, number][];
  momentum: [number, number][];
} {
  const f = (x: number, y: number) => 0.5 * x * x + 5 * y * y;
  const grad = (x: number, y: number): [number, number] => [x, 10 * y];
  const sgd: [number, number][] = [[-4, 1.5]];
  for (let i = 0; i < 12; i++) {
    const [x, y] = sgd[sgd.length - 1];
    const [gx, gy] = grad(x, y);
    sgd.push([x - 0.18 * gx, y - 0.18 * gy]);
  }
  const momentum: [number, number][] = [[-4, -1.5]];
  let v: [number, number] = [0, 0];
  for (let i = 0; i < 20; i++) {
    const [x, y] = momentum[momentum.length - 1];
    const [gx, gy] = grad(x, y);
    v = [0.7 * v[0] + gx, 0.7 * v[1] + gy];
    momentum.push([x - 0.05 * v[0], y - 0.05 * v[1]]);
  }
  return { f, sgd, momentum };
}

/** Deterministic pseudo-normal samples (Box–Muller over a fixed LCG) for histogram fixtures. */
export function normalSamples(n: number, std: number, seed = 1): number[] {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  return Array.from({ length: n }, () => std * Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next()));
}

/** One chart of every kind, as the exams use them; shared by the snapshot and browser tests. */
export function exampleSpecs(): ChartSpec[] {
  const { f, sgd, momentum } = valley();
  const epochs = Array.from({ length: 30 }, (_, i) => i + 1);
  return [
    {
      kind: 'line',
      data: {
        series: [
          { name: 'training loss', x: epochs, y: epochs.map((e) => 2.3 * Math.exp(-e / 6) + 0.05) },
          {
            name: 'validation loss',
            x: epochs,
            y: epochs.map((e) => 2.3 * Math.exp(-e / 6) + 0.1 + (0.004 * (e - 10) ** 2) / 10),
          },
        ],
      },
      options: { title: 'Overfitting: training vs validation loss', xLabel: 'epoch', yLabel: 'loss', yScale: 'log' },
    },
    {
      kind: 'function',
      data: {
        fn: 'tanh',
        derivative: true,
        domain: [-3, 3],
        points: [{ x: 0.5 }, { x: -1.2 }, { x: 0.5, on: 'derivative' }],
      },
      options: { title: 'tanh and its derivative at the forward-pass values', xLabel: 'z' },
    },
    {
      kind: 'scatter',
      data: {
        points: xorPoints,
        classes: ['0', '1'],
        regions: xorRegions(),
        domain: { x: [-0.5, 1.5], y: [-0.5, 1.5] },
      },
      options: { title: 'XOR with an MLP decision boundary', xLabel: 'x1', yLabel: 'x2' },
    },
    {
      kind: 'histogram',
      data: { values: normalSamples(500, 1) },
      options: { title: 'Activations of layer 3', xLabel: 'activation' },
    },
    {
      kind: 'small-multiples',
      data: {
        panels: [1, 2, 3, 4].map((l) => ({
          title: `layer ${l}`,
          values: normalSamples(300, 0.6 ** l, l).map(Math.tanh),
        })),
      },
      options: { title: 'tanh activations per layer with a too-small init', xLabel: 'activation' },
    },
    {
      kind: 'heatmap',
      data: {
        values: [
          [50, 3, 2],
          [4, 41, 9],
          [1, 12, 38],
        ],
        rowLabels: ['cat', 'dog', 'bird'],
        colLabels: ['cat', 'dog', 'bird'],
      },
      options: { title: 'Confusion matrix', xLabel: 'predicted', yLabel: 'true' },
    },
    {
      kind: 'contour',
      data: {
        values: sampleValues(f, [-5, 5], [-2, 2], 60),
        domain: { x: [-5, 5], y: [-2, 2] },
        trajectories: [
          { name: 'SGD', points: sgd },
          { name: 'momentum', points: momentum },
        ],
        minimum: [0, 0],
      },
      options: { title: 'SGD and momentum on an elongated valley', xLabel: 'w1', yLabel: 'w2' },
    },
    { kind: 'network', data: network232, options: { title: '2-3-2 network with weights and biases' } },
    { kind: 'graph', data: batchNormGraph(), options: { title: 'Batch norm forward and backward' } },
    {
      kind: 'receptive-field',
      data: {
        inputSize: 11,
        layers: [
          { name: 'conv1', kernel: 3, padding: 1 },
          { name: 'pool', kernel: 2, stride: 2 },
          { name: 'conv2', kernel: 3 },
        ],
      },
      options: { title: 'Receptive field through conv, pool, conv' },
    },
    {
      kind: 'bar',
      data: {
        bars: [
          { label: 'backpropagation', value: 14 },
          { label: 'cnn', value: 11 },
          { label: 'optimization', value: 9 },
          { label: 'batch-norm', value: 5 },
        ],
      },
      options: { title: 'Topics across exams', valueLabel: 'questions', categoryLabel: 'topic' },
    },
  ];
}

/** XOR regions as a 2-layer ReLU MLP computes them (h1 = relu(x+y-0.5), h2 = relu(x+y-1.5), p = σ(8(h1-2h2)-2)). */
export function xorRegions(): number[][] {
  const n = 40;
  return Array.from({ length: n }, (_, j) => {
    const y = -0.5 + ((j + 0.5) * 2) / n;
    return Array.from({ length: n }, (_, i) => {
      const x = -0.5 + ((i + 0.5) * 2) / n;
      const h1 = Math.max(0, x + y - 0.5);
      const h2 = Math.max(0, x + y - 1.5);
      return 1 / (1 + Math.exp(-(8 * (h1 - 2 * h2) - 2)));
    });
  });
}

function sampleValues(
  f: (x: number, y: number) => number,
  xd: [number, number],
  yd: [number, number],
  n: number,
): number[][] {
  return Array.from({ length: n }, (_, j) => {
    const y = yd[0] + ((j + 0.5) * (yd[1] - yd[0])) / n;
    return Array.from({ length: n }, (_, i) => f(xd[0] + ((i + 0.5) * (xd[1] - xd[0])) / n, y));
  });
}

/** Data that is empty, degenerate or partly invalid but still drawable, by name. */
export function edgeCaseSpecs(): [string, ChartSpec][] {
  return [
    ['empty line chart', { kind: 'line', data: { series: [] }, options: { title: 'No curves yet' } }],
    [
      'diverged loss',
      {
        kind: 'line',
        data: { series: [{ name: 'loss', y: [2, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1, 0.8] }] },
        options: { title: 'Loss with NaN', yScale: 'log' },
      },
    ],
    [
      'single point',
      { kind: 'line', data: { series: [{ name: 'one', x: [3], y: [7] }] }, options: { title: 'One point' } },
    ],
    ['constant histogram', { kind: 'histogram', data: { values: [2, 2, 2] }, options: { title: 'All equal' } }],
    [
      'constant matrix',
      {
        kind: 'heatmap',
        data: {
          values: [
            [1, 1],
            [1, 1],
          ],
        },
        options: { title: 'All ones' },
      },
    ],
    [
      'huge range',
      {
        kind: 'line',
        data: { series: [{ name: 'h', x: [0, 1e9], y: [-1e300, 1e300] }] },
        options: { title: 'Huge', width: 240 },
      },
    ],
    [
      'escaped title',
      { kind: 'bar', data: { bars: [{ label: '<b> & "c"', value: 1 }] }, options: { title: `x < y & "z" 'w'` } },
    ],
    ['empty graph', { kind: 'graph', data: { nodes: [], output: 'n0' }, options: { title: 'Nothing computed' } }],
    [
      'many bars',
      {
        kind: 'bar',
        data: { bars: Array.from({ length: 19 }, (_, s) => ({ label: String(s), value: Math.min(s + 1, 19 - s) })) },
        options: { title: 'Digit pairs per sum', categoryLabel: 'sum', valueLabel: 'pairs' },
      },
    ],
  ];
}

/** Figures whose labels crowd: long column labels, many classes, points near each other. */
export function crowdedSpecs(): [string, ChartSpec][] {
  const classes = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
  return [
    [
      'two-word column labels',
      {
        kind: 'heatmap',
        data: {
          values: [
            [450, 50],
            [110, 390],
          ],
          rowLabels: ['actual positive', 'actual negative'],
          colLabels: ['predicted positive', 'predicted negative'],
        },
        options: { title: 'Confusion matrix', xLabel: 'predicted', yLabel: 'actual' },
      },
    ],
    [
      'ten long class names',
      {
        kind: 'heatmap',
        data: {
          values: classes.map((_, r) => classes.map((_, c) => (r === c ? 80 + r : (r * 7 + c * 3) % 11))),
          rowLabels: classes,
          colLabels: classes,
        },
        options: { title: 'CIFAR-10 confusion matrix' },
      },
    ],
    [
      'sigmoid points',
      {
        kind: 'function',
        data: {
          fn: 'sigmoid',
          derivative: true,
          domain: [-4, 4],
          points: [{ x: -2 }, { x: 0 }, { x: 2 }, { x: 0, on: 'derivative' }],
        },
        options: { title: 'Sigmoid at three inputs' },
      },
    ],
    [
      'close points',
      {
        kind: 'function',
        data: { fn: 'relu', domain: [-1, 1], points: [{ x: 0.1 }, { x: 0.15 }, { x: 0.2 }] },
        options: { title: 'ReLU at close inputs' },
      },
    ],
    [
      'integer steps with markers',
      {
        kind: 'line',
        data: { series: [{ name: '‖∂L/∂h_t‖', x: [1, 2, 3], y: [4, 2, 1] }] },
        options: { title: 'Gradient size at each time step', xLabel: 't', yLabel: '‖∂L/∂h_t‖', markers: true },
      },
    ],
    [
      '4-5-3 network with biases',
      {
        kind: 'network',
        data: {
          layers: [4, 5, 3].map((n, l) => ({
            name: ['input', 'hidden', 'output'][l],
            nodes: Array.from({ length: n }, (_, i) => `${'xhy'[l]}${i + 1}`),
          })),
          weights: [
            Array.from({ length: 5 }, (_, j) =>
              Array.from({ length: 4 }, (_, i) => Math.round(((i * 5 + j * 3) % 7) * 10 - 30) / 100),
            ),
            Array.from({ length: 3 }, (_, j) =>
              Array.from({ length: 5 }, (_, i) => Math.round(((i * 2 + j * 5) % 9) * 10 - 40) / 100),
            ),
          ],
          biases: [
            [0.1, -0.1, 0, 0.2, -0.2],
            [0.5, -0.5, 0],
          ],
        },
        options: { title: 'A 4-5-3 network' },
      },
    ],
    [
      'fill-in graph, top to bottom',
      {
        kind: 'graph',
        data: batchNormGraph(),
        options: { title: 'Fill in the batch-norm graph', showValues: false, showGrads: false, direction: 'TB' },
      },
    ],
    [
      'long horizontal bar labels',
      {
        kind: 'bar',
        data: {
          bars: ['backpropagation', 'computational-graphs', 'regularization', 'generative-models'].map((label, i) => ({
            label,
            value: 10 - i * 2,
          })),
        },
        options: { title: 'Topics', valueLabel: 'questions' },
      },
    ],
  ];
}
