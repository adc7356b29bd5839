/**
 * Figures 6-18/6-19 (`batch_norm_test`): a net with BatchNorm and one without (5 hidden layers of
 * 100, ReLU) trained side by side by SGD (lr 0.01) on the first 1,000 training samples, batch 100,
 * for 20 epochs, at each of the 16 weight scales logspace(0, −4, 16) (the init std). Both nets of a
 * scale get the same mini-batch every iteration and start from the same standard-normal draws.
 * As in the book, training accuracy on all training samples is recorded after the update of
 * iteration i whenever i % iter_per_epoch == 0 (so the first entry follows one update).
 * Each scale is an independent job.
 */
import type { MnistData } from "../../data/mnist.js";
import { Matrix } from "../../base/matrix.js";
import type { MultiLayerNetExtend } from "../../multi-layer-net-extend.js";
import { FastMultiLayerNetExtend } from "../../fast/multi-layer-net.js";
import { SGD } from "../../optimizer.js";
import { checkInteger, checkOptions, checkPositive, describe, fail } from "../../base/validate.js";
import {
  bookLoopIterations,
  checkHidden,
  iterPerEpochOf,
  experimentData,
  isOverflowError,
  logspace,
  pickBatch,
  ProgressCounter,
  subRng,
  type ExperimentResultBase,
  type RunControl,
  type TrainData,
} from "./common.js";

export interface BatchnormOptions extends RunControl {
  /** Init stds (default logspace(0, −4, 16)). */
  weightScales?: number[];
  epochs?: number;
  batchSize?: number;
  lr?: number;
  hiddenSizeList?: number[];
  /** Training samples (the book's x_train[:1000]). */
  trainSize?: number;
  seed?: number | string;
  data?: MnistData;
  /** The network class for the BatchNorm side (tests pass a deliberately broken subclass). */
  BatchnormNet?: typeof MultiLayerNetExtend;
  /** Train the plain net alongside (default true); false leaves its curves empty. */
  withPlain?: boolean;
}

/** Every key of BatchnormOptions, checked against the interface by the type: a typo'd option is an error, not ignored. */
const OPTION_KEYS = Object.keys({
  onProgress: true,
  shouldStop: true,
  weightScales: true,
  epochs: true,
  batchSize: true,
  lr: true,
  hiddenSizeList: true,
  trainSize: true,
  seed: true,
  data: true,
  BatchnormNet: true,
  withPlain: true,
} satisfies Record<keyof BatchnormOptions, true>);

export interface AccuracyCurve {
  /** Training accuracy per epoch; null after the net diverged (see divergedAt). */
  trainAcc: (number | null)[];
  /** The iteration at which the weights overflowed (non-finite values), or null. */
  divergedAt: number | null;
}

export interface BatchnormScaleResult {
  weightScale: number;
  batchnorm: AccuracyCurve;
  plain: AccuracyCurve;
}

export interface BatchnormResult extends ExperimentResultBase {
  experiment: "batchnorm";
  settings: {
    epochs: number;
    batchSize: number;
    lr: number;
    hiddenSizeList: number[];
    trainSize: number;
    iterPerEpoch: number;
    seed: string;
  };
  scales: BatchnormScaleResult[];
}

/** Settings one scale's job needs. */
export interface BatchnormJobSettings {
  epochs: number;
  batchSize: number;
  lr: number;
  hiddenSizeList: number[];
  seed: number | string;
  BatchnormNet: typeof MultiLayerNetExtend;
  withPlain: boolean;
}

/** A network, its optimizer and its record. */
interface Runner {
  net: MultiLayerNetExtend;
  optimizer: SGD;
  curve: AccuracyCurve;
}

const WHERE_JOB = "runBatchnormScale";

