/**
 * Figure 6-9 (`optimizer_compare_mnist`): SGD, Momentum, AdaGrad and Adam, each with its book
 * default lr, training the same 5-layer ReLU net (784 → 100×4 → 10, He init) on the same
 * mini-batches of 128 for 2,000 iterations. Every network starts from the same initial weights
 * (the book draws a fresh set per optimizer; sharing them leaves the optimizer as the only
 * difference). Returns each optimizer's loss per iteration and the book's smoothed curve.
 * Each optimizer is an independent job (it regenerates the shared batch sequence from the seed).
 */
import type { MnistData } from "../../data/mnist.js";
import type { WeightInit } from "../../init.js";
import { Matrix } from "../../base/matrix.js";
import { MultiLayerNet } from "../../multi-layer-net.js";
import { createOptimizer, OPTIMIZER_NAMES, type Optimizer, type OptimizerName, type OptimizerOptions } from "../../optimizer.js";
import { checkChoice, checkInteger, checkOptions, checkPositive, describe, fail } from "../../base/validate.js";
import {
  checkHidden, experimentData, pickBatch, ProgressCounter, subRng, trainStep,
  type ExperimentResultBase, type RunControl, type TrainData,
} from "./common.js";
import { smoothCurve } from "./smooth-curve.js";

export const FIGURE_6_9_OPTIMIZERS = ["sgd", "momentum", "adagrad", "adam"] as const;

export interface OptimizerCompareOptions extends RunControl {
  /** Optimizer names (default the book's four); 'nesterov' and 'rmsprop' may be added. */
  optimizers?: string[];
  /** Learning rates by optimizer name; absent ones use the book defaults (Adam 0.001, others 0.01). */
  lr?: Record<string, number>;
  iterations?: number;
  batchSize?: number;
  hiddenSizeList?: number[];
  /** Use only the first n training rows (default: all). */
  trainSize?: number;
  seed?: number | string;
  data?: MnistData;
  /** Makes each optimizer (default createOptimizer; tests pass deliberately broken ones). */
  optimizerFactory?: (name: OptimizerName, options: OptimizerOptions) => Optimizer;
}

/** Every key of OptimizerCompareOptions, checked against the interface by the type: a typo'd option is an error, not ignored. */
const OPTION_KEYS = Object.keys({ onProgress: true, shouldStop: true, optimizers: true, lr: true, iterations: true, batchSize: true, hiddenSizeList: true, trainSize: true, seed: true, data: true, optimizerFactory: true } satisfies Record<keyof OptimizerCompareOptions, true>);

export interface LossCurve {
  /** The book's label: SGD, Momentum, AdaGrad, Adam, Nesterov, RMSprop. */
  name: string;
  lr: number;
  /** Training loss after the update of each iteration. */
  loss: number[];
  /** smoothCurve(loss), as plotted. */
  smoothed: number[];
}

export interface OptimizerCompareResult extends ExperimentResultBase {
  experiment: "optimizer-compare";
  settings: { iterations: number; batchSize: number; hiddenSizeList: number[]; trainSize: number; weightInit: "he"; seed: string };
  curves: LossCurve[];
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
  /** The network class (default MultiLayerNet; tests pass deliberately broken subclasses). */
  Net?: typeof MultiLayerNet;
}

/** One network trained on the shared batch sequence: an independent job. */
export function runCurveJob(
  job: CurveJob, d: TrainData,
  s: { iterations: number; batchSize: number; hiddenSizeList: number[]; seed: number | string },
  counter: ProgressCounter,
): LossCurve {
  const Net = job.Net ?? MultiLayerNet;
  const net = new Net({
    inputSize: 784, hiddenSizeList: s.hiddenSizeList, outputSize: 10,
    weightInitStd: job.weightInit, rng: subRng(s.seed, "init"), reuseBuffers: true,
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

export function optimizerCompare(opts: OptimizerCompareOptions = {}): OptimizerCompareResult {
  const where = "optimizerCompare";
  checkOptions(where, "options", opts, OPTION_KEYS);
  const names = (opts.optimizers ?? [...FIGURE_6_9_OPTIMIZERS]).map((n) => checkChoice(where, "optimizers", n, OPTIMIZER_NAMES));
  if (names.length === 0) fail(where, "optimizers", "at least one optimizer name", "an empty list");
  if (opts.lr !== undefined && (opts.lr === null || typeof opts.lr !== "object")) fail(where, "lr", "an object of learning rates by optimizer name", describe(opts.lr));
  const lrs = opts.lr ?? {};
  for (const [k, v] of Object.entries(lrs)) {
    checkChoice(where, `lr.${k}`, k, OPTIMIZER_NAMES);
    checkPositive(where, `lr.${k}`, v);
  }
  const iterations = checkInteger(where, "iterations", opts.iterations ?? 2000, 1);
  const batchSize = checkInteger(where, "batchSize", opts.batchSize ?? 128, 1);
  const hiddenSizeList = checkHidden(where, opts.hiddenSizeList ?? [100, 100, 100, 100]);
  const seed = opts.seed ?? 0;
  const d = experimentData(where, { data: opts.data, seed, trainSize: opts.trainSize });
  const factory = opts.optimizerFactory ?? createOptimizer;
  const counter = new ProgressCounter(iterations * names.length, "iterations", opts);
  const curves: LossCurve[] = [];
  for (const name of names) {
    const lr = lrs[name];
    const makeOptimizer = () => factory(name, lr === undefined ? {} : { lr });
    const job: CurveJob = { name: makeOptimizer().name, makeOptimizer, weightInit: "he" };
    if (counter.stopRequested()) break;
    curves.push(runCurveJob(job, d, { iterations, batchSize, hiddenSizeList, seed }, counter));
  }
  return {
    experiment: "optimizer-compare", figure: "6-9", data: d.source,
    complete: curves.length === names.length && curves.every((c) => c.loss.length === iterations),
    settings: { iterations, batchSize, hiddenSizeList, trainSize: d.xTrain.rows, weightInit: "he", seed: String(seed) },
    curves,
  };
}
