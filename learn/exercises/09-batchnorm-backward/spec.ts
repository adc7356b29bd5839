/** Checks of exercise 09 · BatchNorm backward (§6.3.1). */
import { Matrix } from "../../../src/base/matrix.js";
import { Rng } from "../../../src/base/rng.js";
import { numericalGradient } from "../../../src/gradient.js";
import type { ExerciseSpec } from "../../lib/exercise.js";
import type { BatchNormForward } from "../08-batchnorm-forward/spec.js";
import { expectClose, expectThat, fmt } from "../../lib/teach.js";

interface BatchNormWithBackward extends BatchNormForward {
  dgamma: Matrix | null;
  dbeta: Matrix | null;
  backward(dout: Matrix): Matrix;
}
export interface Module {
  BatchNormalization: new (gamma: Matrix, beta: Matrix, momentum?: number) => BatchNormWithBackward;
}

const S = "§6.3.1 BatchNorm backward";
const EPS = 1e-6;

/** The random case of checks 2–4 (seeds 11, 12, 13): x 5×3, γ, β, and dout = ∂L/∂y for L = Σ y⊙R. */
function randomCase() {
  const x = new Rng(11).randn(5, 3, 3).map((v) => v + 1);
  const r12 = new Rng(12);
  const gamma = r12.randn(1, 3).map((v) => v + 1),
    beta = r12.randn(1, 3);
  const R = new Rng(13).randn(5, 3);
  return { x, gamma, beta, R };
}

/**
 * Book-graph backward with a piece left out, only to name a learner's mistake when their dx
 * matches one: without the mean term (dx = dxc) or without the path through σ² (std taken as
 * a constant).
 */
function variantDx(x: Matrix, gamma: Matrix, dout: Matrix, leaveOut: "mean" | "variance"): number[] {
  const N = x.rows,
    D = x.cols,
    dx: number[] = new Array(N * D);
  for (let j = 0; j < D; j++) {
    const col = Array.from({ length: N }, (_, i) => x.get(i, j));
    const mu = col.reduce((a, b) => a + b, 0) / N;
    const xc = col.map((v) => v - mu);
    const std = Math.sqrt(xc.reduce((a, b) => a + b * b, 0) / N + EPS);
    const dxn = col.map((_, i) => gamma.data[j] * dout.get(i, j));
    let dstd = 0;
    for (let i = 0; i < N; i++) dstd -= (dxn[i] * xc[i]) / (std * std);
    const dvar = leaveOut === "variance" ? 0 : (0.5 * dstd) / std;
    const dxc = col.map((_, i) => dxn[i] / std + (2 / N) * xc[i] * dvar);
    const dmu = leaveOut === "mean" ? 0 : dxc.reduce((a, b) => a + b, 0);
    for (let i = 0; i < N; i++) dx[i * D + j] = dxc[i] - dmu / N;
  }
  return dx;
}

const sumOf = (y: Matrix, R: Matrix) => {
  let s = 0;
  for (let k = 0; k < y.data.length; k++) s += y.data[k] * R.data[k];
  return s;
};

