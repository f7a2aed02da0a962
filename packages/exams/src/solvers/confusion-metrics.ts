/**
 * Binary classification metrics from a confusion matrix. Missing cells can be derived from the
 * total number of samples and the accuracy (as in the DL exam: T = 1000, TP, FN and 84 % accuracy).
 */
import { z } from 'zod';
import { defineSolver } from './define.js';
import { num } from './format.js';
import { VariantRandom } from './random.js';
import type { Step } from './types.js';

const cell = (description: string) => z.int().min(0).max(1e9).describe(description);

const params = z
  .object({
    tp: cell('true positives'),
    fn: cell('false negatives'),
    fp: cell('false positives (leave out to derive it from total and accuracy)').optional(),
    tn: cell('true negatives (leave out to derive it from total and accuracy)').optional(),
    total: z.int().min(1).max(1e9).optional().describe('number of test samples, when a cell is derived'),
    accuracy: z.number().min(0).max(1).optional().describe('accuracy as a fraction (0.84), when a cell is derived'),
  })
  .refine((p) => (p.fp !== undefined && p.tn !== undefined) || (p.total !== undefined && p.accuracy !== undefined), {
    message: 'give fp and tn, or total and accuracy to derive them',
    path: ['fp'],
  });
type Params = z.infer<typeof params>;

/** The four cells, derived where needed. */
function cells(p: Params): { tp: number; fp: number; fn: number; tn: number; derived: Step[] } {
  const derived: Step[] = [];
  let { fp, tn } = p;
  if (fp === undefined || tn === undefined) {
    const total = p.total as number;
    const correct = Math.round((p.accuracy as number) * total);
    if (tn === undefined) {
      tn = fp === undefined ? correct - p.tp : total - p.tp - p.fn - fp;
      derived.push({
        title: 'True negatives from the accuracy',
        latex: `TN = \\text{acc} \\cdot T - TP = ${num(p.accuracy as number)} \\cdot ${total} - ${p.tp} = ${tn}`,
        text: 'The correctly classified samples are the true positives and the true negatives.',
      });
    }
    if (fp === undefined) {
      fp = total - p.tp - p.fn - tn;
      derived.push({
        title: 'False positives from the total',
        latex: `FP = T - TP - FN - TN = ${total} - ${p.tp} - ${p.fn} - ${tn} = ${fp}`,
      });
    }
    if (tn < 0 || fp < 0) {
      throw new Error(
        `total ${total} and accuracy ${p.accuracy} are inconsistent with TP = ${p.tp}, FN = ${p.fn}: a derived cell is negative`,
      );
    }
  }
  return { tp: p.tp, fp, fn: p.fn, tn, derived };
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
    if (r.chance(0.5)) return params.parse(c);
    const total = c.tp + c.fn + c.fp + c.tn;
    return params.parse({ tp: c.tp, fn: c.fn, total, accuracy: (c.tp + c.tn) / total });
  },
  solve(p) {
    const { tp, fp, fn, tn, derived } = cells(p);
    const notes: string[] = [];
    const total = tp + fp + fn + tn;
    const accuracy = ratio(tp + tn, total, 'Accuracy', notes);
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
      { title: 'Accuracy', latex: `\\frac{TP + TN}{T} = \\frac{${tp} + ${tn}}{${total}} = ${num(accuracy)}` },
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
        confusionMatrix: [
          [tp, fn],
          [fp, tn],
        ],
        // Typical mistakes: the two rates swapped.
        recallAsSpecificity: specificity,
        precisionAsRecall: recall,
      },
      steps,
      charts: {
        confusion: {
          kind: 'heatmap',
          data: {
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
