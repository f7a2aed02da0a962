import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { baseURL, collectErrors, FIXTURE, launch } from './browser';
import { storedProgress } from './study-helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const MOCK_KEY = `i2dl:mock:${FIXTURE}`;

/** A question of the mock paper, scrolled into view and hydrated (its Check button exists but is hidden). */
async function paperQuestion(page: Page, id: string) {
  const section = page.locator(`[data-mock-paper] section.question[data-question-id="${id}"]`);
  await section.scrollIntoViewIfNeeded();
  await section.locator('astro-island:not([ssr]) [data-check]').first().waitFor({ state: 'attached' });
  return section;
}

async function startMock(page: Page, minutes?: number) {
  await page.goto(`${baseURL()}/mock/${FIXTURE}/`);
  expect(await page.locator('[data-mock-duration]').textContent()).toContain("The exam's own time: 60 minutes");
  if (minutes !== undefined) await page.locator('#mock-minutes').fill(String(minutes));
  await page.locator('[data-start-mock]').click();
  await page.locator('[data-mock-running]').waitFor();
}

test('a mock exam hides answers, resumes after leaving, and scores a submission by the exam rules', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  await startMock(page);
  expect(await page.locator('[data-mock-paper]').isVisible()).toBe(true);
  const single = await paperQuestion(page, '1.2');
  // Answers stay hidden: no Check button, no solution.
  expect(await single.locator('[data-check]').isVisible()).toBe(false);
  expect(await single.locator('details.solution').isVisible()).toBe(false);
  await single.locator('input.option-input[value="b"]').check();
  const tf = await paperQuestion(page, '1.3');
  await tf.locator('input[data-tf="false"]').check();
  const shape = await paperQuestion(page, '2.1');
  await shape.locator('[data-answer-input]').fill('8x28x28');
  const remaining = Number(await page.locator('[data-remaining]').getAttribute('data-remaining'));
  expect(remaining).toBeGreaterThan(59 * 60_000);
  // Leave and come back: the attempt resumes with the same deadline and every answer.
  const deadline = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}').deadline, MOCK_KEY);
  await page.goto(`${baseURL()}/`);
  await page.goto(`${baseURL()}/mock/${FIXTURE}/`);
  await page.locator('[data-mock-running]').waitFor();
  expect(await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}').deadline, MOCK_KEY)).toBe(deadline);
  expect(await (await paperQuestion(page, '1.2')).locator('input.option-input[value="b"]').isChecked()).toBe(true);
  expect(await (await paperQuestion(page, '1.3')).locator('input[data-tf="false"]').isChecked()).toBe(true);
  const shapeAgain = await paperQuestion(page, '2.1');
  await shapeAgain.locator('[data-answer-input]').waitFor();
  expect(await shapeAgain.locator('[data-answer-input]').inputValue()).toBe('8x28x28');
  // Change one answer after the resume, then hand in.
  await (await paperQuestion(page, '1.3')).locator('input[data-tf="true"]').check();
  await page.locator('[data-submit-mock]').click();
  await page.locator('[data-confirm-submit]').click();
  const result = page.locator('[data-mock-result]');
  await result.waitFor();
  expect(await page.locator('[data-mock-paper]').isVisible()).toBe(false);
  // 1.2 (b, 1 credit) + 1.3 (true, 1 credit) + 2.1 (8x28x28, 2 credits) right; nothing else answered.
  expect(await result.locator('[data-mock-total]').textContent()).toMatch(/^4 \/ 26 credits$/);
  expect(await result.locator('[data-mock-reason]').getAttribute('data-mock-reason')).toBe('submitted');
  expect(await result.locator('[data-mock-question="1.2"] [data-verdict]').getAttribute('data-verdict')).toBe(
    'correct',
  );
  expect(await result.locator('[data-mock-question="1.1"] [data-verdict]').textContent()).toBe('not answered');
  expect(await result.locator('[data-mock-problem="p1"] [data-problem-credits]').textContent()).toBe('2 / 7');
  const link = result.locator('[data-mock-question="2.1"] a');
  expect(await link.getAttribute('href')).toBe(`/i2dl/exams/${FIXTURE}/#q-2-1`);
  expect(Number(await result.locator('[data-mock-time-used]').getAttribute('data-mock-time-used'))).toBeGreaterThan(0);
  // The result went into the progress: the mock and each answered question.
  const progress = await storedProgress(page);
  expect(progress?.mocks).toMatchObject([{ credits: 4, maxCredits: 26, reason: 'submitted' }]);
  expect(Object.keys(progress?.questions ?? {}).sort()).toEqual([`${FIXTURE}#1.2`, `${FIXTURE}#1.3`, `${FIXTURE}#2.1`]);
  // The result stays after a reload; "again" starts over.
  await page.reload();
  await page.locator('[data-mock-result]').waitFor();
  await page.locator('[data-mock-again]').click();
  await page.locator('[data-mock-intro]').waitFor();
  expect(errors).toEqual([]);
  await context.close();
});

test('a mock exam that runs out of time is scored with what was entered, even when the tab was closed', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  await startMock(page, 5);
  const tf = await paperQuestion(page, '1.3');
  await tf.locator('input[data-tf="true"]').check();
  await page.waitForFunction((key) => JSON.parse(localStorage.getItem(key) ?? '{}').fields?.['1.3'], MOCK_KEY);
  // The clock passes the deadline while the page is closed.
  const startedAt = await page.evaluate((key) => {
    const attempt = JSON.parse(localStorage.getItem(key) ?? '{}');
    attempt.startedAt -= 6 * 60_000;
    attempt.deadline -= 6 * 60_000;
    localStorage.setItem(key, JSON.stringify(attempt));
    return attempt.startedAt;
  }, MOCK_KEY);
  await page.goto(`${baseURL()}/mock/${FIXTURE}/`);
  const result = page.locator('[data-mock-result]');
  await result.waitFor();
  expect(await result.locator('[data-mock-reason]').getAttribute('data-mock-reason')).toBe('timeout');
  expect(await result.locator('[data-mock-total]').textContent()).toMatch(/^1 \/ 26 credits$/);
  // Time used is the whole allowance (the deadline), not the time the tab was away.
  const used = Number(await result.locator('[data-mock-time-used]').getAttribute('data-mock-time-used'));
  expect(used).toBe(5 * 60_000);
  expect(startedAt).toBeGreaterThan(0);
  expect(errors).toEqual([]);
  await context.close();
});

test('an exam without a stated duration says so and lets the student choose; a bad time is refused', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await page.goto(`${baseURL()}/mock/`);
  const cards = page.locator('[data-mock-card]');
  expect(await cards.count()).toBeGreaterThanOrEqual(2);
  const undated = await cards.filter({ hasText: 'duration not stated' }).first().locator('a').getAttribute('href');
  expect(undated).toBeTruthy();
  await page.goto(`http://${new URL(baseURL()).host}${undated}`);
  expect(await page.locator('[data-mock-duration]').textContent()).toContain(
    'does not state its duration: the mock uses 60 minutes',
  );
  await page.locator('#mock-minutes').fill('0');
  await page.locator('[data-start-mock]').click();
  expect(await page.locator('#mock-minutes-msg').textContent()).toContain('between 1 and 600');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});
