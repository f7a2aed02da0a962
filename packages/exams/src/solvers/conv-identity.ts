/**
 * A convolution that is the identity (TUM I2DL endterm 2023, question 2.4): as many filters as
 * input channels, stride 1, "same" padding, and filter f is a one-hot kernel that picks the
 * centre pixel of channel f. The solver builds the weights and checks on a sample image, with
 * core's matmul over the unfolded patches (im2col), that the output equals the input.
 */
import { type Tensor, tensor } from '@i2dl/core';
import { z } from 'zod';
import { defineSolver } from './define.js';
import { mat, num } from './format.js';
import { VariantRandom } from './random.js';
import type { Step } from './types.js';

const params = z
  .object({
    channels: z.int().min(1).max(8).default(3).describe('input channels C (RGB: 3); the layer has as many filters'),
    kernel: z.int().min(1).max(9).default(3).describe('kernel size k (odd, so that the kernel has a centre)'),
    size: z.int().min(1).max(16).default(4).describe('height and width of the sample image used for the check'),
  })
  .refine((p) => p.kernel % 2 === 1, {
    message:
      'the kernel size must be odd: an even kernel has no centre pixel, so no one-hot kernel keeps every pixel in place',
    path: ['kernel'],
  });
type Params = z.infer<typeof params>;

/** weights[f][c] is the k×k kernel of filter f on input channel c. */
function identityWeights(c: number, k: number): number[][][][] {
  const centre = (k - 1) / 2;
  return Array.from({ length: c }, (_, f) =>
    Array.from({ length: c }, (_, ch) =>
      Array.from({ length: k }, (_, i) =>
        Array.from({ length: k }, (_, j) => (f === ch && i === centre && j === centre ? 1 : 0)),
      ),
    ),
  );
}

/** A deterministic sample image C×S×S with distinct values, so a shifted or mixed output cannot pass. */
function sampleImage(c: number, s: number): number[][][] {
  return Array.from({ length: c }, (_, ch) =>
    Array.from({ length: s }, (_, y) => Array.from({ length: s }, (_, x) => ch * 100 + y * 10 + x + 1)),
  );
}

/** Stride-1 convolution with zero padding p: unfold the patches (im2col) and multiply with core's matmul. */
function convolve(image: number[][][], weights: number[][][][], p: number): number[][][] {
  const c = image.length;
  const s = image[0].length;
  const k = weights[0][0].length;
  const out = s + 2 * p - k + 1;
  const at = (ch: number, y: number, x: number) => (y < 0 || x < 0 || y >= s || x >= s ? 0 : image[ch][y][x]);
  const columns: number[][] = [];
  for (let ch = 0; ch < c; ch++) {
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const row: number[] = [];
        for (let y = 0; y < out; y++) for (let x = 0; x < out; x++) row.push(at(ch, y + i - p, x + j - p));
        columns.push(row);
      }
    }
  }
  const w: Tensor = tensor(weights.map((f) => f.flat(2)));
  const result = w.matmul(tensor(columns)).toArray() as number[][];
  return result.map((r) => Array.from({ length: out }, (_, y) => r.slice(y * out, (y + 1) * out)));
}

export default defineSolver<Params>({
  name: 'conv-identity',
  title: 'A convolution layer that is the identity',
  topics: ['cnn'],
  params,
  defaults: params.parse({ channels: 3, kernel: 3, size: 4 }),
  generate(seed) {
    const r = new VariantRandom(seed);
    return params.parse({ channels: r.pick([1, 2, 3, 4]), kernel: r.pick([1, 3, 5]), size: r.pick([3, 4, 5]) });
  },
  solve(p) {
    const { channels: c, kernel: k } = p;
    const padding = (k - 1) / 2;
    const weights = identityWeights(c, k);
    const image = sampleImage(c, p.size);
    const output = convolve(image, weights, padding);
    const maxError = Math.max(
      ...output.flatMap((m, ch) => m.flatMap((r, y) => r.map((v, x) => Math.abs(v - image[ch][y][x])))),
    );
    const own = weights[0][0];
    const other = c > 1 ? weights[0][1] : own.map((r) => r.map(() => 0));
    const steps: Step[] = [
      {
        title: 'Shape of the weights',
        latex: `(\\text{kernels}, \\text{channels}, H, W) = (${c}, ${c}, ${k}, ${k})`,
        text: `To reproduce a ${c}-channel input the output needs ${c} channels, so ${c} filters (kernels), each spanning all ${c} input channels with a ${k}×${k} kernel.`,
      },
      {
        title: 'Padding that keeps the size',
        latex: `H_{out} = H + 2p - k + 1 = H \\iff p = \\frac{k - 1}{2} = ${num(padding)}`,
      },
      {
        title: 'The kernels',
        latex: `W[f, f] = ${mat(own)}, \\qquad W[f, c] = ${mat(other)} \\;\\; (c \\neq f), \\qquad b = 0`,
        text: `Filter f copies channel f: a one at the centre of its own channel's kernel, zeros everywhere else (so the other channels do not leak in), and no bias. In total ${c * c * k * k} weights, of which ${c} are ones.`,
      },
      {
        title: 'Check on a sample image',
        text: `Convolving a ${c}×${p.size}×${p.size} image with distinct pixel values gives back the image exactly: the largest difference is ${num(maxError)}.`,
        table: {
          columns: ['channel', 'input (row 1)', 'output (row 1)'],
          rows: image.map((m, ch) => [ch + 1, m[0].join(', '), output[ch][0].map((v) => num(v)).join(', ')]),
        },
      },
    ];
    return {
      answers: {
        weightShape: [c, c, k, k],
        // Typical mistake, for <Mistake> feedback: one k×k kernel per filter, forgetting that it spans all channels.
        weightShapeWithoutChannels: [c, k, k],
        padding,
        params: c * c * k * k + c,
        ownChannelKernel: own,
        otherChannelKernel: other,
        bias: Array(c).fill(0),
        biasValue: 0,
        maxError,
        isIdentity: maxError === 0,
      },
      steps,
    };
  },
});
