import { type ExprTree, evaluateExpression } from '../parse/expression.js';

/** A small seeded PRNG (mulberry32): the same sample points in Node and every browser. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Outcome of comparing two expressions at random points. */
export interface EquivalenceResult {
  equivalent: boolean;
  /** a point where they differ, for feedback */
  counterexample?: Record<string, number>;
}

const SAMPLES = 24;

/**
 * Decides whether two expressions are equal by evaluating both at seeded random points in
 * (0.5, 4.5) for every variable (positive, so sqrt and log of variables are defined). Points where
 * the key is undefined are skipped; the answer must agree to a relative 1e-8 everywhere else.
 */
export function expressionsEquivalent(
  answer: ExprTree,
  key: ExprTree,
  variables: readonly string[],
  seed = 0x12d1,
): EquivalenceResult {
  const random = mulberry32(seed);
  let compared = 0;
  for (let i = 0; i < SAMPLES * 4 && compared < SAMPLES; i++) {
    const scope: Record<string, number> = {};
    for (const name of variables) scope[name] = 0.5 + 4 * random();
    const expected = evaluateExpression(key, scope);
    if (!Number.isFinite(expected)) continue;
    const actual = evaluateExpression(answer, scope);
    compared++;
    if (!Number.isFinite(actual) || Math.abs(actual - expected) > 1e-8 * Math.max(1, Math.abs(expected))) {
      return { equivalent: false, counterexample: scope };
    }
  }
  return { equivalent: compared > 0 };
}
