import { describe, expect, test } from 'vitest';
import { defaultGenerator, Generator, manualSeed, rand, randint, randn } from '../src/index.js';
import { portableLog, portableSinCos } from '../src/random.js';

describe('Generator', () => {
  test('the stream is pinned: the same seed gives these values in every engine', () => {
    // xoshiro128** seeded by splitmix32; values checked against an independent implementation.
    // A change here changes every seeded variant on the site, so it must be deliberate.
    const g = new Generator(42);
    expect([g.nextUint32(), g.nextUint32()]).toEqual([2837322924, 544945897]);
  });

  test('same seed, same stream; different seeds, different streams', () => {
    const a = new Generator(7);
    const b = new Generator(7);
    const c = new Generator(8);
    const xs = Array.from({ length: 5 }, () => a.random());
    expect(Array.from({ length: 5 }, () => b.random())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.random())).not.toEqual(xs);
    a.manualSeed(7);
    expect(a.random()).toBe(xs[0]);
  });

  test('random, randint, normal and choice have the right ranges and moments', () => {
    const g = new Generator(1);
    const u = Array.from({ length: 20000 }, () => g.random());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(u.reduce((s, v) => s + v, 0) / u.length).toBeCloseTo(0.5, 1);
    const ints = Array.from({ length: 2000 }, () => g.randint(-2, 3));
    expect(new Set(ints)).toEqual(new Set([-2, -1, 0, 1, 2]));
    const n = Array.from({ length: 20000 }, () => g.normal(1, 2));
    const mean = n.reduce((s, v) => s + v, 0) / n.length;
    const sd = Math.sqrt(n.reduce((s, v) => s + (v - mean) ** 2, 0) / n.length);
    expect(mean).toBeCloseTo(1, 1);
    expect(sd).toBeCloseTo(2, 1);
    expect(['a', 'b']).toContain(g.choice(['a', 'b']));
    expect(() => g.choice([])).toThrow(/empty/);
    expect(() => g.randint(3, 3)).toThrow(/low < high/);
  });

  test('creation functions use the default generator or an explicit one', () => {
    manualSeed(5);
    const a = randn([3]).toArray();
    manualSeed(5);
    expect(randn([3]).toArray()).toEqual(a);
    expect(rand([2], { generator: new Generator(9) }).toArray()).toEqual(
      rand([2], { generator: new Generator(9) }).toArray(),
    );
    const r = randint(0, 4, [100], { generator: new Generator(2) });
    expect(r.dtype).toBe('int32');
    expect(Math.max(...r.toFlatArray())).toBeLessThan(4);
    expect(defaultGenerator).toBeInstanceOf(Generator);
  });
});

describe('portable math behind the normals', () => {
  test('portableLog and portableSinCos agree with Math to a few ulps', () => {
    const g = new Generator(12);
    for (let i = 0; i < 2000; i++) {
      const u = 1 - g.random();
      expect(Math.abs(portableLog(u) - Math.log(u))).toBeLessThanOrEqual(
        4 * Number.EPSILON * Math.max(1, Math.abs(Math.log(u))),
      );
      const theta = 2 * Math.PI * g.random();
      const [s, c] = portableSinCos(theta);
      expect(Math.abs(s - Math.sin(theta))).toBeLessThan(1e-15);
      expect(Math.abs(c - Math.cos(theta))).toBeLessThan(1e-15);
    }
    expect(portableLog(1)).toBe(0);
    expect(portableLog(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(portableLog(1e-300)).toBeCloseTo(Math.log(1e-300), 10);
  });

  test('the normal stream is pinned too', () => {
    // Built from integer math and exactly rounded arithmetic only, so this holds in every engine.
    const g = new Generator(42);
    const first = [g.normal(), g.normal()];
    const again = new Generator(42);
    expect([again.normal(), again.normal()]).toEqual(first);
    // An independent Python implementation with libm's log/cos gives 1.1226591822802088: the same
    // draw, with libm's last bit differing, which is exactly why the portable functions are used.
    expect(first[0]).toBe(1.1226591822802086);
  });
});
