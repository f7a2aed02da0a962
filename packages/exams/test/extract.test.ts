import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { extractExam } from '../src/content/extract.js';

const sample = readFileSync(new URL('./fixtures/sample-exam.mdx', import.meta.url), 'utf8');

const exam = (source: string) => {
  const result = extractExam(source, 'x.mdx');
  return result;
};

/** A one-question exam around a question body, for focused cases. */
const wrap = (question: string, problemProps = '') => `---
id: x
title: X
course: { name: C }
institution: { name: U, inferred: false }
date: 2024-01-01
durationMinutes: 60
totalCredits: 2
source: { officialSolution: false }
---

<Problem id="p1" title="P" credits={2}${problemProps}>

${question}

</Problem>
`;

describe('extractExam on a valid exam', () => {
  const { exam: extracted, issues } = extractExam(sample, 'sample-exam.mdx');

  test('reads the frontmatter and reports no issues', () => {
    expect(issues).toEqual([]);
    expect(extracted).toMatchObject({
      id: 'sample-exam',
      totalCredits: 10,
      date: '2024-02-01',
      file: 'sample-exam.mdx',
    });
    expect(extracted?.institution).toEqual({ name: 'Sample University', inferred: true });
    expect(extracted?.topics).toEqual(['cnn', 'optimization', 'receptive-field']);
  });

  test('reads problems with their Markdown text and topics derived from the questions', () => {
    const [p1, p2] = extracted!.problems;
    expect(p1).toMatchObject({
      id: 'p1',
      title: 'Choices',
      credits: 4,
      text: 'Some intro with $x^2$.',
      topics: ['cnn', 'optimization'],
    });
    expect(p2.solver).toBe('conv-output');
    expect(p1.position).toEqual({ line: 19, column: 1 });
  });

  test('reads options with their text, correct flag and Why, in both inline and block form', () => {
    const q = extracted!.problems[0].questions[0];
    expect(q.kind).toBe('multiple-choice');
    if (q.kind !== 'multiple-choice') return;
    expect(q.text).toBe('Which are true?');
    expect(q.options).toEqual([
      { id: 'a', text: 'Yes', correct: true, why: 'Because.' },
      { id: 'b', text: 'No', correct: false, why: 'Because not.' },
      { id: 'c', text: 'Also yes', correct: true, why: 'Also because.' },
    ]);
    expect(q.mistakes).toEqual([{ match: ['a'], feedback: 'You missed c.' }]);
    expect(q.solution).toBe('a and c.');
    expect(q.position).toEqual({ line: 23, column: 1 });
  });

  test('questions inherit the problem’s solver and params', () => {
    const q = extracted!.problems[1].questions[0];
    expect(q).toMatchObject({
      id: '2.1',
      kind: 'numeric',
      answer: 'size',
      solver: 'conv-output',
      solverInherited: true,
    });
    expect(q.params).toEqual({ size: 32, kernel: 3, stride: 1, padding: 1 });
    expect(q.steps).toHaveLength(1);
  });

  test('blanks inside a sentence become fields and leave their label in the text; figures are kept', () => {
    const q = extracted!.problems[1].questions[1];
    if (q.kind !== 'blanks') throw new Error('expected blanks');
    expect(q.text).toBe('The shape is [output shape] and the formula is [f].');
    expect(q.blanks.map((b) => [b.id, b.kind, b.answer])).toEqual([
      ['s', 'shape', 'shape'],
      ['f', 'expression', 'formula'],
    ]);
    expect(q.figures[0]).toMatchObject({ chart: 'line', data: 'curve', caption: 'A curve.', reconstructed: false });
  });
});

