// One way to open the built site in Chromium for every browser test.
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS, chromiumHelp, findChromium } from '../../../tools/bootstrap/chromium.mjs';

export async function launch(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(chromiumHelp());
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** The site root under the e2e base path, without a trailing slash. */
export const baseURL = () => inject('baseURL');
/** The folder of the e2e build. */
export const distDir = () => inject('distDir');

/** The fixture exam with every question kind (apps/site/e2e/fixtures/exams). */
export const FIXTURE = 'site-fixture-2024';

/** Collects console errors and page errors so a test can assert there were none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** A fresh page in its own context (own storage), optionally phone-sized or without JavaScript. */
export async function openPage(browser: Browser, path: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${baseURL()}${path}`);
  return { page, errors, close: () => context.close() };
}

/** The section of a question on an exam page, scrolled into view so its islands hydrate. */
export async function question(page: Page, id: string) {
  const section = page.locator(`section.question[data-question-id="${id}"]`);
  await section.scrollIntoViewIfNeeded();
  // client:visible islands hydrate once seen: wait until the controls respond.
  await section.locator('astro-island:not([ssr]) [data-check]').first().waitFor();
  return section;
}

/** Clicks Check and returns the credits text and verdict. */
export async function checkAnswer(section: ReturnType<Page['locator']>) {
  await section.locator('[data-check]').click();
  const feedback = section.locator('.feedback');
  await feedback.waitFor();
  return {
    credits: (await feedback.locator('[data-credits]').textContent())?.trim() ?? '',
    verdict: await feedback.getAttribute('data-verdict'),
  };
}
