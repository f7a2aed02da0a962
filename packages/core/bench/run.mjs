// `pnpm bench`: matmul GFLOPS of @i2dl/core (calling thread and worker pool) against TensorFlow.js's
// CPU (pure JS) and WASM (XNNPACK, SIMD) backends in the same process, the pool's size threshold,
// and conv2d / MLP training steps through the public API. Prints Markdown tables and writes
// bench-results/latest.json. Runs the built package: `pnpm build` (tsc -b) first.
//
//   node bench/run.mjs                  full run (a few minutes on 2 cores)
//   node bench/run.mjs --sizes 64,256   only these matrix sizes
//   node bench/run.mjs --quick          sizes up to 512, fewer repetitions
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchTraining } from './training.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkgDir = path.resolve(here, '..');
const dist = path.join(pkgDir, 'dist');
if (!existsSync(path.join(dist, 'parallel', 'matmul-worker.js'))) {
  console.error('bench: dist/ is missing or stale; build first: pnpm --filter @i2dl/core build (tsc -b)');
  process.exit(1);
}
const distModule = (p) => import(pathToFileURL(path.join(dist, p)).href);
const { matmulInto } = await distModule('kernels/matmul.js');
const { createWorkerPool, DEFAULT_PARALLEL_THRESHOLD } = await distModule('parallel/index.js');
const core = await distModule('index.js');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const sizesArg = args.indexOf('--sizes');
const sizes =
  sizesArg >= 0
    ? args[sizesArg + 1].split(',').map(Number)
    : quick
      ? [64, 128, 256, 512]
      : [64, 128, 256, 512, 1024, 2048];

// ---------------------------------------------------------------------------------------------
// Machine

