/**
 * Dropout laws (§6.4.3), book semantics: training keeps a unit when rand > ratio and outputs
 * x ⊙ mask without rescaling, test outputs x·(1 − ratio), backward is dout ⊙ mask. Inverted
 * dropout (the frameworks' version, an option here) scales kept units by 1/(1 − ratio) instead
 * and is the identity at test time.
 *
 * Inputs are kept away from 0 (|x| ≥ 0.1), so "this unit was kept" is exactly "its output ≠ 0".
 */
import fc from "fast-check";
import { num, propertyLaw, violation, type Law } from "./law.js";
import { awayFromZero, dataRng, implRng, mat, randn } from "./util.js";

const SPEC = "spec/properties/every-law-holds-on-the-reference.spec.ts";
/** Ratios away from ½, so a comparison written the wrong way round (keep when rand < ratio) changes the kept fraction. */
const RATIO = fc.constantFrom(0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9);
const shape = {
  n: fc.integer({ min: 1, max: 5 }),
  d: fc.integer({ min: 4, max: 8 }),
  ratio: RATIO,
  seed: fc.integer(),
};

function at(i: number, d: number): string {
  return `[${Math.floor(i / d)}, ${i % d}]`;
}

export const dropoutTrainZeroOrX = propertyLaw(
  {
    id: "dropout-train-zero-or-input",
    section: "§6.4.3 Dropout (forward in training)",
    spec: SPEC,
    title: "Book dropout in training outputs each unit either exactly 0 or exactly its input",
    mistake:
      "scaling kept units by 1/(1 − ratio) in the book's version (that is inverted dropout, whose test output is x, not x·(1 − ratio))",
  },
  fc.record(shape),
  30,
  (impl, { n, d, ratio, seed }) => {
    const x = awayFromZero(impl, dataRng(seed), n, d, 0.1);
    const y = new impl.Dropout(ratio, implRng(impl, seed)).forward(x, true);
    for (let i = 0; i < x.data.length; i++)
      if (y.data[i] !== 0 && y.data[i] !== x.data[i])
        violation(
          `training output at ${at(i, d)} is ${num(y.data[i])}: expected 0 (dropped) or the input ${num(x.data[i])} (kept), ratio ${ratio}`,
        );
  },
);

export const dropoutBackwardMask = propertyLaw(
  {
    id: "dropout-backward-reuses-mask",
    section: "§6.4.3 Dropout (backward)",
    spec: SPEC,
    title: "Dropout backward passes dout exactly where the forward kept the unit and 0 where it dropped it",
    mistake:
      "dropout backward must reuse the forward mask (a new mask drawn in backward, or the mask recomputed from dout)",
  },
  fc.record(shape),
  30,
  (impl, { n, d, ratio, seed }) => {
    const rng = dataRng(seed);
    const x = awayFromZero(impl, rng, n, d, 0.1),
      dout = awayFromZero(impl, rng, n, d, 0.1);
    const layer = new impl.Dropout(ratio, implRng(impl, seed));
    const y = layer.forward(x, true);
    const dx = layer.backward(dout);
    for (let i = 0; i < x.data.length; i++) {
      const expected = y.data[i] !== 0 ? dout.data[i] : 0;
      if (dx.data[i] !== expected)
        violation(
          `dx at ${at(i, d)} is ${num(dx.data[i])}, expected ${num(expected)}: the forward ${y.data[i] !== 0 ? "kept" : "dropped"} this unit`,
        );
    }
  },
);

export const dropoutTestOutput = propertyLaw(
  {
    id: "dropout-test-output",
    section: "§6.4.3 Dropout (test time)",
    spec: SPEC,
    title: "Book dropout at test time outputs exactly x·(1 − ratio)",
    mistake:
      "the identity at test time in the book's version (only inverted dropout, which rescales in training, may do that)",
  },
  fc.record(shape),
  30,
  (impl, { n, d, ratio, seed }) => {
    const x = randn(impl, dataRng(seed), n, d);
    const y = new impl.Dropout(ratio, implRng(impl, seed)).forward(x, false);
    for (let i = 0; i < x.data.length; i++) {
      const expected = x.data[i] * (1 - ratio);
      // One rounding either way (x·(1 − r) or x − x·r): 2 ulps.
      if (!(Math.abs(y.data[i] - expected) <= 4.5e-16 * Math.abs(expected)))
        violation(
          `test output at ${at(i, d)} is ${num(y.data[i])}, expected x·(1 − ratio) = ${num(expected)} (x = ${num(x.data[i])}, ratio ${ratio})`,
        );
    }
  },
);

