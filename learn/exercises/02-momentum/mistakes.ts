/** Planted mistakes of exercise 02: each keyed by its registry id (mistakes/registry.ts, where its name is) and must fail the checks with a message that names it. */
import type { PlantedMistake } from "../../lib/exercise.js";
import { sharedBetweenKeys } from "../../lib/state-mistakes.js";
import { Matrix } from "../../../src/base/matrix.js";
import { Momentum, type Params } from "./solution.js";

/** Momentum with the rule written by `step(v, g, lr, α) → v`; W ← W + v. */
function variant(step: (v: number, g: number, lr: number, a: number) => number) {
  return class extends Momentum {
    override update(params: Params, grads: Params): void {
      if (this.v === null) {
        this.v = {};
        for (const key of Object.keys(params)) this.v[key] = new Matrix(params[key].rows, params[key].cols);
      }
      for (const key of Object.keys(params)) {
        const W = params[key].data,
          g = grads[key].data,
          v = this.v[key].data;
        for (let i = 0; i < W.length; i++) {
          v[i] = step(v[i], g[i], this.lr, this.momentum);
          W[i] = W[i] + v[i];
        }
      }
    }
  };
}

class WBeforeV extends Momentum {
  override update(params: Params, grads: Params): void {
    this.v ??= Object.fromEntries(Object.keys(params).map((k) => [k, new Matrix(params[k].rows, params[k].cols)]));
    for (const key of Object.keys(params)) {
      const W = params[key].data,
        g = grads[key].data,
        v = this.v[key].data;
      for (let i = 0; i < W.length; i++) {
        W[i] = W[i] + v[i];
        v[i] = this.momentum * v[i] - this.lr * g[i];
      }
    }
  }
}

export const mistakes: PlantedMistake[] = [
  {
    id: "momentum-wrong-sign",
    says: "Momentum adding +lr·g",
    module: { Momentum: variant((v, g, lr, a) => a * v + lr * g) },
  },
  {
    id: "momentum-without-decay",
    says: "Momentum without the decay",
    module: { Momentum: variant((v, g, lr) => v - lr * g) },
  },
  {
    id: "momentum-forgets-velocity",
    says: "v was reset between steps",
    module: { Momentum: variant((_v, g, lr) => -lr * g) },
  },
  { id: "momentum-w-before-v", says: "W ← W + v ran before v was updated", module: { Momentum: WBeforeV } },
  {
    id: "momentum-v-shared-between-keys",
    says: "one state array shared by all keys",
    module: { Momentum: sharedBetweenKeys(Momentum) },
  },
];
