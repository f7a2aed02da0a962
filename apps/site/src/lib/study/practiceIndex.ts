// The shape of the practice index (`practice/index.json`), emitted at build time from the same
// content reader as every other page and fetched once by the practice page.
import type { Question, Scoring } from '@i2dl/exams';

/** One question as the practice page needs it. */
export interface PracticeQuestion {
  /** the progress key: `questionKey(examId, questionId)` */
  key: string;
  examId: string;
  examTitle: string;
  problemId: string;
  questionId: string;
  kind: Question['kind'];
  credits: number;
  topics: string[];
  /** the exam page, at this question */
  href: string;
  /** the question's schema data for the question island (consequential links removed: practice shows one question) */
  question: Question;
  scoring: Scoring;
  /** the solver that draws fresh variants, or null for a fixed question */
  scope: { solver: string; title: string; defaultParams: unknown } | null;
  /** its problem in `PracticeIndex.problems` */
  problemKey: string;
  /** its own figures as HTML; solver charts are placeholders for `__SCOPE__` */
  figures: string;
}

/** The practice index. */
export interface PracticeIndex {
  exams: { id: string; title: string; questions: number }[];
  topics: { id: string; title: string; questions: number }[];
  kinds: { id: string; questions: number }[];
  /** by `<exam id>/<problem id>`: the problem's Markdown text and figures (HTML, as for a question) */
  problems: Record<string, { text: string; figures: string }>;
  questions: PracticeQuestion[];
}
