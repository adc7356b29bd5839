/** Planted mistakes of exercise 01: each keyed by its registry id (mistakes/registry.ts, where its name is) and must fail the checks with a message that names it. */
import type { PlantedMistake } from "../../lib/exercise.js";
import { Matrix } from "../../../src/base/matrix.js";
import { SGD, type Params } from "./solution.js";

class PlusSign extends SGD {
  override update(params: Params, grads: Params): void {
    for (const key of Object.keys(params)) {
      const W = params[key].data,
        g = grads[key].data;
      for (let i = 0; i < W.length; i++) W[i] = W[i] + this.lr * g[i];
    }
  }
}

class NewMatrix extends SGD {
  override update(params: Params, grads: Params): void {
    for (const key of Object.keys(params)) {
      const W = params[key],
        g = grads[key];
      params[key] = new Matrix(
        W.rows,
        W.cols,
        W.data.map((w, i) => w - this.lr * g.data[i]),
      );
    }
  }
}

class NoLr extends SGD {
  override update(params: Params, grads: Params): void {
    for (const key of Object.keys(params)) {
      const W = params[key].data,
        g = grads[key].data;
      for (let i = 0; i < W.length; i++) W[i] = W[i] - g[i];
    }
  }
}

class OnlyWeights extends SGD {
  override update(params: Params, grads: Params): void {
    for (const key of Object.keys(params)) {
      if (!key.startsWith("W")) continue;
      const W = params[key].data,
        g = grads[key].data;
      for (let i = 0; i < W.length; i++) W[i] = W[i] - this.lr * g[i];
    }
  }
}

export const mistakes: PlantedMistake[] = [
  { id: "sgd-wrong-sign", says: "climbs the gradient", module: { SGD: PlusSign } },
  { id: "sgd-new-matrix", says: "layers hold the old matrix", module: { SGD: NewMatrix } },
  { id: "sgd-without-lr", says: "the learning rate lr is missing", module: { SGD: NoLr } },
  { id: "sgd-only-weights", says: "every key of params", module: { SGD: OnlyWeights } },
];
