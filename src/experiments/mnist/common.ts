/**
 * What the chapter's MNIST experiments share: run control (progress callback, cooperative stop),
 * the data they train on, mini-batch picking, seeded sub-generators and one training step.
 * Experiments return plain JSON-able data; nothing here draws. Helpers two experiments use live
 * here (logspace, trainerMaxIter, runCurveJob), so that no experiment imports another.
 */
import { loadMnist, type MnistData } from "../../data/mnist.js";
import { labelIndices } from "../../functions.js";
import type { WeightInit } from "../../init.js";
import { Matrix } from "../../base/matrix.js";
import type { MultiLayerNet, Network } from "../../multi-layer-net.js";
import { FastMultiLayerNet } from "../../fast/multi-layer-net.js";
import type { Optimizer } from "../../optimizer.js";
import { powInt } from "../../base/pow.js";
import { Rng } from "../../base/rng.js";
import { checkInteger, checkNumber, describe, fail } from "../../base/validate.js";
import { smoothCurve } from "../../util.js";

export interface Progress {
  /** Units finished so far, over all jobs of the experiment. */
  done: number;
  total: number;
  unit: "iterations";
  /** The job that just advanced, e.g. "Momentum" or "round 1 trial 12/100". */
  label: string;
}

export interface RunControl {
  /** Called after every iteration with the experiment's overall progress. */
  onProgress?: (p: Progress) => void;
  /** Checked before every iteration; returning true stops the run, which then returns what was finished. */
  shouldStop?: () => boolean;
}

/** Training data only: what an experiment that must never see test data receives. */
export interface TrainData {
  xTrain: Matrix;
  tTrain: Int32Array;
}

export interface TrainTestData extends TrainData {
  xTest: Matrix;
  tTest: Int32Array;
  /** How the data was made (printed with every result). */
  source: string;
}

/** Every experiment's result carries these. */
export interface ExperimentResultBase {
  experiment: string;
  /** The book's figure number(s). */
  figure: string;
  /** The data used (see docs/book.md, “Data”). */
  data: string;
  /** False when the run was stopped early: the arrays hold what was finished. */
  complete: boolean;
}

/** Class indices from index labels or a one-hot matrix. */
function indices(where: string, t: Int32Array | Matrix, rows: number): Int32Array {
  return t instanceof Int32Array ? t : labelIndices(where, t, rows, 10);
}

/**
 * The split every experiment starts from: 8,000 training and 2,000 test digits, shuffled by `seed`
 * (`shared`: on SharedArrayBuffers, for worker threads to read without a copy; same values).
 */
export function defaultMnist(seed: number | string, opts: { shared?: boolean } = {}): MnistData {
  return loadMnist({ seed, testSize: 2000, shared: opts.shared });
}

/** A split as plain arrays, to send to worker threads: a Matrix does not cross threads, its SharedArrayBuffer does, uncopied. */
export interface SharedSplit {
  xTrain: Float64Array;
  tTrain: Int32Array;
  xTest: Float64Array;
  tTest: Int32Array;
  source: string;
}

/** defaultMnist(seed, { shared: true }) (labels as indices) → the arrays a worker task carries. */
export function toSharedSplit(d: MnistData): SharedSplit {
  if (!(d.tTrain instanceof Int32Array) || !(d.tTest instanceof Int32Array))
    fail("toSharedSplit", "d", "a split with labels as class indices (Int32Array)", "one-hot labels");
  return { xTrain: d.xTrain.data, tTrain: d.tTrain, xTest: d.xTest.data, tTest: d.tTest, source: d.source };
}

/** The split back from a worker task's arrays. */
export function fromSharedSplit(s: SharedSplit): MnistData {
  const cols = s.tTrain.length > 0 ? s.xTrain.length / s.tTrain.length : 0;
  return {
    xTrain: new Matrix(s.tTrain.length, cols, s.xTrain),
    tTrain: s.tTrain,
    xTest: new Matrix(s.tTest.length, cols, s.xTest),
    tTest: s.tTest,
    source: s.source,
  };
}

/**
 * The experiment's data: `data` when given (tests pass a loaded set to share it), else
 * defaultMnist(seed). trainSize and testSize keep the first n rows of each part, as the
 * book's x_train[:n], so a smaller run sees a prefix of a bigger run's data.
 */
