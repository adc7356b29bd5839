/** Checks of exercise 11 · Dropout (§6.4.3). */
import { Matrix } from "../../../src/base/matrix.js";
import { Rng } from "../../../src/base/rng.js";
import type { ExerciseSpec } from "../../lib/exercise.js";
import { expectClose, expectThat } from "../../lib/teach.js";

export interface Module {
  Dropout: new (
    dropoutRatio: number,
    rng: Rng,
  ) => { forward(x: Matrix, train?: boolean): Matrix; backward(dout: Matrix): Matrix };
}

const S = "§6.4.3 Dropout";

/** The book's masks: the next `n` uniforms of a twin generator, kept when > ratio. */
const masks = (seed: number, n: number, ratio: number, count: number): number[][] => {
  const twin = new Rng(seed);
  return Array.from({ length: count }, () => Array.from({ length: n }, () => (twin.uniform() > ratio ? 1 : 0)));
};

// x = [[1, 2, 3, 4], [5, 6, 7, 8]], ratio 0.5, seed 3. The project's Rng(3) draws
//   0.389 0.068 0.177 0.127 0.580 0.094 0.508 0.936 | 0.071 0.301 0.790 0.449 0.555 0.892 0.245 0.450
// so the first mask keeps entries 4, 6, 7 (y = [0, 0, 0, 0, 5, 0, 7, 8]) and the second keeps 2, 4, 5.
const X = [1, 2, 3, 4, 5, 6, 7, 8];
const x = () => new Matrix(2, 4, Float64Array.from(X));

export const spec: ExerciseSpec<Module> = {
  exports: ["Dropout"],
  checks: [
    {
      name: "training forward keeps an entry when rand > ratio, unscaled (seed 3)",
      run({ Dropout }) {
        const [m1] = masks(3, 8, 0.5, 1);
        const y = new Dropout(0.5, new Rng(3)).forward(x(), true);
        expectClose(
          y,
          X.map((v, i) => v * m1![i]),
          {
            section: `${S}, seed 3`,
            what: "training output for x = [[1, 2, 3, 4], [5, 6, 7, 8]], ratio 0.5",
            atol: 0,
            mistake:
              "one this.rng.uniform() per entry in .data order; keep the entry when that number is > dropoutRatio",
            mistakes: [
              { values: X, says: "nothing was dropped: training forward multiplies x by a random 0/1 mask." },
              {
                values: X.map((v, i) => v * m1![i] * 2),
                says: "inverted dropout (kept entries × 1/(1 − ratio)): the book passes kept entries unscaled and scales at test time instead.",
              },
              {
                values: X.map((v, i) => v * (1 - m1![i])),
                says: "the mask is the wrong way round: the book keeps an entry when rand > ratio (so ratio is the share dropped).",
              },
            ],
          },
        );
      },
    },
    {
      name: "backward lets the gradient through exactly where forward kept the entry",
      run({ Dropout }) {
        const [m1, m2] = masks(3, 8, 0.5, 2);
        const d = new Dropout(0.5, new Rng(3));
        d.forward(x(), true);
        const dx = d.backward(Matrix.filled(2, 4, 10));
        expectClose(
          dx,
          m1!.map((m) => 10 * m),
          {
            section: `${S}, seed 3`,
            what: "dx for dout all 10s",
            atol: 0,
            mistakes: [
              {
                values: new Array(8).fill(10),
                says: "dropout backward without the mask: a dropped unit passed nothing forward, so it passes no gradient back.",
              },
              {
                values: m2!.map((m) => 10 * m),
                says: "a fresh mask drawn in backward: reuse the mask forward kept (this.mask).",
              },
            ],
          },
        );
      },
    },
    {
      name: "test mode outputs x·(1 − ratio) and draws no random numbers",
      run({ Dropout }) {
        // ratio 0.2: y = 0.8·x = [0.8, 1.6, …, 6.4]
        const rng = new Rng(4),
          twin = new Rng(4);
        const y = new Dropout(0.2, rng).forward(x(), false);
        expectClose(
          y,
          X.map((v) => v * 0.8),
          {
            section: S,
            what: "test-mode output for ratio 0.2",
            atol: 1e-15,
            mistakes: [
              {
                values: X,
                says: "test output x unchanged: that is inverted dropout's test mode; the book's dropout scales by (1 − ratio) at test time.",
              },
              { values: X.map((v) => v * 0.2), says: "scaled by ratio: the kept share is 1 − ratio." },
            ],
          },
        );
        expectThat(rng.uniform() === twin.uniform(), {
          section: S,
          what: "random numbers drawn by a test-mode forward",
          expected: "none (the generator is where it was)",
          received: "some were drawn",
          mistake: "drawing a mask at test time: test mode uses every unit",
        });
      },
    },
    {
      name: "every training forward draws a fresh mask",
      run({ Dropout }) {
        const [m1, m2] = masks(3, 8, 0.5, 2);
        const d = new Dropout(0.5, new Rng(3));
        d.forward(x(), true);
        const y2 = d.forward(x(), true);
        expectClose(
          y2,
          X.map((v, i) => v * m2![i]),
          {
            section: `${S}, seed 3`,
            what: "the second training output (draws 9–16)",
            atol: 0,
            mistakes: [
              {
                values: X.map((v, i) => v * m1![i]),
                says: "the same mask again: draw a new one on every training forward.",
              },
            ],
          },
        );
      },
    },
    {
      name: "on average the training output equals the test output (ratio 0.2, 10,000 units)",
      run({ Dropout }) {
        // E[x·mask] = x·P(rand > 0.2) = 0.8·x, the test output. For x all ones, the training mean
        // over 10,000 entries has standard error √(0.8·0.2/10000) = 0.004; accept ±0.02 (5 SE). Seed 9.
        const ones = Matrix.filled(1, 10000, 1);
        const d = new Dropout(0.2, new Rng(9));
        const train = d.forward(ones, true).sum() / 10000;
        const test = d.forward(ones, false).sum() / 10000;
        expectThat(Math.abs(train - test) <= 0.02, {
          section: `${S}, seed 9`,
          what: "mean training output vs test output for x = 1",
          expected: "the same within 0.02 (both ≈ 0.8)",
          received: `training ${train.toFixed(4)}, test ${test.toFixed(4)}`,
          mistake: "dropout scaling at train and test both: scale once, at test time (×(1 − ratio))",
        });
      },
    },
  ],
};
