/**
 * Classification metrics from the cells TP/FP/FN/TN or from a k × k confusion matrix (one class
 * against the rest, plus per-class and macro averages). Missing cells can be derived from the total
 * number of samples and the accuracy (as in the DL exam: T = 1000, TP, FN and 84 % accuracy).
 *
 * Answers: `tp`, `fp`, `fn`, `tn`, `total`, `accuracy` (diagonal / total for a matrix), `precision`,
 * `recall`, `sensitivity`, `specificity`, `f1`, `falsePositiveRate`, `confusionMatrix`; with a matrix
 * also `perClassPrecision`, `perClassRecall`, `perClassF1`, `macroPrecision`, `macroRecall`,
 * `macroF1`. Typical mistakes: `recallAsSpecificity`, `precisionAsRecall`.
 */
import { z } from 'zod';
import { defineSolver } from './define.js';
import { num } from './format.js';
import { VariantRandom } from './random.js';
import type { Step } from './types.js';

const cell = (description: string) => z.int().min(0).max(1e9).describe(description);

const params = z
  .object({
    tp: cell('true positives').optional(),
    fn: cell('false negatives').optional(),
    fp: cell('false positives (leave out to derive it from total and accuracy)').optional(),
    tn: cell('true negatives (leave out to derive it from total and accuracy)').optional(),
    total: z.int().min(1).max(1e9).optional().describe('number of test samples, when a cell is derived'),
    accuracy: z.number().min(0).max(1).optional().describe('accuracy as a fraction (0.84), when a cell is derived'),
    matrix: z
      .array(z.array(cell('count')).min(2).max(20))
      .min(2)
      .max(20)
      .optional()
      .describe(
        'a k × k confusion matrix instead of the cells: rows are the actual classes, columns the predicted ones',
      ),
    positive: z
      .int()
      .min(0)
      .max(19)
      .default(0)
      .describe('with a matrix: the index of the positive class (one vs. rest)'),
    classNames: z.array(z.string().min(1)).optional().describe('with a matrix: names of the classes'),
  })
  .superRefine((p, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (p.matrix) {
      const k = p.matrix.length;
      if (p.matrix.some((row) => row.length !== k)) issue('matrix', `must be square (${k} × ${k})`);
      if (p.positive >= k) issue('positive', `must be a class index below ${k}`);
      if (p.classNames && p.classNames.length !== k) issue('classNames', `needs ${k} names`);
      return;
    }
    if (p.tp === undefined || p.fn === undefined)
      issue(p.tp === undefined ? 'tp' : 'fn', 'give tp and fn, or a confusion matrix');
    if (!((p.fp !== undefined && p.tn !== undefined) || (p.total !== undefined && p.accuracy !== undefined))) {
      issue('fp', 'give fp and tn, or total and accuracy to derive them');
    }
  });
type Params = z.infer<typeof params>;

/** The four one-vs-rest cells of a k × k matrix. */
function cellsOfMatrix(
  m: number[][],
  positive: number,
  names: string[],
): { tp: number; fp: number; fn: number; tn: number; derived: Step[] } {
  const total = m.flat().reduce((a, b) => a + b, 0);
  const tp = m[positive][positive];
  const fn = m[positive].reduce((a, b) => a + b, 0) - tp;
  const fp = m.reduce((a, row) => a + row[positive], 0) - tp;
  const tn = total - tp - fn - fp;
  return {
    tp,
    fp,
    fn,
    tn,
    derived:
      m.length > 2
        ? [
            {
              title: `One vs. rest for "${names[positive]}"`,
              text: `TP is the diagonal cell of "${names[positive]}", FN the rest of its row (actual ${names[positive]}, predicted otherwise), FP the rest of its column, TN everything else.`,
            },
          ]
        : [],
  };
}

/** The four cells, derived where needed. */
function cells(p: Params): { tp: number; fp: number; fn: number; tn: number; derived: Step[] } {
  const derived: Step[] = [];
  const tp = p.tp as number;
  const fn = p.fn as number;
  let { fp, tn } = p;
  if (fp === undefined || tn === undefined) {
    const total = p.total as number;
    const correct = Math.round((p.accuracy as number) * total);
    if (tn === undefined) {
      tn = fp === undefined ? correct - tp : total - tp - fn - fp;
      derived.push({
        title: fp === undefined ? 'True negatives from the accuracy' : 'True negatives from the total',
        latex:
          fp === undefined
            ? `TN = \\text{acc} \\cdot T - TP = ${num(p.accuracy as number)} \\cdot ${total} - ${tp} = ${tn}`
            : `TN = T - TP - FN - FP = ${total} - ${tp} - ${fn} - ${fp} = ${tn}`,
        text: 'The correctly classified samples are the true positives and the true negatives.',
      });
    }
    if (fp === undefined) {
      fp = total - tp - fn - tn;
      derived.push({
        title: 'False positives from the total',
        latex: `FP = T - TP - FN - TN = ${total} - ${tp} - ${fn} - ${tn} = ${fp}`,
      });
    }
    if (tn < 0 || fp < 0) {
      throw new Error(
        `total ${total} and accuracy ${p.accuracy} are inconsistent with TP = ${tp}, FN = ${fn}: a derived cell is negative`,
      );
    }
  }
  return { tp, fp, fn, tn, derived };
}

