// One graded answer into the progress: a pure function, so the browser store and the tests
// share it.
import { ratingFor, reviewCard } from '../study/scheduler';
import { type Progress, type QuestionProgress, questionKey } from './schema';

/** What the question island reports after grading (the detail of the `i2dl:graded` event, plus the exam). */
export interface GradedAttempt {
  examId: string;
  questionId: string;
  topics: string[];
  credits: number;
  maxCredits: number;
  verdict: QuestionProgress['lastVerdict'];
}

/**
 * The progress after `attempt` at `now`. An invalid answer (unreadable) is not an attempt and
 * leaves the progress as it was, as it costs nothing in grading either.
 */
export function recordAttempt(progress: Progress, attempt: GradedAttempt, now: number): Progress {
  const rating = ratingFor(attempt);
  if (rating === null) return progress;
  const key = questionKey(attempt.examId, attempt.questionId);
  const before = progress.questions[key];
  const credits = Math.max(0, Math.min(attempt.credits, attempt.maxCredits));
  const entry: QuestionProgress = {
    examId: attempt.examId,
    questionId: attempt.questionId,
    topics: [...new Set([...(before?.topics ?? []), ...attempt.topics])],
    attempts: (before?.attempts ?? 0) + 1,
    bestCredits: Math.max(before?.bestCredits ?? 0, credits),
    maxCredits: attempt.maxCredits,
    lastCredits: credits,
    lastVerdict: attempt.verdict,
    lastSeen: now,
    card: reviewCard(before?.card ?? null, rating, now),
  };
  return { ...progress, questions: { ...progress.questions, [key]: entry }, updatedAt: now };
}
