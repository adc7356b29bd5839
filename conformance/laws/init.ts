/**
 * Initial-weight laws (§6.2.2): the spread Xavier and He draw, and what it does to activations
 * through a deep ReLU stack (Figures 6-14: He keeps the scale, std 0.01 collapses to 0).
 */
import fc from "fast-check";
import { num, propertyLaw, violation, type Law } from "./law.js";
import { dataRng, implRng, randn } from "./util.js";

const SPEC = "spec/properties/every-law-holds-on-the-reference.spec.ts";

/** max(0, z·W) for n×n row-major z and W, in plain loops. */
function reluOfProduct(z: Float64Array, W: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      const zik = z[i * n + k];
      for (let j = 0; j < n; j++) out[i * n + j] += zik * W[k * n + j];
    }
  for (let i = 0; i < out.length; i++) out[i] = out[i] > 0 ? out[i] : 0;
  return out;
}

function sampleStd(m: { data: Float64Array }): number {
  let s = 0,
    s2 = 0;
  for (const v of m.data) s += v;
  const mean = s / m.data.length;
  for (const v of m.data) s2 += (v - mean) ** 2;
  return Math.sqrt(s2 / m.data.length);
}

export const initStdLaw = propertyLaw(
  {
    id: "xavier-he-std",
    section: "§6.2.2 Xavier initialisation, §6.2.3 He initialisation",
    spec: SPEC,
    title: "For ≥ 10⁴ weights the sample std is within 3% of √(1/n) for Xavier and √(2/n) for He (n = fan-in)",
    mistake:
      "Xavier and He swapped (a factor √2 apart), the fan-out used for n, or the std itself stored as every weight",
  },
  // n_in small or large and n_out = ⌈2·10⁴/n_in⌉: fan-in and fan-out differ by ≥ 4×, so using the
  // wrong one is visible, and 2·10⁴ weights give a std whose standard error is 1/√(2·2·10⁴) = 0.5%.
  fc.record({
    nIn: fc.oneof(fc.integer({ min: 20, max: 60 }), fc.integer({ min: 320, max: 600 })),
    seed: fc.integer(),
  }),
  6,
  (impl, { nIn, seed }) => {
    const nOut = Math.ceil(20_000 / nIn);
    const rng = implRng(impl, seed);
    for (const [scheme, expected] of [
      ["xavier", Math.sqrt(1 / nIn)],
      ["sigmoid", Math.sqrt(1 / nIn)],
      ["he", Math.sqrt(2 / nIn)],
      ["relu", Math.sqrt(2 / nIn)],
    ] as const) {
      const W = impl.initWeight(nIn, nOut, scheme, rng);
      if (W.rows !== nIn || W.cols !== nOut)
        violation(`initWeight(${nIn}, ${nOut}, '${scheme}') has shape ${W.rows}×${W.cols}`);
      const std = sampleStd(W);
      // 3% = 6 standard errors: a correct draw fails with probability ~2e-9; swapping Xavier and He
      // is 41% off, the fan-out ≥ 50% off, a constant fill has std 0.
      if (!(Math.abs(std / expected - 1) <= 0.03))
        violation(
          `'${scheme}' with n_in = ${nIn}, n_out = ${nOut}: sample std ${num(std)}, expected ${num(expected)} ± 3% (ratio ${num(std / expected)})`,
        );
    }
  },
);

export const heKeepsScale = propertyLaw(
  {
    id: "he-keeps-activation-scale",
    section: "§6.2.3 Activation distributions with ReLU (Figure 6-14)",
    spec: SPEC,
    title:
      "Through 5 ReLU layers of 100 nodes He initialisation keeps the activations' scale while std 0.01 collapses them towards 0",
    mistake:
      "He's √(2/n) replaced by Xavier's √(1/n) (ReLU zeroes half the signal, so the scale halves in variance per layer)",
  },
  fc.record({ seed: fc.integer() }),
  3,
  (impl, { seed }) => {
    // The book's experiment with 100 instead of 1000 inputs (10⁴ activations per layer; the spread
    // comes from the weight draws, not the batch): a = z·W, z = ReLU(a), no bias.
    // Only initWeight is the implementation's: the product and ReLU are written out here, so a
    // wrong ReLU layer or matrix product is not reported as a wrong initialisation.
    const x = randn(impl, dataRng(seed), 100, 100);
    const rng = implRng(impl, seed);
    const stds = (init: "he" | number) => {
      let z: Float64Array = Float64Array.from(x.data);
      const out: number[] = [];
      for (let l = 0; l < 5; l++) {
        const W = impl.initWeight(100, 100, init, rng);
        if (W.rows !== 100 || W.cols !== 100)
          violation(`initWeight(100, 100, ${JSON.stringify(init)}) has shape ${W.rows}×${W.cols}`);
        z = reluOfProduct(z, W.data, 100);
        out.push(sampleStd({ data: z }));
      }
      return out;
    };
    const he = stds("he"),
      small = stds(0.01);
    // He preserves E[z²] in expectation; the 100×100 weight draws make layer 5 / layer 1 vary: over
    // 300 seeds it spanned [0.69, 1.52] (log-std 0.15), while Xavier's halving of the variance per
    // layer spanned [0.17, 0.38] (median 0.24). [0.5, 2] sits ~4.5 log-std from both.
    const ratio = he[4] / he[0];
    if (!(ratio >= 0.5 && ratio <= 2))
      violation(
        `He: activation std by layer ${he.map(num).join(", ")}: layer 5 / layer 1 = ${num(ratio)}, expected within [0.5, 2] (scale kept)`,
      );
    // std 0.01 shrinks each layer by 0.01·√(100/2) ≈ 0.07: 2.5e-5 after 4 layers; 1e-3 is 40× above.
    const collapse = small[4] / small[0];
    if (!(collapse < 1e-3))
      violation(
        `std 0.01: activation std by layer ${small.map(num).join(", ")}: layer 5 / layer 1 = ${num(collapse)}, expected < 1e-3 (collapse towards 0)`,
      );
  },
);

export const initLaws: Law[] = [initStdLaw, heKeepsScale];
