import type { Question } from '../schema/question.js';
import type { GradeKey } from './grade.js';
import { formatNumber } from './result.js';

/**
 * The raw response a student would give to answer exactly the key: option ids, an accepted order,
 * numbers and shapes as text, every rubric criterion. Used to fill in "show me the answer" and by
 * self-tests that check every key grades as correct. Undefined when the key does not fit the question.
 */
export function responseForKey(question: Question, key: GradeKey): unknown {
  switch (question.kind) {
    case 'multiple-choice':
      return question.options.filter((o) => o.correct).map((o) => o.id);
    case 'single-choice':
      return question.options.find((o) => o.correct)?.id;
    case 'true-false':
      return String(question.answer);
    case 'ordering':
      return (
        question.order ??
        question.orders?.[0] ??
        orderFromConstraints(
          question.items.map((i) => i.id),
          question.constraints ?? [],
        )
      );
    case 'free-text':
      return question.rubric.map((c) => c.id);
    case 'blanks': {
      if (key === null || typeof key !== 'object' || Array.isArray(key)) return undefined;
      const keys = key as Record<string, unknown>;
      return Object.fromEntries(question.blanks.map((b) => [b.id, valueAsText(keys[b.id])]));
    }
    default:
      return valueAsText(key);
  }
}

function valueAsText(value: unknown): string | undefined {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return `(${value.join(', ')})`;
  if (Array.isArray(value) && value.every(Array.isArray)) {
    return (value as number[][]).map((row) => row.map(formatNumber).join(' ')).join('; ');
  }
  return undefined;
}

/** An order that keeps every [before, after] constraint (Kahn's algorithm, stable in item order). */
function orderFromConstraints(items: string[], constraints: readonly (readonly [string, string])[]): string[] {
  const order: string[] = [];
  const remaining = new Set(items);
  while (remaining.size > 0) {
    const next = items.find(
      (id) => remaining.has(id) && !constraints.some(([before, after]) => after === id && remaining.has(before)),
    );
    // A cycle cannot be ordered: the rest keeps its item order, and grading will say which constraint fails.
    const pick = next ?? items.find((id) => remaining.has(id))!;
    order.push(pick);
    remaining.delete(pick);
  }
  return order;
}