function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1].trim();
  } catch {}
  return os.cpus()[0]?.model ?? 'unknown';
}
function nproc() {
  try {
    return Number(execSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    return os.availableParallelism();
  }
}
const machine = {
  nproc: nproc(),
  cpu: cpuModel(),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  date: new Date().toISOString(),
  /** 1-minute load average when the run started and ended: other work on the machine slows everything. */
  loadAverage: { start: os.loadavg()[0], end: null },
};
const threads = machine.nproc;

// ---------------------------------------------------------------------------------------------
// Timing. The machine may be shared, so contenders run interleaved (one run of each per round)
// and the best round counts: interference only ever adds time. Medians go to the JSON too.

const print = (line = '') => process.stdout.write(`${line}\n`);

/** Runs each contender once per round, after warm-up rounds; returns { name: { best, median, runs } } in ms. */
async function race(contenders, { rounds, warmup }) {
  const times = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (let r = 0; r < warmup + rounds; r++) {
    for (const [name, fn] of Object.entries(contenders)) {
      const t = performance.now();
      await fn();
      if (r >= warmup) times[name].push(performance.now() - t);
    }
  }
  return Object.fromEntries(
    Object.entries(times).map(([name, runs]) => {
      const sorted = [...runs].sort((x, y) => x - y);
      return [name, { best: sorted[0], median: sorted[Math.floor(sorted.length / 2)], runs: runs.length }];
    }),
  );
}

/** Rounds per size: about a second or less per contender, a few minutes for the whole run. */
function plan(n) {
  if (n >= 2048) return { rounds: 1, warmup: 0 };
  if (n >= 1024) return { rounds: quick ? 1 : 3, warmup: 0 };
  if (n >= 512) return { rounds: quick ? 2 : 8, warmup: 1 };
  return { rounds: quick ? 5 : 15, warmup: 3 };
}

const gflops = (n, ms) => (2 * n ** 3) / (ms * 1e6);

function random(ArrayType, length, seed) {
  const out = new ArrayType(length);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// TensorFlow.js, loaded from this package's devDependencies, WASM files from node_modules (no network).

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const tfWasm = require('@tensorflow/tfjs-backend-wasm');
tfWasm.setWasmPaths(`${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
// tfjs-core prints a banner suggesting tfjs-node through console; the tables go to stdout directly.
console.log = () => {};
console.warn = () => {};
await tf.setBackend('cpu');
await tf.ready();
await tf.setBackend('wasm');
await tf.ready();
const tfWasmInfo = {
  simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
  threads: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
};

/** A contender that multiplies two n×n float32 tensors on one TF.js backend (its own tensors, so nothing moves). */
async function tfMatmul(backend, n) {
  await tf.setBackend(backend);
  const a = tf.tensor2d(random(Float32Array, n * n, 1), [n, n]);
  const b = tf.tensor2d(random(Float32Array, n * n, 2), [n, n]);
  const run = async () => {
    await tf.setBackend(backend);
    const c = tf.matMul(a, b);
    c.dataSync();
    c.dispose();
  };
  return { run, dispose: () => tf.dispose([a, b]) };
}

// ---------------------------------------------------------------------------------------------
// Matmul GFLOPS

const pool = createWorkerPool({ threads });
const fmt = (x, digits = 2) => (x === null ? '—' : x.toFixed(digits));
const results = { machine, tfjs: { version: tf.version_core, wasm: tfWasmInfo }, poolThreads: threads, matmul: [] };

print(`\n## Matmul (n×n · n×n), GFLOPS, best of interleaved runs\n`);
print(
  `Machine: ${machine.nproc} cores (nproc), ${machine.cpu}, Node ${machine.node}, ${machine.platform}; load average ${machine.loadAverage.start.toFixed(1)} at the start.`,
);
print(
  `TensorFlow.js ${tf.version_core}: CPU backend (pure JS) and WASM backend (SIMD: ${tfWasmInfo.simd}, threads: ${tfWasmInfo.threads}); TF.js has no float64 matmul.\n`,
);
print(
  `| n | dtype | i2dl 1 thread | i2dl pool (${threads} threads) | pool ÷ 1 thread | TF.js CPU | TF.js WASM | 1 thread ÷ TF.js CPU | pool ÷ TF.js WASM |`,
);
print('|---:|---|---:|---:|---:|---:|---:|---:|---:|');
for (const n of sizes) {
  for (const dtype of ['float32', 'float64']) {
    const ArrayType = dtype === 'float32' ? Float32Array : Float64Array;
    const a = random(ArrayType, n * n, 3);
    const b = random(ArrayType, n * n, 4);
    const out = new ArrayType(n * n);
    const contenders = {
      single: () => matmulInto(a, b, out, n, n, n),
      pool: () => pool.matmulArrays(a, b, n, n, n),
    };
    const tfjs = [];
    if (dtype === 'float32') {
      for (const backend of ['cpu', 'wasm']) {
        const t = await tfMatmul(backend, n);
        tfjs.push(t);
        contenders[backend] = t.run;
      }
    }
    const timing = await race(contenders, plan(n));
    for (const t of tfjs) t.dispose();
    const rate = (name) => (timing[name] ? gflops(n, timing[name].best) : null);
    const [single, pooled, cpu, wasm] = [rate('single'), rate('pool'), rate('cpu'), rate('wasm')];
    const row = {
      n,
      dtype,
      single,
      pool: pooled,
      poolSpeedup: pooled / single,
      tfjsCpu: cpu,
      tfjsWasm: wasm,
      singleVsTfjsCpu: cpu && single / cpu,
      poolVsTfjsWasm: wasm && pooled / wasm,
      ms: timing,
    };
    results.matmul.push(row);
    print(
      `| ${n} | ${dtype} | ${fmt(single)} | ${fmt(pooled)} | ${fmt(row.poolSpeedup)}× | ${fmt(cpu)} | ${fmt(wasm)} | ${cpu ? `${fmt(row.singleVsTfjsCpu, 1)}×` : '—'} | ${wasm ? `${fmt(row.poolVsTfjsWasm)}×` : '—'} |`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Where the pool starts to pay: calling thread against the pool forced parallel, float64.

print(
  `\n## Pool threshold: calling thread vs. ${threads} workers (forced), float64, ms, best of interleaved runs (default threshold ${DEFAULT_PARALLEL_THRESHOLD.toLocaleString('en')} multiply-adds)\n`,
);
print('| n | multiply-adds | calling thread ms | pool ms | pool speed ÷ calling thread |');
print('|---:|---:|---:|---:|---:|');
results.threshold = [];
const forced = createWorkerPool({ threads, parallelThreshold: 0 });
for (const n of [32, 64, 96, 128, 160, 192, 256]) {
  const a = random(Float64Array, n * n, 5);
  const b = random(Float64Array, n * n, 6);
  const out = new Float64Array(n * n);
  const timing = await race(
    { local: () => matmulInto(a, b, out, n, n, n), pool: () => forced.matmulArrays(a, b, n, n, n) },
    { rounds: quick ? 20 : 60, warmup: 10 },
  );
  const [local, parallel] = [timing.local.best, timing.pool.best];
  results.threshold.push({ n, multiplyAdds: n ** 3, callingThreadMs: local, poolMs: parallel, ms: timing });
  print(
    `| ${n} | ${(n ** 3).toLocaleString('en')} | ${fmt(local, 3)} | ${fmt(parallel, 3)} | ${fmt(local / parallel)}× |`,
  );
}
await forced.close();
await pool.close();

// ---------------------------------------------------------------------------------------------
// Training steps through the public API of @i2dl/core

const { training, notes } = await benchTraining(core, { quick, race });
results.training = training;
print('\n## Training steps (float32), ms per step, best of interleaved runs\n');
if (training.length > 0) {
  print('| workload | ms per step |');
  print('|---|---:|');
  for (const t of training) print(`| ${t.name} | ${fmt(t.ms, 1)} |`);
}
for (const note of notes) print(`\n${note}`);

machine.loadAverage.end = os.loadavg()[0];
print(`\nLoad average at the end: ${machine.loadAverage.end.toFixed(1)}.`);
const outDir = path.join(pkgDir, 'bench-results');
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
print(`\nWrote ${path.relative(process.cwd(), path.join(outDir, 'latest.json'))}`);
