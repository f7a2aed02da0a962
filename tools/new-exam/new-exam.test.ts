import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { validateExamSource } from '../../packages/exams/src/validate/validate.js';

const script = join(import.meta.dirname, '..', 'new-exam.mjs');
const dir = mkdtempSync(join(tmpdir(), 'i2dl-new-exam-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the scaffolder; returns its exit code and output. */
function scaffold(...args: string[]): { code: number; output: string } {
  try {
    const output = execFileSync(process.execPath, [script, ...args, '--dir', dir], { encoding: 'utf8', stdio: 'pipe' });
    return { code: 0, output };
  } catch (error) {
    const e = error as { status: number; stderr: string };
    return { code: e.status, output: e.stderr };
  }
}

describe('pnpm new-exam', () => {
  test('scaffolds an exam that passes the validator with the real solvers', async () => {
    const { code, output } = scaffold('my-course-2025-final');
    expect(code).toBe(0);
    expect(output).toContain('my-course-2025-final.mdx');
    const file = join(dir, 'my-course-2025-final.mdx');
    const source = readFileSync(file, 'utf8');
    const { exam, issues } = await validateExamSource(source, file);
    expect(issues).toEqual([]);
    expect(exam?.problems[0].questions.map((q) => q.kind)).toEqual([
      'multiple-choice',
      'shape',
      'integer',
      'free-text',
    ]);
  });

  test('refuses to overwrite an existing exam', () => {
    writeFileSync(join(dir, 'taken.mdx'), 'mine');
    const { code, output } = scaffold('taken');
    expect(code).toBe(1);
    expect(output).toContain('already exists; not overwriting it');
    expect(readFileSync(join(dir, 'taken.mdx'), 'utf8')).toBe('mine');
  });

  test.each(['My_Exam', 'exam--2025', '-exam', 'exam 2025', '../escape'])('refuses the id %j', (id) => {
    const { code, output } = scaffold(id);
    expect(code).toBe(1);
    expect(output).toMatch(/not a valid exam id|unknown option/);
  });

  test('needs exactly one id', () => {
    expect(scaffold().code).toBe(1);
    expect(scaffold('a', 'b').output).toContain('give exactly one exam id');
  });
});
