// Runs every ```ts example of the README and checks what each console.log prints against the
// comment after it, so the documentation cannot drift from the code.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import * as core from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

describe('README examples', () => {
  test('there are examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });
  test.each(blocks.map((code, i) => [i, code] as const))('example %i runs and prints what it says', (_, code) => {
    const expected: string[] = [];
    const body = code
      .split('\n')
      .filter((line) => !line.startsWith('import '))
      .map((line) => {
        const m = line.match(/console\.log\((.*)\); \/\/ (.*)$/);
        if (m) expected.push(m[2]);
        return line;
      })
      .join('\n');
    const printed: string[] = [];
    const names = Object.keys(core);
    const run = new Function('console', ...names, body);
    run({ log: (v: unknown) => printed.push(show(v)) }, ...names.map((n) => (core as Record<string, unknown>)[n]));
    expect(printed).toEqual(expected);
  });
});
