// The one place graded answers enter the progress: the question island fires `i2dl:graded` on
// its question's section; this records it with the exam id of the enclosing [data-exam-id].
// Tiny on purpose: the store (and zod) load only when a student first checks an answer.

/** The detail of the `i2dl:graded` event the question island fires. */
export interface GradedEventDetail {
  questionId: string;
  topics: string[];
  credits: number;
  maxCredits: number;
  verdict: 'correct' | 'partial' | 'incorrect' | 'invalid';
}

declare global {
  interface Window {
    __i2dlGradedRecorder?: boolean;
  }
}

/** Installs the recorder once per page (several scripts may ask). */
export function installGradedRecorder(): void {
  if (typeof window === 'undefined' || window.__i2dlGradedRecorder) return;
  window.__i2dlGradedRecorder = true;
  window.addEventListener('i2dl:graded', (event) => {
    const detail = (event as CustomEvent<GradedEventDetail>).detail;
    const target = event.target instanceof Element ? event.target : null;
    const examId = target?.closest<HTMLElement>('[data-exam-id]')?.dataset.examId;
    // Graded somewhere that belongs to no exam, or during a mock (scored as a whole at the end).
    if (!detail || !examId || target?.closest('[data-mock-paper]')) return;
    void import('./store').then(({ saveAttempt }) => saveAttempt({ examId, ...detail }));
  });
}
