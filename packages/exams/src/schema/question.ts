import { z } from 'zod';
import { topicIdSchema } from '../topics.js';
import { multipleChoiceStrategySchema } from './scoring.js';

const idSchema = z
  .string({ error: 'expected an id (text)' })
  .min(1, 'ids cannot be empty')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'ids use letters, digits, ".", "_" and "-" only');

const creditsSchema = z
  .number({ error: 'expected credits as a number, e.g. credits={2}' })
  .nonnegative('credits cannot be negative')
  .refine(Number.isFinite, 'credits must be finite');

/** A path into a solver's answers: `loss`, `h.2`, `W1.0.1`. */
export const answerPathSchema = z
  .string({ error: 'expected answer="path" into the solver\'s answers, e.g. answer="loss"' })
  .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/, 'an answer path looks like "loss", "h.2" or "W1.0.1"');

/** Numeric tolerance: correct if any given rule accepts the answer. */
export const toleranceSchema = z
  .object({
    /** |answer - key| <= abs */
    abs: z.number().nonnegative().optional(),
    /** |answer - key| <= rel × |key| */
    rel: z.number().nonnegative().optional(),
    /** agrees with the key to this many significant figures */
    sigFigs: z.number().int().min(1).max(15).optional(),
    /** agrees with the key to this many decimal places */
    decimals: z.number().int().min(0).max(15).optional(),
  })
  .strict()
  .refine((t) => Object.values(t).some((v) => v !== undefined), 'give at least one of abs, rel, sigFigs, decimals');
/** Numeric tolerance rules. */
export type Tolerance = z.infer<typeof toleranceSchema>;

/** A declarative answer test for a known wrong answer, checked in order (like STACK's potential response trees). */
export const mistakeSchema = z
  .object({
    /** a solver answer path whose value is the typical wrong answer */
    answer: answerPathSchema.optional(),
    /** a literal: an option id or set, an order, a value or shape */
    match: z.unknown().optional(),
    /** for blanks: which blank this mistake is about */
    blank: z.string().optional(),
    /** credits given for this answer (default 0) */
    credits: creditsSchema.optional(),
    /** Markdown shown when the mistake matches */
    feedback: z.string().min(1, 'a <Mistake> needs feedback text'),
  })
  .refine(
    (m) => (m.answer === undefined) !== (m.match === undefined),
    'a <Mistake> needs exactly one of answer or match',
  );
/** A known wrong answer with its feedback. */
export type Mistake = z.infer<typeof mistakeSchema>;

/** Grade against a key re-solved with the student's earlier answer: `from` is `"6.1"` or `"6.1#o1"` (blank o1). */
export const consequentialSchema = z.object({
  param: z.string().min(1),
  from: z.string().regex(/^[^#\s]+(#[^#\s]+)?$/, 'from is "<question id>" or "<question id>#<blank id>"'),
});
/** One consequential-marking link. */
export type Consequential = z.infer<typeof consequentialSchema>;

const optionSchema = z.object({
  id: idSchema,
  text: z.string().default(''),
  correct: z.boolean().default(false),
  why: z.string().optional(),
});
/** An option of a choice question. */
export type ChoiceOption = z.infer<typeof optionSchema>;

const questionBase = {
  id: idSchema,
  credits: creditsSchema,
  topics: z.array(topicIdSchema).min(1, 'every question needs at least one topic, e.g. topics={["cnn"]}'),
  /** the question's Markdown text */
  text: z.string().default(''),
  /** the worked solution's Markdown */
  solution: z.string().optional(),
  /** solver name (inherited from the problem when the question has none) */
  solver: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  mistakes: z.array(mistakeSchema).default([]),
  consequential: z.array(consequentialSchema).optional(),
};

const answerKey = { answer: answerPathSchema };

/** Multiple choice: any number of options correct, zero included. */
export const multipleChoiceQuestionSchema = z.object({
  ...questionBase,
  kind: z.literal('multiple-choice'),
  options: z.array(optionSchema).min(2, 'a choice question needs at least two <Option>s'),
  scoring: multipleChoiceStrategySchema.optional(),
});
/** Single choice: exactly one correct option; full credits or 0. */
export const singleChoiceQuestionSchema = z.object({
  ...questionBase,
  kind: z.literal('single-choice'),
  options: z
    .array(optionSchema)
    .min(2, 'a choice question needs at least two <Option>s')
    .refine(
      (o) => o.filter((x) => x.correct).length === 1,
      'a single-choice question needs exactly one correct option',
    ),
});
/** True or false. */
export const trueFalseQuestionSchema = z.object({
  ...questionBase,
  kind: z.literal('true-false'),
  answer: z.boolean({ error: 'a true-false question needs answer={true} or answer={false}' }),
});

const orderItemSchema = z.object({ id: idSchema, text: z.string().default('') });
/** Ordering: one accepted order, several, or precedence constraints [before, after]. */
export const orderingQuestionSchema = z
  .object({
    ...questionBase,
    kind: z.literal('ordering'),
    items: z.array(orderItemSchema).min(2, 'an ordering question needs at least two <Item>s'),
    order: z.array(z.string()).optional(),
    orders: z.array(z.array(z.string())).min(1).optional(),
    constraints: z
      .array(z.tuple([z.string(), z.string()]))
      .min(1)
      .optional(),
  })
  .superRefine((q, ctx) => {
    const keys = [q.order, q.orders, q.constraints].filter((k) => k !== undefined).length;
    if (keys !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['order'],
        message: 'an ordering question needs exactly one of order, orders or constraints',
      });
      return;
    }
    const ids = q.items.map((i) => i.id);
    const known = new Set(ids);
    const check = (list: string[], path: (string | number)[]) => {
      for (const id of list) {
        if (!known.has(id)) {
          ctx.addIssue({ code: 'custom', path, message: `unknown item "${id}"; the items are ${ids.join(', ')}` });
        }
      }
    };
    const orders = q.order ? [q.order] : (q.orders ?? []);
    orders.forEach((o, i) => {
      const path = q.order ? ['order'] : ['orders', i];
      check(o, path);
      if (o.length !== ids.length || new Set(o).size !== ids.length) {
        ctx.addIssue({ code: 'custom', path, message: 'an accepted order lists every item exactly once' });
      }
    });
    (q.constraints ?? []).forEach((c, i) => {
      check(c, ['constraints', i]);
    });
  });

