import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { baseURL, collectErrors, FIXTURE, launch, openPage } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test('the home page lists the exams and a topic map, with links under the base path', async () => {
  const page = await browser.newPage();
  const errors = collectErrors(page);
  await page.goto(`${baseURL()}/`);
  await expect(page.locator('h1').first().textContent()).resolves.toContain('i2dl');
  const cards = page.locator('[data-exam-card]');
  expect(await cards.count()).toBeGreaterThanOrEqual(2);
  // Every internal link and asset respects the base path (/i2dl/).
  const hrefs = await page
    .locator('a[href^="/"], link[href^="/"], script[src^="/"]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? ''));
  expect(hrefs.length).toBeGreaterThan(5);
  expect(hrefs.filter((h) => !h.startsWith('/i2dl/'))).toEqual([]);
  // The topic map counts questions per topic and names the exams that ask it.
  const cnn = page.locator('[data-topic-row="cnn"]');
  expect(Number(await cnn.locator('[data-topic-count]').textContent())).toBeGreaterThan(1);
  expect(await cnn.locator('a[href*="/exams/"]').count()).toBeGreaterThanOrEqual(2);
  expect(errors).toEqual([]);
  await page.close();
});

test('a topic page gathers questions across exams and links to each question', async () => {
  const { page, errors, close } = await openPage(browser, '/topics/cnn/');
  const entries = page.locator('[data-topic-question]');
  expect(await entries.count()).toBeGreaterThan(2);
  const link = entries.locator(`a[href*="/exams/${FIXTURE}/#q-2-1"]`);
  expect(await link.count()).toBe(1);
  await link.click();
  await page.waitForURL(/#q-2-1$/);
  expect(await page.locator('#q-2-1').isVisible()).toBe(true);
  expect(errors).toEqual([]);
  await close();
});

test('unknown pages get the 404 page', async () => {
  const { page, close } = await openPage(browser, '/no-such-page/');
  expect(await page.locator('h1').textContent()).toContain('not found');
  await close();
});

test('dark mode follows the system, the toggle wins and is remembered without a flash', async () => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(`${baseURL()}/`);
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  await page.locator('.theme-toggle').click();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  // On the next page the stored choice is applied by the inline head script, before paint.
  await page.goto(`${baseURL()}/search/`);
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(255, 255, 255)');
  await context.close();
});

test('on a 375px phone the menu folds away and nothing scrolls sideways', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  for (const path of ['/', `/exams/${FIXTURE}/`, '/topics/cnn/']) {
    await page.goto(`${baseURL()}${path}`);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await page.goto(`${baseURL()}/`);
  const nav = page.locator('.nav-menu nav');
  expect(await nav.isVisible()).toBe(false);
  await page.locator('.nav-menu > summary').click();
  expect(await nav.isVisible()).toBe(true);
  await context.close();
});

test('the skip link is the first stop of the keyboard and has a visible focus ring', async () => {
  const { page, close } = await openPage(browser, '/');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => ({
    text: document.activeElement?.textContent,
    outline: getComputedStyle(document.activeElement as Element).outlineStyle,
  }));
  expect(focused.text).toContain('Skip to content');
  expect(focused.outline).toBe('solid');
  await close();
});

test('text meets WCAG AA contrast (4.5:1) in light and dark mode', async () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto(`${baseURL()}/exams/${FIXTURE}/`);
    // Grade one question so the feedback colours are on the page too.
    const section = page.locator('section.question[data-question-id="1.2"]');
    await section.scrollIntoViewIfNeeded();
    await section.locator('astro-island:not([ssr]) [data-check]').waitFor();
    await section.locator('input.option-input[value="a"]').check();
    await section.locator('[data-check]').click();
    await section.locator('.feedback').waitFor();
    const worst = await page.evaluate(() => {
      const channel = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      const parse = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
      const luminance = ([r, g, b]: number[]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
      const background = (el: Element | null): number[] => {
        for (let node = el; node; node = node.parentElement) {
          const rgba = parse(getComputedStyle(node).backgroundColor);
          if (rgba.length === 3 || (rgba.length === 4 && rgba[3] > 0.5)) return rgba;
        }
        return [255, 255, 255];
      };
      const selectors = ['main p', 'main a', '.meta', 'button', '.feedback', '.site-header a', 'label', 'h1', 'h3'];
      const results = selectors.flatMap((selector) =>
        [...document.querySelectorAll(selector)].slice(0, 5).map((el) => {
          const fg = luminance(parse(getComputedStyle(el).color));
          const bg = luminance(background(el));
          const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
          return { selector, ratio };
        }),
      );
      return results.sort((a, b) => a.ratio - b.ratio)[0];
    });
    expect(worst.ratio, `${colorScheme}: ${worst.selector}`).toBeGreaterThanOrEqual(4.5);
    await context.close();
  }
});
