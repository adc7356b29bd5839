/**
 * Batch Normalization laws (§6.3): what the forward pass must do to each column in training,
 * the sums its backward pass must satisfy, permutation equivariance, the running statistics
 * and the test mode that uses them.
 */
import fc from "fast-check";
import type { Impl, Mat } from "./impl.js";
import { expectClose, propertyLaw, violation, type Law } from "./law.js";
import { batchNormInput, gammaBeta } from "./gradients.js";
import { columnStats, dataRng, mat, randn } from "./util.js";

const SPEC = "spec/properties/every-law-holds-on-the-reference.spec.ts";
/** The book's ε, written 10e-7 in its code: 1e-6 (the law's own constant, not the implementation's). */
const BOOK_EPS = 10e-7;

const batch = { n: fc.integer({ min: 3, max: 8 }), d: fc.integer({ min: 1, max: 5 }), seed: fc.integer() };

function ones(impl: Impl, d: number): Mat {
  return mat(impl, 1, d, new Float64Array(d).fill(1));
}

export const batchNormNormalises = propertyLaw(
  {
    id: "batchnorm-train-normalises",
    section: "§6.3.1 Batch Normalization algorithm (training mode)",
    spec: SPEC,
    title: "BatchNorm in training makes each column mean 0 and variance v/(v+ε), then mean β and std |γ|·√(v/(v+ε))",
    mistake:
      "running statistics used in training instead of the mini-batch's; ε missing (variance exactly 1) or not the book's 1e-6; the unbiased N−1 variance",
  },
  fc.record(batch),
  30,
  (impl, { n, d, seed }) => {
    const rng = dataRng(seed);
    // Column scales down to 0.12, so variances near the 1e-2 threshold (where ε/(v+ε) = 1e-4) occur.
    const x = batchNormInput(impl, rng, n, d, 0.12);
    fc.pre(x !== null);
    const [gamma, beta] = gammaBeta(impl, rng, d);
    const plain = new impl.BatchNormalization(ones(impl, d), mat(impl, 1, d)).forward(x, true);
    const scaled = new impl.BatchNormalization(gamma, beta).forward(x, true);
    const got = { mean0: [] as number[], var0: [] as number[], mean: [] as number[], std: [] as number[] };
    const want = { var0: [] as number[], std: [] as number[], beta: [] as number[] };
    const meanTol: number[] = [];
    for (let j = 0; j < d; j++) {
      const { variance: v } = columnStats(x, j);
      let maxAbs = 0;
      for (let i = 0; i < n; i++) maxAbs = Math.max(maxAbs, Math.abs(x.data[i * d + j]));
      const p = columnStats(plain, j),
        s = columnStats(scaled, j);
      got.mean0.push(p.mean);
      got.var0.push(p.variance);
      got.mean.push(s.mean);
      got.std.push(Math.sqrt(s.variance));
      want.var0.push(v / (v + BOOK_EPS));
      want.std.push(Math.abs(gamma.data[j]) * Math.sqrt(v / (v + BOOK_EPS)));
      want.beta.push(beta.data[j]);
      // Centring rounds at eps·max|x|; divided by std that is ≤ 2.2e-16·max|x|/√v per entry.
      meanTol.push(1e-12 * (1 + maxAbs / Math.sqrt(v)));
    }
    const maxTol = Math.max(...meanTol);
    // Mean: rounding ≤ ~1e-14 here (see meanTol); running statistics in training shift it by 0.9μ/√(0.1v).
    // Variance: 1e-10 absolute, while ε missing moves it by ε/(v+ε) ≥ 1e-7 (v ≲ 9) and N−1 by 1/(N−1) ≥ 1/7.
    expectClose([
      {
        where: "column mean of x̂ (γ = 1, β = 0)",
        received: got.mean0,
        expected: new Float64Array(d),
        cols: 0,
        atol: maxTol,
        rtol: 0,
      },
      {
        where: "column variance of x̂ (expected v/(v+ε), ε = 1e-6)",
        received: got.var0,
        expected: want.var0,
        cols: 0,
        atol: 1e-10,
        rtol: 0,
      },
      {
        where: "column mean of γ·x̂ + β (expected β)",
        received: got.mean,
        expected: want.beta,
        cols: 0,
        atol: 2 * maxTol,
        rtol: 1e-12,
      }, // |γ| ≤ 2 scales the x̂ mean's rounding
      {
        where: "column std of γ·x̂ + β (expected |γ|·√(v/(v+ε)))",
        received: got.std,
        expected: want.std,
        cols: 0,
        atol: 0,
        rtol: 1e-10,
      },
    ]);
  },
);

