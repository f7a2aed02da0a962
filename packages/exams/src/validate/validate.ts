import { answerAt } from '../answer-path.js';
import { didYouMean } from '../content/did-you-mean.js';
import { extractExam } from '../content/extract.js';
import type { ContentIssue, ExtractedExam, ExtractedQuestion, SourcePosition } from '../content/types.js';
import { parseExpression } from '../parse/expression.js';
import type { SolverKeyedKind } from '../schema/question.js';
import { defaultSolverRegistry, type RegistrySolver, type SolverRegistry } from '../solver-registry.js';
import type { AnswerValue, SolverResult } from '../solvers/types.js';

/** The part of a solver the validator uses. */
export type ValidatorSolver = RegistrySolver;

/** Options of the validator. */
export interface ValidateOptions {
  registry?: SolverRegistry;
}

/** The outcome of validating one exam file. */
export interface FileValidation {
  file: string;
  exam?: ExtractedExam;
  issues: ContentIssue[];
}

/**
 * Validates one exam file: everything extractExam checks (frontmatter, props, ids, credits, keys), plus
 * that the file name is the exam id and that every solver exists, takes the params, and answers each path
 * with a value of the kind the question expects; figures, errata, mistakes and consequential links too.
 */
export async function validateExamSource(
  source: string,
  file: string,
  options: ValidateOptions = {},
): Promise<FileValidation> {
  const { exam, issues } = extractExam(source, file);
  if (exam) {
    const expectedId = idFromFileName(file);
    if (exam.id !== expectedId) {
      issues.push(
        error(
          file,
          exam.position,
          'frontmatter field "id"',
          `the id "${exam.id}" must match the file name "${expectedId}"`,
        ),
      );
    }
    issues.push(...(await new SolverChecks(file, options.registry ?? defaultSolverRegistry).check(exam)));
  }
  issues.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  return { file, ...(exam ? { exam } : {}), issues };
}

/** Validates several files and checks that exam ids are unique across them. */
export async function validateExamSources(
  files: readonly { file: string; source: string }[],
  options: ValidateOptions = {},
): Promise<FileValidation[]> {
  const results: FileValidation[] = [];
  const seen = new Map<string, string>();
  for (const { file, source } of files) {
    const result = await validateExamSource(source, file, options);
    if (result.exam) {
      const other = seen.get(result.exam.id);
      if (other) {
        result.issues.push(
          error(
            file,
            result.exam.position,
            'frontmatter field "id"',
            `duplicate exam id "${result.exam.id}" (also in ${other})`,
          ),
        );
      } else seen.set(result.exam.id, file);
    }
    results.push(result);
  }
  return results;
}

type Solved = { ok: true; name: string; result: SolverResult } | { ok: false };

class SolverChecks {
  private readonly issues: ContentIssue[] = [];
  private readonly cache = new Map<string, Promise<Solved>>();

  constructor(
    private readonly file: string,
    private readonly registry: SolverRegistry,
  ) {}

  async check(exam: ExtractedExam): Promise<ContentIssue[]> {
    const earlier = new Map<string, ExtractedQuestion>();
    for (const problem of exam.problems) {
      const problemOwner = `Problem "${problem.id}"`;
      const problemSolved =
        problem.solver !== undefined
          ? await this.solve(problem.solver, problem.params, problemOwner, problem.positions, problem.position)
          : undefined;
      for (const figure of problem.figures) this.checkFigure(figure, problemSolved, problemOwner);
      for (const erratum of problem.errata)
        this.checkPath(erratum.answer, problemSolved, problemOwner, 'answer', erratum.position);
      for (const question of problem.questions) {
        await this.checkQuestion(question, problemSolved, earlier);
        earlier.set(question.id, question);
      }
    }
    return this.issues;
  }

