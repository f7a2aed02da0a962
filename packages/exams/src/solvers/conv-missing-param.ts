/**
 * The missing hyperparameter of convolution layers: given the input and output size and two of
 * kernel size, stride and padding, find the third (as in the FAU DL exam's PyTorch constructor
 * with blanks). Every candidate value is checked with the same output-size arithmetic as
 * `conv-output`, so the two solvers cannot disagree.
 *
 * Answers: `missing` (the solved value per layer), `kernel`, `stride`, `padding` (the complete
 * values per layer), `exact` (whether the solved layer fits without flooring), `alternatives`
 * (per layer, every value that also gives the output size, as text).
 */
import { z } from 'zod';
import { fitWindow } from './conv-math.js';
import { defineSolver } from './define.js';
import { num } from './format.js';
import { VariantRandom } from './random.js';
import type { Step } from './types.js';

const size = (description: string) => z.int().min(1).max(4096).describe(description);
const hyper = ['kernel', 'stride', 'padding'] as const;
type Hyper = (typeof hyper)[number];

const layerSchema = z
  .object({
    name: z.string().min(1).max(40).optional().describe('the layer name shown in the steps, e.g. convD'),
    inputSize: size('input height (= width) of the layer'),
    outputSize: size('output height (= width) the layer must produce'),
    kernel: z.int().min(1).max(512).optional().describe('kernel size k; leave out to solve for it'),
    stride: z.int().min(1).max(64).optional().describe('stride s; leave out to solve for it'),
    padding: z.int().min(0).max(256).optional().describe('padding p on each side; leave out to solve for it'),
    dilation: z.int().min(1).max(16).default(1).describe('dilation d (1 = an ordinary kernel)'),
  })
  .refine((l) => hyper.filter((h) => l[h] === undefined).length === 1, {
    message: 'leave out exactly one of kernel, stride and padding: the one to solve for',
  });

const params = z.object({
  layers: z.array(layerSchema).min(1).max(12).describe('the layers, each with exactly one missing hyperparameter'),
});
type Params = z.infer<typeof params>;
type Layer = Params['layers'][number];

/** The largest value worth trying for each hyperparameter of a layer. */
function searchLimit(layer: Layer, which: Hyper): number {
  if (which === 'stride') return 64;
  if (which === 'padding') return Math.min(256, layer.inputSize + 512);
  return Math.min(512, layer.inputSize + 2 * (layer.padding ?? 0));
}

interface Solved {
  name: string;
  which: Hyper;
  value: number;
  exact: boolean;
  candidates: number[];
  kernel: number;
  stride: number;
  padding: number;
}

/** Tries every value of the missing hyperparameter and keeps those that produce the output size. */
function solveLayer(layer: Layer, index: number): Solved {
  const which = hyper.find((h) => layer[h] === undefined) as Hyper;
  const name = layer.name ?? `layer ${index + 1}`;
  const low = which === 'padding' ? 0 : 1;
  const fits: { value: number; exact: boolean }[] = [];
  for (let v = low; v <= searchLimit(layer, which); v++) {
    const k = which === 'kernel' ? v : (layer.kernel as number);
    const s = which === 'stride' ? v : (layer.stride as number);
    const p = which === 'padding' ? v : (layer.padding as number);
    const fit = fitWindow(layer.inputSize, k, s, p, layer.dilation);
    if (fit.size === layer.outputSize) fits.push({ value: v, exact: Number.isInteger(fit.exact) });
  }
  if (fits.length === 0) {
    throw new Error(
      `${name}: no ${which} turns an input of ${layer.inputSize} into an output of ${layer.outputSize} with the other values given; check the sizes`,
    );
  }
  // Prefer a value for which the window fits exactly (no rows dropped by flooring), then the smallest.
  const best = fits.find((f) => f.exact) ?? fits[0];
  const resolved = {
    kernel: layer.kernel ?? best.value,
    stride: layer.stride ?? best.value,
    padding: layer.padding ?? best.value,
  };
  return { name, which, value: best.value, exact: best.exact, candidates: fits.map((f) => f.value), ...resolved };
}

