/**
 * The chapter's MNIST experiments by name: what each reproduces, which size flags it takes, how
 * to run it from flag values and how to summarise its result in a few lines. The command line
 * (scripts/experiment.ts) and the figure registry use this list; each experiment lives in its
 * own module and returns plain JSON-able data.
 */
import { logspace, batchnormExperiment, type BatchnormResult } from "./batchnorm.js";
import { dropoutExperiment, type DropoutResult } from "./dropout.js";
import { hyperparameterSearch, type HyperparameterSearchOptions, type HyperparameterSearchResult } from "./hyperparameter-search.js";
import { FIGURE_6_9_OPTIMIZERS, optimizerCompare, type OptimizerCompareResult } from "./optimizer-compare.js";
import { FIGURE_6_15_INITS, weightInitCompare, type WeightInitCompareResult } from "./weight-init-compare.js";
import { overfitExperiment, type OverfitResult } from "./weight-decay.js";
import type { RunControl } from "./common.js";
import type { MnistData } from "../../data/mnist.js";

export type MnistExperimentResult =
  | OptimizerCompareResult | WeightInitCompareResult | BatchnormResult | OverfitResult | DropoutResult | HyperparameterSearchResult;

/** Values of the command line's flags, already checked (see scripts/experiment.ts). */
export interface ExperimentFlags {
  iterations?: number;
  epochs?: number;
  trials?: number;
  round2Trials?: number;
  top?: number;
  batchSize?: number;
  trainSize?: number;
  testSize?: number;
  hidden?: number[];
  lr?: number;
  optimizers?: string[];
  scales?: number;
  ratio?: number;
  lambda?: number;
  /** Worker threads for the search's trials or a comparison's curves (the command line's; each experiment itself is single-threaded). */
  workers?: number;
  seed?: number | string;
}
export type FlagName = keyof ExperimentFlags;

export interface MnistExperiment {
  name: string;
  /** The book's figure(s). */
  figure: string;
  title: string;
  /** The flags this experiment accepts (besides --seed, which all take). */
  flags: FlagName[];
  run(flags: ExperimentFlags, control: RunControl): MnistExperimentResult;
  /** A few lines of outcome: final losses or accuracies, the ranking. */
  summary(result: MnistExperimentResult): string[];
  /**
   * For the comparisons whose curves are independent trainings (each regenerates its initial
   * weights and batches from the seed): the curves' names, and a run of some of them. Running the
   * curves in parts, on worker threads, and joining the parts with `joinCurveParts` gives the
   * single run's result, byte for byte.
   */
  curves?: {
    names(flags: ExperimentFlags): string[];
    /** `data`: the split defaultMnist(seed) gives, when the caller has it (workers then share one copy). */
    run(flags: ExperimentFlags, names: string[], control: RunControl, data?: MnistData): OptimizerCompareResult | WeightInitCompareResult;
  };
}

/**
 * One result from the parts of a comparison run on several threads: `parts[w]` ran the curves
 * `indices[w]` (positions in the full list of `total` curves). Curves go back to their places; a
 * part stopped early leaves its missing curves out and the result marked incomplete.
 */
export function joinCurveParts<R extends OptimizerCompareResult | WeightInitCompareResult>(parts: R[], indices: number[][], total: number): R {
  if (parts.length === 0 || parts.length !== indices.length)
    throw new Error(`joinCurveParts: argument 'parts' expected one result per index list (${indices.length}), received ${parts.length}`);
  const placed = new Array<R["curves"][number] | undefined>(total);
  parts.forEach((part, w) => part.curves.forEach((c, j) => (placed[indices[w][j]] = c)));
  const curves = placed.filter((c) => c !== undefined);
  return { ...parts[0], curves, complete: parts.every((p) => p.complete) && curves.length === total } as R;
}

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? "—" : x.toFixed(3));
const lastOf = <T>(a: readonly T[]): T | undefined => a[a.length - 1];
const meanTail = (a: readonly number[], n: number) => {
  const t = a.slice(-n);
  return t.reduce((s, v) => s + v, 0) / t.length;
};

