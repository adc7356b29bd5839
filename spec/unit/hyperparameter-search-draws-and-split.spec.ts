/**
 * §6.5's two pieces, recomputed from the same uniform stream (a twin generator with the same
 * seed): 10^(lo + (hi − lo)·u) for each value, weight decay drawn before lr as in the book's
 * hyperparameter_optimization.py; the split takes the first int(N·rate) rows of one permutation
 * as validation data (the book's shuffle_dataset); and each function's errors name the argument.
 */
import { describe, expect, it } from "vitest";
import { Matrix } from "../../src/base/matrix.js";
import { Rng } from "../../src/base/rng.js";
import {
  BOOK_RANGES,
  checkSearchRanges,
  sampleHyperparameters,
  sampleLogUniform,
  splitValidation,
} from "../../src/hyperparameter-search.js";
import { messageOf } from "../helpers.js";

describe("log-uniform draws (§6.5.2): 10^(lo + (hi − lo)·u)", () => {
  it("sampleLogUniform and sampleHyperparameters (weight decay first, then lr) follow the uniform stream", () => {
    const rng = new Rng(8),
      twin = new Rng(8);
    const u = twin.uniform();
    expect(sampleLogUniform(rng, -3, 1)).toBe(10 ** (-3 + 4 * u));
    const uWd = twin.uniform(),
      uLr = twin.uniform();
    expect(sampleHyperparameters(rng, BOOK_RANGES)).toEqual({
      weightDecay: 10 ** (-8 + 4 * uWd),
      lr: 10 ** (-6 + 4 * uLr),
    });
    expect(sampleLogUniform(rng, 2, 2)).toBe(100); // lo = hi: a point, still one draw
    twin.uniform();
    expect(rng.uniform()).toBe(twin.uniform());
  });

  it("bounds that are not numbers, hi below lo, and ranges that are not two finite exponents lo ≤ hi are named", () => {
    const rng = new Rng(1);
    expect(messageOf(() => sampleLogUniform(rng, NaN, 1))).toBe(
      "sampleLogUniform: argument 'lo' expected a finite number, received NaN",
    );
    expect(messageOf(() => sampleLogUniform(rng, 0, Infinity))).toBe(
      "sampleLogUniform: argument 'hi' expected a finite number, received Infinity",
    );
    expect(messageOf(() => sampleLogUniform(rng, 0, -1))).toBe(
      "sampleLogUniform: argument 'hi' expected a number ≥ lo (0), received -1",
    );
    const msg = (r: unknown) => messageOf(() => checkSearchRanges("f", r));
    const expected =
      "f: argument 'ranges' expected { lr: [lo, hi], weightDecay: [lo, hi] }: finite exponents with lo ≤ hi";
    expect(msg(null)).toBe(`${expected}, received null`);
    for (const bad of [
      { lr: [-6, -2, 0], weightDecay: [-8, -4] },
      { lr: [-6], weightDecay: [-8, -4] },
      { lr: [-6, "-2"], weightDecay: [-8, -4] },
      { lr: [-6, -2], weightDecay: [-4, -8] },
      { lr: [-6, -2], weightDecay: "[-8, -4]" },
      { lr: [-Infinity, -2], weightDecay: [-8, -4] },
    ])
      expect(msg(bad), JSON.stringify(bad)).toBe(`${expected}, received object`);
    const fn = Object.assign(() => 0, BOOK_RANGES); // ranges must be a plain object, even one carrying the keys
    expect(msg(fn)).toBe(`${expected}, received function`);
    expect(checkSearchRanges("f", { lr: [-2, -2], weightDecay: [-8, -4] })).toEqual({
      lr: [-2, -2],
      weightDecay: [-8, -4],
    });
  });
});

describe("the validation split (§6.5.1): the first int(N·rate) rows of one permutation", () => {
  it("N = 5, rate 0.4: 2 validation rows and 3 training rows, rows and labels moved together", () => {
    const x = Matrix.fromArray([[10], [11], [12], [13], [14]]);
    const t = Int32Array.from([0, 1, 2, 3, 4]);
    const perm = Array.from(new Rng(6).permutation(5));
    const s = splitValidation(x, t, 0.4, new Rng(6));
    expect(Array.from(s.tVal)).toEqual(perm.slice(0, 2));
    expect(Array.from(s.tTrain)).toEqual(perm.slice(2));
    expect(Array.from(s.xVal.data)).toEqual(perm.slice(0, 2).map((i) => 10 + i));
    expect(Array.from(s.xTrain.data)).toEqual(perm.slice(2).map((i) => 10 + i));
    expect(Array.from(x.data)).toEqual([10, 11, 12, 13, 14]); // x and t left as they were
  });

  it("the smallest splits that leave a row on each side are accepted; the errors name t and rng", () => {
    const x = new Matrix(2, 1),
      t = new Int32Array(2);
    const s = splitValidation(x, t, 0.5, new Rng(1)); // int(2·0.5) = 1
    expect([s.xVal.rows, s.xTrain.rows]).toEqual([1, 1]);
    expect(messageOf(() => splitValidation(x, t, 0.49, new Rng(1)))).toBe(
      "splitValidation: argument 'rate' expected a rate leaving at least one validation and one training row of 2 (int(2·rate) in [1, 1]), received 0.49",
    );
    expect(messageOf(() => splitValidation(x, [0, 1] as never, 0.5, new Rng(1)))).toBe(
      "splitValidation: argument 't' expected an Int32Array of 2 labels (one per row of x), received an array of length 2",
    );
    expect(messageOf(() => splitValidation(x, t, 0.5, { permutation: () => [] } as never))).toBe(
      "splitValidation: argument 'rng' expected an Rng, received object",
    );
  });
});