export const dropoutKeptFraction = propertyLaw(
  {
    id: "dropout-kept-fraction",
    section: "§6.4.3 Dropout (mask: keep when rand > ratio)",
    spec: SPEC,
    title: "With a seeded generator and ≥ 10⁴ units, dropout keeps a fraction within 5 standard errors of 1 − ratio",
    mistake:
      "the comparison the wrong way round (keeping when rand < ratio keeps a fraction ratio), or one mask value per row instead of per unit",
  },
  fc.record({
    size: fc.integer({ min: 10_000, max: 20_000 }),
    ratio: RATIO,
    inverted: fc.boolean(),
    seed: fc.integer(),
  }),
  8,
  (impl, { size, ratio, inverted, seed }) => {
    const x = mat(impl, 1, size, new Float64Array(size).fill(1));
    const y = new impl.Dropout(ratio, implRng(impl, seed), { inverted }).forward(x, true);
    let kept = 0;
    for (let i = 0; i < size; i++) if (y.data[i] !== 0) kept++;
    // Binomial: SE = √(r(1 − r)/n) ≤ 0.005, so 5 SE ≤ 0.025 (a correct mask fails with probability
    // 6e-7), while the swapped comparison moves the fraction by |1 − 2r| ≥ 0.2.
    const se = Math.sqrt((ratio * (1 - ratio)) / size);
    const frac = kept / size;
    if (!(Math.abs(frac - (1 - ratio)) <= 5 * se))
      violation(
        `kept ${kept} of ${size} units (fraction ${frac.toFixed(4)}): expected 1 − ratio = ${(1 - ratio).toFixed(4)} ± 5 SE = ±${(5 * se).toFixed(4)}`,
      );
  },
);

export const dropoutExpectation = propertyLaw(
  {
    id: "dropout-expected-train-equals-test",
    section: "§6.4.3 Dropout (why test scales by 1 − ratio)",
    spec: SPEC,
    title: "The expected training output of dropout equals its test output (Σ over 10⁴ units within 5 standard errors)",
    mistake:
      "training and test scaling that do not match: the book scales at test (×(1 − ratio)), inverted dropout at training (×1/(1 − ratio)); doing both or neither breaks E[train] = test",
  },
  fc.record({
    size: fc.integer({ min: 10_000, max: 20_000 }),
    ratio: RATIO,
    inverted: fc.boolean(),
    seed: fc.integer(),
  }),
  8,
  (impl, { size, ratio, inverted, seed }) => {
    const rng = dataRng(seed);
    const x = mat(impl, 1, size);
    for (let i = 0; i < size; i++) x.data[i] = 0.5 + rng.uniform();
    const layer = new impl.Dropout(ratio, implRng(impl, seed), { inverted });
    const train = layer.forward(x, true),
      test = layer.forward(x, false);
    let sTrain = 0,
      sTest = 0,
      sq = 0;
    for (let i = 0; i < size; i++) {
      sTrain += train.data[i];
      sTest += test.data[i];
      sq += x.data[i] ** 2;
    }
    // Σ train is a sum of independent x_i·Bernoulli(1 − r)·c (c = 1, or 1/(1 − r) inverted):
    // SE = c·√(r(1 − r)·Σx²). A mismatched scaling is off by r·Σx or more (doing both, or neither),
    // i.e. by √(r/(1 − r))·Σx/√Σx² ≥ 0.33·0.96·√10⁴ ≈ 32 SE: far outside 5 SE.
    const c = inverted ? 1 / (1 - ratio) : 1;
    const se = c * Math.sqrt(ratio * (1 - ratio) * sq);
    if (!(Math.abs(sTrain - sTest) <= 5 * se))
      violation(
        `${inverted ? "inverted" : "book"} dropout, ratio ${ratio}: Σ training output ${num(sTrain)} but Σ test output ${num(sTest)} (|diff| ${num(Math.abs(sTrain - sTest))} > 5 SE = ${num(5 * se)})`,
      );
  },
);

