/** Checks of exercise 01 · SGD (§6.1.2). */
import { Matrix } from "../../../src/base/matrix.js";
import type { Params } from "../../../src/optimizer.js";
import type { ExerciseSpec } from "../../lib/exercise.js";
import { expectBookPath, twoSteps, type LearnerOptimizer } from "../../lib/optimizer-checks.js";
import { expectClose, expectThat } from "../../lib/teach.js";

export interface Module {
  SGD: new (options?: { lr?: number }) => LearnerOptimizer;
}

const S = "§6.1.2 SGD";

export const spec: ExerciseSpec<Module> = {
  exports: ["SGD"],
  checks: [
    {
      name: "two hand-worked steps, lr 0.1",
      run({ SGD }) {
        // W = [1, −2], g = [0.5, −1] on both steps, lr 0.1, so lr·g = [0.05, −0.1]:
        //   step 1: [1 − 0.05, −2 + 0.1]     = [0.95, −1.9]
        //   step 2: [0.95 − 0.05, −1.9 + 0.1] = [0.9, −1.8]
        const { first, second } = twoSteps(new SGD({ lr: 0.1 }), S);
        expectClose(first, [0.95, -1.9], {
          section: S,
          what: "W after step 1",
          atol: 1e-15,
          mistake: "a sign or a missing factor in W ← W − lr·g",
          mistakes: [
            { values: [1, -2], says: "W did not change: update() must write the new values into params[key].data." },
            { values: [1.05, -2.1], says: "W ← W + lr·g: that climbs the gradient. SGD steps against it (minus)." },
            { values: [0.5, -1], says: "W ← W − g: the learning rate lr is missing." },
            { values: [0.995, -1.99], says: "lr is fixed at 0.01: use this.lr, the rate the optimizer was made with." },
          ],
        });
        expectClose(second, [0.9, -1.8], {
          section: S,
          what: "W after step 2",
          atol: 1e-15,
          mistake: "SGD keeps no state: step 2 is step 1 again",
        });
      },
    },
    {
      name: "every parameter (W1 and b1) is updated in place",
      run({ SGD }) {
        // lr 0.5, W1 = [[1, 2], [3, 4]], dW1 all ones → W1 − 0.5 = [[0.5, 1.5], [2.5, 3.5]]
        //         b1 = [0, 0],           db1 = [10, −10] → [−5, 5]
        const W1 = Matrix.fromArray([
            [1, 2],
            [3, 4],
          ]),
          b1 = Matrix.rowVector([0, 0]);
        const params: Params = { W1, b1 };
        new SGD({ lr: 0.5 }).update(params, { W1: Matrix.filled(2, 2, 1), b1: Matrix.rowVector([10, -10]) });
        expectThat(params.W1 === W1 && params.b1 === b1, {
          section: S,
          what: "params.W1 and params.b1 after update() are the matrices the network holds",
          expected: "the same Matrix objects, changed in place",
          received: "new objects in params",
          mistake: "params[key] = new Matrix(…): the layers keep the old one; write into params[key].data[i]",
        });
        expectClose(W1, [0.5, 1.5, 2.5, 3.5], { section: S, what: "W1 (2×2) after one step", atol: 1e-15 });
        expectClose(b1, [-5, 5], {
          section: S,
          what: "b1 after one step",
          atol: 1e-15,
          mistakes: [
            { values: [0, 0], says: "only W was updated: every key of params (W1, b1, …) gets the same rule." },
          ],
        });
      },
    },
    {
      name: "the book's default learning rate, lr = 0.01",
      run({ SGD }) {
        // x = 0, g = 1, lr 0.01 → x = −0.01
        const x = Matrix.fromArray([[0]]);
        new SGD().update({ x }, { x: Matrix.fromArray([[1]]) });
        expectClose(x, [-0.01], {
          section: S,
          what: "x after one step of new SGD() with g = 1",
          atol: 1e-15,
          mistake: "the book's default is lr = 0.01",
        });
      },
    },
    {
      name: "Figure 6-8: the book's SGD path, lr 0.95, all 31 points",
      run({ SGD }) {
        expectBookPath(new SGD({ lr: 0.95 }), "SGD(lr=0.95)", S, "anything but W ← W − lr·g for every key");
      },
    },
  ],
};
