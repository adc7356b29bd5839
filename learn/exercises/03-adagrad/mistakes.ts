/** Planted mistakes of exercise 03: each keyed by its registry id (mistakes/registry.ts, where its name is) and must fail the checks with a message that names it. */
import type { PlantedMistake } from "../../lib/exercise.js";
import { sharedBetweenKeys } from "../../lib/state-mistakes.js";
import { Matrix } from "../../../src/base/matrix.js";
import { AdaGrad, type Params } from "./solution.js";

/** AdaGrad with h ← acc(h, g) and W ← W − lr·g/den(h). */
function variant(acc: (h: number, g: number) => number, den: (h: number) => number) {
  return class extends AdaGrad {
    override update(params: Params, grads: Params): void {
      this.h ??= Object.fromEntries(Object.keys(params).map((k) => [k, new Matrix(params[k].rows, params[k].cols)]));
      for (const key of Object.keys(params)) {
        const W = params[key].data,
          g = grads[key].data,
          h = this.h[key].data;
        for (let i = 0; i < W.length; i++) {
          h[i] = acc(h[i], g[i]);
          W[i] = W[i] - (this.lr * g[i]) / den(h[i]);
        }
      }
    }
  };
}

const book = (h: number) => Math.sqrt(h) + 1e-7;

export const mistakes: PlantedMistake[] = [
  {
    id: "adagrad-eps-inside-sqrt",
    says: "AdaGrad with ε inside the square root",
    module: {
      AdaGrad: variant(
        (h, g) => h + g * g,
        (h) => Math.sqrt(h + 1e-7),
      ),
    },
  },
  {
    id: "adagrad-without-root",
    says: "dividing by h instead of √h",
    module: {
      AdaGrad: variant(
        (h, g) => h + g * g,
        (h) => h + 1e-7,
      ),
    },
  },
  {
    id: "adagrad-without-square",
    says: "AdaGrad without the square",
    module: { AdaGrad: variant((h, g) => h + g, book) },
  },
  { id: "adagrad-overwrites-h", says: "h ← g⊙g replaces h", module: { AdaGrad: variant((_h, g) => g * g, book) } },
  {
    id: "adagrad-without-eps",
    says: "no 1e-7 at all",
    module: {
      AdaGrad: variant(
        (h, g) => h + g * g,
        (h) => Math.sqrt(h),
      ),
    },
  },
  {
    id: "adagrad-h-shared-between-keys",
    says: "one state array shared by all keys",
    module: { AdaGrad: sharedBetweenKeys(AdaGrad) },
  },
];