export function experimentData(
  where: string,
  opts: { data?: MnistData; seed: number | string; trainSize?: number; testSize?: number },
): TrainTestData {
  const d = opts.data ?? defaultMnist(opts.seed);
  let xTrain = d.xTrain,
    xTest = d.xTest;
  let tTrain = indices(where, d.tTrain, xTrain.rows),
    tTest = indices(where, d.tTest, xTest.rows);
  let source = d.source;
  if (opts.trainSize !== undefined) {
    ({ xTrain, tTrain } = firstRows(where, "trainSize", { xTrain, tTrain }, opts.trainSize));
    source += `; first ${opts.trainSize} training samples used`;
  }
  if (opts.testSize !== undefined) {
    const t = firstRows(where, "testSize", { xTrain: xTest, tTrain: tTest }, opts.testSize);
    xTest = t.xTrain;
    tTest = t.tTrain;
    source += `; first ${opts.testSize} test samples used`;
  }
  return { xTrain, tTrain, xTest, tTest, source };
}

/** The first n rows and labels (the book's x_train[:n]); `arg` names the size in errors. */
export function firstRows(where: string, arg: string, d: TrainData, n: number): TrainData {
  checkInteger(where, arg, n, 1);
  if (n > d.xTrain.rows) fail(where, arg, `at most ${d.xTrain.rows} (the rows available)`, String(n));
  return { xTrain: d.xTrain.sliceRows(0, n), tTrain: d.tTrain.slice(0, n) };
}

/**
 * The book's iter_per_epoch = max(train_size / batch_size, 1). Its loops record an epoch when
 * i % iter_per_epoch == 0, which for a fractional ratio (e.g. 1000/300) almost never recurs: such
 * sizes are rejected rather than left to loop for ever.
 */
export function iterPerEpochOf(where: string, trainSize: number, batchSize: number): number {
  const p = Math.max(trainSize / batchSize, 1);
  if (!Number.isInteger(p))
    fail(
      where,
      "batchSize",
      `a divisor of the training size ${trainSize} (the book's loop records an epoch when i % (trainSize/batchSize) == 0)`,
      String(batchSize),
    );
  return p;
}

/**
 * Iterations of the book's loop `for i …: update; if i % iter_per_epoch == 0: record; stop after
 * `epochs` records` (accuracy is first recorded after one update): (epochs − 1)·p + 1 for integer p.
 */
export function bookLoopIterations(epochs: number, iterPerEpoch: number): number {
  let n = 0,
    cnt = 0;
  for (let i = 0; cnt < epochs; i++) {
    n += 1;
    if (i % iterPerEpoch === 0) cnt += 1;
  }
  return n;
}

/** The rows `idx` of x and their labels: one mini-batch. */
export function pickBatch(
  x: Matrix,
  t: Int32Array,
  idx: ArrayLike<number>,
  into?: { x: Matrix; t: Int32Array },
): { x: Matrix; t: Int32Array } {
  if (!into) return { x: x.pickRows(idx), t: Int32Array.from(idx as ArrayLike<number>, (i) => t[i]) };
  x.pickRows(idx, into.x); // refilled in place: a training loop allocates no batch
  for (let k = 0; k < idx.length; k++) into.t[k] = t[idx[k]];
  return into;
}

/** A generator for one named purpose of one experiment run: Rng("seed:part"). */
export function subRng(seed: number | string, part: string): Rng {
  return new Rng(`${seed}:${part}`);
}

/**
 * One update as the book's experiment scripts do it: grads = network.gradient(x, t);
 * optimizer.update(params, grads); loss = network.loss(x, t) (after the update).
 */
export function trainStep(network: Network, optimizer: Optimizer, x: Matrix, t: Int32Array): number {
  const grads = network.gradient(x, t);
  optimizer.update(network.params, grads);
  return network.loss(x, t);
}

/** Counts finished units over all jobs and reports them; asks whether to stop. */
export class ProgressCounter {
  done = 0;
  constructor(
    readonly total: number,
    readonly unit: "iterations",
    readonly control: RunControl = {},
  ) {}
  stopRequested(): boolean {
    return this.control.shouldStop?.() === true;
  }
  tick(label: string, n = 1): void {
    this.done += n;
    this.control.onProgress?.({ done: this.done, total: this.total, unit: this.unit, label });
  }
}

