// `node bench/browser-check.mjs`: checks the worker pool in a real browser (Debian's Chromium,
// driven by playwright-core from apps/site), on a plain page (no SharedArrayBuffer: the pool
// must transfer) and on a cross-origin-isolated page (COOP/COEP headers: the pool shares).
// Every product must equal the calling thread's bit for bit. Runs the built package (tsc -b).
// Not part of `pnpm test` because core has no browser dependency; the lead may fold it into e2e.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.resolve(pkgDir, '../../apps/site/package.json'));
const { chromium } = require('playwright-core');

const page = `<!doctype html><meta charset="utf-8"><title>pool check</title>
<script type="module">
import { createWorkerPool } from '/dist/parallel/index.js';
import { matmulInto } from '/dist/kernels/matmul.js';
const results = { crossOriginIsolated: self.crossOriginIsolated, runs: [] };
try {
  const [m, k, n] = [65, 77, 130];
  const a = new Float64Array(m * k).map((_, i) => Math.sin(i));
  const b = new Float64Array(k * n).map((_, i) => Math.cos(i));
  const expected = new Float64Array(m * n);
  matmulInto(a, b, expected, m, k, n);
  for (const [threads, transport] of [[1, 'auto'], [2, 'auto'], [3, 'auto'], [2, 'transfer']]) {
    const pool = createWorkerPool({ threads, transport, parallelThreshold: 0 });
    const c = await pool.matmulArrays(a, b, m, k, n);
    results.runs.push({ threads, transport: pool.transport, identical: c.every((v, i) => Object.is(v, expected[i])) });
    await pool.close();
  }
  const broken = createWorkerPool({ threads: 1, parallelThreshold: 0, workerUrl: '/missing-worker.js' });
  results.missingWorker = await broken.matmulArrays(a, b, m, k, n).then(() => 'resolved', (e) => e.message);
  await broken.close();
} catch (e) {
  results.error = String(e?.stack ?? e);
}
window.results = results;
</script>`;

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const isolated = url.searchParams.has('isolated') || (req.headers.referer ?? '').includes('isolated');
  const headers = isolated
    ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
    : {};
  if (url.pathname === '/') {
    res.writeHead(200, { ...headers, 'Content-Type': 'text/html' });
    return res.end(page);
  }
  const file = path.join(pkgDir, path.normalize(url.pathname));
  if (!file.startsWith(path.join(pkgDir, 'dist')) || !existsSync(file)) {
    res.writeHead(404, headers);
    return res.end();
  }
  res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' });
  res.end(readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium' });
let ok = true;
try {
  for (const [label, query, transport] of [
    ['plain page', '', 'transfer'],
    ['cross-origin-isolated page', '?isolated', 'shared'],
  ]) {
    const tab = await browser.newPage();
    await tab.goto(`http://127.0.0.1:${server.address().port}/${query}`);
    const r = await (await tab.waitForFunction(() => window.results, null, { timeout: 60_000 })).jsonValue();
    const pass =
      !r.error &&
      r.runs.every((run) => run.identical) &&
      r.runs.slice(0, 3).every((run) => run.transport === transport) &&
      /matmul worker 0 crashed/.test(r.missingWorker);
    ok &&= pass;
    console.log(`${pass ? 'ok  ' : 'FAIL'} ${label}: ${JSON.stringify(r)}`);
    await tab.close();
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(ok ? 0 : 1);
