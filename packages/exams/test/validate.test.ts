import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../src/validate/run-cli.js';
import { formatIssue, kindMismatch, validateExamSource, validateExamSources } from '../src/validate/validate.js';
import { fakeRegistry } from './fake-registry.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const packageDir = join(import.meta.dirname, '..');

/** Validates one broken fixture with the fake registry and returns its formatted error lines. */
async function errorsOf(name: string): Promise<string[]> {
  const file = join(fixtures, 'broken', `${name}.mdx`);
  const { issues } = await validateExamSource(readFileSync(file, 'utf8'), file, { registry: fakeRegistry });
  return issues.filter((i) => i.severity === 'error').map((i) => formatIssue(i, `broken/${name}.mdx`));
}

describe('validator on broken fixtures: file, line and field in every message', () => {
  test.each([
    [
      'wrong-credits-sum',
      'broken/wrong-credits-sum.mdx:12:30 Problem "p1" field "credits": the questions\' credits add up to 3, not the problem\'s 4',
    ],
    [
      'duplicate-id',
      'broken/duplicate-id.mdx:21:1 Question "1.1" field "id": duplicate question id "1.1" (first used on line 14)',
    ],
    [
      'unknown-solver',
      'broken/unknown-solver.mdx:12:43 Problem "p1" field "solver": unknown solver "conv-outptu" (did you mean conv-output?); solvers are: conv-output',
    ],
    [
      'bad-params',
      'broken/bad-params.mdx:12:64 Problem "p1" field "params.kernel": solver "conv-output": Invalid input: expected number, received string',
    ],
    [
      'missing-key',
      'broken/missing-key.mdx:14:1 Question "1.1" field "answer": expected answer="path" into the solver\'s answers, e.g. answer="loss"',
    ],
    [
      'wrong-answer-path',
      'broken/wrong-answer-path.mdx:14:64 Question "1.1" field "answer": solver "conv-output" has no answer "sise" (did you mean size?); it has: size, sizeNoPadding, shape, formula, weights, label',
    ],
    [
      'wrong-answer-kind',
      'broken/wrong-answer-kind.mdx:14:62 Question "1.1" field "answer": solver "conv-output" answer "size" is 32, but a shape question needs a list of positive whole numbers',
    ],
    [
      'unknown-component',
      'broken/unknown-component.mdx:19:1 component "Optoin": unknown component <Optoin> (did you mean Option?)',
    ],
    [
      'non-literal-prop',
      'broken/non-literal-prop.mdx:14:38 Question "1.1" field "credits": arithmetic is not allowed; props must be literals (strings, numbers, arrays, objects) (in {2 + 2})',
    ],
    [
      'two-correct-single-choice',
      'broken/two-correct-single-choice.mdx:14:1 Question "1.1" field "options": a single-choice question needs exactly one correct option',
    ],
    [
      'rubric-credits',
      'broken/rubric-credits.mdx:20:1 Question "1.1" field "rubric": the criteria\'s credits add up to 3, not the question\'s 4',
    ],
    [
      'name-mismatch',
      'broken/name-mismatch.mdx:2:1 frontmatter field "id": the id "another-id" must match the file name "name-mismatch"',
    ],
    [
      'unknown-figure-chart',
      'broken/unknown-figure-chart.mdx:18:1 Figure field "data": the solver has no chart "curvee" (did you mean curve?); it has: curve',
    ],
  ])('%s', async (name, expected) => {
    expect(await errorsOf(name)).toEqual([expected]);
  });

  test('malformed frontmatter: each bad field on its own line', async () => {
    expect(await errorsOf('malformed-frontmatter')).toEqual([
      'broken/malformed-frontmatter.mdx:6:1 frontmatter field "date": expected a real ISO date YYYY-MM-DD (or YYYY-MM, YYYY, or null when the exam does not say)',
      'broken/malformed-frontmatter.mdx:10:1 frontmatter field "scoring.multipleChoice": unknown scoring strategy "all-or-nothin"; use all-or-nothing, net-correct, each-answer or coverage',
    ]);
  });

  test('an unknown topic and a misspelt prop', async () => {
    const errors = await errorsOf('unknown-topic-and-prop');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(
      /^broken\/unknown-topic-and-prop\.mdx:14:50 Question "1\.1" field "topics\.0": unknown topic "mpl"; topics are: /,
    );
    expect(errors[1]).toMatch(
      /:14:67 Question "1\.1" field "credit": unknown prop "credit" \(did you mean credits\?\)/,
    );
  });
});