export const spec: ExerciseSpec<Module> = {
  exports: ["BatchNormalization"],
  checks: [
    {
      name: "dβ = Σ dout and dγ = Σ x̂⊙dout on the hand-worked batch of exercise 08",
      run({ BatchNormalization }) {
        // x = [[1, 0], [3, 0], [5, 6]]: x̂ column 0 = [−2, 0, 2]/s0, column 1 = [−2, −2, 4]/s1,
        // s0 = √(8/3 + 1e-6), s1 = √(8 + 1e-6); dout = [[1, 0], [0, 1], [2, −1]]
        //   dβ = column sums of dout = [1 + 0 + 2, 0 + 1 − 1] = [3, 0]
        //   dγ = column sums of x̂⊙dout = [(−2·1 + 0·0 + 2·2)/s0, (−2·0 − 2·1 + 4·(−1))/s1] = [2/s0, −6/s1]
        const s0 = Math.sqrt(8 / 3 + EPS),
          s1 = Math.sqrt(8 + EPS);
        const bn = new BatchNormalization(Matrix.rowVector([1, 2]), Matrix.rowVector([0, 0.5]));
        bn.forward(
          Matrix.fromArray([
            [1, 0],
            [3, 0],
            [5, 6],
          ]),
          true,
        );
        bn.backward(
          Matrix.fromArray([
            [1, 0],
            [0, 1],
            [2, -1],
          ]),
        );
        expectClose(bn.dbeta, [3, 0], {
          section: S,
          what: "this.dbeta (1×2)",
          atol: 1e-12,
          mistake: "dβ sums dout over the rows (the batch): one number per feature, a 1×D Matrix",
        });
        expectClose(bn.dgamma, [2 / s0, -6 / s1], {
          section: S,
          what: "this.dgamma (1×2)",
          atol: 1e-12,
          mistake: "dγ sums x̂⊙dout over the rows: one number per feature",
          mistakes: [
            {
              values: [2, -6],
              says: "dγ from xc = x − μ: y = γ·x̂ + β, so dγ = Σ x̂⊙dout with the normalised x̂ (this.xn).",
            },
          ],
        });
      },
    },
    {
      name: "dx, dγ and dβ agree with the numerical gradient (central differences, h = 1e-4)",
      run({ BatchNormalization }) {
        // L(x, γ, β) = Σ y⊙R for a fixed random R, so ∂L/∂y = R = dout. The numerical gradient
        // (L(x + h) − L(x − h))/2h of the book's §4.3 (src/gradient.ts numericalGradient) needs
        // only your forward (exercise 08); its error here is about 4e-10, the tolerance 1e-7.
        const { x, gamma, beta, R } = randomCase();
        const bn = new BatchNormalization(gamma.clone(), beta.clone());
        bn.forward(x.clone(), true);
        const dx = bn.backward(R);
        const probe = new BatchNormalization(gamma.clone(), beta.clone());
        const L = () => sumOf(probe.forward(xp, true), R);
        const xp = x.clone();
        const numDx = numericalGradient(L, xp);
        expectClose(dx, numDx, {
          section: `${S}, seeds 11–13`,
          what: "dx (5×3) against the numerical gradient",
          atol: 1e-7,
          mistake: "a node of the graph left out: every path from x to y (through xc, σ² and μ) adds to dx",
          mistakes: [
            {
              values: variantDx(x, gamma, R, "mean"),
              says: "BatchNorm backward missing the mean term: μ depends on every x, so dx = dxc − (Σ dxc)/N.",
            },
            {
              values: variantDx(x, gamma, R, "variance"),
              says: "BatchNorm backward without the path through σ² (std treated as a constant): add dxc += (2/N)·xc·dvar.",
            },
          ],
        });
        expectClose(bn.dgamma, numericalGradient(L, probe.gamma), {
          section: `${S}, seeds 11–13`,
          what: "dγ against the numerical gradient",
          atol: 1e-7,
        });
        expectClose(bn.dbeta, numericalGradient(L, probe.beta), {
          section: `${S}, seeds 11–13`,
          what: "dβ against the numerical gradient",
          atol: 1e-7,
        });
      },
    },
    {
      name: "each column of dx sums to 0 (adding a constant to a column of x changes nothing)",
      run({ BatchNormalization }) {
        // x + c·(1, …, 1) in column j gives the same μ-centred xc, so the same y: the gradient along
        // (1, …, 1) is 0, i.e. Σ_i dx_ij = 0 for every j. Same random case as above.
        const { x, gamma, beta, R } = randomCase();
        const bn = new BatchNormalization(gamma, beta);
        bn.forward(x, true);
        const dx = bn.backward(R);
        const sums = [0, 0, 0];
        for (let i = 0; i < 5; i++) for (let j = 0; j < 3; j++) sums[j] += dx.get(i, j);
        expectThat(
          sums.every((s) => Math.abs(s) <= 1e-12),
          {
            section: `${S}, seeds 11–13`,
            what: "column sums of dx",
            expected: "[0, 0, 0] (within 1e-12)",
            received: fmt(sums),
            mistake: "the mean term is missing: dx = dxc − (Σ_i dxc)/N",
          },
        );
      },
    },
    {
      name: "dx matches the compact formula (γ/(N·std))·(N·dout − Σdout − x̂·Σ(dout⊙x̂)) to 1e-12",
      run({ BatchNormalization }) {
        // Collapsing the graph gives, per column: dx = γ/(N·std) · (N·dout − Σ_i dout − x̂·Σ_i dout⊙x̂).
        const { x, gamma, beta, R } = randomCase();
        const bn = new BatchNormalization(gamma, beta);
        bn.forward(x, true);
        const dx = bn.backward(R);
        const N = 5,
          expected: number[] = new Array(15);
        for (let j = 0; j < 3; j++) {
          const col = Array.from({ length: N }, (_, i) => x.get(i, j));
          const mu = col.reduce((a, b) => a + b, 0) / N;
          const std = Math.sqrt(col.reduce((a, b) => a + (b - mu) ** 2, 0) / N + EPS);
          const xn = col.map((v) => (v - mu) / std);
          let sd = 0,
            sdx = 0;
          for (let i = 0; i < N; i++) {
            sd += R.get(i, j);
            sdx += R.get(i, j) * xn[i];
          }
          for (let i = 0; i < N; i++)
            expected[i * 3 + j] = (gamma.data[j] / (N * std)) * (N * R.get(i, j) - sd - xn[i] * sdx);
        }
        expectClose(dx, expected, {
          section: `${S}, seeds 11–13`,
          what: "dx (5×3) against the compact formula",
          atol: 1e-12,
          mistake: "a constant off in one node: 0.5 in dvar, 2/N in dxc, 1/N in dx",
        });
      },
    },
  ],
};
