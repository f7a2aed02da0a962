import { range } from 'd3-array';
import { line as d3line, symbol, symbolCircle, symbolDiamond } from 'd3-shape';
import { cartesian, clipPath, formatValue, type LegendItem } from '../cartesian.js';
import { ChartError } from '../errors.js';
import { type ChartOptions, chartId, frame } from '../frame.js';
import { placeLabels } from '../labels.js';
import { el, type SvgTree } from '../svg.js';
import { FONT, seriesColour, seriesDash, themeColour } from '../theme.js';
import { checkOptions, checkRange, requireArray, requireFinite, requireObject } from '../validate.js';
import { ACTIVATION_NAMES, ACTIVATIONS, type ActivationName } from './activations.js';

/** A point to mark on the curve (or on the derivative), e.g. a forward-pass value. */
export interface MarkedPoint {
  x: number;
  /** Label text; default `x = …, f(x) = …`. */
  label?: string;
  /** Mark it on the function (default) or on the derivative curve. */
  on?: 'function' | 'derivative';
}

/** Data of a function plot. `fn` is a function, or an activation name for serialisable specs. */
export interface FunctionPlotData {
  fn: ((x: number) => number) | ActivationName;
  /** x range to plot. */
  domain: [number, number];
  /** Legend name of the function (default: the activation's name, or `f`). */
  name?: string;
  /**
   * The derivative curve: a function, or `true` for the named activation's derivative (or a
   * central difference of `fn`). Left out: no derivative curve.
   */
  derivative?: ((x: number) => number) | boolean;
  derivativeName?: string;
  points?: MarkedPoint[];
}

/** Options of a function plot. */
export interface FunctionPlotOptions extends ChartOptions {
  xLabel?: string;
  yLabel?: string;
  /** Fixed y range (default: the sampled values, padded). */
  yDomain?: [number, number];
  /** Number of samples along x (default 241). */
  samples?: number;
}

const KIND = 'function';

function resolve(data: FunctionPlotData): {
  f: (x: number) => number;
  df: ((x: number) => number) | null;
  name: string;
  dName: string;
} {
  const obj = requireObject(KIND, 'data', data);
  let f: (x: number) => number;
  let exact: ((x: number) => number) | null = null;
  let name: string;
  if (typeof obj.fn === 'string') {
    const act = ACTIVATIONS[obj.fn as ActivationName];
    if (!act)
      throw new ChartError(KIND, 'data.fn', `is "${obj.fn}", not a known activation (${ACTIVATION_NAMES.join(', ')})`);
    f = act.f;
    exact = act.df;
    name = act.label;
  } else if (typeof obj.fn === 'function') {
    f = obj.fn as (x: number) => number;
    name = 'f';
  } else {
    throw new ChartError(KIND, 'data.fn', 'must be a function (x) => y or an activation name');
  }
  name = typeof obj.name === 'string' ? obj.name : name;
  let df: ((x: number) => number) | null = null;
  if (typeof obj.derivative === 'function') df = obj.derivative as (x: number) => number;
  else if (obj.derivative === true) {
    // A central difference when no exact derivative is known; h scaled to x keeps it accurate.
    df =
      exact ??
      ((x: number) => {
        const h = 1e-5 * Math.max(1, Math.abs(x));
        return (f(x + h) - f(x - h)) / (2 * h);
      });
  } else if (obj.derivative !== undefined && obj.derivative !== false) {
    throw new ChartError(KIND, 'data.derivative', 'must be a function, true or false');
  }
  const dName = typeof obj.derivativeName === 'string' ? obj.derivativeName : `${name}′`;
  return { f, df, name, dName };
}

/**
 * A function plot with labelled marked points and an optional derivative curve: e.g. tanh and
 * tanh′ with the forward-pass values marked. Non-finite samples leave gaps.
 *
 * @example functionPlot({ fn: 'tanh', derivative: true, domain: [-3, 3], points: [{ x: 0.5 }] }, { title: 'tanh' })
 */
