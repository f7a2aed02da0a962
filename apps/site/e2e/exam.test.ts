import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { getAnswer, loadSolver, runSolver, type SolverResult } from '@i2dl/exams';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseURL, checkAnswer, collectErrors, distDir, FIXTURE, launch, openPage, question } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The fixture's solver results, computed here with the same solvers, so no key is typed into a test. */
async function solved(name: string, params?: unknown): Promise<SolverResult> {
  const outcome = await runSolver(name, params);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.result;
}
const conv = () =>
  solved('conv-output', { channels: 3, height: 32, width: 32, kernel: 5, stride: 1, padding: 0, filters: 8 });
const answer = (result: SolverResult, path: string) => {
  const value = getAnswer(result, path);
  if (value === undefined) throw new Error(`no answer ${path}`);
  return value;
};

/**
 * JavaScript budget per exam page once every island has hydrated, before any interaction (gzip).
 * The grader, KaTeX, charts and solvers load on first use; this catches one of them (or the
 * content reader) slipping into the islands' initial bundle.
 */
const JS_BUDGET_GZIP = 60_000;

test('every exam page renders its math and hydrates without console errors, within the JS budget', async () => {
  const home = await browser.newPage();
  const weights: Record<string, number> = {};
  await home.goto(`${baseURL()}/`);
  const links = await home
    .locator('[data-exam-card] h3 a')
    .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  await home.close();
  expect(links.length).toBeGreaterThanOrEqual(2);
  for (const link of links) {
    // A fresh context per exam: an empty cache, so every script the page needs is counted.
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = collectErrors(page);
    const scripts = new Set<string>();
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.add(new URL(response.url()).pathname);
    });
    await page.goto(link);
    expect(await page.locator('.katex').count(), link).toBeGreaterThan(0);
    expect(await page.locator('section.question').count(), link).toBeGreaterThan(0);
    // Bring each client:visible island into view in turn; each must hydrate once seen.
    const stuck = await page.evaluate(async () => {
      // Generous on a loaded machine: up to 45 s for the islands of one page.
      for (const end = Date.now() + 45_000; Date.now() < end; ) {
        const island = document.querySelector('astro-island[ssr]');
        if (!island) return null;
        // astro-island is display: contents (no box of its own): scroll to what it renders.
        (island.firstElementChild ?? island.parentElement)?.scrollIntoView({ block: 'center' });
        await new Promise((r) => setTimeout(r, 60));
      }
      return document.querySelector('astro-island[ssr]')?.closest('section')?.id ?? 'an island';
    });
    expect(stuck, `${link}: island that did not hydrate`).toBeNull();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('.error-box').count(), `${link}: error boxes`).toBe(0);
    expect(errors, link).toEqual([]);
    weights[new URL(link).pathname] = [...scripts].reduce(
      (sum, path) => sum + gzipSync(readFileSync(join(distDir(), path.replace(/^\/i2dl\//, '')))).length,
      0,
    );
    await context.close();
  }
  // For the report: the JavaScript each exam page loads (gzip), heaviest first.
  const ranked = Object.entries(weights).sort((a, b) => b[1] - a[1]);
  writeFileSync(join(distDir(), 'e2e-js-weights.json'), JSON.stringify(Object.fromEntries(ranked), null, 2));
  expect(ranked[0][1], `heaviest page ${ranked[0][0]}`).toBeLessThan(JS_BUDGET_GZIP);
}, 400_000);

describe('every question kind grades a right and a wrong answer', () => {
  let page: Page;
  let close: () => Promise<void>;
  let errors: string[];
  const fresh = async () => {
    await close?.();
    ({ page, close, errors } = await openPage(browser, `/exams/${FIXTURE}/`));
  };
  afterAll(async () => {
    await close?.();
  });

  async function tick(section: Locator, ids: string[]) {
    for (const id of ids) await section.locator(`input.option-input[value="${id}"]`).check();
  }

  test('multiple choice (all-or-nothing) with mistake feedback', async () => {
    await fresh();
    let section = await question(page, '1.1');
    await tick(section, ['a', 'c']);
    expect(await checkAnswer(section)).toEqual({ credits: '2 / 2 credits', verdict: 'correct' });
    await fresh();
    section = await question(page, '1.1');
    await tick(section, ['a']);
    expect(await checkAnswer(section)).toEqual({ credits: '0 / 2 credits', verdict: 'incorrect' });
    expect(await section.locator('.feedback').textContent()).toContain('You missed that dilation');
    // After checking, every option says why it is right or wrong.
    expect(await section.locator('.why').first().isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  test('single choice and true/false', async () => {
    await fresh();
    let section = await question(page, '1.2');
    await tick(section, ['b']);
    expect((await checkAnswer(section)).credits).toBe('1 / 1 credit');
    section = await question(page, '1.3');
    await section.locator('input[data-tf="true"]').check();
    expect((await checkAnswer(section)).credits).toBe('1 / 1 credit');
    await fresh();
    section = await question(page, '1.2');
    await tick(section, ['a']);
    expect((await checkAnswer(section)).credits).toBe('0 / 1 credit');
    section = await question(page, '1.3');
    await section.locator('input[data-tf="false"]').check();
    expect((await checkAnswer(section)).credits).toBe('0 / 1 credit');
  });

  test('ordering by keyboard buttons, with the move announced', async () => {
    await fresh();
    let section = await question(page, '1.4');
    expect((await checkAnswer(section)).verdict).toBe('incorrect');
    await fresh();
    section = await question(page, '1.4');
    // forward, step, zero, backward  →  zero, forward, backward, step
    const up = (id: string) => section.locator(`[data-item="${id}"] [data-move="up"]`).click();
    await up('zero');
    await up('zero');
    await up('backward');
    expect(
      await section.locator('[data-item]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.item)),
    ).toEqual(['zero', 'forward', 'backward', 'step']);
    expect(await section.locator('[aria-live="polite"].visually-hidden').textContent()).toContain('position 3 of 4');
    expect(await checkAnswer(section)).toEqual({ credits: '1 / 1 credit', verdict: 'correct' });
  });

  test('ordering by drag and drop', async () => {
    await fresh();
    const section = await question(page, '1.4');
    await section.locator('[data-item="step"]').dragTo(section.locator('[data-item="backward"]'), {
      targetPosition: { x: 10, y: 30 },
    });
    const order = await section
      .locator('[data-item]')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.item));
    expect(order.at(-1)).toBe('step');
  });

  test('free text: model answer, then the rubric self-check', async () => {
    await fresh();
    let section = await question(page, '1.5');
    await section.locator('input[data-criterion]').nth(0).check();
    await section.locator('input[data-criterion]').nth(1).check();
    expect(await checkAnswer(section)).toEqual({ credits: '2 / 2 credits', verdict: 'correct' });
    await fresh();
    section = await question(page, '1.5');
    await section.locator('input[data-criterion]').nth(0).check();
    expect(await checkAnswer(section)).toEqual({ credits: '1 / 2 credits', verdict: 'partial' });
  });

  test('shape, integer and numeric answers against the solver', async () => {
    const result = await conv();
    const shape = answer(result, 'outputShape') as number[];
    await fresh();
    let section = await question(page, '2.1');
    await section.locator('[data-answer-input]').fill(shape.join('x'));
    expect((await checkAnswer(section)).verdict).toBe('correct');
    section = await question(page, '2.2');
    await section.locator('[data-answer-input]').fill(String(answer(result, 'params')));
    expect((await checkAnswer(section)).credits).toBe('2 / 2 credits');
    section = await question(page, '2.3');
    await section.locator('[data-answer-input]').fill(String(answer(result, 'outputHeightExact')));
    expect((await checkAnswer(section)).credits).toBe('1 / 1 credit');

    await fresh();
    section = await question(page, '2.1');
    await section.locator('[data-answer-input]').fill((answer(result, 'inputShape') as number[]).join(' x '));
    expect((await checkAnswer(section)).verdict).toBe('incorrect');
    expect(await section.locator('.feedback').textContent()).toContain('That is the input shape');
    section = await question(page, '2.2');
    await section.locator('[data-answer-input]').fill(String((answer(result, 'params') as number) - 8));
    expect((await checkAnswer(section)).credits).toBe('0 / 2 credits');
    section = await question(page, '2.3');
    await section.locator('[data-answer-input]').fill(String((answer(result, 'outputHeightExact') as number) + 1));
    expect((await checkAnswer(section)).credits).toBe('0 / 1 credit');
  });

  test('blanks: each blank on its own', async () => {
    const result = await conv();
    await fresh();
    const section = await question(page, '2.4');
    await section.locator('input[data-blank="h"]').fill(String(answer(result, 'outputHeight')));
    await section.locator('input[data-blank="c"]').fill(String(answer(result, 'outputChannels')));
    expect(await checkAnswer(section)).toEqual({ credits: '2 / 2 credits', verdict: 'correct' });
    await fresh();
    const again = await question(page, '2.4');
    await again.locator('input[data-blank="h"]').fill(String(answer(result, 'outputHeight')));
    await again.locator('input[data-blank="c"]').fill('3');
    expect(await checkAnswer(again)).toEqual({ credits: '1 / 2 credits', verdict: 'partial' });
  });

  test('consequential marking: a later answer is graded against the earlier one', async () => {
    const wrongChannels = 3;
    const own = await solved('conv-output', {
      channels: 3,
      height: 32,
      width: 32,
      kernel: 5,
      stride: 1,
      padding: 0,
      filters: wrongChannels,
    });
    await fresh();
    const earlier = await question(page, '2.4');
    await earlier.locator('input[data-blank="c"]').fill(String(wrongChannels));
    const later = await question(page, '2.5');
    await later.locator('[data-answer-input]').fill(String(answer(own, 'params')));
    expect((await checkAnswer(later)).verdict).toBe('correct');
    expect(await later.locator('.feedback').textContent()).toContain('your own earlier answer');
    // Without an earlier answer the exam's own key applies.
    await fresh();
    const alone = await question(page, '2.5');
    await alone.locator('[data-answer-input]').fill(String(answer(own, 'params')));
    expect((await checkAnswer(alone)).verdict).toBe('incorrect');
  });

  test('expression with a live KaTeX preview', async () => {
    await fresh();
    let section = await question(page, '3.1');
    const input = section.locator('[data-answer-input]');
    await input.fill('2/(n_in + n_out)');
    await section.locator('.expression-preview .katex').waitFor();
    expect(await section.locator('.expression-preview .katex-mathml').textContent()).toContain('n');
    expect((await checkAnswer(section)).credits).toBe('3 / 3 credits');
    await fresh();
    section = await question(page, '3.1');
    await section.locator('[data-answer-input]').fill('1/n_in');
    expect((await checkAnswer(section)).credits).toBe('0 / 3 credits');
  });

  test('matrix grid', async () => {
    const result = await solved('mlp');
    const key = answer(result, 'dW1') as number[][];
    await fresh();
    let section = await question(page, '4.1');
    const cells = section.locator('[data-cell]');
    expect(await cells.count()).toBe(key.length * key[0].length);
    for (let i = 0; i < key.length; i++)
      for (let j = 0; j < key[0].length; j++) await section.locator(`[data-cell="${i}-${j}"]`).fill(String(key[i][j]));
    expect((await checkAnswer(section)).verdict).toBe('correct');
    await fresh();
    section = await question(page, '4.1');
    for (let i = 0; i < key.length; i++)
      for (let j = 0; j < key[0].length; j++)
        await section.locator(`[data-cell="${i}-${j}"]`).fill(String(key[i][j] + 1));
    expect((await checkAnswer(section)).verdict).toBe('incorrect');
  });

  test('garbage input gets a message next to the field and costs nothing', async () => {
    await fresh();
    const section = await question(page, '2.2');
    await section.locator('[data-answer-input]').fill('twelve-ish');
    expect(await checkAnswer(section)).toEqual({ credits: '0 / 2 credits', verdict: 'invalid' });
    expect(await section.locator('[data-field-message]').textContent()).not.toBe('');
    const blanks = await question(page, '2.4');
    await blanks.locator('input[data-blank="h"]').fill('((');
    await blanks.locator('input[data-blank="c"]').focus();
    await expect.poll(() => blanks.locator('[data-message-for="h"]').textContent()).not.toBe('');
    const expression = await question(page, '3.1');
    await expression.locator('[data-answer-input]').fill('sqrt(2/');
    await expression.locator('[data-answer-input]').blur();
    await expect.poll(() => expression.locator('[data-field-message]').textContent()).not.toBe('');
  });
});

describe('live solver islands', () => {
  async function panel(page: Page, scope: string) {
    const box = page.locator(`[data-live-scope="${scope}"]`);
    await box.scrollIntoViewIfNeeded();
    await page.locator(`astro-island:not([ssr]) [data-live-scope="${scope}"]`).waitFor();
    return box;
  }

  test('changing a parameter recomputes the answer, the steps and the grading', async () => {
    const { page, errors, close } = await openPage(browser, `/exams/${FIXTURE}/`);
    const box = await panel(page, 'p2');
    const padding = box.locator('input[data-param="padding"]');
    await padding.fill('2');
    await padding.press('Enter');
    await padding.blur();
    const result = await solved('conv-output', {
      channels: 3,
      height: 32,
      width: 32,
      kernel: 5,
      stride: 1,
      padding: 2,
      filters: 8,
    });
    const shape = answer(result, 'outputShape') as number[];
    // The server-rendered steps are redrawn for the new variant.
    const steps = page.locator('section.question[data-question-id="2.3"] [data-steps-scope="p2"]');
    await expect.poll(() => steps.textContent()).toContain(`2 \\cdot 2`);
    expect(page.url()).toContain('params=p2');
    const section = await question(page, '2.1');
    await section.locator('[data-answer-input]').fill(shape.join('x'));
    expect((await checkAnswer(section)).verdict).toBe('correct');
    expect(errors).toEqual([]);
    await close();
  });

  test('editing one weight in the table re-solves the network, and the grader follows', async () => {
    const { page, errors, close } = await openPage(browser, `/exams/${FIXTURE}/`);
    const box = await panel(page, 'p4');
    const cell = box.locator('[data-param-cell="layers[0].weights[0][0]"]');
    await cell.fill('1,5');
    await cell.blur();
    await expect.poll(() => box.locator('.field-message').first().textContent()).toContain('use a dot');
    await cell.fill('1.5');
    await cell.blur();
    await expect.poll(() => page.url()).toContain('params=p4');
    const defaults = structuredClone((await loadSolver('mlp')).defaults) as { layers: { weights: number[][] }[] };
    defaults.layers[0].weights[0][0] = 1.5;
    const key = answer(await solved('mlp', defaults), 'dW1') as number[][];
    const section = await question(page, '4.1');
    for (let i = 0; i < key.length; i++)
      for (let j = 0; j < key[0].length; j++) await section.locator(`[data-cell="${i}-${j}"]`).fill(String(key[i][j]));
    expect((await checkAnswer(section)).verdict).toBe('correct');
    expect(errors).toEqual([]);
    await close();
  });

  test('a bad parameter is explained and the last good variant stays', async () => {
    const { page, close } = await openPage(browser, `/exams/${FIXTURE}/`);
    const box = await panel(page, 'p2');
    const kernel = box.locator('input[data-param="kernel"]');
    await kernel.fill('abc');
    await kernel.press('Enter');
    await kernel.blur();
    await expect.poll(() => box.locator('.field-message').first().textContent()).toContain('number');
    await kernel.fill('0');
    await kernel.blur();
    await expect.poll(() => box.locator('[data-scope-message]').textContent()).toContain('kernel');
    await close();
  });

  test('"New variant" records its seed in the URL, and the shared URL reproduces it', async () => {
    const { page, close } = await openPage(browser, `/exams/${FIXTURE}/`);
    const box = await panel(page, 'p2');
    await box.locator('[data-new-variant]').click();
    await page.waitForURL(/variant=p2(%3A|:)\d+/);
    const seed = Number(/variant=p2(?:%3A|:)(\d+)/.exec(page.url())?.[1]);
    const fields = async (p: Page) =>
      (
        await p
          .locator('[data-live-scope="p2"] [data-param]')
          .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))
      ).join('|');
    await expect.poll(() => box.getAttribute('aria-busy')).toBe('false');
    const shown = await fields(page);
    const shared = await openPage(browser, `/exams/${FIXTURE}/?variant=p2:${seed}`);
    await panel(shared.page, 'p2');
    await expect.poll(() => fields(shared.page)).toBe(shown);
    // The grader checks against this variant: its answer, computed here from the seed, is correct.
    const solver = await loadSolver('conv-output');
    const result = await solved('conv-output', solver.generate(seed));
    const section = await question(shared.page, '2.1');
    await section.locator('[data-answer-input]').fill((answer(result, 'outputShape') as number[]).join('x'));
    expect((await checkAnswer(section)).verdict).toBe('correct');
    await shared.close();
    await close();
  });

  test('a bad variant URL falls back to the default variant with a notice', async () => {
    const { page, close } = await openPage(browser, `/exams/${FIXTURE}/?variant=p2:not-a-seed&variant=zz:12`);
    const box = await panel(page, 'p2');
    await box.locator('[data-variant-notice]').waitFor();
    expect(await box.locator('[data-variant-notice]').textContent()).toContain('default variant');
    expect(await page.locator('#url-notice').isVisible()).toBe(true);
    expect(await page.locator('#url-notice').textContent()).toContain('"zz"');
    const section = await question(page, '2.1');
    await section.locator('[data-answer-input]').fill((answer(await conv(), 'outputShape') as number[]).join('x'));
    expect((await checkAnswer(section)).verdict).toBe('correct');
    await close();
  });
});

test('without JavaScript the questions, inputs and default solutions are all there', async () => {
  const { page, close } = await openPage(browser, `/exams/${FIXTURE}/`, { javaScriptEnabled: false });
  expect(await page.locator('section.question').count()).toBe(13);
  expect(await page.locator('input.option-input').count()).toBeGreaterThan(3);
  expect(await page.locator('[data-answer-input]').count()).toBeGreaterThan(3);
  // The matrix grid has the key's size from the server.
  const key = answer(await solved('mlp'), 'dW1') as number[][];
  expect(await page.locator('[data-cell]').count()).toBe(key.length * key[0].length);
  // The default variant's worked steps and figures were rendered on the server.
  const steps = page.locator('section.question[data-question-id="2.1"] .steps-live');
  expect(await steps.locator('.katex').count()).toBeGreaterThan(0);
  expect(await page.locator('[data-chart-scope="p4"] svg').count()).toBe(1);
  const details = page.locator('section.question[data-question-id="2.1"] details.solution');
  await details.locator('summary').click();
  expect(await steps.isVisible()).toBe(true);
  await close();
});

test('a broken island shows an error box and the rest of the page keeps working', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Serve the exam with the props of question 1.2's island corrupted, as a bad deploy might.
  await page.route(`${baseURL()}/exams/${FIXTURE}/`, async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    const start = html.indexOf('<astro-island', html.indexOf('data-question-id="1.2"'));
    const broken = html.slice(start).replace(/props="[^"]*"/, 'props="{&quot;question&quot;:[0,null]}"');
    await route.fulfill({ response, body: html.slice(0, start) + broken });
  });
  await page.goto(`${baseURL()}/exams/${FIXTURE}/`);
  const brokenSection = page.locator('section.question[data-question-id="1.2"]');
  await brokenSection.scrollIntoViewIfNeeded();
  await brokenSection.locator('.error-box').waitFor();
  expect(await brokenSection.locator('.error-box').textContent()).toContain('answer box stopped working');
  // The next question still grades.
  const next = await question(page, '1.3');
  await next.locator('input[data-tf="true"]').check();
  expect((await checkAnswer(next)).credits).toBe('1 / 1 credit');
  await context.close();
});