/**
 * True for the error a layer or optimizer throws when values stop being finite: the weights
 * overflowed (NumPy would carry on with NaN). Experiments record such a run as diverged.
 */
export function isOverflowError(e: unknown): boolean {
  return e instanceof Error && /finite numbers only/.test(e.message);
}

/** Checks a hidden-size list option. */
export function checkHidden(where: string, h: unknown): number[] {
  if (!Array.isArray(h) || h.length === 0)
    fail(where, "hiddenSizeList", "a non-empty array of layer sizes", describe(h));
  h.forEach((n, i) => checkInteger(where, `hiddenSizeList[${i}]`, n, 1));
  return [...h];
}

/**
 * 10^y: exact powers for integer y (V8's 10 ** −4 is 0.00009999999999999999, glibc's 0.0001);
 * otherwise V8's **, which can differ from glibc's pow by one ulp (10^−0.8 is
 * 0.15848931924611132 here, 0.15848931924611134 in NumPy).
 */
function pow10(y: number): number {
  if (Number.isInteger(y) && Math.abs(y) <= 22) return y >= 0 ? powInt(10, y) : 1 / powInt(10, -y);
  return 10 ** y;
}

/**
 * np.logspace(start, stop, num): 10^y for NumPy's linspace y (k·step + start, the last one exactly
 * stop); equal to NumPy's values or one ulp away (spec/unit/logspace.spec.ts).
 */
export function logspace(start: number, stop: number, num: number): number[] {
  checkNumber("logspace", "start", start);
  checkNumber("logspace", "stop", stop);
  checkInteger("logspace", "num", num, 1);
  if (num === 1) return [pow10(start)];
  const step = (stop - start) / (num - 1);
  return Array.from({ length: num }, (_, k) => pow10(k === num - 1 ? stop : k * step + start));
}

/** The Trainer's iteration count: floor(epochs · max(trainSize / batchSize, 1)). */
export function trainerMaxIter(epochs: number, trainSize: number, batchSize: number): number {
  return Math.floor(epochs * Math.max(trainSize / batchSize, 1));
}

export interface TrainTestCurve {
  /** Accuracy per epoch; null for the epochs after the net diverged. */
  trainAcc: (number | null)[];
  testAcc: (number | null)[];
  /** The iteration at which the weights overflowed (non-finite values), or null. */
  divergedAt: number | null;
}

export interface LossCurve {
  /** The book's label: SGD, Momentum, AdaGrad, Adam, Nesterov, RMSprop. */
  name: string;
  lr: number;
  /** Training loss after the update of each iteration. */
  loss: number[];
  /** smoothCurve(loss), as plotted. */
  smoothed: number[];
}

/** Same seed, same batch sequence: every job draws its batches from this generator. */
export function batchSequence(seed: number | string) {
  return subRng(seed, "batches");
}

export interface CurveJob {
  name: string;
  makeOptimizer: () => Optimizer;
  /** Initial weights: he, xavier or a std. */
  weightInit: WeightInit;
  /** The network class (default FastMultiLayerNet; tests pass deliberately broken subclasses). */
  Net?: typeof MultiLayerNet;
}

/** One network trained on the shared batch sequence: an independent job. */
export function runCurveJob(
  job: CurveJob,
  d: TrainData,
  s: { iterations: number; batchSize: number; hiddenSizeList: number[]; seed: number | string },
  counter: ProgressCounter,
): LossCurve {
  const Net = job.Net ?? FastMultiLayerNet;
  const net = new Net({
    inputSize: 784,
    hiddenSizeList: s.hiddenSizeList,
    outputSize: 10,
    weightInitStd: job.weightInit,
    rng: subRng(s.seed, "init"),
  });
  const optimizer = job.makeOptimizer();
  const batches = batchSequence(s.seed);
  const loss: number[] = [];
  const batch = { x: new Matrix(s.batchSize, d.xTrain.cols), t: new Int32Array(s.batchSize) };
  for (let i = 0; i < s.iterations; i++) {
    if (counter.stopRequested()) break;
    const { x, t } = pickBatch(d.xTrain, d.tTrain, batches.choice(d.xTrain.rows, s.batchSize), batch);
    loss.push(trainStep(net, optimizer, x, t));
    counter.tick(job.name);
  }
  return { name: job.name, lr: optimizer.lr, loss, smoothed: loss.length > 0 ? smoothCurve(loss) : [] };
}
