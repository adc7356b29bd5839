/**
 * src/util.ts's checks: smoothCurve and kaiser name the argument on bad input, and np.kaiser's
 * one-point window is [1] (its formula would divide 0 by 0 there).
 */
import { describe, expect, it } from "vitest";
import { kaiser, smoothCurve } from "../../src/util.js";
import { messageOf } from "../helpers.js";

describe("smoothCurve and kaiser: bad input named, and the one-point window", () => {
  it("x that is null, a number or has no length, and an empty x, are refused naming smoothCurve's x", () => {
    for (const [x, r] of [
      [null, "null"],
      [5, "5"],
      [{}, "object"],
      ["abc", '"abc"'],
    ] as const)
      expect(messageOf(() => smoothCurve(x as never))).toBe(
        `smoothCurve: argument 'x' expected an array of numbers (a loss curve), received ${r}`,
      );
    expect(messageOf(() => smoothCurve([]))).toBe(
      "smoothCurve: argument 'x' expected at least one value (np.convolve rejects an empty input), received an empty array",
    );
  });

  it("kaiser(1, β) is [1], as np.kaiser; M must be an integer ≥ 1", () => {
    expect(Array.from(kaiser(1, 2))).toEqual([1]);
    expect(messageOf(() => kaiser(0, 2))).toBe("kaiser: argument 'M' expected an integer ≥ 1, received 0");
    expect(messageOf(() => kaiser(2.5, 2))).toBe("kaiser: argument 'M' expected an integer ≥ 1, received 2.5");
  });
});
