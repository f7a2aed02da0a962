// Build time: the topics and exams with the credits all their questions are worth, which the
// progress widgets divide the student's best credits by (mastery).
import { topics } from '@i2dl/exams';
import { allQuestions, examYear } from '../content';
import type { MasteryGroup } from '../progress/mastery';

/** Topics (those asked at least once) and exams as mastery groups; with `topic`, the exams count only its questions. */
export async function masteryGroups(topic?: string): Promise<{ topics: MasteryGroup[]; exams: MasteryGroup[] }> {
  const all = await allQuestions();
  const questions = topic ? all.filter((q) => (q.question.topics as readonly string[]).includes(topic)) : all;
  const total = (list: typeof questions) => list.reduce((sum, q) => sum + q.question.credits, 0);
  const topicGroups = topics
    .map((t) => ({
      id: t.id,
      title: t.title,
      totalCredits: total(questions.filter((q) => q.question.topics.includes(t.id))),
    }))
    .filter((g) => g.totalCredits > 0);
  const examIds = [...new Set(questions.map((q) => q.exam.id))];
  const examGroups = examIds.map((id) => {
    const of = questions.filter((q) => q.exam.id === id);
    // Several exams share a title ("Endterm"): course code and year tell them apart.
    const exam = of[0].exam;
    return { id, title: `${exam.course.code ?? exam.title} ${examYear(exam)}`, totalCredits: total(of) };
  });
  return { topics: topicGroups, exams: examGroups };
}
