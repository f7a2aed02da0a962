import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';

const dist = '/work/main/apps/site/dist-e2e';
const srv = createServer(async (req, res) => {
  const p = decodeURIComponent(req.url.split('?')[0]).replace(/^\/i2dl/, '');
  let f = join(dist, p);
  try {
    if ((await stat(f)).isDirectory()) f = join(f, 'index.html');
    res.writeHead(200, {
      'content-type': extname(f) === '.js' ? 'text/javascript' : extname(f) === '.css' ? 'text/css' : 'text/html',
    });
    res.end(await readFile(f));
  } catch {
    res.writeHead(404);
    res.end();
  }
}).listen(4999);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox'] });
const page = await b.newPage();
page.on('console', (m) =>
  m.type() === 'error' || m.type() === 'warning' ? console.log('CONSOLE', m.type(), m.text().slice(0, 300)) : null,
);
page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
for (const id of process.argv.slice(2)) {
  await page.goto('http://127.0.0.1:4999/i2dl/exams/' + id + '/');
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += innerHeight) {
      scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 30));
    }
  });
  await page.waitForTimeout(2000);
  console.log(
    id,
    await page.evaluate(() =>
      [...document.querySelectorAll('astro-island[ssr]')].map(
        (e) => e.getAttribute('component-url') + ' ' + e.closest('section')?.id,
      ),
    ),
  );
  console.log(
    id,
    'errors',
    await page.evaluate(() => [...document.querySelectorAll('.error-box')].map((e) => e.textContent.slice(0, 200))),
  );
}
await b.close();
srv.close();
