// Merging two progress values (an imported file into this browser's, or two tabs' writes)
// without losing anything: every question and mock result of either side survives, and where
// both saw a question the larger counts and the later review win.
import type { MockResult, Progress, QuestionProgress } from './schema';

function mergeQuestion(a: QuestionProgress, b: QuestionProgress): QuestionProgress {
  // Attempts are a max, not a sum: an export re-imported into the browser it came from must not double them.
  const later = b.lastSeen > a.lastSeen ? b : a;
  const reviewed = (q: QuestionProgress) => q.card?.lastReview ?? -1;
  const card = reviewed(b) > reviewed(a) ? b.card : (a.card ?? b.card);
  return {
    ...later,
    topics: [...new Set([...a.topics, ...b.topics])],
    attempts: Math.max(a.attempts, b.attempts),
    bestCredits: Math.max(a.bestCredits, b.bestCredits),
    maxCredits: Math.max(a.maxCredits, b.maxCredits),
    card,
  };
}

const mockId = (m: MockResult) => `${m.examId}@${m.startedAt}`;

/** `base` and `incoming` merged; neither is changed. */
export function mergeProgress(base: Progress, incoming: Progress): Progress {
  const questions: Record<string, QuestionProgress> = { ...base.questions };
  for (const [key, entry] of Object.entries(incoming.questions)) {
    const mine = questions[key];
    questions[key] = mine ? mergeQuestion(mine, entry) : entry;
  }
  const mocks = new Map(base.mocks.map((m) => [mockId(m), m]));
  for (const m of incoming.mocks) if (!mocks.has(mockId(m))) mocks.set(mockId(m), m);
  return {
    version: base.version,
    questions,
    mocks: [...mocks.values()].sort((x, y) => x.finishedAt - y.finishedAt),
    updatedAt: Math.max(base.updatedAt, incoming.updatedAt),
  };
}
