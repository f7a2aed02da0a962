// The saved progress of one browser, as a versioned zod schema: every read from localStorage
// (or an imported file) is validated against it, so a damaged value can never crash a page.
import { z } from 'zod';

/** Bump when the stored shape changes, and teach `migrateProgress` to read the old one. */
export const PROGRESS_VERSION = 1;
/** The localStorage key of the progress. */
export const PROGRESS_KEY = 'i2dl:progress';
/** Where an unreadable value is kept (once) when it is replaced, so nothing is destroyed silently. */
export const PROGRESS_BACKUP_KEY = 'i2dl:progress:backup';

const count = z.number().int().nonnegative();
const credits = z.number().nonnegative().finite();
/** Milliseconds since 1970 (Date.now()). */
const time = z.number().int().nonnegative();

/** A ts-fsrs card in plain JSON (dates as milliseconds). */
export const storedCardSchema = z.object({
  due: time,
  stability: z.number().nonnegative().finite(),
  difficulty: z.number().finite(),
  elapsedDays: z.number().nonnegative().finite(),
  scheduledDays: z.number().nonnegative().finite(),
  learningSteps: count,
  reps: count,
  lapses: count,
  /** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning */
  state: z.number().int().min(0).max(3),
  lastReview: time.nullable(),
});
/** A scheduling card as stored. */
export type StoredCard = z.infer<typeof storedCardSchema>;

export const verdicts = ['correct', 'partial', 'incorrect', 'invalid'] as const;

/** What one question has seen: attempts, best and last credits, when, and its review card. */
export const questionProgressSchema = z.object({
  examId: z.string().min(1),
  questionId: z.string().min(1),
  topics: z.array(z.string().min(1)),
  attempts: count,
  bestCredits: credits,
  maxCredits: credits,
  lastCredits: credits,
  lastVerdict: z.enum(verdicts),
  lastSeen: time,
  card: storedCardSchema.nullable(),
});
/** The progress of one question. */
export type QuestionProgress = z.infer<typeof questionProgressSchema>;

/** One finished mock exam. */
export const mockResultSchema = z.object({
  examId: z.string().min(1),
  startedAt: time,
  finishedAt: time,
  credits,
  maxCredits: credits,
  timeUsedMs: time,
  reason: z.enum(['submitted', 'timeout']),
});
/** A finished mock exam as stored. */
export type MockResult = z.infer<typeof mockResultSchema>;

/** Everything saved, version 1. */
export const progressSchema = z.object({
  version: z.literal(PROGRESS_VERSION),
  /** by `questionKey(examId, questionId)` */
  questions: z.record(z.string(), questionProgressSchema),
  mocks: z.array(mockResultSchema),
  updatedAt: time,
});
/** The saved progress. */
export type Progress = z.infer<typeof progressSchema>;

/** The key of a question in the progress: exam id and question id (question ids repeat across exams). */
export const questionKey = (examId: string, questionId: string) => `${examId}#${questionId}`;

/** Progress with nothing in it. */
export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, questions: {}, mocks: [], updatedAt: 0 };
}

/** The first problem zod found, as a short sentence with its path. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'the data does not match';
  const path = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${path}${issue.message}`;
}
