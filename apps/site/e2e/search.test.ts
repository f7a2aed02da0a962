import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { baseURL, launch, openPage } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const resultLinks = (page: Page) =>
  page
    .locator('.pagefind-ui__result-link')
    .evaluateAll((as) => [...new Set(as.map((a) => new URL((a as HTMLAnchorElement).href).pathname))]);

async function waitForResults(page: Page) {
  await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => !document.querySelector('.pagefind-ui__loading'));
}

test('search finds "receptive field" in several exams and a filter narrows the results', async () => {
  const { page, errors, close } = await openPage(browser, '/search/?q=receptive%20field');
  await waitForResults(page);
  const all = (await resultLinks(page)).filter((p) => p.includes('/exams/'));
  expect(all.length).toBeGreaterThanOrEqual(2);
  // Results link under the base path, to exam pages.
  expect(all.every((p) => p.startsWith('/i2dl/exams/'))).toBe(true);
  // Filter by one exam: only that exam remains.
  const examFilter = page.locator('details.pagefind-ui__filter-block', { hasText: /exam/i }).first();
  await examFilter.locator('summary').click();
  const first = examFilter.locator('input.pagefind-ui__filter-checkbox').first();
  const examId = await first.getAttribute('value');
  await first.check();
  await expect.poll(async () => (await resultLinks(page)).length).toBe(1);
  expect((await resultLinks(page))[0]).toContain(`/exams/${examId}/`);
  expect(errors).toEqual([]);
  await close();
});

test('the topic and kind filters exist and narrow the results', async () => {
  const { page, close } = await openPage(browser, '/search/?q=layer');
  await waitForResults(page);
  const before = (await resultLinks(page)).length;
  const kind = page.locator('details.pagefind-ui__filter-block', { hasText: /kind/i }).first();
  await kind.locator('summary').click();
  await kind.locator('input[value="matrix"]').check();
  await expect.poll(async () => (await resultLinks(page)).length).toBeLessThan(before);
  const topic = page.locator('details.pagefind-ui__filter-block', { hasText: /topic/i }).first();
  expect(await topic.locator('input[value="receptive-field"]').count()).toBe(1);
  await close();
});

test('each formula is indexed once, as its TeX source (not doubled by KaTeX HTML and MathML)', async () => {
  const { page, close } = await openPage(browser, '/search/?q=times');
  await waitForResults(page);
  const excerpts = await page.locator('.pagefind-ui__result-excerpt').allTextContents();
  const tex = excerpts.filter((e) => e.includes('\\times'));
  expect(tex.length).toBeGreaterThan(0);
  // KaTeX's rendered copies would put "3×3" next to "3 \times 3".
  expect(tex.filter((e) => e.includes('×'))).toEqual([]);
  await close();
});

test('/ and Ctrl+K focus the search field from any page', async () => {
  const { page, close } = await openPage(browser, '/');
  await page.keyboard.press('/');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('header-search-input');
  await page.locator('main').click();
  await page.keyboard.press('Control+k');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('header-search-input');
  await page.keyboard.type('receptive field');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${baseURL()}/search/?q=receptive+field`);
  await waitForResults(page);
  await close();
});