  private async checkQuestion(
    q: ExtractedQuestion,
    problemSolved: Solved | undefined,
    earlier: Map<string, ExtractedQuestion>,
  ) {
    const owner = `Question "${q.id}"`;
    let solved: Solved | undefined;
    if (q.solver !== undefined) {
      // An inherited solver was already run (and reported) for the problem, unless the question changed the params.
      const sameAsProblem = q.solverInherited && q.props.params === undefined;
      solved = sameAsProblem ? problemSolved : await this.solve(q.solver, q.params, owner, q.positions, q.position);
    }
    const keyed: { path: string; kind: SolverKeyedKind; field: string; at: SourcePosition; variables?: string[] }[] =
      [];
    if (q.kind === 'numeric' || q.kind === 'integer' || q.kind === 'shape' || q.kind === 'matrix') {
      keyed.push({ path: q.answer, kind: q.kind, field: 'answer', at: q.positions.answer ?? q.position });
    } else if (q.kind === 'expression') {
      keyed.push({
        path: q.answer,
        kind: q.kind,
        field: 'answer',
        at: q.positions.answer ?? q.position,
        variables: q.variables,
      });
    } else if (q.kind === 'blanks') {
      q.blanks.forEach((b, i) => {
        keyed.push({
          path: b.answer,
          kind: b.kind,
          field: `blanks.${i}.answer`,
          at: q.positions[`blanks.${i}`] ?? q.position,
          variables: b.variables,
        });
      });
    }
    if (keyed.length > 0 && q.solver === undefined) {
      this.error(
        keyed[0].at,
        `${owner} field "${keyed[0].field}"`,
        `no solver to read "${keyed[0].path}" from: computed answers come from a solver; add solver="..." to the question or its problem`,
      );
    }
    for (const k of keyed) {
      const value = this.checkPath(k.path, solved, owner, k.field, k.at);
      if (value === undefined) continue;
      const problem = kindMismatch(k.kind, value, k.variables);
      if (problem)
        this.error(k.at, `${owner} field "${k.field}"`, `solver "${q.solver}" answer "${k.path}" ${problem}`);
    }
    q.mistakes.forEach((m, i) => {
      this.checkPath(m.answer, solved, owner, `mistakes.${i}.answer`, q.positions[`mistakes.${i}`] ?? q.position);
    });
    for (const erratum of q.errata) this.checkPath(erratum.answer, solved, owner, 'answer', erratum.position);
    for (const figure of q.figures) this.checkFigure(figure, solved, owner);
    if (solved?.ok) {
      const titles = solved.result.steps.map((s) => s.title);
      for (const steps of q.steps) {
        for (const only of steps.only ?? []) {
          if (!titles.includes(only)) {
            this.warning(
              steps.position,
              `${owner} <Steps> field "only"`,
              `no step titled "${only}"; steps are: ${titles.join(' | ')}`,
            );
          }
        }
      }
    }
    for (const link of q.consequential ?? []) {
      const at = q.positions.consequential ?? q.position;
      const [fromId, blankId] = link.from.split('#');
      const from = earlier.get(fromId);
      if (!from) {
        this.error(at, `${owner} field "consequential"`, `"${fromId}" is not an earlier question of this exam`);
      } else if (blankId !== undefined && (from.kind !== 'blanks' || !from.blanks.some((b) => b.id === blankId))) {
        this.error(at, `${owner} field "consequential"`, `question "${fromId}" has no blank "${blankId}"`);
      }
      if (!q.solver)
        this.error(
          at,
          `${owner} field "consequential"`,
          'consequential marking re-solves the question: it needs a solver',
        );
      else if (q.params === undefined || !Object.hasOwn(q.params, link.param)) {
        this.error(at, `${owner} field "consequential"`, `"${link.param}" is not one of the question's params`);
      }
    }
  }

  private checkFigure(
    figure: ExtractedExam['problems'][number]['figures'][number],
    solved: Solved | undefined,
    owner: string,
  ) {
    if (typeof figure.data !== 'string') return;
    if (!solved) {
      this.error(
        figure.position,
        'Figure field "data"',
        `data="${figure.data}" names a solver chart, but ${owner} has no solver`,
      );
      return;
    }
    if (!solved.ok) return;
    const charts = Object.keys(solved.result.charts ?? {});
    if (!charts.includes(figure.data)) {
      this.error(
        figure.position,
        'Figure field "data"',
        `the solver has no chart "${figure.data}"${didYouMean(figure.data, charts)}; it has: ${charts.join(', ') || 'no charts'}`,
      );
      return;
    }
    const kind = solved.result.charts?.[figure.data]?.kind;
    if (figure.chart !== undefined && kind !== figure.chart) {
      this.error(
        figure.position,
        'Figure field "chart"',
        `chart="${figure.chart}", but the solver's chart "${figure.data}" is a ${kind} chart`,
      );
    }
  }

  /** Reads a path from a solved result; reports a missing path. Undefined when nothing can be checked. */
  private checkPath(
    path: string | undefined,
    solved: Solved | undefined,
    owner: string,
    field: string,
    at: SourcePosition,
  ) {
    if (path === undefined || !solved?.ok) return undefined;
    const value = answerAt(solved.result.answers, path);
    if (!value.ok) {
      const names = Object.keys(solved.result.answers);
      const hint = didYouMean(path, names);
      this.error(
        at,
        `${owner} field "${field}"`,
        `solver "${solved.name}" has ${value.message.replace(';', `${hint};`)}`,
      );
      return undefined;
    }
    return value.value;
  }

