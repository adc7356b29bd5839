/** Checks of exercise 08 · BatchNorm forward (§6.3.1). */
import { Matrix } from "../../../src/base/matrix.js";
import { Rng } from "../../../src/base/rng.js";
import type { ExerciseSpec } from "../../lib/exercise.js";
import { expectClose, expectThat } from "../../lib/teach.js";

export interface BatchNormForward {
  gamma: Matrix;
  beta: Matrix;
  runningMean: Matrix | null;
  runningVar: Matrix | null;
  batchSize: number;
  xc: Matrix | null;
  xn: Matrix | null;
  std: Matrix | null;
  forward(x: Matrix, train?: boolean): Matrix;
}
export interface Module {
  BatchNormalization: new (gamma: Matrix, beta: Matrix, momentum?: number) => BatchNormForward;
}

const S = "§6.3.1 BatchNorm forward";
const EPS = 1e-6; // the book's 10e-7

// The hand-worked batch: N = 3 rows, D = 2 features.
//   column 0: [1, 3, 5]  μ = 3, σ² = (4 + 0 + 4)/3  = 8/3, x − μ = [−2, 0, 2]
//   column 1: [0, 0, 6]  μ = 2, σ² = (4 + 4 + 16)/3 = 8,   x − μ = [−2, −2, 4]
const X = [
  [1, 0],
  [3, 0],
  [5, 6],
];
const GAMMA = [1, 2],
  BETA = [0, 0.5];
const s0 = Math.sqrt(8 / 3 + EPS),
  s1 = Math.sqrt(8 + EPS);
const XN = [-2 / s0, -2 / s1, 0, -2 / s1, 2 / s0, 4 / s1];
const Y = XN.map((v, k) => GAMMA[k % 2] * v + BETA[k % 2]);

const make = (BN: Module["BatchNormalization"]) => new BN(Matrix.rowVector(GAMMA), Matrix.rowVector(BETA));

/** Wrong normalisations, only to name a mistake when a learner's output matches one. */
function variant(opts: { byRow?: boolean; ddof?: number; eps?: number; affine?: boolean }): number[] {
  const { byRow = false, ddof = 0, eps = EPS, affine = true } = opts;
  const out: number[] = new Array(6);
  const lines = byRow
    ? [
        [0, 1],
        [2, 3],
        [4, 5],
      ]
    : [
        [0, 2, 4],
        [1, 3, 5],
      ];
  const flat = X.flat();
  for (const idx of lines) {
    const vals = idx.map((k) => flat[k]);
    const mu = vals.reduce((a, b) => a + b, 0) / vals.length;
    const v = vals.reduce((a, b) => a + (b - mu) ** 2, 0) / (vals.length - ddof);
    idx.forEach((k) => {
      const xn = (flat[k] - mu) / Math.sqrt(v + eps);
      out[k] = affine ? GAMMA[k % 2] * xn + BETA[k % 2] : xn;
    });
  }
  return out;
}

