/**
 * Output shape, weight shape and parameter count of one convolution or pooling layer.
 * Settings where the window does not fit a whole number of times are explained, not refused.
 */
import { z } from 'zod';
import { fitWindow, type WindowFit } from './conv-math.js';
import { defineSolver } from './define.js';
import { factor, num, shapeTex } from './format.js';
import { VariantRandom } from './random.js';
import type { Step } from './types.js';

const size = (description: string, max = 4096) => z.int().min(1).max(max).describe(description);

const params = z.object({
  layer: z.enum(['conv', 'maxpool', 'avgpool']).default('conv').describe('conv, maxpool or avgpool'),
  batch: z.int().min(1).max(100000).optional().describe('batch size N; leave out for a single sample'),
  channels: size('input channels C'),
  height: size('input height H'),
  width: size('input width W'),
  kernel: size('kernel size k (square)', 512),
  stride: size('stride s (default: 1 for conv, the kernel size for pooling, as in PyTorch)', 64).optional(),
  padding: z.int().min(0).max(256).default(0).describe('zero padding p on each side'),
  dilation: size('dilation d (1 = an ordinary kernel)', 16).default(1),
  filters: size('number of filters (output channels) of a conv layer').default(1),
  bias: z.boolean().default(true).describe('whether each filter has a bias'),
  layout: z.enum(['CHW', 'HWC']).default('CHW').describe('order of the shape answers: C×H×W (PyTorch) or H×W×C'),
  rounding: z.enum(['floor', 'ceil']).default('floor').describe('floor (default) or ceil (pooling with ceil_mode)'),
});
type Params = z.infer<typeof params>;
/** Params with the layer's default stride filled in. */
type Resolved = Params & { stride: number };

function arrange(p: Resolved, c: number, h: number, w: number): number[] {
  const spatial = p.layout === 'CHW' ? [c, h, w] : [h, w, c];
  return p.batch === undefined ? spatial : [p.batch, ...spatial];
}

function fitText(dim: string, input: number, p: Resolved, fit: WindowFit): string {
  const { kernel: k, stride: s, padding: pad, dilation: d } = p;
  const dilated = d === 1 ? `${k}` : `${d}(${k} - 1) + 1`;
  return `${dim}_{out} = \\left\\lfloor \\frac{${input} + 2 \\cdot ${pad} - ${dilated}}{${s}} \\right\\rfloor + 1 = \\left\\lfloor \\frac{${fit.padded - fit.effectiveKernel}}{${s}} \\right\\rfloor + 1 = ${fit.size}`;
}

function explainFit(dim: string, p: Resolved, fit: WindowFit): string | undefined {
  if (fit.padded < fit.effectiveKernel) {
    return `The ${dim === 'H' ? 'height' : 'width'} does not fit even one window: the padded input has ${fit.padded} positions but the kernel spans ${fit.effectiveKernel}. PyTorch raises an error for this layer ("output size is too small"); use more padding, a smaller kernel or a larger input.`;
  }
  if (Number.isInteger(fit.exact)) return undefined;
  const name = dim === 'H' ? 'height' : 'width';
  const covered = fit.padded - fit.uncovered;
  const ceilNote =
    p.rounding === 'ceil'
      ? ` With ceil_mode (pooling only) PyTorch rounds up instead and adds one partial window, giving ${fit.size}.`
      : ' Pooling layers can round up instead with ceil_mode=True.';
  return `The ${name} is not a whole number of strides: $(${fit.padded} - ${fit.effectiveKernel}) / ${p.stride} + 1 = ${num(fit.exact)}$. The windows start every ${p.stride} positions, and after ${Math.floor(fit.exact)} windows (covering ${covered} of the ${fit.padded} padded positions) the next one would run past the border. PyTorch and TensorFlow (padding 'valid') take the floor: the last ${fit.uncovered} row${fit.uncovered === 1 ? '' : 's'}/column${fit.uncovered === 1 ? '' : 's'} of the padded input are never seen by any window.${ceilNote}`;
}

