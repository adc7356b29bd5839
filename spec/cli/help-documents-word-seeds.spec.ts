/**
 * --seed takes an integer or any other text, a word seed (`--seed abc`, `--seed 1.5`), and --help
 * says so: a user who typed 1.5 learns that it was taken as the word "1.5", not rounded or refused.
 */
import { describe, expect, it } from "vitest";
import { HELP, parseExperimentArgs } from "../../scripts/experiment-args.js";

const seedOf = (v: string) => {
  const p = parseExperimentArgs(["dropout", "--seed", v]);
  return p.help === false ? p.flags.seed : undefined;
};

describe("--help documents word seeds", () => {
  it("--help says that a non-integer seed is a word seed, with examples", () => {
    expect(HELP).toMatch(/word seed/);
    expect(HELP).toContain("--seed abc");
    expect(HELP).toContain("--seed 1.5");
    expect(HELP, "the --seed line itself should mention word seeds").toMatch(/--seed S +.*word seed/);
  });

  it("integers are numbers, everything else is the word as typed", () => {
    expect(seedOf("7")).toBe(7);
    expect(seedOf("-2")).toBe(-2);
    expect(seedOf("abc")).toBe("abc");
    expect(seedOf("1.5")).toBe("1.5");
    expect(
      seedOf("99999999999999999999"),
      "an integer beyond 2^53 would lose digits as a number: kept as its text",
    ).toBe("99999999999999999999");
  });
});