/** The output-size formula solved for the missing value, as LaTeX (before rounding). */
function rearranged(layer: Layer, s: Solved): string {
  const { inputSize: h, outputSize: o, dilation: d } = layer;
  const extent = d * (s.kernel - 1) + 1;
  const extentTex = d === 1 ? 'k' : `${d}(k - 1) + 1`;
  switch (s.which) {
    case 'kernel': {
      const needed = h + 2 * s.padding - s.stride * (o - 1);
      const solvedK =
        d === 1 ? '' : ` \\;\\Rightarrow\\; k = \\frac{${needed} - 1}{${d}} + 1 = ${num((needed - 1) / d + 1)}`;
      return `${o} = \\frac{${h} + 2 \\cdot ${s.padding} - ${extentTex}}{${s.stride}} + 1 \\;\\Rightarrow\\; ${extentTex} = ${h} + 2 \\cdot ${s.padding} - ${s.stride} \\cdot (${o} - 1) = ${needed}${solvedK}`;
    }
    case 'padding': {
      const exactP = (s.stride * (o - 1) + extent - h) / 2;
      return `${o} = \\frac{${h} + 2p - ${extent}}{${s.stride}} + 1 \\;\\Rightarrow\\; p = \\frac{${s.stride} \\cdot (${o} - 1) + ${extent} - ${h}}{2} = ${num(exactP)}`;
    }
    case 'stride': {
      if (o === 1) {
        return `${o} = \\left\\lfloor \\frac{${h} + 2 \\cdot ${s.padding} - ${extent}}{s} \\right\\rfloor + 1 \\;\\Rightarrow\\; s > ${h + 2 * s.padding - extent}`;
      }
      const exactS = (h + 2 * s.padding - extent) / (o - 1);
      return `${o} = \\frac{${h} + 2 \\cdot ${s.padding} - ${extent}}{s} + 1 \\;\\Rightarrow\\; s = \\frac{${h} + 2 \\cdot ${s.padding} - ${extent}}{${o} - 1} = ${num(exactS)}`;
    }
  }
}

export default defineSolver<Params>({
  name: 'conv-missing-param',
  title: 'Missing kernel size, stride or padding of a convolution',
  topics: ['cnn'],
  params,
  defaults: params.parse({
    layers: [
      { name: 'convD', inputSize: 56, outputSize: 56, stride: 1, padding: 3 },
      { name: 'convE', inputSize: 56, outputSize: 56, kernel: 1, stride: 1 },
      { name: 'convF', inputSize: 56, outputSize: 56, kernel: 3, padding: 1 },
    ],
  }),
  generate(seed) {
    const r = new VariantRandom(seed);
    const count = r.int(1, 3);
    const layers = Array.from({ length: count }, () => {
      const kernel = r.pick([1, 3, 5, 7]);
      const stride = r.pick([1, 1, 2]);
      const padding = r.int(0, Math.floor(kernel / 2));
      const inputSize = r.pick([14, 16, 28, 32, 56, 64]);
      const outputSize = fitWindow(inputSize, kernel, stride, padding, 1).size;
      const full = { inputSize, outputSize, kernel, stride, padding };
      const hidden = r.pick(hyper);
      return Object.fromEntries(Object.entries(full).filter(([key]) => key !== hidden));
    });
    return params.parse({ layers });
  },
  solve(p) {
    const solved = p.layers.map(solveLayer);
    const steps: Step[] = [
      {
        title: 'The output-size formula',
        latex: 'H_{out} = \\left\\lfloor \\frac{H_{in} + 2p - k}{s} \\right\\rfloor + 1',
        text: 'Insert the known sizes and values of each layer and solve for the one that is missing.',
      },
      ...solved.map(
        (s, i): Step => ({
          title: `${s.name}: ${s.which} = ${s.value}`,
          latex: rearranged(p.layers[i], s),
          text:
            s.candidates.length > 1
              ? `Because the formula rounds down, ${s.which} ∈ {${s.candidates.join(', ')}} all give an output of ${p.layers[i].outputSize}; ${s.value} is the one for which the window fits ${s.exact ? 'exactly, without dropping rows at the border' : 'first'}.`
              : `Only ${s.which} = ${s.value} gives an output of ${p.layers[i].outputSize}.`,
        }),
      ),
    ];
    const notes = solved
      .filter((s) => !s.exact)
      .map(
        (s) =>
          `${s.name}: no ${s.which} makes the window fit exactly; with ${s.which} = ${s.value} the last rows of the padded input are never covered (PyTorch floors the output size).`,
      );
    return {
      answers: {
        missing: solved.map((s) => s.value),
        kernel: solved.map((s) => s.kernel),
        stride: solved.map((s) => s.stride),
        padding: solved.map((s) => s.padding),
        exact: solved.every((s) => s.exact),
        alternatives: solved.map((s) => s.candidates.join(', ')),
      },
      steps,
      notes: notes.length ? notes : undefined,
    };
  },
});
