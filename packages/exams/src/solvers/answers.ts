/** Answer paths: `loss` reads `answers.loss`, `h.2` reads `answers.h[2]`, `W1.0.1` reads `answers.W1[0][1]`. */
import type { AnswerValue, SolverResult } from './types.js';

/**
 * Looks up an answer by path. Returns `undefined` when the name or an index does not exist,
 * so the validator can report the path instead of crashing.
 */
export function getAnswer(result: Pick<SolverResult, 'answers'>, path: string): AnswerValue | undefined {
  const [name, ...indices] = path.split('.');
  if (!Object.hasOwn(result.answers, name)) return undefined;
  let value: unknown = result.answers[name];
  for (const part of indices) {
    if (!/^\d+$/.test(part) || !Array.isArray(value)) return undefined;
    const index = Number(part);
    if (index >= value.length) return undefined;
    value = value[index];
  }
  return value as AnswerValue;
}

/** Every answer path a result offers, for "it has: ..." messages: names, then `name.i` and `name.i.j`. */
export function answerPaths(result: Pick<SolverResult, 'answers'>): string[] {
  const paths: string[] = [];
  for (const [name, value] of Object.entries(result.answers)) {
    paths.push(name);
    if (!Array.isArray(value)) continue;
    value.forEach((item, i) => {
      paths.push(`${name}.${i}`);
      if (!Array.isArray(item)) return;
      for (let j = 0; j < item.length; j++) paths.push(`${name}.${i}.${j}`);
    });
  }
  return paths;
}