describe('extractExam reports content problems with file, line and field', () => {
  test('a non-literal prop names the prop', () => {
    const { issues } = exam(
      wrap(
        '<Question id="1" kind="true-false" credits={1 + 1} topics={["mlp"]} answer={true}>\nQ\n<Solution>S</Solution>\n</Question>',
      ),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: 'x.mdx',
        line: 14,
        column: 36,
        field: 'Question "1" field "credits"',
        severity: 'error',
      }),
    );
    expect(issues.find((i) => i.field === 'Question "1" field "credits"')?.message).toMatch(
      /arithmetic is not allowed/,
    );
  });

  test.each([
    ['answer={yes}', '"yes" is a variable'],
    ['answer={f()}', 'a function call is not allowed'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the MDX prop under test is a JS template string
    ['answer={`a${1}`}', 'template strings'],
    ['answer={[...x]}', 'spreads'],
    ['answer={{ a }}', 'refers to a variable'],
  ])('%s is refused statically', (prop, expected) => {
    const { issues } = exam(
      wrap(`<Question id="1" kind="true-false" credits={2} topics={["mlp"]} ${prop}>\nQ\n</Question>`),
    );
    expect(issues.find((i) => i.field === 'Question "1" field "answer"')?.message).toContain(expected);
  });

  test('a question that cannot be read does not also produce a credits-sum error', () => {
    const good =
      '<Question id="1" kind="true-false" credits={1} topics={["mlp"]} answer={true}>\nQ\n<Solution>S</Solution>\n</Question>';
    const bad =
      '<Question id="2" kind="true-false" credits={1} topics={["mlp"]}>\nQ\n<Solution>S</Solution>\n</Question>';
    const { issues } = exam(wrap(`${good}\n\n${bad}`));
    expect(issues.map((i) => `${i.field}: ${i.message}`)).toEqual([
      'Question "2" field "answer": a true-false question needs answer={true} or answer={false}',
    ]);
  });

  test('unary minus is a literal', () => {
    const { issues } = exam(
      wrap('<Question id="1" kind="true-false" credits={-2} topics={["mlp"]} answer={true}>\nQ\n</Question>'),
    );
    expect(issues.find((i) => i.field === 'Question "1" field "credits"')?.message).toBe('credits cannot be negative');
  });

  test('unknown components and props get a "did you mean"', () => {
    const { issues } = exam(
      wrap(
        '<Question id="1" kind="single-choice" credits={2} topics={["mlp"]}>\nQ\n\n<Option id="a" corect>A</Option>\n<Opton id="b">B</Opton>\n</Question>',
      ),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        line: 18,
        field: 'component "Opton"',
        message: 'unknown component <Opton> (did you mean Option?)',
      }),
    );
    expect(issues.find((i) => i.field.endsWith('field "corect"'))?.message).toMatch(
      /unknown prop "corect" \(did you mean correct\?\)/,
    );
  });

  test('unknown kinds and misplaced components are named', () => {
    const unknownKind = exam(
      wrap('<Question id="1" kind="multiple-choise" credits={2} topics={["mlp"]}>\nQ\n</Question>'),
    );
    expect(unknownKind.issues[0]).toMatchObject({ field: 'Question "1" field "kind"' });
    expect(unknownKind.issues[0].message).toContain('did you mean multiple-choice?');
    const misplaced = exam(wrap('<Option id="a">A</Option>'));
    expect(misplaced.issues).toContainEqual(
      expect.objectContaining({ field: 'component "Option"', message: '<Option> cannot be inside <Problem>' }),
    );
  });

  test('props that do not apply to the kind are errors', () => {
    const { issues } = exam(
      wrap(
        '<Question id="1" kind="true-false" credits={2} topics={["mlp"]} answer={true} tolerance={{ abs: 1 }}>\nQ\n</Question>',
      ),
    );
    expect(issues.find((i) => i.field === 'Question "1" field "tolerance"')?.message).toBe(
      'tolerance does not apply to a true-false question',
    );
  });

  test('imports and JavaScript expressions are refused; comments are fine', () => {
    const { issues } = exam(
      `${wrap('<Question id="1" kind="true-false" credits={2} topics={["mlp"]} answer={true}>\nQ {1 + 1}\n<Solution>S</Solution>\n</Question>')}\n{/* ok */}\n\nimport X from 'y'\n`,
    );
    expect(issues.map((i) => i.message).sort()).toEqual([
      'JavaScript expressions are not allowed in content; only {/* comments */}',
      'no import or export lines: the site and the validator provide the components',
    ]);
  });

  test('an MDX syntax error is one issue with its position, not an exception', () => {
    const { exam: none, issues } = exam(wrap('<Question id="1" kind="true-false"'));
    expect(none).toBeUndefined();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ field: 'MDX' });
    expect(issues[0].line).toBeGreaterThan(1);
  });

  test('frontmatter problems point at the key', () => {
    const source = wrap(
      '<Question id="1" kind="true-false" credits={2} topics={["mlp"]} answer={true}>\nQ\n</Question>',
    )
      .replace('date: 2024-01-01', 'date: 2024-02-30')
      .replace('title: X\n', 'title: X\ntitel: Y\n');
    const { exam: none, issues } = exam(source);
    expect(none).toBeUndefined();
    expect(issues).toContainEqual(expect.objectContaining({ line: 7, field: 'frontmatter field "date"' }));
    expect(issues).toContainEqual(
      expect.objectContaining({
        line: 4,
        field: 'frontmatter field "titel"',
        message: 'unknown field titel (did you mean title?)',
      }),
    );
  });

  test('missing frontmatter and invalid YAML', () => {
    expect(exam('<Problem id="p" credits={1} />').issues[0]).toMatchObject({ field: 'frontmatter' });
    const bad = exam('---\nid: [x\n---\n');
    expect(bad.issues[0].field).toBe('frontmatter');
    expect(bad.issues[0].message).toMatch(/invalid YAML/);
  });

  test('date and duration may be null when the exam does not say', () => {
    const source = wrap(
      '<Question id="1" kind="true-false" credits={2} topics={["mlp"]} answer={true}>\nQ\n<Solution>S</Solution>\n</Question>',
    )
      .replace('date: 2024-01-01', 'date: null')
      .replace('durationMinutes: 60', 'durationMinutes: null');
    const { exam: extracted, issues } = exam(source);
    expect(issues).toEqual([]);
    expect(extracted).toMatchObject({ date: null, durationMinutes: null });
  });

  test('a question without a solution is a warning, not an error', () => {
    const { issues } = exam(
      wrap('<Question id="1" kind="true-false" credits={2} topics={["mlp"]} answer={true}>\nQ\n</Question>'),
    );
    expect(issues).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('no <Solution>') }),
    ]);
  });

  test('duplicate option ids and blank credits that exceed the question', () => {
    const options = exam(
      wrap(
        '<Question id="1" kind="multiple-choice" credits={2} topics={["mlp"]}>\nQ\n\n<Option id="a">A</Option>\n<Option id="a">B</Option>\n<Solution>S</Solution>\n</Question>',
      ),
    );
    expect(options.issues).toContainEqual(
      expect.objectContaining({ line: 18, field: 'Question "1" field "options"', message: 'duplicate option id "a"' }),
    );
    const blanks = exam(
      wrap(
        '<Question id="1" kind="blanks" credits={2} topics={["mlp"]}>\n<Blank id="a" kind="numeric" answer="a" credits={3} />\n<Solution>S</Solution>\n</Question>',
        ' solver="s"',
      ),
    );
    expect(blanks.issues.map((i) => i.message)).toContain("the blanks' credits add up to 3, not the question's 2");
  });
});
