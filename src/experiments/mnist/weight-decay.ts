/**
 * Figures 6-20/6-21 (`overfit_weight_decay`): the overfitting setup, 300 training samples and a
 * 6×100 ReLU net (He init) trained by SGD (lr 0.01, batch 100) for 201 epochs, once without
 * weight decay (λ = 0, Figure 6-20) and once with λ = 0.1 (Figure 6-21). Train and test accuracy
 * are recorded as the book's loop does: after the update of iteration i whenever
 * i % iter_per_epoch == 0. Both runs start from the same weights and see the same batches; each
 * λ is an independent job.
 */
import type { MnistData } from "../../data/mnist.js";
import { Matrix } from "../../base/matrix.js";
import type { MultiLayerNet } from "../../multi-layer-net.js";
import { FastMultiLayerNet } from "../../fast/multi-layer-net.js";
import { SGD } from "../../optimizer.js";
import { checkInteger, checkNonNegative, checkOptions, describe, fail } from "../../base/validate.js";
import {
  bookLoopIterations,
  checkHidden,
  iterPerEpochOf,
  experimentData,
  isOverflowError,
  pickBatch,
  ProgressCounter,
  subRng,
  type ExperimentResultBase,
  type RunControl,
  type TrainTestCurve,
  type TrainTestData,
} from "./common.js";

export interface OverfitOptions extends RunControl {
  /** Weight-decay λ of each run (default [0, 0.1]: Figures 6-20 and 6-21). */
  lambdas?: number[];
  epochs?: number;
  batchSize?: number;
  lr?: number;
  hiddenSizeList?: number[];
  /** Training samples (the book's x_train[:300]). */
  trainSize?: number;
  /** Test samples (default all 2,000 of the split; the book uses its 10,000). */
  testSize?: number;
  seed?: number | string;
  data?: MnistData;
  /** The network class (tests pass a deliberately broken subclass). */
  Net?: typeof MultiLayerNet;
}

/** Every key of OverfitOptions, checked against the interface by the type: a typo'd option is an error, not ignored. */
const OPTION_KEYS = Object.keys({
  onProgress: true,
  shouldStop: true,
  lambdas: true,
  epochs: true,
  batchSize: true,
  lr: true,
  hiddenSizeList: true,
  trainSize: true,
  testSize: true,
  seed: true,
  data: true,
  Net: true,
} satisfies Record<keyof OverfitOptions, true>);

export interface OverfitRun extends TrainTestCurve {
  weightDecayLambda: number;
}

export interface OverfitResult extends ExperimentResultBase {
  experiment: "weight-decay";
  settings: {
    epochs: number;
    batchSize: number;
    lr: number;
    hiddenSizeList: number[];
    trainSize: number;
    testSize: number;
    iterPerEpoch: number;
    seed: string;
  };
  runs: OverfitRun[];
}

export interface OverfitJobSettings {
  epochs: number;
  batchSize: number;
  lr: number;
  hiddenSizeList: number[];
  seed: number | string;
  Net: typeof MultiLayerNet;
}

const WHERE_JOB = "runOverfit";

