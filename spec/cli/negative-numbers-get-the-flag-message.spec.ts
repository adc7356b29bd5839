/**
 * A negative number after a flag (`--epochs -1`) reaches the flag's own check and its message
 * ("--epochs expects an integer ≥ 1"), instead of parseArgs' "argument is ambiguous"; flags that
 * allow negative values (--seed) take them.
 */
import { describe, expect, it } from "vitest";
import { parseExperimentArgs } from "../../scripts/experiment-args.js";
import { usageMessage } from "./cli.js";

const usage = usageMessage;

describe("negative numbers in flag values", () => {
  it("get the flag's own message, as the value given", () => {
    expect(usage(["batchnorm", "--epochs", "-1"])).toBe('--epochs expects an integer ≥ 1, received "-1"');
    expect(usage(["weight-init-compare", "--lr", "-0.5"])).toBe('--lr expects a number > 0, received "-0.5"');
    expect(usage(["weight-decay", "--lambda", "-.1"])).toBe('--lambda expects a number ≥ 0, received "-.1"');
    expect(usage(["batchnorm", "--hidden", "-5,3"])).toMatch(
      /^--hidden expects comma-separated integers ≥ 1, received "-5,3"/,
    );
  });

  it("are taken where the flag allows them (--seed -3), and a following flag is still a flag", () => {
    const p = parseExperimentArgs(["dropout", "--seed", "-3", "--epochs", "2"]);
    expect(p.help === false && p.flags).toEqual({ seed: -3, epochs: 2 });
    expect(usage(["dropout", "--epochs", "--seed", "1"])).toMatch(/--epochs/);
  });
});
