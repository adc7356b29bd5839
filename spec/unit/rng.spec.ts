import { describe, expect, it } from "vitest";
import { Rng } from "../../src/base/rng.js";
import { expectThrowsWith } from "../helpers.js";

describe("Rng: same seed, same draws; the draws have the distributions they claim", () => {
  it("two generators with one seed give identical sequences, another seed differs", () => {
    const a = new Rng(42),
      b = new Rng(42),
      c = new Rng(43);
    const da = Array.from({ length: 50 }, () => a.normal());
    const db = Array.from({ length: 50 }, () => b.normal());
    const dc = Array.from({ length: 50 }, () => c.normal());
    expect(da).toEqual(db);
    expect(da).not.toEqual(dc);
  });

  it("uniform is in [0, 1) with mean ≈ 1/2; normal has mean ≈ 0 and std ≈ 1 (n = 10⁵, 5 standard errors)", () => {
    const rng = new Rng(7),
      n = 100_000;
    let su = 0,
      sn = 0,
      sn2 = 0,
      outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      su += u;
      const z = rng.normal();
      sn += z;
      sn2 += z * z;
    }
    expect(outside, "uniform draws outside [0, 1)").toBe(0);
    const se = 1 / Math.sqrt(n);
    expect(Math.abs(su / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12) * se);
    expect(Math.abs(sn / n)).toBeLessThan(5 * se);
    // var of the sample variance of N(0,1) is 2/n
    expect(Math.abs(sn2 / n - 1)).toBeLessThan(5 * Math.sqrt(2) * se);
  });

  it("permutation holds each index once; choice stays in range and repeats (with replacement)", () => {
    const rng = new Rng(1);
    const p = Array.from(rng.permutation(1000));
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(p).not.toEqual(Array.from({ length: 1000 }, (_, i) => i));
    const c = Array.from(rng.choice(10, 1000));
    expect(c.every((i) => Number.isInteger(i) && i >= 0 && i < 10)).toBe(true);
    expect(new Set(c).size).toBe(10);
  });

  it("bad arguments are named", () => {
    expectThrowsWith(() => new Rng(NaN), "Rng", "seed", "NaN");
    expectThrowsWith(() => new Rng(1).choice(0, 3), "Rng.choice", "'n'", "≥ 1", "0");
    expectThrowsWith(() => new Rng(1).randint(2.5), "Rng.randint", "2.5");
  });
});
