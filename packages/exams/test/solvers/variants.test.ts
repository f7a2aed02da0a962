/**
 * Variant self-tests: every registered solver's generator, over many seeds, gives valid,
 * reproducible params whose solution is finite, explained and gradable.
 */
import { describe, expect, it } from 'vitest';
import { grade } from '../../src/grade/grade.js';
import { questionSchema } from '../../src/schema/question.js';
import { loadSolver, runSolver, solverNames } from '../../src/solvers/index.js';
import type { AnswerValue, SolverResult } from '../../src/solvers/types.js';

const SEEDS = Array.from({ length: 100 }, (_, i) => i * 7919 + 1);
/** Solvers that run real forward passes get fewer seeds, to keep the suite fast on shared machines. */
const HEAVY: Record<string, number> = { 'layer-stack': 30 };
const seedsFor = (name: string) => SEEDS.slice(0, HEAVY[name] ?? SEEDS.length);

function nonFinite(value: unknown, path: string): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinite(v, `${path}.${i}`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => nonFinite(v, `${path}.${k}`));
  return [];
}

function numericQuestion(name: string) {
  return questionSchema.parse({ id: 'q', kind: 'numeric', credits: 1, topics: ['mlp'], answer: name });
}

describe.each(solverNames)('variants of %s', (name) => {
  it('generate(seed) gives valid, reproducible params and a finite, explained, deterministic solution', async () => {
    const solver = await loadSolver(name);
    for (const seed of seedsFor(name)) {
      const params = solver.generate(seed);
      expect(JSON.stringify(solver.generate(seed)), `seed ${seed}: same params`).toBe(JSON.stringify(params));
      const parsed = solver.params.safeParse(params);
      expect(parsed.success, `seed ${seed}: params validate: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      let result: SolverResult;
      try {
        result = solver.solve(parsed.data);
      } catch (error) {
        throw new Error(`seed ${seed}: solve failed for ${JSON.stringify(params)}: ${(error as Error).message}`);
      }
      expect(nonFinite(result.answers, 'answers'), `seed ${seed}: ${JSON.stringify(params)}`).toEqual([]);
      expect(result.steps.length, `seed ${seed}: steps`).toBeGreaterThan(0);
      expect(JSON.stringify(result.steps), `seed ${seed}: no NaN in the steps`).not.toMatch(/NaN|Infinity/);
      for (const step of result.steps) {
        if (step.chart) expect(result.charts?.[step.chart], `seed ${seed}: chart "${step.chart}" exists`).toBeDefined();
      }
      expect(JSON.stringify(solver.solve(parsed.data)), `seed ${seed}: solve is deterministic`).toBe(
        JSON.stringify(result),
      );
    }
  });

  it('each numeric answer of a variant grades as correct, and a perturbed one as incorrect', async () => {
    const solver = await loadSolver(name);
    for (const seed of seedsFor(name).slice(0, 20)) {
      const result = solver.solve(solver.params.parse(solver.generate(seed)));
      const answers = result.answers as Record<string, AnswerValue>;
      for (const [key, value] of Object.entries(answers)) {
        if (typeof value !== 'number') continue;
        const question = numericQuestion(key);
        const right = grade(question, String(value), undefined, { answers });
        expect(right.verdict, `seed ${seed}: ${key} = ${value}`).toBe('correct');
        const wrong = grade(question, String(value + 0.5 * Math.max(1, Math.abs(value))), undefined, { answers });
        expect(wrong.verdict, `seed ${seed}: perturbed ${key}`).toBe('incorrect');
      }
    }
  });

  it('shape answers grade as correct when typed as 8x8x5, and as incorrect with one dimension off', async () => {
    const solver = await loadSolver(name);
    for (const seed of seedsFor(name).slice(0, 10)) {
      const answers = solver.solve(solver.params.parse(solver.generate(seed))).answers as Record<string, AnswerValue>;
      for (const [key, value] of Object.entries(answers)) {
        if (!/shape/i.test(key) || !Array.isArray(value) || value.length === 0) continue;
        if (!value.every((v) => typeof v === 'number' && Number.isInteger(v))) continue;
        const question = questionSchema.parse({ id: 'q', kind: 'shape', credits: 1, topics: ['cnn'], answer: key });
        const dims = value as number[];
        expect(grade(question, dims.join('x'), undefined, { answers }).verdict, `seed ${seed}: ${key}`).toBe('correct');
        const off = [dims[0] + 1, ...dims.slice(1)].join('x');
        expect(grade(question, off, undefined, { answers }).verdict, `seed ${seed}: ${key} off`).toBe('incorrect');
      }
    }
  });

  it('runs through runSolver with its defaults', async () => {
    const outcome = await runSolver(name, undefined);
    expect(outcome.ok, outcome.ok ? '' : outcome.message).toBe(true);
  });
});