/** Numeric answer, compared with a tolerance. */
export const numericQuestionSchema = z.object({
  ...questionBase,
  ...answerKey,
  kind: z.literal('numeric'),
  tolerance: toleranceSchema.optional(),
  unit: z.string().min(1).optional(),
});
/** Whole-number answer, exact. */
export const integerQuestionSchema = z.object({ ...questionBase, ...answerKey, kind: z.literal('integer') });
/** Shape or tuple answer: `8x8x5`, `(4, 3, 5, 5)`. */
export const shapeQuestionSchema = z.object({ ...questionBase, ...answerKey, kind: z.literal('shape') });

const variableName = z
  .string()
  .regex(/^[\p{L}_][\p{L}\p{N}_]*$/u, 'a variable name is a letter followed by letters, digits or _');
/** Symbolic expression, graded by evaluating at random points. */
export const expressionQuestionSchema = z.object({
  ...questionBase,
  ...answerKey,
  kind: z.literal('expression'),
  variables: z.array(variableName).default([]),
});
/** Matrix answer, entry by entry with a tolerance. */
export const matrixQuestionSchema = z.object({
  ...questionBase,
  ...answerKey,
  kind: z.literal('matrix'),
  tolerance: toleranceSchema.optional(),
});

/** Kinds a blank can have. */
export const blankKinds = ['numeric', 'integer', 'shape', 'expression', 'matrix'] as const;
/** One field of a fill-in-the-blanks question. */
export const blankSchema = z.object({
  id: idSchema,
  kind: z.enum(blankKinds, { error: `a <Blank> kind is one of ${blankKinds.join(', ')}` }),
  label: z.string().optional(),
  answer: answerPathSchema,
  tolerance: toleranceSchema.optional(),
  credits: creditsSchema.optional(),
  unit: z.string().min(1).optional(),
  variables: z.array(variableName).default([]),
});
/** One blank. */
export type Blank = z.infer<typeof blankSchema>;
/** Fill in the blanks: several fields, each with its own kind. */
export const blanksQuestionSchema = z.object({
  ...questionBase,
  kind: z.literal('blanks'),
  blanks: z.array(blankSchema).min(1, 'a blanks question needs at least one <Blank>'),
});

const criterionSchema = z.object({ id: idSchema, text: z.string().default(''), credits: creditsSchema });
/** One rubric criterion of a free-text question. */
export type Criterion = z.infer<typeof criterionSchema>;
/** Free text, self-graded against a rubric after reading the model answer. */
export const freeTextQuestionSchema = z.object({
  ...questionBase,
  kind: z.literal('free-text'),
  modelAnswer: z.string({ error: 'a free-text question needs a <ModelAnswer>' }).min(1, 'the <ModelAnswer> is empty'),
  rubric: z.array(criterionSchema).min(1, 'a free-text question needs a <Rubric> with <Criterion>s'),
});

/** Every question kind. */
export const questionKinds = [
  'multiple-choice',
  'single-choice',
  'true-false',
  'ordering',
  'numeric',
  'integer',
  'shape',
  'expression',
  'matrix',
  'blanks',
  'free-text',
] as const;
/** A question kind. */
export type QuestionKind = (typeof questionKinds)[number];

/** A question: a discriminated union on `kind`. */
export const questionSchema = z.discriminatedUnion('kind', [
  multipleChoiceQuestionSchema,
  singleChoiceQuestionSchema,
  trueFalseQuestionSchema,
  orderingQuestionSchema,
  numericQuestionSchema,
  integerQuestionSchema,
  shapeQuestionSchema,
  expressionQuestionSchema,
  matrixQuestionSchema,
  blanksQuestionSchema,
  freeTextQuestionSchema,
]);
/** A question of any kind (parsed). */
export type Question = z.infer<typeof questionSchema>;
/** A question as written (before defaults). */
export type QuestionInput = z.input<typeof questionSchema>;
/** The question of one kind. */
export type QuestionOf<K extends QuestionKind> = Extract<Question, { kind: K }>;

/** Kinds whose key is a solver answer (`answer="path"`). */
export const solverKeyedKinds = ['numeric', 'integer', 'shape', 'expression', 'matrix'] as const;
/** A kind whose key comes from a solver. */
export type SolverKeyedKind = (typeof solverKeyedKinds)[number];
