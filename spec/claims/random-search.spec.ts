/**
 * §6.5, Figure 6-24: random search samples hyperparameters on a log scale, tunes on validation
 * data split from the training data (never the test data), and its ranking separates good
 * settings from bad ones.
 *
 * Sizes: the sampler test draws 4,000 pairs (no training). The search runs 10 trials (book 100) of
 * 8 epochs (book 50) on 250 training rows split 200/50 (book 500 → 400/100), batches of 10
 * (book 100), one hidden layer of 50 (book six of 100), the book's ranges lr 10^[−6, −2] and weight
 * decay 10^[−8, −4], then a second round of 3 trials on the span of the best 3.
 * Why the effect is already visible: lr spans four decades, so among 10 trials some draw
 * lr ≥ 3e-3 and some ≤ 1e-4. A one-hidden-layer net learns from its first updates (the book's
 * 6-layer net needs many more to get going under plain SGD), so 160 updates at lr ≈ 5e-3 lift
 * validation accuracy to about 0.5, while at lr ≤ 1e-4 the weights barely move from He init and
 * the accuracy stays near chance (0.1): a difference of 20+ of the 50 validation samples.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  hyperparameterSearch,
  validationSplit,
  type HyperparameterSearchResult,
} from "../../src/experiments/mnist/hyperparameter-search.js";
import { BOOK_RANGES, sampleHyperparameters, sampleLogUniform } from "../../src/hyperparameter-search.js";
import { Rng } from "../../src/base/rng.js";
import { bestBeatsWorst, expectClaim, expectClaimFails, mnistSplit } from "./claims.js";
import { ksUniform } from "../../conformance/laws/search.js";

const SEED = 0;
const SIZES = {
  trials: 10,
  round2Trials: 3,
  top: 3,
  epochs: 8,
  trainSize: 250,
  batchSize: 10,
  hiddenSizeList: [50],
  seed: SEED,
};
const sizes = "10 + 3 trials, 8 epochs, 250 rows → 200 train / 50 validation, batch 10, 784→50→10";

/**
 * ksUniform: the Kolmogorov–Smirnov distance between the sample and U(lo, hi), max |F_n(x) − F(x)|
 * (the §6.5 conformance law's). Under the null hypothesis √n·D exceeds 1.63 with probability 1%
 * (the asymptotic critical value).
 */
const N = 4000,
  KS_1PCT = 1.63 / Math.sqrt(N);

describe("§6.5: the sampler draws on a log scale", () => {
  const rng = new Rng(`${SEED}:sampler-test`);
  const pairs = Array.from({ length: N }, () => sampleHyperparameters(rng, BOOK_RANGES));
  const logLr = pairs.map((p) => Math.log10(p.lr)),
    logWd = pairs.map((p) => Math.log10(p.weightDecay));

  it("log10(lr) is uniform on [−6, −2] and log10(weight decay) on [−8, −4] (KS test at 1%)", () => {
    for (const [name, v, [lo, hi]] of [
      ["lr", logLr, BOOK_RANGES.lr],
      ["weight decay", logWd, BOOK_RANGES.weightDecay],
    ] as const) {
      expect(
        Math.min(...v) >= lo && Math.max(...v) < hi,
        `§6.5: every log10(${name}) must lie in [${lo}, ${hi}); received [${Math.min(...v)}, ${Math.max(...v)}]`,
      ).toBe(true);
      const d = ksUniform(v, lo, hi);
      expect(
        d,
        `§6.5: log10(${name}) of ${N} draws should be uniform on [${lo}, ${hi}]: KS distance ${d.toFixed(4)}, 1% critical value ${KS_1PCT.toFixed(4)} (seed "${SEED}:sampler-test").\n` +
          "Usual mistake: sampling the value uniformly (lo + u·(hi − lo) on the linear scale) instead of 10^U(lo, hi)",
      ).toBeLessThan(KS_1PCT);
    }
  });

  it("each decade gets about a quarter of the draws", () => {
    for (let e = -6; e < -2; e++) {
      const share = logLr.filter((x) => x >= e && x < e + 1).length / N;
      // Binomial sd √(0.25·0.75/4000) ≈ 0.0068: ±0.03 is more than 4 sd.
      expect(
        Math.abs(share - 0.25),
        `§6.5: share of lr in [1e${e}, 1e${e + 1}) is ${share}, expected 0.25 ± 0.03`,
      ).toBeLessThan(0.03);
    }
  });

  it("the KS test rejects a sampler that is uniform on the linear scale", () => {
    const rng = new Rng(`${SEED}:sampler-test`);
    const linear = Array.from({ length: N }, () => Math.log10(1e-6 + (1e-2 - 1e-6) * rng.uniform()));
    expect(ksUniform(linear, -6, -2), "a linear-scale sampler should fail the log-scale test").toBeGreaterThan(KS_1PCT);
  });

  it("sampleLogUniform(lo, lo) is 10^lo and rejects hi < lo", () => {
    expect(sampleLogUniform(new Rng(1), -3, -3)).toBe(1e-3);
    expect(() => sampleLogUniform(new Rng(1), -2, -6)).toThrow(/'hi' expected a number ≥ lo/);
  });
});

