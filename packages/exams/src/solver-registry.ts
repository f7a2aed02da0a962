import { loadSolver, solverNames } from './solvers/index.js';
import type { SolverDefinition } from './solvers/types.js';

/** The part of a solver that checking and grading use. */
export type RegistrySolver = Pick<SolverDefinition<unknown>, 'params' | 'defaults' | 'solve'>;

/** Where solvers come from: the real registry by default, a fake one in tests. */
export interface SolverRegistry {
  solverNames: readonly string[];
  loadSolver(name: string): Promise<RegistrySolver>;
}

/** The solvers of @i2dl/exams. */
export const defaultSolverRegistry: SolverRegistry = { solverNames, loadSolver };
