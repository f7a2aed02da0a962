import type { ParseResult } from './parse/result.js';
import { getAnswer } from './solvers/answers.js';
import type { AnswerValue } from './solvers/types.js';

/**
 * Reads an answer path (`loss`, `h.2`, `W1.0.1`) from a solver's answers with the solvers' own
 * `getAnswer`, and says what the answers do offer when the path is missing.
 */
export function answerAt(
  answers: Readonly<Record<string, AnswerValue>> | undefined,
  path: string,
): ParseResult<AnswerValue> {
  const value = answers ? getAnswer({ answers: answers as Record<string, AnswerValue> }, path) : undefined;
  if (value !== undefined) return { ok: true, value };
  const known = answers ? Object.keys(answers).join(', ') : '';
  return { ok: false, message: `no answer "${path}"${known ? `; it has: ${known}` : ''}` };
}
