/**
 * Function laws: softmax (rows sum to 1, shift invariance, no overflow at ±1000), the cross
 * entropy of the loss lecture's worked examples (docs/book.md), and weight decay's exact contribution
 * to the loss and the gradients (§6.4.2).
 */
import fc from "fast-check";
import { deterministicLaw, expectClose, num, propertyLaw, violation, type Law } from "./law.js";
import { randomiseNonWeights } from "./gradients.js";
import { dataRng, implRng, labels, mat, randn } from "./util.js";

const SPEC = "spec/properties/every-law-holds-on-the-reference.spec.ts";
const rowsCols = { n: fc.integer({ min: 2, max: 5 }), c: fc.integer({ min: 2, max: 6 }), seed: fc.integer() };

export const softmaxRowsSumToOne = propertyLaw(
  {
    id: "softmax-rows-sum-to-one",
    section: "§3.5.3 softmax: outputs sum to 1 (row-wise over a mini-batch)",
    spec: SPEC,
    title: "Softmax rows are non-negative and sum to 1",
    mistake: "normalising over the wrong axis (columns or the whole batch) instead of each row",
  },
  fc.record({ ...rowsCols, scale: fc.constantFrom(0.1, 1, 10, 50) }),
  40,
  (impl, { n, c, seed, scale }) => {
    const y = impl.softmax(randn(impl, dataRng(seed), n, c, scale));
    const sums = new Float64Array(n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < c; j++) {
        const v = y.data[i * c + j];
        if (!(v >= 0 && v <= 1)) violation(`softmax entry [${i}, ${j}] is ${num(v)}, expected a probability in [0, 1]`);
        sums[i] += v;
      }
    // c ≤ 6 terms in [0, 1], each ≤ 2 ulps off: |Σ − 1| ≤ 1e-15·c; a wrong axis is off by O(1).
    expectClose([
      {
        where: "row sums of softmax (expected 1)",
        received: sums,
        expected: new Float64Array(n).fill(1),
        cols: 0,
        atol: 1e-14,
        rtol: 0,
      },
    ]);
  },
);

export const softmaxShiftInvariant = propertyLaw(
  {
    id: "softmax-shift-invariant",
    section: "§3.5.2 softmax: implementation notes (subtracting the maximum)",
    spec: SPEC,
    title: "Adding a constant (up to ±1000) to a row leaves its softmax unchanged",
    mistake: "softmax without subtracting the row maximum: exp(x + 1000) overflows to Infinity and the row becomes NaN",
  },
  fc.record({ ...rowsCols, shift: fc.double({ min: -1000, max: 1000, noNaN: true }) }),
  40,
  (impl, { n, c, seed, shift }) => {
    const rng = dataRng(seed);
    const x = randn(impl, rng, n, c, 3);
    const shifts = Float64Array.from({ length: n }, (_, i) => (i === 0 ? shift : (2 * rng.uniform() - 1) * 1000));
    const xs = mat(
      impl,
      n,
      c,
      Float64Array.from(x.data, (v, k) => v + shifts[Math.floor(k / c)]),
    );
    // x + s rounds to an ulp of 1000 (1.1e-13): softmax entries move by ≤ 3e-13. 1e-12 allows that;
    // an overflowed exp gives NaN.
    expectClose([
      {
        where: "softmax(x + s per row) vs softmax(x)",
        received: impl.softmax(xs).data,
        expected: impl.softmax(x).data,
        cols: c,
        atol: 1e-12,
        rtol: 0,
      },
    ]);
  },
);

export const softmaxNoOverflow = deterministicLaw(
  {
    id: "softmax-no-overflow",
    section: "§3.5.2 softmax: implementation notes (overflow)",
    spec: SPEC,
    title:
      "Softmax of logits ±1000 is finite: [1000, 1000] → [½, ½], [−1000, 0] → [0, 1], [1000, 999, −1000] → [1/(1+e⁻¹), e⁻¹/(1+e⁻¹), 0]",
    mistake: "softmax without subtracting the row maximum: exp(1000) = Infinity, Infinity/Infinity = NaN",
  },
  (impl) => {
    const y = impl.softmax(mat(impl, 3, 3, [1000, 1000, -1000, -1000, 0, -1000, 1000, 999, -1000]));
    const e = Math.exp(-1);
    // exp(−2000) underflows to exactly 0: the expected zeros are exact.
    expectClose([
      {
        where: "softmax of ±1000 logits",
        received: y.data,
        expected: [0.5, 0.5, 0, 0, 1, 0, 1 / (1 + e), e / (1 + e), 0],
        cols: 3,
        atol: 1e-15,
        rtol: 0,
      },
    ]);
  },
);

