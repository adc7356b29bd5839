/** Checks of exercise 12 · Hyperparameter search (§6.5). */
import { Matrix } from "../../../src/base/matrix.js";
import { Rng } from "../../../src/base/rng.js";
import type { ExerciseSpec } from "../../lib/exercise.js";
import { expectClose, expectThat } from "../../lib/teach.js";

interface Split {
  xTrain: Matrix;
  tTrain: Int32Array;
  xVal: Matrix;
  tVal: Int32Array;
}
export interface Module {
  logUniform(rng: Rng, lo: number, hi: number): number;
  sampleHyperparameters(
    rng: Rng,
    ranges: { lr: [number, number]; weightDecay: [number, number] },
  ): { lr: number; weightDecay: number };
  splitValidation(x: Matrix, t: Int32Array, validationRate: number, rng: Rng): Split;
}

const S2 = "§6.5.1 validation data",
  S3 = "§6.5.2–6.5.3 random search on a log scale";

/** A stand-in generator whose uniform() returns the given numbers in turn. */
function scripted(values: number[]): Rng {
  let k = 0;
  const rng = {
    uniform: () => {
      if (k >= values.length)
        throw new Error(
          `the check's generator has only ${values.length} numbers: draw exactly one rng.uniform() per logUniform call`,
        );
      return values[k++];
    },
  };
  return rng as unknown as Rng;
}

/** N rows x_i = [i, 10i] with label t_i = i: a row and its label always tell where they came from. */
const data = (N: number) => ({
  x: Matrix.fromArray(Array.from({ length: N }, (_, i) => [i, 10 * i])),
  t: Int32Array.from({ length: N }, (_, i) => i),
});
const rowIds = (m: unknown): number[] | null =>
  m instanceof Matrix && m.cols === 2 ? Array.from({ length: m.rows }, (_, i) => m.get(i, 0)) : null;

