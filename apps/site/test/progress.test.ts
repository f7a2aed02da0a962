import { describe, expect, test } from 'vitest';
import { examMastery, topicMastery } from '../src/lib/progress/mastery';
import { mergeProgress } from '../src/lib/progress/merge';
import { migrateProgress } from '../src/lib/progress/migrate';
import { type GradedAttempt, recordAttempt } from '../src/lib/progress/record';
import { emptyProgress, type Progress, progressSchema, questionKey } from '../src/lib/progress/schema';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const attempt = (over: Partial<GradedAttempt> = {}): GradedAttempt => ({
  examId: 'tum-2020',
  questionId: '2.1',
  topics: ['cnn'],
  credits: 2,
  maxCredits: 2,
  verdict: 'correct',
  ...over,
});

describe('progress schema', () => {
  test('an empty progress validates and a recorded attempt stays valid', () => {
    expect(progressSchema.safeParse(emptyProgress()).success).toBe(true);
    const p = recordAttempt(emptyProgress(), attempt(), T0);
    expect(progressSchema.safeParse(p).success).toBe(true);
    const entry = p.questions[questionKey('tum-2020', '2.1')];
    expect(entry).toMatchObject({ attempts: 1, bestCredits: 2, lastCredits: 2, lastSeen: T0, lastVerdict: 'correct' });
    expect(entry.card?.reps).toBe(1);
  });

  test('rejects negative credits, fractional attempts and unknown verdicts', () => {
    const p = recordAttempt(emptyProgress(), attempt(), T0);
    const key = questionKey('tum-2020', '2.1');
    const bad = (change: Record<string, unknown>) =>
      progressSchema.safeParse({ ...p, questions: { [key]: { ...p.questions[key], ...change } } }).success;
    expect(bad({ bestCredits: -1 })).toBe(false);
    expect(bad({ attempts: 1.5 })).toBe(false);
    expect(bad({ lastVerdict: 'great' })).toBe(false);
    expect(bad({})).toBe(true);
  });
});

describe('recording attempts', () => {
  test('best credits keep the maximum, attempts count up, last credits follow the latest', () => {
    let p = recordAttempt(emptyProgress(), attempt({ credits: 2, verdict: 'correct' }), T0);
    p = recordAttempt(p, attempt({ credits: 0, verdict: 'incorrect' }), T0 + 60_000);
    const entry = p.questions[questionKey('tum-2020', '2.1')];
    expect(entry).toMatchObject({
      attempts: 2,
      bestCredits: 2,
      lastCredits: 0,
      lastVerdict: 'incorrect',
      lastSeen: T0 + 60_000,
    });
  });

  test('an invalid (unreadable) answer is not an attempt', () => {
    const p = recordAttempt(emptyProgress(), attempt({ credits: 0, verdict: 'invalid' }), T0);
    expect(p).toEqual(emptyProgress());
  });
});

describe('migration and repair', () => {
  test('nothing stored gives empty progress without a notice', () => {
    expect(migrateProgress(null)).toEqual({ progress: emptyProgress(), notice: null, changed: false });
  });

  test('a valid value is read as it is', () => {
    const p = recordAttempt(emptyProgress(), attempt(), T0);
    const read = migrateProgress(JSON.stringify(p));
    expect(read.changed).toBe(false);
    expect(read.progress).toEqual(p);
  });

  test('text that is not JSON is reset with a notice', () => {
    const read = migrateProgress('{"version":1,"questions":');
    expect(read.changed).toBe(true);
    expect(read.progress).toEqual(emptyProgress());
    expect(read.notice).toMatch(/could not be read/);
    expect(read.notice).toMatch(/backup/);
  });

  test('another format version is reset with a notice that names it', () => {
    expect(migrateProgress(JSON.stringify({ version: 7, questions: {} })).notice).toMatch(
      /newer version of the site \(format 7\)/,
    );
    expect(migrateProgress(JSON.stringify({ attempts: [] })).notice).toMatch(/unknown format version \(null\)/);
    expect(migrateProgress('[1,2]').notice).toMatch(/unknown format/);
  });

  test('damaged entries are dropped and the rest is kept', () => {
    const p = recordAttempt(recordAttempt(emptyProgress(), attempt(), T0), attempt({ questionId: '2.2' }), T0);
    const raw = JSON.parse(JSON.stringify(p)) as Progress & { questions: Record<string, unknown> };
    raw.questions[questionKey('tum-2020', '2.2')] = { attempts: 'many' };
    (raw as { mocks: unknown[] }).mocks = [{ examId: 'x' }];
    const read = migrateProgress(JSON.stringify(raw));
    expect(read.changed).toBe(true);
    expect(Object.keys(read.progress.questions)).toEqual([questionKey('tum-2020', '2.1')]);
    expect(read.progress.mocks).toEqual([]);
    expect(read.notice).toMatch(/2 entries were dropped, 1 kept/);
    expect(progressSchema.safeParse(read.progress).success).toBe(true);
  });
});

describe('merge', () => {
  const a = recordAttempt(emptyProgress(), attempt({ credits: 1, verdict: 'partial' }), T0);
  const b = recordAttempt(
    recordAttempt(emptyProgress(), attempt({ credits: 2, verdict: 'correct' }), T0 + 1000),
    attempt({ questionId: '3.1', topics: ['initialization'] }),
    T0 + 2000,
  );

  test('keeps every question of both sides, the best credits and the later review', () => {
    const merged = mergeProgress(a, b);
    expect(Object.keys(merged.questions).sort()).toEqual([
      questionKey('tum-2020', '2.1'),
      questionKey('tum-2020', '3.1'),
    ]);
    const entry = merged.questions[questionKey('tum-2020', '2.1')];
    expect(entry.bestCredits).toBe(2);
    expect(entry.lastSeen).toBe(T0 + 1000);
    expect(entry.card?.lastReview).toBe(T0 + 1000);
    expect(merged.updatedAt).toBe(T0 + 2000);
    expect(progressSchema.safeParse(merged).success).toBe(true);
  });

  test('merging a value into itself changes nothing (re-importing an export does not double attempts)', () => {
    expect(mergeProgress(b, b)).toEqual(b);
  });

  test('mock results are united without duplicates', () => {
    const mock = {
      examId: 'e',
      startedAt: T0,
      finishedAt: T0 + 5,
      credits: 3,
      maxCredits: 10,
      timeUsedMs: 5,
      reason: 'submitted' as const,
    };
    const other = { ...mock, startedAt: T0 + 100, finishedAt: T0 + 200 };
    const merged = mergeProgress({ ...a, mocks: [mock] }, { ...b, mocks: [other, mock] });
    expect(merged.mocks).toEqual([mock, other]);
  });
});

describe('mastery', () => {
  test('is best credits over all the credits of the group; unseen questions count as zero', () => {
    const p = recordAttempt(emptyProgress(), attempt({ credits: 1, verdict: 'partial' }), T0);
    const [cnn, init] = topicMastery(p, [
      { id: 'cnn', title: 'CNN', totalCredits: 4 },
      { id: 'initialization', title: 'Init', totalCredits: 3 },
    ]);
    expect(cnn).toMatchObject({ earned: 1, mastery: 0.25, attempted: 1 });
    expect(init).toMatchObject({ earned: 0, mastery: 0, attempted: 0 });
    expect(examMastery(p, [{ id: 'tum-2020', title: 'TUM', totalCredits: 10 }])[0].mastery).toBe(0.1);
  });
});
