import { beforeEach, describe, expect, test } from 'vitest';
import { recordAttempt } from '../src/lib/progress/record';
import { emptyProgress, PROGRESS_BACKUP_KEY, PROGRESS_KEY, questionKey } from '../src/lib/progress/schema';
import {
  exportProgress,
  importProgress,
  progress,
  progressNotice,
  refreshProgress,
  resetProgress,
  saveAttempt,
} from '../src/lib/progress/store';

/** localStorage as a browser has it, for Node. */
class MemoryStorage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
}
const storage = new MemoryStorage();
Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const graded = (questionId: string, credits = 1) => ({
  examId: 'e',
  questionId,
  topics: ['cnn'],
  credits,
  maxCredits: 1,
  verdict: credits === 1 ? ('correct' as const) : ('incorrect' as const),
});

beforeEach(() => {
  storage.clear();
  progressNotice.value = null;
  refreshProgress();
});

describe('the browser store', () => {
  test('every change re-reads the stored value first, so another tab’s write survives', () => {
    saveAttempt(graded('1'), T0);
    // Another tab writes question 2 behind this page's back.
    const other = recordAttempt(JSON.parse(storage.getItem(PROGRESS_KEY) ?? ''), graded('2'), T0 + 1);
    storage.setItem(PROGRESS_KEY, JSON.stringify(other));
    saveAttempt(graded('3', 0), T0 + 2);
    const saved = JSON.parse(storage.getItem(PROGRESS_KEY) ?? '');
    expect(Object.keys(saved.questions).sort()).toEqual(['1', '2', '3'].map((id) => questionKey('e', id)));
    expect(progress.value).toEqual(saved);
  });

  test('a corrupted value is replaced, backed up once, and a notice says so', () => {
    storage.setItem(PROGRESS_KEY, 'not json');
    refreshProgress();
    expect(progressNotice.value).toMatch(/could not be read/);
    expect(storage.getItem(PROGRESS_BACKUP_KEY)).toBe('not json');
    expect(JSON.parse(storage.getItem(PROGRESS_KEY) ?? '')).toEqual(emptyProgress());
    // A second corruption does not overwrite the first backup.
    storage.setItem(PROGRESS_KEY, '[]');
    refreshProgress();
    expect(storage.getItem(PROGRESS_BACKUP_KEY)).toBe('not json');
  });

  test('import validates, refuses bad files without changing anything, and merges good ones', () => {
    saveAttempt(graded('1'), T0);
    const mine = storage.getItem(PROGRESS_KEY);
    expect(importProgress('{')).toEqual({ ok: false, message: expect.stringMatching(/not JSON/) });
    const wrong = importProgress(JSON.stringify({ version: 1, questions: {}, mocks: 'none', updatedAt: 0 }));
    expect(wrong).toEqual({
      ok: false,
      message: expect.stringMatching(/^This file is not a valid i2dl progress export \(mocks: /),
    });
    expect(storage.getItem(PROGRESS_KEY)).toBe(mine);
    const theirs = recordAttempt(emptyProgress(), graded('2'), T0 + 5);
    expect(importProgress(JSON.stringify(theirs))).toEqual({ ok: true, questions: 1 });
    expect(Object.keys(progress.value.questions).sort()).toEqual([questionKey('e', '1'), questionKey('e', '2')]);
  });

  test('export is the stored progress; importing it back changes nothing; reset empties it', () => {
    saveAttempt(graded('1'), T0);
    saveAttempt(graded('1', 0), T0 + 60_000);
    const file = exportProgress();
    expect(JSON.parse(file)).toEqual(progress.value);
    const before = progress.value;
    importProgress(file);
    expect(progress.value).toEqual(before);
    resetProgress();
    expect(Object.keys(progress.value.questions)).toEqual([]);
    expect(JSON.parse(storage.getItem(PROGRESS_KEY) ?? '').questions).toEqual({});
  });
});
