import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_ARGS, chromiumHelp, findChromium } from '../../../../tools/bootstrap/chromium.mjs';
import { type ChartSpec, DARK_THEME, LIGHT_THEME, renderChart, themeCss, toSvgString } from '../../src/index.js';
import { crowdedSpecs, edgeCaseSpecs, exampleSpecs } from '../fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', '..', 'screenshots');

let browser: Browser;

beforeAll(async () => {
  const executablePath = findChromium();
  if (executablePath === null) throw new Error(chromiumHelp());
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  mkdirSync(outDir, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** A page like the site's: the figure inline in HTML, the theme set by CSS variables on the body. */
function page(svg: string, theme: 'light' | 'dark'): string {
  const vars = themeCss(theme === 'dark' ? DARK_THEME : LIGHT_THEME);
  const bg = theme === 'dark' ? '#161616' : '#ffffff';
  return `<!doctype html><html><head><meta charset="utf-8"><style>body { margin: 0; padding: 16px; width: 720px; background: ${bg}; ${vars} }</style></head><body><figure id="figure" style="margin:0">${svg}</figure></body></html>`;
}

/** What the browser made of the figure. */
interface Inspection {
  width: number;
  height: number;
  contentWidth: number;
  contentHeight: number;
  xmlError: string | null;
  titled: boolean;
  role: string | null;
  labelledBy: (string | null)[];
  /** Pairs of text labels whose rendered boxes overlap. */
  overlaps: string[];
  /** Text labels that stick out of the figure (and would be clipped). */
  outside: string[];
}

/** Renders the SVG in a fresh tab, inspects it, saves a screenshot, and collects console errors. */
async function inspect(
  svg: string,
  theme: 'light' | 'dark',
  screenshot: string,
): Promise<Inspection & { errors: string[] }> {
  const tab = await browser.newPage({ viewport: { width: 760, height: 900 } });
  const errors: string[] = [];
  tab.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  tab.on('pageerror', (error) => errors.push(error.message));
  await tab.setContent(page(svg, theme));
  const result = await tab.evaluate((source): Inspection => {
    const root = document.querySelector('#figure svg') as SVGSVGElement;
    const frame = root.getBoundingClientRect();
    const content = root.getBBox();
    // Parse the same string as standalone XML too: it must be a well-formed SVG file.
    const xml = new DOMParser().parseFromString(source, 'image/svg+xml');
    const all = [...root.querySelectorAll('text')].filter((t) => (t.textContent ?? '').trim() !== '');
    // Text rotated by 45° (crowded column labels) has a bounding box much larger than its glyphs:
    // such labels are parallel, so they are apart when their left edges are at least one line
    // height (font size × √2 measured along x) apart.
    const rotated = all.filter((t) => /rotate\(-45/.test(t.getAttribute('transform') ?? ''));
    const lefts = rotated.map((t) => t.getBoundingClientRect().left).sort((a, b) => a - b);
    const fontPx = rotated.length
      ? Number.parseFloat(getComputedStyle(rotated[0]).fontSize) * (frame.width / root.viewBox.baseVal.width)
      : 0;
    const rotatedClash = lefts.slice(1).filter((l, i) => l - lefts[i] < fontPx * Math.SQRT2);
    const labels = all
      .filter((t) => !rotated.includes(t))
      .map((t) => ({ text: t.textContent ?? '', box: t.getBoundingClientRect() }));
    const slack = 1.5;
    const overlaps: string[] = [];
    const outside: string[] = [];
    for (const t of all) {
      const r = t.getBoundingClientRect();
      const out =
        r.left < frame.left - slack ||
        r.right > frame.right + slack ||
        r.top < frame.top - slack ||
        r.bottom > frame.bottom + slack;
      if (out) outside.push(t.textContent ?? '');
    }
    labels.forEach((a, i) => {
      const r = a.box;
      for (const b of labels.slice(i + 1)) {
        const q = b.box;
        const w = Math.min(r.right, q.right) - Math.max(r.left, q.left);
        const h = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
        if (w > slack && h > slack) overlaps.push(`${a.text} / ${b.text}`);
      }
    });
    if (rotatedClash.length > 0) overlaps.push(`${rotatedClash.length} rotated labels too close`);
    return {
      width: frame.width,
      height: frame.height,
      contentWidth: content.width,
      contentHeight: content.height,
      xmlError: xml.querySelector('parsererror')?.textContent ?? null,
      titled: root.firstElementChild?.tagName === 'title' && root.children[1]?.tagName === 'desc',
      role: root.getAttribute('role'),
      labelledBy: (root.getAttribute('aria-labelledby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.tagName ?? null),
      overlaps,
      outside,
    };
  }, svg);
  await tab.locator('#figure svg').screenshot({ path: join(outDir, screenshot) });
  await tab.close();
  return { ...result, errors };
}

function expectSound(result: Inspection & { errors: string[] }): void {
  expect(result.xmlError).toBeNull();
  expect(result.width).toBeGreaterThan(100);
  expect(result.height).toBeGreaterThan(50);
  expect(result.contentWidth).toBeGreaterThan(0);
  expect(result.contentHeight).toBeGreaterThan(0);
  expect(result.titled).toBe(true);
  expect(result.role).toBe('img');
  expect(result.labelledBy).toEqual(['title', 'desc']);
  expect(result.outside, 'labels outside the figure').toEqual([]);
  expect(result.errors).toEqual([]);
}

describe('every chart kind renders in Chromium, in light and dark mode', () => {
  for (const spec of exampleSpecs()) {
    for (const theme of ['light', 'dark'] as const) {
      test(`${spec.kind} (${theme})`, async () => {
        const result = await inspect(toSvgString(renderChart(spec)), theme, `${spec.kind}-${theme}.png`);
        expectSound(result);
        expect(result.overlaps, 'overlapping labels').toEqual([]);
      }, 30_000);
    }
  }
});

describe('bad input still gives a sound figure', () => {
  for (const [name, spec] of edgeCaseSpecs() as [string, ChartSpec][]) {
    test(name, async () => {
      const result = await inspect(
        toSvgString(renderChart(spec)),
        'light',
        `edge-${name.replace(/[^a-z0-9]+/gi, '-')}.png`,
      );
      expectSound(result);
    }, 30_000);
  }
});

describe('crowded labels are laid out without overlaps', () => {
  for (const [name, spec] of crowdedSpecs()) {
    test(name, async () => {
      const result = await inspect(
        toSvgString(renderChart(spec)),
        'light',
        `crowded-${name.replace(/[^a-z0-9]+/gi, '-')}.png`,
      );
      expectSound(result);
      expect(result.overlaps, 'overlapping labels').toEqual([]);
    }, 30_000);
  }
});

describe('Preact renders the element tree to the same SVG as toSvgString', () => {
  // The UMD build (window.preact) of the Preact the site uses; not in its exports map, so by path.
  const preactUmd = join(here, '..', '..', 'node_modules', 'preact', 'dist', 'preact.min.umd.js');
  for (const spec of exampleSpecs()) {
    test(spec.kind, async () => {
      const tree = renderChart(spec);
      const tab = await browser.newPage();
      await tab.setContent('<!doctype html><html><body><div id="preact"></div><div id="string"></div></body></html>');
      await tab.addScriptTag({ path: preactUmd });
      const { elements, svgNamespace, differences } = await tab.evaluate(
        ({ tree, markup }) => {
          type Tree = { type: string; props: Record<string, string | number>; children: (Tree | string)[] };
          const preact = (
            window as unknown as {
              preact: { h: (...args: unknown[]) => unknown; render: (...args: unknown[]) => void };
            }
          ).preact;
          const toVNode = (node: Tree | string): unknown =>
            typeof node === 'string' ? node : preact.h(node.type, node.props, ...node.children.map(toVNode));
          const viaPreact = document.getElementById('preact')!;
          preact.render(toVNode(tree), viaPreact);
          const viaString = document.getElementById('string')!;
          viaString.innerHTML = markup;
          // Compare element by element: name, namespace, attributes (style as the browser parsed it) and text.
          const describe = (root: Element): string[] =>
            [root, ...root.querySelectorAll('*')].map((e) => {
              const attrs = [...e.attributes]
                .filter((a) => a.name !== 'style')
                .map((a) => `${a.name}=${a.value}`)
                .sort();
              const style = (e as SVGElement).style?.cssText ?? '';
              const text = [...e.childNodes]
                .filter((n) => n.nodeType === 3)
                .map((n) => n.textContent)
                .join('');
              return `${e.namespaceURI} ${e.tagName} ${attrs.join(' ')} {${style}} ${text}`;
            });
          const a = describe(viaPreact.firstElementChild!);
          const b = describe(viaString.firstElementChild!);
          const differences =
            a.length !== b.length
              ? [`${a.length} vs ${b.length} elements`]
              : a.flatMap((line, i) => (line === b[i] ? [] : [`${line}\n  ≠ ${b[i]}`]));
          return { elements: a.length, svgNamespace: a[0].startsWith('http://www.w3.org/2000/svg svg '), differences };
        },
        { tree, markup: toSvgString(tree) },
      );
      await tab.close();
      expect(svgNamespace).toBe(true);
      expect(elements).toBeGreaterThan(10);
      expect(differences).toEqual([]);
    }, 30_000);
  }
});

describe('narrow figures (width 360, for phones) keep their labels apart', () => {
  for (const spec of exampleSpecs()) {
    test(spec.kind, async () => {
      const narrow = {
        ...spec,
        options: { ...spec.options, title: spec.options?.title ?? '', width: 360 },
      } as ChartSpec;
      const result = await inspect(toSvgString(renderChart(narrow)), 'light', `narrow-${spec.kind}.png`);
      expectSound(result);
      expect(result.overlaps, 'overlapping labels').toEqual([]);
    }, 30_000);
  }
});