describe('validator on a valid exam', () => {
  test('the sample exam has no issues with the solver answering every path', async () => {
    const file = join(fixtures, 'sample-exam.mdx');
    const { issues, exam } = await validateExamSource(readFileSync(file, 'utf8'), file, { registry: fakeRegistry });
    expect(issues).toEqual([]);
    expect(exam?.problems).toHaveLength(2);
  });

  test('the same exam id in two files is an error', async () => {
    const source = readFileSync(join(fixtures, 'sample-exam.mdx'), 'utf8');
    const results = await validateExamSources(
      [
        { file: 'a/sample-exam.mdx', source },
        { file: 'b/sample-exam/index.mdx', source },
      ],
      { registry: fakeRegistry },
    );
    expect(results[0].issues).toEqual([]);
    expect(results[1].issues.map((i) => i.message)).toEqual([
      'duplicate exam id "sample-exam" (also in a/sample-exam.mdx)',
    ]);
  });

  test('solver checks: missing solver, mistake paths, consequential links, step titles', async () => {
    const source = readFileSync(join(fixtures, 'sample-exam.mdx'), 'utf8')
      .replace('<Mistake answer="sizeNoPadding">', '<Mistake answer="sizeNoPaddin">')
      .replace(
        'answer="size" tolerance={{ abs: 0.5 }}',
        'answer="size" tolerance={{ abs: 0.5 }} consequential={{ param: "stride", from: "9.9" }}',
      )
      .replace('<Steps />', '<Steps only={["forward", "backward"]} />');
    const { issues } = await validateExamSource(source, 'sample-exam.mdx', { registry: fakeRegistry });
    expect(issues.map((i) => `${i.severity} ${i.field}: ${i.message}`)).toEqual([
      'error Question "2.1" field "consequential": "9.9" is not an earlier question of this exam',
      'error Question "2.1" field "mistakes.0.answer": solver "conv-output" has no answer "sizeNoPaddin" (did you mean sizeNoPadding?); it has: size, sizeNoPadding, shape, formula, weights, label',
      'warning Question "2.1" <Steps> field "only": no step titled "backward"; steps are: forward',
    ]);
    const unsolved = await validateExamSource(
      source.replace(/ solver="conv-output" params=\{\{[^}]*\}\}/, ''),
      'sample-exam.mdx',
      {
        registry: fakeRegistry,
      },
    );
    expect(unsolved.issues.map((i) => i.message)).toContain(
      'no solver to read "size" from: computed answers come from a solver; add solver="..." to the question or its problem',
    );
  });

  test('figure chart kinds: known, and the same as the solver chart they draw', async () => {
    const base = readFileSync(join(fixtures, 'sample-exam.mdx'), 'utf8');
    const wrongKind = await validateExamSource(
      base.replace('chart="line" data="curve"', 'chart="bar" data="curve"'),
      'sample-exam.mdx',
      {
        registry: fakeRegistry,
      },
    );
    expect(wrongKind.issues.map((i) => `${i.line} ${i.field}: ${i.message}`)).toEqual([
      '73 Figure field "chart": chart="bar", but the solver\'s chart "curve" is a line chart',
    ]);
    const unknownKind = await validateExamSource(
      base.replace('chart="line" data="curve"', 'chart="lines" data="curve"'),
      'sample-exam.mdx',
      {
        registry: fakeRegistry,
      },
    );
    expect(unknownKind.issues[0].message).toMatch(/^unknown chart kind "lines" \(did you mean line\?\)/);
  });

  test('kindMismatch accepts exactly the value kinds each question expects', () => {
    expect(kindMismatch('numeric', 1.5)).toBeNull();
    expect(kindMismatch('integer', 1.5)).toMatch(/whole number/);
    expect(kindMismatch('shape', [2, 3])).toBeNull();
    expect(kindMismatch('shape', [2, 0])).toMatch(/positive whole numbers/);
    expect(kindMismatch('expression', 'sqrt(3/n)', ['n'])).toBeNull();
    expect(kindMismatch('expression', 'sqrt(3/m)', ['n'])).toMatch(/unknown symbol "m"/);
    expect(
      kindMismatch('matrix', [
        [1, 2],
        [3, 4],
      ]),
    ).toBeNull();
    expect(kindMismatch('matrix', [[1, 2], [3]])).toMatch(/rectangular/);
  });
});

