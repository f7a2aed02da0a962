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
    const r = Math.sqrt(-2 * portableLog(u1));
    const [sin, cos] = portableSinCos(2 * Math.PI * u2);
    this.spareNormal = r * sin;
    return mean + std * r * cos;
  }

  /** A uniformly chosen element of a non-empty array. */
  choice<T>(array: readonly T[]): T {
    if (array.length === 0) throw new Error('Generator.choice: the array is empty');
    return array[this.randint(0, array.length)];
  }
}

// Math.log, Math.sin and Math.cos are only approximated by the spec and may differ in the last
// bit between JS engines. These versions use nothing but +, −, ×, / (exactly rounded everywhere),
// so seeded normals are bitwise identical in Node and every browser; accurate to a few ulps.

const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;

/** Natural logarithm of x in (0, ∞) by exact halving/doubling and the atanh series. */
export function portableLog(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return x === 0 ? Number.NEGATIVE_INFINITY : Number.NaN;
  let k = 0;
  let m = x;
  while (m < Math.SQRT1_2) {
    m *= 2;
    k--;
  }
  while (m >= Math.SQRT2) {
    m /= 2;
    k++;
  }
  // log(m) = 2·atanh(s), s = (m − 1)/(m + 1), |s| <= 0.172: 14 terms reach below 1e-20.
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  let term = s;
  let sum = 0;
  for (let i = 1; i <= 27; i += 2) {
    sum += term / i;
    term *= s2;
  }
  return k * LN2_HI + (2 * sum + k * LN2_LO);
}

const PIO2_HI = 1.5707963267341256;
const PIO2_LO = 6.077100506506192e-11;

/** [sin θ, cos θ] for θ in [0, 2π] by quadrant reduction and Taylor series on [−π/4, π/4]. */
export function portableSinCos(theta: number): [number, number] {
  const q = Math.round(theta / (Math.PI / 2));
  const r = theta - q * PIO2_HI - q * PIO2_LO;
  const r2 = r * r;
  let sin = 0;
  let cos = 0;
  let ts = r;
  let tc = 1;
  for (let i = 1; i <= 25; i += 2) {
    sin += ts;
    ts *= -r2 / ((i + 1) * (i + 2));
    cos += tc;
    tc *= -r2 / (i * (i + 1));
  }
  switch (q & 3) {
    case 0:
      return [sin, cos];
    case 1:
      return [cos, -sin];
    case 2:
      return [-sin, -cos];
    default:
      return [-cos, sin];
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
