/** Checks of exercise 06 · Nesterov (the book's optimizer.py, Sutskever form). */
import type { Optimizer, Params } from "../../../src/optimizer.js";
import { df, INIT_POS, optimizerPath } from "../../../src/experiments/optimizer-paths.js";
import type { ExerciseSpec } from "../../lib/exercise.js";
import { constantGradient, twoSteps, type LearnerOptimizer, expectMultiKey } from "../../lib/optimizer-checks.js";
import { expectClose } from "../../lib/teach.js";

export interface Module {
  Nesterov: new (options?: { lr?: number; momentum?: number }) => LearnerOptimizer & { v: Params | null };
}

const S = "Nesterov (book optimizer.py, §6.1)";

export const spec: ExerciseSpec<Module> = {
  exports: ["Nesterov"],
  checks: [
    {
      name: "two hand-worked steps, lr 0.1, α 0.9",
      run({ Nesterov }) {
        // W = [1, −2], g = [0.5, −1] on both steps; α² = 0.81, (1 + α)·lr = 0.19
        //   step 1 (v = 0): W = W − 0.19·g = [0.905, −1.81];            then v = −0.1·g = [−0.05, 0.1]
        //   step 2: W + 0.81·v = [0.8645, −1.729]; − 0.19·g → [0.7695, −1.539]; then v = [−0.095, 0.19]
        const { first, second } = twoSteps(new Nesterov({ lr: 0.1, momentum: 0.9 }), S);
        expectClose(first, [0.905, -1.81], {
          section: S,
          what: "W after step 1",
          atol: 1e-15,
          mistakes: [
            { values: [1, -2], says: "W did not change: update() must write into params[key].data." },
            {
              values: [0.95, -1.9],
              says: "Nesterov written as plain momentum (v ← αv − lr·g; W ← W + v): the look-ahead term is missing.",
            },
            {
              values: [0.8645, -1.729],
              says: "v updated before W (the early printings' order): the W step uses the OLD v.",
            },
          ],
        });
        expectClose(second, [0.7695, -1.539], {
          section: S,
          what: "W after step 2",
          atol: 1e-15,
          mistakes: [{ values: [0.81, -1.62], says: "v is not carried over: keep it in this.v between updates." }],
        });
      },
    },
    {
      name: "three keys of different shapes (W1 2×3, b1 1×3, W2 3×2), three updates: state kept per key and from one update to the next",
      run({ Nesterov }) {
        // The expected numbers are the book's equations run per key (conformance/laws/optimizer-equations.ts).
        expectMultiKey(new Nesterov({ lr: 0.1, momentum: 0.9 }), "nesterov", 0.1, S);
      },
    },
    {
      name: "it is momentum with a look-ahead: W_t = Θ_t + α·v_t on the Figure 6-8 function",
      run({ Nesterov }) {
        // Nesterov's method as first written keeps Θ and takes the gradient at the look-ahead point:
        //   v ← α·v − lr·∇f(Θ + α·v);   Θ ← Θ + v
        // Put W = Θ + α·v. Then W' = Θ + v' + α·v' = (W − α·v) + (1 + α)(α·v − lr·∇f(W))
        //                          = W + α²·v − (1 + α)·lr·∇f(W)      ← the rule of this exercise.
        // So, run from (−7, 2) on f = x²/20 + y² (lr 0.1, α 0.9), your W must be Θ + α·v at every step.
        const a = 0.9,
          lr = 0.1;
        let [tx, ty] = INIT_POS,
          vx = 0,
          vy = 0;
        const expected: number[] = [tx, ty];
        for (let t = 0; t < 30; t++) {
          const [gx, gy] = df(tx + a * vx, ty + a * vy);
          vx = a * vx - lr * gx;
          vy = a * vy - lr * gy;
          tx += vx;
          ty += vy;
          expected.push(tx + a * vx, ty + a * vy);
        }
        const received = optimizerPath(new Nesterov({ lr, momentum: a }) as unknown as Optimizer, 30).flat();
        expectClose(received, expected, {
          section: S,
          what: "path (x0, y0, x1, y1, …) against Θ + α·v of look-ahead Nesterov",
          atol: 1e-12,
          mistake: "Nesterov written as plain momentum, or v updated before W",
        });
      },
    },
    {
      name: "the book's defaults, lr 0.01 and α 0.9",
      run({ Nesterov }) {
        // x = 0, g = 1: step 1 x = −0.019, v = −0.01; step 2 x = −0.019 + 0.81·(−0.01) − 0.019 = −0.0461
        expectClose(constantGradient(new Nesterov(), 1, 2), [-0.019, -0.0461], {
          section: S,
          what: "x after steps 1 and 2 of new Nesterov() with g = 1",
          atol: 1e-15,
          mistake: "the book's defaults are lr = 0.01, momentum = 0.9",
        });
      },
    },
  ],
};
