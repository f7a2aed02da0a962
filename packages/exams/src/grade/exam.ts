import type { Question } from '../schema/question.js';
import { defaultScoring, type Scoring } from '../schema/scoring.js';
import type { AnswerValue } from '../solvers/types.js';
import { type GradeContext, type GradeKey, GradeKeyError, grade } from './grade.js';
import type { GradeResult } from './result.js';

/** The parts of an exam scoreExam reads (an Exam or an ExtractedExam both fit). */
export interface ScorableExam {
  scoring?: Scoring;
  totalCredits?: number;
  problems: readonly { id: string; title?: string; credits: number; questions: readonly Question[] }[];
}

/** Keys and solver access for scoring a whole exam. */
export interface ScoreExamOptions {
  /** keys by question id (see GradeKey); omitted keys are read from `answers` */
  keys?: Readonly<Record<string, GradeKey>>;
  /** each question's solver answers by question id (keys, mistake paths) */
  answers?: Readonly<Record<string, Readonly<Record<string, AnswerValue>>>>;
  /** re-solves a question's solver with other params, for consequential marking */
  solve?: (question: Question, params: Record<string, unknown>) => { answers: Record<string, AnswerValue> } | undefined;
}

/** The score of one question in an exam. */
export interface QuestionScore {
  id: string;
  answered: boolean;
  result: GradeResult;
  /** set when the question's key is missing or does not fit (a content error): the question scores 0 */
  keyError?: string;
}

/** The score of one problem. */
export interface ProblemScore {
  id: string;
  title: string;
  credits: number;
  maxCredits: number;
  questions: QuestionScore[];
}

/** The score of an exam: totals and a per-problem breakdown. */
export interface ExamScore {
  credits: number;
  maxCredits: number;
  /** credits / maxCredits, 0 when the exam has no credits */
  fraction: number;
  answered: number;
  invalid: number;
  problems: ProblemScore[];
}

/**
 * Scores every question of an exam with the exam's scoring rules. Unanswered questions (no response
 * at all) earn 0 and are counted apart; invalid ones earn 0 and are flagged `invalid`.
 */
export function scoreExam(
  exam: ScorableExam,
  responses: Readonly<Record<string, unknown>>,
  options: ScoreExamOptions = {},
): ExamScore {
  const questions = Object.fromEntries(exam.problems.flatMap((p) => p.questions.map((q) => [q.id, q])));
  let answered = 0;
  let invalid = 0;
  const problems = exam.problems.map((problem): ProblemScore => {
    const scores = problem.questions.map((question): QuestionScore => {
      const response = responses[question.id];
      if (response === undefined) {
        return {
          id: question.id,
          answered: false,
          result: { credits: 0, maxCredits: question.credits, verdict: 'incorrect', feedback: ['Not answered.'] },
        };
      }
      answered++;
      const context: GradeContext = {
        scoring: exam.scoring ?? defaultScoring,
        answers: options.answers?.[question.id],
        responses,
        questions,
        solve: options.solve ? (params) => options.solve?.(question, params) : undefined,
      };
      let result: GradeResult;
      try {
        result = grade(question, response, options.keys?.[question.id], context);
      } catch (error) {
        // One broken key (say, a solver that failed to load) must not stop the whole exam from being scored.
        if (!(error instanceof GradeKeyError)) throw error;
        const feedback = ['This question cannot be graded right now; its answer key is missing.'];
        return {
          id: question.id,
          answered: true,
          keyError: error.message,
          result: { credits: 0, maxCredits: question.credits, verdict: 'invalid', feedback },
        };
      }
      if (result.verdict === 'invalid') invalid++;
      return { id: question.id, answered: true, result };
    });
    return {
      id: problem.id,
      title: problem.title ?? '',
      credits: sum(scores.map((s) => s.result.credits)),
      maxCredits: sum(problem.questions.map((q) => q.credits)),
      questions: scores,
    };
  });
  const credits = sum(problems.map((p) => p.credits));
  const maxCredits = sum(problems.map((p) => p.maxCredits));
  return { credits, maxCredits, fraction: maxCredits > 0 ? credits / maxCredits : 0, answered, invalid, problems };
}

// Credits are multiples of small fractions; rounding to 1e-9 keeps 0.1 + 0.2 noise out of totals.
function sum(values: number[]): number {
  return Math.round(values.reduce((a, b) => a + b, 0) * 1e9) / 1e9;
}
