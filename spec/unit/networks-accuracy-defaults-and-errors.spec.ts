/**
 * The corners of multi-layer-net(-extend).ts the mutation run found untested: accuracy as a
 * fraction of hits on a net whose scores are known by hand; predict, loss and accuracy in test
 * mode unless asked (Dropout draws nothing then); the Extend options reaching the layers
 * (Dropout after each activation, its ratio, inverted, no BatchNorm unless asked); and the
 * constructor's errors naming the class and the option.
 */
import { describe, expect, it } from "vitest";
import { Matrix } from "../../src/base/matrix.js";
import { Rng } from "../../src/base/rng.js";
import { BatchNormalization, Dropout } from "../../src/layers.js";
import { MultiLayerNet } from "../../src/multi-layer-net.js";
import { MultiLayerNetExtend } from "../../src/multi-layer-net-extend.js";
import { messageOf } from "../helpers.js";

const m = (rows: number[][]) => Matrix.fromArray(rows);

describe("accuracy is the fraction of rows whose argmax score is the label", () => {
  it("no hidden layer, W1 = I, b1 = 0: scores are x itself, so 3 of these 4 rows hit → 0.75", () => {
    const net = new MultiLayerNet({ inputSize: 2, hiddenSizeList: [], outputSize: 2, rng: new Rng(0) });
    net.params.W1.data.set([1, 0, 0, 1]); // shared with the Affine layer
    const x = m([
      [1, 0],
      [0, 1],
      [1, 0],
      [0, 1],
    ]);
    expect(net.accuracy(x, [0, 1, 1, 1])).toBe(0.75);
    expect(net.accuracy(x, Int32Array.from([1, 0, 0, 0]))).toBe(0.25);
  });

  it("a Matrix look-alike is refused as not a Matrix, and bad labels name MultiLayerNet.accuracy", () => {
    const net = new MultiLayerNet({ inputSize: 2, hiddenSizeList: [], outputSize: 2, rng: new Rng(0) });
    expect(messageOf(() => net.accuracy({ rows: 0, cols: 2 } as never, []))).toMatch(
      /^Affine\.forward: argument 'x' expected a Matrix \(N×D mini-batch\)/,
    );
    expect(messageOf(() => net.accuracy(m([[1, 0]]), [2]))).toBe(
      "MultiLayerNet.accuracy: argument 't[0]' expected a class index in [0, 2), received 2",
    );
    expect(messageOf(() => net.accuracy(new Matrix(0, 2), []))).toBe(
      "MultiLayerNet.accuracy: argument 'x' expected a Matrix of at least 1 row (accuracy is a mean over rows), received a 0×2 Matrix",
    );
  });
});

describe("predict, loss and accuracy run in test mode unless asked: Dropout scales and draws nothing", () => {
  it("with Dropout, two calls give the same numbers and the generator is not touched", () => {
    const rng = new Rng(5),
      twin = new Rng(5);
    const opts = { inputSize: 3, hiddenSizeList: [4], outputSize: 2, useDropout: true, dropoutRatio: 0.5 };
    const net = new MultiLayerNetExtend({ ...opts, rng });
    new MultiLayerNetExtend({ ...opts, rng: twin }); // twin has now drawn the same initial weights
    const x = m([
      [1, 2, 3],
      [-1, 0.5, 2],
    ]);
    const p = Array.from(net.predict(x).data);
    expect(Array.from(net.predict(x).data)).toEqual(p);
    const loss = net.loss(x, [0, 1]);
    expect(net.loss(x, [0, 1])).toBe(loss);
    net.accuracy(x, [0, 1]);
    expect(rng.uniform(), "predict, loss or accuracy drew dropout masks").toBe(twin.uniform());
  });
});

describe("MultiLayerNetExtend's options reach its layers", () => {
  const base = { inputSize: 3, hiddenSizeList: [4, 4], outputSize: 2, rng: new Rng(0) };

  it("useDropout puts a Dropout after each activation, with the ratio and the inverted flag given", () => {
    const net = new MultiLayerNetExtend({ ...base, useDropout: true, dropoutRatio: 0.2, invertedDropout: true });
    expect([...net.layers.keys()]).toEqual([
      "Affine1",
      "Activation_function1",
      "Dropout1",
      "Affine2",
      "Activation_function2",
      "Dropout2",
      "Affine3",
    ]);
    const d = net.layers.get("Dropout2") as Dropout;
    expect(d).toBeInstanceOf(Dropout);
    expect([net.dropoutRatio, d.dropoutRatio, d.inverted]).toEqual([0.2, 0.2, true]);
  });

  it("by default: the book's Dropout (not inverted) at ratio 0.5 when asked for, and neither layer unless asked", () => {
    const dropout = new MultiLayerNetExtend({ ...base, useDropout: true });
    const d = dropout.layers.get("Dropout1") as Dropout;
    expect([dropout.dropoutRatio, d.dropoutRatio, d.inverted]).toEqual([0.5, 0.5, false]);
    const plain = new MultiLayerNetExtend({ ...base });
    expect([plain.useDropout, plain.useBatchnorm]).toEqual([false, false]);
    expect([...plain.layers.keys()]).toEqual([
      "Affine1",
      "Activation_function1",
      "Affine2",
      "Activation_function2",
      "Affine3",
    ]);
    expect([...plain.layers.values()].some((l) => l instanceof BatchNormalization || l instanceof Dropout)).toBe(false);
  });
});

describe("the constructors name the class and the option in their errors", () => {
  const ok = { inputSize: 2, hiddenSizeList: [3], outputSize: 2, rng: new Rng(0) };
  for (const [name, make] of [
    ["MultiLayerNet", (o: unknown) => new MultiLayerNet(o as never)],
    ["MultiLayerNetExtend", (o: unknown) => new MultiLayerNetExtend(o as never)],
  ] as const)
    it(`${name}: options not an object, hiddenSizeList, outputSize, weightDecayLambda, rng`, () => {
      for (const bad of [undefined, 5])
        expect(messageOf(() => make(bad))).toBe(
          `${name}: argument 'options' expected { inputSize, hiddenSizeList, outputSize, rng, … }, received ${String(bad)}`,
        );
      expect(messageOf(() => make({ ...ok, hiddenSizeList: 3 }))).toBe(
        `${name}: argument 'hiddenSizeList' expected an array of layer sizes (may be empty), received 3`,
      );
      expect(messageOf(() => make({ ...ok, hiddenSizeList: [3, 0] }))).toBe(
        `${name}: argument 'hiddenSizeList[1]' expected an integer ≥ 1, received 0`,
      );
      expect(messageOf(() => make({ ...ok, outputSize: 0 }))).toBe(
        `${name}: argument 'outputSize' expected an integer ≥ 1, received 0`,
      );
      expect(messageOf(() => make({ ...ok, weightDecayLambda: -1 }))).toBe(
        `${name}: argument 'weightDecayLambda' expected a number ≥ 0, received -1`,
      );
      expect(messageOf(() => make({ ...ok, rng: { uniform: () => 0 } }))).toBe(
        `${name}: argument 'rng' expected an Rng (seeded generator), received object`,
      );
    });
});
