/**
 * The backward pass of a single-channel 2-D convolution (cross-correlation, as PyTorch):
 * which upstream gradients dY and kernel weights W reach one input pixel, as a formula, and —
 * given numbers — the full ∂L/∂X and ∂L/∂W from core's autograd through `F.conv2d`.
 *
 * Answers: `expression` (∂L/∂X at `position`, e.g. `dY_1_1*W_2_3 + ...`, 1-based indices, names
 * usable as expression variables), `expressionLatex`, `terms`, `outputShape`; with values also `Y`,
 * `dX`, `dW`, `dXAt` (the value at `position`). Typical mistake: `expressionFlipped` (the kernel
 * flipped, as in a true convolution).
 */
import { F, type Tensor, tensor } from '@i2dl/core';
import { z } from 'zod';
import { fitWindow } from './conv-math.js';
import { defineSolver, matrix } from './define.js';
import { mat, num } from './format.js';
import { VariantRandom } from './random.js';
import type { AnswerValue, Step } from './types.js';

const params = z
  .object({
    inputSize: z
      .tuple([z.int().min(1).max(64), z.int().min(1).max(64)])
      .optional()
      .describe('H × W of the input when no input values are given'),
    input: matrix('input X (H × W)', 16).optional(),
    kernel: matrix('kernel W (k × k)', 7).optional(),
    kernelSize: z.int().min(1).max(7).optional().describe('k when no kernel values are given'),
    stride: z.int().min(1).max(4).default(1),
    padding: z.int().min(0).max(3).default(0),
    upstream: matrix('upstream gradient dY = ∂L/∂Y, same shape as Y', 16).optional(),
    position: z
      .tuple([z.int().min(1), z.int().min(1)])
      .default([1, 1])
      .describe('1-based (row, column) of the input pixel whose gradient is written out'),
  })
  .superRefine((p, ctx) => {
    if (!p.input && !p.inputSize)
      ctx.addIssue({ code: 'custom', path: ['inputSize'], message: 'give the input values or its size' });
    if (!p.kernel && !p.kernelSize)
      ctx.addIssue({ code: 'custom', path: ['kernelSize'], message: 'give the kernel values or its size' });
    if (p.kernel && p.kernel.length !== p.kernel[0].length)
      ctx.addIssue({ code: 'custom', path: ['kernel'], message: 'must be square' });
    const [h, w] = p.input ? [p.input.length, p.input[0].length] : (p.inputSize ?? [0, 0]);
    if (p.position[0] > h || p.position[1] > w) {
      ctx.addIssue({ code: 'custom', path: ['position'], message: `must lie inside the ${h} × ${w} input` });
    }
  });
type Params = z.infer<typeof params>;

/** (output row/col, kernel row/col) pairs through which input pixel (r, c) (0-based) reaches the output. */
function contributions(r: number, c: number, k: number, s: number, pad: number, outH: number, outW: number) {
  const terms: { i: number; j: number; a: number; b: number }[] = [];
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const i = (r + pad - a) / s;
      const j = (c + pad - b) / s;
      if (Number.isInteger(i) && Number.isInteger(j) && i >= 0 && j >= 0 && i < outH && j < outW)
        terms.push({ i, j, a, b });
    }
  }
  return terms.sort((x, y) => x.i - y.i || x.j - y.j);
}

