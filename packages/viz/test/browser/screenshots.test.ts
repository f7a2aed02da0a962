import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_ARGS, chromiumHelp, findChromium } from '../../../../tools/bootstrap/chromium.mjs';
import { DARK_THEME, LIGHT_THEME, renderChart, themeCss, toSvgString } from '../../src/index.js';
import { exampleSpecs } from '../fixtures.js';

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

describe('every chart kind renders in Chromium', () => {
  for (const spec of exampleSpecs()) {
    for (const theme of ['light', 'dark'] as const) {
      test(`${spec.kind} (${theme})`, async () => {
        const svg = toSvgString(renderChart(spec));
        const tab = await browser.newPage({ viewport: { width: 760, height: 900 } });
        const errors: string[] = [];
        tab.on('console', (message) => {
          if (message.type() === 'error') errors.push(message.text());
        });
        tab.on('pageerror', (error) => errors.push(error.message));
        await tab.setContent(page(svg, theme));
        const result = await tab.evaluate((source) => {
          const svgElement = document.querySelector('#figure svg') as SVGSVGElement;
          const rect = svgElement.getBoundingClientRect();
          const contentBox = svgElement.getBBox();
          // Parse the same string as standalone XML too: it must be a well-formed SVG file.
          const xml = new DOMParser().parseFromString(source, 'image/svg+xml');
          const titled =
            svgElement.firstElementChild?.tagName === 'title' && svgElement.children[1]?.tagName === 'desc';
          return {
            width: rect.width,
            height: rect.height,
            contentWidth: contentBox.width,
            contentHeight: contentBox.height,
            xmlError: xml.querySelector('parsererror')?.textContent ?? null,
            titled,
            role: svgElement.getAttribute('role'),
            labelledBy: (svgElement.getAttribute('aria-labelledby') ?? '')
              .split(' ')
              .map((id) => document.getElementById(id)?.tagName ?? null),
          };
        }, svg);
        await tab.locator('#figure svg').screenshot({ path: join(outDir, `${spec.kind}-${theme}.png`) });
        await tab.close();
        expect(result.xmlError).toBeNull();
        expect(result.width).toBeGreaterThan(100);
        expect(result.height).toBeGreaterThan(50);
        expect(result.contentWidth).toBeGreaterThan(0);
        expect(result.contentHeight).toBeGreaterThan(0);
        expect(result.titled).toBe(true);
        expect(result.role).toBe('img');
        expect(result.labelledBy).toEqual(['title', 'desc']);
        expect(errors).toEqual([]);
      }, 30_000);
    }
  }
});