/** One λ: the book's training loop with train/test accuracy per epoch. */
export function runOverfit(
  lambda: number,
  d: TrainTestData,
  s: OverfitJobSettings,
  counter: ProgressCounter,
): OverfitRun {
  const net = new s.Net({
    inputSize: 784,
    hiddenSizeList: s.hiddenSizeList,
    outputSize: 10,
    weightDecayLambda: lambda,
    rng: subRng(s.seed, "init"),
  });
  const optimizer = new SGD({ lr: s.lr });
  const trainSize = d.xTrain.rows;
  const iterPerEpoch = iterPerEpochOf(WHERE_JOB, trainSize, s.batchSize);
  const batches = subRng(s.seed, "batches");
  const run: OverfitRun = { weightDecayLambda: lambda, trainAcc: [], testAcc: [], divergedAt: null };
  const label = `λ=${lambda}`;
  let epochCnt = 0;
  const batch = { x: new Matrix(s.batchSize, d.xTrain.cols), t: new Int32Array(s.batchSize) };
  for (let i = 0; epochCnt < s.epochs; i++) {
    if (counter.stopRequested()) break;
    const { x, t } = pickBatch(d.xTrain, d.tTrain, batches.choice(trainSize, s.batchSize), batch);
    try {
      optimizer.update(net.params, net.gradient(x, t));
    } catch (e) {
      if (!isOverflowError(e)) throw e;
      run.divergedAt = i;
      const missing = s.epochs - epochCnt;
      run.trainAcc.push(...new Array<null>(missing).fill(null));
      run.testAcc.push(...new Array<null>(missing).fill(null));
      counter.tick(label, bookLoopIterations(s.epochs, iterPerEpoch) - i);
      break;
    }
    if (i % iterPerEpoch === 0) {
      run.trainAcc.push(net.accuracy(d.xTrain, d.tTrain));
      run.testAcc.push(net.accuracy(d.xTest, d.tTest));
      epochCnt += 1;
    }
    counter.tick(label);
  }
  return run;
}

/** The options checked and completed with the book's values, before any data is loaded. */
export function overfitSettings(opts: OverfitOptions = {}) {
  const where = "overfitExperiment";
  checkOptions(where, "options", opts, OPTION_KEYS);
  const lambdas = opts.lambdas ?? [0, 0.1];
  if (!Array.isArray(lambdas) || lambdas.length === 0)
    fail(where, "lambdas", "a non-empty array of weight-decay λ", describe(lambdas));
  lambdas.forEach((l, i) => checkNonNegative(where, `lambdas[${i}]`, l));
  const epochs = checkInteger(where, "epochs", opts.epochs ?? 201, 1);
  const batchSize = checkInteger(where, "batchSize", opts.batchSize ?? 100, 1);
  const lr = new SGD({ lr: opts.lr }).lr; // SGD checks its lr (default 0.01): the one check between the option and the update
  const hiddenSizeList = checkHidden(where, opts.hiddenSizeList ?? [100, 100, 100, 100, 100, 100]);
  const trainSize = checkInteger(where, "trainSize", opts.trainSize ?? 300, 1);
  if (opts.testSize !== undefined) checkInteger(where, "testSize", opts.testSize, 1);
  iterPerEpochOf(where, trainSize, batchSize);
  return {
    where,
    lambdas,
    epochs,
    batchSize,
    lr,
    hiddenSizeList,
    trainSize,
    testSize: opts.testSize,
    seed: opts.seed ?? 0,
  };
}

export function overfitExperiment(opts: OverfitOptions = {}): OverfitResult {
  const { where, lambdas, epochs, batchSize, lr, hiddenSizeList, trainSize, testSize, seed } = overfitSettings(opts);
  const d = experimentData(where, { data: opts.data, seed, trainSize, testSize });
  const iterPerEpoch = iterPerEpochOf(where, d.xTrain.rows, batchSize);
  const counter = new ProgressCounter(bookLoopIterations(epochs, iterPerEpoch) * lambdas.length, "iterations", opts);
  const settings = { epochs, batchSize, lr, hiddenSizeList, seed, Net: opts.Net ?? FastMultiLayerNet };
  const runs: OverfitRun[] = [];
  for (const lambda of lambdas) {
    if (counter.stopRequested()) break;
    runs.push(runOverfit(lambda, d, settings, counter));
  }
  return {
    experiment: "weight-decay",
    figure: "6-20/6-21",
    data: d.source,
    complete: runs.length === lambdas.length && runs.every((r) => r.trainAcc.length === epochs),
    settings: {
      epochs,
      batchSize,
      lr,
      hiddenSizeList,
      trainSize: d.xTrain.rows,
      testSize: d.xTest.rows,
      iterPerEpoch,
      seed: String(seed),
    },
    runs,
  };
}
