import type { Tolerance } from '../schema/question.js';

/** The tolerance when a numeric question gives none: 1% relative, so hand-rounded answers like 0.46 for 0.4621 pass. */
export const defaultTolerance: Tolerance = { rel: 0.01 };

/** How a number compares with its key. */
export type NumericMatch = 'exact' | 'tolerated' | 'wrong';

/** Compares a number with the key: exact (to float noise), within one of the tolerance rules, or wrong. */
export function compareNumber(value: number, key: number, tolerance: Tolerance = defaultTolerance): NumericMatch {
  const diff = Math.abs(value - key);
  if (diff <= 1e-12 * Math.max(1, Math.abs(key))) return 'exact';
  // Each rule gets a relative float slack so that 0.1 + 0.2 style noise never decides a grade.
  const slack = 1e-12 * Math.max(1, Math.abs(key));
  if (tolerance.abs !== undefined && diff <= tolerance.abs + slack) return 'tolerated';
  if (tolerance.rel !== undefined && diff <= tolerance.rel * Math.abs(key) + slack) return 'tolerated';
  if (tolerance.decimals !== undefined && diff <= 0.5 * 10 ** -tolerance.decimals + slack) return 'tolerated';
  if (tolerance.sigFigs !== undefined) {
    const magnitude = key === 0 ? 0 : Math.floor(Math.log10(Math.abs(key)));
    if (diff <= 0.5 * 10 ** (magnitude - tolerance.sigFigs + 1) + slack) return 'tolerated';
  }
  return 'wrong';
}

/** Describes a tolerance in words for feedback. */
export function describeTolerance(tolerance: Tolerance = defaultTolerance): string {
  const rules: string[] = [];
  if (tolerance.abs !== undefined) rules.push(`±${tolerance.abs}`);
  if (tolerance.rel !== undefined) rules.push(`±${tolerance.rel * 100}%`);
  if (tolerance.sigFigs !== undefined) rules.push(`${tolerance.sigFigs} significant figures`);
  if (tolerance.decimals !== undefined) rules.push(`${tolerance.decimals} decimal places`);
  return rules.join(' or ');
}
