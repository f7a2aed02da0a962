// Mastery: the share of a topic's (or an exam's) credits the student has earned at their best.
// Unseen questions count as 0, so mastery grows with coverage as well as with accuracy.
import type { Progress } from './schema';

/** A group of questions (a topic or an exam) with the credits all its questions are worth. */
export interface MasteryGroup {
  id: string;
  title: string;
  /** the sum of the credits of every question in the group */
  totalCredits: number;
}

/** Mastery of one group. */
export interface Mastery extends MasteryGroup {
  earned: number;
  /** earned / totalCredits in [0, 1]; 0 for a group without credits */
  mastery: number;
  attempted: number;
}

/** Mastery per group; `member(entry, groupId)` says whether a question belongs to the group. */
export function masteryBy(
  progress: Progress,
  groups: readonly MasteryGroup[],
  member: (entry: Progress['questions'][string], groupId: string) => boolean,
): Mastery[] {
  return groups.map((group) => {
    const entries = Object.values(progress.questions).filter((q) => q.attempts > 0 && member(q, group.id));
    const earned = entries.reduce((sum, q) => sum + q.bestCredits, 0);
    const mastery = group.totalCredits > 0 ? Math.min(1, earned / group.totalCredits) : 0;
    return { ...group, earned, mastery, attempted: entries.length };
  });
}

/** Mastery per topic. */
export const topicMastery = (progress: Progress, topics: readonly MasteryGroup[]) =>
  masteryBy(progress, topics, (q, id) => q.topics.includes(id));

/** Mastery per exam. */
export const examMastery = (progress: Progress, exams: readonly MasteryGroup[]) =>
  masteryBy(progress, exams, (q, id) => q.examId === id);