export const spec: ExerciseSpec<Module> = {
  exports: ["BatchNormalization"],
  checks: [
    {
      name: "training forward of a hand-worked 3×2 batch",
      run({ BatchNormalization }) {
        // x̂ column 0 = [−2, 0, 2]/√(8/3 + 1e-6),  x̂ column 1 = [−2, −2, 4]/√(8 + 1e-6)
        // y = γ·x̂ + β with γ = [1, 2], β = [0, 0.5]  ≈ [[−1.2247, −0.9142], [0, −0.9142], [1.2247, 3.3284]]
        const y = make(BatchNormalization).forward(Matrix.fromArray(X), true);
        expectClose(y, Y, {
          section: S,
          what: "y = γ·x̂ + β for x = [[1, 0], [3, 0], [5, 6]], γ = [1, 2], β = [0, 0.5]",
          atol: 1e-12,
          mistake: "μ and σ² per column (over the N rows), σ² divided by N, ε = 1e-6",
          mistakes: [
            { values: X.flat(), says: "y is x unchanged: forward must normalise, then scale by γ and shift by β." },
            {
              values: variant({ byRow: true }),
              says: "BatchNorm statistics over the wrong axis: μ and σ² are per feature (column), over the rows of the batch.",
            },
            { values: variant({ ddof: 1 }), says: "variance divided by N − 1: the book (NumPy's var) divides by N." },
            { values: variant({ eps: 1e-7 }), says: "ε = 1e-7: the book's code writes 10e-7, which is 1e-6." },
            { values: variant({ eps: 0 }), says: "no ε: the book adds ε = 10e-7 (1e-6) to σ² inside the root." },
            { values: variant({ affine: false }), says: "γ and β not applied: y = γ·x̂ + β." },
            {
              values: X.flat().map(
                (v, k) =>
                  (GAMMA[k % 2] * (v - [0.3, 0.2][k % 2])) / Math.sqrt([0.8 / 3, 0.8][k % 2] + EPS) + BETA[k % 2],
              ),
              says: "BatchNorm using running statistics in training: training normalises with the batch's own μ and σ²; the running ones are for test mode.",
            },
            {
              values: X.flat().map((v, k) => (GAMMA[k % 2] * v) / Math.sqrt(EPS) + BETA[k % 2]),
              says: "BatchNorm using running statistics in training (still 0 on the first batch): training normalises with the batch's own μ and σ².",
            },
          ],
        });
      },
    },
    {
      name: "running statistics move 10 % towards the batch's (momentum 0.9, from 0)",
      run({ BatchNormalization }) {
        // after one training forward:  runningMean = 0.1·μ = [0.3, 0.2],   runningVar = 0.1·σ² = [0.2667, 0.8]
        // after a second one (same x): 0.9·0.1·μ + 0.1·μ = 0.19·μ = [0.57, 0.38], runningVar = 0.19·σ² = [0.5067, 1.52]
        const bn = make(BatchNormalization);
        bn.forward(Matrix.fromArray(X), true);
        expectClose(bn.runningMean, [0.3, 0.2], {
          section: S,
          what: "runningMean after one training forward",
          atol: 1e-12,
          mistakes: [
            { values: [0, 0], says: "the running statistics did not move: training forward updates them." },
            { values: [2.7, 1.8], says: "momentum on the wrong side: running ← 0.9·running + 0.1·batch." },
            {
              values: [3, 2],
              says: "running statistics replaced by the batch's: they are a moving average, 0.9·running + 0.1·batch.",
            },
          ],
        });
        expectClose(bn.runningVar, [0.8 / 3, 0.8], {
          section: S,
          what: "runningVar after one training forward",
          atol: 1e-12,
          mistakes: [
            {
              values: [0.4, 1.2],
              says: "running variance from σ² divided by N − 1: use the same σ² as the forward (divided by N).",
            },
            { values: [0.1 * s0, 0.1 * s1], says: "running variance from the std: average σ², not √(σ² + ε)." },
          ],
        });
        bn.forward(Matrix.fromArray(X), true);
        expectClose(bn.runningMean, [0.57, 0.38], {
          section: S,
          what: "runningMean after two training forwards",
          atol: 1e-12,
          mistake: "running ← m·running + (1 − m)·batch keeps the previous running value",
        });
        expectClose(bn.runningVar, [(0.19 * 8) / 3, 1.52], {
          section: S,
          what: "runningVar after two training forwards",
          atol: 1e-12,
        });
      },
    },
    {
      name: "test mode normalises with the running statistics and leaves them alone",
      run({ BatchNormalization }) {
        // After two training forwards: runningMean = [0.57, 0.38], runningVar = [0.19·8/3, 1.52].
        // Test batch [[2, 1], [4, 3]]: y = γ·(x − runningMean)/√(runningVar + 1e-6) + β
        const bn = make(BatchNormalization);
        bn.forward(Matrix.fromArray(X), true);
        bn.forward(Matrix.fromArray(X), true);
        const rm = [0.57, 0.38],
          rv = [(0.19 * 8) / 3, 1.52];
        const xt = [2, 1, 4, 3];
        const expected = xt.map((v, k) => (GAMMA[k % 2] * (v - rm[k % 2])) / Math.sqrt(rv[k % 2] + EPS) + BETA[k % 2]);
        // the same batch normalised by its own statistics (μ = [3, 2], σ² = [1, 1]):
        const own = xt.map((v, k) => (GAMMA[k % 2] * (v - [3, 2][k % 2])) / Math.sqrt(1 + EPS) + BETA[k % 2]);
        const y = bn.forward(
          Matrix.fromArray([
            [2, 1],
            [4, 3],
          ]),
          false,
        );
        expectClose(y, expected, {
          section: S,
          what: "test-mode y for x = [[2, 1], [4, 3]]",
          atol: 1e-12,
          mistakes: [
            {
              values: own,
              says: "BatchNorm using the batch's statistics at test time: test mode (train = false) uses runningMean and runningVar.",
            },
          ],
        });
        expectClose(bn.runningMean, rm, {
          section: S,
          what: "runningMean after a test-mode forward",
          atol: 1e-12,
          mistake: "test-mode forward must not update the running statistics",
        });
        expectClose(bn.runningVar, rv, {
          section: S,
          what: "runningVar after a test-mode forward",
          atol: 1e-12,
          mistake: "test-mode forward must not update the running statistics",
        });
      },
    },
    {
      name: "training forward keeps batchSize, xc, xn and std for backward",
      run({ BatchNormalization }) {
        const bn = make(BatchNormalization);
        bn.forward(Matrix.fromArray(X), true);
        expectThat(bn.batchSize === 3, {
          section: S,
          what: "this.batchSize after forward of 3 rows",
          expected: "3",
          received: String(bn.batchSize),
        });
        expectClose(bn.xc, [-2, -2, 0, -2, 2, 4], { section: S, what: "this.xc = x − μ (3×2)", atol: 1e-12 });
        expectClose(bn.std, [s0, s1], {
          section: S,
          what: "this.std = √(σ² + ε) (1×2)",
          atol: 1e-12,
          mistake: "std is per column, √(σ² + 1e-6)",
        });
        expectClose(bn.xn, XN, { section: S, what: "this.xn = x̂ (3×2)", atol: 1e-12 });
      },
    },
    {
      name: "on a random batch, each output column has mean β and variance γ²·σ²/(σ² + ε)",
      run({ BatchNormalization }) {
        // x̂ has mean exactly 0 and mean square σ²/(σ² + ε) per column, so y = γ·x̂ + β has
        // mean β and variance γ²·σ²/(σ² + ε). Batch: 8×3 draws of 5·N(0, 1) + 2 with Rng(5).
        const x = new Rng(5).randn(8, 3, 5).map((v) => v + 2);
        const gamma = [1.5, -2, 0.5],
          beta = [0.1, 0.2, -0.3];
        const y = new BatchNormalization(Matrix.rowVector(gamma), Matrix.rowVector(beta)).forward(x, true);
        const meanY: number[] = [],
          varY: number[] = [],
          varExpected: number[] = [];
        for (let j = 0; j < 3; j++) {
          let mx = 0,
            my = 0;
          for (let i = 0; i < 8; i++) {
            mx += x.get(i, j) / 8;
            my += y.get(i, j) / 8;
          }
          let vx = 0,
            vy = 0;
          for (let i = 0; i < 8; i++) {
            vx += (x.get(i, j) - mx) ** 2 / 8;
            vy += (y.get(i, j) - my) ** 2 / 8;
          }
          meanY.push(my);
          varY.push(vy);
          varExpected.push((gamma[j] ** 2 * vx) / (vx + EPS));
        }
        expectClose(meanY, beta, {
          section: `${S}, seed 5`,
          what: "column means of y",
          atol: 1e-12,
          mistake: "μ over the wrong axis, or β not added",
        });
        expectClose(varY, varExpected, {
          section: `${S}, seed 5`,
          what: "column variances of y",
          atol: 1e-12,
          mistake: "σ² over the wrong axis, divided by N − 1, or γ not applied",
        });
      },
    },
  ],
};
