import { loadSolver } from '@i2dl/exams';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { FIXTURE, launch, openPage } from './browser';
import { startPractice, storedProgress, waitForProgress } from './study-helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const KEY = (id: string) => `${FIXTURE}#${id}`;

test('a practice session grades a fixed question and schedules it with FSRS', async () => {
  const { page, errors, close } = await openPage(browser, '/practice/');
  expect(await page.locator('[data-scheduling-rule]').textContent()).toContain('FSRS');
  await startPractice(page, ['regularization'], ['true-false']);
  const card = page.locator('.practice-card section.question');
  expect(await card.getAttribute('data-practice-key')).toBe(KEY('1.3'));
  expect(await page.locator('[data-pick-reason]').getAttribute('data-pick-reason')).toBe('new');
  await card.locator('input[data-tf="true"]').check();
  await card.locator('[data-check]').click();
  expect(await card.locator('.feedback').getAttribute('data-verdict')).toBe('correct');
  // Saved with its FSRS card: answered right, it is due later than a miss would be (minutes).
  await waitForProgress(page, `p.questions['${KEY('1.3')}']?.attempts === 1`);
  const saved = (await storedProgress(page))?.questions[KEY('1.3')];
  expect(saved).toMatchObject({ attempts: 1, bestCredits: 1, lastVerdict: 'correct' });
  expect(saved?.card?.reps).toBe(1);
  expect(saved?.card?.due).toBeGreaterThan(Date.now() + 5 * 60_000);
  const scheduled = page.locator('[data-scheduled]');
  expect(await scheduled.textContent()).toMatch(/comes back in \d+ minutes/);
  // The solution is one click away.
  await card.locator('details.solution > summary').click();
  expect(await card.locator('details.solution .solution-body').isVisible()).toBe(true);
  expect(errors).toEqual([]);
  await close();
});

test('a solver question comes as a fresh seeded variant, and once missed comes back due with new numbers', async () => {
  const { page, errors, close } = await openPage(browser, '/practice/');
  await startPractice(page, ['initialization'], ['numeric']);
  const card = page.locator('.practice-card section.question');
  expect(await card.getAttribute('data-practice-key')).toBe(KEY('3.2'));
  const seed = Number(await card.locator('[data-variant-seed]').getAttribute('data-variant-seed'));
  expect(seed).toBeGreaterThan(0);
  // The key of this variant, computed here with the same solver (no key typed into the test).
  const solver = await loadSolver('init-variance');
  const variance = solver.solve(solver.generate(seed) as never).answers.variance as number;
  // The live panel shows this variant's numbers.
  expect(await card.locator('[data-live-scope]').textContent()).toContain(`variant ${seed}`);
  // A wrong answer first: graded incorrect, and the miss is scheduled within minutes.
  await card.locator('[data-answer-input]').fill(String(variance * 3 + 1));
  await card.locator('[data-check]').click();
  expect(await card.locator('.feedback').getAttribute('data-verdict')).toBe('incorrect');
  await waitForProgress(page, `p.questions['${KEY('3.2')}']?.attempts === 1`);
  const missed = (await storedProgress(page))?.questions[KEY('3.2')];
  expect(missed?.card?.due).toBeLessThanOrEqual(Date.now() + 10 * 60_000);
  // The right answer for this variant is accepted.
  await card.locator('[data-answer-input]').fill(String(variance));
  await card.locator('[data-check]').click();
  await card.locator('.feedback[data-verdict="correct"]').waitFor();
  // Time passes (the card is made due), the page is reloaded: the same question is due, with a fresh seed.
  await page.evaluate((key) => {
    const p = JSON.parse(localStorage.getItem('i2dl:progress') ?? '{}');
    p.questions[key].card.due = Date.now() - 1000;
    localStorage.setItem('i2dl:progress', JSON.stringify(p));
  }, KEY('3.2'));
  await page.locator('[data-next-question]').click();
  await page.locator('[data-pick-reason="due"]').waitFor();
  const again = page.locator('.practice-card section.question');
  await again.locator('[data-check]').waitFor();
  expect(await again.getAttribute('data-practice-key')).toBe(KEY('3.2'));
  const seed2 = Number(await again.locator('[data-variant-seed]').getAttribute('data-variant-seed'));
  expect(seed2).not.toBe(seed);
  expect(errors).toEqual([]);
  await close();
});

test('practice keeps working offline once loaded, and a reload shows the same question and numbers', async () => {
  const { page, errors, close } = await openPage(browser, '/practice/');
  await startPractice(page, ['cnn'], ['integer']);
  const card = page.locator('.practice-card section.question');
  const key = await card.getAttribute('data-practice-key');
  const seed = await card.locator('[data-variant-seed]').getAttribute('data-variant-seed');
  const failed: string[] = [];
  page.on('requestfailed', (request) => failed.push(new URL(request.url()).pathname));
  await page.context().setOffline(true);
  // Next question and grading need nothing from the network any more (solvers were preloaded).
  await page.locator('[data-next-question]').click();
  const next = page.locator('.practice-card section.question');
  await next.locator('[data-check]').waitFor();
  await next.locator('[data-answer-input]').fill('1');
  await next.locator('[data-check]').click();
  await next.locator('.feedback').waitFor();
  await page.context().setOffline(false);
  const shown = await next.getAttribute('data-practice-key');
  const shownSeed = await next.locator('[data-variant-seed]').getAttribute('data-variant-seed');
  expect(`${shown}@${shownSeed}`).not.toBe(`${key}@${seed}`);
  await page.reload();
  const after = page.locator('.practice-card section.question');
  await after.locator('[data-check]').waitFor();
  expect(await after.getAttribute('data-practice-key')).toBe(shown);
  expect(await after.locator('[data-variant-seed]').getAttribute('data-variant-seed')).toBe(shownSeed);
  // Offline, only the browser's own favicon refetch failed: nothing the session needed.
  expect(failed.filter((path) => !path.endsWith('/favicon.svg'))).toEqual([]);
  expect(errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  await close();
});

test('at 375px the practice page does not scroll sideways and is keyboard-usable', async () => {
  const { page, close } = await openPage(browser, '/practice/', { viewport: { width: 375, height: 740 } });
  await startPractice(page, ['regularization'], ['true-false']);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.locator('.practice-card input[data-tf="false"]').focus();
  await page.keyboard.press('Space');
  await page.locator('.practice-card [data-check]').focus();
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  expect(await page.locator('.practice-card .feedback').getAttribute('data-verdict')).toBe('incorrect');
  await close();
});

test('a question’s figure is drawn for the variant shown', async () => {
  const { page, errors, close } = await openPage(browser, '/practice/');
  await startPractice(page, ['mlp'], ['matrix']);
  const card = page.locator('.practice-card section.question');
  expect(await card.getAttribute('data-practice-key')).toBe(KEY('4.1'));
  const figure = card.locator(`.practice-figures [data-chart-name="network"] svg`);
  await figure.waitFor();
  expect(await figure.locator('title').count()).toBeGreaterThan(0);
  // The matrix grid takes the size of this variant's key.
  expect(await card.locator('input[data-cell]').count()).toBeGreaterThan(0);
  expect(errors).toEqual([]);
  await close();
});
