/**
 * Parameter counts of single layers (conv, linear, RNN, LSTM, GRU, batch norm) with the formula,
 * and the counts a typical mistake gives, so content can attach feedback to them.
 */
import { z } from 'zod';
import { defineSolver } from './define.js';
import { VariantRandom } from './random.js';
import type { AnswerValue, Step } from './types.js';

const count = (description: string) => z.int().min(1).max(100000).describe(description);

const params = z.object({
  layer: z
    .enum(['conv', 'linear', 'rnn', 'lstm', 'gru', 'batchnorm'])
    .describe('layer type: conv, linear, rnn (vanilla), lstm, gru or batchnorm'),
  inputs: count('input channels (conv), input features (linear, rnn, lstm, gru) or channels/features (batchnorm)'),
  outputs: count(
    'filters (conv), output features (linear) or hidden size (rnn, lstm, gru); ignored for batchnorm',
  ).default(1),
  kernel: count('kernel size k of a conv layer (square)').default(1),
  bias: z.boolean().default(true).describe('whether the layer has biases'),
  rnnBias: z
    .enum(['single', 'double'])
    .default('single')
    .describe(
      'recurrent layers: one bias per gate as in lecture formulas (single) or PyTorch`s b_ih and b_hh (double)',
    ),
});
type Params = z.infer<typeof params>;

interface Count {
  weights: number;
  biases: number;
  formula: string;
  latex: string;
  text: string;
  mistakes: Record<string, number>;
}

function recurrent(p: Params, gates: number, name: string): Count {
  const { inputs: i, outputs: h } = p;
  const biasPerGate = p.bias ? (p.rnnBias === 'double' ? 2 : 1) : 0;
  const g = gates === 1 ? '' : `${gates} \\cdot `;
  const gp = gates === 1 ? '' : `${gates} * `;
  const biasTex = biasPerGate === 0 ? '' : biasPerGate === 2 ? ' + 2h' : ' + h';
  const biasTxt = biasPerGate === 0 ? '' : biasPerGate === 2 ? ' + 2*h' : ' + h';
  const weights = gates * (h * i + h * h);
  const biases = gates * biasPerGate * h;
  return {
    weights,
    biases,
    formula: `${gp}(h*i + h*h${biasTxt})`,
    latex: `${g}(h \\cdot i + h \\cdot h${biasTex}) = ${g}(${h} \\cdot ${i} + ${h} \\cdot ${h}${biasPerGate ? ` + ${biasPerGate * h}` : ''}) = ${weights + biases}`,
    text: `${name}: ${gates === 1 ? 'the cell has' : `each of the ${gates} gates/candidates has`} an input matrix W (h × i = ${h} × ${i}), a recurrent matrix U (h × h = ${h} × ${h})${biasPerGate ? ` and ${biasPerGate === 2 ? 'two bias vectors (PyTorch keeps b_ih and b_hh)' : 'a bias vector'} of length h` : ''}.`,
    mistakes: {
      withoutBias: weights,
      withoutRecurrent: gates * (h * i + biasPerGate * h),
      singleGate: h * i + h * h + biasPerGate * h,
    },
  };
}

function countLayer(p: Params): Count {
  const { inputs: i, outputs: o, kernel: k } = p;
  const b = p.bias ? 1 : 0;
  switch (p.layer) {
    case 'conv': {
      const weights = o * i * k * k;
      return {
        weights,
        biases: b * o,
        formula: p.bias ? 'F*(C*k*k + 1)' : 'F*C*k*k',
        latex: `F \\cdot (C \\cdot k^2${b ? ' + 1' : ''}) = ${o} \\cdot (${i} \\cdot ${k}^2${b ? ' + 1' : ''}) = ${weights + b * o}`,
        text: `Each of the F = ${o} filters has C·k·k = ${i}·${k}·${k} = ${i * k * k} weights${b ? ' and one bias' : ''}.`,
        mistakes: { withoutBias: weights, ignoringInputChannels: o * (k * k + b), perFilter: i * k * k + b },
      };
    }
    case 'linear': {
      const weights = o * i;
      return {
        weights,
        biases: b * o,
        formula: p.bias ? 'n_out*(n_in + 1)' : 'n_out*n_in',
        latex: `n_{out} \\cdot (n_{in}${b ? ' + 1' : ''}) = ${o} \\cdot (${i}${b ? ' + 1' : ''}) = ${weights + b * o}`,
        text: `A weight from every input to every output (${i} × ${o})${b ? ', plus one bias per output' : ''}.`,
        mistakes: { withoutBias: weights, biasPerInput: weights + b * i },
      };
    }
    case 'rnn':
      return recurrent(p, 1, 'Vanilla RNN');
    case 'lstm':
      return recurrent(p, 4, 'LSTM (input, forget, output gate and cell candidate)');
    case 'gru':
      return recurrent(p, 3, 'GRU (reset, update gate and candidate)');
    case 'batchnorm':
      return {
        weights: i,
        biases: i,
        formula: '2*C',
        latex: `2 \\cdot C = 2 \\cdot ${i} = ${2 * i}`,
        text: `One scale γ and one shift β per channel, learned. Batch norm also keeps a running mean and a running variance per channel (${2 * i} more numbers): buffers updated during training, not learned by gradient descent.`,
        mistakes: { withoutBias: i, withRunningStats: 4 * i },
      };
  }
}

export default defineSolver<Params>({
  name: 'param-count',
  title: 'Parameter count of a layer',
  topics: ['cnn', 'mlp', 'rnn-lstm', 'batch-norm'],
  params,
  defaults: params.parse({ layer: 'rnn', inputs: 3, outputs: 5 }),
  generate(seed) {
    const r = new VariantRandom(seed);
    const layer = r.pick(['conv', 'linear', 'rnn', 'lstm', 'gru', 'batchnorm'] as const);
    return params.parse({
      layer,
      inputs: r.pick([1, 2, 3, 4, 8, 16, 32]),
      outputs: r.pick([2, 4, 5, 8, 10, 16, 64]),
      kernel: r.pick([1, 3, 5, 7]),
      bias: r.chance(0.8),
      rnnBias: r.chance(0.8) ? 'single' : 'double',
    });
  },
  solve(p) {
    const c = countLayer(p);
    const steps: Step[] = [
      { title: 'What is learned', text: c.text },
      { title: 'Count', latex: c.latex },
    ];
    const answers: Record<string, AnswerValue> = {
      params: c.weights + c.biases,
      weights: c.weights,
      biases: c.biases,
      formula: c.formula,
      ...c.mistakes,
    };
    if (p.layer === 'batchnorm') {
      answers.runningStats = 2 * p.inputs;
      steps.push({
        title: 'Running statistics',
        latex: `\\underbrace{C}_{\\text{running mean}} + \\underbrace{C}_{\\text{running var}} = ${2 * p.inputs}`,
        text: 'Used at test time instead of the batch statistics.',
      });
    }
    return { answers, steps };
  },
});
