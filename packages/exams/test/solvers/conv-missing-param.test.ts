import { describe, expect, it } from 'vitest';
import { fitWindow } from '../../src/solvers/conv-math.js';
import solver from '../../src/solvers/conv-missing-param.js';

describe('conv-missing-param (FAU DL exam, question 6.1)', () => {
  it('fills the constructor blanks: convD kernel 7, convE padding 0, convF stride 1', () => {
    const result = solver.solve(solver.defaults);
    expect(result.answers.missing).toEqual([7, 0, 1]);
    expect(result.answers.kernel).toEqual([7, 1, 3]);
    expect(result.answers.padding).toEqual([3, 0, 1]);
    expect(result.answers.stride).toEqual([1, 1, 1]);
    expect(result.answers.exact).toBe(true);
    expect(result.steps.map((s) => s.title)).toContain('convD: kernel = 7');
    const convD = result.steps.find((s) => s.title === 'convD: kernel = 7');
    expect(convD?.latex).toBe(
      '56 = \\frac{56 + 2 \\cdot 3 - k}{1} + 1 \\;\\Rightarrow\\; k = 56 + 2 \\cdot 3 - 1 \\cdot (56 - 1) = 7',
    );
  });

  it('prefers the value that fits exactly when flooring allows several', () => {
    // 9 → 3 with kernel 3 and stride 3: padding 0 fits exactly, padding 1 also gives 3 after flooring (8 / 3 → 2).
    const result = solver.solve(
      solver.params.parse({ layers: [{ inputSize: 9, outputSize: 3, kernel: 3, stride: 3 }] }),
    );
    expect(result.answers.missing).toEqual([0]);
    expect(result.answers.alternatives).toEqual(['0, 1']);
    expect(result.answers.exact).toBe(true);
  });

  it('says so when only a floored fit exists', () => {
    // 32 → 16 with kernel 3 and stride 2 needs padding 1, and (32 + 2 − 3) / 2 + 1 = 16.5 is floored.
    const result = solver.solve(
      solver.params.parse({ layers: [{ inputSize: 32, outputSize: 16, kernel: 3, stride: 2 }] }),
    );
    expect(result.answers.missing).toEqual([1]);
    expect(result.answers.exact).toBe(false);
    expect(result.notes?.[0]).toMatch(/never covered/);
  });

  it('solves a stride of 2 for a halving layer', () => {
    const result = solver.solve(
      solver.params.parse({ layers: [{ inputSize: 224, outputSize: 112, kernel: 3, padding: 1 }] }),
    );
    expect(result.answers.missing).toEqual([2]);
  });

  it('explains an impossible output size instead of inventing a value', () => {
    const p = solver.params.parse({ layers: [{ name: 'convX', inputSize: 8, outputSize: 20, stride: 1, padding: 0 }] });
    expect(() => solver.solve(p)).toThrow(/convX: no kernel/);
  });

  it('rejects a layer with zero or two missing hyperparameters', () => {
    expect(
      solver.params.safeParse({ layers: [{ inputSize: 8, outputSize: 8, kernel: 3, stride: 1, padding: 1 }] }).success,
    ).toBe(false);
    expect(solver.params.safeParse({ layers: [{ inputSize: 8, outputSize: 8, kernel: 3 }] }).success).toBe(false);
  });

  it('generates deterministic variants whose solved layers reproduce the output size', () => {
    for (let seed = 0; seed < 40; seed++) {
      const p = solver.generate(seed);
      expect(solver.generate(seed)).toEqual(p);
      const result = solver.solve(p);
      p.layers.forEach((layer, i) => {
        const k = (result.answers.kernel as number[])[i];
        const s = (result.answers.stride as number[])[i];
        const pad = (result.answers.padding as number[])[i];
        expect(fitWindow(layer.inputSize, k, s, pad, layer.dilation).size).toBe(layer.outputSize);
      });
    }
  });
});
