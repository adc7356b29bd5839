/**
 * The two pieces of §6.5's random search, as the book's code does them:
 * - validation data split off the training data (§6.5.1): shuffle rows and labels with one
 *   permutation (the book's shuffle_dataset), then the first int(N·rate) rows are validation data
 *   and the rest training data. Test data is never an argument: it cannot leak into tuning.
 * - hyperparameters sampled on a log scale (§6.5.2–6.5.3): each value is 10^U(lo, hi), with the
 *   book's ranges lr 10^[−6, −2] and weight decay 10^[−8, −4], drawn weight decay first, then lr.
 * Every draw comes from the generator passed in: same seed, same split, same samples.
 */
import { Matrix } from "./base/matrix.js";
import { Rng } from "./base/rng.js";
import { checkNumber, checkRange, describe, fail } from "./base/validate.js";

/** Exponent ranges [lo, hi] of 10^U(lo, hi) for each searched hyperparameter. */
export interface SearchRanges {
  lr: [number, number];
  weightDecay: [number, number];
}

/** The book's ranges: lr 10^[−6, −2], weight decay 10^[−8, −4]. */
export const BOOK_RANGES: SearchRanges = { lr: [-6, -2], weightDecay: [-8, -4] };

/** 10^U(lo, hi): NumPy's 10 ** np.random.uniform(lo, hi), i.e. 10^(lo + (hi − lo)·u) with u in [0, 1). */
export function sampleLogUniform(rng: Rng, lo: number, hi: number): number {
  checkNumber("sampleLogUniform", "lo", lo);
  checkNumber("sampleLogUniform", "hi", hi);
  if (hi < lo) fail("sampleLogUniform", "hi", `a number ≥ lo (${lo})`, String(hi));
  return 10 ** (lo + (hi - lo) * rng.uniform());
}

/** Checks `ranges` is { lr: [lo, hi], weightDecay: [lo, hi] } with finite exponents, lo ≤ hi. */
export function checkSearchRanges(where: string, r: unknown): SearchRanges {
  const ok = (p: unknown) =>
    Array.isArray(p) && p.length === 2 && p.every((v) => typeof v === "number" && Number.isFinite(v)) && p[0] <= p[1];
  if (r === null || typeof r !== "object" || !ok((r as SearchRanges).lr) || !ok((r as SearchRanges).weightDecay))
    fail(where, "ranges", "{ lr: [lo, hi], weightDecay: [lo, hi] }: finite exponents with lo ≤ hi", describe(r));
  return r as SearchRanges;
}

/**
 * One trial's hyperparameters: weight decay 10^U(ranges.weightDecay), then lr 10^U(ranges.lr), in
 * the book's order (hyperparameter_optimization.py), two draws from `rng`.
 */
export function sampleHyperparameters(rng: Rng, ranges: SearchRanges): { lr: number; weightDecay: number } {
  const where = "sampleHyperparameters";
  if (!(rng instanceof Rng)) fail(where, "rng", "an Rng", describe(rng));
  const r = checkSearchRanges(where, ranges);
  const weightDecay = sampleLogUniform(rng, r.weightDecay[0], r.weightDecay[1]);
  const lr = sampleLogUniform(rng, r.lr[0], r.lr[1]);
  return { lr, weightDecay };
}

export interface ValidationSplit {
  xTrain: Matrix;
  tTrain: Int32Array;
  xVal: Matrix;
  tVal: Int32Array;
}

/**
 * The book's split (§6.5.1): perm = rng.permutation(N) shuffles rows and labels together, the
 * first int(N·rate) shuffled rows are validation data, the rest training data. New matrices: x
 * and t are left as they were. At least one row must end up on each side.
 */
export function splitValidation(x: Matrix, t: Int32Array, rate: number, rng: Rng): ValidationSplit {
  const where = "splitValidation";
  if (!(x instanceof Matrix)) fail(where, "x", "a Matrix (one row per sample)", describe(x));
  if (!(t instanceof Int32Array) || t.length !== x.rows)
    fail(
      where,
      "t",
      `an Int32Array of ${x.rows} labels (one per row of x)`,
      t instanceof Int32Array ? `${t.length} labels` : describe(t),
    );
  checkRange(where, "rate", rate, 0, 1);
  if (!(rng instanceof Rng)) fail(where, "rng", "an Rng", describe(rng));
  const N = x.rows,
    nVal = Math.floor(N * rate);
  if (nVal < 1 || nVal >= N)
    fail(
      where,
      "rate",
      `a rate leaving at least one validation and one training row of ${N} (int(${N}·rate) in [1, ${N - 1}])`,
      String(rate),
    );
  const perm = rng.permutation(N);
  const val = perm.subarray(0, nVal),
    train = perm.subarray(nVal);
  return {
    xVal: x.pickRows(val),
    tVal: Int32Array.from(val, (i) => t[i]),
    xTrain: x.pickRows(train),
    tTrain: Int32Array.from(train, (i) => t[i]),
  };
}
