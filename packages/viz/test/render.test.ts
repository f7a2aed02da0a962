import { describe, expect, test } from 'vitest';
import { barChart, chartKinds, heatmap, lineChart, renderChart, type SvgTree, toSvgString } from '../src/index.js';
import { exampleSpecs } from './fixtures.js';
import { expectValidFigure, findAll, text } from './helpers.js';

const specs = exampleSpecs();

test('the examples cover every chart kind', () => {
  expect(specs.map((s) => s.kind).sort()).toEqual([...chartKinds].sort());
});

describe.each(specs.map((spec) => [spec.kind, spec] as const))('%s', (_kind, spec) => {
  const tree = renderChart(spec);

  test('is an accessible SVG: title and desc first, role img, labelled by both', () => {
    expectValidFigure(tree);
    const [title, desc] = tree.children as SvgTree[];
    expect(text(title)).toBe(spec.options?.title);
    expect(text(desc).length).toBeGreaterThan(20);
    expect(String(tree.props['aria-labelledby']).split(' ')).toEqual([title.props.id, desc.props.id]);
  });

  test('is responsive: a viewBox, width 100%, no fixed pixel size', () => {
    expect(tree.props.viewBox).toMatch(/^0 0 \d+ \d+$/);
    expect(tree.props.width).toBe('100%');
    expect(tree.props.height).toBeUndefined();
  });

  test('is deterministic, with ids derived from the title and prefixed by the root id', () => {
    expect(toSvgString(renderChart(spec))).toBe(toSvgString(tree));
    const root = String(tree.props.id);
    expect(root).toMatch(/^viz-[a-z-]+-[0-9a-z]+$/);
    for (const node of findAll(tree, (n) => n.props.id !== undefined))
      expect(String(node.props.id).startsWith(root)).toBe(true);
    const references = toSvgString(tree).match(/url\(#([^)]+)\)/g) ?? [];
    for (const ref of references) expect(ref.startsWith(`url(#${root}-`)).toBe(true);
  });

  test('takes its colours from the theme variables (data colour scales aside)', () => {
    for (const node of findAll(tree, () => true)) {
      for (const key of ['fill', 'stroke', 'stop-color']) {
        const value = node.props[key];
        if (value === undefined) continue;
        expect(String(value), `<${node.type} ${key}>`).toMatch(
          /^(none|var\(--viz-[a-z0-9-]+, #[0-9a-fA-F]{6}\)|url\(#[^)]+\)|rgb\(\d+, \d+, \d+\)|#1a1a1a|#ffffff)$/,
        );
      }
    }
  });

  test('rounds coordinates to 2 decimals', () => {
    for (const node of findAll(tree, () => true)) {
      for (const [key, value] of Object.entries(node.props)) {
        if (typeof value === 'number')
          expect(Math.abs(value * 100 - Math.round(value * 100)), `${key}=${value}`).toBeLessThan(1e-6);
        if (key === 'd' || key === 'transform' || key === 'points') expect(String(value)).not.toMatch(/\d\.\d{3,}/);
      }
    }
  });

  test('is a tree Preact can render: string or number props, string or element children', () => {
    // What h(type, props, ...children) does with it, done by hand: every node maps one to one.
    const h = (node: SvgTree): unknown => ({
      type: node.type,
      props: { ...node.props, children: node.children.map((c) => (typeof c === 'string' ? c : h(c))) },
    });
    expect(() => h(tree)).not.toThrow();
    for (const node of findAll(tree, () => true)) {
      expect(typeof node.type).toBe('string');
      for (const value of Object.values(node.props)) expect(['string', 'number']).toContain(typeof value);
    }
  });
});

describe('ids', () => {
  test('the id option sets the prefix, sanitised to a valid XML id', () => {
    const tree = lineChart({ series: [{ name: 'a', y: [1, 2] }] }, { title: 'T', id: 'fig 1/loss' });
    expect(tree.props.id).toBe('fig-1-loss');
    expect(toSvgString(tree)).toContain('clip-path="url(#fig-1-loss-clip)"');
    expect(lineChart({ series: [{ name: 'a', y: [1, 2] }] }, { title: 'T', id: '2nd' }).props.id).toBe('viz-2nd');
  });

  test('different titles give different ids; the same title the same', () => {
    const a = barChart({ bars: [{ label: 'x', value: 1 }] }, { title: 'A' }).props.id;
    const b = barChart({ bars: [{ label: 'x', value: 1 }] }, { title: 'B' }).props.id;
    const a2 = barChart({ bars: [{ label: 'y', value: 2 }] }, { title: 'A' }).props.id;
    expect(a).not.toBe(b);
    expect(a).toBe(a2);
  });
});

describe('escaping', () => {
  test('labels with <, &, quotes are escaped in text and attributes', () => {
    const nasty = `<script>alert("x")</script> & 'q'`;
    const svg = toSvgString(
      heatmap(
        { values: [[1]], rowLabels: [nasty], colLabels: ['a&b'] },
        { title: nasty, description: `"${nasty}"`, id: 'x"y' },
      ),
    );
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;');
    expect(svg).toContain('a&amp;b');
    expect(svg).toContain('id="x-y"');
  });

  test('series names in data attributes are escaped too', () => {
    const svg = toSvgString(lineChart({ series: [{ name: 'a"><b', y: [1, 2] }] }, { title: 'T' }));
    expect(svg).toContain('data-series="a&quot;&gt;&lt;b"');
  });
});

describe('toSvgString', () => {
  test('writes empty elements self-closed and rounds nothing it is not given', () => {
    expect(
      toSvgString({
        type: 'g',
        props: { transform: 'translate(1,2)' },
        children: [{ type: 'rect', props: { x: 1.5 }, children: [] }, 'hi'],
      }),
    ).toBe('<g transform="translate(1,2)"><rect x="1.5"/>hi</g>');
  });
});