export default defineSolver<Params>({
  name: 'conv-input-gradient',
  title: 'Backpropagation through a convolution: gradients of the input and the kernel',
  topics: ['cnn', 'backpropagation'],
  params,
  // CS682 midterm, 8.1: 16 × 16 input, 3 × 3 kernel, stride 1, zero padding 1; the gradient of X_{1,2}.
  defaults: params.parse({ inputSize: [16, 16], kernelSize: 3, padding: 1, position: [1, 2] }),
  generate(seed) {
    const r = new VariantRandom(seed);
    const n = r.int(3, 4);
    const k = r.int(2, 3);
    const padding = r.int(0, 1);
    const stride = 1;
    const out = n + 2 * padding - k + 1;
    return params.parse({
      input: r.matrix(n, n, () => r.int(-2, 3)),
      kernel: r.matrix(k, k, () => r.int(-1, 2)),
      stride,
      padding,
      upstream: r.matrix(out, out, () => r.int(-1, 2)),
      position: [r.int(1, n), r.int(1, n)],
    });
  },
  solve(p) {
    const [h, w] = p.input ? [p.input.length, p.input[0].length] : (p.inputSize as [number, number]);
    const k = p.kernel ? p.kernel.length : (p.kernelSize as number);
    const fitH = fitWindow(h, k, p.stride, p.padding, 1);
    const fitW = fitWindow(w, k, p.stride, p.padding, 1);
    if (fitH.size < 1 || fitW.size < 1)
      throw new Error(`the ${k} × ${k} kernel does not fit the padded ${h} × ${w} input`);
    const [r, c] = [p.position[0] - 1, p.position[1] - 1];
    const terms = contributions(r, c, k, p.stride, p.padding, fitH.size, fitW.size);
    const flipped = terms.map((t) => ({ ...t, a: k - 1 - t.a, b: k - 1 - t.b }));
    const text = (ts: typeof terms) =>
      ts.map((t) => `dY_${t.i + 1}_${t.j + 1}*W_${t.a + 1}_${t.b + 1}`).join(' + ') || '0';
    const tex = (ts: typeof terms) =>
      ts.map((t) => `dY_{${t.i + 1},${t.j + 1}} W_{${t.a + 1},${t.b + 1}}`).join(' + ') || '0';
    const answers: Record<string, AnswerValue> = {
      expression: text(terms),
      expressionLatex: tex(terms),
      terms: terms.length,
      outputShape: [fitH.size, fitW.size],
      expressionFlipped: text(flipped),
    };
    const steps: Step[] = [
      {
        title: 'Which outputs see this pixel',
        latex: `Y_{i,j} = \\sum_{a,b} W_{a,b}\\, X^{pad}_{${p.stride === 1 ? 'i' : `${p.stride}i`}+a-1,\\, ${p.stride === 1 ? 'j' : `${p.stride}j`}+b-1} \\;\\Rightarrow\\; \\frac{\\partial L}{\\partial X_{${p.position[0]},${p.position[1]}}} = \\sum_{(i,j,a,b)\\,:\\, X_{${p.position[0]},${p.position[1]}} \\text{ under } W_{a,b} \\text{ at } Y_{i,j}} dY_{i,j} W_{a,b}`,
        text: `The output is ${fitH.size} × ${fitW.size}. Every output position whose window covers the pixel contributes its upstream gradient times the kernel weight lying on the pixel: ${terms.length} term${terms.length === 1 ? '' : 's'}${p.padding ? ' (fewer than k² at the border, where windows hang into the padding)' : ''}.`,
      },
      {
        title: `Gradient of $X_{${p.position[0]},${p.position[1]}}$`,
        latex: `\\frac{\\partial L}{\\partial X_{${p.position[0]},${p.position[1]}}} = ${tex(terms)}`,
        text: 'This is a "full" convolution of dY with the kernel flipped by 180°: the backward pass of a cross-correlation is a convolution.',
      },
    ];
    if (p.input && p.kernel) {
      const X = tensor([[p.input]], { requiresGrad: true });
      const K = tensor([[p.kernel]], { requiresGrad: true });
      const Y = F.conv2d(X, K, null, { stride: p.stride, padding: p.padding });
      const dY = p.upstream ?? Array.from({ length: fitH.size }, () => Array(fitW.size).fill(1));
      if (dY.length !== fitH.size || dY[0].length !== fitW.size) {
        throw new Error(
          `upstream must have the output shape ${fitH.size} × ${fitW.size}, got ${dY.length} × ${dY[0].length}`,
        );
      }
      Y.backward(tensor([[dY]]));
      const y = (Y.toArray() as number[][][][])[0][0];
      const dX = ((X.grad as Tensor).toArray() as number[][][][])[0][0];
      const dW = ((K.grad as Tensor).toArray() as number[][][][])[0][0];
      Object.assign(answers, { Y: y, dX, dW, dXAt: dX[r][c] });
      steps.push(
        {
          title: 'Forward pass',
          latex: `Y = ${mat(y)}`,
        },
        {
          title: 'With the numbers',
          latex: `\\frac{\\partial L}{\\partial X_{${p.position[0]},${p.position[1]}}} = ${terms.map((t) => `${num(dY[t.i][t.j])} \\cdot ${num((p.kernel as number[][])[t.a][t.b])}`).join(' + ') || '0'} = ${num(dX[r][c])}, \\quad \\frac{\\partial L}{\\partial X} = ${mat(dX)}, \\quad \\frac{\\partial L}{\\partial W} = ${mat(dW)}`,
          text: 'The kernel gradient correlates the (padded) input with dY: ∂L/∂W_{a,b} = Σ_{i,j} dY_{i,j} X^{pad}_{i+a, j+b}.',
          chart: 'dX',
        },
      );
      return {
        answers,
        steps,
        charts: {
          dX: { kind: 'heatmap', data: { values: dX }, options: { title: 'Gradient of the input ∂L/∂X' } },
          dW: { kind: 'heatmap', data: { values: dW }, options: { title: 'Gradient of the kernel ∂L/∂W' } },
        },
      };
    }
    return { answers, steps };
  },
});