describe("§6.5: validation data comes from the training data only", () => {
  it("the split is a shuffled partition of the first trainSize training rows (int(n·0.2) validation)", () => {
    const x = new Rng(3).randn(50, 784);
    const t = Int32Array.from({ length: 50 }, (_, i) => i % 10);
    const s = validationSplit({ xTrain: x, tTrain: t }, 40, 0.2, new Rng(4));
    expect([s.xVal.rows, s.xTrain.rows]).toEqual([8, 32]);
    const key = (m: typeof x, i: number) => m.data[i * 784];
    const firstRows = new Set(Array.from({ length: 40 }, (_, i) => key(x, i)));
    const used = [
      ...Array.from({ length: 8 }, (_, i) => key(s.xVal, i)),
      ...Array.from({ length: 32 }, (_, i) => key(s.xTrain, i)),
    ];
    expect(new Set(used).size, "validation and training rows must not overlap").toBe(40);
    expect(
      used.every((k) => firstRows.has(k)),
      "every split row must come from the first 40 training rows",
    ).toBe(true);
  });

  it("the search never reads test data: a data set whose test part throws when read", () => {
    const d = mnistSplit(SEED);
    const guarded = {
      xTrain: d.xTrain,
      tTrain: d.tTrain,
      get xTest(): never {
        throw new Error("the hyperparameter search read xTest");
      },
      get tTest(): never {
        throw new Error("the hyperparameter search read tTest");
      },
    };
    // The guard works: reading it throws.
    expect(() => guarded.xTest).toThrow(/read xTest/);
    expect(() =>
      hyperparameterSearch({ ...SIZES, trials: 1, round2Trials: 0, epochs: 1, data: guarded }),
    ).not.toThrow();
  });
});

describe("Figure 6-24: the search's ranking", () => {
  let result: HyperparameterSearchResult;
  beforeAll(() => {
    result = hyperparameterSearch({ ...SIZES, data: mnistSplit(SEED) });
  }, 120_000);
  const claim = "the best trial of a random search beats its worst (by ≥ 0.2 validation accuracy)";

  it(claim, () => {
    expectClaim(bestBeatsWorst(result.rounds[0]), {
      claim,
      section: "§6.5.3, Figure 6-24",
      sizes,
      seed: SEED,
      mistake:
        "the sampled lr is not passed to the optimizer (every trial trains alike), or trials are ranked by the first epoch's accuracy instead of the last",
    });
  });

  it("fails for a ranking sorted the wrong way round", () => {
    const r = result.rounds[0];
    expectClaimFails(bestBeatsWorst({ ...r, ranking: [...r.ranking].reverse() }), {
      claim,
      broken: "an ascending ranking",
    });
  });

  it("the second round samples inside the range its predecessor's best trials span", () => {
    const [r1, r2] = result.rounds as [(typeof result.rounds)[0], (typeof result.rounds)[0]];
    const best = r1!.ranking.slice(0, SIZES.top).map((i) => r1!.trials[i]);
    const lo = Math.min(...best.map((t) => t.lr)),
      hi = Math.max(...best.map((t) => t.lr));
    expect(r2!.trials).toHaveLength(SIZES.round2Trials);
    for (const t of r2!.trials)
      expect(
        t.lr >= lo * (1 - 1e-12) && t.lr <= hi * (1 + 1e-12),
        `round-2 lr ${t.lr} outside the best-${SIZES.top} span [${lo}, ${hi}]`,
      ).toBe(true);
  });
});