export const batchNormBackwardSums = propertyLaw(
  {
    id: "batchnorm-backward-sums",
    section: "§6.3.1 Batch Normalization algorithm (backward through its computation graph)",
    spec: SPEC,
    title: "BatchNorm backward: Σ dx over the batch is 0 per column, dβ = Σ dout and dγ = Σ dout ⊙ x̂",
    mistake: "the mean branch missing from backward (Σ dx ≠ 0: the −Σdxc/N term), or dγ computed without x̂",
  },
  fc.record(batch),
  30,
  (impl, { n, d, seed }) => {
    const rng = dataRng(seed);
    const x = batchNormInput(impl, rng, n, d);
    fc.pre(x !== null);
    const [gamma, beta] = gammaBeta(impl, rng, d);
    const dout = randn(impl, rng, n, d);
    const bn = new impl.BatchNormalization(gamma, beta);
    bn.forward(x, true);
    const dx = bn.backward(dout);
    if (!bn.dgamma || !bn.dbeta) violation("backward left dgamma/dbeta unset");
    const sumDx = new Float64Array(d),
      dbeta = new Float64Array(d),
      dgamma = new Float64Array(d);
    const tolDx = new Float64Array(d),
      tolSums = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      const { mean, variance } = columnStats(x, j);
      const std = Math.sqrt(variance + BOOK_EPS);
      let absDout = 0,
        absTerms = 0;
      for (let i = 0; i < n; i++) {
        const k = i * d + j,
          xhat = (x.data[k] - mean) / std;
        sumDx[j] += dx.data[k];
        dbeta[j] += dout.data[k];
        dgamma[j] += dout.data[k] * xhat;
        absDout += Math.abs(dout.data[k]);
        absTerms += Math.abs(dout.data[k]) * (1 + xhat * xhat);
      }
      // Each dx entry is a sum of terms of size |γ|/std·|dout|·(1 + x̂²); their column sum cancels
      // to rounding, ≤ ~1e-15 of the terms. Dropping the mean branch leaves γ/std·Σ dout: O(terms).
      tolDx[j] = 1e-12 * (Math.abs(gamma.data[j]) / std) * absTerms;
      tolSums[j] = 1e-12 * absTerms + 1e-14 * absDout;
    }
    const tol = (t: Float64Array) => Math.max(...t);
    expectClose([
      {
        where: "Σ over the batch of dx, per column (expected 0)",
        received: sumDx,
        expected: new Float64Array(d),
        cols: 0,
        atol: tol(tolDx),
        rtol: 0,
      },
      {
        where: "dβ (expected Σ dout over the batch)",
        received: bn.dbeta.data,
        expected: dbeta,
        cols: 0,
        atol: tol(tolSums),
        rtol: 0,
      },
      {
        where: "dγ (expected Σ dout ⊙ x̂ over the batch)",
        received: bn.dgamma.data,
        expected: dgamma,
        cols: 0,
        atol: tol(tolSums),
        rtol: 1e-12,
      },
    ]);
  },
);

