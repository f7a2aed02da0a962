/**
 * Number and name formatting for worked steps. Steps show numbers the way a student writes
 * them by hand: integers as integers, other values rounded to a few decimals without trailing
 * zeros, negative factors in parentheses.
 */

/** Rounds to `decimals` places and removes float noise (0.1 + 0.2 → 0.3, -0 → 0). */
export function round(x: number, decimals = 6): number {
  const f = 10 ** decimals;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** A number as LaTeX: `2`, `-0.65`, `0.3333`, `1.2 \times 10^{-5}`. */
export function num(x: number, decimals = 4): string {
  if (!Number.isFinite(x)) return x > 0 ? '\\infty' : x < 0 ? '-\\infty' : '\\text{NaN}';
  if (x !== 0 && Math.abs(x) < 10 ** -decimals) {
    const [mantissa, exponent] = x.toExponential(2).split('e');
    return `${trimZeros(mantissa)} \\times 10^{${Number(exponent)}}`;
  }
  return String(round(x, decimals));
}

/** A number as a factor in a product: negative numbers in parentheses, `(-2)`. */
export function factor(x: number, decimals = 4): string {
  const s = num(x, decimals);
  return x < 0 && s !== '0' ? `(${s})` : s;
}

/** A number as a term after `+`: `+ 3` or `- 3`. */
export function signed(x: number, decimals = 4): string {
  const s = num(Math.abs(x), decimals);
  return x < 0 && s !== '0' ? `- ${s}` : `+ ${s}`;
}

/** A vector as a LaTeX row `(1, -2, 0.5)`. */
export function vec(xs: readonly number[], decimals = 4): string {
  return `(${xs.map((x) => num(x, decimals)).join(', ')})`;
}

/** A matrix as a LaTeX `pmatrix`. */
export function mat(rows: readonly (readonly number[])[], decimals = 4): string {
  return `\\begin{pmatrix} ${rows.map((r) => r.map((x) => num(x, decimals)).join(' & ')).join(' \\\\ ')} \\end{pmatrix}`;
}

/** A shape as `8 \times 8 \times 5`. */
export function shapeTex(shape: readonly number[]): string {
  return shape.join(' \\times ');
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/**
 * A variable name as LaTeX: `w11` → `w_{11}`, `yhat1` → `\hat{y}_{1}`, `h_t` → `h_{t}`,
 * `sigma` → `\sigma`. Names are the ones exams print, so this covers letters + index.
 */
export function nameTex(name: string): string {
  const m = /^([A-Za-z]+?)(hat)?(?:_(\w+)|(\d+))?$/.exec(name);
  if (!m) return `\\mathrm{${name.replace(/_/g, '\\_')}}`;
  const [, base, hat, subscript, digits] = m;
  const index = subscript ?? digits;
  const greek = new Set(['alpha', 'beta', 'gamma', 'delta', 'sigma', 'theta', 'lambda', 'mu', 'eta', 'epsilon']);
  let head = greek.has(base) ? `\\${base}` : base.length > 1 ? `\\mathrm{${base}}` : base;
  if (hat) head = `\\hat{${head}}`;
  return index === undefined ? head : `${head}_{${index}}`;
}
