/**
 * The corners of functions.ts, init.ts and gradient.ts the mutation run found untested: the
 * activations' branch at 0 (each is "x for x > 0, the other formula otherwise"), labels and
 * shapes refused with the argument named, Glorot's std, and the numerical gradient's cost of
 * exactly two evaluations of f per entry (§4.4's central difference).
 */
import { describe, expect, it } from "vitest";
import { Matrix } from "../../src/base/matrix.js";
import { Rng } from "../../src/base/rng.js";
import { crossEntropyError, elu, labelIndices, leakyRelu, meanSquaredError, relu } from "../../src/functions.js";
import { numericalGradient } from "../../src/gradient.js";
import { initStd, initWeight } from "../../src/init.js";
import { messageOf } from "../helpers.js";

describe("at x = 0 each activation takes its 'otherwise' formula, as its equation says (x > 0 is strict)", () => {
  it("relu(−0) = max(0, −0) gives +0; elu(−0) = α(e⁻⁰ − 1) = +0; leakyRelu(0, α = −1) = α·0 = −0", () => {
    expect(Object.is(relu(-0), 0)).toBe(true);
    expect(Object.is(elu(-0), 0)).toBe(true);
    expect(Object.is(leakyRelu(0, -1), -0)).toBe(true);
  });
});

describe("labels are checked against the rows and classes of y, naming t", () => {
  it("a one-hot Matrix of another shape, a non-array, and a negative index are refused", () => {
    const fewer = Matrix.fromArray([[1, 0, 0]]);
    expect(messageOf(() => labelIndices("f", fewer, 2, 3))).toBe(
      "f: argument 't' expected 2 labels: a 2×3 one-hot Matrix or 2 class indices, received a 1×3 Matrix",
    );
    const narrower = Matrix.fromArray([
      [1, 0],
      [0, 1],
    ]);
    expect(messageOf(() => labelIndices("f", narrower, 2, 3))).toBe(
      "f: argument 't' expected 2 labels: a 2×3 one-hot Matrix or 2 class indices, received a 2×2 Matrix",
    );
    expect(messageOf(() => labelIndices("f", "01" as never, 2, 3))).toBe(
      "f: argument 't' expected 2 class indices or a 2×3 one-hot Matrix, received \"01\"",
    );
    expect(messageOf(() => labelIndices("f", [0, -1], 2, 3))).toBe(
      "f: argument 't[1]' expected a class index in [0, 3), received -1",
    );
  });

  it("crossEntropyError names itself and why a 0-row y is refused", () => {
    expect(messageOf(() => crossEntropyError(new Matrix(0, 3), []))).toBe(
      "crossEntropyError: argument 'y' expected a Matrix of at least 1 row (the loss is a mean over rows), received a 0×3 Matrix",
    );
    expect(messageOf(() => crossEntropyError(Matrix.fromArray([[0.5, 0.5]]), [2]))).toBe(
      "crossEntropyError: argument 't[0]' expected a class index in [0, 2), received 2",
    );
  });

  it("meanSquaredError refuses a t of another row count or another column count", () => {
    const y = Matrix.fromArray([[0.5, 0.5]]);
    expect(messageOf(() => meanSquaredError(y, Matrix.fromArray([[1], [0]])))).toBe(
      "meanSquaredError: argument 't' expected shape 1×2 (same as y), received a 2×1 Matrix",
    );
    expect(messageOf(() => meanSquaredError(y, new Matrix(2, 2)))).toBe(
      "meanSquaredError: argument 't' expected shape 1×2 (same as y), received a 2×2 Matrix",
    );
    expect(messageOf(() => meanSquaredError(y, new Matrix(1, 3)))).toBe(
      "meanSquaredError: argument 't' expected shape 1×2 (same as y), received a 1×3 Matrix",
    );
  });
});

describe("initial weights: Glorot's std, and errors naming initWeight's arguments", () => {
  it("'glorot' gives √(2/(n_in + n_out)): 30 in, 20 out → √(2/50) = 0.2", () => {
    expect(initStd("glorot", 30, 20)).toBeCloseTo(0.2, 15);
    expect(initStd("Glorot" as never, 1, 7)).toBeCloseTo(0.5, 15);
  });

  it("an unknown name lists every scheme; sizes, rng and constant are named", () => {
    const schemes = "a number ≥ 0, one of 'he', 'relu', 'xavier', 'sigmoid', 'glorot', 'zeros', or { constant: c }";
    expect(messageOf(() => initStd("lecun" as never, 2, 2))).toBe(
      `initStd: argument 'weightInitStd' expected ${schemes}, received "lecun"`,
    );
    expect(messageOf(() => initStd(true as never, 2, 2))).toBe(
      `initStd: argument 'weightInitStd' expected ${schemes}, received boolean`,
    );
    const rng = new Rng(1);
    expect(messageOf(() => initWeight(0, 2, "he", rng))).toBe(
      "initWeight: argument 'nIn' expected an integer ≥ 1, received 0",
    );
    expect(messageOf(() => initWeight(2, 1.5, "he", rng))).toBe(
      "initWeight: argument 'nOut' expected an integer ≥ 1, received 1.5",
    );
    expect(messageOf(() => initWeight(2, 2, "he", undefined as never))).toBe(
      "initWeight: argument 'rng' expected an Rng (seeded generator), received undefined",
    );
    expect(messageOf(() => initWeight(2, 2, 0.1, {} as never))).toBe(
      "initWeight: argument 'rng' expected an Rng (seeded generator), received object",
    );
    expect(messageOf(() => initWeight(2, 2, { constant: NaN }, rng))).toBe(
      "initWeight: argument 'weightInitStd.constant' expected a finite number, received NaN",
    );
  });
});

describe("the numerical gradient (§4.4): two evaluations of f per entry, and its arguments named", () => {
  it("a 2×3 x costs exactly 12 calls of f, each with one entry moved by ±h", () => {
    const x = Matrix.fromArray([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const seen: number[] = [];
    numericalGradient((m) => {
      seen.push(m.data.reduce((a, b) => a + b, 0));
      return 0;
    }, x);
    // the sum is 21 ± h on every call: one entry moved up, then the same entry down
    expect(seen.length).toBe(12);
    for (let i = 0; i < 12; i++) expect(seen[i]).toBeCloseTo(i % 2 === 0 ? 21.0001 : 20.9999, 9);
  });

  it("h ≤ 0 and a non-finite x are refused, naming numericalGradient and the argument", () => {
    const f = () => 0;
    expect(messageOf(() => numericalGradient(f, Matrix.fromArray([[1]]), 0))).toBe(
      "numericalGradient: argument 'h' expected a number > 0, received 0",
    );
    expect(messageOf(() => numericalGradient(f, Matrix.fromArray([[NaN]])))).toBe(
      "numericalGradient: argument 'x' expected finite numbers only, received NaN at [0, 0] of a 1×1 Matrix",
    );
  });
});
