import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { SolverRegistry } from '../solver-registry.js';
import { findContentDir, findExamFiles } from './files.js';
import { formatIssue, validateExamSources } from './validate.js';

const USAGE = `Usage: i2dl-exams validate [paths...]

Checks exam MDX files: frontmatter, ids, credits, keys, solvers and their params.
Paths are files or folders (default: the nearest content/exams). Exit code 1 on any error.`;

/** Where the CLI writes and which solvers it uses (injectable for tests). */
export interface CliEnvironment {
  cwd: string;
  out: (line: string) => void;
  err: (line: string) => void;
  registry?: SolverRegistry;
}

/** Runs `i2dl-exams <args>` and returns the exit code: 0 valid, 1 content errors, 2 usage errors. */
export async function runCli(args: readonly string[], env: CliEnvironment): Promise<number> {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? env.err : env.out)(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'validate') {
    env.err(`unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  const unknownFlag = rest.find((a) => a.startsWith('-'));
  if (unknownFlag) {
    env.err(`unknown option "${unknownFlag}"\n\n${USAGE}`);
    return 2;
  }
  let paths = rest.map((p) => resolve(env.cwd, p));
  if (paths.length === 0) {
    const found = findContentDir(env.cwd);
    if (!found) {
      env.err('no content/exams folder found here or above; pass the paths to validate');
      return 2;
    }
    paths = [found];
  }
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length > 0) {
    for (const p of missing) env.err(`${relative(env.cwd, p) || p}: no such file or folder`);
    return 2;
  }
  const files = paths.flatMap(findExamFiles);
  if (files.length === 0) {
    env.out(`No exam files in ${paths.map((p) => relative(env.cwd, p) || '.').join(', ')}; nothing to check.`);
    return 0;
  }
  const results = await validateExamSources(
    files.map((file) => ({ file, source: readFileSync(file, 'utf8') })),
    { registry: env.registry },
  );
  let errors = 0;
  let warnings = 0;
  let badFiles = 0;
  for (const result of results) {
    for (const issue of result.issues) env.out(formatIssue(issue, relative(env.cwd, issue.file) || issue.file));
    const fileErrors = result.issues.filter((i) => i.severity === 'error').length;
    errors += fileErrors;
    warnings += result.issues.length - fileErrors;
    if (fileErrors > 0) badFiles++;
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (errors > 0) {
    env.out(
      `✖ ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${badFiles} of ${plural(files.length, 'exam file')}`,
    );
    return 1;
  }
  env.out(`✔ ${plural(files.length, 'exam file')} valid${warnings > 0 ? ` (${plural(warnings, 'warning')})` : ''}`);
  return 0;
}
