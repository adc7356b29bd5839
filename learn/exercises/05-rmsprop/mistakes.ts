/** Planted mistakes of exercise 05: each keyed by its registry id (mistakes/registry.ts, where its name is) and must fail the checks with a message that names it. */
import type { PlantedMistake } from "../../lib/exercise.js";
import { sharedBetweenKeys } from "../../lib/state-mistakes.js";
import { Matrix } from "../../../src/base/matrix.js";
import { RMSprop, type Params } from "./solution.js";

/** RMSprop with h ← acc(h, g², ρ). */
function variant(acc: (h: number, g2: number, rho: number) => number) {
  return class extends RMSprop {
    override update(params: Params, grads: Params): void {
      this.h ??= Object.fromEntries(Object.keys(params).map((k) => [k, new Matrix(params[k].rows, params[k].cols)]));
      for (const key of Object.keys(params)) {
        const W = params[key].data,
          g = grads[key].data,
          h = this.h[key].data;
        for (let i = 0; i < W.length; i++) {
          h[i] = acc(h[i], g[i] * g[i], this.decayRate);
          W[i] = W[i] - (this.lr * g[i]) / (Math.sqrt(h[i]) + 1e-7);
        }
      }
    }
  };
}

export const mistakes: PlantedMistake[] = [
  {
    id: "rmsprop-accumulates-like-adagrad",
    says: "RMSprop accumulating like AdaGrad",
    module: { RMSprop: variant((h, g2) => h + g2) },
  },
  {
    id: "rmsprop-rho-swapped",
    says: "ρ and 1 − ρ swapped",
    module: { RMSprop: variant((h, g2, rho) => (1 - rho) * h + rho * g2) },
  },
  {
    id: "rmsprop-h-not-decayed",
    says: "h not decayed",
    module: { RMSprop: variant((h, g2, rho) => h + (1 - rho) * g2) },
  },
  {
    id: "rmsprop-h-shared-between-keys",
    says: "one state array shared by all keys",
    module: { RMSprop: sharedBetweenKeys(RMSprop) },
  },
];
