// What a course-tool author gets from npm: pack each library as `pnpm publish` would, install
// the tarballs into a plain Node project outside the workspace, and import every entry point.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const LIBRARIES = ['core', 'exams', 'viz'] as const;
let work: string;
let project: string;

function sh(command: string, args: string[], cwd: string) {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'i2dl-pack-'));
  const tarballs: string[] = [];
  for (const name of LIBRARIES) {
    const dir = join(root, 'packages', name);
    sh('pnpm', ['pack', '--pack-destination', work], dir);
    const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
    tarballs.push(join(work, `i2dl-${name}-${version}.tgz`));
  }
  project = join(work, 'consumer');
  sh('mkdir', ['-p', project], work);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs], project);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test.each(LIBRARIES)('@i2dl/%s installs from its tarball and imports outside the workspace', (name) => {
  const installed = readdirSync(join(project, 'node_modules', '@i2dl'));
  expect(installed).toContain(name);
  const manifest = JSON.parse(readFileSync(join(project, 'node_modules', '@i2dl', name, 'package.json'), 'utf8'));
  // pnpm must have replaced workspace: ranges with real versions.
  expect(JSON.stringify(manifest.dependencies ?? {})).not.toContain('workspace:');
  const out = sh(
    'node',
    ['--input-type=module', '-e', `const m = await import('@i2dl/${name}'); console.log(Object.keys(m).length)`],
    project,
  );
  expect(Number(out.trim())).toBeGreaterThan(0);
});
