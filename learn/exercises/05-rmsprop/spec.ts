/** Checks of exercise 05 · RMSprop (§6.1.5 note). */
import type { Params } from "../../../src/optimizer.js";
import type { ExerciseSpec } from "../../lib/exercise.js";
import { constantGradient, twoSteps, type LearnerOptimizer, expectMultiKey } from "../../lib/optimizer-checks.js";
import { expectClose } from "../../lib/teach.js";

export interface Module {
  RMSprop: new (options?: { lr?: number; decayRate?: number }) => LearnerOptimizer & { h: Params | null };
}

const S = "§6.1.5 RMSprop";

export const spec: ExerciseSpec<Module> = {
  exports: ["RMSprop"],
  checks: [
    {
      name: "two hand-worked steps, lr 0.1, ρ 0.99",
      run({ RMSprop }) {
        // W = [1, −2], g = [0.5, −1] on both steps, lr 0.1, g² = [0.25, 1]
        //   step 1: h = 0.99·0 + 0.01·g² = [0.0025, 0.01];  √h = [0.05, 0.1]
        //           W = [1 − 0.05/(0.05 + 1e-7), −2 + 0.1/(0.1 + 1e-7)] ≈ [2e-6, −1.000001]
        //   step 2: h = 0.99·h + 0.01·g² = [0.004975, 0.0199]
        //           W = W1 − [0.05/(√0.004975 + 1e-7), −0.1/(√0.0199 + 1e-7)]
        const { first, second } = twoSteps(new RMSprop({ lr: 0.1 }), S);
        const w1 = [1 - 0.05 / (0.05 + 1e-7), -2 + 0.1 / (0.1 + 1e-7)];
        const w2 = [w1[0] - 0.05 / (Math.sqrt(0.004975) + 1e-7), w1[1] + 0.1 / (Math.sqrt(0.0199) + 1e-7)];
        expectClose(first, w1, {
          section: S,
          what: "W after step 1",
          atol: 1e-14,
          mistakes: [
            { values: [1, -2], says: "W did not change: update() must write into params[key].data." },
            {
              values: [1 - 0.05 / (0.5 + 1e-7), -2 + 0.1 / (1 + 1e-7)],
              says: "RMSprop accumulating like AdaGrad (h ← h + g⊙g): RMSprop keeps a moving average, h ← ρh + (1 − ρ)g⊙g.",
            },
            {
              values: [1 - 0.05 / (Math.sqrt(0.2475) + 1e-7), -2 + 0.1 / (Math.sqrt(0.99) + 1e-7)],
              says: "ρ and 1 − ρ swapped: the old h keeps ρ = 0.99, the new g⊙g gets 1 − ρ = 0.01.",
            },
            {
              values: [1 - 0.05 / Math.sqrt(0.0025 + 1e-7), -2 + 0.1 / Math.sqrt(0.01 + 1e-7)],
              says: "ε inside the square root: the book writes √h + 1e-7.",
            },
          ],
        });
        expectClose(second, w2, {
          section: S,
          what: "W after step 2",
          atol: 1e-14,
          mistakes: [
            {
              values: [w1[0] - 0.05 / (Math.sqrt(0.005) + 1e-7), w1[1] + 0.1 / (Math.sqrt(0.02) + 1e-7)],
              says: "h not decayed: h ← h + (1 − ρ)g⊙g never forgets; multiply the old h by ρ.",
            },
            {
              values: [w1[0] - 0.05 / (0.05 + 1e-7), w1[1] + 0.1 / (0.1 + 1e-7)],
              says: "h starts afresh every update: it must persist in this.h.",
            },
          ],
        });
      },
    },
    {
      name: "three keys of different shapes (W1 2×3, b1 1×3, W2 3×2), three updates: state kept per key and from one update to the next",
      run({ RMSprop }) {
        // The expected numbers are the book's equations run per key (conformance/laws/optimizer-equations.ts).
        expectMultiKey(new RMSprop({ lr: 0.01, decayRate: 0.99 }), "rmsprop", 0.01, S);
      },
    },
    {
      name: "with a constant gradient the step settles at lr (defaults lr 0.01, ρ 0.99)",
      run({ RMSprop }) {
        // g = 1 every step: h_t = 0.99·h_{t−1} + 0.01 with h_0 = 0, a geometric series:
        //   h_t = 0.01·(1 + 0.99 + … + 0.99^(t−1)) = 1 − 0.99^t  → 1
        // so step t has size 0.01/(√(1 − 0.99^t) + 1e-7): large at first, then settling at lr = 0.01
        // (AdaGrad's would shrink like 0.01/√t). Checked for t = 1 … 300.
        const steps = 300;
        const xs = constantGradient(new RMSprop(), 1, steps);
        const sizes = xs.map((x, t) => (t === 0 ? 0 : xs[t - 1]) - x);
        const expected = Array.from({ length: steps }, (_, t) => 0.01 / (Math.sqrt(1 - 0.99 ** (t + 1)) + 1e-7));
        expectClose(sizes, expected, {
          section: S,
          what: "step sizes x_{t−1} − x_t for t = 1…300 of new RMSprop() with g = 1",
          rtol: 1e-9,
          atol: 0,
          mistake:
            "h must be a moving average (h_t = (1 − ρ^t)·g² with a constant gradient), and the defaults are lr 0.01, decayRate 0.99",
        });
      },
    },
  ],
};
