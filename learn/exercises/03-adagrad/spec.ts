/** Checks of exercise 03 · AdaGrad (§6.1.5). */
import { Matrix } from "../../../src/base/matrix.js";
import type { Params } from "../../../src/optimizer.js";
import type { ExerciseSpec } from "../../lib/exercise.js";
import {
  constantGradient,
  expectBookPath,
  twoSteps,
  type LearnerOptimizer,
  expectMultiKey,
} from "../../lib/optimizer-checks.js";
import { expectClose } from "../../lib/teach.js";

export interface Module {
  AdaGrad: new (options?: { lr?: number }) => LearnerOptimizer & { h: Params | null };
}

const S = "§6.1.5 AdaGrad";

export const spec: ExerciseSpec<Module> = {
  exports: ["AdaGrad"],
  checks: [
    {
      name: "two hand-worked steps, lr 0.1",
      run({ AdaGrad }) {
        // W = [1, −2], g = [0.5, −1] on both steps, lr 0.1; lr·g = [0.05, −0.1]
        //   step 1: h = g² = [0.25, 1];   √h = [0.5, 1]
        //           W = [1 − 0.05/(0.5 + 1e-7), −2 + 0.1/(1 + 1e-7)]         ≈ [0.9000002, −1.9000000]
        //   step 2: h = 2g² = [0.5, 2];   √h = [0.7071068, 1.4142136]
        //           W = W1 − [0.05/(√0.5 + 1e-7), −0.1/(√2 + 1e-7)]         ≈ [0.8292897, −1.8292893]
        const { first, second } = twoSteps(new AdaGrad({ lr: 0.1 }), S);
        const w1 = [1 - 0.05 / (0.5 + 1e-7), -2 + 0.1 / (1 + 1e-7)];
        const w2 = [w1[0] - 0.05 / (Math.sqrt(0.5) + 1e-7), w1[1] + 0.1 / (Math.sqrt(2) + 1e-7)];
        expectClose(first, w1, {
          section: S,
          what: "W after step 1",
          atol: 1e-14,
          mistake: "h ← h + g⊙g, then divide lr·g by √h + 1e-7",
          mistakes: [
            { values: [1, -2], says: "W did not change: update() must write into params[key].data." },
            {
              values: [1 - 0.05 / Math.sqrt(0.25 + 1e-7), -2 + 0.1 / Math.sqrt(1 + 1e-7)],
              says: "AdaGrad with ε inside the square root: √(h + 1e-7). The book writes √h + 1e-7 (the difference is small here, large when h is tiny).",
            },
            {
              values: [0.9, -1.9],
              says: "no 1e-7 at all: the book adds 1e-7 to √h (without it a zero gradient gives 0/0 = NaN).",
            },
            {
              values: [1 - 0.05 / (0.25 + 1e-7), -2 + 0.1 / (1 + 1e-7)],
              says: "AdaGrad dividing by h instead of √h: the square root is missing.",
            },
            {
              values: [1 - 0.05 / (Math.sqrt(0.5) + 1e-7), NaN],
              says: "AdaGrad without the square: h ← h + g adds the gradient itself; a negative g makes √h NaN. Add g⊙g.",
            },
            {
              values: [1 + 0.05 / (0.5 + 1e-7), -2 - 0.1 / (1 + 1e-7)],
              says: "W ← W + lr·g/…: the step must go against the gradient (minus).",
            },
          ],
        });
        expectClose(second, w2, {
          section: S,
          what: "W after step 2",
          atol: 1e-14,
          mistake: "h must keep adding g⊙g across updates, so the step shrinks like 1/√(number of steps)",
          mistakes: [
            {
              values: [w1[0] - 0.05 / (0.5 + 1e-7), w1[1] + 0.1 / (1 + 1e-7)],
              says: "h ← g⊙g replaces h each step: AdaGrad adds up (h ← h + g⊙g), so steps shrink.",
            },
          ],
        });
      },
    },
    {
      name: "three keys of different shapes (W1 2×3, b1 1×3, W2 3×2), three updates: state kept per key and from one update to the next",
      run({ AdaGrad }) {
        // The expected numbers are the book's equations run per key (conformance/laws/optimizer-equations.ts).
        expectMultiKey(new AdaGrad({ lr: 0.5 }), "adagrad", 0.5, S);
      },
    },
    {
      name: "tiny and zero gradients: the 1e-7 is outside the square root",
      run({ AdaGrad }) {
        // W = [0, 0], g = [1e-4, 0], lr 0.1, one step:
        //   h = [1e-8, 0], √h = [1e-4, 0]
        //   W = [−0.1·1e-4/(1e-4 + 1e-7), −0.1·0/(0 + 1e-7)] = [−0.0999000999…, 0]
        // With ε inside the root, √(1e-8 + 1e-7) ≈ 3.317e-4 and the step would be ≈ 0.0302.
        const opt = new AdaGrad({ lr: 0.1 });
        const W = Matrix.fromArray([[0, 0]]);
        opt.update({ W }, { W: Matrix.fromArray([[1e-4, 0]]) });
        expectClose(W, [(-0.1 * 1e-4) / (1e-4 + 1e-7), 0], {
          section: S,
          what: "W after one step with g = [1e-4, 0]",
          atol: 1e-15,
          mistake: "the book adds 1e-7 after the square root: g/(√h + 1e-7)",
          mistakes: [
            {
              values: [(-0.1 * 1e-4) / Math.sqrt(1e-8 + 1e-7), 0],
              says: "AdaGrad with ε inside the square root: √(h + 1e-7). The book writes √h + 1e-7.",
            },
            {
              values: [-0.1, NaN],
              says: "no 1e-7 at all: the book adds 1e-7 to √h (without it a zero gradient gives 0/0 = NaN).",
            },
          ],
        });
      },
    },
    {
      name: "the book's default learning rate, lr 0.01",
      run({ AdaGrad }) {
        // x = 0, g = 1: h = 1, x = −0.01/(1 + 1e-7); then h = 2, x −= 0.01/(√2 + 1e-7)
        const x1 = -0.01 / (1 + 1e-7);
        const xs = constantGradient(new AdaGrad(), 1, 2);
        expectClose(xs, [x1, x1 - 0.01 / (Math.sqrt(2) + 1e-7)], {
          section: S,
          what: "x after steps 1 and 2 of new AdaGrad() with g = 1",
          atol: 1e-15,
          mistake: "the book's default is lr = 0.01",
        });
      },
    },
    {
      name: "Figure 6-8: the book's AdaGrad path, lr 1.5, all 31 points",
      run({ AdaGrad }) {
        expectBookPath(
          new AdaGrad({ lr: 1.5 }),
          "AdaGrad(lr=1.5)",
          S,
          "ε inside the square root, or h not accumulating g⊙g",
        );
      },
    },
  ],
};
