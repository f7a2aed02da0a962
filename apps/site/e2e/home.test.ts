import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { baseURL, collectErrors, launch } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test('the home page renders without console errors', async () => {
  const page = await browser.newPage();
  const errors = collectErrors(page);
  await page.goto(`${baseURL()}/`);
  await expect(page.locator('h1').first().textContent()).resolves.toContain('i2dl');
  expect(errors).toEqual([]);
});
