// A mock exam attempt: what the student entered (as the state of the page's inputs, so a
// resumed attempt puts everything back), the wall-clock deadline, and the result once scored.
// Kept in localStorage under its own key per exam, validated on load like the progress.
import type { Question } from '@i2dl/exams';
import { z } from 'zod';

/** Minutes a mock runs when the exam does not state its duration. */
export const DEFAULT_MOCK_MINUTES = 60;

const time = z.number().int().nonnegative();
const fieldsSchema = z.record(z.string(), z.union([z.string(), z.boolean()]));

const questionResultSchema = z.object({
  id: z.string(),
  answered: z.boolean(),
  credits: z.number(),
  maxCredits: z.number(),
  verdict: z.enum(['correct', 'partial', 'incorrect', 'invalid']),
  feedback: z.string(),
});
const resultSchema = z.object({
  credits: z.number(),
  maxCredits: z.number(),
  answered: z.number().int(),
  finishedAt: time,
  timeUsedMs: time,
  reason: z.enum(['submitted', 'timeout']),
  problems: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      credits: z.number(),
      maxCredits: z.number(),
      questions: z.array(questionResultSchema),
    }),
  ),
});
/** The scored result of an attempt. */
export type MockAttemptResult = z.infer<typeof resultSchema>;

const attemptSchema = z.object({
  version: z.literal(1),
  examId: z.string().min(1),
  startedAt: time,
  /** wall-clock end (ms): the countdown survives reloads and closed tabs */
  deadline: time,
  minutes: z.number().positive(),
  /** per question id: the state of its inputs (see `readFields`) */
  fields: z.record(z.string(), fieldsSchema),
  /** per ordering question the student reordered: the order of its items */
  orders: z.record(z.string(), z.array(z.string())),
  result: resultSchema.nullable(),
});
/** A mock exam attempt. */
export type MockAttempt = z.infer<typeof attemptSchema>;

const keyOf = (examId: string) => `i2dl:mock:${examId}`;

/** The saved attempt for an exam; a damaged one is dropped with a notice instead of breaking the page. */
export function loadAttempt(examId: string): { attempt: MockAttempt | null; notice: string | null } {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(keyOf(examId));
  } catch {
    return { attempt: null, notice: null };
  }
  if (!raw) return { attempt: null, notice: null };
  try {
    const parsed = attemptSchema.safeParse(JSON.parse(raw));
    if (parsed.success && parsed.data.examId === examId) return { attempt: parsed.data, notice: null };
  } catch {
    // fall through to the notice
  }
  try {
    localStorage.removeItem(keyOf(examId));
  } catch {
    // nothing else to do
  }
  return { attempt: null, notice: 'A saved mock attempt for this exam could not be read and was discarded.' };
}

/** Saves (or with null, forgets) the attempt. */
export function saveAttempt(examId: string, attempt: MockAttempt | null): void {
  try {
    if (attempt) localStorage.setItem(keyOf(examId), JSON.stringify(attempt));
    else localStorage.removeItem(keyOf(examId));
  } catch {
    // A full or blocked storage loses only the resume; the attempt goes on in this page.
  }
}

/** A new attempt starting `now`, lasting `minutes`. */
export function newAttempt(examId: string, minutes: number, now: number): MockAttempt {
  return {
    version: 1,
    examId,
    startedAt: now,
    deadline: now + Math.round(minutes * 60_000),
    minutes,
    fields: {},
    orders: {},
    result: null,
  };
}

/**
 * The raw response of a question from the saved state of its inputs, in the shape the question
 * island hands to the grader; undefined when the student left the question untouched.
 */
export function responseFromFields(
  question: Question,
  fields: Record<string, string | boolean> | undefined,
  order: string[] | undefined,
): unknown {
  const f = fields ?? {};
  const ticked = (prefix: string) =>
    Object.entries(f)
      .filter(([k, v]) => k.startsWith(prefix) && v === true)
      .map(([k]) => k.slice(prefix.length));
  const text = (key: string) => (typeof f[key] === 'string' ? (f[key] as string) : '');
  switch (question.kind) {
    case 'multiple-choice':
      // No tick is an answer too ("none is correct"), once the student has touched the question.
      return fields ? question.options.map((o) => o.id).filter((id) => f[`opt:${id}`] === true) : undefined;
    case 'single-choice':
      return ticked('opt:')[0];
    case 'true-false':
      return ticked('tf:')[0];
    case 'ordering':
      return order;
    case 'matrix': {
      const cells = Object.keys(f).filter((k) => k.startsWith('cell:'));
      if (cells.every((k) => text(k).trim() === '')) return undefined;
      const at = cells.map((k) => k.slice(5).split('-').map(Number));
      const rows = Math.max(...at.map(([i]) => i)) + 1;
      const cols = Math.max(...at.map(([, j]) => j)) + 1;
      return Array.from({ length: rows }, (_, i) =>
        Array.from({ length: cols }, (_, j) => text(`cell:${i}-${j}`)).join(', '),
      ).join('; ');
    }
    case 'blanks': {
      const values = Object.fromEntries(question.blanks.map((b) => [b.id, text(`blank:${b.id}`)]));
      return Object.values(values).some((v) => v.trim() !== '') ? values : undefined;
    }
    case 'free-text':
      // Explain-questions are self-checked against the model answer after the mock.
      return undefined;
    default:
      return text('answer').trim() === '' ? undefined : text('answer');
  }
}

/** "1 h 05 min", "12 min 30 s": a duration for the page. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m} min ${String(s).padStart(2, '0')} s`;
}

/** The countdown as H:MM:SS or M:SS. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