export function functionPlot(data: FunctionPlotData, options: FunctionPlotOptions): SvgTree {
  const size = checkOptions(KIND, options, { width: 640, height: 360 });
  const { f, df, name, dName } = resolve(data);
  const domain = requireArray<number>(KIND, 'data.domain', data.domain);
  if (domain.length !== 2) throw new ChartError(KIND, 'data.domain', `must be [min, max], got ${domain.length} values`);
  let [x0, x1] = [requireFinite(KIND, 'data.domain[0]', domain[0]), requireFinite(KIND, 'data.domain[1]', domain[1])];
  if (x0 > x1) throw new ChartError(KIND, 'data.domain', `must be [min, max] with min <= max, got [${x0}, ${x1}]`);
  if (x0 === x1) [x0, x1] = [x0 - 1, x1 + 1];
  const n = options.samples ?? 241;
  if (!Number.isInteger(n) || n < 2 || n > 5000)
    throw new ChartError(KIND, 'options.samples', `must be an integer from 2 to 5000, got ${n}`);
  const xs = range(n).map((i) => x0 + ((x1 - x0) * i) / (n - 1));
  const curves: { name: string; pts: [number, number][] }[] = [{ name, pts: xs.map((x) => [x, f(x)]) }];
  if (df) curves.push({ name: dName, pts: xs.map((x) => [x, df(x)]) });
  const marks = requireArray<MarkedPoint>(KIND, 'data.points', data.points ?? []).map((p, i) => {
    const x = requireFinite(KIND, `data.points[${i}].x`, p?.x);
    const onDerivative = p.on === 'derivative';
    if (onDerivative && !df)
      throw new ChartError(KIND, `data.points[${i}].on`, 'is "derivative" but data.derivative is not set');
    const y = onDerivative ? df!(x) : f(x);
    if (!Number.isFinite(y))
      throw new ChartError(
        KIND,
        `data.points[${i}]`,
        `has ${onDerivative ? dName : name}(${x}) = ${y}, which cannot be marked`,
      );
    const label = p.label ?? `${onDerivative ? dName : name}(${formatValue(x)}) = ${formatValue(y)}`;
    return { x, y, label, curve: onDerivative ? 1 : 0 };
  });
  const defined = (p: [number, number]) => Number.isFinite(p[1]);
  const yValues = [...curves.flatMap((c) => c.pts.filter(defined).map((p) => p[1])), ...marks.map((m) => m.y)];
  if (yValues.length === 0) throw new ChartError(KIND, 'data.fn', `has no finite value on [${x0}, ${x1}]`);
  const legend: LegendItem[] = curves.map((c, i) => ({ label: c.name, colour: seriesColour(i), dash: seriesDash(i) }));
  const chart = cartesian(
    KIND,
    size,
    { field: 'data.domain', values: [x0, x1], domain: [x0, x1], nice: false, label: options.xLabel ?? 'x' },
    {
      field: 'data.fn',
      values: yValues,
      domain: checkRange(KIND, 'options.yDomain', options.yDomain),
      label: options.yLabel,
    },
    legend,
  );
  const id = chartId(KIND, options);
  const path = d3line<[number, number]>()
    .defined(defined)
    .x((p) => chart.x(p[0]))
    .y((p) => chart.y(p[1]))
    .digits(2);
  const [yLo, yHi] = chart.y.domain();
  const axisY = chart.y(Math.min(Math.max(0, yLo), yHi));
  // Labels keep clear of both curves (their samples, in pixels) and of the other points.
  const obstacles = curves.flatMap((c) => c.pts.filter(defined).map(([x, y]) => ({ x: chart.x(x), y: chart.y(y) })));
  for (const m of marks) {
    // The dashed guide from each point down (or up) to the x axis.
    const [from, to] = [chart.y(m.y), axisY].sort((a, b) => a - b);
    for (let y = from; y <= to; y += 4) obstacles.push({ x: chart.x(m.x), y });
  }
  const placed = placeLabels(
    marks.map((m) => ({ x: chart.x(m.x), y: chart.y(m.y), text: m.label })),
    {
      x: chart.area.left,
      y: chart.area.top,
      width: chart.area.right - chart.area.left,
      height: chart.area.bottom - chart.area.top,
    },
    obstacles,
  );
  const symbols = [symbol(symbolCircle, 48).digits(2)() ?? '', symbol(symbolDiamond, 48).digits(2)() ?? ''];
  const markTrees = marks.map((m, i) =>
    el(
      'g',
      { class: 'viz-marked-point' },
      el('line', {
        x1: chart.x(m.x),
        x2: chart.x(m.x),
        y1: chart.y(m.y),
        y2: axisY,
        stroke: themeColour('muted'),
        'stroke-dasharray': '3 3',
      }),
      placed[i].far
        ? el('line', {
            class: 'viz-leader',
            x1: chart.x(m.x),
            y1: chart.y(m.y),
            x2: placed[i].anchor === 'start' ? placed[i].box.x - 2 : placed[i].box.x + placed[i].box.width + 2,
            y2: placed[i].box.y + placed[i].box.height / 2,
            stroke: themeColour('muted'),
            'stroke-width': 0.75,
          })
        : null,
      el('path', {
        d: symbols[m.curve],
        transform: `translate(${chart.x(m.x)},${chart.y(m.y)})`,
        fill: seriesColour(m.curve),
        stroke: themeColour('bg'),
        'stroke-width': 1.5,
      }),
      el(
        'text',
        {
          x: placed[i].x,
          y: placed[i].y,
          'text-anchor': placed[i].anchor,
          'font-size': FONT.small,
          stroke: themeColour('bg'),
          'stroke-width': 3,
          'paint-order': 'stroke',
        },
        placed[i].text,
      ),
    ),
  );
  const summary = [
    `Plot of ${name} for x from ${formatValue(x0)} to ${formatValue(x1)}${df ? `, with its derivative ${dName}` : ''}.`,
    marks.length ? `Marked: ${marks.map((m) => m.label).join('; ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return frame({ kind: KIND, options, width: size.width, height: size.height, summary }, [
    el('defs', {}, clipPath(`${id}-clip`, chart.area)),
    chart.grid,
    el(
      'g',
      { class: 'viz-marks', 'clip-path': `url(#${id}-clip)` },
      ...curves.map((c, i) =>
        el('path', {
          class: 'viz-curve',
          d: path(c.pts) ?? '',
          fill: 'none',
          stroke: seriesColour(i),
          'stroke-width': 2,
          'stroke-dasharray': seriesDash(i),
        }),
      ),
    ),
    chart.axes,
    el('g', { class: 'viz-marked-points' }, ...markTrees),
    chart.legend,
  ]);
}
