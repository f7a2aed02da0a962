import { z } from 'zod';
import type { TopicId } from '../topics.js';
import { questionSchema } from './question.js';
import { scoringSchema } from './scoring.js';

const nonEmpty = (what: string) =>
  z
    .string({ error: `expected ${what} as text` })
    .trim()
    .min(1, `${what} cannot be empty`);

/** Exam ids are kebab-case: they are the file name and the URL. */
export const examIdSchema = z
  .string({ error: 'expected the exam id as text' })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an exam id is kebab-case: lowercase letters, digits and single dashes');

/**
 * The exam date: ISO `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when only that much is printed, or null when the
 * exam does not say (the page says so). YAML may hand over a Date; it is turned back into the string.
 */
const examDateSchema = z.preprocess(
  (v) =>
    v instanceof Date && !Number.isNaN(v.getTime())
      ? v.toISOString().slice(0, 10)
      : typeof v === 'number'
        ? String(v)
        : v,
  z
    .string({ error: 'expected an ISO date YYYY-MM-DD (or YYYY-MM, YYYY, or null when the exam does not say)' })
    .refine(
      (s) => /^\d{4}(-\d{2}(-\d{2})?)?$/.test(s) && isRealDate(s),
      'expected a real ISO date YYYY-MM-DD (or YYYY-MM, YYYY, or null when the exam does not say)',
    )
    .nullable(),
);

function isRealDate(text: string): boolean {
  const full = text.length === 4 ? `${text}-01-01` : text.length === 7 ? `${text}-01` : text;
  const time = Date.parse(full);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(full);
}

/** The frontmatter of an exam file. */
export const examFrontmatterSchema = z
  .object({
    id: examIdSchema,
    title: nonEmpty('title'),
    course: z.object(
      { code: z.string().optional(), name: nonEmpty('course name') },
      { error: 'expected course: { code?, name }' },
    ),
    institution: z.object(
      {
        name: nonEmpty('institution name'),
        /** true when the exam does not say it */
        inferred: z.boolean({ error: 'institution.inferred is true or false' }),
      },
      { error: 'expected institution: { name, inferred }' },
    ),
    date: examDateSchema,
    examiners: z.array(z.string()).default([]),
    /** null when the exam does not say */
    durationMinutes: z
      .number({ error: 'expected durationMinutes as a number (or null when the exam does not say)' })
      .int()
      .positive()
      .nullable(),
    totalCredits: z.number({ error: 'expected totalCredits as a number' }).positive(),
    allowedResources: z.array(z.string()).default([]),
    instructions: z.array(z.string()).default([]),
    scoring: scoringSchema.default({ multipleChoice: 'all-or-nothing' }),
    source: z.object(
      {
        seed: z.string().optional(),
        officialSolution: z.boolean({ error: 'source.officialSolution is true or false' }),
        notes: z.string().optional(),
      },
      { error: 'expected source: { seed?, officialSolution, notes? }' },
    ),
  })
  .strict();
/** Exam frontmatter (parsed). */
export type ExamFrontmatter = z.infer<typeof examFrontmatterSchema>;

/** A problem: a titled group of questions; its topics are the union of its questions' topics. */
export const problemSchema = z
  .object({
    id: z.string().min(1),
    title: z.string().default(''),
    credits: z.number().nonnegative(),
    text: z.string().default(''),
    solver: z.string().optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    questions: z.array(questionSchema),
  })
  .transform((p) => ({ ...p, topics: topicsOf(p.questions) }));
/** A problem (parsed, with derived topics). */
export type Problem = z.infer<typeof problemSchema>;

/** A whole exam: frontmatter plus problems in order. */
export const examSchema = examFrontmatterSchema.extend({ problems: z.array(problemSchema) });
/** An exam (parsed). */
export type Exam = z.infer<typeof examSchema>;

/** The distinct topics of some questions, in first-seen order. */
export function topicsOf(questions: readonly { topics: readonly TopicId[] }[]): TopicId[] {
  return [...new Set(questions.flatMap((q) => q.topics))];
}
