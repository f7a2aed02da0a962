/**
 * The shapes a solver exchanges with the rest of i2dl (docs/contracts.md, "Solvers").
 * `@i2dl/exams` does not import `@i2dl/viz`, so the chart spec is declared here structurally:
 * it is exactly what viz's `renderChart(spec)` accepts.
 */
import type { z } from 'zod';
import type { chartKinds } from '../content/vocabulary.js';
import type { TopicId } from '../topics.js';

export type { TopicId };

/** A value a question can be keyed with: a number, a flag, a formula or a shape/vector/matrix. */
export type AnswerValue = number | boolean | string | number[] | number[][] | string[];

/** Chart kinds drawn by `@i2dl/viz` (one list, in the content vocabulary). */
export type ChartKind = (typeof chartKinds)[number];

/** Options every chart takes; `title` becomes the SVG `<title>`. */
export interface ChartOptions {
  title: string;
  description?: string;
  width?: number;
  height?: number;
  /** Keeps SVG ids unique when two charts of one kind share a title on a page. */
  id?: string;
  [option: string]: unknown;
}

/** A serialisable chart for `renderChart` of `@i2dl/viz`; `data` is that kind's data type. */
export interface ChartSpec {
  kind: ChartKind;
  data: unknown;
  options?: ChartOptions;
}

/** One step of a worked solution. */
export interface Step {
  /** Markdown with `$math$`. */
  title: string;
  /** A display equation with the numbers filled in. */
  latex?: string;
  /** Markdown explanation. */
  text?: string;
  table?: { columns: string[]; rows: (string | number)[][] };
  /** Key into `SolverResult.charts`. */
  chart?: string;
}

/** What a solver computes for one set of parameters. */
export interface SolverResult {
  /** Looked up by questions with `answer="name"` or `answer="name.0.1"`. */
  answers: Record<string, AnswerValue>;
  /** The worked solution, in order. */
  steps: Step[];
  /** Figures, drawn with `@i2dl/viz`. */
  charts?: Record<string, ChartSpec>;
  /** Markdown, e.g. why a setting is invalid. */
  notes?: string[];
}

/** A named, parametrised solver: the source of every computed key on the site. */
export interface SolverDefinition<P> {
  /** kebab-case, unique: 'conv-output', 'mlp', ... */
  name: string;
  title: string;
  topics: TopicId[];
  /** Validates contributor and URL params. */
  params: z.ZodType<P>;
  /** The default variant. */
  defaults: P;
  /** A fresh seeded variant with numbers a student can handle by hand. */
  generate(seed: number): P;
  /** Pure and deterministic. */
  solve(params: P): SolverResult;
}
