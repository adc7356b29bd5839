/**
 * §6.5's pieces reject bad input with an Error naming the argument, the expected and the received,
 * before drawing anything from the generator (a failed call leaves rng where it was).
 */
import { describe, expect, it } from "vitest";
import { Matrix } from "../../src/base/matrix.js";
import { Rng } from "../../src/base/rng.js";
import { sampleHyperparameters, splitValidation } from "../../src/hyperparameter-search.js";
import { expectThrowsWith } from "../helpers.js";

const BOOK = { lr: [-6, -2] as [number, number], weightDecay: [-8, -4] as [number, number] };

describe("§6.5: bad input to the sampler and the split is a named error, and nothing is drawn", () => {
  it("sampleHyperparameters: ranges with lo > hi, missing or non-finite, and a generator that is not an Rng", () => {
    const rng = new Rng(1);
    expectThrowsWith(
      () => sampleHyperparameters(rng, { lr: [-2, -6], weightDecay: [-8, -4] }),
      "sampleHyperparameters",
      "'ranges'",
      "lo ≤ hi",
    );
    expectThrowsWith(
      () => sampleHyperparameters(rng, { lr: [-6, NaN], weightDecay: [-8, -4] }),
      "sampleHyperparameters",
      "'ranges'",
      "finite",
    );
    expectThrowsWith(() => sampleHyperparameters(rng, { lr: [-6, -2] } as never), "sampleHyperparameters", "'ranges'");
    expectThrowsWith(
      () => sampleHyperparameters({ uniform: () => 0.5 } as never, BOOK),
      "sampleHyperparameters",
      "'rng'",
      "an Rng",
    );
    expect(rng.uniform(), "the failed calls drew nothing").toBe(new Rng(1).uniform());
  });

  it("splitValidation: labels of the wrong length, a rate outside [0, 1) or leaving an empty side, x not a Matrix", () => {
    const x = new Matrix(10, 2),
      t = new Int32Array(10),
      rng = new Rng(2);
    expectThrowsWith(
      () => splitValidation(x, new Int32Array(9), 0.2, rng),
      "splitValidation",
      "'t'",
      "10 labels",
      "9 labels",
    );
    expectThrowsWith(() => splitValidation(x, t, 1.5, rng), "splitValidation", "'rate'", "1.5");
    expectThrowsWith(
      () => splitValidation(x, t, 0.05, rng),
      "splitValidation",
      "'rate'",
      "at least one validation and one training row",
      "0.05",
    );
    expectThrowsWith(() => splitValidation([[1, 2]] as never, t, 0.2, rng), "splitValidation", "'x'", "a Matrix");
    expect(rng.uniform(), "the failed calls drew nothing").toBe(new Rng(2).uniform());
  });
});
