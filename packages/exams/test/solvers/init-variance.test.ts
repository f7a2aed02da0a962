import { describe, expect, it } from 'vitest';
import { expectNumber, solveWith } from './helpers.js';

describe('init-variance', () => {
  it('TUM 2020 8f: U(−a, a) with Var(s) = Var(x) for n inputs → a = sqrt(3/n) (the student wrote sqrt(1/n))', async () => {
    const r = await solveWith('init-variance', {
      scheme: 'lecun',
      distribution: 'uniform',
      fanIn: 100,
      fanInName: 'n',
    });
    expect(r.answers.boundExpression).toBe('sqrt(3/n)');
    expectNumber(r, 'bound', Math.sqrt(3 / 100));
    expectNumber(r, 'boundAsStd', Math.sqrt(1 / 100));
  });

  it('Xavier uniform: sqrt(6/(n_in+n_out)); Xavier normal variance 2/(n_in+n_out)', async () => {
    const r = await solveWith('init-variance', { scheme: 'xavier', distribution: 'uniform', fanIn: 256, fanOut: 128 });
    expect(r.answers.boundExpression).toBe('sqrt(6/(n_in+n_out))');
    expect(r.answers.varianceExpression).toBe('2/(n_in+n_out)');
    expectNumber(r, 'bound', Math.sqrt(6 / 384));
  });

  it('Kaiming for ReLU: variance 2/n_in (TUM 2020 2d), std sqrt(2/n_in)', async () => {
    const r = await solveWith('init-variance', { scheme: 'kaiming', fanIn: 50 });
    expect(r.answers.varianceExpression).toBe('2/n_in');
    expectNumber(r, 'variance', 2 / 50);
    expectNumber(r, 'std', Math.sqrt(2 / 50));
    expectNumber(r, 'varianceWithoutGain', 1 / 50);
  });

  it('a weight matrix sampled with core init has about the target variance', async () => {
    const r = await solveWith('init-variance', { scheme: 'xavier', distribution: 'uniform', fanIn: 256, fanOut: 128 });
    const text = r.steps.find((s) => s.title === 'Check by sampling')?.text ?? '';
    const sampled = Number(/variance of ([\d.]+)/.exec(text)?.[1]);
    expect(Math.abs(sampled - 2 / 384) / (2 / 384)).toBeLessThan(0.05);
  });
});
