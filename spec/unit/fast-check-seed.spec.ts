import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chooseSeed, PINNED_SEED } from "../setup/seed.js";
import { expectThrowsWith } from "../helpers.js";

describe("the fast-check seed is pinned under CI, random locally, forced by FC_SEED", () => {
  it("CI pins the seed; FC_SEED overrides it; otherwise the seed is drawn", () => {
    expect(chooseSeed({ CI: "true" })).toBe(PINNED_SEED);
    expect(chooseSeed({ CI: "true", FC_SEED: "-42" })).toBe(-42);
    expect(chooseSeed({}, () => 0.5)).toBe(Math.floor(0.5 * 0x7fffffff));
    expect(chooseSeed({}, () => 0.25)).not.toBe(chooseSeed({}, () => 0.75));
    expectThrowsWith(() => chooseSeed({ FC_SEED: "abc" }), "FC_SEED", "integer", '"abc"');
  });

  it("the setup file installed a global seed that fast-check uses", () => {
    const seed = fc.readConfigureGlobal().seed;
    expect(Number.isInteger(seed)).toBe(true);
    if (process.env.CI && !process.env.FC_SEED) expect(seed).toBe(PINNED_SEED);
  });
});
