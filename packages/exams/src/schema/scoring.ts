import { z } from 'zod';

/**
 * How a multiple-choice question with several boxes is scored.
 * - `all-or-nothing`: full credits only if every box is right, else 0 (TUM).
 * - `net-correct`: +1 per correct tick, -1 per wrong tick, floored at 0, scaled so all correct ticks give full credits.
 * - `each-answer`: every box (ticked or not) is scored on its own: credits × right boxes / all boxes.
 * - `coverage`: PrairieLearn's coverage × accuracy: (right ticks / correct options) × (right ticks / ticks).
 */
export const multipleChoiceStrategySchema = z.enum(['all-or-nothing', 'net-correct', 'each-answer', 'coverage'], {
  error: (issue) =>
    `unknown scoring strategy ${JSON.stringify(issue.input)}; use all-or-nothing, net-correct, each-answer or coverage`,
});
/** A multiple-choice scoring strategy name. */
export type MultipleChoiceStrategy = z.infer<typeof multipleChoiceStrategySchema>;

/** Scoring defaults of an exam (frontmatter `scoring`). */
export const scoringSchema = z.object({
  /** Strategy for multiple-choice questions without their own `scoring` prop. Default: all-or-nothing. */
  multipleChoice: multipleChoiceStrategySchema.default('all-or-nothing'),
  /**
   * Partial credits are rounded down to a multiple of this (0.5 = half points). Omit to keep exact fractions.
   */
  granularity: z.number().positive().optional(),
});
/** Scoring defaults of an exam. */
export type Scoring = z.infer<typeof scoringSchema>;

/** The scoring used when an exam says nothing. */
export const defaultScoring: Scoring = { multipleChoice: 'all-or-nothing' };

/** Rounds partial credits down to the exam's granularity (half points), never above `max`. */
export function roundCredits(credits: number, max: number, granularity?: number): number {
  const clamped = Math.min(max, Math.max(0, credits));
  if (!granularity) return clamped;
  // A tiny epsilon keeps 0.49999999 (float error) from dropping a half point.
  return Math.min(max, Math.floor(clamped / granularity + 1e-9) * granularity);
}
