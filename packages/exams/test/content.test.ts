import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { extractExam } from '../src/content/extract.js';
import { scoreExam } from '../src/grade/exam.js';
import { keyFromAnswers } from '../src/grade/grade.js';
import { responseForKey } from '../src/grade/key-response.js';
import { prepareGrading } from '../src/grade/prepare.js';
import type { Question } from '../src/schema/question.js';
import { findExamFiles } from '../src/validate/files.js';

// The real exams in content/exams, read and graded through the public API with the real solvers:
// every question's own key, typed as a student would type it, must earn full credits.
const contentDir = join(import.meta.dirname, '..', '..', '..', 'content', 'exams');
const files = existsSync(contentDir) ? findExamFiles(contentDir) : [];

describe.runIf(files.length > 0)('real exams: every key grades as correct', () => {
  test.each(files.map((f) => [f.slice(contentDir.length + 1), f]))('%s', async (_name, file) => {
    const { exam, issues } = extractExam(readFileSync(file, 'utf8'), file);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    if (!exam) return;
    const prepared = await prepareGrading(exam);
    expect(prepared.problems).toEqual([]);
    const responses: Record<string, unknown> = {};
    for (const question of exam.problems.flatMap((p) => p.questions)) {
      const key = keyFromAnswers(question, prepared.answers[question.id]);
      responses[question.id] = responseForKey(question, key);
    }
    const score = scoreExam(exam, responses, prepared);
    const missed = score.problems.flatMap((p) =>
      p.questions.filter((q) => q.result.verdict !== 'correct').map((q) => `${q.id}: ${q.result.feedback.join(' ')}`),
    );
    expect(missed).toEqual([]);
    expect(score.credits).toBe(exam.totalCredits);

    // A perturbed key must not grade as correct.
    const wrong: Record<string, unknown> = {};
    for (const question of exam.problems.flatMap((p) => p.questions)) {
      const right = responses[question.id];
      wrong[question.id] = perturb(question, right);
    }
    const perturbed = scoreExam(exam, wrong, prepared);
    const stillCorrect = perturbed.problems.flatMap((p) =>
      p.questions.filter((q) => q.result.verdict === 'correct' && q.result.maxCredits > 0).map((q) => q.id),
    );
    expect(stillCorrect).toEqual([]);
  });
});

/** A response that differs from the right one in a way every kind's grader must notice. */
function perturb(question: Question, right: unknown): unknown {
  switch (question.kind) {
    case 'multiple-choice': {
      const ticked = new Set(right as string[]);
      const first = question.options[0].id;
      if (ticked.has(first)) ticked.delete(first);
      else ticked.add(first);
      return [...ticked];
    }
    case 'single-choice':
      return question.options.find((o) => o.id !== right)?.id;
    case 'true-false':
      return String(right !== 'true');
    case 'ordering':
      return [...(right as string[])].reverse();
    case 'free-text':
      return [];
    case 'blanks': {
      const values = { ...(right as Record<string, string>) };
      const first = question.blanks[0];
      values[first.id] = perturbText(first.kind, values[first.id]);
      return values;
    }
    default:
      return perturbText(question.kind, right as string);
  }
}

function perturbText(kind: string, text: string): string {
  if (kind === 'expression') return `(${text}) + 1`;
  if (kind === 'shape') return text.replace(/\d+/, (d) => String(Number(d) + 1));
  if (kind === 'matrix') return text.replace(/-?[\d.e+-]+/, (n) => String(Number(n) * 1.5 + 1));
  return String(Number(text) * 1.5 + 1);
}
