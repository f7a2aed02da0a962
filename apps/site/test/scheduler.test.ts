import { Rating } from 'ts-fsrs';
import { describe, expect, test } from 'vitest';
import { recordAttempt } from '../src/lib/progress/record';
import { emptyProgress, questionKey } from '../src/lib/progress/schema';
import { dueIn, pickNext, ratingFor, reviewCard } from '../src/lib/study/scheduler';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('ratingFor', () => {
  test('maps verdicts to FSRS ratings; invalid is no review', () => {
    expect(ratingFor({ verdict: 'correct', credits: 2, maxCredits: 2 })).toBe(Rating.Good);
    expect(ratingFor({ verdict: 'partial', credits: 1, maxCredits: 2 })).toBe(Rating.Hard);
    expect(ratingFor({ verdict: 'incorrect', credits: 0, maxCredits: 2 })).toBe(Rating.Again);
    expect(ratingFor({ verdict: 'invalid', credits: 0, maxCredits: 2 })).toBeNull();
  });
});

describe('reviewCard (ts-fsrs)', () => {
  test('a miss comes back within minutes, a success later, and successes space out', () => {
    const missed = reviewCard(null, Rating.Again, T0);
    const good = reviewCard(null, Rating.Good, T0);
    expect(missed.due - T0).toBeGreaterThan(0);
    expect(missed.due - T0).toBeLessThanOrEqual(10 * MINUTE);
    expect(good.due).toBeGreaterThan(missed.due);
    // Keep answering right when due: the intervals grow to days.
    let card = good;
    const intervals: number[] = [];
    for (let i = 0; i < 4; i++) {
      const next = reviewCard(card, Rating.Good, card.due);
      intervals.push(next.due - card.due);
      card = next;
    }
    expect(intervals[3]).toBeGreaterThan(intervals[1]);
    expect(card.due - T0).toBeGreaterThan(DAY);
    expect(card.reps).toBe(5);
  });

  test('is deterministic (no fuzz) and JSON-safe', () => {
    const a = reviewCard(reviewCard(null, Rating.Good, T0), Rating.Hard, T0 + DAY);
    const b = reviewCard(reviewCard(null, Rating.Good, T0), Rating.Hard, T0 + DAY);
    expect(a).toEqual(b);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    expect(a.lastReview).toBe(T0 + DAY);
  });

  test('a lapse after review counts', () => {
    let card = reviewCard(null, Rating.Good, T0);
    card = reviewCard(card, Rating.Good, card.due);
    card = reviewCard(card, Rating.Good, card.due);
    const lapsed = reviewCard(card, Rating.Again, card.due);
    expect(lapsed.lapses).toBe(1);
    expect(lapsed.due - card.due).toBeLessThan(DAY);
  });
});

describe('pickNext', () => {
  const k = (id: string) => questionKey('e', id);
  const answer = (p: ReturnType<typeof emptyProgress>, id: string, verdict: 'correct' | 'incorrect', at: number) =>
    recordAttempt(
      p,
      { examId: 'e', questionId: id, topics: ['cnn'], credits: verdict === 'correct' ? 1 : 0, maxCredits: 1, verdict },
      at,
    );

  test('unseen questions before questions not yet due', () => {
    const p = answer(emptyProgress(), '1', 'correct', T0);
    expect(pickNext([k('1'), k('2')], p.questions, T0 + MINUTE)).toMatchObject({ key: k('2'), reason: 'new' });
  });

  test('a missed question comes back once due, before unseen ones', () => {
    const p = answer(emptyProgress(), '1', 'incorrect', T0);
    const due = p.questions[k('1')].card?.due ?? 0;
    expect(pickNext([k('1'), k('2'), k('3')], p.questions, due - 1000).reason).toBe('new');
    expect(pickNext([k('1'), k('2'), k('3')], p.questions, due)).toMatchObject({ key: k('1'), reason: 'due' });
  });

  test('the most overdue first', () => {
    let p = answer(emptyProgress(), '1', 'incorrect', T0 + 5 * MINUTE);
    p = answer(p, '2', 'incorrect', T0);
    expect(pickNext([k('1'), k('2')], p.questions, T0 + DAY)?.key).toBe(k('2'));
  });

  test('with everything seen and nothing due, studies ahead by the earliest due date', () => {
    let p = answer(emptyProgress(), '1', 'correct', T0);
    p = answer(p, '2', 'incorrect', T0);
    expect(pickNext([k('1'), k('2')], p.questions, T0 + 1000)).toMatchObject({ key: k('2'), reason: 'ahead' });
  });

  test('does not repeat the question just shown while another qualifies; alone it may', () => {
    const p = answer(emptyProgress(), '1', 'incorrect', T0);
    expect(pickNext([k('1'), k('2')], p.questions, T0 + DAY, { last: k('1') })?.key).toBe(k('2'));
    expect(pickNext([k('1')], p.questions, T0 + DAY, { last: k('1') })?.key).toBe(k('1'));
    expect(pickNext([], p.questions, T0)).toBeNull();
  });

  test('the shuffle seed varies the order of unseen questions reproducibly', () => {
    const keys = Array.from({ length: 20 }, (_, i) => k(String(i)));
    const firsts = new Set([1, 2, 3, 4, 5, 6].map((seed) => pickNext(keys, {}, T0, { seed })?.key));
    expect(firsts.size).toBeGreaterThan(1);
    expect(pickNext(keys, {}, T0, { seed: 3 })?.key).toBe(pickNext(keys, {}, T0, { seed: 3 })?.key);
  });
});

test('dueIn reads like a person would say it', () => {
  expect(dueIn(T0, T0)).toBe('now');
  expect(dueIn(T0 + MINUTE, T0)).toBe('in 1 minute');
  expect(dueIn(T0 + 10 * MINUTE, T0)).toBe('in 10 minutes');
  expect(dueIn(T0 + 3 * DAY, T0)).toBe('in 3 days');
});
