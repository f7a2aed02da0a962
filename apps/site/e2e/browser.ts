// One way to open the built site in Chromium for every browser test.
import { type Browser, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS, chromiumHelp, findChromium } from '../../../tools/bootstrap/chromium.mjs';

export async function launch(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(chromiumHelp());
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export const baseURL = () => inject('baseURL');

/** Collects console errors and page errors so a test can assert there were none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}
