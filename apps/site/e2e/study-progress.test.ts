import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { baseURL, collectErrors, FIXTURE, launch, openPage, question } from './browser';
import { PROGRESS_KEY, startPractice, storedProgress, waitForProgress } from './study-helpers';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const KEY = (id: string) => `${FIXTURE}#${id}`;

/** Answers the fixture's true/false question 1.3 on the practice page and waits until it is saved. */
async function practiseOne(page: Page, value: 'true' | 'false' = 'true') {
  await startPractice(page, ['regularization'], ['true-false']);
  const card = page.locator('.practice-card section.question');
  await card.locator(`input[data-tf="${value}"]`).check();
  await card.locator('[data-check]').click();
  await card.locator('.feedback').waitFor();
  await waitForProgress(page, `p.questions['${KEY('1.3')}']?.attempts >= 1`);
}

test('progress survives a reload and shows on the home page and the topic page as charts', async () => {
  const { page, errors, close } = await openPage(browser, '/practice/');
  await practiseOne(page);
  await page.reload();
  await page.locator('[data-progress-count="1"]').waitFor();
  expect((await storedProgress(page))?.questions[KEY('1.3')]?.attempts).toBe(1);
  await page.goto(`${baseURL()}/`);
  const topics = page.locator('[data-progress-widget] [data-progress-chart="topics"] svg');
  await topics.waitFor();
  expect(await topics.locator('title').first().textContent()).toContain('Mastery per topic');
  await page.goto(`${baseURL()}/topics/regularization/`);
  const chart = page.locator('[data-progress-widget] [data-progress-chart="topic-exams"] svg');
  await chart.waitFor();
  // 1.3 (1 credit) of the topic's 3 credits in the fixture exam: 33.3 %.
  expect(await chart.locator('title').first().textContent()).toMatch(/Mastery of this topic: \d+(\.\d)?%/);
  expect(errors).toEqual([]);
  await close();
});

test('export then import round-trips; a bad file is refused with a message; reset asks first', async () => {
  const { page, errors, close } = await openPage(browser, '/practice/');
  await practiseOne(page);
  const before = await storedProgress(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export-progress]').click()]);
  const file = join(tmpdir(), `i2dl-progress-${process.pid}.json`);
  await download.saveAs(file);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(before);
  // Reset asks for confirmation; cancel keeps everything.
  await page.locator('[data-reset-progress]').click();
  await page.locator('[data-cancel-reset]').click();
  expect(await storedProgress(page)).toEqual(before);
  await page.locator('[data-reset-progress]').click();
  await page.locator('[data-confirm-reset]').click();
  await page.locator('[data-progress-count="0"]').waitFor();
  // A file that is not an export is refused and changes nothing.
  const bad = join(tmpdir(), `i2dl-bad-${process.pid}.json`);
  writeFileSync(bad, JSON.stringify({ version: 1, questions: { x: { attempts: -3 } }, mocks: [], updatedAt: 0 }));
  await page.locator('[data-import-progress]').setInputFiles(bad);
  await page.locator('[data-import-message]', { hasText: 'not a valid i2dl progress export (questions.x.' }).waitFor();
  await page.locator('[data-progress-count="0"]').waitFor();
  // The real export comes back whole, merged with what is there now (another question answered meanwhile).
  await page.locator('[data-change-topics]').click();
  await startPractice(page, ['activations'], ['single-choice']);
  const card = page.locator('.practice-card section.question');
  const other = (await card.getAttribute('data-practice-key')) ?? '';
  await card.locator('input.option-input').first().check();
  await card.locator('[data-check]').click();
  await waitForProgress(page, `Object.keys(p.questions).length === 1`);
  await page.locator('[data-import-progress]').setInputFiles(file);
  await page.locator('[data-import-message]', { hasText: 'Imported 1' }).waitFor();
  const merged = await storedProgress(page);
  expect(Object.keys(merged?.questions ?? {}).sort()).toEqual([other, KEY('1.3')].sort());
  expect(merged?.questions[KEY('1.3')]).toEqual(before?.questions[KEY('1.3')]);
  // Importing the same file again does not double anything.
  await page.locator('[data-import-progress]').setInputFiles(file);
  await page.waitForTimeout(200);
  expect(await storedProgress(page)).toEqual(merged);
  expect(errors).toEqual([]);
  await close();
});

test('a corrupted saved value shows the notice, is backed up, and the page still works', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${baseURL()}/practice/`);
  await page.evaluate((key) => localStorage.setItem(key, '{"version":1,"questions":{'), PROGRESS_KEY);
  await page.reload();
  const notice = page.locator('[data-progress-notice]');
  await notice.waitFor();
  expect(await notice.textContent()).toMatch(/could not be read/);
  expect(await page.evaluate(() => localStorage.getItem('i2dl:progress:backup'))).toBe('{"version":1,"questions":{');
  // Still works: a question is answered and saved into a valid value.
  await practiseOne(page);
  expect((await storedProgress(page))?.version).toBe(1);
  // A damaged entry inside an otherwise good value: only that entry goes, on the home page too.
  await page.evaluate((key) => {
    const p = JSON.parse(localStorage.getItem(key) ?? '{}');
    p.questions.broken = { attempts: 'lots' };
    localStorage.setItem(key, JSON.stringify(p));
  }, PROGRESS_KEY);
  await page.goto(`${baseURL()}/`);
  await page.locator('[data-progress-widget] [data-progress-notice]').waitFor();
  expect(await page.locator('[data-progress-notice]').textContent()).toMatch(/1 entry was dropped, 1 kept/);
  expect(Object.keys((await storedProgress(page))?.questions ?? {})).toEqual([KEY('1.3')]);
  expect(errors).toEqual([]);
  await context.close();
});

test('a second tab does not corrupt the saved data: both tabs’ answers are kept and the other tab follows', async () => {
  const context = await browser.newContext();
  const a = await context.newPage();
  const b = await context.newPage();
  const watcher = await context.newPage();
  const errors = [...[a, b, watcher].map(collectErrors)];
  await a.goto(`${baseURL()}/exams/${FIXTURE}/`);
  await b.goto(`${baseURL()}/exams/${FIXTURE}/`);
  await watcher.goto(`${baseURL()}/practice/`);
  await watcher.locator('[data-progress-count="0"]').waitFor();
  // Both tabs were loaded before either answered; each then answers a different question.
  const tf = await question(a, '1.3');
  await tf.locator('input[data-tf="true"]').check();
  await tf.locator('[data-check]').click();
  await waitForProgress(a, `p.questions['${KEY('1.3')}']?.attempts === 1`);
  const sc = await question(b, '1.2');
  await sc.locator('input.option-input[value="b"]').check();
  await sc.locator('[data-check]').click();
  await waitForProgress(b, `Object.keys(p.questions).length === 2`);
  // And tab A again, still without a reload.
  await tf.locator('input[data-tf="false"]').check();
  await tf.locator('[data-check]').click();
  await waitForProgress(a, `p.questions['${KEY('1.3')}']?.attempts === 2`);
  const saved = await storedProgress(a);
  expect(Object.keys(saved?.questions ?? {}).sort()).toEqual([KEY('1.2'), KEY('1.3')]);
  expect(saved?.questions[KEY('1.2')]).toMatchObject({ attempts: 1, bestCredits: 1 });
  expect(saved?.questions[KEY('1.3')]).toMatchObject({ attempts: 2, bestCredits: 1, lastVerdict: 'incorrect' });
  // The third tab followed through the storage event, without a reload.
  await watcher.locator('[data-progress-count="2"]').waitFor();
  expect(errors.flat()).toEqual([]);
  await context.close();
});
