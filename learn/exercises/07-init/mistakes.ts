/** Planted mistakes of exercise 07: each must fail the checks with a message that names it. */
import type { PlantedMistake } from "../../lib/exercise.js";
import type { Rng } from "../../../src/base/rng.js";
import { initStd, type Init } from "./solution.js";

const stdWith = (he: (n: number) => number, xavier: (n: number) => number) => (init: Init, n: number) =>
  typeof init === "number" ? init : init === "he" ? he(n) : xavier(n);

export const mistakes: PlantedMistake[] = [
  {
    name: "Xavier and He swapped", says: "Xavier and He swapped",
    module: { initStd: stdWith((n) => Math.sqrt(1 / n), (n) => Math.sqrt(2 / n)), initWeight: () => null },
  },
  {
    name: "He with 1/n", says: "He with 1/n",
    module: { initStd: stdWith((n) => Math.sqrt(1 / n), (n) => Math.sqrt(1 / n)), initWeight: () => null },
  },
  {
    name: "initWeight taking n from nOut", says: "n taken from nOut",
    module: { initStd, initWeight: (nIn: number, nOut: number, init: Init, rng: Rng) => rng.randn(nIn, nOut, initStd(init, nOut)) },
  },
  {
    name: "initWeight with nIn and nOut swapped", says: "rows and columns swapped",
    module: { initStd, initWeight: (nIn: number, nOut: number, init: Init, rng: Rng) => rng.randn(nOut, nIn, initStd(init, nIn)) },
  },
];
