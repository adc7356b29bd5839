/**
 * Exercise 12 · Hyperparameter search — book §6.5 (§6.5.1 validation data, §6.5.2–6.5.3 search)
 *
 * Three pieces of the book's random search:
 *
 * 1. Tune on validation data, never on test data. Shuffle the training data (rows and labels
 *    with the SAME permutation: the book's shuffle_dataset), then split off the first
 *    validationNum = int(N · validationRate) rows as validation data:
 *
 *        perm = rng.permutation(N);   validation = rows perm[0 … □),  training = rows perm[□ … N)
 *
 * 2. Sample on a log scale: a learning rate is as likely to be in [1e-6, 1e-5) as in
 *    [1e-3, 1e-2). The book: lr = 10 ** np.random.uniform(-6, -2).
 *
 *        logUniform(rng, lo, hi) = □ ** (lo + (hi − lo) · u),   u = rng.uniform() (one draw)
 *
 * 3. One trial's hyperparameters: sampleHyperparameters(rng, ranges) draws the weight decay on
 *    ranges.weightDecay first, then lr on ranges.lr (the book's order), each with logUniform.
 *
 * With `npm run learn` running, every save re-runs the checks.  Stuck?  npm run learn -- hint
 */
import { Matrix } from "../../../src/base/matrix.js";
import type { Rng } from "../../../src/base/rng.js";

/** A number whose base-10 logarithm is uniform in [lo, hi) (§6.5.2–6.5.3). */
export function logUniform(rng: Rng, lo: number, hi: number): number {
  // TODO(§6.5.2): one rng.uniform(), spread over [lo, hi), then the power.
  return lo;
}

export interface SearchRanges {
  lr: [number, number];
  weightDecay: [number, number];
}

/** { lr, weightDecay }: weight decay 10^U(ranges.weightDecay) first, then lr 10^U(ranges.lr) (§6.5.3). */
export function sampleHyperparameters(rng: Rng, ranges: SearchRanges): { lr: number; weightDecay: number } {
  // TODO(§6.5.3): two logUniform draws, weight decay first.
  return { lr: ranges.lr[0], weightDecay: ranges.weightDecay[0] };
}

export interface Split {
  xTrain: Matrix;
  tTrain: Int32Array;
  xVal: Matrix;
  tVal: Int32Array;
}

/** Shuffles x and t together and splits off the first int(N·validationRate) rows (§6.5.1). */
export function splitValidation(x: Matrix, t: Int32Array, validationRate: number, rng: Rng): Split {
  // TODO(§6.5.1): perm = rng.permutation(N); validationNum = □; x.pickRows(…) picks rows in order.
  return { xTrain: x, tTrain: t, xVal: new Matrix(0, x.cols), tVal: new Int32Array(0) };
}
