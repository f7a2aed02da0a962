import type { QuestionKind } from '../schema/question.js';

/** The MDX components of the content vocabulary (CONTRIBUTING.md) and the props each accepts. */
export const componentProps = {
  Problem: ['id', 'title', 'credits', 'solver', 'params'],
  Question: [
    'id',
    'kind',
    'credits',
    'topics',
    'solver',
    'params',
    'consequential',
    'scoring',
    'answer',
    'tolerance',
    'unit',
    'variables',
    'order',
    'orders',
    'constraints',
  ],
  Option: ['id', 'correct'],
  Why: [],
  Item: ['id'],
  Blank: ['id', 'kind', 'label', 'answer', 'tolerance', 'credits', 'unit', 'variables'],
  ModelAnswer: [],
  Rubric: [],
  Criterion: ['id', 'credits'],
  Solution: [],
  Steps: ['only'],
  Mistake: ['answer', 'match', 'credits', 'blank'],
  Figure: ['chart', 'data', 'caption', 'reconstructed', 'assumption', 'title', 'options'],
  Erratum: ['printed', 'answer'],
} as const satisfies Record<string, readonly string[]>;

/** A component name of the vocabulary. */
export type ComponentName = keyof typeof componentProps;

/** Every component name. */
export const componentNames = Object.keys(componentProps) as ComponentName[];

/** Is this JSX name one of ours? */
export const isComponentName = (name: string): name is ComponentName => Object.hasOwn(componentProps, name);

/** Which components may appear directly inside which (markdown around them is always fine). */
export const allowedChildren: Record<ComponentName | 'root', readonly ComponentName[]> = {
  root: ['Problem'],
  Problem: ['Question', 'Figure', 'Erratum'],
  Question: ['Option', 'Item', 'Blank', 'ModelAnswer', 'Rubric', 'Solution', 'Mistake', 'Figure', 'Erratum'],
  Option: ['Why'],
  Why: [],
  Item: [],
  Blank: [],
  ModelAnswer: ['Figure'],
  Rubric: ['Criterion'],
  Criterion: [],
  Solution: ['Steps', 'Figure', 'Erratum'],
  Steps: [],
  Mistake: [],
  Figure: [],
  Erratum: [],
};

/** Question props beyond the common ones (id, kind, credits, topics, solver, params, consequential), per kind. */
export const kindProps: Record<QuestionKind, readonly string[]> = {
  'multiple-choice': ['scoring'],
  'single-choice': [],
  'true-false': ['answer'],
  ordering: ['order', 'orders', 'constraints'],
  numeric: ['answer', 'tolerance', 'unit'],
  integer: ['answer'],
  shape: ['answer'],
  expression: ['answer', 'variables'],
  matrix: ['answer', 'tolerance'],
  blanks: [],
  'free-text': [],
};

/** Chart kinds `@i2dl/viz` draws (docs/contracts.md), for `<Figure chart="...">`. */
export const chartKinds = [
  'line',
  'function',
  'scatter',
  'histogram',
  'small-multiples',
  'heatmap',
  'contour',
  'network',
  'graph',
  'receptive-field',
  'bar',
] as const;