  private solve(
    name: string,
    params: Record<string, unknown> | undefined,
    owner: string,
    positions: Record<string, SourcePosition>,
    fallback: SourcePosition,
  ): Promise<Solved> {
    const key = `${name}\u0000${JSON.stringify(params ?? null)}`;
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.run(name, params, owner, positions, fallback);
      this.cache.set(key, pending);
    }
    return pending;
  }

  private async run(
    name: string,
    params: Record<string, unknown> | undefined,
    owner: string,
    positions: Record<string, SourcePosition>,
    fallback: SourcePosition,
  ): Promise<Solved> {
    if (!this.registry.solverNames.includes(name)) {
      this.error(
        positions.solver ?? fallback,
        `${owner} field "solver"`,
        `unknown solver "${name}"${didYouMean(name, this.registry.solverNames)}; solvers are: ${this.registry.solverNames.join(', ')}`,
      );
      return { ok: false };
    }
    let solver: ValidatorSolver;
    try {
      solver = await this.registry.loadSolver(name);
    } catch (e) {
      this.error(
        positions.solver ?? fallback,
        `${owner} field "solver"`,
        `solver "${name}" cannot be loaded: ${(e as Error).message}`,
      );
      return { ok: false };
    }
    const parsed = solver.params.safeParse(params ?? solver.defaults);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = ['params', ...issue.path.map(String)].join('.');
        this.error(positions.params ?? fallback, `${owner} field "${path}"`, `solver "${name}": ${issue.message}`);
      }
      return { ok: false };
    }
    try {
      return { ok: true, name, result: solver.solve(parsed.data) };
    } catch (e) {
      this.error(
        positions.params ?? fallback,
        `${owner} field "params"`,
        `solver "${name}" fails on these params: ${(e as Error).message}`,
      );
      return { ok: false };
    }
  }

  private error(at: SourcePosition, field: string, message: string) {
    this.issues.push(error(this.file, at, field, message));
  }

  private warning(at: SourcePosition, field: string, message: string) {
    this.issues.push({ ...error(this.file, at, field, message), severity: 'warning' });
  }
}

/** `x/<id>.mdx` or `x/<id>/index.mdx` gives `<id>`. Plain string work: this module also runs in browsers. */
function idFromFileName(file: string): string {
  const parts = file.split(/[\\/]/);
  const name = parts.at(-1) ?? '';
  return name === 'index.mdx' ? (parts.at(-2) ?? '') : name.replace(/\.mdx$/, '');
}

function error(file: string, at: SourcePosition, field: string, message: string): ContentIssue {
  return { file, line: at.line, column: at.column, field, message, severity: 'error' };
}

/** Why a solver value does not fit a question kind, or null when it does. */
export function kindMismatch(
  kind: SolverKeyedKind,
  value: AnswerValue,
  variables: readonly string[] = [],
): string | null {
  const isNumber = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  const got = `is ${JSON.stringify(value).slice(0, 60)}`;
  switch (kind) {
    case 'numeric':
      return isNumber(value) ? null : `${got}, but a numeric question needs a finite number`;
    case 'integer':
      return Number.isInteger(value) ? null : `${got}, but an integer question needs a whole number`;
    case 'shape':
      return Array.isArray(value) && value.length > 0 && value.every((d) => Number.isInteger(d) && (d as number) > 0)
        ? null
        : `${got}, but a shape question needs a list of positive whole numbers`;
    case 'expression': {
      if (typeof value !== 'string') return `${got}, but an expression question needs a formula string`;
      const parsed = parseExpression(value, variables);
      return parsed.ok ? null : `"${value}" cannot be read with variables [${variables.join(', ')}]: ${parsed.message}`;
    }
    case 'matrix': {
      const rows = Array.isArray(value) ? (value as unknown[]) : [];
      const ok =
        rows.length > 0 &&
        rows.every(
          (r) => Array.isArray(r) && r.length === (rows[0] as unknown[]).length && r.length > 0 && r.every(isNumber),
        );
      return ok ? null : `${got}, but a matrix question needs a rectangular number[][]`;
    }
  }
}

/** Formats an issue as `file:line:column field: message`. */
export function formatIssue(issue: ContentIssue, file = issue.file): string {
  const prefix = issue.severity === 'warning' ? 'warning: ' : '';
  return `${file}:${issue.line}:${issue.column ?? 1} ${issue.field}: ${prefix}${issue.message}`;
}