export default defineSolver<Params>({
  name: 'conv-output',
  title: 'Convolution and pooling output size, weight shape and parameters',
  topics: ['cnn', 'pooling'],
  params,
  defaults: params.parse({ channels: 26, height: 26, width: 26, kernel: 7, stride: 3, padding: 1, filters: 5 }),
  generate(seed) {
    const r = new VariantRandom(seed);
    const layer = r.pick(['conv', 'conv', 'conv', 'maxpool'] as const);
    const kernel = r.pick([1, 2, 3, 3, 5, 7]);
    const hw = r.pick([7, 8, 14, 16, 28, 32, 64]);
    return params.parse({
      layer,
      channels: r.pick([1, 3, 8, 16, 32]),
      height: Math.max(hw, kernel),
      width: Math.max(hw, kernel),
      kernel,
      stride: layer === 'conv' ? r.pick([1, 1, 2, 3]) : kernel === 1 ? 1 : r.pick([kernel, 2]),
      padding: layer === 'conv' ? r.int(0, Math.floor(kernel / 2)) : 0,
      filters: layer === 'conv' ? r.pick([4, 8, 16, 32, 64]) : 1,
      bias: r.chance(0.8),
    });
  },
  solve(given) {
    const p: Resolved = { ...given, stride: given.stride ?? (given.layer === 'conv' ? 1 : given.kernel) };
    const fitH = fitWindow(p.height, p.kernel, p.stride, p.padding, p.dilation, p.rounding);
    const fitW = fitWindow(p.width, p.kernel, p.stride, p.padding, p.dilation, p.rounding);
    const isConv = p.layer === 'conv';
    const outC = isConv ? p.filters : p.channels;
    const weightsPerFilter = isConv ? p.channels * p.kernel * p.kernel : 0;
    const biasPerFilter = isConv && p.bias ? 1 : 0;
    const weights = weightsPerFilter * (isConv ? p.filters : 0);
    const biases = biasPerFilter * (isConv ? p.filters : 0);
    const noPadH = fitWindow(p.height, p.kernel, p.stride, 0, p.dilation, p.rounding).size;
    const noPadW = fitWindow(p.width, p.kernel, p.stride, 0, p.dilation, p.rounding).size;
    const inputShape = arrange(p, p.channels, p.height, p.width);
    const outputShape = arrange(p, outC, fitH.size, fitW.size);
    const valid = fitH.size > 0 && fitW.size > 0;

    const steps: Step[] = [
      {
        title: `Output height and width of the ${isConv ? 'convolution' : 'pooling'}`,
        latex: `\\begin{aligned} ${fitText('H', p.height, p, fitH)} \\\\ ${fitText('W', p.width, p, fitW)} \\end{aligned}`,
        text: `Each output position is one placement of the ${p.kernel}×${p.kernel} window${p.dilation > 1 ? ` (dilated to ${fitH.effectiveKernel}×${fitH.effectiveKernel})` : ''}, moved by the stride over the input padded with ${p.padding} on each side.`,
      },
      {
        title: 'Output channels',
        text: isConv
          ? `Every filter produces one output channel, so there are ${p.filters} output channels.`
          : `Pooling works on each channel separately, so the ${p.channels} channels are kept.`,
      },
      {
        title: 'Output shape',
        latex: `${shapeTex(inputShape)} \\;\\rightarrow\\; ${shapeTex(outputShape)}`,
        text: `Shapes are written ${p.batch === undefined ? '' : 'N × '}${p.layout === 'CHW' ? 'C × H × W' : 'H × W × C'}.`,
      },
    ];
    if (isConv) {
      steps.push(
        {
          title: 'Weight shape',
          latex: `(F, C, k, k) = (${p.filters}, ${p.channels}, ${p.kernel}, ${p.kernel})`,
          text: 'Each filter spans all input channels, so its weights have shape C × k × k.',
        },
        {
          title: 'Parameters',
          latex: `F \\cdot (C \\cdot k^2 ${p.bias ? '+ 1' : ''}) = ${p.filters} \\cdot (${p.channels} \\cdot ${factor(p.kernel)}^2 ${p.bias ? '+ 1' : ''}) = ${weights + biases}`,
          text: p.bias
            ? `${weights} weights plus ${biases} biases (one per filter). The number of parameters does not depend on the input's height, width, stride or padding.`
            : 'No bias terms. The number of parameters does not depend on the input height, width, stride or padding.',
        },
      );
    } else {
      steps.push({ title: 'Parameters', text: 'Pooling has no learnable parameters: 0.' });
    }
    const notes = [explainFit('H', p, fitH), p.height === p.width ? undefined : explainFit('W', p, fitW)].filter(
      (n): n is string => n !== undefined,
    );
    return {
      answers: {
        outputShape,
        outputHeight: fitH.size,
        outputWidth: fitW.size,
        outputChannels: outC,
        outputHeightExact: fitH.exact,
        outputWidthExact: fitW.exact,
        wholeNumber: Number.isInteger(fitH.exact) && Number.isInteger(fitW.exact),
        valid,
        inputShape,
        weightShape: isConv ? [p.filters, p.channels, p.kernel, p.kernel] : [],
        params: weights + biases,
        weights,
        biases,
        paramsPerFilter: weightsPerFilter + biasPerFilter,
        // Typical mistakes, for <Mistake> feedback:
        paramsWithoutBias: weights,
        paramsPerFilterWithoutBias: weightsPerFilter,
        paramsIgnoringInputChannels: isConv ? p.filters * (p.kernel * p.kernel + biasPerFilter) : 0,
        outputShapeWithoutPadding: arrange(p, outC, noPadH, noPadW),
      },
      steps,
      notes: notes.length ? notes : undefined,
    };
  },
});
