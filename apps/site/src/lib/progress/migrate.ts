// Reading saved progress that may be old, damaged or hand-edited. Rule: never throw, keep what
// can be read, and say what happened (the notice is shown on the page).
import {
  emptyProgress,
  firstIssue,
  mockResultSchema,
  PROGRESS_VERSION,
  type Progress,
  progressSchema,
  questionProgressSchema,
} from './schema';

/** The outcome of reading a stored value. */
export interface ReadResult {
  progress: Progress;
  /** Shown to the student when the stored value had to be repaired or replaced; null when it was fine. */
  notice: string | null;
  /** true when the stored value should be rewritten (repaired or reset). */
  changed: boolean;
}

const RESET_TAIL =
  'Your progress starts afresh; a copy of the old value is kept in this browser (i2dl:progress:backup).';

/**
 * Reads the raw localStorage value. Version 1 is the only shape so far: a value of another
 * version (a newer site, or anything unversioned) is replaced with empty progress, and a
 * version-1 value with damaged entries keeps every entry that still validates.
 */
export function migrateProgress(raw: string | null): ReadResult {
  if (raw === null || raw === '') return { progress: emptyProgress(), notice: null, changed: false };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return {
      progress: emptyProgress(),
      notice: `Your saved progress could not be read (not JSON). ${RESET_TAIL}`,
      changed: true,
    };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return {
      progress: emptyProgress(),
      notice: `Your saved progress had an unknown format. ${RESET_TAIL}`,
      changed: true,
    };
  }
  const version = (data as { version?: unknown }).version;
  if (version !== PROGRESS_VERSION) {
    const which =
      typeof version === 'number' && version > PROGRESS_VERSION
        ? `was saved by a newer version of the site (format ${version})`
        : `has an unknown format version (${JSON.stringify(version ?? null)})`;
    return { progress: emptyProgress(), notice: `Your saved progress ${which}. ${RESET_TAIL}`, changed: true };
  }
  const whole = progressSchema.safeParse(data);
  if (whole.success) return { progress: whole.data, notice: null, changed: false };
  return salvage(data as Record<string, unknown>, firstIssue(whole.error));
}

/** Keeps every entry of a damaged version-1 value that validates on its own. */
function salvage(data: Record<string, unknown>, why: string): ReadResult {
  const progress = emptyProgress();
  let dropped = 0;
  const questions = data.questions;
  if (questions && typeof questions === 'object' && !Array.isArray(questions)) {
    for (const [key, entry] of Object.entries(questions)) {
      const parsed = questionProgressSchema.safeParse(entry);
      if (parsed.success) progress.questions[key] = parsed.data;
      else dropped++;
    }
  } else if (questions !== undefined) dropped++;
  if (Array.isArray(data.mocks)) {
    for (const entry of data.mocks) {
      const parsed = mockResultSchema.safeParse(entry);
      if (parsed.success) progress.mocks.push(parsed.data);
      else dropped++;
    }
  } else if (data.mocks !== undefined) dropped++;
  const updatedAt = data.updatedAt;
  progress.updatedAt = typeof updatedAt === 'number' && Number.isInteger(updatedAt) && updatedAt >= 0 ? updatedAt : 0;
  const kept = Object.keys(progress.questions).length + progress.mocks.length;
  const notice =
    dropped > 0
      ? `Part of your saved progress was damaged (${why}): ${dropped} ${dropped === 1 ? 'entry was' : 'entries were'} dropped, ${kept} kept. A copy of the old value is kept in this browser (i2dl:progress:backup).`
      : `Your saved progress was repaired (${why}); every entry was kept.`;
  return { progress, notice, changed: true };
}
