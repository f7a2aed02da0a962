// Spaced review of question variants with ts-fsrs (FSRS), not a home-made scheduler.
//
// The rule, also stated on the practice page:
//  - A graded answer is a review: correct → Good, partial credit → Hard, wrong → Again. An
//    "invalid" answer (one the grader could not read) is not a review and changes nothing.
//  - The next question is, in this order: (1) a question whose review is due, most overdue
//    first; (2) a question never answered, in a shuffled order; (3) otherwise the one due
//    soonest (studying ahead). The question just answered is not shown twice in a row while
//    another one qualifies.
//  - A solver-backed question is always shown as a fresh seeded variant, so a missed question
//    comes back with new numbers on its FSRS schedule (Again brings it back within minutes).
import { type Card, createEmptyCard, fsrs, type Grade, Rating } from 'ts-fsrs';
import type { Progress, QuestionProgress, StoredCard } from '../progress/schema';

// No fuzz: the same history gives the same schedule (testable, and the student can predict it).
const scheduler = fsrs({ enable_fuzz: false, enable_short_term: true });

/** The FSRS rating of a graded answer, or null when the answer could not be read. */
export function ratingFor(result: {
  verdict: QuestionProgress['lastVerdict'];
  credits: number;
  maxCredits: number;
}): Grade | null {
  if (result.verdict === 'invalid') return null;
  if (result.verdict === 'correct') return Rating.Good;
  if (result.verdict === 'partial' || (result.credits > 0 && result.credits < result.maxCredits)) return Rating.Hard;
  return Rating.Again;
}

function toCard(stored: StoredCard): Card {
  return {
    due: new Date(stored.due),
    stability: stored.stability,
    difficulty: stored.difficulty,
    elapsed_days: stored.elapsedDays,
    scheduled_days: stored.scheduledDays,
    learning_steps: stored.learningSteps,
    reps: stored.reps,
    lapses: stored.lapses,
    state: stored.state,
    last_review: stored.lastReview === null ? undefined : new Date(stored.lastReview),
  };
}

function toStored(card: Card): StoredCard {
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ? card.last_review.getTime() : null,
  };
}

/** The card after one review at `now` (a new card when the question had none). */
export function reviewCard(card: StoredCard | null, rating: Grade, now: number): StoredCard {
  const current = card ? toCard(card) : createEmptyCard(new Date(now));
  return toStored(scheduler.next(current, new Date(now), rating).card);
}

/** A deterministic shuffle key, so unseen questions come in a varied but reproducible order. */
function shuffleKey(key: string, seed: number): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Why a question was picked, shown next to it. */
export type PickReason = 'due' | 'new' | 'ahead';

/**
 * The next question among `candidates` (progress keys) by the rule above, or null when there
 * are none. `last` is the question just shown; `seed` varies the order of unseen questions.
 */
export function pickNext(
  candidates: readonly string[],
  questions: Progress['questions'],
  now: number,
  options: { last?: string | null; seed?: number } = {},
): { key: string; reason: PickReason; due: number | null } | null {
  const pool = candidates.length > 1 ? candidates.filter((k) => k !== options.last) : candidates;
  if (pool.length === 0) return null;
  const seed = options.seed ?? 0;
  const due: { key: string; due: number }[] = [];
  const unseen: string[] = [];
  const ahead: { key: string; due: number }[] = [];
  for (const key of pool) {
    const card = questions[key]?.card;
    if (!card) unseen.push(key);
    else if (card.due <= now) due.push({ key, due: card.due });
    else ahead.push({ key, due: card.due });
  }
  if (due.length > 0) {
    const first = due.sort((a, b) => a.due - b.due || a.key.localeCompare(b.key))[0];
    return { key: first.key, reason: 'due', due: first.due };
  }
  if (unseen.length > 0) {
    const first = unseen.sort((a, b) => shuffleKey(a, seed) - shuffleKey(b, seed))[0];
    return { key: first, reason: 'new', due: null };
  }
  const first = ahead.sort((a, b) => a.due - b.due || a.key.localeCompare(b.key))[0];
  return { key: first.key, reason: 'ahead', due: first.due };
}

/** "in 1 minute", "in 3 days", "now": when a card is due, for the page. */
export function dueIn(due: number, now: number): string {
  const minutes = Math.round((due - now) / 60_000);
  if (minutes <= 0) return 'now';
  if (minutes < 60) return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `in ${hours} hour${hours === 1 ? '' : 's'}`;
  const days = Math.round(hours / 24);
  return `in ${days} day${days === 1 ? '' : 's'}`;
}
