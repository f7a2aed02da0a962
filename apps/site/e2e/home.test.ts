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
