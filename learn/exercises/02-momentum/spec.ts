/** Checks of exercise 02 · Momentum (§6.1.4). */
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
import { expectClose, expectThat } from "../../lib/teach.js";

export interface Module {
  Momentum: new (options?: { lr?: number; momentum?: number }) => LearnerOptimizer & { v: Params | null };
}

const S = "§6.1.4 Momentum";

export const spec: ExerciseSpec<Module> = {
  exports: ["Momentum"],
  checks: [
    {
      name: "two hand-worked steps, lr 0.1, α 0.9",
      run({ Momentum }) {
        // W = [1, −2], g = [0.5, −1] on both steps; lr·g = [0.05, −0.1]
        //   step 1: v = 0.9·0 − lr·g        = [−0.05, 0.1];   W = [0.95, −1.9]
        //   step 2: v = 0.9·v − lr·g        = [−0.095, 0.19]; W = [0.855, −1.71]
        const { first, second } = twoSteps(new Momentum({ lr: 0.1, momentum: 0.9 }), S);
        expectClose(first, [0.95, -1.9], {
          section: S,
          what: "W after step 1",
          atol: 1e-15,
          mistakes: [
            {
              values: [1, -2],
              says: "W did not change on step 1: update() is still empty, or W ← W + v ran before v was updated (v is 0 on the first step).",
            },
            {
              values: [1.05, -2.1],
              says: "Momentum adding +lr·g (or W ← W − v): the ball rolls uphill. v ← αv − lr·g, then W ← W + v.",
            },
          ],
        });
        expectClose(second, [0.855, -1.71], {
          section: S,
          what: "W after step 2",
          atol: 1e-15,
          mistake: "v must keep the fading sum of past steps: v ← αv − lr·g with the v of the previous step",
          mistakes: [
            { values: [0.85, -1.7], says: "Momentum without the decay: v ← v − lr·g forgets α = 0.9." },
            {
              values: [0.9, -1.8],
              says: "v was reset between steps (plain SGD): v must live in this.v from one update to the next.",
            },
          ],
        });
      },
    },
    {
      name: "three keys of different shapes (W1 2×3, b1 1×3, W2 3×2), three updates: state kept per key and from one update to the next",
      run({ Momentum }) {
        // The expected numbers are the book's equations run per key (conformance/laws/optimizer-equations.ts).
        expectMultiKey(new Momentum({ lr: 0.1, momentum: 0.9 }), "momentum", 0.1, S);
      },
    },
    {
      name: "v is the book's state: one zero-started matrix per parameter, kept in this.v",
      run({ Momentum }) {
        // Two keys of different shapes; W gets g = [0.5, −1], b gets g = [2]; lr 0.1, α 0.9.
        //   v.W after two steps = [−0.095, 0.19] (as in the check above)
        //   v.b: −0.2, then 0.9·(−0.2) − 0.2 = −0.38
        const opt = new Momentum({ lr: 0.1, momentum: 0.9 });
        const params: Params = { W: Matrix.fromArray([[1, -2]]), b: Matrix.fromArray([[0]]) };
        const grads: Params = { W: Matrix.fromArray([[0.5, -1]]), b: Matrix.fromArray([[2]]) };
        opt.update(params, grads);
        opt.update(params, grads);
        const v = opt.v;
        expectThat(v !== null && typeof v === "object" && v.W !== undefined && v.b !== undefined, {
          section: S,
          what: "this.v after two updates",
          expected: "an object with a velocity matrix per key (v.W, v.b)",
          received: v === null || typeof v !== "object" ? String(v) : `keys ${Object.keys(v).join(", ") || "none"}`,
          mistake: "keeping v in a local variable (it must survive between updates) or one v shared by all keys",
        });
        expectClose(v!.W, [-0.095, 0.19], { section: S, what: "v.W after two steps", atol: 1e-15 });
        expectClose(v!.b, [-0.38], { section: S, what: "v.b after two steps", atol: 1e-15 });
        expectClose(params.b, [-0.58], { section: S, what: "b after two steps (0 − 0.2 − 0.38)", atol: 1e-15 });
      },
    },
    {
      name: "the book's defaults, lr 0.01 and α 0.9",
      run({ Momentum }) {
        // x = 0, g = 1: v = −0.01, x = −0.01; then v = 0.9·(−0.01) − 0.01 = −0.019, x = −0.029
        const xs = constantGradient(new Momentum(), 1, 2);
        expectClose(xs, [-0.01, -0.029], {
          section: S,
          what: "x after steps 1 and 2 of new Momentum() with g = 1",
          atol: 1e-15,
          mistake: "the book's defaults are lr = 0.01, momentum = 0.9",
        });
      },
    },
    {
      name: "Figure 6-8: the book's Momentum path, lr 0.1, all 31 points",
      run({ Momentum }) {
        expectBookPath(new Momentum({ lr: 0.1 }), "Momentum(lr=0.1)", S, "v updated after W, or v without the α decay");
      },
    },
  ],
};
