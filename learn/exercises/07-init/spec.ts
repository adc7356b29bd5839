/** Checks of exercise 07 · Xavier and He initial weights (§6.2.2). */
import { Matrix, matmul } from "../../../src/base/matrix.js";
import { Rng } from "../../../src/base/rng.js";
import type { ExerciseSpec } from "../../lib/exercise.js";
import { expectClose, expectThat, fmt } from "../../lib/teach.js";

type Init = "xavier" | "he" | number;
export interface Module {
  initStd(init: Init, n: number): number;
  initWeight(nIn: number, nOut: number, init: Init, rng: Rng): Matrix;
}

const S = "§6.2.2–6.2.3 initial weights";

export const spec: ExerciseSpec<Module> = {
  exports: ["initStd", "initWeight"],
  checks: [
    {
      name: "Xavier std √(1/n) and He std √(2/n), n = nodes of the previous layer",
      run({ initStd }) {
        // xavier, n 100: √(1/100) = 0.1          he, n 100: √(2/100) = √0.02 ≈ 0.1414214
        // he, n 50:      √(2/50) = √0.04 = 0.2    xavier, n 25: √(1/25) = 0.2      σ = 0.01 stays 0.01
        const received = [
          initStd("xavier", 100),
          initStd("he", 100),
          initStd("he", 50),
          initStd("xavier", 25),
          initStd(0.01, 100),
        ];
        expectClose(received, [0.1, Math.sqrt(0.02), 0.2, 0.2, 0.01], {
          section: S,
          what: "initStd for (xavier, 100), (he, 100), (he, 50), (xavier, 25), (0.01, 100)",
          atol: 1e-15,
          mistake:
            "Xavier is √(1/n) and He √(2/n), with n the previous layer's node count; a number is used as the std",
          mistakes: [
            {
              values: [1, 1, 1, 1, 1],
              says: "initStd returns 1 whatever it is given: that is the stub's placeholder; compute the std from init and n.",
            },
            {
              values: [Math.sqrt(0.02), 0.1, Math.sqrt(1 / 50), Math.sqrt(2 / 25), 0.01],
              says: "Xavier and He swapped: Xavier √(1/n) (sigmoid, tanh), He √(2/n) (ReLU, which zeroes half the signal).",
            },
            {
              values: [0.1, 0.1, Math.sqrt(1 / 50), 0.2, 0.01],
              says: "He with 1/n: He's std is √(2/n); the 2 makes up for ReLU dropping the negative half.",
            },
            {
              values: [0.01, 0.02, 0.04, 0.04, 0.01],
              says: "the variance, not the std: take the square root (std = √(1/n) or √(2/n)).",
            },
          ],
        });
      },
    },
    {
      name: "initWeight draws std · randn(nIn, nOut) from the given rng (seed 42)",
      run({ initWeight }) {
        // The book: W = std * np.random.randn(nIn, nOut). With the project's Rng, the same seed
        // must give the same matrix as drawing rng.randn(4, 3, std) directly; He std = √(2/4).
        const W = initWeight(4, 3, "he", new Rng(42));
        expectThat(W instanceof Matrix && W.rows === 4 && W.cols === 3, {
          section: S,
          what: "shape of initWeight(4, 3, 'he', rng)",
          expected: "a 4×3 Matrix (rows = nodes of the previous layer, so x·W works)",
          received: W instanceof Matrix ? `a ${W.rows}×${W.cols} Matrix` : String(W),
          mistake: "rows and columns swapped: W is nIn×nOut",
        });
        const book = new Rng(42).randn(4, 3, Math.sqrt(2 / 4));
        expectClose(W, book, {
          section: `${S}, seed 42`,
          what: "initWeight(4, 3, 'he', new Rng(42))",
          atol: 1e-15,
          mistake: "the draws must come from the rng argument (not Math.random), std · N(0, 1) in row-major order",
          mistakes: [
            {
              values: new Matrix(4, 3).data,
              says: "all zeros: initWeight must draw random numbers (all-equal weights keep every unit identical forever).",
            },
            {
              values: new Rng(42).randn(4, 3, Math.sqrt(2 / 3)).data,
              says: "n taken from nOut: n is the previous layer's node count, nIn.",
            },
            {
              values: new Rng(42).randn(4, 3, Math.sqrt(1 / 4)).data,
              says: "He drawn with Xavier's std: He is √(2/n).",
            },
            { values: new Rng(42).randn(4, 3, 1).data, says: "std · randn: the draws were not scaled by the std." },
          ],
        });
        expectClose(initWeight(2, 2, 0.01, new Rng(7)), new Rng(7).randn(2, 2, 0.01), {
          section: `${S}, seed 7`,
          what: "initWeight(2, 2, 0.01, new Rng(7))",
          atol: 1e-15,
        });
      },
    },
    {
      name: "Figure 6-14: with He weights, ReLU activations keep their spread through 5 layers",
      run({ initWeight }) {
        // 100 samples of 100 N(0, 1) inputs (the book uses 1000; 100 keep the check fast), 5 layers of 100 ReLU nodes, a = x·W, z = max(0, a).
        // With He, E[z²] stays the same from layer to layer: E[a²] = n·std²·E[z_prev²] = 2·E[z_prev²],
        // and ReLU keeps half of it. (Xavier halves E[z²] at every layer; that is Figure 6-13.)
        // So the geometric mean of the layer-to-layer ratios of mean(z²) is ≈ 1 for He and ≈ 0.5 for
        // Xavier; accept [0.75, 1.33]. Measured over seeds 0–39: He gives 0.86–1.19, Xavier 0.43–0.59
        // (the random 100×100 matrices make it wobble). Seed 0.
        const rng = new Rng(0);
        let z = rng.randn(100, 100);
        const ms: number[] = [];
        for (let layer = 0; layer < 5; layer++) {
          const W = initWeight(100, 100, "he", rng);
          z = matmul(z, W).map((a) => (a > 0 ? a : 0));
          let s = 0;
          for (const v of z.data) s += v * v;
          ms.push(s / z.data.length);
        }
        const g = (ms[4] / ms[0]) ** 0.25;
        expectThat(g >= 0.75 && g <= 1.33, {
          section: `§6.2.3 Figure 6-14, seed 0`,
          what: "how mean(z²) changes per layer (geometric mean of the 4 ratios) with He weights and ReLU",
          expected: "≈ 1 (within [0.75, 1.33]): He keeps the activations equally spread",
          received: `${g.toFixed(3)} (mean(z²) per layer: ${fmt(ms.map((m) => Number(m.toPrecision(4))))})`,
          mistake:
            g < 0.75
              ? "std too small for ReLU (Xavier's √(1/n), or 1/n without the root): the signal fades with depth"
              : "std too large: the signal grows with depth",
        });
      },
    },
  ],
};
