/**
 * The numerical differentiator itself (§4.3.1 numerical differentiation): central differences
 * have error O(h²), so on smooth functions halving h quarters the error (until rounding, ~eps/h,
 * dominates; the h used here stay far above that).
 */
import fc from "fast-check";
import { num, propertyLaw, violation, type Law } from "./law.js";
import { dataRng, mat } from "./util.js";

const SPEC = "spec/properties/every-law-holds-on-the-reference.spec.ts";

export const halvingHQuartersError = propertyLaw(
  {
    id: "central-difference-order-two",
    section: "§4.3.1 numerical differentiation (central difference)",
    spec: SPEC,
    title:
      "Halving h quarters the numerical gradient's error on a smooth function (central differences are second order)",
    mistake:
      "a forward difference (f(x + h) − f(x))/h (error halves: first order), or the central difference divided by h instead of 2h",
  },
  fc.record({ m: fc.integer({ min: 1, max: 6 }), seed: fc.integer() }),
  20,
  (impl, { m, seed }) => {
    // f(x) = Σ exp(a_i x_i), a_i ∈ [0.5, 2], x_i ∈ [−1, 1]: f''' = a³e^{ax} > 0 everywhere, so the
    // leading error h²f'''/6 never vanishes; the next term changes the ratio by 3h²a²/80 < 1e-5.
    // Rounding, ~eps·Σf/h ≈ 1e-12, is 10⁶ below the error at the smallest h = 2.5e-3.
    const rng = dataRng(seed);
    const a = Float64Array.from({ length: m }, () => 0.5 + 1.5 * rng.uniform());
    const x0 = Float64Array.from({ length: m }, () => 2 * rng.uniform() - 1);
    const f = (x: { data: Float64Array }) => x.data.reduce((s, xi, i) => s + Math.exp(a[i] * xi), 0);
    const exact = Float64Array.from(x0, (xi, i) => a[i] * Math.exp(a[i] * xi));
    const err = (h: number) => {
      const g = impl.numericalGradient(f, mat(impl, 1, m, x0), h);
      let e = 0;
      for (let i = 0; i < m; i++) e = Math.max(e, Math.abs(g.data[i] - exact[i]));
      return e;
    };
    const e = [1e-2, 5e-3, 2.5e-3].map(err);
    for (let k = 0; k < 2; k++) {
      const ratio = e[k] / e[k + 1];
      // Second order: ratio 4 (to 1e-5). First order gives 2; dividing by h (not 2h) gives ~1.
      if (!(ratio > 3.8 && ratio < 4.2))
        violation(
          `error at h = ${[1e-2, 5e-3, 2.5e-3][k]} is ${num(e[k])}, at h/2 ${num(e[k + 1])}: ratio ${num(ratio)}, expected 4 (±0.2)`,
        );
    }
  },
);

export const numericalLaws: Law[] = [halvingHQuartersError];
