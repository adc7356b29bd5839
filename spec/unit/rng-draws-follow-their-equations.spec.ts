/**
 * src/base/rng.ts's draws, each recomputed from the same uniform stream (a twin generator with
 * the same seed: uniform() is the raw stream) by its textbook equation: Box–Muller with the
 * pair's second value kept, ⌊u·n⌋ for randint and choice, Fisher–Yates for permutation, std·z for
 * randn; and powInt (src/base/pow.ts) against an exact BigInt oracle rounded once.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/base/rng.js";
import { powInt } from "../../src/base/pow.js";
import { messageOf } from "../helpers.js";

describe("every draw is its equation applied to the uniform stream", () => {
  it("normal: z₀ = √(−2 ln(1 − u₁))·cos 2πu₂, then z₁ = the same radius · sin 2πu₂ (kept for the next call)", () => {
    const rng = new Rng(11),
      twin = new Rng(11);
    for (let k = 0; k < 3; k++) {
      const u1 = twin.uniform(),
        u2 = twin.uniform();
      const r = Math.sqrt(-2 * Math.log(1 - u1));
      expect(rng.normal()).toBe(r * Math.cos(2 * Math.PI * u2));
      expect(rng.normal()).toBe(r * Math.sin(2 * Math.PI * u2));
    }
  });

  it("randn(2, 2, std) is std times four normals in row order; rand(1, 3) is three uniforms", () => {
    const rng = new Rng("s"),
      twin = new Rng("s");
    const z = Array.from({ length: 4 }, () => 0.5 * twin.normal());
    expect(Array.from(rng.randn(2, 2, 0.5).data)).toEqual(z);
    expect(Array.from(rng.randn(1, 2).data)).toEqual([twin.normal(), twin.normal()]);
    expect(Array.from(rng.rand(1, 3).data)).toEqual([twin.uniform(), twin.uniform(), twin.uniform()]);
    expect(rng.uniform(), "rand drew more than one number per entry").toBe(twin.uniform());
  });

  it("randint(n) and choice(n, size) are ⌊u·n⌋ per draw", () => {
    const rng = new Rng(3),
      twin = new Rng(3);
    expect(rng.randint(7)).toBe(Math.floor(twin.uniform() * 7));
    const expected = Array.from({ length: 5 }, () => Math.floor(twin.uniform() * 4));
    expect(Array.from(rng.choice(4, 5))).toEqual(expected);
    expect(Array.from(rng.choice(4, 0))).toEqual([]);
    expect(rng.uniform()).toBe(twin.uniform()); // and no draw more
  });

  it("permutation(n) is Fisher–Yates from the end: swap i with j = ⌊u·(i + 1)⌋ for i = n − 1 … 1", () => {
    const rng = new Rng(9),
      twin = new Rng(9);
    const p = [0, 1, 2, 3, 4, 5];
    for (let i = 5; i > 0; i--) {
      const j = Math.floor(twin.uniform() * (i + 1));
      [p[i], p[j]] = [p[j], p[i]];
    }
    expect(Array.from(rng.permutation(6))).toEqual(p);
    expect(Array.from(rng.permutation(0))).toEqual([]);
    expect(rng.uniform()).toBe(twin.uniform());
  });

  it("the seed is kept as a string, and bad arguments are named", () => {
    expect(new Rng(42).seed).toBe("42");
    expect(new Rng(42).uniform()).toBe(new Rng("42").uniform());
    for (const [seed, r] of [
      [Infinity, "Infinity"],
      [{}, "object"],
    ] as const)
      expect(messageOf(() => new Rng(seed as never))).toBe(
        `Rng: argument 'seed' expected a finite number or a string, received ${r}`,
      );
    const rng = new Rng(1);
    expect(messageOf(() => rng.randint(0))).toBe("Rng.randint: argument 'n' expected an integer ≥ 1, received 0");
    expect(messageOf(() => rng.choice(2, -1))).toBe("Rng.choice: argument 'size' expected an integer ≥ 0, received -1");
    expect(messageOf(() => rng.permutation(-1))).toBe(
      "Rng.permutation: argument 'n' expected an integer ≥ 0, received -1",
    );
  });
});

/** bⁿ exactly (b a double: m·2^e with integer m), rounded once to the nearest double, ties to even. */
function exactPow(b: number, n: number): number {
  if (n === 0) return 1;
  const neg = b < 0 && n % 2 === 1;
  let m = Math.abs(b),
    e = 0;
  while (!Number.isInteger(m)) {
    m *= 2;
    e--;
  }
  let num = BigInt(m) ** BigInt(n); // value = num · 2^(e·n)
  let exp = e * n;
  const bits = num.toString(2).length;
  if (bits > 53) {
    const shift = BigInt(bits - 53);
    const q = num >> shift,
      rem = num - (q << shift),
      half = 1n << (shift - 1n);
    num = rem > half || (rem === half && (q & 1n) === 1n) ? q + 1n : q;
    exp += Number(shift);
  }
  const v = Number(num) * 2 ** exp; // num < 2^54 and the power of two scales exactly (no subnormals here)
  return neg ? -v : v;
}

describe("powInt(b, n) is bⁿ correctly rounded (Adam's β^t, §6.1.6)", () => {
  it("exact cases: 0.5¹⁰ = 2⁻¹⁰, 3²⁰ = 3486784401, (−2)³ = −8, b⁰ = 1", () => {
    expect(powInt(0.5, 10)).toBe(2 ** -10);
    expect(powInt(3, 20)).toBe(3486784401);
    expect(powInt(-2, 3)).toBe(-8);
    expect(powInt(0.9, 0)).toBe(1);
  });

  it("equals the exact power rounded once, for β in (0.5, 1) and t up to 60", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 1, noNaN: true, maxExcluded: true }),
        fc.integer({ min: 1, max: 60 }),
        (b, n) => {
          expect(powInt(b, n)).toBe(exactPow(b, n));
        },
      ),
      { numRuns: 300 },
    );
    for (const [b, n] of [
      [0.9, 3],
      [0.999, 10],
      [0.999, 57],
      [0.99, 41],
    ])
      expect(powInt(b, n), `${b}^${n}`).toBe(exactPow(b, n));
  });

  it("outside its domain it is the ** operator: a fractional or negative n, a non-finite or huge b", () => {
    expect(powInt(4, 0.5)).toBe(2);
    expect(powInt(2, -2)).toBe(0.25);
    expect(powInt(Infinity, 2)).toBe(Infinity);
    expect(powInt(1e200, 2)).toBe(Infinity);
    expect(powInt(-1e151, 3)).toBe(-Infinity);
  });

  it("a power that overflows is ±∞, as with **, never NaN: 1e150³, (−1e150)³, 10⁴⁰⁰, 1e100⁴", () => {
    // Each product passes 1.8e308 on the way; the double-double carry must not turn ∞ − ∞ into NaN.
    expect(powInt(1e150, 3)).toBe(Infinity);
    expect(powInt(-1e150, 3)).toBe(-Infinity);
    expect(powInt(10, 400)).toBe(Infinity);
    expect(powInt(1e100, 4)).toBe(Infinity);
    // and just below the top the result is still the exact power rounded once: 2¹⁰²³ = 2^1023
    expect(powInt(2, 1023)).toBe(2 ** 1023);
    expect(powInt(-2, 1023)).toBe(-(2 ** 1023));
  });
});
