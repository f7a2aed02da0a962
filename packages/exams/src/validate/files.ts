import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The exam files under a path: a file itself, or in a folder every `<id>.mdx` and every `<id>/index.mdx`
 * (an exam in a folder with its assets). Sorted, so output is stable.
 */
export function findExamFiles(path: string): string[] {
  const stat = statSync(path);
  if (stat.isFile()) return [path];
  const files: string[] = [];
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.mdx')) files.push(join(path, entry.name));
    else if (entry.isDirectory() && existsSync(join(path, entry.name, 'index.mdx'))) {
      files.push(join(path, entry.name, 'index.mdx'));
    }
  }
  return files.sort();
}

/** The nearest `content/exams` folder from `start` upwards, or undefined. */
export function findContentDir(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'content', 'exams');
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