export const spec: ExerciseSpec<Module> = {
  exports: ["logUniform", "sampleHyperparameters", "splitValidation"],
  checks: [
    {
      name: "logUniform(−6, −2) turns u = 0, 0.25, 0.5, 0.75 into 1e-6, 1e-5, 1e-4, 1e-3",
      run({ logUniform }) {
        // exponent = −6 + 4u = −6, −5, −4, −3 → 10^exponent
        const rng = scripted([0, 0.25, 0.5, 0.75]);
        const got = [0, 1, 2, 3].map(() => logUniform(rng, -6, -2));
        expectClose(got, [1e-6, 1e-5, 1e-4, 1e-3], {
          section: S3,
          what: "logUniform(rng, −6, −2) for u = 0, 0.25, 0.5, 0.75",
          atol: 0,
          rtol: 1e-12,
          mistakes: [
            {
              values: [0, 0.25, 0.5, 0.75].map((u) => 1e-6 + u * (1e-2 - 1e-6)),
              says: "uniform on a linear scale: almost every sample lands in [1e-3, 1e-2). Sample the exponent: 10^(lo + (hi − lo)·u).",
            },
            {
              values: [0, 0.25, 0.5, 0.75].map((u) => Math.exp(-6 + 4 * u)),
              says: "base e (Math.exp): the book's exponent is base 10, 10 ** (…).",
            },
            { values: [1e-2, 1e-3, 1e-4, 1e-5], says: "lo and hi swapped: exponent = lo + (hi − lo)·u." },
            {
              values: [-6, -6, -6, -6],
              says: "logUniform returns lo whatever u is: draw one rng.uniform() and return 10 to the power lo + (hi − lo)·u.",
            },
            { values: [-6, -5, -4, -3], says: "the exponent, not the number: return 10 ** exponent." },
          ],
        });
      },
    },
    {
      name: "sampleHyperparameters draws weight decay first, then lr: u = 0.25, 0.5 give weight decay 1e-7 and lr 1e-4",
      run({ sampleHyperparameters }) {
        // Book ranges. Draw 1 (weight decay): −8 + 4·0.25 = −7 → 1e-7; draw 2 (lr): −6 + 4·0.5 = −4 → 1e-4.
        const p = sampleHyperparameters(scripted([0.25, 0.5]), { lr: [-6, -2], weightDecay: [-8, -4] });
        expectClose([p?.weightDecay, p?.lr].map(Number), [1e-7, 1e-4], {
          section: S3,
          what: "[weightDecay, lr] for rng.uniform() = 0.25, then 0.5",
          atol: 0,
          rtol: 1e-12,
          mistake: "weight decay = logUniform(rng, −8, −4) first, then lr = logUniform(rng, −6, −2)",
          mistakes: [
            {
              values: [1e-6, 1e-5],
              says: "lr drawn before weight decay: the book draws weight_decay first, then lr, so a seed gives the book's pairs.",
            },
            { values: [1e-7, 1e-6], says: "one draw used for both: each hyperparameter needs its own rng.uniform()." },
            { values: [1e-5, 1e-6], says: "the ranges swapped: lr on [−6, −2], weight decay on [−8, −4]." },
          ],
        });
      },
    },
    {
      name: "splitValidation shuffles by rng.permutation(N) and takes the first int(N·rate) rows (seed 3)",
      run({ splitValidation }) {
        // N = 10, rate 0.2 → 2 validation rows. Rng(3).permutation(10) = [7, 4, 5, 2, 6, 9, 8, 1, 0, 3]
        // so validation = rows 7, 4 and training = rows 5, 2, 6, 9, 8, 1, 0, 3, labels alike.
        const { x, t } = data(10);
        const perm = Array.from(new Rng(3).permutation(10));
        const s = splitValidation(x, t, 0.2, new Rng(3));
        expectClose(rowIds(s.xVal) ?? s.xVal, perm.slice(0, 2), {
          section: `${S2}, seed 3`,
          what: "which rows xVal holds (row i is [i, 10i])",
          atol: 0,
          mistake: "perm = rng.permutation(N), then validation = the first int(N·rate) rows of x in perm's order",
          mistakes: [
            {
              values: [0, 1],
              says: "no shuffle: the book shuffles before splitting (data is often sorted, e.g. by class).",
            },
            {
              values: perm.slice(8),
              says: "validation taken from the end: the book takes the first int(N·rate) rows of the shuffled data.",
            },
          ],
        });
        expectClose(rowIds(s.xTrain) ?? s.xTrain, perm.slice(2), {
          section: `${S2}, seed 3`,
          what: "which rows xTrain holds",
          atol: 0,
        });
        expectClose(s.tVal, perm.slice(0, 2), {
          section: `${S2}, seed 3`,
          what: "tVal (row i has label i)",
          atol: 0,
          mistake: "labels shuffled separately: x and t must use the same permutation",
        });
        expectClose(s.tTrain, perm.slice(2), {
          section: `${S2}, seed 3`,
          what: "tTrain",
          atol: 0,
          mistake: "labels shuffled separately: x and t must use the same permutation",
        });
      },
    },
    {
      name: "validationNum is int(N·rate): 10 × 0.25 → 2 and 7 × 0.3 → 2 rows",
      run({ splitValidation }) {
        // int(2.5) = 2 and int(2.1) = 2: Python's int() drops the fraction (Math.floor for N·rate ≥ 0)
        const a = data(10),
          b = data(7);
        const n1 = splitValidation(a.x, a.t, 0.25, new Rng(1)).xVal.rows;
        const n2 = splitValidation(b.x, b.t, 0.3, new Rng(1)).xVal.rows;
        expectClose([n1, n2], [2, 2], {
          section: S2,
          what: "validation rows for (N 10, rate 0.25) and (N 7, rate 0.3)",
          atol: 0,
          mistakes: [
            { values: [3, 2], says: "Math.round: the book's int(N·rate) drops the fraction (Math.floor)." },
            { values: [3, 3], says: "Math.ceil: the book's int(N·rate) drops the fraction (Math.floor)." },
          ],
        });
      },
    },
    {
      name: "no row is lost or repeated, and every label stays with its row (N 50, rate 0.2, seed 8)",
      run({ splitValidation }) {
        const { x, t } = data(50);
        const s = splitValidation(x, t, 0.2, new Rng(8));
        const ids = [...(rowIds(s.xVal) ?? []), ...(rowIds(s.xTrain) ?? [])];
        const labels = [...Array.from(s.tVal ?? []), ...Array.from(s.tTrain ?? [])];
        const sorted = [...ids].sort((p, q) => p - q);
        expectThat(sorted.length === 50 && sorted.every((v, i) => v === i), {
          section: `${S2}, seed 8`,
          what: "the rows of xVal and xTrain together",
          expected: "each of the 50 rows exactly once",
          received: `${ids.length} rows, ${new Set(ids).size} different`,
          mistake: "validation and training overlap, or rows were dropped",
        });
        expectThat(labels.length === 50 && labels.every((v, i) => v === ids[i]), {
          section: `${S2}, seed 8`,
          what: "labels next to their rows (row i has label i)",
          expected: "tVal/tTrain in the same order as xVal/xTrain",
          received: `first mismatch at position ${labels.findIndex((v, i) => v !== ids[i])}`,
          mistake: "labels shuffled separately: x and t must use the same permutation",
        });
      },
    },
    {
      name: "10,000 learning rates from logUniform(−6, −2) fill each decade about equally (seed 0)",
      run({ logUniform }) {
        // Each of the 4 decades [1e-6, 1e-5) … [1e-3, 1e-2) should get 25 %: the standard error of a
        // share of 10,000 draws is √(0.25·0.75/10000) ≈ 0.43 %, so accept 25 % ± 2 % (4.6 SE).
        const rng = new Rng(0),
          counts = [0, 0, 0, 0];
        for (let k = 0; k < 10000; k++) {
          const d = Math.floor(Math.log10(logUniform(rng, -6, -2))) + 6;
          if (d >= 0 && d < 4) counts[d] += 1;
        }
        const shares = counts.map((c) => c / 10000);
        expectThat(
          shares.every((s) => Math.abs(s - 0.25) <= 0.02),
          {
            section: `${S3}, seed 0`,
            what: "share of samples in [1e-6, 1e-5), [1e-5, 1e-4), [1e-4, 1e-3), [1e-3, 1e-2)",
            expected: "25 % each (± 2 %)",
            received: shares.map((s) => `${(100 * s).toFixed(1)} %`).join(", "),
            mistake: "sampling the number uniformly instead of its logarithm",
          },
        );
      },
    },
  ],
};
