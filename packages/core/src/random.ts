// A seeded PRNG on 32-bit integer math (xoshiro128**, seeded through splitmix32), so that the
// same seed gives the same stream in Node and in every browser. Normals use Box–Muller.

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A seeded pseudo-random generator (xoshiro128**). Identical streams on every JS engine.
 *
 * @example
 * const g = new Generator(42);
 * g.random(); // in [0, 1)
 */
export class Generator {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  /** A second normal from the last Box–Muller pair, used by the next `normal()` call. */
  private spareNormal: number | null = null;

  constructor(seed = 0) {
    this.manualSeed(seed);
  }

  /** Restarts the stream from `seed` (any finite number; it is reduced to 32 bits). */
  manualSeed(seed: number): this {
    if (!Number.isFinite(seed)) throw new Error(`Generator: seed must be a finite number, got ${seed}`);
    const lo = Math.trunc(seed) % 0x100000000;
    const hi = Math.trunc(seed / 0x100000000) % 0x100000000;
    const state = { s: (lo ^ Math.imul(hi, 0x27d4eb2d)) | 0 };
    this.s0 = splitmix32(state);
    this.s1 = splitmix32(state);
    this.s2 = splitmix32(state);
    this.s3 = splitmix32(state);
    this.spareNormal = null;
    return this;
  }

  /** The next 32-bit unsigned integer of the stream. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  random(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform integer in [low, high) (high exclusive). */
  randint(low: number, high: number): number {
    if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
      throw new Error(`Generator.randint: need integers low < high, got low=${low}, high=${high}`);
    }
    return low + Math.floor(this.random() * (high - low));
  }

  /** A normal sample with the given mean and standard deviation (Box–Muller). */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + std * z;
    }
    // 1 - random() lies in (0, 1], so the logarithm is finite.
    const u1 = 1 - this.random();
    const u2 = this.random();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    this.spareNormal = r * Math.sin(theta);
    return mean + std * r * Math.cos(theta);
  }

  /** A uniformly chosen element of a non-empty array. */
  choice<T>(array: readonly T[]): T {
    if (array.length === 0) throw new Error('Generator.choice: the array is empty');
    return array[this.randint(0, array.length)];
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The generator every random function uses when none is passed. */
export const defaultGenerator = new Generator(0);

/** Seeds the default generator (like `torch.manual_seed`). */
export function manualSeed(seed: number): Generator {
  return defaultGenerator.manualSeed(seed);
}
