/** Planted mistakes of exercise 10: each keyed by its registry id (mistakes/registry.ts, where its name is) and must fail the checks with a message that names it. */
import type { PlantedMistake } from "../../lib/exercise.js";
import { Matrix } from "../../../src/base/matrix.js";
import { addWeightDecay, weightDecayLoss, type Params } from "./solution.js";

const everyKeyLoss = (params: Params, lambda: number) =>
  0.5 * lambda * Object.values(params).reduce((s, m) => s + m.data.reduce((a, v) => a + v * v, 0), 0);

const everyKeyGrad = (grads: Params, params: Params, lambda: number): Params =>
  Object.fromEntries(
    Object.keys(grads).map((k) => [
      k,
      new Matrix(
        grads[k].rows,
        grads[k].cols,
        grads[k].data.map((g, i) => g + lambda * params[k].data[i]),
      ),
    ]),
  );

export const mistakes: PlantedMistake[] = [
  {
    id: "weight-decay-loss-on-biases",
    says: "only W1, W2, … do, not biases",
    module: { weightDecayLoss: everyKeyLoss, addWeightDecay },
  },
  {
    id: "weight-decay-gradient-on-biases",
    says: "weight decay on biases",
    module: { weightDecayLoss, addWeightDecay: everyKeyGrad },
  },
  {
    id: "weight-decay-missing-from-gradient",
    says: "weight decay missing from the gradient",
    module: { weightDecayLoss, addWeightDecay: (g: Params) => g },
  },
  {
    id: "weight-decay-without-half",
    says: "the ½ is missing",
    module: { weightDecayLoss: (p: Params, l: number) => 2 * weightDecayLoss(p, l), addWeightDecay },
  },
];
