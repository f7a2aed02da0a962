/** Test helpers: solve a registered solver with its schema applied, and read answers by path. */
import { expect } from 'vitest';
import { getAnswer, loadSolver } from '../../src/solvers/index.js';
import type { AnswerValue, SolverResult } from '../../src/solvers/types.js';

/** Validates `params` with the solver's schema (defaults filled in) and solves. */
export async function solveWith(name: string, params: unknown): Promise<SolverResult> {
  const solver = await loadSolver(name);
  return solver.solve(solver.params.parse(params));
}

/** The answer at `path`; fails the test when it does not exist. */
export function answer(result: SolverResult, path: string): AnswerValue {
  const value = getAnswer(result, path);
  expect(value, `answer "${path}"`).toBeDefined();
  return value as AnswerValue;
}

/** Asserts a numeric answer to 9 decimals (the exams' numbers are exact decimals). */
export function expectNumber(result: SolverResult, path: string, expected: number): void {
  const value = answer(result, path);
  expect(typeof value, `answer "${path}" is a number`).toBe('number');
  expect(value as number, `answer "${path}"`).toBeCloseTo(expected, 9);
}

/** Asserts a vector/matrix answer elementwise to 9 decimals. */
export function expectNumbers(result: SolverResult, path: string, expected: number[] | number[][]): void {
  const value = answer(result, path) as number[] | number[][];
  expect(JSON.stringify(shapeOf(value)), `shape of "${path}"`).toBe(JSON.stringify(shapeOf(expected)));
  expected.flat().forEach((e, i) => {
    expect((value as number[] | number[][]).flat()[i], `answer "${path}" element ${i}`).toBeCloseTo(e, 9);
  });
}

function shapeOf(v: unknown): number[] {
  return Array.isArray(v) ? [v.length, ...shapeOf(v[0])] : [];
}
