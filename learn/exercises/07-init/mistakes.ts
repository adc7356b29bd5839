/** Planted mistakes of exercise 07: each keyed by its registry id (mistakes/registry.ts, where its name is) and must fail the checks with a message that names it. */
import type { PlantedMistake } from "../../lib/exercise.js";
import type { Rng } from "../../../src/base/rng.js";
import { initStd, type Init } from "./solution.js";

const stdWith = (he: (n: number) => number, xavier: (n: number) => number) => (init: Init, n: number) =>
  typeof init === "number" ? init : init === "he" ? he(n) : xavier(n);

export const mistakes: PlantedMistake[] = [
  {
    id: "init-xavier-he-swapped",
    says: "Xavier and He swapped",
    module: {
      initStd: stdWith(
        (n) => Math.sqrt(1 / n),
        (n) => Math.sqrt(2 / n),
      ),
      initWeight: () => null,
    },
  },
  {
    id: "he-with-1-over-n",
    says: "He with 1/n",
    module: {
      initStd: stdWith(
        (n) => Math.sqrt(1 / n),
        (n) => Math.sqrt(1 / n),
      ),
      initWeight: () => null,
    },
  },
  {
    id: "init-fan-out",
    says: "n taken from nOut",
    module: {
      initStd,
      initWeight: (nIn: number, nOut: number, init: Init, rng: Rng) => rng.randn(nIn, nOut, initStd(init, nOut)),
    },
  },
  {
    id: "init-shape-swapped",
    says: "rows and columns swapped",
    module: {
      initStd,
      initWeight: (nIn: number, nOut: number, init: Init, rng: Rng) => rng.randn(nOut, nIn, initStd(init, nIn)),
    },
  },
];