/** Decodes Astro's island props serialisation ([0, value] plain, [1, [...]] array, objects by key). */
function decodeProps(value: unknown): unknown {
  if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'number') {
    const [tag, inner] = value;
    if (tag === 1 && Array.isArray(inner)) return inner.map(decodeProps);
    return decodeProps(inner);
  }
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeProps(v)]));
  return value;
}

test('each parameter panel is rendered on the server with its own exam numbers', async () => {
  const home = await browser.newPage();
  await home.goto(`${baseURL()}/`);
  const links = await home
    .locator('[data-exam-card] h3 a')
    .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  await home.close();
  let panels = 0;
  for (const link of links) {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(link);
    for (const island of await page.locator('astro-island[component-url*="LiveScope"]').all()) {
      const props = decodeProps(JSON.parse((await island.getAttribute('props')) ?? '{}')) as {
        defaultParams: Record<string, unknown>;
      };
      const shown = await island
        .locator('input[type="text"][data-param]')
        .evaluateAll((els) =>
          Object.fromEntries(els.map((e) => [(e as HTMLInputElement).dataset.param, (e as HTMLInputElement).value])),
        );
      for (const [name, value] of Object.entries(shown)) {
        const expected = props.defaultParams[name];
        const text = expected === undefined ? '' : typeof expected === 'string' ? expected : JSON.stringify(expected);
        expect(value, `${link} panel ${name}`).toBe(text);
      }
      panels++;
    }
    await context.close();
  }
  expect(panels).toBeGreaterThan(3);
});

test('printing hides the solutions unless ?solutions=1 asks for them', async () => {
  for (const [query, display] of [
    ['', 'none'],
    ['?solutions=1', 'block'],
  ]) {
    const { page, close } = await openPage(browser, `/exams/${FIXTURE}/${query}`);
    await page.emulateMedia({ media: 'print' });
    const shown = await page
      .locator('details.solution')
      .first()
      .evaluate((el) => getComputedStyle(el).display);
    expect(shown, query).toBe(display);
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    await close();
  }
});
