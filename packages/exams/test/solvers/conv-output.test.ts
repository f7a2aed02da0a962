import { F, nn, zeros } from '@i2dl/core';
import { describe, expect, it } from 'vitest';
import { expectNumber, expectNumbers, solveWith } from './helpers.js';

describe('conv-output', () => {
  it('TUM 2020 4b: 5 filters 7×7, stride 3, padding 1 on 26×26×26 → 8×8×5', async () => {
    const r = await solveWith('conv-output', {
      channels: 26,
      height: 26,
      width: 26,
      kernel: 7,
      stride: 3,
      padding: 1,
      filters: 5,
      layout: 'HWC',
    });
    expectNumbers(r, 'outputShape', [8, 8, 5]);
    expect(r.answers.wholeNumber).toBe(true);
    expectNumbers(r, 'outputShapeWithoutPadding', [7, 7, 5]);
  });

  it('TUM 2020 4c: 4 filters 5×5 on an RGB image → weight shape 4×3×5×5', async () => {
    const r = await solveWith('conv-output', { channels: 3, height: 32, width: 32, kernel: 5, filters: 4 });
    expectNumbers(r, 'weightShape', [4, 3, 5, 5]);
    expectNumber(r, 'params', 4 * 75 + 4);
  });

  it('TUM 2022 1.3: one 1×1 filter on 16×32×64×64 has 33 parameters (65, 17, 2,097,153 are the wrong options)', async () => {
    const r = await solveWith('conv-output', { batch: 16, channels: 32, height: 64, width: 64, kernel: 1, filters: 1 });
    expectNumber(r, 'paramsPerFilter', 33);
    expectNumber(r, 'paramsPerFilterWithoutBias', 32);
    expectNumbers(r, 'outputShape', [16, 1, 64, 64]);
  });

  it('TUM 2022 4.1/4.5: (3, 1, 1) keeps 28×28; a 28×28 kernel with 100 filters gives 100×1×1', async () => {
    const same = await solveWith('conv-output', {
      channels: 2,
      height: 28,
      width: 28,
      kernel: 3,
      padding: 1,
      filters: 8,
    });
    expectNumbers(same, 'outputShape', [8, 28, 28]);
    const fc = await solveWith('conv-output', { channels: 2, height: 28, width: 28, kernel: 28, filters: 100 });
    expectNumbers(fc, 'outputShape', [100, 1, 1]);
    expectNumber(fc, 'params', 100 * (2 * 28 * 28 + 1));
  });

  it('explains a stride that does not fit instead of refusing: 28, k 3, s 2 → 13.5 → 13', async () => {
    const r = await solveWith('conv-output', { channels: 1, height: 28, width: 28, kernel: 3, stride: 2 });
    expectNumber(r, 'outputHeight', 13);
    expectNumber(r, 'outputHeightExact', 13.5);
    expect(r.answers.wholeNumber).toBe(false);
    expect(r.notes?.[0]).toMatch(/floor/);
    expect(r.notes?.[0]).toMatch(/last 1 row/);
  });

  it('pooling keeps channels, has no parameters, and strides by the kernel by default', async () => {
    const r = await solveWith('conv-output', { layer: 'maxpool', channels: 8, height: 28, width: 28, kernel: 2 });
    expectNumbers(r, 'outputShape', [8, 14, 14]);
    expectNumber(r, 'params', 0);
    const ceil = await solveWith('conv-output', {
      layer: 'maxpool',
      channels: 1,
      height: 7,
      width: 7,
      kernel: 2,
      rounding: 'ceil',
    });
    expectNumber(ceil, 'outputHeight', 4);
  });

  it('a kernel larger than the padded input is explained as invalid', async () => {
    const r = await solveWith('conv-output', { channels: 1, height: 3, width: 3, kernel: 5 });
    expect(r.answers.valid).toBe(false);
    expect(r.notes?.[0]).toMatch(/does not fit even one window/);
  });
});

describe('conv-output agrees with core F.conv2d / F.maxPool2d and nn.Conv2d', () => {
  const cases = [
    { channels: 3, height: 28, width: 28, kernel: 3, stride: 2, padding: 0, filters: 4 },
    { channels: 2, height: 13, width: 9, kernel: 5, stride: 3, padding: 2, dilation: 2, filters: 3 },
    { channels: 1, height: 26, width: 26, kernel: 7, stride: 3, padding: 1, filters: 5, bias: false },
  ];
  it.each(cases)('conv %o', async (params) => {
    const r = await solveWith('conv-output', params);
    const { kernel, stride, padding, filters, channels, height, width } = params;
    const dilation = params.dilation ?? 1;
    const layer = new nn.Conv2d(channels, filters, kernel, { stride, padding, dilation, bias: params.bias ?? true });
    const y = F.conv2d(zeros([1, channels, height, width]), layer.weight, layer.bias, { stride, padding, dilation });
    expect(r.answers.outputShape).toEqual(y.shape.slice(1));
    expect(r.answers.params).toBe(layer.parameters().reduce((s, p) => s + p.numel(), 0));
  });
  it('max pooling that does not divide evenly', async () => {
    const r = await solveWith('conv-output', {
      layer: 'maxpool',
      channels: 2,
      height: 8,
      width: 8,
      kernel: 3,
      stride: 2,
    });
    const y = F.maxPool2d(zeros([1, 2, 8, 8]), 3, { stride: 2 });
    expect(r.answers.outputShape).toEqual(y.shape.slice(1));
  });
});
