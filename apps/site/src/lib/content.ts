// The site's one content reader: the collection gives the files, @i2dl/exams' extractExam gives
// their structure (the same reader the validator uses), and solveDefault runs a solver once
// per parameter set at build time.

import { type CollectionEntry, getCollection } from 'astro:content';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  describeSolver,
  type ExtractedExam,
  extractExam,
  loadSolver,
  type Question,
  runSolver,
  type SolverResult,
} from '@i2dl/exams';

type Exam = ExtractedExam;

export interface LoadedExam {
  entry: CollectionEntry<'exams'>;
  exam: Exam;
}

let cache: Promise<LoadedExam[]> | null = null;

async function load(): Promise<LoadedExam[]> {
  const entries = await getCollection('exams');
  const loaded = entries.map((entry) => {
    // extractExam reads the whole file (frontmatter included), as the validator does.
    const file = resolve(process.cwd(), entry.filePath ?? '');
    const { exam, issues } = extractExam(readFileSync(file, 'utf8'), entry.filePath ?? entry.id);
    const errors = issues.filter((i) => i.severity === 'error');
    if (!exam || errors.length > 0) {
      const lines = errors.map((i) => `${i.file}:${i.line} ${i.field}: ${i.message}`).join('\n');
      throw new Error(`The exam ${entry.id} has content errors (run pnpm validate):\n${lines}`);
    }
    return { entry, exam };
  });
  // Newest exam first.
  return loaded.sort((a, b) => (b.exam.date ?? '').localeCompare(a.exam.date ?? ''));
}

/** Every exam, read once per build. */
export function loadExams(): Promise<LoadedExam[]> {
  cache ??= load();
  return cache;
}

export type ExamQuestion = Exam['problems'][number]['questions'][number];
export type ExamProblem = Exam['problems'][number];

/** A question of an exam by its id, with its problem. */
export function findQuestion(exam: Exam, id: string): { problem: ExamProblem; question: ExamQuestion } | null {
  for (const problem of exam.problems) {
    const question = problem.questions.find((q) => q.id === id);
    if (question) return { problem, question };
  }
  return null;
}

const solved = new Map<
  string,
  Promise<{ ok: true; result: SolverResult; params: unknown } | { ok: false; message: string }>
>();

/** The default variant of a solver, run once per parameter set per build. */
export function solveDefault(solver: string, params: unknown) {
  const key = `${solver}:${JSON.stringify(params ?? null)}`;
  let outcome = solved.get(key);
  if (!outcome) {
    outcome = runSolver(solver, params);
    solved.set(key, outcome);
  }
  return outcome;
}

/** The year of an exam, for filters and lists. */
export const examYear = (exam: Exam) => exam.date?.slice(0, 4) ?? 'undated';

/** The title with its year, so exams of one course with the same printed title can be told apart. */
export const examLabel = (exam: Exam) =>
  exam.date && !exam.title.includes(exam.date.slice(0, 4)) ? `${exam.title} (${examYear(exam)})` : exam.title;

/** The exam date as printed (YYYY-MM-DD, YYYY-MM or YYYY), or a note when the exam does not say. */
export const examDate = (exam: Exam) => exam.date ?? 'date not stated';

/** Every question with its exam and problem, for topic pages and the topic map. */
export async function allQuestions() {
  const exams = await loadExams();
  return exams.flatMap(({ exam }) =>
    exam.problems.flatMap((problem) => problem.questions.map((question) => ({ exam, problem, question }))),
  );
}

/** A solver's human title, for the parameter panel. */
export async function solverTitle(solver: string): Promise<string> {
  try {
    return (await loadSolver(solver)).title;
  } catch {
    return solver;
  }
}

/** The schema data of a question without its content facts (positions, raw props), for islands. */
export function questionData(question: ExamQuestion): Question {
  const {
    props: _props,
    position: _position,
    positions: _positions,
    figures: _figures,
    errata: _errata,
    steps: _steps,
    ...data
  } = question;
  return data as Question;
}

/** One editable parameter of a solver, read from its zod schema (plain data for the island). */
export interface ParamField {
  name: string;
  type: 'number' | 'boolean' | 'enum' | 'text' | 'json';
  description?: string;
  options?: string[];
  /** may be left empty (the solver then uses its own default) */
  optional: boolean;
}

/** The slice of JSON Schema that `describeSolver` produces for a solver's params object. */
interface JsonSchemaField {
  type?: string | string[];
  enum?: unknown[];
  description?: string;
}

/**
 * The parameter fields of a solver, in schema order, so the panel can offer choices and hints.
 * Read from `describeSolver`'s JSON Schema (generated from the solver's zod schema), so the
 * panel never depends on zod's internals and never drifts from validation.
 */
export async function paramFields(solver: string): Promise<ParamField[]> {
  let schema: { properties?: Record<string, JsonSchemaField>; required?: string[] };
  try {
    schema = (await describeSolver(solver)).paramsSchema;
  } catch {
    return [];
  }
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, field]) => {
    const kind = Array.isArray(field.type) ? field.type.find((t) => t !== 'null') : field.type;
    const type: ParamField['type'] = field.enum
      ? 'enum'
      : kind === 'number' || kind === 'integer'
        ? 'number'
        : kind === 'boolean'
          ? 'boolean'
          : kind === 'string'
            ? 'text'
            : 'json';
    const options = type === 'enum' ? (field.enum ?? []).map(String) : undefined;
    const { description } = field;
    return {
      name,
      type,
      optional: !required.has(name),
      ...(description ? { description } : {}),
      ...(options ? { options } : {}),
    };
  });
}
