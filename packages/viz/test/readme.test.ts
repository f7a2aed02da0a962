// Runs every ```ts example of the README and checks what each console.log prints against the
// comment after it, so the documentation cannot drift from the code.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import * as viz from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

describe('README examples', () => {
  test('there is an example for every chart kind', () => {
    for (const kind of viz.chartKinds) expect(readme).toContain(`kind \`${kind}\`)`);
    expect(blocks.length).toBeGreaterThanOrEqual(viz.chartKinds.length + 2);
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
    expect(expected.length).toBeGreaterThan(0);
    const printed: string[] = [];
    const names = Object.keys(viz);
    const run = new Function('console', ...names, body);
    run({ log: (v: unknown) => printed.push(show(v)) }, ...names.map((n) => (viz as Record<string, unknown>)[n]));
    expect(printed).toEqual(expected);
  });
});
