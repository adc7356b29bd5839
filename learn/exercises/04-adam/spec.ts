/** Checks of exercise 04 · Adam (§6.1.6). */
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
  Adam: new (options?: { lr?: number; beta1?: number; beta2?: number }) => LearnerOptimizer & {
    iter: number;
    m: Params | null;
    v: Params | null;
  };
}

const S = "§6.1.6 Adam";

/**
 * Wrong variants, only to name a learner's mistake when their numbers match one: W after two
 * steps from W = [1, −2] with g = [0.5, −1], lr 0.1.
 */
function variantSteps(kind: "no-correction" | "swapped" | "paper"): [number[], number[]] {
  const [b1, b2] = kind === "swapped" ? [0.999, 0.9] : [0.9, 0.999];
  const W = [1, -2],
    g = [0.5, -1],
    m = [0, 0],
    v = [0, 0],
    out: number[][] = [];
  for (let t = 1; t <= 2; t++) {
    for (let i = 0; i < 2; i++) {
      m[i] = m[i] + (1 - b1) * (g[i] - m[i]);
      v[i] = v[i] + (1 - b2) * (g[i] ** 2 - v[i]);
      if (kind === "paper") W[i] = W[i] - (0.1 * (m[i] / (1 - b1 ** t))) / (Math.sqrt(v[i] / (1 - b2 ** t)) + 1e-7);
      else {
        const lrT = kind === "no-correction" ? 0.1 : (0.1 * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
        W[i] = W[i] - (lrT * m[i]) / (Math.sqrt(v[i]) + 1e-7);
      }
    }
    out.push([...W]);
  }
  return [out[0], out[1]];
}

export const spec: ExerciseSpec<Module> = {
  exports: ["Adam"],
  checks: [
    {
      name: "two hand-worked steps, lr 0.1, β1 0.9, β2 0.999",
      run({ Adam }) {
        // W = [1, −2], g = [0.5, −1] on both steps, lr 0.1.
        // Step 1: iter 1, lr_t = 0.1·√(1 − 0.999)/(1 − 0.9) = √0.001 ≈ 0.0316228
        //         m = 0.1·g, v = 0.001·g², so lr_t·m/√v = √0.001·0.1·g/(√0.001·|g|) = 0.1·sign(g):
        //         the first step is ≈ lr·sign(g) = [−0.1, +0.1] (a hair less, because of the 1e-7)
        // Step 2: iter 2, lr_t = 0.1·√(1 − 0.999²)/(1 − 0.9²) = 0.1·√0.001999/0.19
        //         m = 0.1g + 0.1(g − 0.1g) = 0.19·g;  v = 0.001g² + 0.001(g² − 0.001g²) = 0.001999·g²
        //         so again a step of ≈ 0.1: W ≈ [0.8, −1.8]
        const { first, second } = twoSteps(new Adam({ lr: 0.1 }), S);
        const a1 = (g: number) => (Math.sqrt(0.001) * 0.1 * g) / (Math.sqrt(0.001 * g * g) + 1e-7);
        const w1 = [1 - a1(0.5), -2 - a1(-1)];
        const lr2 = (0.1 * Math.sqrt(1 - 0.999 * 0.999)) / (1 - 0.9 * 0.9);
        const a2 = (g: number) => (lr2 * 0.19 * g) / (Math.sqrt(0.001999 * g * g) + 1e-7);
        const w2 = [w1[0] - a2(0.5), w1[1] - a2(-1)];
        const [noCorr1, noCorr2] = variantSteps("no-correction");
        const [swapped1, swapped2] = variantSteps("swapped");
        const [paper1] = variantSteps("paper");
        expectClose(first, w1, {
          section: S,
          what: "W after step 1 (≈ W − lr·sign(g))",
          atol: 1e-14,
          mistakes: [
            { values: [1, -2], says: "W did not change: update() must write into params[key].data." },
            {
              values: [NaN, NaN],
              says: "lr_t is 0/0 on the first step: iter must be increased BEFORE lr_t = lr·√(1 − β2^iter)/(1 − β1^iter).",
            },
            {
              values: noCorr1,
              says: "Adam without bias correction: lr_t must be lr·√(1 − β2^iter)/(1 − β1^iter), not lr.",
            },
            {
              values: swapped1,
              says: "Adam with β1/β2 swapped: β1 = 0.9 goes with m (the gradients), β2 = 0.999 with v (their squares). (Step 1 is ≈ lr·sign(g) either way; only the 1e-7 shows the swap here.)",
            },
            {
              values: paper1,
              says: "the paper's form with m̂ = m/(1 − β1^t), v̂ = v/(1 − β2^t) and ε added to √v̂. The book folds the correction into lr_t and adds 1e-7 to √v, so ε weighs differently: use the book's form.",
            },
          ],
        });
        expectClose(second, w2, {
          section: S,
          what: "W after step 2",
          atol: 1e-14,
          mistake: "m and v must carry over between updates, and iter must count them",
          mistakes: [
            {
              values: noCorr2,
              says: "Adam without bias correction: lr_t must be lr·√(1 − β2^iter)/(1 − β1^iter), not lr.",
            },
            {
              values: swapped2,
              says: "Adam with β1/β2 swapped: β1 = 0.9 goes with m (the gradients), β2 = 0.999 with v (their squares).",
            },
            {
              values: w1.map((w, i) => 2 * w - [1, -2][i]),
              says: "step 2 repeats step 1 exactly: m, v and iter start afresh on every update; they must persist in this.m, this.v and this.iter.",
            },
          ],
        });
      },
    },
    {
      name: "three keys of different shapes (W1 2×3, b1 1×3, W2 3×2), three updates: state kept per key and from one update to the next",
      run({ Adam }) {
        // The expected numbers are the book's equations run per key (conformance/laws/optimizer-equations.ts).
        const opt = new Adam({ lr: 0.1 });
        expectMultiKey(opt, "adam", 0.1, S);
        expectThat(opt.iter === 3, {
          section: S,
          what: "this.iter after three updates of three keys",
          expected: "3 (one per update)",
          received: String(opt.iter),
          mistake:
            opt.iter === 9
              ? "iter incremented once per key (3 updates × 3 keys): count updates, not keys"
              : "iter ← iter + 1 once at the start of every update",
        });
      },
    },
    {
      name: "the book's state: iter counts updates, m and v are per-parameter moving averages",
      run({ Adam }) {
        // After the two steps above: iter = 2, m.W = 0.19·g = [0.095, −0.19], v.W = 0.001999·g² = [0.00049975, 0.001999]
        const opt = new Adam({ lr: 0.1 });
        const params: Params = { W: Matrix.fromArray([[1, -2]]) };
        const grads: Params = { W: Matrix.fromArray([[0.5, -1]]) };
        opt.update(params, grads);
        opt.update(params, grads);
        expectThat(opt.iter === 2, {
          section: S,
          what: "this.iter after two updates",
          expected: "2",
          received: String(opt.iter),
          mistake: "iter counts updates: += 1 once per update, not per key or per entry",
        });
        expectThat(opt.m !== null && opt.v !== null && opt.m?.W !== undefined && opt.v?.W !== undefined, {
          section: S,
          what: "this.m and this.v after two updates",
          expected: "objects with one matrix per key (m.W, v.W)",
          received: `m = ${opt.m === null ? "null" : typeof opt.m}, v = ${opt.v === null ? "null" : typeof opt.v}`,
        });
        expectClose(opt.m!.W, [0.095, -0.19], {
          section: S,
          what: "m.W after two steps",
          atol: 1e-15,
          mistake: "m ← m + (1 − β1)(g − m) uses β1 = 0.9",
        });
        expectClose(opt.v!.W, [0.00049975, 0.001999], {
          section: S,
          what: "v.W after two steps",
          atol: 1e-15,
          mistake: "v ← v + (1 − β2)(g² − v) uses β2 = 0.999 and the squared gradient",
        });
      },
    },
    {
      name: "the book's defaults, lr 0.001, β1 0.9, β2 0.999",
      run({ Adam }) {
        // x = 0, g = 1: step 1 lr_t = 0.001·√0.001/0.1, m = 0.1, v = 0.001
        //               step 2 lr_t = 0.001·√0.001999/0.19, m = 0.19, v = 0.001999
        const x1 = (-((0.001 * Math.sqrt(0.001)) / 0.1) * 0.1) / (Math.sqrt(0.001) + 1e-7);
        const x2 =
          x1 - (((0.001 * Math.sqrt(1 - 0.999 * 0.999)) / (1 - 0.9 * 0.9)) * 0.19) / (Math.sqrt(0.001999) + 1e-7);
        expectClose(constantGradient(new Adam(), 1, 2), [x1, x2], {
          section: S,
          what: "x after steps 1 and 2 of new Adam() with g = 1",
          atol: 1e-15,
          mistake: "the book's defaults are lr = 0.001, beta1 = 0.9, beta2 = 0.999",
        });
      },
    },
    {
      name: "Figure 6-8: the book's Adam path, lr 0.3, all 31 points",
      run({ Adam }) {
        expectBookPath(
          new Adam({ lr: 0.3 }),
          "Adam(lr=0.3)",
          S,
          "bias correction missing or not folded into lr_t, β1/β2 swapped, or iter counted at the wrong time",
        );
      },
    },
  ],
};
