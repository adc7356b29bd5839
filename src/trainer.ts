/**
 * Trainer (book common/trainer.py): mini-batch training of a network with an optimizer chosen
 * by name, recording the loss of every iteration and train/test accuracy once per epoch.
 * Book quirk: batches are drawn with replacement (rng.choice), as the book's np.random.choice does.
 */
import { Matrix } from "./base/matrix.js";
import type { Labels } from "./functions.js";
import type { Network } from "./multi-layer-net.js";
import { createOptimizer, type Optimizer, type OptimizerOptions } from "./optimizer.js";
import type { Rng } from "./base/rng.js";
import { checkInteger, checkOptions, checkRows, describe, fail } from "./base/validate.js";

export interface TrainerOptions {
  epochs?: number;
  miniBatchSize?: number;
  /** 'sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop' or 'adam' (case-insensitive). */
  optimizer?: string;
  optimizerParam?: OptimizerOptions;
  /** Evaluate accuracy per epoch on the first N train/test samples only (book's evaluate_sample_num_per_epoch). */
  evaluateSampleNumPerEpoch?: number | null;
  rng: Rng;
  /** Called after every iteration; epoch fields are set on the iterations that close an epoch. */
  onProgress?: (p: TrainerProgress) => void;
}

export interface TrainerProgress {
  iter: number;
  maxIter: number;
  epoch: number;
  loss: number;
  trainAcc?: number;
  testAcc?: number;
}

/** Every key of TrainerOptions, checked against the interface by the type. */
const TRAINER_OPTION_KEYS = Object.keys({
  epochs: true,
  miniBatchSize: true,
  optimizer: true,
  optimizerParam: true,
  evaluateSampleNumPerEpoch: true,
  rng: true,
  onProgress: true,
} satisfies Record<keyof TrainerOptions, true>);

type Sample = { x: Matrix; t: Labels };

function pickLabels(t: Labels, idx: ArrayLike<number>): Labels {
  if (t instanceof Int32Array || Array.isArray(t)) {
    const out = new Int32Array(idx.length);
    for (let i = 0; i < idx.length; i++) out[i] = (t as ArrayLike<number>)[idx[i]];
    return out;
  }
  return (t as Matrix).pickRows(idx);
}

function firstN(s: Sample, n: number): Sample {
  const m = Math.min(n, s.x.rows);
  const idx = Int32Array.from({ length: m }, (_, i) => i);
  return { x: s.x.pickRows(idx), t: pickLabels(s.t, idx) };
}

export class Trainer {
  readonly network: Network;
  readonly xTrain: Matrix;
  readonly tTrain: Labels;
  readonly xTest: Matrix;
  readonly tTest: Labels;
  readonly epochs: number;
  readonly batchSize: number;
  readonly evaluateSampleNumPerEpoch: number | null;
  readonly optimizer: Optimizer;
  readonly trainSize: number;
  readonly iterPerEpoch: number;
  readonly maxIter: number;
  readonly rng: Rng;
  readonly onProgress?: (p: TrainerProgress) => void;
  currentIter = 0;
  currentEpoch = 0;
  trainLossList: number[] = [];
  trainAccList: number[] = [];
  testAccList: number[] = [];

  constructor(network: Network, xTrain: Matrix, tTrain: Labels, xTest: Matrix, tTest: Labels, opts: TrainerOptions) {
    if (!opts || !opts.rng)
      fail("Trainer", "options.rng", "an Rng (seeded generator) for mini-batch sampling", describe(opts?.rng));
    checkOptions("Trainer", "options", opts, TRAINER_OPTION_KEYS);
    for (const [arg, x] of [
      ["xTrain", xTrain],
      ["xTest", xTest],
    ] as const) {
      if (!(x instanceof Matrix)) fail("Trainer", arg, "a Matrix (one sample per row)", describe(x));
      checkRows("Trainer", arg, x, 1, "losses and accuracies are means over rows");
    }
    const count = (t: Labels) => ("rows" in t ? t.rows : t.length);
    if (count(tTrain) !== xTrain.rows)
      fail("Trainer", "tTrain", `${xTrain.rows} labels (one per row of xTrain)`, `${count(tTrain)}`);
    if (count(tTest) !== xTest.rows)
      fail("Trainer", "tTest", `${xTest.rows} labels (one per row of xTest)`, `${count(tTest)}`);
    this.network = network;
    this.xTrain = xTrain;
    this.tTrain = tTrain;
    this.xTest = xTest;
    this.tTest = tTest;
    this.epochs = checkInteger("Trainer", "epochs", opts.epochs ?? 20, 1);
    this.batchSize = checkInteger("Trainer", "miniBatchSize", opts.miniBatchSize ?? 100, 1);
    this.evaluateSampleNumPerEpoch =
      opts.evaluateSampleNumPerEpoch == null
        ? null
        : checkInteger("Trainer", "evaluateSampleNumPerEpoch", opts.evaluateSampleNumPerEpoch, 1);
    this.optimizer = createOptimizer(opts.optimizer ?? "sgd", opts.optimizerParam ?? { lr: 0.01 });
    this.rng = opts.rng;
    this.onProgress = opts.onProgress;
    this.trainSize = xTrain.rows;
    this.iterPerEpoch = Math.max(this.trainSize / this.batchSize, 1);
    this.maxIter = Math.floor(this.epochs * this.iterPerEpoch);
  }

  /** One iteration: sample, backprop, update, record the loss; evaluate when an epoch closes. */
  trainStep(): void {
    const batchMask = this.rng.choice(this.trainSize, this.batchSize);
    const xBatch = this.xTrain.pickRows(batchMask);
    const tBatch = pickLabels(this.tTrain, batchMask);
    const grads = this.network.gradient(xBatch, tBatch);
    this.optimizer.update(this.network.params, grads);
    const loss = this.network.loss(xBatch, tBatch);
    this.trainLossList.push(loss);
    const progress: TrainerProgress = { iter: this.currentIter, maxIter: this.maxIter, epoch: this.currentEpoch, loss };
    // Book quirk: the epoch test is current_iter % iter_per_epoch == 0 with a float iter_per_epoch,
    // so accuracy is first recorded after the very first update.
    if (this.currentIter % this.iterPerEpoch === 0) {
      this.currentEpoch += 1;
      let train: Sample = { x: this.xTrain, t: this.tTrain };
      let test: Sample = { x: this.xTest, t: this.tTest };
      if (this.evaluateSampleNumPerEpoch !== null) {
        train = firstN(train, this.evaluateSampleNumPerEpoch);
        test = firstN(test, this.evaluateSampleNumPerEpoch);
      }
      progress.epoch = this.currentEpoch;
      progress.trainAcc = this.network.accuracy(train.x, train.t);
      progress.testAcc = this.network.accuracy(test.x, test.t);
      this.trainAccList.push(progress.trainAcc);
      this.testAccList.push(progress.testAcc);
    }
    this.currentIter += 1;
    this.onProgress?.(progress);
  }

  /** Runs all iterations and returns the final test accuracy on the whole test set. */
  train(): number {
    for (let i = this.currentIter; i < this.maxIter; i++) this.trainStep();
    return this.network.accuracy(this.xTest, this.tTest);
  }
}
