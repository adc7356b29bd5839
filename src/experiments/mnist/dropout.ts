/**
 * Figure 6-23 (`overfit_dropout`): the overfitting setup (300 training samples, 6×100 ReLU net,
 * He init, SGD lr 0.01, batch 100) trained through the Trainer for 301 epochs, without dropout and
 * with the book's dropout at ratio 0.2. Train and test accuracy per epoch are the Trainer's lists.
 * Both runs start from the same weights and get the same batches (the Trainer draws them from its
 * own generator; dropout masks come from the network's). Each run is an independent job.
 */
import type { MnistData } from "../../data/mnist.js";
import type { MultiLayerNetExtend } from "../../multi-layer-net-extend.js";
import { FastMultiLayerNetExtend } from "../../fast/multi-layer-net.js";
import { SGD } from "../../optimizer.js";
import { Trainer } from "../../trainer.js";
import { checkInteger, checkOptions, checkRange } from "../../base/validate.js";
import {
  checkHidden,
  experimentData,
  isOverflowError,
  ProgressCounter,
  subRng,
  trainerMaxIter,
  type ExperimentResultBase,
  type RunControl,
  type TrainTestCurve,
  type TrainTestData,
} from "./common.js";

export interface DropoutOptions extends RunControl {
  dropoutRatio?: number;
  epochs?: number;
  batchSize?: number;
  lr?: number;
  hiddenSizeList?: number[];
  trainSize?: number;
  testSize?: number;
  /** Also train the same net without dropout, for comparison (default true). */
  baseline?: boolean;
  seed?: number | string;
  data?: MnistData;
  /** The network class (tests pass a deliberately broken subclass). */
  Net?: typeof MultiLayerNetExtend;
}

/** Every key of DropoutOptions, checked against the interface by the type: a typo'd option is an error, not ignored. */
const OPTION_KEYS = Object.keys({
  onProgress: true,
  shouldStop: true,
  dropoutRatio: true,
  epochs: true,
  batchSize: true,
  lr: true,
  hiddenSizeList: true,
  trainSize: true,
  testSize: true,
  baseline: true,
  seed: true,
  data: true,
  Net: true,
} satisfies Record<keyof DropoutOptions, true>);

export interface DropoutRun extends TrainTestCurve {
  useDropout: boolean;
  dropoutRatio: number;
  /** The Trainer's final test accuracy (on the whole test set), null if stopped early. */
  finalTestAcc: number | null;
}

export interface DropoutResult extends ExperimentResultBase {
  experiment: "dropout";
  settings: {
    dropoutRatio: number;
    epochs: number;
    batchSize: number;
    lr: number;
    hiddenSizeList: number[];
    trainSize: number;
    testSize: number;
    maxIter: number;
    seed: string;
  };
  runs: DropoutRun[];
}

export interface DropoutJobSettings {
  dropoutRatio: number;
  epochs: number;
  batchSize: number;
  lr: number;
  hiddenSizeList: number[];
  seed: number | string;
  Net: typeof MultiLayerNetExtend;
}

/** One run through the Trainer, stoppable between iterations. */
export function runDropout(
  useDropout: boolean,
  d: TrainTestData,
  s: DropoutJobSettings,
  counter: ProgressCounter,
): DropoutRun {
  const net = new s.Net({
    inputSize: 784,
    hiddenSizeList: s.hiddenSizeList,
    outputSize: 10,
    useDropout,
    dropoutRatio: s.dropoutRatio,
    rng: subRng(s.seed, "init"),
  });
  const label = useDropout ? `dropout ${s.dropoutRatio}` : "no dropout";
  const trainer = new Trainer(net, d.xTrain, d.tTrain, d.xTest, d.tTest, {
    epochs: s.epochs,
    miniBatchSize: s.batchSize,
    optimizer: "sgd",
    optimizerParam: { lr: s.lr },
    rng: subRng(s.seed, "batches"),
    onProgress: () => counter.tick(label),
  });
  const run: DropoutRun = {
    useDropout,
    dropoutRatio: useDropout ? s.dropoutRatio : 0,
    trainAcc: trainer.trainAccList,
    testAcc: trainer.testAccList,
    divergedAt: null,
    finalTestAcc: null,
  };
  while (trainer.currentIter < trainer.maxIter && !counter.stopRequested()) {
    try {
      trainer.trainStep();
    } catch (e) {
      if (!isOverflowError(e)) throw e;
      run.divergedAt = trainer.currentIter;
      const missing = Math.floor((trainer.maxIter - 1) / trainer.iterPerEpoch) + 1 - run.trainAcc.length;
      run.trainAcc = [...trainer.trainAccList, ...new Array<null>(missing).fill(null)];
      run.testAcc = [...trainer.testAccList, ...new Array<null>(missing).fill(null)];
      counter.tick(label, trainer.maxIter - trainer.currentIter);
      return run;
    }
  }
  if (trainer.currentIter === trainer.maxIter) run.finalTestAcc = trainer.train();
  return run;
}

/** The options checked and completed with the book's values, before any data is loaded. */
export function dropoutSettings(opts: DropoutOptions = {}) {
  const where = "dropoutExperiment";
  checkOptions(where, "options", opts, OPTION_KEYS);
  const dropoutRatio = checkRange(where, "dropoutRatio", opts.dropoutRatio ?? 0.2, 0, 1);
  const epochs = checkInteger(where, "epochs", opts.epochs ?? 301, 1);
  const batchSize = checkInteger(where, "batchSize", opts.batchSize ?? 100, 1);
  const lr = new SGD({ lr: opts.lr }).lr; // SGD checks its lr (default 0.01): the one check between the option and the update
  const hiddenSizeList = checkHidden(where, opts.hiddenSizeList ?? [100, 100, 100, 100, 100, 100]);
  const trainSize = checkInteger(where, "trainSize", opts.trainSize ?? 300, 1);
  if (opts.testSize !== undefined) checkInteger(where, "testSize", opts.testSize, 1);
  return {
    where,
    dropoutRatio,
    epochs,
    batchSize,
    lr,
    hiddenSizeList,
    trainSize,
    testSize: opts.testSize,
    seed: opts.seed ?? 0,
  };
}

export function dropoutExperiment(opts: DropoutOptions = {}): DropoutResult {
  const { where, dropoutRatio, epochs, batchSize, lr, hiddenSizeList, trainSize, testSize, seed } =
    dropoutSettings(opts);
  const d = experimentData(where, { data: opts.data, seed, trainSize, testSize });
  const variants = opts.baseline === false ? [true] : [false, true];
  const maxIter = trainerMaxIter(epochs, d.xTrain.rows, batchSize);
  const counter = new ProgressCounter(maxIter * variants.length, "iterations", opts);
  const settings = {
    dropoutRatio,
    epochs,
    batchSize,
    lr,
    hiddenSizeList,
    seed,
    Net: opts.Net ?? FastMultiLayerNetExtend,
  };
  const runs: DropoutRun[] = [];
  for (const useDropout of variants) {
    if (counter.stopRequested()) break;
    runs.push(runDropout(useDropout, d, settings, counter));
  }
  return {
    experiment: "dropout",
    figure: "6-23",
    data: d.source,
    complete: runs.length === variants.length && runs.every((r) => r.finalTestAcc !== null),
    settings: {
      dropoutRatio,
      epochs,
      batchSize,
      lr,
      hiddenSizeList,
      trainSize: d.xTrain.rows,
      testSize: d.xTest.rows,
      maxIter,
      seed: String(seed),
    },
    runs,
  };
}
