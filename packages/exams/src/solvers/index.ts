/**
 * The public solver API: `solverNames`, `loadSolver`, `runSolver`, plus the helpers content
 * tooling needs (`getAnswer`, `answerPaths`). See docs/contracts.md, "Solvers".
 */
import { z } from 'zod';
import { solverLoaders } from './registry.js';
import type { AnswerValue, SolverDefinition, SolverResult } from './types.js';

export { answerPaths, getAnswer } from './answers.js';
export type {
  AnswerValue,
  ChartKind,
  ChartOptions,
  ChartSpec,
  SolverDefinition,
  SolverResult,
  Step,
} from './types.js';

/** The names of all registered solvers, in alphabetical order. */
export const solverNames: string[] = Object.keys(solverLoaders).sort();

/**
 * Loads one solver (one dynamic import, so each solver is its own chunk).
 * Rejects with a message listing the known names when `name` is not registered.
 */
export async function loadSolver(name: string): Promise<SolverDefinition<unknown>> {
  if (!Object.hasOwn(solverLoaders, name)) {
    throw new Error(`Unknown solver "${name}". Known solvers: ${solverNames.join(', ')}.`);
  }
  const module = await solverLoaders[name]();
  return module.default as SolverDefinition<unknown>;
}

/** What a parameter form needs to know about a solver: its names, defaults and a JSON Schema of its params. */
export interface SolverDescription {
  name: string;
  title: string;
  topics: SolverDefinition<unknown>['topics'];
  defaults: unknown;
  /** JSON Schema (draft 2020-12) of the params as accepted (defaults optional), with the `.describe()` texts. */
  paramsSchema: Record<string, unknown>;
}

/**
 * Describes one solver for building an editable parameter form (e.g. the site's islands):
 * the params' JSON Schema comes from the solver's zod schema, so it never drifts from validation.
 */
export async function describeSolver(name: string): Promise<SolverDescription> {
  const solver = await loadSolver(name);
  return {
    name: solver.name,
    title: solver.title,
    topics: solver.topics,
    defaults: solver.defaults,
    paramsSchema: z.toJSONSchema(solver.params, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
  };
}

/** The outcome of `runSolver`: the result with the validated params, or a message saying what is wrong. */
export type RunSolverOutcome = { ok: true; result: SolverResult; params: unknown } | { ok: false; message: string };

/**
 * Validates `params` with the solver's schema (`undefined` means the solver's defaults), solves,
 * and checks that every numeric answer is finite. Never throws: an unknown name, a bad field, an
 * error inside the solver or a NaN answer come back as `{ ok: false, message }`.
 */
export async function runSolver(name: string, params: unknown): Promise<RunSolverOutcome> {
  let solver: SolverDefinition<unknown>;
  try {
    solver = await loadSolver(name);
  } catch (error) {
    return { ok: false, message: errorMessage(error) };
  }
  const parsed = solver.params.safeParse(params === undefined ? solver.defaults : params);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `field "${formatPath(issue.path)}": ${issue.message}`);
    return { ok: false, message: `Solver "${name}" params are invalid: ${issues.join('; ')}` };
  }
  let result: SolverResult;
  try {
    result = solver.solve(parsed.data);
  } catch (error) {
    return { ok: false, message: `Solver "${name}" cannot solve these params: ${errorMessage(error)}` };
  }
  const bad = Object.entries(result.answers).find(([, value]) => !isFiniteAnswer(value));
  if (bad) {
    return { ok: false, message: `Solver "${name}" produced a non-finite answer "${bad[0]}" for these params.` };
  }
  return { ok: true, result, params: parsed.data };
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(params)';
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`)).join('');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isFiniteAnswer(value: AnswerValue | number[] | number): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value))
    return (value as unknown[]).every((v) => typeof v === 'string' || isFiniteAnswer(v as number));
  return true;
}
