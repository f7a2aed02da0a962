/**
 * Seeded parameter generation for solver variants. Everything random goes through core's
 * `Generator`, so a variant is the same in Node and in the browser for the same seed.
 */
import { Generator } from '@i2dl/core';

/** Draws hand-friendly numbers from one seeded stream. */
export class VariantRandom {
  private readonly generator: Generator;

  constructor(seed: number) {
    this.generator = new Generator(seed);
  }

  /** A float in [0, 1). */
  random(): number {
    return this.generator.random();
  }

  /** An integer in [low, high], both inclusive. */
  int(low: number, high: number): number {
    return low + Math.floor(this.random() * (high - low + 1));
  }

  /** A non-zero integer in [low, high]. */
  nonZeroInt(low: number, high: number): number {
    for (;;) {
      const v = this.int(low, high);
      if (v !== 0) return v;
    }
  }

  /** A multiple of `step` in [low, high] (e.g. step 0.5 gives -1, -0.5, 0, 0.5, ...). */
  stepped(low: number, high: number, step: number): number {
    const n = Math.round((high - low) / step);
    return Math.round((low + this.int(0, n) * step) * 1e9) / 1e9;
  }

  /** A one-decimal number in [low, high]. */
  oneDecimal(low: number, high: number): number {
    return this.stepped(low, high, 0.1);
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  /** true with probability `p`. */
  chance(p = 0.5): boolean {
    return this.random() < p;
  }

  /** `n` values from `draw`. */
  vector(n: number, draw: () => number): number[] {
    return Array.from({ length: n }, draw);
  }

  /** A `rows × cols` matrix of values from `draw`. */
  matrix(rows: number, cols: number, draw: () => number): number[][] {
    return Array.from({ length: rows }, () => this.vector(cols, draw));
  }
}