export const batchNormPermutation = propertyLaw(
  {
    id: "batchnorm-permutation-equivariant",
    section: "§6.3.1 Batch Normalization algorithm (per-feature statistics)",
    spec: SPEC,
    title: "Permuting the rows of a BatchNorm training batch permutes the outputs the same way",
    mistake:
      "γ and β broadcast over the wrong axis (one per row instead of one per column), or statistics that depend on row order",
  },
  fc.record(batch),
  30,
  (impl, { n, d, seed }) => {
    const rng = dataRng(seed);
    const x = batchNormInput(impl, rng, n, d);
    fc.pre(x !== null);
    const [gamma, beta] = gammaBeta(impl, rng, d);
    const perm = rng.permutation(n);
    const px = mat(impl, n, d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) px.data[i * d + j] = x.data[perm[i] * d + j];
    const y = new impl.BatchNormalization(gamma, beta).forward(x, true);
    const py = new impl.BatchNormalization(gamma.clone(), beta.clone()).forward(px, true);
    for (let k = 0; k < y.data.length; k++)
      if (!Number.isFinite(y.data[k]))
        violation(
          `training output of a finite batch (${n}×${d}) is ${y.data[k]} at [${Math.floor(k / d)}, ${k % d}]: γ or β read past their ${d} entries?`,
        );
    const expected = new Float64Array(n * d);
    let maxAbs = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < d; j++) {
        expected[i * d + j] = y.data[perm[i] * d + j];
        maxAbs = Math.max(maxAbs, Math.abs(expected[i * d + j]));
      }
    // Only the summation order of μ and σ² changes: ~1e-15 relative. A per-row γ/β changes entries by O(1).
    expectClose([
      {
        where: `output of the permuted batch (permutation [${Array.from(perm).join(", ")}])`,
        received: py.data,
        expected,
        cols: d,
        atol: 1e-12 * (1 + maxAbs),
        rtol: 0,
      },
    ]);
  },
);

export const batchNormRunningMean = propertyLaw(
  {
    id: "batchnorm-running-statistics",
    section: "§6.3.1 Batch Normalization (running statistics for inference)",
    spec: SPEC,
    title:
      "After k training steps on one batch, BatchNorm's running mean is (1 − 0.9^k)·μ and running variance (1 − 0.9^k)·σ²",
    mistake:
      "momentum swapped (running ← 0.1·running + 0.9·batch instead of 0.9·running + 0.1·batch), running statistics not starting at 0, or the unbiased variance",
  },
  fc.record({ ...batch, k: fc.integer({ min: 1, max: 20 }) }),
  30,
  (impl, { n, d, seed, k }) => {
    const rng = dataRng(seed);
    const x = batchNormInput(impl, rng, n, d);
    fc.pre(x !== null);
    const bn = new impl.BatchNormalization(ones(impl, d), mat(impl, 1, d));
    for (let s = 0; s < k; s++) bn.forward(x, true);
    if (!bn.runningMean || !bn.runningVar) violation("runningMean/runningVar not set after training steps");
    const f = 1 - 0.9 ** k;
    const mu: number[] = [],
      v: number[] = [];
    for (let j = 0; j < d; j++) {
      const s = columnStats(x, j);
      mu.push(f * s.mean);
      v.push(f * s.variance);
    }
    // k ≤ 20 updates each round at ~1e-16 relative: 1e-12 leaves a margin of 100; a swapped
    // momentum is off by (0.9 − 0.1)·μ after one step.
    expectClose([
      {
        where: `running mean after k = ${k} steps (expected (1 − 0.9^k)·μ)`,
        received: bn.runningMean.data,
        expected: mu,
        cols: 0,
        atol: 1e-13,
        rtol: 1e-12,
      },
      {
        where: `running variance after k = ${k} steps (expected (1 − 0.9^k)·σ²)`,
        received: bn.runningVar.data,
        expected: v,
        cols: 0,
        atol: 1e-13,
        rtol: 1e-12,
      },
    ]);
  },
);

