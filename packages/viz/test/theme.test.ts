import { describe, expect, test } from 'vitest';
import {
  DARK_THEME,
  heatmap,
  LIGHT_THEME,
  OKABE_ITO,
  renderChart,
  type SvgTree,
  THEME_FALLBACKS,
  themeCss,
  toSvgString,
} from '../src/index.js';
import { exampleSpecs } from './fixtures.js';
import { byClass } from './helpers.js';

describe('theme variables', () => {
  test('the light theme is exactly the fallbacks written into the SVGs', () => {
    expect(LIGHT_THEME['--viz-fg']).toBe(THEME_FALLBACKS.fg);
    expect(OKABE_ITO.map((_, i) => LIGHT_THEME[`--viz-series-${i}`])).toEqual([...OKABE_ITO]);
  });

  test('the dark theme only sets variables the SVGs read', () => {
    const markup = exampleSpecs().map((spec) => toSvgString(renderChart(spec)));
    const used = new Set(markup.flatMap((svg) => [...svg.matchAll(/var\((--viz-[a-z0-9-]+)/g)].map((m) => m[1])));
    for (const name of Object.keys(DARK_THEME)) {
      expect(Object.keys(LIGHT_THEME)).toContain(name);
      // Series 7 is read only by charts with eight series, which the examples do not have.
      if (name !== '--viz-series-7') expect(used.has(name), `${name} is read by some chart`).toBe(true);
    }
    for (const name of used) expect(Object.keys(LIGHT_THEME).concat('--viz-font')).toContain(name);
  });

  test('themeCss writes declarations', () => {
    expect(themeCss({ '--viz-fg': '#fff', '--viz-bg': '#000' })).toBe('--viz-fg: #fff; --viz-bg: #000;');
  });
});

describe('heatmap colours', () => {
  const fills = (tree: SvgTree) => byClass(tree, 'viz-cell').map((c) => String((c.children[0] as SvgTree).props.fill));
  const texts = (tree: SvgTree) => byClass(tree, 'viz-cell').map((c) => String((c.children[1] as SvgTree).props.fill));

  test('signed values get the diverging scale: white at zero, red positive, blue negative', () => {
    const [neg, zero, pos] = fills(heatmap({ values: [[-1, 0, 1]] }, { title: 'Kernel' }));
    const rgb = (s: string) => s.match(/\d+/g)!.map(Number);
    for (const channel of rgb(zero)) expect(channel).toBeGreaterThan(230);
    expect(rgb(pos)[0]).toBeGreaterThan(rgb(pos)[2]);
    expect(rgb(neg)[2]).toBeGreaterThan(rgb(neg)[0]);
  });

  test('magnitudes get the sequential scale, darker for larger values, with white text on dark cells', () => {
    const tree = heatmap({ values: [[0, 50, 100]] }, { title: 'Counts' });
    const lightness = fills(tree).map((s) =>
      s
        .match(/\d+/g)!
        .map(Number)
        .reduce((a, b) => a + b),
    );
    expect(lightness[0]).toBeGreaterThan(lightness[1]);
    expect(lightness[1]).toBeGreaterThan(lightness[2]);
    expect(texts(tree)).toEqual(['#1a1a1a', '#1a1a1a', '#ffffff']);
  });

  test('large matrices hide their values; showValues forces them', () => {
    const values = Array.from({ length: 13 }, (_, r) => Array.from({ length: 13 }, (_, c) => r * c));
    expect(toSvgString(heatmap({ values }, { title: 'Big' }))).not.toContain('>144</text>');
    expect(toSvgString(heatmap({ values }, { title: 'Big', showValues: true }))).toContain('>144</text>');
  });
});
