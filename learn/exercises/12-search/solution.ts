/**
 * Exercise 12 · Hyperparameter search — reference solution (book §6.5).
 * The validation split of §6.5.1 and the log-scale sampler of §6.5.2–6.5.3, under the names the
 * conformance contract uses (sampleHyperparameters, splitValidation).
 */
import type { Matrix } from "../../../src/base/matrix.js";
import type { Rng } from "../../../src/base/rng.js";

/** 10^(lo + (hi − lo)·u), u uniform in [0, 1): the book's 10 ** np.random.uniform(lo, hi) (§6.5.3). */
export function logUniform(rng: Rng, lo: number, hi: number): number {
  return 10 ** (lo + (hi - lo) * rng.uniform());
}

/** Exponent ranges [lo, hi] of 10^U(lo, hi): the book's are lr [−6, −2] and weight decay [−8, −4]. */
export interface SearchRanges {
  lr: [number, number];
  weightDecay: [number, number];
}

/** One trial's hyperparameters in the book's order: weight decay first, then lr (§6.5.3). */
export function sampleHyperparameters(rng: Rng, ranges: SearchRanges): { lr: number; weightDecay: number } {
  const weightDecay = logUniform(rng, ranges.weightDecay[0], ranges.weightDecay[1]);
  const lr = logUniform(rng, ranges.lr[0], ranges.lr[1]);
  return { lr, weightDecay };
}

export interface Split {
  xTrain: Matrix;
  tTrain: Int32Array;
  xVal: Matrix;
  tVal: Int32Array;
}

/** Shuffle x and t by one permutation, then the first int(N·rate) rows are validation (§6.5.1). */
export function splitValidation(x: Matrix, t: Int32Array, validationRate: number, rng: Rng): Split {
  const N = x.rows;
  const perm = rng.permutation(N);
  const validationNum = Math.floor(N * validationRate);
  const valIdx = perm.subarray(0, validationNum),
    trainIdx = perm.subarray(validationNum);
  return {
    xVal: x.pickRows(valIdx),
    tVal: Int32Array.from(valIdx, (i) => t[i]),
    xTrain: x.pickRows(trainIdx),
    tTrain: Int32Array.from(trainIdx, (i) => t[i]),
  };
}
