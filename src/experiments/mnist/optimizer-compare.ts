/**
 * Figure 6-9 (`optimizer_compare_mnist`): SGD, Momentum, AdaGrad and Adam, each with its book
 * default lr, training the same 5-layer ReLU net (784 → 100×4 → 10, He init) on the same
 * mini-batches of 128 for 2,000 iterations. Every network starts from the same initial weights
 * (the book draws a fresh set per optimizer; sharing them leaves the optimizer as the only
 * difference). Returns each optimizer's loss per iteration and the book's smoothed curve.
 * Each optimizer is an independent job (it regenerates the shared batch sequence from the seed).
 */
import type { MnistData } from "../../data/mnist.js";
import { createFastOptimizer } from "../../fast/optimizer.js";
import { OPTIMIZER_NAMES, type Optimizer, type OptimizerName, type OptimizerOptions } from "../../optimizer.js";
import { checkChoice, checkInteger, checkOptions, checkPositive, describe, fail } from "../../base/validate.js";
import {
  checkHidden,
  experimentData,
  ProgressCounter,
  runCurveJob,
  type CurveJob,
  type ExperimentResultBase,
  type LossCurve,
  type RunControl,
} from "./common.js";

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
  /** Makes each optimizer (default createFastOptimizer: the book's updates, same bits; tests pass deliberately broken ones). */
  optimizerFactory?: (name: OptimizerName, options: OptimizerOptions) => Optimizer;
}

/** Every key of OptimizerCompareOptions, checked against the interface by the type: a typo'd option is an error, not ignored. */
const OPTION_KEYS = Object.keys({
  onProgress: true,
  shouldStop: true,
  optimizers: true,
  lr: true,
  iterations: true,
  batchSize: true,
  hiddenSizeList: true,
  trainSize: true,
  seed: true,
  data: true,
  optimizerFactory: true,
} satisfies Record<keyof OptimizerCompareOptions, true>);

export interface OptimizerCompareResult extends ExperimentResultBase {
  experiment: "optimizer-compare";
  settings: {
    iterations: number;
    batchSize: number;
    hiddenSizeList: number[];
    trainSize: number;
    weightInit: "he";
    seed: string;
  };
  curves: LossCurve[];
}

/** The options checked and completed with the book's values, before any data is loaded. */
export function optimizerCompareSettings(opts: OptimizerCompareOptions = {}) {
  const where = "optimizerCompare";
  checkOptions(where, "options", opts, OPTION_KEYS);
  const names = (opts.optimizers ?? [...FIGURE_6_9_OPTIMIZERS]).map((n) =>
    checkChoice(where, "optimizers", n, OPTIMIZER_NAMES),
  );
  if (names.length === 0) fail(where, "optimizers", "at least one optimizer name", "an empty list");
  if (opts.lr !== undefined && (opts.lr === null || typeof opts.lr !== "object"))
    fail(where, "lr", "an object of learning rates by optimizer name", describe(opts.lr));
  const lrs = opts.lr ?? {};
  for (const [k, v] of Object.entries(lrs)) {
    checkChoice(where, `lr.${k}`, k, OPTIMIZER_NAMES);
    checkPositive(where, `lr.${k}`, v);
  }
  const iterations = checkInteger(where, "iterations", opts.iterations ?? 2000, 1);
  const batchSize = checkInteger(where, "batchSize", opts.batchSize ?? 128, 1);
  const hiddenSizeList = checkHidden(where, opts.hiddenSizeList ?? [100, 100, 100, 100]);
  if (opts.trainSize !== undefined) checkInteger(where, "trainSize", opts.trainSize, 1);
  return { where, names, lrs, iterations, batchSize, hiddenSizeList, trainSize: opts.trainSize, seed: opts.seed ?? 0 };
}

export function optimizerCompare(opts: OptimizerCompareOptions = {}): OptimizerCompareResult {
  const { where, names, lrs, iterations, batchSize, hiddenSizeList, trainSize, seed } = optimizerCompareSettings(opts);
  const d = experimentData(where, { data: opts.data, seed, trainSize });
  const factory = opts.optimizerFactory ?? createFastOptimizer;
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
    experiment: "optimizer-compare",
    figure: "6-9",
    data: d.source,
    complete: curves.length === names.length && curves.every((c) => c.loss.length === iterations),
    settings: { iterations, batchSize, hiddenSizeList, trainSize: d.xTrain.rows, weightInit: "he", seed: String(seed) },
    curves,
  };
}
