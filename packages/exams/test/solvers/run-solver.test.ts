import { describe, expect, it } from 'vitest';
import { answerPaths, describeSolver, getAnswer, loadSolver, runSolver, solverNames } from '../../src/solvers/index.js';
import { solverLoaders } from '../../src/solvers/registry.js';

describe('runSolver', () => {
  it('returns a message naming the bad field, never throws', async () => {
    const outcome = await runSolver('conv-output', { channels: 3, height: 'big', width: 32, kernel: 3 });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/field "height"/);
    const nested = await runSolver('mlp', { input: [1], layers: [{ weights: [[1, 'x']] }], targets: [0, 0] });
    expect(nested.ok).toBe(false);
    if (!nested.ok) expect(nested.message).toMatch(/field "layers\[0\]\.weights\[0\]\[1\]"/);
  });

  it('an unknown solver lists the known ones', async () => {
    const outcome = await runSolver('conv-outptu', {});
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/Unknown solver "conv-outptu". Known solvers: .*conv-output/);
    await expect(loadSolver('nope')).rejects.toThrow(/Unknown solver/);
  });

  it('an error inside solve comes back as a message', async () => {
    const outcome = await runSolver('batchnorm', { x: [2, 2, 2] });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/cannot solve these params: .*variance is 0/);
  });

  it('non-object params and garbage do not throw', async () => {
    for (const params of [null, 42, 'x', [], { layers: 'no' }]) {
      const outcome = await runSolver('mlp', params);
      expect(outcome.ok).toBe(false);
    }
  });

  it('returns the validated params with the defaults filled in', async () => {
    const outcome = await runSolver('conv-output', { channels: 1, height: 5, width: 5, kernel: 3 });
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect((outcome.params as { padding: number }).padding).toBe(0);
  });
});

describe('registry', () => {
  it('every name is kebab-case, matches its definition, and loads', async () => {
    expect(solverNames).toEqual(Object.keys(solverLoaders).sort());
    for (const name of solverNames) {
      expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      const solver = await loadSolver(name);
      expect(solver.name).toBe(name);
      expect(solver.topics.length).toBeGreaterThan(0);
    }
  });
});

describe('describeSolver', () => {
  it('gives every solver a JSON Schema of its params with the field descriptions', async () => {
    for (const name of solverNames) {
      const description = await describeSolver(name);
      expect(description.paramsSchema.type, name).toBe('object');
    }
    const conv = await describeSolver('conv-output');
    const properties = conv.paramsSchema.properties as Record<string, { description?: string; type?: string }>;
    expect(properties.kernel.type).toBe('integer');
    expect(properties.padding.description).toMatch(/zero padding/);
    expect(conv.defaults).toMatchObject({ kernel: 7, stride: 3 });
  });
});

describe('answer paths', () => {
  const result = {
    answers: {
      loss: 1,
      h: [2, 0, -1],
      W1: [
        [1, 2],
        [3, 4],
      ],
      flag: true,
    },
  };
  it('reads names, indices and nested indices', () => {
    expect(getAnswer(result, 'loss')).toBe(1);
    expect(getAnswer(result, 'h.2')).toBe(-1);
    expect(getAnswer(result, 'W1.0.1')).toBe(2);
    expect(getAnswer(result, 'W1.1')).toEqual([3, 4]);
  });
  it('returns undefined for missing names and indices, and for inherited properties', () => {
    expect(getAnswer(result, 'nope')).toBeUndefined();
    expect(getAnswer(result, 'h.3')).toBeUndefined();
    expect(getAnswer(result, 'h.x')).toBeUndefined();
    expect(getAnswer(result, 'loss.0')).toBeUndefined();
    expect(getAnswer(result, 'toString')).toBeUndefined();
  });
  it('lists every path', () => {
    expect(answerPaths(result)).toEqual([
      'loss',
      'h',
      'h.0',
      'h.1',
      'h.2',
      'W1',
      'W1.0',
      'W1.0.0',
      'W1.0.1',
      'W1.1',
      'W1.1.0',
      'W1.1.1',
      'flag',
    ]);
  });
});
