// The practice session (chosen filters and the question on screen with its variant seed), kept
// in localStorage so a reload shows the same question and numbers. Validated like the progress:
// a damaged value just starts a new session.
import { z } from 'zod';

const SESSION_KEY = 'i2dl:practice-session';

const sessionSchema = z.object({
  version: z.literal(1),
  topics: z.array(z.string()),
  exams: z.array(z.string()),
  kinds: z.array(z.string()),
  /** varies the order of unseen questions from session to session */
  shuffle: z.number().int().nonnegative(),
  current: z
    .object({ key: z.string().min(1), seed: z.number().int().min(1), shownAt: z.number().int().nonnegative() })
    .nullable(),
  last: z.string().nullable(),
});
/** A practice session. */
export type PracticeSession = z.infer<typeof sessionSchema>;

/** The saved session, or null when there is none or it cannot be read. */
export function loadSession(): PracticeSession | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const parsed = sessionSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Saves the session (or forgets it with null); a full or blocked storage only loses the resume. */
export function saveSession(session: PracticeSession | null): void {
  try {
    if (session) localStorage.setItem(SESSION_KEY, JSON.stringify(session));
    else localStorage.removeItem(SESSION_KEY);
  } catch {
    // Nothing to do: the session still runs in this page.
  }
}

/** A fresh variant seed, as the exam pages draw them (whole numbers a person can type). */
export const freshSeed = () => 1 + Math.floor(Math.random() * 99_999);
