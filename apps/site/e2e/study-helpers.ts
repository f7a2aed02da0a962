// Shared steps of the study-mode browser tests: starting a practice session with filters and
// reading the saved progress.
import type { Page } from 'playwright-core';

export const PROGRESS_KEY = 'i2dl:progress';

/** Starts a practice session on the open practice page with these topics (and optionally kinds). */
export async function startPractice(page: Page, topics: string[], kinds: string[] = []) {
  const form = page.locator('[data-practice-filters]');
  await form.waitFor();
  for (const t of topics) await form.locator(`input[name="topic"][value="${t}"]`).check();
  if (kinds.length > 0) {
    await form.locator('details > summary').click();
    for (const k of kinds) await form.locator(`input[name="kind"][value="${k}"]`).check();
  }
  await form.locator('[data-start-practice]').click();
  await page.locator('.practice-card section.question [data-check]').waitFor();
}

/** The stored progress, parsed. */
export async function storedProgress(page: Page) {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), PROGRESS_KEY) as Promise<{
    version: number;
    questions: Record<
      string,
      { attempts: number; bestCredits: number; lastVerdict: string; card: { due: number; reps: number } | null }
    >;
    mocks: { credits: number; reason: string }[];
  } | null>;
}

/** Waits until the stored progress satisfies `test`. */
export async function waitForProgress(page: Page, test: string) {
  await page.waitForFunction(
    ([key, body]) => {
      const p = JSON.parse(localStorage.getItem(key) ?? 'null');
      return p !== null && new Function('p', `return ${body}`)(p);
    },
    [PROGRESS_KEY, test] as const,
  );
}
