import { describe, expect, it } from 'vitest';
import { expectNumber, expectNumbers, solveWith } from './helpers.js';

describe('layer-stack', () => {
  it('TUM 2022 4.3/4.7/4.8 (defaults): k = 16·7·7 = 784, receptive field 5 after conv1 and 6 after maxpool 1, 28 after the linear layer', async () => {
    const r = await solveWith('layer-stack', (await import('../../src/solvers/layer-stack.js')).default.defaults);
    expectNumber(r, 'flattenSize', 784);
    expectNumber(r, 'receptiveField.0', 5);
    expectNumber(r, 'receptiveField.1', 6);
    expectNumbers(r, 'receptiveFieldShape', [28, 28]);
    expectNumbers(r, 'outputShape', [19]);
    expectNumbers(r, 'outputShapes.1', [8, 14, 14]);
    expectNumbers(r, 'shape_pool2', [16, 7, 7]);
    // conv1 2·8·25 + 8, bn 16, conv2 8·16·25 + 16, bn 32, linear 784·19 + 19
    expectNumber(r, 'totalParams', 408 + 16 + 3216 + 32 + 784 * 19 + 19);
  });

  it('TUM 2022 4.2: with a batch of N = 16 the input is 16 × 2 × 28 × 28 and the output 16 × 19', async () => {
    const { default: solver } = await import('../../src/solvers/layer-stack.js');
    const r = await solveWith('layer-stack', { ...solver.defaults, inputShape: [16, 2, 28, 28], batch: true });
    expectNumbers(r, 'outputShape', [16, 19]);
    expectNumbers(r, 'outputShapes.0', [16, 8, 28, 28]);
  });

  it('TUM 2020 4d: three 3×3 convolutions, stride 1, no padding → receptive field 7×7', async () => {
    const conv = { type: 'conv', outChannels: 1, kernelSize: 3, stride: 1, padding: 0 };
    const r = await solveWith('layer-stack', { inputShape: [1, 224, 224], layers: [conv, conv, conv] });
    expectNumbers(r, 'receptiveFieldShape', [7, 7]);
    expectNumbers(r, 'outputShape', [1, 218, 218]);
  });

  it('TUM 2023 2.3: 5×5 s2, 3×3 s2, 3×3 s2 → receptive field 17×17 (ignoring strides would give 9)', async () => {
    const r = await solveWith('layer-stack', {
      inputShape: [1, 64, 64],
      layers: [
        { type: 'conv', outChannels: 1, kernelSize: 5, stride: 2 },
        { type: 'conv', outChannels: 1, kernelSize: 3, stride: 2 },
        { type: 'conv', outChannels: 1, kernelSize: 3, stride: 2 },
      ],
    });
    expectNumbers(r, 'receptiveField', [5, 9, 17]);
    expectNumber(r, 'receptiveFieldNaive.2', 9);
  });

  it('CS682 midterm 7.1: 9×9×1 through layers a–j (W×H×C)', async () => {
    const r = await solveWith('layer-stack', {
      inputShape: [1, 9, 9],
      layout: 'HWC',
      layers: [
        { type: 'conv', outChannels: 10, kernelSize: 3, padding: 1, name: 'a' },
        { type: 'relu', name: 'b' },
        { type: 'maxpool', kernelSize: 3, stride: 3, name: 'c' },
        { type: 'conv', outChannels: 30, kernelSize: 3, padding: 1, name: 'd' },
        { type: 'relu', name: 'e' },
        { type: 'maxpool', kernelSize: 3, stride: 1, name: 'f' },
        { type: 'flatten', name: 'g' },
        { type: 'linear', outFeatures: 20, name: 'h' },
        { type: 'relu', name: 'i' },
        { type: 'linear', outFeatures: 10, name: 'j' },
      ],
    });
    expectNumbers(r, 'shape_a', [9, 9, 10]);
    expectNumbers(r, 'shape_c', [3, 3, 10]);
    expectNumbers(r, 'shape_d', [3, 3, 30]);
    expectNumbers(r, 'shape_f', [1, 1, 30]);
    expectNumbers(r, 'shape_h', [20]);
    expectNumbers(r, 'shape_j', [10]);
  });

  it('a linear layer on a feature map asks for a flatten, naming the layer', async () => {
    const { default: solver } = await import('../../src/solvers/layer-stack.js');
    const p = solver.params.parse({ inputShape: [1, 4, 4], layers: [{ type: 'linear', outFeatures: 2 }] });
    expect(() => solver.solve(p)).toThrow(/layer 1 \(Linear\(→ 2\)\).*add a flatten/);
  });
});
