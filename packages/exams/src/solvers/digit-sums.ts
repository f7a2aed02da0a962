/**
 * Classifying the sum of two digit images (TUM I2DL endterm 2022, problem 4): the input shape of
 * two stacked images, the number of possible sums (the output classes) and how many digit pairs
 * give each sum — which is why the sum classes are imbalanced even when the digits are balanced.
 */
import { arange, type Tensor } from '@i2dl/core';
import { z } from 'zod';
import { defineSolver } from './define.js';
import { num } from './format.js';
import { VariantRandom } from './random.js';
import type { Step } from './types.js';

const params = z
  .object({
    digits: z
      .int()
      .min(2)
      .max(100)
      .default(10)
      .describe('number of digit classes of the base dataset (MNIST: 10, digits 0 … 9)'),
    images: z.int().min(1).max(10_000_000).default(50_000).describe('number of images in the base dataset'),
    channels: z.int().min(1).max(4).default(1).describe('channels of one image (MNIST: 1, grayscale)'),
    size: z.int().min(1).max(1024).default(28).describe('height and width of one image'),
    compare: z
      .tuple([z.int().min(0), z.int().min(0)])
      .default([12, 18])
      .describe('two sums whose frequencies are compared'),
  })
  .refine((p) => p.compare.every((s) => s <= 2 * (p.digits - 1)), {
    message: 'each compared sum must be a possible sum, between 0 and 2·(digits − 1)',
    path: ['compare'],
  });
type Params = z.infer<typeof params>;

/**
 * Number of ordered pairs (a, b) of digits with a + b = s, for every s: the sums of all pairs are
 * the outer sum of 0 … d−1 with itself, counted per value with a one-hot comparison.
 */
function pairsPerSum(digits: number): number[] {
  const d = arange(digits);
  const sums: Tensor = d
    .reshape([digits, 1])
    .add(d.reshape([1, digits]))
    .reshape([digits * digits, 1]);
  const values = arange(2 * digits - 1).reshape([1, 2 * digits - 1]);
  const oneHot = sums.eq(values);
  return (oneHot.sum(0).toArray() as number[]).map((x) => Math.round(x));
}

export default defineSolver<Params>({
  name: 'digit-sums',
  title: 'Classifying the sum of two digit images: classes and class balance',
  topics: ['cnn', 'training-practice', 'metrics'],
  params,
  defaults: params.parse({}),
  generate(seed) {
    const r = new VariantRandom(seed);
    const digits = r.pick([3, 4, 5, 6, 8, 10]);
    const max = 2 * (digits - 1);
    const a = r.int(0, max);
    let b = r.int(0, max);
    if (b === a) b = max - a === a ? (a === 0 ? max : 0) : max - a;
    return params.parse({
      digits,
      images: r.pick([1000, 5000, 10_000, 50_000, 60_000]),
      channels: r.pick([1, 1, 3]),
      size: r.pick([16, 28, 32]),
      compare: [a, b],
    });
  },
  solve(p) {
    const counts = pairsPerSum(p.digits);
    const classes = counts.length;
    const totalPairs = p.digits * p.digits;
    const [a, b] = p.compare;
    const ratio = counts[a] / counts[b];
    const inputShape = [2 * p.channels, p.size, p.size];
    const table = counts.map((c, s) => [s, c, num(c / totalPairs, 4)]);
    const steps: Step[] = [
      {
        title: 'Input shape',
        latex: `\\underbrace{2 \\cdot ${p.channels}}_{\\text{two images}} \\times ${p.size} \\times ${p.size} \\;\\Rightarrow\\; N \\times ${inputShape.join(' \\times ')}`,
        text: 'The two images are stacked along the channel axis; the batch adds the dimension N in front.',
      },
      {
        title: 'Number of possible sums (output classes)',
        latex: `n = \\underbrace{2 \\cdot ${p.digits - 1}}_{\\text{largest sum}} + 1 = ${classes}`,
        text: `Two digits from 0 to ${p.digits - 1} add up to any whole number from 0 to ${2 * (p.digits - 1)}, so the output is N × ${classes}.`,
      },
      {
        title: 'Number of image pairs',
        latex: `${p.images.toLocaleString('en-US').replace(/,/g, '{,}')} \\cdot ${p.images.toLocaleString('en-US').replace(/,/g, '{,}')} = ${num(p.images * p.images)}`,
      },
      {
        title: 'Digit pairs per sum',
        text: `With equally frequent digits, each of the ${p.digits}·${p.digits} = ${totalPairs} ordered digit pairs is equally likely, so the frequency of a sum is the number of pairs that give it: min(s, ${2 * (p.digits - 1)} − s) + 1.`,
        table: { columns: ['sum', 'digit pairs', 'share of the data'], rows: table },
        chart: 'pairsPerSum',
      },
      {
        title: `Class ${a} versus class ${b}`,
        latex: `\\frac{\\#\\text{pairs}(${a})}{\\#\\text{pairs}(${b})} = \\frac{${counts[a]}}{${counts[b]}} = ${num(ratio, 3)}`,
        text: `Class ${a} occurs ${num(ratio, 3)} times as often as class ${b} in uniformly sampled pairs.`,
      },
    ];
    return {
      answers: {
        inputShape,
        classes,
        classesDigitsOnly: p.digits,
        pairs: p.images * p.images,
        digitPairs: totalPairs,
        pairsPerSum: counts,
        compareCounts: [counts[a], counts[b]],
        frequencyRatio: ratio,
      },
      steps,
      charts: {
        pairsPerSum: {
          kind: 'bar',
          data: { bars: counts.map((c, s) => ({ label: String(s), value: c })) },
          options: {
            title: 'Digit pairs per sum',
            description: `How many of the ${totalPairs} ordered digit pairs give each sum 0 … ${classes - 1}.`,
            orientation: 'vertical',
            valueLabel: 'number of digit pairs',
          },
        },
      },
    };
  },
});
