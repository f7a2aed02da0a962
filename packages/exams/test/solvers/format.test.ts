import { describe, expect, it } from 'vitest';
import { factor, mat, nameTex, num, signed, vec } from '../../src/solvers/format.js';
import { VariantRandom } from '../../src/solvers/random.js';

describe('formatting for worked steps', () => {
  it('numbers as a student writes them', () => {
    expect(num(0.1 + 0.2)).toBe('0.3');
    expect(num(-0)).toBe('0');
    expect(num(2 / 3)).toBe('0.6667');
    expect(num(1.2e-7)).toBe('1.2 \\times 10^{-7}');
    expect(factor(-2)).toBe('(-2)');
    expect(signed(-1)).toBe('- 1');
    expect(vec([1, -0.5])).toBe('(1, -0.5)');
    expect(
      mat([
        [1, 2],
        [3, 4],
      ]),
    ).toBe('\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}');
  });

  it('variable names as LaTeX', () => {
    expect(nameTex('w11')).toBe('w_{11}');
    expect(nameTex('yhat1')).toBe('\\hat{y}_{1}');
    expect(nameTex('h_t')).toBe('h_{t}');
    expect(nameTex('sigma')).toBe('\\sigma');
    expect(nameTex('x')).toBe('x');
  });
});

describe('VariantRandom', () => {
  it('is reproducible per seed and stays in range', () => {
    const a = new VariantRandom(7);
    const b = new VariantRandom(7);
    const draws = Array.from({ length: 200 }, () => a.int(-2, 3));
    expect(Array.from({ length: 200 }, () => b.int(-2, 3))).toEqual(draws);
    expect(Math.min(...draws)).toBe(-2);
    expect(Math.max(...draws)).toBe(3);
    const r = new VariantRandom(1);
    for (let i = 0; i < 100; i++) {
      expect(r.nonZeroInt(-1, 1)).not.toBe(0);
      const s = r.stepped(-2, 2, 0.5);
      expect(Number.isInteger(s * 2)).toBe(true);
    }
  });
});
