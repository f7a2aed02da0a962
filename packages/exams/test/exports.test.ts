import { expect, test } from 'vitest';
import * as pkg from '../src/index.js';

test('the package entry point exports its version', () => {
  expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
});

test('the public API: schemas, parsing, grading, content reading, validation and solvers', () => {
  const api = {
    questionSchema: pkg.questionSchema,
    examSchema: pkg.examSchema,
    examFrontmatterSchema: pkg.examFrontmatterSchema,
    problemSchema: pkg.problemSchema,
    parseResponse: pkg.parseResponse,
    grade: pkg.grade,
    scoreExam: pkg.scoreExam,
    prepareGrading: pkg.prepareGrading,
    extractExam: pkg.extractExam,
    validateExamSource: pkg.validateExamSource,
    formatIssue: pkg.formatIssue,
    loadSolver: pkg.loadSolver,
    runSolver: pkg.runSolver,
  };
  for (const [name, value] of Object.entries(api)) expect(value, name).toBeDefined();
  expect(pkg.solverNames.length).toBeGreaterThan(0);
});

test('the shared topic list is exactly the one in docs/contracts.md', () => {
  expect(pkg.topics.map((t) => t.id)).toEqual([
    'backpropagation',
    'mlp',
    'activations',
    'losses',
    'cnn',
    'pooling',
    'receptive-field',
    'rnn-lstm',
    'optimization',
    'regularization',
    'batch-norm',
    'initialization',
    'generative-models',
    'segmentation',
    'metrics',
    'training-practice',
    'transformers',
    'linear-models',
    'computational-graphs',
  ]);
  for (const topic of pkg.topics) {
    expect(topic.title.length).toBeGreaterThan(0);
    expect(topic.description).toMatch(/\.$/);
  }
});

test('every question kind has a schema in the union', () => {
  expect(pkg.questionKinds).toHaveLength(11);
  for (const kind of pkg.questionKinds) {
    const result = pkg.questionSchema.safeParse({ id: '1', kind, credits: 1, topics: ['mlp'] });
    // Each kind is known: a missing key is reported for the kind, never "unknown kind".
    expect(result.success).toBe(false);
    expect(result.error?.issues.some((i) => i.code === 'invalid_union')).toBe(false);
  }
});