/** Per-class precision, recall and F1 of a k × k matrix, and their unweighted (macro) means. */
function perClass(matrix: number[][] | undefined, notes: string[]): Record<string, number[] | number> {
  if (!matrix) return {};
  const k = matrix.length;
  const rows = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const cols = matrix[0].map((_, j) => matrix.reduce((a, row) => a + row[j], 0));
  const precision = matrix.map((row, c) => ratio(row[c], cols[c], `Precision of class ${c}`, notes));
  const recall = matrix.map((row, c) => ratio(row[c], rows[c], `Recall of class ${c}`, notes));
  const f1 = matrix.map((row, c) => ratio(2 * row[c], rows[c] + cols[c], `F1 of class ${c}`, notes));
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / k;
  return {
    perClassPrecision: precision,
    perClassRecall: recall,
    perClassF1: f1,
    macroPrecision: mean(precision),
    macroRecall: mean(recall),
    macroF1: mean(f1),
  };
}

/** a / b, or 0 with a note when b is 0 (scikit-learn's zero_division=0). */
function ratio(a: number, b: number, name: string, notes: string[]): number {
  if (b === 0) {
    notes.push(`${name} is undefined here (division by zero); it is reported as 0, as scikit-learn does by default.`);
    return 0;
  }
  return a / b;
}

export default defineSolver<Params>({
  name: 'confusion-metrics',
  title: 'Accuracy, precision, recall, specificity and F1',
  topics: ['metrics'],
  params,
  defaults: params.parse({ tp: 450, fn: 50, total: 1000, accuracy: 0.84 }),
  generate(seed) {
    const r = new VariantRandom(seed);
    const scale = r.pick([10, 20, 50, 100]);
    const c = { tp: r.int(1, 9) * scale, fn: r.int(1, 5) * scale, fp: r.int(1, 5) * scale, tn: r.int(1, 9) * scale };
    if (r.chance(0.3)) {
      const k = r.int(2, 3);
      return params.parse({ matrix: r.matrix(k, k, () => r.int(1, 9) * scale), positive: r.int(0, k - 1) });
    }
    if (r.chance(0.5)) return params.parse(c);
    const total = c.tp + c.fn + c.fp + c.tn;
    return params.parse({ tp: c.tp, fn: c.fn, total, accuracy: (c.tp + c.tn) / total });
  },
  solve(p) {
    const names = p.matrix ? (p.classNames ?? p.matrix.map((_, i) => `class ${i}`)) : ['positive', 'negative'];
    const { tp, fp, fn, tn, derived } = p.matrix ? cellsOfMatrix(p.matrix, p.positive, names) : cells(p);
    const notes: string[] = [];
    const total = tp + fp + fn + tn;
    const trace = p.matrix ? p.matrix.reduce((a, row, i) => a + row[i], 0) : tp + tn;
    const accuracy = ratio(trace, total, 'Accuracy', notes);
    const precision = ratio(tp, tp + fp, 'Precision', notes);
    const recall = ratio(tp, tp + fn, 'Recall', notes);
    const specificity = ratio(tn, tn + fp, 'Specificity', notes);
    const f1 = ratio(2 * tp, 2 * tp + fp + fn, 'F1', notes);
    const steps: Step[] = [
      ...derived,
      {
        title: 'Confusion matrix',
        table: {
          columns: ['', 'predicted positive', 'predicted negative'],
          rows: [
            ['actual positive', `TP = ${tp}`, `FN = ${fn}`],
            ['actual negative', `FP = ${fp}`, `TN = ${tn}`],
          ],
        },
        chart: 'confusion',
      },
      p.matrix && p.matrix.length > 2
        ? {
            title: 'Accuracy',
            latex: `\\frac{\\text{diagonal}}{T} = \\frac{${trace}}{${total}} = ${num(accuracy)}`,
            text: 'All correctly classified samples (the diagonal) over all samples.',
          }
        : { title: 'Accuracy', latex: `\\frac{TP + TN}{T} = \\frac{${tp} + ${tn}}{${total}} = ${num(accuracy)}` },
      { title: 'Precision', latex: `\\frac{TP}{TP + FP} = \\frac{${tp}}{${tp} + ${fp}} = ${num(precision)}` },
      {
        title: 'Recall (sensitivity, true positive rate)',
        latex: `\\frac{TP}{TP + FN} = \\frac{${tp}}{${tp} + ${fn}} = ${num(recall)}`,
      },
      {
        title: 'Specificity (true negative rate)',
        latex: `\\frac{TN}{TN + FP} = \\frac{${tn}}{${tn} + ${fp}} = ${num(specificity)}`,
      },
      {
        title: 'F1 score',
        latex: `F_1 = \\frac{2 \\cdot \\text{precision} \\cdot \\text{recall}}{\\text{precision} + \\text{recall}} = \\frac{2TP}{2TP + FP + FN} = \\frac{${2 * tp}}{${2 * tp + fp + fn}} = ${num(f1)}`,
      },
    ];
    return {
      answers: {
        tp,
        fp,
        fn,
        tn,
        total,
        accuracy,
        precision,
        recall,
        sensitivity: recall,
        specificity,
        f1,
        falsePositiveRate: 1 - specificity,
        confusionMatrix: p.matrix ?? [
          [tp, fn],
          [fp, tn],
        ],
        ...perClass(p.matrix, notes),
        // Typical mistakes: the two rates swapped.
        recallAsSpecificity: specificity,
        precisionAsRecall: recall,
      },
      steps,
      charts: {
        confusion: {
          kind: 'heatmap',
          data: p.matrix
            ? { values: p.matrix, rowLabels: names, colLabels: names }
            : {
                values: [
                  [tp, fn],
                  [fp, tn],
                ],
                rowLabels: ['actual positive', 'actual negative'],
                colLabels: ['predicted positive', 'predicted negative'],
              },
          options: {
            title: 'Confusion matrix',
            description: `TP ${tp}, FN ${fn}, FP ${fp}, TN ${tn}`,
            xLabel: 'predicted',
            yLabel: 'actual',
          },
        },
      },
      notes: notes.length ? notes : undefined,
    };
  },
});
