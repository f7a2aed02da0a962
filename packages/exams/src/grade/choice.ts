import type { ChoiceOption } from '../schema/question.js';
import type { MultipleChoiceStrategy } from '../schema/scoring.js';

/** Counts of a multiple-choice response against its key. */
export interface TickCounts {
  /** correct options */
  correct: number;
  /** ticked correct options */
  rightTicks: number;
  /** ticked incorrect options */
  wrongTicks: number;
  /** boxes in the right state (ticked iff correct) */
  rightBoxes: number;
  options: number;
}

/** Counts ticks of a multiple-choice response. */
export function countTicks(options: readonly ChoiceOption[], ticked: readonly string[]): TickCounts {
  const set = new Set(ticked);
  let rightTicks = 0;
  let wrongTicks = 0;
  let rightBoxes = 0;
  for (const o of options) {
    const isTicked = set.has(o.id);
    if (isTicked && o.correct) rightTicks++;
    if (isTicked && !o.correct) wrongTicks++;
    if (isTicked === o.correct) rightBoxes++;
  }
  return {
    correct: options.filter((o) => o.correct).length,
    rightTicks,
    wrongTicks,
    rightBoxes,
    options: options.length,
  };
}

/** The share of the credits [0, 1] a multiple-choice response earns under a strategy. */
export function multipleChoiceFraction(strategy: MultipleChoiceStrategy, c: TickCounts): number {
  const perfect = c.rightBoxes === c.options;
  switch (strategy) {
    case 'all-or-nothing':
      return perfect ? 1 : 0;
    case 'each-answer':
      return c.rightBoxes / c.options;
    case 'net-correct':
      // With no correct option, the only right answer is no tick at all.
      if (c.correct === 0) return c.wrongTicks === 0 ? 1 : 0;
      return Math.max(0, c.rightTicks - c.wrongTicks) / c.correct;
    case 'coverage': {
      if (c.correct === 0) return c.wrongTicks === 0 ? 1 : 0;
      const ticks = c.rightTicks + c.wrongTicks;
      return ticks === 0 ? 0 : (c.rightTicks / c.correct) * (c.rightTicks / ticks);
    }
  }
}
