/**
 * The chapter's MNIST experiments by name: what each reproduces, how to check its options before
 * anything is loaded, how to run it, and, for the comparisons, how to run some of its curves. The
 * command line (scripts/experiment.ts) and the tests use this list; each experiment lives in its
 * own module, takes an options object (no command-line flags here) and returns plain JSON-able data.
 */
import type { MnistData } from "../../data/mnist.js";
import { batchnormExperiment, batchnormSettings, type BatchnormOptions, type BatchnormResult } from "./batchnorm.js";
import { dropoutExperiment, dropoutSettings, type DropoutOptions, type DropoutResult } from "./dropout.js";
import {
  hyperparameterSearch,
  searchSettings,
  type HyperparameterSearchOptions,
  type HyperparameterSearchResult,
} from "./hyperparameter-search.js";
import {
  FIGURE_6_9_OPTIMIZERS,
  optimizerCompare,
  optimizerCompareSettings,
  type OptimizerCompareOptions,
  type OptimizerCompareResult,
} from "./optimizer-compare.js";
import {
  FIGURE_6_15_INITS,
  weightInitCompare,
  weightInitCompareSettings,
  type WeightInitCompareOptions,
  type WeightInitCompareResult,
} from "./weight-init-compare.js";
import { overfitExperiment, overfitSettings, type OverfitOptions, type OverfitResult } from "./weight-decay.js";
import type { RunControl } from "./common.js";

export type MnistExperimentResult =
  | OptimizerCompareResult
  | WeightInitCompareResult
  | BatchnormResult
  | OverfitResult
  | DropoutResult
  | HyperparameterSearchResult;

export type MnistExperimentOptions =
  | OptimizerCompareOptions
  | WeightInitCompareOptions
  | BatchnormOptions
  | OverfitOptions
  | DropoutOptions
  | HyperparameterSearchOptions;

export interface MnistExperiment<O extends MnistExperimentOptions = MnistExperimentOptions> {
  name: string;
  /** The book's figure(s). */
  figure: string;
  title: string;
  /** Checks `options` and fills in the book's values, loading no data and training nothing: an Error names what is wrong. */
  check(options: O): unknown;
  /** Runs the experiment; `data`: the split defaultMnist(seed) gives, when the caller has it (worker threads then share one copy). */
  run(options: O, control?: RunControl, data?: MnistData): MnistExperimentResult;
  /**
   * For the comparisons whose curves are independent trainings (each regenerates its initial
   * weights and batches from the seed): the curves' names, and the options that run only some of
   * them. Running the curves in parts, on worker threads, and joining the parts with
   * `joinCurveParts` gives the single run's result, byte for byte.
   */
  curves?: {
    names(options: O): string[];
    only(options: O, names: string[]): O;
  };
}

/** Declares an experiment with its options type checked. */
const experiment = <O extends MnistExperimentOptions>(e: MnistExperiment<O>) => e as unknown as MnistExperiment;

/**
 * One result from the parts of a comparison run on several threads: `parts[w]` ran the curves
 * `indices[w]` (positions in the full list of `total` curves). Curves go back to their places; a
 * part stopped early leaves its missing curves out and the result marked incomplete.
 */
export function joinCurveParts<R extends OptimizerCompareResult | WeightInitCompareResult>(
  parts: R[],
  indices: number[][],
  total: number,
): R {
  if (parts.length === 0 || parts.length !== indices.length)
    throw new Error(
      `joinCurveParts: argument 'parts' expected one result per index list (${indices.length}), received ${parts.length}`,
    );
  const placed = new Array<R["curves"][number] | undefined>(total);
  parts.forEach((part, w) => part.curves.forEach((c, j) => (placed[indices[w][j]] = c)));
  const curves = placed.filter((c) => c !== undefined);
  return { ...parts[0], curves, complete: parts.every((p) => p.complete) && curves.length === total } as R;
}

