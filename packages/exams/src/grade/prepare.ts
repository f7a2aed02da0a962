import type { Question } from '../schema/question.js';
import { defaultSolverRegistry, type RegistrySolver, type SolverRegistry } from '../solver-registry.js';
import type { AnswerValue } from '../solvers/types.js';
import type { ScoreExamOptions } from './exam.js';

/** Solver answers for an exam's questions, and a synchronous re-solve for consequential marking. */
export interface PreparedGrading extends Required<Pick<ScoreExamOptions, 'answers' | 'solve'>> {
  /** questions whose solver could not be loaded or run, with the reason */
  problems: { questionId: string; message: string }[];
}

/**
 * Loads every solver an exam's questions use (once each), solves each question's params (the solver's
 * defaults when none are given), and returns what `scoreExam` and `grade` need: the answers by
 * question id and a `solve` that re-solves with changed params. Never throws; failures are listed.
 */
export async function prepareGrading(
  exam: { problems: readonly { questions: readonly Question[] }[] },
  registry: SolverRegistry = defaultSolverRegistry,
): Promise<PreparedGrading> {
  const loaded = new Map<string, RegistrySolver | Error>();
  const answers: Record<string, Record<string, AnswerValue>> = {};
  const problems: PreparedGrading['problems'] = [];
  for (const question of exam.problems.flatMap((p) => p.questions)) {
    if (question.solver === undefined) continue;
    if (!loaded.has(question.solver)) {
      loaded.set(
        question.solver,
        await registry
          .loadSolver(question.solver)
          .catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))),
      );
    }
    const solver = loaded.get(question.solver);
    if (solver instanceof Error || solver === undefined) {
      problems.push({ questionId: question.id, message: solver?.message ?? 'not loaded' });
      continue;
    }
    const solved = solveWith(solver, question.params);
    if (solved.ok) answers[question.id] = solved.answers;
    else problems.push({ questionId: question.id, message: solved.message });
  }
  const solve: PreparedGrading['solve'] = (question, params) => {
    const solver = question.solver === undefined ? undefined : loaded.get(question.solver);
    if (!solver || solver instanceof Error) return undefined;
    const solved = solveWith(solver, params);
    return solved.ok ? { answers: solved.answers } : undefined;
  };
  return { answers, solve, problems };
}

function solveWith(
  solver: RegistrySolver,
  params: Record<string, unknown> | undefined,
): { ok: true; answers: Record<string, AnswerValue> } | { ok: false; message: string } {
  const parsed = solver.params.safeParse(params ?? solver.defaults);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join('; ') };
  try {
    return { ok: true, answers: solver.solve(parsed.data).answers };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