describe('the i2dl-exams CLI', () => {
  const temp = mkdtempSync(join(tmpdir(), 'i2dl-exams-cli-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));
  const run = async (args: string[], cwd = packageDir) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, { cwd, out: (l) => out.push(l), err: (l) => err.push(l), registry: fakeRegistry });
    return { code, out, err };
  };

  test('exit 1 with one line per error and a summary', async () => {
    const { code, out } = await run(['validate', 'test/fixtures/broken']);
    expect(code).toBe(1);
    expect(out).toContain(
      'test/fixtures/broken/duplicate-id.mdx:21:1 Question "1.1" field "id": duplicate question id "1.1" (first used on line 14)',
    );
    expect(out.at(-1)).toMatch(/^✖ \d+ errors, \d+ warnings in 15 of 15 exam files$/);
    expect(out).toContain(
      'test/fixtures/broken/two-correct-single-choice.mdx:18:1 Question "1.1" <Option>: warning: no <Why>: every option says why it is right or wrong',
    );
  });

  test('exit 0 for a valid file', async () => {
    const { code, out } = await run(['validate', 'test/fixtures/sample-exam.mdx']);
    expect({ code, out }).toEqual({ code: 0, out: ['✔ 1 exam file valid'] });
  });

  test('an empty folder passes; folder exams (<id>/index.mdx) are found', async () => {
    expect((await run(['validate', temp])).code).toBe(0);
    const folder = join(temp, 'exams', 'sample-exam');
    await import('node:fs').then((fs) => fs.mkdirSync(folder, { recursive: true }));
    writeFileSync(join(folder, 'index.mdx'), readFileSync(join(fixtures, 'sample-exam.mdx'), 'utf8'));
    const { code, out } = await run(['validate', relative(packageDir, join(temp, 'exams'))]);
    expect({ code, out }).toEqual({ code: 0, out: ['✔ 1 exam file valid'] });
  });

  test('the default path is the nearest content/exams', async () => {
    const project = join(temp, 'project');
    const deep = join(project, 'apps', 'x');
    await import('node:fs').then((fs) => {
      fs.mkdirSync(join(project, 'content', 'exams'), { recursive: true });
      fs.mkdirSync(deep, { recursive: true });
    });
    writeFileSync(
      join(project, 'content', 'exams', 'sample-exam.mdx'),
      readFileSync(join(fixtures, 'sample-exam.mdx'), 'utf8'),
    );
    const { code, out } = await run(['validate'], deep);
    expect({ code, out }).toEqual({ code: 0, out: ['✔ 1 exam file valid'] });
  });

  test('usage errors exit 2', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['check'])).err[0]).toContain('unknown command "check"');
    expect((await run(['validate', '--fix'])).err[0]).toContain('unknown option "--fix"');
    expect((await run(['validate', 'no/such/dir'])).err).toEqual(['no/such/dir: no such file or folder']);
    expect((await run(['--help'])).code).toBe(0);
  });
});