export const MNIST_EXPERIMENTS: readonly MnistExperiment[] = [
  experiment<OptimizerCompareOptions>({
    name: "optimizer-compare",
    figure: "6-9",
    title: "SGD, Momentum, AdaGrad, Adam on MNIST (smoothed training loss)",
    check: optimizerCompareSettings,
    run: (o, control, data) => optimizerCompare({ ...o, ...control, data }),
    curves: {
      names: (o) => o.optimizers ?? [...FIGURE_6_9_OPTIMIZERS],
      only: (o, names) => ({ ...o, optimizers: names }),
    },
  }),
  experiment<WeightInitCompareOptions>({
    name: "weight-init-compare",
    figure: "6-15",
    title: "std 0.01, Xavier and He initial weights on MNIST (SGD)",
    check: weightInitCompareSettings,
    run: (o, control, data) => weightInitCompare({ ...o, ...control, data }),
    curves: {
      names: (o) => o.inits ?? FIGURE_6_15_INITS.map((i) => i.name),
      only: (o, names) => ({ ...o, inits: names }),
    },
  }),
  experiment<BatchnormOptions>({
    name: "batchnorm",
    figure: "6-18/6-19",
    title: "BatchNorm vs plain net across 16 weight scales (training accuracy per epoch)",
    check: batchnormSettings,
    run: (o, control, data) => batchnormExperiment({ ...o, ...control, data }),
  }),
  experiment<OverfitOptions>({
    name: "weight-decay",
    figure: "6-20/6-21",
    title: "Overfitting without and with weight decay (train/test accuracy per epoch)",
    check: overfitSettings,
    run: (o, control, data) => overfitExperiment({ ...o, ...control, data }),
  }),
  experiment<DropoutOptions>({
    name: "dropout",
    figure: "6-23",
    title: "Overfitting without and with Dropout through the Trainer (train/test accuracy per epoch)",
    check: dropoutSettings,
    run: (o, control, data) => dropoutExperiment({ ...o, ...control, data }),
  }),
  experiment<HyperparameterSearchOptions>({
    name: "hyperparameter-search",
    figure: "6-24",
    title: "Random search of lr and weight decay on a log scale (validation accuracy)",
    check: searchSettings,
    run: (o, control, data) => hyperparameterSearch({ ...o, ...control, data }),
  }),
];

/** The experiment called `name`, or an Error listing the known names. */
export function mnistExperiment(name: string): MnistExperiment {
  const e = MNIST_EXPERIMENTS.find((x) => x.name === name);
  if (!e)
    throw new Error(
      `mnistExperiment: argument 'name' expected one of ${MNIST_EXPERIMENTS.map((x) => x.name).join(", ")}, received ${JSON.stringify(name)}`,
    );
  return e;
}

export * from "./common.js";
export * from "../../util.js";
export {
  optimizerCompare,
  optimizerCompareSettings,
  FIGURE_6_9_OPTIMIZERS,
  type OptimizerCompareOptions,
  type OptimizerCompareResult,
} from "./optimizer-compare.js";
export {
  weightInitCompare,
  weightInitCompareSettings,
  FIGURE_6_15_INITS,
  type WeightInitCompareOptions,
  type WeightInitCompareResult,
} from "./weight-init-compare.js";
export {
  batchnormExperiment,
  batchnormSettings,
  type BatchnormOptions,
  type BatchnormResult,
  type BatchnormScaleResult,
} from "./batchnorm.js";
export {
  overfitExperiment,
  overfitSettings,
  type OverfitOptions,
  type OverfitResult,
  type OverfitRun,
} from "./weight-decay.js";
export {
  dropoutExperiment,
  dropoutSettings,
  type DropoutOptions,
  type DropoutResult,
  type DropoutRun,
} from "./dropout.js";
export {
  hyperparameterSearch,
  sampleTrials,
  validationSplit,
  rankTrials,
  narrowRanges,
  searchSettings,
  setupSearch,
  runSearchTrials,
  searchRound,
  round2Ranges,
  searchResult,
  type HyperparameterSearchOptions,
  type HyperparameterSearchResult,
  type SearchRound,
  type Trial,
  type SearchSetup,
} from "./hyperparameter-search.js";
export {
  sampleLogUniform,
  sampleHyperparameters,
  splitValidation,
  BOOK_RANGES,
  type SearchRanges,
} from "../../hyperparameter-search.js";
