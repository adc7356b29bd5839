/** Planted mistakes of exercise 12: each keyed by its registry id (mistakes/registry.ts, where its name is) and must fail the checks with a message that names it. */
import type { PlantedMistake } from "../../lib/exercise.js";
import type { Matrix } from "../../../src/base/matrix.js";
import type { Rng } from "../../../src/base/rng.js";
import { logUniform, splitValidation } from "./solution.js";

const linear = (rng: Rng, lo: number, hi: number) => 10 ** lo + (10 ** hi - 10 ** lo) * rng.uniform();

function split(kind: "no-shuffle" | "separate" | "round") {
  return (x: Matrix, t: Int32Array, rate: number, rng: Rng) => {
    const N = x.rows;
    const perm = kind === "no-shuffle" ? Int32Array.from({ length: N }, (_, i) => i) : rng.permutation(N);
    const tPerm = kind === "separate" ? rng.permutation(N) : perm;
    const n = kind === "round" ? Math.round(N * rate) : Math.floor(N * rate);
    return {
      xVal: x.pickRows(perm.subarray(0, n)), xTrain: x.pickRows(perm.subarray(n)),
      tVal: Int32Array.from(tPerm.subarray(0, n), (i) => t[i]), tTrain: Int32Array.from(tPerm.subarray(n), (i) => t[i]),
    };
  };
}

export const mistakes: PlantedMistake[] = [
  { id: "search-linear-scale", says: "uniform on a linear scale", module: { logUniform: linear, splitValidation } },
  { id: "validation-no-shuffle", says: "no shuffle", module: { logUniform, splitValidation: split("no-shuffle") } },
  { id: "validation-labels-shuffled-separately", says: "labels shuffled separately", module: { logUniform, splitValidation: split("separate") } },
  { id: "validation-count-rounded", says: "Math.round", module: { logUniform, splitValidation: split("round") } },
];