export const crossEntropyExamples = deterministicLaw(
  {
    id: "cross-entropy-worked-examples",
    section: "lecture notes on losses: cross entropy (log base 2 examples); §4.2.2 cross_entropy_error",
    spec: SPEC,
    title:
      "Cross entropy in base 2 gives the loss lecture's 0.0291 (o = 0.98) and 13.2877 (o = 0.0001, 13.2863 with the book's 1e-7), and a batch is their mean",
    mistake: "the minus sign dropped, the 1e-7 left out of log(y + 1e-7), or the batch summed instead of averaged",
  },
  (impl) => {
    const LN2 = Math.LN2;
    const bits = (rows: number[][], t: number[]) =>
      impl.crossEntropyError(mat(impl, rows.length, 2, rows.flat()), t) / LN2;
    const a = bits([[0.02, 0.98]], [1]),
      b = bits([[0.9999, 0.0001]], [1]);
    // The note prints 4 decimals: 0.0291 ± 5e-5. For o = 0.0001 the book's 1e-7 shifts −log2 o by
    // 1e-3·log2(e) = 1.44e-3, so the note's 13.2877 is matched to 2e-3; the book's exact value
    // −log2(o + 1e-7) is matched to 1e-12.
    if (!(Math.abs(a - 0.0291) <= 5e-5))
      violation(`cross entropy of o = 0.98 for class 1 is ${num(a)} bits, expected 0.0291`);
    if (!(Math.abs(b - 13.2877) <= 2e-3))
      violation(
        `cross entropy of o = 0.0001 for class 1 is ${num(b)} bits, expected 13.2877 (13.2863 with the book's 1e-7)`,
      );
    expectClose([
      {
        where: "−log2(o + 1e-7) for o = 0.98, 0.0001",
        received: [a, b],
        expected: [-Math.log(0.98 + 1e-7) / LN2, -Math.log(0.0001 + 1e-7) / LN2],
        cols: 0,
        atol: 0,
        rtol: 1e-12,
      },
      {
        where: "cross entropy of the two rows as one batch (expected the mean of −log2(o + 1e-7))",
        received: [
          bits(
            [
              [0.02, 0.98],
              [0.9999, 0.0001],
            ],
            [1, 1],
          ),
        ],
        expected: [(-Math.log(0.98 + 1e-7) - Math.log(0.0001 + 1e-7)) / 2 / LN2],
        cols: 0,
        atol: 0,
        rtol: 1e-12,
      },
    ]);
  },
);

export const weightDecayExact = propertyLaw(
  {
    id: "weight-decay-exact",
    section: "§6.4.2 Weight decay",
    spec: SPEC,
    title:
      "Weight decay adds exactly λ/2·ΣW² to the loss and λW to each weight gradient, and nothing to biases, γ or β",
    mistake: "weight decay applied to biases, missing from the gradient (dW without + λW), or λΣW² without the ½",
  },
  fc.record({
    inputSize: fc.integer({ min: 2, max: 4 }),
    hidden: fc.array(fc.integer({ min: 2, max: 5 }), { minLength: 1, maxLength: 2 }),
    outputSize: fc.integer({ min: 2, max: 4 }),
    n: fc.integer({ min: 2, max: 5 }),
    lambda: fc.constantFrom(0.1, 1, 0.01),
    batchnorm: fc.boolean(),
    seed: fc.integer(),
  }),
  25,
  (impl, { inputSize, hidden, outputSize, n, lambda, batchnorm, seed }) => {
    const build = (l: number) => {
      const net = new impl.MultiLayerNetExtend({
        inputSize,
        hiddenSizeList: hidden,
        outputSize,
        weightDecayLambda: l,
        useBatchnorm: batchnorm,
        rng: implRng(impl, seed),
      });
      randomiseNonWeights(net, dataRng(seed));
      return net;
    };
    const plain = build(0),
      decayed = build(lambda);
    const rng = dataRng(seed ^ 0x1234567);
    const x = randn(impl, rng, n, inputSize),
      t = labels(rng, n, outputSize);
    let sq = 0;
    for (const [k, p] of Object.entries(decayed.params)) if (k.startsWith("W")) for (const w of p.data) sq += w * w;
    const l0 = plain.loss(x, t, true),
      l1 = decayed.loss(x, t, true);
    // Two losses of O(1–10) each carry ~1e-15 relative rounding; their difference is checked to
    // 1e-12·(1 + |loss|). The ½ missing doubles the term; decaying biases adds ½λΣb² ≥ 1e-3 here.
    expectClose([
      {
        where: `loss(λ = ${lambda}) − loss(λ = 0) (expected ½λΣW² over W1…W${hidden.length + 1})`,
        received: [l1 - l0],
        expected: [0.5 * lambda * sq],
        cols: 0,
        atol: 1e-12 * (1 + Math.abs(l1)),
        rtol: 1e-12,
      },
    ]);
    const g0 = plain.gradient(x, t),
      g1 = decayed.gradient(x, t);
    for (const key of Object.keys(decayed.params)) {
      if (!g0[key] || !g1[key]) violation(`gradient has no entry for ${key}`);
      const p = decayed.params[key];
      const expected = Float64Array.from(g0[key].data, (g, i) => g + (key.startsWith("W") ? lambda * p.data[i] : 0));
      // dW + λW adds one rounding to the same backprop result: 1e-13 relative covers it.
      expectClose([
        {
          where: `gradient ${key} with λ = ${lambda} (expected ${key.startsWith("W") ? "dW(λ = 0) + λW" : "unchanged: no decay on biases, γ, β"})`,
          received: g1[key].data,
          expected,
          cols: p.cols,
          atol: 1e-14,
          rtol: 1e-13,
        },
      ]);
    }
  },
);

export const functionLaws: Law[] = [
  softmaxRowsSumToOne,
  softmaxShiftInvariant,
  softmaxNoOverflow,
  crossEntropyExamples,
  weightDecayExact,
];
