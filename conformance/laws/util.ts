/**
 * Shared pieces of the laws: test data from a trusted seeded generator, matrices of the
 * implementation under test, the checking differentiator, and optimizers by name.
 */
import type { Impl, Mat } from "./impl.js";
import { reference } from "./impl.js";
import { violation } from "./law.js";

/**
 * Test data comes from the reference's seeded generator (trusted, so a broken Rng in the
 * implementation cannot weaken the test data); fast-check generates the seed, so it shrinks
 * and replays.
 */
export function dataRng(seed: number): InstanceType<Impl["Rng"]> {
  return new reference.Rng(seed);
}

type Rng = InstanceType<Impl["Rng"]>;

/**
 * The generator handed to the implementation (dropout masks, initial weights): seeded from the
 * case's seed but not equal to it, so its stream is independent of the test data's. (Same seed,
 * same Alea stream: a dropout mask would be correlated with the data it masks.)
 */
export function implRng(impl: Impl, seed: number): Rng {
  return new impl.Rng((seed ^ 0x5deece66) + 1);
}

/** An implementation Matrix holding `values`. */
export function mat(impl: Impl, rows: number, cols: number, values?: ArrayLike<number>): Mat {
  return new impl.Matrix(rows, cols, values ? Float64Array.from(values) : undefined);
}

/** rows×cols of N(mean, std²) draws, as an implementation Matrix. */
export function randn(impl: Impl, rng: Rng, rows: number, cols: number, std = 1, mean = 0): Mat {
  const v = new Float64Array(rows * cols);
  for (let i = 0; i < v.length; i++) v[i] = mean + std * rng.normal();
  return mat(impl, rows, cols, v);
}

/** rows×cols with |x| ∈ [margin, margin + 3): never near 0 (ReLU's kink, Dropout's "was it kept?"). */
export function awayFromZero(impl: Impl, rng: Rng, rows: number, cols: number, margin: number): Mat {
  const v = new Float64Array(rows * cols);
  for (let i = 0; i < v.length; i++) v[i] = (rng.uniform() < 0.5 ? -1 : 1) * (margin + 3 * rng.uniform());
  return mat(impl, rows, cols, v);
}

/** Class labels in [0, classes). */
export function labels(rng: Rng, n: number, classes: number): Int32Array {
  const t = new Int32Array(n);
  for (let i = 0; i < n; i++) t[i] = rng.randint(classes);
  return t;
}

/** Σ a ⊙ b over every entry: the scalar loss L = Σ dout ⊙ f(x) whose gradient backward returns. */
export function dotAll(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** (f(x + h·e_i) − f(x − h·e_i))/2h for every entry i of x, restoring each entry afterwards (§4.3.1). */
function centralDifference(f: () => number, x: Mat, h: number): Float64Array {
  const grad = new Float64Array(x.data.length);
  for (let i = 0; i < grad.length; i++) {
    const tmp = x.data[i];
    x.data[i] = tmp + h;
    const fxh1 = f();
    x.data[i] = tmp - h;
    const fxh2 = f();
    x.data[i] = tmp;
    grad[i] = (fxh1 - fxh2) / (2 * h);
  }
  return grad;
}

/** The book's h for central differences. */
export const H = 1e-4;

export interface NumericalGradient {
  /** Richardson-extrapolated central difference (4·g(h/2) − g(h))/3: error O(h⁴) on smooth coordinates. */
  grad: Float64Array;
  /** 1 where g(h) and g(h/2) disagree: the loss is not smooth there (a ReLU kink lies within ±h). */
  kink: Uint8Array;
  kinks: number;
}

/**
 * Numerical gradient of `f` with respect to the entries of x (changed in place and restored),
 * by central differences at h (default the book's 1e-4) and h/2, written out here: the oracle of
 * the gradient checks is no piece of the implementation under test (nor of the reference).
 *
 * On a smooth coordinate the two estimates differ by (3/4)·h²·|f'''|/6 ≈ 1.3e-9·|f'''|; where
 * x ± h crosses a ReLU kink they differ by a fraction of the slope jump (typically ≥ 1e-3).
 * Coordinates with |g(h) − g(h/2)| > 1e-5 + 1e-3·|g(h/2)| are flagged as kinks and left out of
 * comparisons; the caller caps how many may be left out. A kink within a tiny δ of x makes both
 * estimates wrong by about half the slope jump while they disagree only by jump·δ/2h, so no
 * threshold catches every kink: network checks (where pre-activations are not controlled) use
 * h = 1e-6 so that crossings are 100× rarer than at 1e-4.
 */
export function numericalGradient(f: () => number, x: Mat, h = H): NumericalGradient {
  const g1 = centralDifference(f, x, h),
    g2 = centralDifference(f, x, h / 2);
  const grad = new Float64Array(g1.length);
  const kink = new Uint8Array(g1.length);
  let kinks = 0;
  for (let i = 0; i < g1.length; i++) {
    grad[i] = (4 * g2[i] - g1[i]) / 3;
    if (!(Math.abs(g1[i] - g2[i]) <= 1e-5 + 1e-3 * Math.abs(g2[i]))) {
      kink[i] = 1;
      kinks++;
    }
  }
  return { grad, kink, kinks };
}

/**
 * A gradient check may leave out kink coordinates, but not many: if more than a quarter (and more
 * than one) of the coordinates are not smooth, the loss is not a deterministic smooth function of
 * the parameters and the check cannot judge the backward pass.
 */
export function capKinks(where: string, kinks: number, total: number): void {
  if (kinks > 1 && kinks > total / 4)
    violation(
      `${where}: central differences with h and h/2 disagree on ${kinks} of ${total} coordinates, so the loss is not ` +
        `a smooth deterministic function of them (a forward pass that redraws its dropout mask although freeze = true, ` +
        `or that depends on state it updates, e.g. running statistics used in training)`,
    );
}

export const OPTIMIZERS = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"] as const;
export type OptName = (typeof OPTIMIZERS)[number];
type Opt =
  | InstanceType<Impl["SGD"]>
  | InstanceType<Impl["Momentum"]>
  | InstanceType<Impl["Nesterov"]>
  | InstanceType<Impl["AdaGrad"]>
  | InstanceType<Impl["RMSprop"]>
  | InstanceType<Impl["Adam"]>;

/** The implementation's optimizer class by name (its classes, not createOptimizer, so a patched class is used). */
export function makeOptimizer(impl: Impl, name: OptName, opts: { lr?: number; momentum?: number } = {}): Opt {
  switch (name) {
    case "sgd":
      return new impl.SGD({ lr: opts.lr });
    case "momentum":
      return new impl.Momentum({ lr: opts.lr, momentum: opts.momentum });
    case "nesterov":
      return new impl.Nesterov({ lr: opts.lr, momentum: opts.momentum });
    case "adagrad":
      return new impl.AdaGrad({ lr: opts.lr });
    case "rmsprop":
      return new impl.RMSprop({ lr: opts.lr });
    case "adam":
      return new impl.Adam({ lr: opts.lr });
  }
}

/** Sample mean and (population) variance of a column of an N×D matrix. */
export function columnStats(x: Mat, j: number): { mean: number; variance: number } {
  const N = x.rows,
    D = x.cols;
  let s = 0;
  for (let i = 0; i < N; i++) s += x.data[i * D + j];
  const mean = s / N;
  let v = 0;
  for (let i = 0; i < N; i++) v += (x.data[i * D + j] - mean) ** 2;
  return { mean, variance: v / N };
}
