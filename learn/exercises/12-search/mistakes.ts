/** Planted mistakes of exercise 12: each keyed by its registry id (mistakes/registry.ts, where its name is) and must fail the checks with a message that names it. */
import type { PlantedMistake } from "../../lib/exercise.js";
import type { Matrix } from "../../../src/base/matrix.js";
import type { Rng } from "../../../src/base/rng.js";
import { logUniform, sampleHyperparameters, splitValidation, type SearchRanges } from "./solution.js";

const linear = (rng: Rng, lo: number, hi: number) => 10 ** lo + (10 ** hi - 10 ** lo) * rng.uniform();

function split(kind: "no-shuffle" | "separate" | "round") {
  return (x: Matrix, t: Int32Array, rate: number, rng: Rng) => {
    const N = x.rows;
    const perm = kind === "no-shuffle" ? Int32Array.from({ length: N }, (_, i) => i) : rng.permutation(N);
    const tPerm = kind === "separate" ? rng.permutation(N) : perm;
    const n = kind === "round" ? Math.round(N * rate) : Math.floor(N * rate);
    return {
      xVal: x.pickRows(perm.subarray(0, n)),
      xTrain: x.pickRows(perm.subarray(n)),
      tVal: Int32Array.from(tPerm.subarray(0, n), (i) => t[i]),
      tTrain: Int32Array.from(tPerm.subarray(n), (i) => t[i]),
    };
  };
}

/** lr drawn before weight decay (the book's order is weight decay first). */
const lrFirst = (rng: Rng, r: SearchRanges) => {
  const lr = logUniform(rng, r.lr[0], r.lr[1]);
  return { lr, weightDecay: logUniform(rng, r.weightDecay[0], r.weightDecay[1]) };
};

export const mistakes: PlantedMistake[] = [
  {
    id: "search-linear-scale",
    says: "uniform on a linear scale",
    module: { logUniform: linear, sampleHyperparameters, splitValidation },
  },
  {
    id: "validation-no-shuffle",
    says: "no shuffle",
    module: { logUniform, sampleHyperparameters, splitValidation: split("no-shuffle") },
  },
  {
    id: "validation-labels-shuffled-separately",
    says: "labels shuffled separately",
    module: { logUniform, sampleHyperparameters, splitValidation: split("separate") },
  },
  {
    id: "validation-count-rounded",
    says: "Math.round",
    module: { logUniform, sampleHyperparameters, splitValidation: split("round") },
  },
  {
    id: "search-lr-drawn-first",
    says: "lr drawn before weight decay",
    module: { logUniform, sampleHyperparameters: lrFirst, splitValidation },
  },
];
