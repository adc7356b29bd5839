/** Checks of exercise 10 · Weight decay (§6.4.2). */
import { Matrix } from "../../../src/base/matrix.js";
import { Rng } from "../../../src/base/rng.js";
import { numericalGradient } from "../../../src/gradient.js";
import { MultiLayerNet } from "../../../src/multi-layer-net.js";
import type { Params } from "../../../src/optimizer.js";
import type { ExerciseSpec } from "../../lib/exercise.js";
import { expectClose, expectThat } from "../../lib/teach.js";

export interface Module {
  weightDecayLoss(params: Params, weightDecayLambda: number): number;
  addWeightDecay(grads: Params, params: Params, weightDecayLambda: number): Params;
}

const S = "§6.4.2 weight decay";

// A two-layer net's params with BatchNorm's too:
//   W1 = [[1, 2], [3, 0]]  Σ W² = 1 + 4 + 9 + 0 = 14      b1 = [5, 5]   (50)
//   W2 = [[−3], [1]]       Σ W² = 9 + 1 = 10              b2 = [7]      (49)
//   gamma1 = [2, 2] (8), beta1 = [1, 1] (2)
const params = (): Params => ({
  W1: Matrix.fromArray([
    [1, 2],
    [3, 0],
  ]),
  b1: Matrix.rowVector([5, 5]),
  gamma1: Matrix.rowVector([2, 2]),
  beta1: Matrix.rowVector([1, 1]),
  W2: Matrix.fromArray([[-3], [1]]),
  b2: Matrix.rowVector([7]),
});
const ones = (p: Params): Params =>
  Object.fromEntries(Object.entries(p).map(([k, m]) => [k, Matrix.filled(m.rows, m.cols, 1)]));

