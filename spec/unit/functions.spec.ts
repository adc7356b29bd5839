import { describe, expect, it } from "vitest";
import { Matrix } from "../../src/base/matrix.js";
import {
  crossEntropyError,
  elu,
  leakyRelu,
  meanSquaredError,
  relu,
  sigmoid,
  softmax,
  tanh,
} from "../../src/functions.js";
import { numericalGradient } from "../../src/gradient.js";
import { expectAllClose } from "../helpers.js";

const ctx = { section: "ch. 3–4 functions" };

describe("the chapter's functions give the book's numbers", () => {
  it("activations at hand-checked points", () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(relu(-2)).toBe(0);
    expect(relu(3)).toBe(3);
    expect(tanh(0)).toBe(0);
    expect(leakyRelu(-2)).toBeCloseTo(-0.02, 15);
    expect(leakyRelu(-2, 0.1)).toBeCloseTo(-0.2, 15);
    expect(elu(-1)).toBeCloseTo(Math.exp(-1) - 1, 15);
    expect(elu(2)).toBe(2);
  });

  it("softmax of [0, ln 3] is [1/4, 3/4], and logits of ±1000 do not overflow", () => {
    expectAllClose(softmax(Matrix.fromArray([[0, Math.log(3)]])), [0.25, 0.75], { ...ctx, atol: 1e-15 });
    const y = softmax(
      Matrix.fromArray([
        [1000, 1000],
        [-1000, 0],
      ]),
    );
    expectAllClose(y, [0.5, 0.5, 0, 1], {
      ...ctx,
      atol: 1e-15,
      mistake: "softmax without subtracting the row max overflows exp(1000) to Infinity",
    });
  });

  it("cross entropy is −Σ log(y_t + 1e-7)/N with index or one-hot labels", () => {
    const y = Matrix.fromArray([
      [0.1, 0.6, 0.3],
      [0.8, 0.1, 0.1],
    ]);
    const expected = -(Math.log(0.6 + 1e-7) + Math.log(0.8 + 1e-7)) / 2;
    expect(crossEntropyError(y, [1, 0])).toBeCloseTo(expected, 14);
    expect(
      crossEntropyError(
        y,
        Matrix.fromArray([
          [0, 1, 0],
          [1, 0, 0],
        ]),
      ),
    ).toBeCloseTo(expected, 14);
    // the book's 1e-7 keeps log(0) finite: −log(1e-7) ≈ 16.118
    expect(crossEntropyError(Matrix.fromArray([[1, 0]]), [1])).toBeCloseTo(-Math.log(1e-7), 12);
  });

  it("the loss lecture's worked examples (MSE vs cross entropy) in log base 2: 0.0291 and 13.2877", () => {
    // e = −(y log2 o + (1−y) log2(1−o)) with y = 1: the two-class cross entropy of class 1.
    const bits = (o: number) => crossEntropyError(Matrix.fromArray([[1 - o, o]]), [1]) / Math.LN2;
    expect(bits(0.98)).toBeCloseTo(0.0291, 4);
    expect(bits(0.0001)).toBeCloseTo(13.2877, 2); // the 1e-7 shifts it by 1e-3·log2 e
  });

  it("mean squared error is ½Σ(y − t)² (the book's sum, not a mean)", () => {
    expect(meanSquaredError(Matrix.fromArray([[0.6, 0.4]]), Matrix.fromArray([[1, 0]]))).toBeCloseTo(
      0.5 * (0.16 + 0.16),
      15,
    );
  });

  it("the numerical gradient of x² + 3y is (2x, 3) and leaves x unchanged", () => {
    const x = Matrix.fromArray([[1.5, -2]]);
    const g = numericalGradient((m) => m.data[0] ** 2 + 3 * m.data[1], x);
    expectAllClose(g, [3, 3], { ...ctx, atol: 1e-9 });
    expect(x.toArray()).toEqual([[1.5, -2]]);
  });
});
