// Build the site for the browser tests and serve it on a free loopback port.
//
// The e2e build goes to dist-e2e/ (never over dist/), under the base path /i2dl/ so every test
// also proves that links and assets respect the base, and with the fixture exam that has every
// question kind (I2DL_FIXTURES=1). Pagefind indexes it like the real build. Set
// I2DL_E2E_REUSE=1 to skip the build when dist-e2e/ is already there (while writing tests).

import { execFileSync } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

export const E2E_BASE = '/i2dl/';
const site = fileURLToPath(new URL('../', import.meta.url));
const dist = join(site, 'dist-e2e');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain',
};

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function build(): Promise<void> {
  const env = { ...process.env, I2DL_BASE: E2E_BASE, I2DL_FIXTURES: '1', I2DL_OUT_DIR: './dist-e2e' };
  const started = performance.now();
  const bin = (name: string) => join(site, 'node_modules', '.bin', name);
  execFileSync(bin('astro'), ['build'], { cwd: site, env, stdio: 'inherit' });
  const built = performance.now();
  // pagefind.yml (in the site folder) holds the index settings shared with the real build.
  execFileSync(bin('pagefind'), ['--site', 'dist-e2e'], { cwd: site, env, stdio: 'inherit' });
  const timing = { astroBuildSeconds: (built - started) / 1000, pagefindSeconds: (performance.now() - built) / 1000 };
  await writeFile(join(dist, 'e2e-build.json'), JSON.stringify(timing, null, 2));
}

/** Maps a URL under the base path to a file in dist-e2e (directories to their index.html). */
async function resolveFile(urlPath: string): Promise<string | null> {
  const pathname = decodeURIComponent(urlPath.split('?')[0]);
  if (!pathname.startsWith(E2E_BASE)) return null;
  const clean = normalize(pathname.slice(E2E_BASE.length)).replace(/^(\.\.[/\\])+/, '');
  let file = join(dist, clean);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    await stat(file);
    return file;
  } catch {
    return null;
  }
}

let server: Server;

export async function setup(project: TestProject) {
  if (!(process.env.I2DL_E2E_REUSE === '1' && (await exists(join(dist, 'index.html'))))) await build();
  server = createServer(async (req, res) => {
    const file = await resolveFile(req.url ?? '/');
    if (!file) {
      const notFound = join(dist, '404.html');
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end((await exists(notFound)) ? await readFile(notFound) : 'not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(await readFile(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // The site root, under the base path, without the trailing slash: `${baseURL()}/exams/…`.
  project.provide('baseURL', `http://127.0.0.1:${port}${E2E_BASE.replace(/\/$/, '')}`);
  project.provide('distDir', dist);
}

export async function teardown() {
  await new Promise((resolve) => server?.close(resolve));
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    distDir: string;
  }
}