export const spec: ExerciseSpec<Module> = {
  exports: ["weightDecayLoss", "addWeightDecay"],
  checks: [
    {
      name: "the loss term ½λΣW² counts W1 and W2 only (hand-worked, λ = 0.1)",
      run({ weightDecayLoss }) {
        // ½ · 0.1 · (14 + 10) = 1.2
        expectClose(weightDecayLoss(params(), 0.1), 1.2, {
          section: S,
          what: "weightDecayLoss(params, 0.1)",
          atol: 1e-12,
          mistakes: [
            { values: 0, says: "the loss term is 0: add up the squares of every entry of W1, W2, …" },
            { values: 6.15, says: "weight decay on biases: only the weights W1, W2, … decay (the book sums W only)." },
            { values: 6.65, says: "every key decays: only W1, W2, … do, not biases, gamma or beta." },
            { values: 2.4, says: "the ½ is missing: the term is ½·λ·ΣW² (the ½ makes its gradient exactly λW)." },
            { values: 0.5, says: "|W| instead of W²: weight decay is the squared (L2) norm." },
            { values: 0.7, says: "only W1 counted: every weight matrix W1, W2, … decays." },
          ],
        });
      },
    },
    {
      name: "the gradient term: dW + λW for W1 and W2, every other gradient unchanged",
      run({ addWeightDecay }) {
        // grads all ones, λ = 0.1: dW1 = 1 + 0.1·W1 = [[1.1, 1.2], [1.3, 1.0]], dW2 = [[0.7], [1.1]]
        //   db1, db2, dgamma1, dbeta1 stay all ones
        const p = params();
        const g = addWeightDecay(ones(p), p, 0.1);
        expectThat(g !== null && typeof g === "object" && Object.keys(p).every((k) => g[k] !== undefined), {
          section: S,
          what: "the keys of addWeightDecay's result",
          expected: `every key of grads (${Object.keys(p).join(", ")})`,
          received: g === null || typeof g !== "object" ? String(g) : Object.keys(g).join(", ") || "no keys",
          mistake: "returning only the weights' gradients: the optimizer needs every gradient",
        });
        expectClose(g.W1, [1.1, 1.2, 1.3, 1.0], {
          section: S,
          what: "dW1 with weight decay",
          atol: 1e-12,
          mistakes: [
            {
              values: [1, 1, 1, 1],
              says: "weight decay missing from the gradient: every dW gets + λW (the derivative of ½λW²).",
            },
            {
              values: [0.1, 0.2, 0.3, 0],
              says: "the gradient is only λW: add λW to dW, the loss's own gradient stays.",
            },
            {
              values: [1.05, 1.1, 1.15, 1.0],
              says: "½λW: the ½ cancels the 2 from differentiating W², so the gradient term is λW.",
            },
          ],
        });
        expectClose(g.W2, [0.7, 1.1], {
          section: S,
          what: "dW2 with weight decay",
          atol: 1e-12,
          mistake: "every weight matrix W1, W2, … gets + λW",
        });
        expectClose(
          [g.b1, g.b2, g.gamma1, g.beta1].flatMap((m) => Array.from((m as Matrix)?.data ?? [NaN])),
          [1, 1, 1, 1, 1, 1, 1],
          {
            section: S,
            what: "db1, db2, dgamma1, dbeta1 (all ones before)",
            atol: 1e-12,
            mistakes: [
              {
                values: [1.5, 1.5, 1.7, 1.2, 1.2, 1.1, 1.1],
                says: "weight decay on biases (and γ, β): only W1, W2, … decay.",
              },
            ],
          },
        );
      },
    },
    {
      name: "the gradient term is the derivative of the loss term (numerical gradient, λ = 0.3)",
      run({ weightDecayLoss, addWeightDecay }) {
        // Central differences of weightDecayLoss for every key must equal what addWeightDecay adds
        // to a zero gradient: λW for weights, 0 for the rest. Random params from Rng(21).
        const rng = new Rng(21);
        const p: Params = { W1: rng.randn(3, 2), b1: rng.randn(1, 2), W2: rng.randn(2, 2), b2: rng.randn(1, 2) };
        const zeros = Object.fromEntries(Object.entries(p).map(([k, m]) => [k, new Matrix(m.rows, m.cols)]));
        const added = addWeightDecay(zeros, p, 0.3);
        for (const key of Object.keys(p)) {
          const num = numericalGradient(() => weightDecayLoss(p, 0.3), p[key]);
          expectClose(added[key], num, {
            section: `${S}, seed 21`,
            what: `the decay part of d${key} against the numerical gradient of the loss term`,
            atol: 1e-8,
            mistake: "the loss term and the gradient term must match: ½λΣW² ↔ λW, on the same keys",
          });
        }
      },
    },
    {
      name: "plugged into the book's net, it gives MultiLayerNet's loss and gradients with λ = 0.1",
      run({ weightDecayLoss, addWeightDecay }) {
        // The same 3 → 4 → 2 net (seed 31) without and with weightDecayLambda; your two functions
        // added to the plain net's loss and gradients must reproduce the net with λ = 0.1.
        const make = (lambda: number) =>
          new MultiLayerNet({
            inputSize: 3,
            hiddenSizeList: [4],
            outputSize: 2,
            weightDecayLambda: lambda,
            rng: new Rng(31),
          });
        const x = new Rng(32).randn(2, 3),
          t = [0, 1];
        const plain = make(0),
          decayed = make(0.1);
        const loss = plain.loss(x, t) + weightDecayLoss(plain.params, 0.1);
        expectClose(loss, decayed.loss(x, t), {
          section: S,
          what: "loss of the 3 → 4 → 2 net with λ = 0.1",
          atol: 1e-12,
        });
        const grads = addWeightDecay(plain.gradient(x, t), plain.params, 0.1);
        const book = decayed.gradient(x, t);
        for (const key of Object.keys(book))
          expectClose(grads[key], book[key], { section: S, what: `d${key} of the net with λ = 0.1`, atol: 1e-12 });
      },
    },
  ],
};
