#!/usr/bin/env node
// The README's two commands, `npm start` and `npm test`, land here.
//
// This file must run on any Node >= 18 with only npm next to it, so it uses nothing but
// Node's standard library. It makes sure a new-enough Node (>= 22.12, which Astro 7 and
// Vitest 5 need) and the pinned pnpm are available, installs the workspace from the lockfile,
// and then runs the requested task with that toolchain first on PATH.
//
// Everything it fetches comes from the npm registry through the machine's own npm:
// Node itself from the official `node-<platform>-<arch>` package, pnpm from `pnpm`.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumHelp, findChromium } from './chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const toolchain = join(root, '.toolchain');
const MIN_NODE = [22, 12, 0];

function log(message) {
  console.log(`[i2dl] ${message}`);
}

function fail(message) {
  console.error(`[i2dl] ${message}`);
  process.exit(1);
}

function versionAtLeast(version, minimum) {
  const parts = version.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if ((parts[i] ?? 0) !== minimum[i]) return (parts[i] ?? 0) > minimum[i];
  }
  return true;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  return result.status ?? 1;
}

function capture(command, args, env) {
  const result = spawnSync(command, args, { cwd: root, env, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

// `npm install` of one exact package into a private prefix, without touching the workspace.
function npmInstallInto(prefix, spec) {
  mkdirSync(prefix, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const status = run(npm, [
    'install',
    '--prefix',
    prefix,
    '--no-save',
    '--no-package-lock',
    '--no-audit',
    '--no-fund',
    '--ignore-scripts',
    spec,
  ]);
  if (status !== 0) fail(`npm could not install ${spec} from the npm registry`);
}

/** The Node binary to use: this one if it is new enough, else the pinned one from npm. */
function ensureNode() {
  if (versionAtLeast(process.versions.node, MIN_NODE)) {
    return { nodePath: process.execPath, nodeDir: null };
  }
  const wanted = readFileSync(join(root, '.node-version'), 'utf8').trim();
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const pkg = `node-${platform}-${process.arch}`;
  const prefix = join(toolchain, 'node');
  const nodeDir = join(prefix, 'node_modules', pkg);
  const nodePath = join(nodeDir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  const have = existsSync(nodePath) ? capture(nodePath, ['--version']) : null;
  if (have !== `v${wanted}`) {
    log(
      `Node ${process.versions.node} is older than ${MIN_NODE.join('.')}; installing ${pkg}@${wanted} from the npm registry into .toolchain/`,
    );
    npmInstallInto(prefix, `${pkg}@${wanted}`);
    if (!existsSync(nodePath)) fail(`${pkg}@${wanted} installed, but ${nodePath} is missing`);
  }
  return { nodePath, nodeDir };
}

/** The pnpm pinned in package.json's `packageManager`, run by the chosen Node. */
function ensurePnpm(nodePath) {
  const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const match = /^pnpm@(\d+\.\d+\.\d+)/.exec(packageManager ?? '');
  if (!match) fail('package.json must pin pnpm as "packageManager": "pnpm@X.Y.Z"');
  const wanted = match[1];
  const prefix = join(toolchain, 'pnpm');
  const entry = join(prefix, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
  const have = existsSync(entry) ? capture(nodePath, [entry, '--version']) : null;
  if (have !== wanted) {
    log(`installing pnpm@${wanted} from the npm registry into .toolchain/`);
    npmInstallInto(prefix, `pnpm@${wanted}`);
  }
  // A shim on PATH, so scripts that call `pnpm` get the same one.
  const binDir = join(toolchain, 'bin');
  mkdirSync(binDir, { recursive: true });
  if (process.platform === 'win32') {
    writeFileSync(join(binDir, 'pnpm.cmd'), `@"${nodePath}" "${entry}" %*\r\n`);
  } else {
    const shim = join(binDir, 'pnpm');
    writeFileSync(shim, `#!/bin/sh\nexec "${nodePath}" "${entry}" "$@"\n`);
    chmodSync(shim, 0o755);
  }
  return { entry, binDir };
}

function main() {
  const task = process.argv[2] ?? 'setup';
  if (!['setup', 'test', 'start'].includes(task)) fail(`unknown task "${task}" (setup, test or start)`);

  const { nodePath, nodeDir } = ensureNode();
  const { entry, binDir } = ensurePnpm(nodePath);
  const env = {
    ...process.env,
    PATH: [dirname(nodePath), binDir, process.env.PATH].join(delimiter),
    // Keep pnpm from swapping itself for another version, and turbo from phoning home.
    npm_config_manage_package_manager_versions: 'false',
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  // Native add-ons must build against the headers of the Node that runs them.
  if (nodeDir) env.npm_config_nodedir = nodeDir;
  const pnpm = (args) => run(nodePath, [entry, ...args], { env });

  log(`using Node ${capture(nodePath, ['--version'])} and pnpm ${capture(nodePath, [entry, '--version'])}`);
  if (pnpm(['install', '--frozen-lockfile', '--prefer-offline']) !== 0) fail('pnpm install failed');

  if (task === 'test') {
    if (!findChromium()) fail(chromiumHelp());
    process.exit(pnpm(['run', 'test:all']));
  }
  if (task === 'start') {
    if (pnpm(['exec', 'turbo', 'run', 'build', '--filter=@i2dl/site...']) !== 0) fail('the site did not build');
    log('serving the study site; press Ctrl+C to stop');
    process.exit(pnpm(['--filter', '@i2dl/site', 'run', 'preview']));
  }
}

main();
