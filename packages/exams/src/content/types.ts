import type { Program } from 'estree';
import type { ExamFrontmatter } from '../schema/exam.js';
import type { Question } from '../schema/question.js';
import type { TopicId } from '../topics.js';
import type { StaticValue } from './static-value.js';

/** A problem found in content, for the validator and the site (docs/contracts.md). */
export interface ContentIssue {
  file: string;
  line: number;
  column?: number;
  /** what is wrong, e.g. `Question "2.3" field "answer"` or `frontmatter field "date"` */
  field: string;
  message: string;
  severity: 'error' | 'warning';
}

/** Where something starts in the source file (1-based). */
export interface SourcePosition {
  line: number;
  column: number;
}

/** A `<Figure>`: a chart kind and either a solver chart name or literal data. */
export interface ExtractedFigure {
  chart?: string;
  /** a solver chart name (string) or literal chart data */
  data?: StaticValue;
  caption?: string;
  reconstructed: boolean;
  assumption?: string;
  props: Record<string, StaticValue>;
  position: SourcePosition;
}

/** An `<Erratum>`: what the exam printed, the solver path of the consistent value, and the explanation. */
export interface ExtractedErratum {
  printed?: StaticValue;
  answer?: string;
  text: string;
  position: SourcePosition;
}

/** A `<Steps>` inside a solution. */
export interface ExtractedSteps {
  only?: string[];
  position: SourcePosition;
}

/** Content-only facts about a question or problem, next to its schema data. */
export interface ContentFacts {
  /** every prop as written (statically evaluated) */
  props: Record<string, StaticValue>;
  position: SourcePosition;
  /** positions of props and children by path: `answer`, `options.1`, `blanks.0`, `mistakes.2`, ... */
  positions: Record<string, SourcePosition>;
  figures: ExtractedFigure[];
  errata: ExtractedErratum[];
}

/** A question read from content: the schema's Question plus where it is and what it shows. */
export type ExtractedQuestion = Question &
  ContentFacts & {
    problemId: string;
    /** true when solver and params come from the problem */
    solverInherited: boolean;
    steps: ExtractedSteps[];
  };

/** A problem read from content. */
export interface ExtractedProblem extends ContentFacts {
  id: string;
  title: string;
  credits: number;
  /** the problem's Markdown text (outside its questions) */
  text: string;
  solver?: string;
  params?: Record<string, unknown>;
  topics: TopicId[];
  questions: ExtractedQuestion[];
}

/** An exam read from content: its frontmatter, problems and topics. */
export type ExtractedExam = ExamFrontmatter & {
  file: string;
  problems: ExtractedProblem[];
  topics: TopicId[];
  /** line of the frontmatter's `id` */
  position: SourcePosition;
};

/** mdast/MDX node shapes, as far as the reader uses them. */
export interface Point {
  line: number;
  column: number;
  offset?: number;
}
export interface MdNode {
  type: string;
  name?: string | null;
  value?: unknown;
  attributes?: MdAttribute[];
  children?: MdNode[];
  position?: { start: Point; end: Point };
  data?: { estree?: Program };
}
export interface MdAttribute {
  type: string;
  name?: string;
  value?: null | string | { type: string; value: string; data?: { estree?: Program } };
  position?: { start: Point; end: Point };
}
