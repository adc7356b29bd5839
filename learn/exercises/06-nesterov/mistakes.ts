/** Planted mistakes of exercise 06: each keyed by its registry id (mistakes/registry.ts, where its name is) and must fail the checks with a message that names it. */
import type { PlantedMistake } from "../../lib/exercise.js";
import { sharedBetweenKeys } from "../../lib/state-mistakes.js";
import { Matrix } from "../../../src/base/matrix.js";
import { Nesterov, type Params } from "./solution.js";

function variant(kind: "plain" | "v-first") {
  return class extends Nesterov {
    override update(params: Params, grads: Params): void {
      this.v ??= Object.fromEntries(Object.keys(params).map((k) => [k, new Matrix(params[k].rows, params[k].cols)]));
      const a = this.momentum,
        lr = this.lr;
      for (const key of Object.keys(params)) {
        const W = params[key].data,
          g = grads[key].data,
          v = this.v[key].data;
        for (let i = 0; i < W.length; i++) {
          v[i] = a * v[i] - lr * g[i];
          W[i] = kind === "plain" ? W[i] + v[i] : W[i] + a * a * v[i] - (1 + a) * lr * g[i];
        }
      }
    }
  };
}

export const mistakes: PlantedMistake[] = [
  { id: "nesterov-as-momentum", says: "Nesterov written as plain momentum", module: { Nesterov: variant("plain") } },
  { id: "nesterov-pre-2021", says: "v updated before W", module: { Nesterov: variant("v-first") } },
  {
    id: "nesterov-v-shared-between-keys",
    says: "one state array shared by all keys",
    module: { Nesterov: sharedBetweenKeys(Nesterov) },
  },
];