export const MNIST_EXPERIMENTS: readonly MnistExperiment[] = [
  {
    name: "optimizer-compare", figure: "6-9", title: "SGD, Momentum, AdaGrad, Adam on MNIST (smoothed training loss)",
    flags: ["iterations", "batchSize", "trainSize", "hidden", "optimizers", "workers"],
    run: (f, control) => optimizerCompare({
      iterations: f.iterations, batchSize: f.batchSize, trainSize: f.trainSize, hiddenSizeList: f.hidden, optimizers: f.optimizers, seed: f.seed, ...control,
    }),
    curves: {
      names: (f) => f.optimizers ?? [...FIGURE_6_9_OPTIMIZERS],
      run: (f, names, control, data) => optimizerCompare({
        iterations: f.iterations, batchSize: f.batchSize, trainSize: f.trainSize, hiddenSizeList: f.hidden, optimizers: names, seed: f.seed, data, ...control,
      }),
    },
    summary: (r) => (r as OptimizerCompareResult).curves.map((c) =>
      `${c.name.padEnd(9)} lr ${c.lr}: final loss ${f3(lastOf(c.loss))}, smoothed ${f3(lastOf(c.smoothed))}, mean of the last ${Math.min(100, c.loss.length)} ${f3(meanTail(c.loss, 100))}`),
  },
  {
    name: "weight-init-compare", figure: "6-15", title: "std 0.01, Xavier and He initial weights on MNIST (SGD)",
    flags: ["iterations", "batchSize", "trainSize", "hidden", "lr", "workers"],
    run: (f, control) => weightInitCompare({
      iterations: f.iterations, batchSize: f.batchSize, trainSize: f.trainSize, hiddenSizeList: f.hidden, lr: f.lr, seed: f.seed, ...control,
    }),
    curves: {
      names: () => FIGURE_6_15_INITS.map((i) => i.name),
      run: (f, names, control, data) => weightInitCompare({
        iterations: f.iterations, batchSize: f.batchSize, trainSize: f.trainSize, hiddenSizeList: f.hidden, lr: f.lr, inits: names, seed: f.seed, data, ...control,
      }),
    },
    summary: (r) => (r as WeightInitCompareResult).curves.map((c) =>
      `${c.name.padEnd(9)} final loss ${f3(lastOf(c.loss))}, smoothed ${f3(lastOf(c.smoothed))}, mean of the last ${Math.min(100, c.loss.length)} ${f3(meanTail(c.loss, 100))}`),
  },
  {
    name: "batchnorm", figure: "6-18/6-19", title: "BatchNorm vs plain net across 16 weight scales (training accuracy per epoch)",
    flags: ["epochs", "batchSize", "trainSize", "hidden", "lr", "scales"],
    run: (f, control) => batchnormExperiment({
      epochs: f.epochs, batchSize: f.batchSize, trainSize: f.trainSize, hiddenSizeList: f.hidden, lr: f.lr,
      weightScales: f.scales === undefined ? undefined : logspace(0, -4, f.scales), seed: f.seed, ...control,
    }),
    summary: (r) => (r as BatchnormResult).scales.map((s) =>
      `W ${s.weightScale.toExponential(2)}: final train acc BN ${f3(lastOf(s.batchnorm.trainAcc))}, plain ${s.plain.divergedAt !== null ? `diverged at iteration ${s.plain.divergedAt}` : f3(lastOf(s.plain.trainAcc))}`),
  },
  {
    name: "weight-decay", figure: "6-20/6-21", title: "Overfitting without and with weight decay (train/test accuracy per epoch)",
    flags: ["epochs", "batchSize", "trainSize", "testSize", "hidden", "lr", "lambda"],
    run: (f, control) => overfitExperiment({
      epochs: f.epochs, batchSize: f.batchSize, trainSize: f.trainSize, testSize: f.testSize, hiddenSizeList: f.hidden, lr: f.lr,
      lambdas: f.lambda === undefined ? undefined : [0, f.lambda], seed: f.seed, ...control,
    }),
    summary: (r) => (r as OverfitResult).runs.map((run) =>
      `λ ${run.weightDecayLambda}: final train acc ${f3(lastOf(run.trainAcc))}, test acc ${f3(lastOf(run.testAcc))}${run.divergedAt !== null ? ` (diverged at iteration ${run.divergedAt})` : ""}`),
  },
  {
    name: "dropout", figure: "6-23", title: "Overfitting without and with Dropout through the Trainer (train/test accuracy per epoch)",
    flags: ["epochs", "batchSize", "trainSize", "testSize", "hidden", "lr", "ratio"],
    run: (f, control) => dropoutExperiment({
      epochs: f.epochs, batchSize: f.batchSize, trainSize: f.trainSize, testSize: f.testSize, hiddenSizeList: f.hidden, lr: f.lr,
      dropoutRatio: f.ratio, seed: f.seed, ...control,
    }),
    summary: (r) => (r as DropoutResult).runs.map((run) =>
      `${run.useDropout ? `dropout ${run.dropoutRatio}` : "no dropout "}: final train acc ${f3(lastOf(run.trainAcc))}, test acc ${f3(lastOf(run.testAcc))}, Trainer's final test acc ${f3(run.finalTestAcc)}`),
  },
  {
    name: "hyperparameter-search", figure: "6-24", title: "Random search of lr and weight decay on a log scale (validation accuracy)",
    flags: ["trials", "round2Trials", "top", "epochs", "batchSize", "trainSize", "hidden", "workers"],
    run: (f, control) => hyperparameterSearch({ ...searchOptions(f), ...control }),
    summary: (r) => (r as HyperparameterSearchResult).rounds.flatMap((round) => [
      `round ${round.round}: lr 10^[${round.ranges.lr.map((v) => v.toFixed(2)).join(", ")}], weight decay 10^[${round.ranges.weightDecay.map((v) => v.toFixed(2)).join(", ")}], ${round.trials.length} trials`,
      ...round.ranking.slice(0, (r as HyperparameterSearchResult).settings.top).map((i, k) => {
        const t = round.trials[i];
        return `  Best-${k + 1}(val acc:${f3(lastOf(t.valAcc))}) | lr:${t.lr.toExponential(3)}, weight decay:${t.weightDecay.toExponential(3)}`;
      }),
    ]),
  },
];

