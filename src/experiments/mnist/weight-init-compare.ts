/**
 * Figure 6-15 (`weight_init_compare`): the 5-layer ReLU net of Figure 6-9 trained by SGD
 * (lr 0.01) from three initial weights, std 0.01, Xavier (√(1/n)) and He (√(2/n)), on the same
 * mini-batches of 128 for 2,000 iterations. All three draw the same standard-normal numbers
 * (one seed) and scale them differently, so the scale is the only difference.
 */
import type { MnistData } from "../../data/mnist.js";
import type { WeightInit } from "../../init.js";
import type { MultiLayerNet } from "../../multi-layer-net.js";
import { SGD } from "../../optimizer.js";
import { checkChoice, checkInteger, checkOptions } from "../../base/validate.js";
import {
  checkHidden,
  experimentData,
  ProgressCounter,
  runCurveJob,
  type ExperimentResultBase,
  type LossCurve,
  type RunControl,
} from "./common.js";

/** The book's weight_init_types: label → weight_init_std. */
export const FIGURE_6_15_INITS: readonly { name: string; weightInit: WeightInit }[] = [
  { name: "std=0.01", weightInit: 0.01 },
  { name: "Xavier", weightInit: "sigmoid" },
  { name: "He", weightInit: "relu" },
];

export interface WeightInitCompareOptions extends RunControl {
  /** A subset of the book's labels ('std=0.01', 'Xavier', 'He'); default all three. */
  inits?: string[];
  iterations?: number;
  batchSize?: number;
  lr?: number;
  hiddenSizeList?: number[];
  trainSize?: number;
  seed?: number | string;
  data?: MnistData;
  /** The network class (default FastMultiLayerNet; tests pass deliberately broken subclasses). */
  Net?: typeof MultiLayerNet;
}

/** Every key of WeightInitCompareOptions, checked against the interface by the type: a typo'd option is an error, not ignored. */
const OPTION_KEYS = Object.keys({
  onProgress: true,
  shouldStop: true,
  inits: true,
  iterations: true,
  batchSize: true,
  lr: true,
  hiddenSizeList: true,
  trainSize: true,
  seed: true,
  data: true,
  Net: true,
} satisfies Record<keyof WeightInitCompareOptions, true>);

export interface WeightInitCompareResult extends ExperimentResultBase {
  experiment: "weight-init-compare";
  settings: {
    iterations: number;
    batchSize: number;
    lr: number;
    hiddenSizeList: number[];
    trainSize: number;
    optimizer: "SGD";
    seed: string;
  };
  /** One curve per init; `name` is the book's label and lr the SGD lr. */
  curves: (LossCurve & { weightInit: WeightInit })[];
}

/** The options checked and completed with the book's values, before any data is loaded. */
export function weightInitCompareSettings(opts: WeightInitCompareOptions = {}) {
  const where = "weightInitCompare";
  checkOptions(where, "options", opts, OPTION_KEYS);
  const iterations = checkInteger(where, "iterations", opts.iterations ?? 2000, 1);
  const batchSize = checkInteger(where, "batchSize", opts.batchSize ?? 128, 1);
  const lr = new SGD({ lr: opts.lr }).lr; // SGD checks its lr (default 0.01): the one check between the option and the update
  const hiddenSizeList = checkHidden(where, opts.hiddenSizeList ?? [100, 100, 100, 100]);
  if (opts.trainSize !== undefined) checkInteger(where, "trainSize", opts.trainSize, 1);
  const labels = FIGURE_6_15_INITS.map((i) => i.name);
  const wanted = (opts.inits ?? labels).map((n) =>
    checkChoice(
      where,
      "inits",
      n.toLowerCase(),
      labels.map((l) => l.toLowerCase()),
    ),
  );
  const inits = FIGURE_6_15_INITS.filter((i) => wanted.includes(i.name.toLowerCase()));
  return { where, iterations, batchSize, lr, hiddenSizeList, trainSize: opts.trainSize, inits, seed: opts.seed ?? 0 };
}

export function weightInitCompare(opts: WeightInitCompareOptions = {}): WeightInitCompareResult {
  const { where, iterations, batchSize, lr, hiddenSizeList, trainSize, inits, seed } = weightInitCompareSettings(opts);
  const d = experimentData(where, { data: opts.data, seed, trainSize });
  const counter = new ProgressCounter(iterations * inits.length, "iterations", opts);
  const curves: WeightInitCompareResult["curves"] = [];
  for (const init of inits) {
    if (counter.stopRequested()) break;
    const job = { name: init.name, weightInit: init.weightInit, makeOptimizer: () => new SGD({ lr }), Net: opts.Net };
    curves.push({
      ...runCurveJob(job, d, { iterations, batchSize, hiddenSizeList, seed }, counter),
      weightInit: init.weightInit,
    });
  }
  return {
    experiment: "weight-init-compare",
    figure: "6-15",
    data: d.source,
    complete: curves.length === inits.length && curves.every((c) => c.loss.length === iterations),
    settings: {
      iterations,
      batchSize,
      lr,
      hiddenSizeList,
      trainSize: d.xTrain.rows,
      optimizer: "SGD",
      seed: String(seed),
    },
    curves,
  };
}
