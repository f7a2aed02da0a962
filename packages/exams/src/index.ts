/**
 * @i2dl/exams: what a question is, how an answer is read and graded, and how exam content is read.
 * See the package README for every question kind, the scoring strategies and the CLI.
 */

/** The package version. */
export const version = '0.1.0';

export { answerAt } from './answer-path.js';
export { extractExam } from './content/extract.js';
export type { StaticValue } from './content/static-value.js';
export type {
  ContentIssue,
  ExtractedErratum,
  ExtractedExam,
  ExtractedFigure,
  ExtractedProblem,
  ExtractedQuestion,
  ExtractedSteps,
  SourcePosition,
} from './content/types.js';
export { componentNames, componentProps } from './content/vocabulary.js';
export type { ExamScore, ProblemScore, QuestionScore, ScorableExam, ScoreExamOptions } from './grade/exam.js';
export { scoreExam } from './grade/exam.js';
export type { GradeContext, GradeKey } from './grade/grade.js';
export { blankCredits, GradeKeyError, grade, keyFromAnswers } from './grade/grade.js';
export { responseForKey } from './grade/key-response.js';
export type { PreparedGrading } from './grade/prepare.js';
export { prepareGrading } from './grade/prepare.js';
export type { GradeResult, Verdict } from './grade/result.js';
export { formatNumber } from './grade/result.js';
export type { NumericMatch } from './grade/tolerance.js';
export { compareNumber, defaultTolerance } from './grade/tolerance.js';
export type { ExprTree } from './parse/expression.js';
export { evaluateExpression, expressionFunctions, parseExpression } from './parse/expression.js';
export { parseMatrix } from './parse/matrix.js';
export type { NumberOptions } from './parse/number.js';
export { parseInteger, parseNumber } from './parse/number.js';
export type { BlankSpec, ResponseSpec, ResponseValue, ResponseValues } from './parse/response.js';
export { parseResponse } from './parse/response.js';
export type { ParseResult } from './parse/result.js';
export { MAX_RESPONSE_LENGTH } from './parse/result.js';
export { parseShape } from './parse/shape.js';
export type { Exam, ExamFrontmatter, Problem } from './schema/exam.js';
export { examFrontmatterSchema, examIdSchema, examSchema, problemSchema, topicsOf } from './schema/exam.js';
export type {
  Blank,
  ChoiceOption,
  Consequential,
  Criterion,
  Mistake,
  Question,
  QuestionInput,
  QuestionKind,
  QuestionOf,
  SolverKeyedKind,
  Tolerance,
} from './schema/question.js';
export {
  answerPathSchema,
  blankKinds,
  blankSchema,
  blanksQuestionSchema,
  consequentialSchema,
  expressionQuestionSchema,
  freeTextQuestionSchema,
  integerQuestionSchema,
  matrixQuestionSchema,
  mistakeSchema,
  multipleChoiceQuestionSchema,
  numericQuestionSchema,
  orderingQuestionSchema,
  questionKinds,
  questionSchema,
  shapeQuestionSchema,
  singleChoiceQuestionSchema,
  solverKeyedKinds,
  toleranceSchema,
  trueFalseQuestionSchema,
} from './schema/question.js';
export type { MultipleChoiceStrategy, Scoring } from './schema/scoring.js';
export { defaultScoring, multipleChoiceStrategySchema, roundCredits, scoringSchema } from './schema/scoring.js';
export type { RegistrySolver, SolverRegistry } from './solver-registry.js';
export { defaultSolverRegistry } from './solver-registry.js';
export * from './solvers/index.js';
export type { Topic, TopicId } from './topics.js';
export { topicIdSchema, topicIds, topics } from './topics.js';
export type { FileValidation, ValidateOptions, ValidatorSolver } from './validate/validate.js';
export { formatIssue, kindMismatch, validateExamSource, validateExamSources } from './validate/validate.js';