/** The search's options from flag values (shared by the single-thread run and the command line's workers). */
export function searchOptions(f: ExperimentFlags): HyperparameterSearchOptions {
  return { trials: f.trials, round2Trials: f.round2Trials, top: f.top, epochs: f.epochs, batchSize: f.batchSize, trainSize: f.trainSize, hiddenSizeList: f.hidden, seed: f.seed };
}

/** The experiment called `name`, or an Error listing the known names. */
export function mnistExperiment(name: string): MnistExperiment {
  const e = MNIST_EXPERIMENTS.find((x) => x.name === name);
  if (!e) throw new Error(`mnistExperiment: argument 'name' expected one of ${MNIST_EXPERIMENTS.map((x) => x.name).join(", ")}, received ${JSON.stringify(name)}`);
  return e;
}

export * from "./common.js";
export * from "./smooth-curve.js";
export { optimizerCompare, FIGURE_6_9_OPTIMIZERS, type OptimizerCompareResult, type LossCurve } from "./optimizer-compare.js";
export { weightInitCompare, FIGURE_6_15_INITS, type WeightInitCompareResult } from "./weight-init-compare.js";
export { batchnormExperiment, logspace, type BatchnormResult, type BatchnormScaleResult } from "./batchnorm.js";
export { overfitExperiment, type OverfitResult, type OverfitRun, type TrainTestCurve } from "./weight-decay.js";
export { dropoutExperiment, type DropoutResult, type DropoutRun } from "./dropout.js";
export {
  hyperparameterSearch, sampleLogUniform, sampleHyperparameters, validationSplit, rankTrials, narrowRanges, BOOK_RANGES,
  setupSearch, runSearchTrials, searchRound, round2Ranges, searchResult,
  type HyperparameterSearchResult, type SearchRound, type Trial, type SearchRanges, type SearchSetup,
} from "./hyperparameter-search.js";
