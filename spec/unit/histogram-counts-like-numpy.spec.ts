/**
 * The activation-histogram experiment (§6.2.2, Figures 6-10 to 6-14): bins counted as NumPy's
 * histogram counts them, draws in the book's order from the seeded generator, bad input named.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { activationHistograms, histogram } from "../../src/experiments/activation-histograms.js";
import { sigmoid } from "../../src/functions.js";
import { Rng } from "../../src/base/rng.js";
import { expectThrowsWith } from "../helpers.js";

describe("histogram(values, bins, lo, hi) counts like numpy.histogram(values, bins, range=(lo, hi))", () => {
  it("hand-worked: [a, b) bins, the last one closed, values outside ignored", () => {
    // Bins [0, .25) [.25, .5) [.5, .75) [.75, 1]: 0 and 0.1 | 0.25 | 0.5 | 0.99 and 1; −0.1, 1.5 and NaN ignored.
    const h = histogram([0, 0.1, 0.25, 0.5, 0.99, 1, 1.5, -0.1, NaN], 4, 0, 1);
    expect(h.counts).toEqual([2, 1, 1, 2]);
    expect(h.ignored).toBe(3);
    expect(h.edges).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it("edges are NumPy's linspace: k·(1/bins), so 0.3 falls below edge 3 (0.30000000000000004) into bin 2", () => {
    const h = histogram([0.3], 10, 0, 1);
    expect(h.edges[3]).toBe(0.30000000000000004);
    expect(h.counts[2], "np.histogram([0.3], 10, range=(0, 1)) puts 0.3 in [0.2, 0.3000…04)").toBe(1);
  });

  it("property: every counted value lies in its bin's [edge_k, edge_k+1) (the last bin closed), against a linear scan", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.2, max: 1.2, noNaN: true }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom<[number, number]>([0, 1], [-1, 1], [0.1, 0.7]),
        (values, bins, [lo, hi]) => {
          const h = histogram(values, bins, lo, hi);
          const expected = new Array<number>(bins).fill(0);
          let outside = 0;
          for (const v of values) {
            if (v < lo || v > hi) {
              outside++;
              continue;
            }
            let k = 0;
            while (k < bins - 1 && v >= h.edges[k + 1]) k++;
            expected[k]++;
          }
          expect(h.counts).toEqual(expected);
          expect(h.ignored).toBe(outside);
        },
      ),
      { seed: 6, numRuns: 200 },
    );
  });

  it("rejects bad bins and ranges, naming them", () => {
    expectThrowsWith(() => histogram([1], 0, 0, 1), "histogram", "'bins'", "an integer ≥ 1");
    expectThrowsWith(() => histogram([1], 3, 1, 1), "histogram", "'hi'", "a number > lo (1)");
  });
});

describe("activationHistograms: the 5-layer experiment", () => {
  const small = { samples: 40, nodeNum: 12, hiddenLayerSize: 3, bins: 10 } as const;

  it("draws x first, then each layer's W, from one Rng seeded with `seed` (the book's order)", () => {
    const r = activationHistograms({ activation: "sigmoid", weightInitStd: 1, seed: 11, ...small });
    const rng = new Rng(11);
    const x = rng.randn(40, 12);
    const W1 = rng.randn(12, 12, 1);
    expect(r.counts[0], "layer 1 = histogram of sigmoid(x·W1)").toEqual(
      histogram(x.dot(W1).map(sigmoid).data, 10, 0, 1).counts,
    );
    expect(r.counts).toHaveLength(3);
    for (let l = 0; l < 3; l++)
      expect(
        r.counts[l].reduce((s, c) => s + c, 0) + r.ignored[l],
        `layer ${l + 1}: every activation counted or ignored`,
      ).toBe(40 * 12);
  });

  it("same seed, same counts; another seed, other counts", () => {
    const a = activationHistograms({ activation: "relu", weightInitStd: "he", seed: 3, ...small });
    expect(activationHistograms({ activation: "relu", weightInitStd: "he", seed: 3, ...small })).toEqual(a);
    expect(activationHistograms({ activation: "relu", weightInitStd: "he", seed: 4, ...small }).counts).not.toEqual(
      a.counts,
    );
  });

  it("records the std each scheme gives a 100-node layer: Xavier 0.1, He √0.02", () => {
    expect(
      activationHistograms({
        activation: "tanh",
        weightInitStd: "xavier",
        ...small,
        nodeNum: 100,
        samples: 2,
        hiddenLayerSize: 1,
      }).std,
    ).toBe(0.1);
    expect(
      activationHistograms({
        activation: "relu",
        weightInitStd: "he",
        ...small,
        nodeNum: 100,
        samples: 2,
        hiddenLayerSize: 1,
      }).std,
    ).toBe(Math.sqrt(0.02));
  });

  it("rejects an unknown activation, a non-random init and a reversed range, naming them", () => {
    expectThrowsWith(
      () => activationHistograms({ activation: "softplus" as never, weightInitStd: 1 }),
      "activationHistograms",
      "'activation'",
      "'sigmoid', 'tanh', 'relu'",
      '"softplus"',
    );
    expectThrowsWith(
      () => activationHistograms({ activation: "relu", weightInitStd: "zeros", ...small }),
      "'weightInitStd'",
      "a random scheme",
      '"zeros"',
    );
    expectThrowsWith(
      () => activationHistograms({ activation: "relu", weightInitStd: 1, range: [1, 0], ...small }),
      "'range[1]'",
      "a number > range[0] (1)",
    );
  });
});