export const batchNormTestMode = propertyLaw(
  {
    id: "batchnorm-test-mode",
    section: "§6.3.1 Batch Normalization (inference with running statistics)",
    spec: SPEC,
    title:
      "BatchNorm in test mode computes γ(x − running mean)/√(running var + ε) + β with the running statistics of its training steps, each row independent of the others",
    mistake:
      "the test batch's own statistics used at inference (each row's output then depends on the rest of the batch), or test mode updating the running statistics",
  },
  fc.record({ ...batch, m: fc.integer({ min: 2, max: 6 }), steps: fc.integer({ min: 1, max: 4 }) }),
  30,
  (impl, { n, d, seed, m, steps }) => {
    const rng = dataRng(seed);
    const [gamma, beta] = gammaBeta(impl, rng, d);
    const bn = new impl.BatchNormalization(gamma, beta);
    // The running statistics the book's equations give (momentum 0.9, starting at 0), computed
    // here: the expected output never rests on the implementation's own state.
    const rm = new Float64Array(d),
      rv = new Float64Array(d);
    for (let s = 0; s < steps; s++) {
      const xb = batchNormInput(impl, rng, n, d);
      fc.pre(xb !== null);
      bn.forward(xb, true);
      for (let j = 0; j < d; j++) {
        const { mean, variance } = columnStats(xb, j);
        rm[j] = 0.9 * rm[j] + 0.1 * mean;
        rv[j] = 0.9 * rv[j] + 0.1 * variance;
      }
    }
    if (!bn.runningMean || !bn.runningVar) violation("runningMean/runningVar not set after training steps");
    // Test mode can only be judged on the right running statistics: say so first if they are not.
    expectClose([
      {
        where: `running mean after ${steps} training step(s), before test mode (expected 0.9·running + 0.1·μ per step; see batchnorm-running-statistics)`,
        received: bn.runningMean.data,
        expected: rm,
        cols: 0,
        atol: 1e-13,
        rtol: 1e-12,
      },
      {
        where: `running variance after ${steps} training step(s), before test mode (expected 0.9·running + 0.1·σ² per step; see batchnorm-running-statistics)`,
        received: bn.runningVar.data,
        expected: rv,
        cols: 0,
        atol: 1e-13,
        rtol: 1e-12,
      },
    ]);
    const rmBefore = Float64Array.from(bn.runningMean.data),
      rvBefore = Float64Array.from(bn.runningVar.data);
    const xt = randn(impl, rng, m, d, 2);
    const y = bn.forward(xt, false);
    const expected = new Float64Array(m * d),
      alone = new Float64Array(m * d);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < d; j++)
        expected[i * d + j] =
          (gamma.data[j] * (xt.data[i * d + j] - rm[j])) / Math.sqrt(rv[j] + BOOK_EPS) + beta.data[j];
      const row = bn.forward(mat(impl, 1, d, xt.data.subarray(i * d, (i + 1) * d)), false);
      alone.set(row.data, i * d);
    }
    // A few operations per entry, on running statistics within 1e-12 of the implementation's:
    // ≤ 1e-12 relative. Batch statistics at test time differ by O(1).
    expectClose([
      {
        where: "test-mode output (expected γ(x − running mean)/√(running var + ε) + β)",
        received: y.data,
        expected,
        cols: d,
        atol: 1e-12,
        rtol: 1e-12,
      },
      {
        where: "test-mode output of each row fed alone vs inside the batch",
        received: alone,
        expected: y.data,
        cols: d,
        atol: 1e-12,
        rtol: 1e-12,
      },
      {
        where: "running mean after test-mode forwards (must not change)",
        received: bn.runningMean.data,
        expected: rmBefore,
        cols: 0,
        atol: 0,
        rtol: 0,
      },
      {
        where: "running variance after test-mode forwards (must not change)",
        received: bn.runningVar.data,
        expected: rvBefore,
        cols: 0,
        atol: 0,
        rtol: 0,
      },
    ]);
  },
);

export const batchNormLaws: Law[] = [
  batchNormNormalises,
  batchNormBackwardSums,
  batchNormPermutation,
  batchNormRunningMean,
  batchNormTestMode,
];
