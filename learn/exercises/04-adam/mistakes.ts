/** Planted mistakes of exercise 04: each keyed by its registry id (mistakes/registry.ts, where its name is) and must fail the checks with a message that names it. */
import type { PlantedMistake } from "../../lib/exercise.js";
import { Matrix } from "../../../src/base/matrix.js";
import { Adam, type Params } from "./solution.js";

type Kind = "no-correction" | "swapped" | "late-iter" | "paper" | "iter-per-key";

function variant(kind: Kind) {
  return class extends Adam {
    override update(params: Params, grads: Params): void {
      const zeros = () =>
        Object.fromEntries(Object.keys(params).map((k) => [k, new Matrix(params[k].rows, params[k].cols)]));
      this.m ??= zeros();
      this.v ??= zeros();
      const [b1, b2] = kind === "swapped" ? [this.beta2, this.beta1] : [this.beta1, this.beta2];
      if (kind !== "late-iter" && kind !== "iter-per-key") this.iter += 1;
      let lrT = kind === "no-correction" ? this.lr : (this.lr * Math.sqrt(1 - b2 ** this.iter)) / (1 - b1 ** this.iter);
      if (kind === "late-iter") this.iter += 1;
      for (const key of Object.keys(params)) {
        if (kind === "iter-per-key") {
          this.iter += 1;
          lrT = (this.lr * Math.sqrt(1 - b2 ** this.iter)) / (1 - b1 ** this.iter);
        }
        const W = params[key].data,
          g = grads[key].data,
          m = this.m[key].data,
          v = this.v[key].data;
        for (let i = 0; i < W.length; i++) {
          m[i] = m[i] + (1 - b1) * (g[i] - m[i]);
          v[i] = v[i] + (1 - b2) * (g[i] * g[i] - v[i]);
          if (kind === "paper") {
            const mHat = m[i] / (1 - b1 ** this.iter),
              vHat = v[i] / (1 - b2 ** this.iter);
            W[i] = W[i] - (this.lr * mHat) / (Math.sqrt(vHat) + 1e-7);
          } else W[i] = W[i] - (lrT * m[i]) / (Math.sqrt(v[i]) + 1e-7);
        }
      }
    }
  };
}

export const mistakes: PlantedMistake[] = [
  {
    id: "adam-without-bias-correction",
    says: "Adam without bias correction",
    module: { Adam: variant("no-correction") },
  },
  { id: "adam-betas-swapped", says: "Adam with β1/β2 swapped", module: { Adam: variant("swapped") } },
  { id: "adam-late-iter", says: "iter must be increased BEFORE", module: { Adam: variant("late-iter") } },
  { id: "adam-paper-form", says: "the paper's form", module: { Adam: variant("paper") } },
  {
    id: "adam-iter-per-key",
    says: "iter incremented once per parameter key",
    module: { Adam: variant("iter-per-key") },
  },
];