/** One weight scale: the BatchNorm net and the plain net trained on the same batches. */
export function runBatchnormScale(
  weightScale: number,
  d: TrainData,
  s: BatchnormJobSettings,
  counter: ProgressCounter,
): BatchnormScaleResult {
  const make = (useBatchnorm: boolean): Runner => {
    const Net = useBatchnorm ? s.BatchnormNet : FastMultiLayerNetExtend;
    const net = new Net({
      inputSize: 784,
      hiddenSizeList: s.hiddenSizeList,
      outputSize: 10,
      weightInitStd: weightScale,
      useBatchnorm,
      rng: subRng(s.seed, `init/${weightScale}`),
    });
    return { net, optimizer: new SGD({ lr: s.lr }), curve: { trainAcc: [], divergedAt: null } };
  };
  const bn = make(true),
    plain = make(false);
  const runners = s.withPlain ? [bn, plain] : [bn];
  const trainSize = d.xTrain.rows;
  const iterPerEpoch = iterPerEpochOf(WHERE_JOB, trainSize, s.batchSize);
  const batches = subRng(s.seed, `batches/${weightScale}`);
  let epochCnt = 0;
  const batch = { x: new Matrix(s.batchSize, d.xTrain.cols), t: new Int32Array(s.batchSize) };
  for (let i = 0; epochCnt < s.epochs; i++) {
    if (counter.stopRequested()) break;
    const { x, t } = pickBatch(d.xTrain, d.tTrain, batches.choice(trainSize, s.batchSize), batch);
    for (const r of runners) {
      if (r.curve.divergedAt !== null) continue;
      try {
        r.optimizer.update(r.net.params, r.net.gradient(x, t));
      } catch (e) {
        if (!isOverflowError(e)) throw e;
        r.curve.divergedAt = i;
      }
    }
    if (i % iterPerEpoch === 0) {
      for (const r of runners)
        r.curve.trainAcc.push(r.curve.divergedAt === null ? r.net.accuracy(d.xTrain, d.tTrain) : null);
      epochCnt += 1;
    }
    counter.tick(`W:${weightScale.toPrecision(3)}`);
  }
  return { weightScale, batchnorm: bn.curve, plain: plain.curve };
}

/** The options checked and completed with the book's values, before any data is loaded. */
export function batchnormSettings(opts: BatchnormOptions = {}) {
  const where = "batchnormExperiment";
  checkOptions(where, "options", opts, OPTION_KEYS);
  const weightScales = opts.weightScales ?? logspace(0, -4, 16);
  if (!Array.isArray(weightScales) || weightScales.length === 0)
    fail(where, "weightScales", "a non-empty array of init stds", describe(weightScales));
  weightScales.forEach((w, i) => checkPositive(where, `weightScales[${i}]`, w));
  const epochs = checkInteger(where, "epochs", opts.epochs ?? 20, 1);
  const batchSize = checkInteger(where, "batchSize", opts.batchSize ?? 100, 2);
  const lr = new SGD({ lr: opts.lr }).lr; // SGD checks its lr (default 0.01): the one check between the option and the update
  const hiddenSizeList = checkHidden(where, opts.hiddenSizeList ?? [100, 100, 100, 100, 100]);
  const trainSize = checkInteger(where, "trainSize", opts.trainSize ?? 1000, 1);
  iterPerEpochOf(where, trainSize, batchSize);
  return { where, weightScales, epochs, batchSize, lr, hiddenSizeList, trainSize, seed: opts.seed ?? 0 };
}

export function batchnormExperiment(opts: BatchnormOptions = {}): BatchnormResult {
  const { where, weightScales, epochs, batchSize, lr, hiddenSizeList, trainSize, seed } = batchnormSettings(opts);
  const d = experimentData(where, { data: opts.data, seed, trainSize });
  const iterPerEpoch = iterPerEpochOf(where, d.xTrain.rows, batchSize);
  const perScale = bookLoopIterations(epochs, iterPerEpoch);
  const counter = new ProgressCounter(perScale * weightScales.length, "iterations", opts);
  const settings = {
    epochs,
    batchSize,
    lr,
    hiddenSizeList,
    seed,
    BatchnormNet: opts.BatchnormNet ?? FastMultiLayerNetExtend,
    withPlain: opts.withPlain ?? true,
  };
  const scales: BatchnormScaleResult[] = [];
  for (const w of weightScales) {
    if (counter.stopRequested()) break;
    scales.push(runBatchnormScale(w, d, settings, counter));
  }
  return {
    experiment: "batchnorm",
    figure: "6-18/6-19",
    data: d.source,
    complete: scales.length === weightScales.length && scales.every((r) => r.batchnorm.trainAcc.length === epochs),
    settings: { epochs, batchSize, lr, hiddenSizeList, trainSize: d.xTrain.rows, iterPerEpoch, seed: String(seed) },
    scales,
  };
}
