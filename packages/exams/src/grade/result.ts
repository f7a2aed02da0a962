/** The outcome of grading one response (docs/contracts.md). */
export interface GradeResult {
  credits: number;
  maxCredits: number;
  /** `invalid` means unreadable: it costs nothing and the feedback says what was expected. */
  verdict: 'correct' | 'partial' | 'incorrect' | 'invalid';
  /** Markdown; the first line is the headline. */
  feedback: string[];
  /** the key, formatted, shown after a tolerated or wrong answer */
  expected?: string;
  /** per blank / per option */
  parts?: Record<string, GradeResult>;
}

/** A grade verdict. */
export type Verdict = GradeResult['verdict'];

/** An unreadable response: no credits lost, the message says what was expected. */
export function invalidResult(maxCredits: number, message: string): GradeResult {
  return { credits: 0, maxCredits, verdict: 'invalid', feedback: [`Could not read this answer: ${message}.`] };
}

/** The verdict for a share of the credits in [0, 1]. */
export function verdictFor(fraction: number): Verdict {
  if (fraction >= 1 - 1e-12) return 'correct';
  if (fraction <= 1e-12) return 'incorrect';
  return 'partial';
}

/** The headline for a verdict. */
export function headline(verdict: Verdict): string {
  return {
    correct: 'Correct.',
    partial: 'Partly correct.',
    incorrect: 'Not correct.',
    invalid: 'Could not read this answer.',
  }[verdict];
}

/** Formats a number for feedback: up to 10 significant digits, no float noise (0.30000000000000004 → 0.3). */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(10)));
}
