// The browser's progress store: one signal every study island reads, written with
// read-modify-write on every change (so a second tab's writes are never overwritten) and
// refreshed from the `storage` event when another tab writes.
import { signal } from '@preact/signals';
import { mergeProgress } from './merge';
import { migrateProgress } from './migrate';
import { type GradedAttempt, recordAttempt } from './record';
import {
  emptyProgress,
  firstIssue,
  type MockResult,
  PROGRESS_BACKUP_KEY,
  PROGRESS_KEY,
  type Progress,
  progressSchema,
} from './schema';

/** The current progress. */
export const progress = signal<Progress>(emptyProgress());
/** A message about the saved data (repaired, reset, not saved), shown by the progress panel. */
export const progressNotice = signal<string | null>(null);

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Reads, validates and (if it had to be repaired) rewrites the stored progress. */
function readStored(): Progress {
  const store = storage();
  if (!store) return progress.value;
  const raw = store.getItem(PROGRESS_KEY);
  const read = migrateProgress(raw);
  if (read.changed) {
    progressNotice.value = read.notice;
    try {
      if (raw !== null && store.getItem(PROGRESS_BACKUP_KEY) === null) store.setItem(PROGRESS_BACKUP_KEY, raw);
      store.setItem(PROGRESS_KEY, JSON.stringify(read.progress));
    } catch {
      // Storage full or blocked: the repaired progress still works for this page.
    }
  }
  return read.progress;
}

let started = false;

/** Loads the progress once per page and follows other tabs' writes. */
export function startProgress(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  progress.value = readStored();
  window.addEventListener('storage', (event) => {
    if (event.key === PROGRESS_KEY || event.key === null) progress.value = readStored();
  });
}

/** Re-reads the stored progress (another tab or script may have written it) and returns it. */
export function refreshProgress(): Progress {
  startProgress();
  progress.value = readStored();
  return progress.value;
}

/** Applies `change` to the freshest stored progress and saves it (read-modify-write). */
export function updateProgress(change: (current: Progress) => Progress): Progress {
  startProgress();
  const next = change(readStored());
  progress.value = next;
  try {
    storage()?.setItem(PROGRESS_KEY, JSON.stringify(next));
  } catch (error) {
    progressNotice.value = `Your progress could not be saved in this browser (${error instanceof Error ? error.message : String(error)}); it is kept for this page only.`;
  }
  return next;
}

/** Records one graded answer. */
export function saveAttempt(attempt: GradedAttempt, now = Date.now()): Progress {
  return updateProgress((current) => recordAttempt(current, attempt, now));
}

/** Records a finished mock exam. */
export function saveMockResult(result: MockResult): Progress {
  return updateProgress((current) => mergeProgress(current, { ...current, questions: {}, mocks: [result] }));
}

/** The progress as the text of an export file. */
export function exportProgress(): string {
  startProgress();
  return `${JSON.stringify(readStored(), null, 2)}\n`;
}

/** Validates an export file and merges it in; a bad file changes nothing and says why. */
export function importProgress(text: string): { ok: true; questions: number } | { ok: false; message: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: 'This file is not an i2dl progress export: it is not JSON.' };
  }
  const parsed = progressSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      message: `This file is not a valid i2dl progress export (${firstIssue(parsed.error)}). Nothing was changed.`,
    };
  }
  updateProgress((current) => mergeProgress(current, parsed.data));
  return { ok: true, questions: Object.keys(parsed.data.questions).length };
}

/** Forgets all progress (the page asks for confirmation first). */
export function resetProgress(): void {
  updateProgress(() => ({ ...emptyProgress(), updatedAt: Date.now() }));
  progressNotice.value = null;
}
