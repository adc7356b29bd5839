/**
 * Broken §6.5 pieces (src/hyperparameter-search.ts): each the reference's sampler or split with one
 * mistake, named after it. The right parts are written as the reference writes them.
 */
import type { Matrix } from "../../src/base/matrix.js";
import { Rng } from "../../src/base/rng.js";
import { splitValidation, type SearchRanges } from "../../src/hyperparameter-search.js";

type Sampler = (rng: Rng, ranges: SearchRanges) => { lr: number; weightDecay: number };
type Split = (
  x: Matrix,
  t: Int32Array,
  rate: number,
  rng: Rng,
) => { xTrain: Matrix; tTrain: Int32Array; xVal: Matrix; tVal: Int32Array };

const logU = (u: number, [lo, hi]: [number, number]) => 10 ** (lo + (hi - lo) * u);

/** lr uniform on the linear scale, 10^lo + u·(10^hi − 10^lo); weight decay right. */
export const searchLrLinear: Sampler = (rng, r) => {
  const weightDecay = logU(rng.uniform(), r.weightDecay);
  const lr = 10 ** r.lr[0] + rng.uniform() * (10 ** r.lr[1] - 10 ** r.lr[0]);
  return { lr, weightDecay };
};

/** Base e: e^U(lo, hi) for both. */
export const searchBaseE: Sampler = (rng, r) => {
  const weightDecay = Math.exp(r.weightDecay[0] + (r.weightDecay[1] - r.weightDecay[0]) * rng.uniform());
  const lr = Math.exp(r.lr[0] + (r.lr[1] - r.lr[0]) * rng.uniform());
  return { lr, weightDecay };
};

/** lr drawn on weight decay's range and weight decay on lr's. */
export const searchRangesSwapped: Sampler = (rng, r) => {
  const weightDecay = logU(rng.uniform(), r.lr);
  const lr = logU(rng.uniform(), r.weightDecay);
  return { lr, weightDecay };
};

/** One uniform draw for both: lr and weight decay move together. */
export const searchOneDraw: Sampler = (rng, r) => {
  const u = rng.uniform();
  return { lr: logU(u, r.lr), weightDecay: logU(u, r.weightDecay) };
};

/** A generator of its own, seeded afresh on every call: the rng argument is ignored. */
export const searchOwnGenerator: Sampler = (_rng, r) => {
  const own = new Rng(0);
  const weightDecay = logU(own.uniform(), r.weightDecay);
  return { lr: logU(own.uniform(), r.lr), weightDecay };
};

function pieces(
  x: Matrix,
  t: Int32Array,
  val: ArrayLike<number>,
  train: ArrayLike<number>,
  tVal: ArrayLike<number> = val,
  tTrain: ArrayLike<number> = train,
) {
  return {
    xVal: x.pickRows(val),
    tVal: Int32Array.from(tVal, (i) => t[i]),
    xTrain: x.pickRows(train),
    tTrain: Int32Array.from(tTrain, (i) => t[i]),
  };
}

/** No shuffle: the first int(N·rate) rows of x are the validation data. */
export const splitWithoutShuffle: Split = (x, t, rate) => {
  const N = x.rows,
    n = Math.floor(N * rate),
    ids = Array.from({ length: N }, (_, i) => i);
  return pieces(x, t, ids.slice(0, n), ids.slice(n));
};

/** Validation taken from the end of the shuffled rows. */
export const splitValidationAtEnd: Split = (x, t, rate, rng) => {
  const N = x.rows,
    n = Math.floor(N * rate),
    perm = rng.permutation(N);
  return pieces(x, t, perm.subarray(N - n), perm.subarray(0, N - n));
};

/** Labels shuffled with a second permutation of their own. */
export const splitLabelsSeparately: Split = (x, t, rate, rng) => {
  const N = x.rows,
    n = Math.floor(N * rate),
    perm = rng.permutation(N),
    tPerm = rng.permutation(N);
  return pieces(x, t, perm.subarray(0, n), perm.subarray(n), tPerm.subarray(0, n), tPerm.subarray(n));
};

/** int(N·rate) rounded to nearest instead of dropping the fraction. */
export const splitRoundsSize: Split = (x, t, rate, rng) => {
  const N = x.rows,
    n = Math.round(N * rate),
    perm = rng.permutation(N);
  return pieces(x, t, perm.subarray(0, n), perm.subarray(n));
};

/** Training on every row: the validation rows stay in the training data. */
export const splitOverlap: Split = (x, t, rate, rng) => {
  const N = x.rows,
    n = Math.floor(N * rate),
    perm = rng.permutation(N);
  return pieces(x, t, perm.subarray(0, n), perm);
};

/** Shuffles the caller's x and t in place, then splits them (right rows, but the input is changed). */
export const splitInPlace: Split = (x, t, rate, rng) => {
  const s = splitValidation(x, t, rate, rng);
  const order = [...Array.from(s.tVal), ...Array.from(s.tTrain)];
  const rows = [s.xVal, s.xTrain];
  let r = 0;
  for (const m of rows) {
    x.data.set(m.data, r * x.cols);
    r += m.rows;
  }
  t.set(order);
  return s;
};