export const dropoutRatioZero = propertyLaw(
  {
    id: "dropout-ratio-zero-identity",
    section: "§6.4.3 Dropout (ratio 0)",
    spec: SPEC,
    title: "Dropout with ratio 0 is the identity in training, at test time and in backward",
    mistake: "the keep test written rand < ratio (drops everything at ratio 0) or rand >= 1 − ratio",
  },
  fc.record({ n: shape.n, d: shape.d, inverted: fc.boolean(), seed: fc.integer() }),
  20,
  (impl, { n, d, inverted, seed }) => {
    const rng = dataRng(seed);
    const x = randn(impl, rng, n, d),
      dout = randn(impl, rng, n, d);
    const layer = new impl.Dropout(0, implRng(impl, seed), { inverted });
    const train = layer.forward(x, true),
      dx = layer.backward(dout),
      test = layer.forward(x, false);
    for (let i = 0; i < x.data.length; i++) {
      if (train.data[i] !== x.data[i])
        violation(
          `ratio 0, training output at ${at(i, d)} is ${num(train.data[i])}, expected the input ${num(x.data[i])}`,
        );
      if (dx.data[i] !== dout.data[i])
        violation(`ratio 0, dx at ${at(i, d)} is ${num(dx.data[i])}, expected dout ${num(dout.data[i])}`);
      if (test.data[i] !== x.data[i])
        violation(`ratio 0, test output at ${at(i, d)} is ${num(test.data[i])}, expected the input ${num(x.data[i])}`);
    }
  },
);

export const dropoutInverted = propertyLaw(
  {
    id: "dropout-inverted-mode",
    section: "§6.4.3 Dropout (note: inverted dropout of the frameworks)",
    spec: SPEC,
    title:
      "Inverted dropout keeps units as x/(1 − ratio), passes dout/(1 − ratio) back through them, and is the identity at test time",
    mistake:
      "the inverted option ignored (book scaling used), or the 1/(1 − ratio) applied in forward but not in backward",
  },
  fc.record(shape),
  30,
  (impl, { n, d, ratio, seed }) => {
    const rng = dataRng(seed);
    const x = awayFromZero(impl, rng, n, d, 0.1),
      dout = randn(impl, rng, n, d);
    const layer = new impl.Dropout(ratio, implRng(impl, seed), { inverted: true });
    const y = layer.forward(x, true),
      dx = layer.backward(dout),
      test = layer.forward(x, false);
    // x/(1 − r) or x·(1/(1 − r)): two roundings at most, 4.5e-16 relative.
    const close = (a: number, b: number) => Math.abs(a - b) <= 4.5e-16 * Math.abs(b);
    for (let i = 0; i < x.data.length; i++) {
      const kept = y.data[i] !== 0;
      const ey = kept ? x.data[i] / (1 - ratio) : 0,
        edx = kept ? dout.data[i] / (1 - ratio) : 0;
      if (!close(y.data[i], ey))
        violation(
          `inverted, training output at ${at(i, d)} is ${num(y.data[i])}: expected 0 or x/(1 − ratio) = ${num(x.data[i] / (1 - ratio))} (ratio ${ratio})`,
        );
      if (!close(dx.data[i], edx))
        violation(
          `inverted, dx at ${at(i, d)} is ${num(dx.data[i])}, expected ${num(edx)} (${kept ? "kept: dout/(1 − ratio)" : "dropped: 0"})`,
        );
      if (test.data[i] !== x.data[i])
        violation(
          `inverted, test output at ${at(i, d)} is ${num(test.data[i])}, expected the input ${num(x.data[i])} (identity)`,
        );
    }
  },
);

export const dropoutLaws: Law[] = [
  dropoutTrainZeroOrX,
  dropoutBackwardMask,
  dropoutTestOutput,
  dropoutKeptFraction,
  dropoutExpectation,
  dropoutRatioZero,
  dropoutInverted,
];
