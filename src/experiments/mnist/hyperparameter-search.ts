/**
 * Figure 6-24 (`hyperparameter_optimization`): random search on a log scale. The book takes the
 * first 500 training samples, shuffles them and splits off 20% as validation data (never the test
 * data: this module is only ever given training data). Each trial samples weight decay
 * 10^U(−8, −4) and lr 10^U(−6, −2), trains a 6×100 ReLU net by SGD (batch 100) for 50 epochs
 * through the Trainer and records validation and training accuracy per epoch. Trials are ranked by
 * their final validation accuracy; the 20 best make the 4×5 grid. A second round samples again on
 * the ranges the best trials of round one span. Every trial is an independent job: its
 * hyperparameters are drawn up front and its weights and batches come from its own seed.
 */
import { FastMultiLayerNet } from "../../fast/multi-layer-net.js";
import type { Matrix } from "../../base/matrix.js";
import type { Rng } from "../../base/rng.js";
import { Trainer } from "../../trainer.js";
import { checkInteger, checkOptions, checkRange, fail } from "../../base/validate.js";
import {
  BOOK_RANGES,
  checkSearchRanges,
  sampleHyperparameters,
  splitValidation,
  type SearchRanges,
  type ValidationSplit,
} from "../../hyperparameter-search.js";
import {
  checkHidden,
  defaultMnist,
  firstRows,
  ProgressCounter,
  subRng,
  trainerMaxIter,
  type ExperimentResultBase,
  type RunControl,
  type TrainData,
} from "./common.js";
import { labelIndices } from "../../functions.js";

/**
 * `n` trials' hyperparameters, drawn up front in sampling order: trial i gets the i-th pair of
 * sampleHyperparameters (weight decay, then lr, per trial: the book's order).
 */
export function sampleTrials(rng: Rng, n: number, ranges: SearchRanges): { lr: number; weightDecay: number }[] {
  checkInteger("sampleTrials", "n", n, 0);
  return Array.from({ length: n }, () => sampleHyperparameters(rng, ranges));
}

/** The book's split of the first trainSize training rows (x_train[:500]): splitValidation on them. */
export function validationSplit(d: TrainData, trainSize: number, validationRate: number, rng: Rng): ValidationSplit {
  const sub = firstRows("validationSplit", "trainSize", d, trainSize);
  return splitValidation(sub.xTrain, sub.tTrain, validationRate, rng);
}

export interface Trial {
  round: number;
  /** 1-based trial number within its round (sampling order). */
  trial: number;
  lr: number;
  weightDecay: number;
  /** Validation accuracy per epoch (the Trainer's test list, fed validation data). */
  valAcc: number[];
  trainAcc: number[];
}

export interface SearchRound {
  round: number;
  /** Exponent ranges sampled in this round. */
  ranges: SearchRanges;
  /** Finished trials in sampling order. */
  trials: Trial[];
  /** Indices into `trials`, best final validation accuracy first (ties keep sampling order). */
  ranking: number[];
}

export interface TrialSettings {
  epochs: number;
  batchSize: number;
  hiddenSizeList: number[];
  seed: number | string;
}

/** One trial: a fresh net trained with its lr and weight decay, evaluated on validation data. */
export function runTrial(
  round: number,
  trial: number,
  hp: { lr: number; weightDecay: number },
  split: ValidationSplit,
  s: TrialSettings,
  counter: ProgressCounter,
  label: string,
): Trial | null {
  const net = new FastMultiLayerNet({
    inputSize: 784,
    hiddenSizeList: s.hiddenSizeList,
    outputSize: 10,
    weightDecayLambda: hp.weightDecay,
    rng: subRng(s.seed, `round${round}/trial${trial}/init`),
  });
  const trainer = new Trainer(net, split.xTrain, split.tTrain, split.xVal, split.tVal, {
    epochs: s.epochs,
    miniBatchSize: s.batchSize,
    optimizer: "sgd",
    optimizerParam: { lr: hp.lr },
    rng: subRng(s.seed, `round${round}/trial${trial}/batches`),
    onProgress: () => counter.tick(label),
  });
  while (trainer.currentIter < trainer.maxIter) {
    if (counter.stopRequested()) return null;
    trainer.trainStep();
  }
  return {
    round,
    trial,
    lr: hp.lr,
    weightDecay: hp.weightDecay,
    valAcc: trainer.testAccList,
    trainAcc: trainer.trainAccList,
  };
}

/** Indices of trials sorted by final validation accuracy, best first; stable like Python's sorted. */
export function rankTrials(trials: readonly Trial[]): number[] {
  const last = (t: Trial) => t.valAcc[t.valAcc.length - 1] ?? -Infinity;
  return trials.map((_, i) => i).sort((a, b) => last(trials[b]) - last(trials[a]) || a - b);
}

/** The exponent ranges spanned by the `top` best trials (the narrowing between rounds). */
export function narrowRanges(trials: readonly Trial[], ranking: readonly number[], top: number): SearchRanges {
  checkInteger("narrowRanges", "top", top, 1);
  const best = ranking.slice(0, top).map((i) => trials[i]);
  if (best.length === 0) fail("narrowRanges", "trials", "at least one finished trial", "none");
  const span = (f: (t: Trial) => number): [number, number] => {
    const e = best.map((t) => Math.log10(f(t)));
    return [Math.min(...e), Math.max(...e)];
  };
  return { lr: span((t) => t.lr), weightDecay: span((t) => t.weightDecay) };
}

export interface HyperparameterSearchOptions extends RunControl {
  trials?: number;
  /** Trials of the second round on the narrowed ranges (default: as many as the first; 0 skips it). */
  round2Trials?: number;
  /** How many of the best are shown (Figure 6-24's 20) and span the second round's ranges. */
  top?: number;
  epochs?: number;
  batchSize?: number;
  hiddenSizeList?: number[];
  /** Training rows taken before the split (the book's 500). */
  trainSize?: number;
  validationRate?: number;
  ranges?: SearchRanges;
  seed?: number | string;
  /** Training data only: the search has no way to receive test data. */
  data?: { xTrain: Matrix; tTrain: Int32Array | Matrix };
}

/** Every key of HyperparameterSearchOptions, checked against the interface by the type: a typo'd option is an error, not ignored. */
const OPTION_KEYS = Object.keys({
  onProgress: true,
  shouldStop: true,
  trials: true,
  round2Trials: true,
  top: true,
  epochs: true,
  batchSize: true,
  hiddenSizeList: true,
  trainSize: true,
  validationRate: true,
  ranges: true,
  seed: true,
  data: true,
} satisfies Record<keyof HyperparameterSearchOptions, true>);

export interface HyperparameterSearchResult extends ExperimentResultBase {
  experiment: "hyperparameter-search";
  settings: {
    trials: number;
    round2Trials: number;
    top: number;
    epochs: number;
    batchSize: number;
    hiddenSizeList: number[];
    trainSize: number;
    validationRate: number;
    trainRows: number;
    validationRows: number;
    seed: string;
  };
  rounds: SearchRound[];
}

/** The checked settings and the validation split: what every round, and every worker of a parallel run, shares. */
export interface SearchSetup {
  trials: number;
  round2Trials: number;
  top: number;
  ranges: SearchRanges;
  trial: TrialSettings;
  trainSize: number;
  validationRate: number;
  split: ValidationSplit;
  /** Updates per trial (the Trainer's maxIter). */
  perTrial: number;
  dataNote: string;
}

/** The options checked and completed with the book's values, before any data is loaded. */
export function searchSettings(opts: HyperparameterSearchOptions = {}) {
  const where = "hyperparameterSearch";
  checkOptions(where, "options", opts, OPTION_KEYS);
  const trials = checkInteger(where, "trials", opts.trials ?? 100, 1);
  const round2Trials = checkInteger(where, "round2Trials", opts.round2Trials ?? trials, 0);
  const top = checkInteger(where, "top", opts.top ?? 20, 1);
  const epochs = checkInteger(where, "epochs", opts.epochs ?? 50, 1);
  const batchSize = checkInteger(where, "batchSize", opts.batchSize ?? 100, 1);
  const hiddenSizeList = checkHidden(where, opts.hiddenSizeList ?? [100, 100, 100, 100, 100, 100]);
  const trainSize = checkInteger(where, "trainSize", opts.trainSize ?? 500, 2);
  const validationRate = checkRange(where, "validationRate", opts.validationRate ?? 0.2, 0, 1);
  const ranges = checkSearchRanges(where, opts.ranges ?? BOOK_RANGES);
  return {
    where,
    trials,
    round2Trials,
    top,
    epochs,
    batchSize,
    hiddenSizeList,
    trainSize,
    validationRate,
    ranges,
    seed: opts.seed ?? 0,
  };
}

export function setupSearch(opts: HyperparameterSearchOptions = {}): SearchSetup {
  const {
    where,
    trials,
    round2Trials,
    top,
    epochs,
    batchSize,
    hiddenSizeList,
    trainSize,
    validationRate,
    ranges,
    seed,
  } = searchSettings(opts);
  // Only the training part is ever taken from the split; the search has no test data to look at.
  const given = opts.data ?? (({ xTrain, tTrain }) => ({ xTrain, tTrain }))(defaultMnist(seed));
  const rows = given.xTrain.rows;
  const train: TrainData = {
    xTrain: given.xTrain,
    tTrain: given.tTrain instanceof Int32Array ? given.tTrain : labelIndices(where, given.tTrain, rows, 10),
  };
  const split = validationSplit(train, trainSize, validationRate, subRng(seed, "split"));
  return {
    trials,
    round2Trials,
    top,
    ranges,
    trainSize,
    validationRate,
    split,
    trial: { epochs, batchSize, hiddenSizeList, seed },
    perTrial: trainerMaxIter(epochs, split.xTrain.rows, batchSize),
    dataNote:
      `${opts.data ? "the given training data" : `training part of the mnist split (seed ${seed})`}: first ${trainSize} rows, shuffled, ` +
      `${split.xVal.rows} validation / ${split.xTrain.rows} training; no test data`,
  };
}

/**
 * Trials `indices` (0-based, ascending) of round `round` on `ranges`. All of the round's
 * hyperparameters are drawn first, so a trial's values and result do not depend on which other
 * trials run here: workers may split a round's indices between them. Stops between updates when
 * asked; an unfinished trial is dropped.
 */
export function runSearchTrials(
  setup: SearchSetup,
  round: number,
  ranges: SearchRanges,
  indices: readonly number[],
  counter: ProgressCounter,
): Trial[] {
  const n = round === 1 ? setup.trials : setup.round2Trials;
  indices.forEach((i, k) => checkRange("runSearchTrials", `indices[${k}]`, i, 0, n));
  const hps = sampleTrials(subRng(setup.trial.seed, `search/round${round}`), n, ranges);
  const done: Trial[] = [];
  for (const i of indices) {
    if (counter.stopRequested()) break;
    const t = runTrial(round, i + 1, hps[i], setup.split, setup.trial, counter, `round ${round} trial ${i + 1}/${n}`);
    if (t) done.push(t);
  }
  return done;
}

/** A round from its finished trials (in any order): sorted by trial number and ranked. */
export function searchRound(round: number, ranges: SearchRanges, trials: Trial[]): SearchRound {
  const sorted = [...trials].sort((a, b) => a.trial - b.trial);
  return { round, ranges, trials: sorted, ranking: rankTrials(sorted) };
}

/** The second round's ranges: the span of the first round's `top` best. */
export function round2Ranges(setup: SearchSetup, round1: SearchRound): SearchRanges {
  return narrowRanges(round1.trials, round1.ranking, setup.top);
}

export function searchResult(setup: SearchSetup, rounds: SearchRound[]): HyperparameterSearchResult {
  const expected = [setup.trials, setup.round2Trials].filter((n) => n > 0);
  const t = setup.trial;
  return {
    experiment: "hyperparameter-search",
    figure: "6-24",
    data: setup.dataNote,
    complete: rounds.length === expected.length && rounds.every((r, k) => r.trials.length === expected[k]),
    settings: {
      trials: setup.trials,
      round2Trials: setup.round2Trials,
      top: setup.top,
      epochs: t.epochs,
      batchSize: t.batchSize,
      hiddenSizeList: t.hiddenSizeList,
      trainSize: setup.trainSize,
      validationRate: setup.validationRate,
      trainRows: setup.split.xTrain.rows,
      validationRows: setup.split.xVal.rows,
      seed: String(t.seed),
    },
    rounds,
  };
}

export function hyperparameterSearch(opts: HyperparameterSearchOptions = {}): HyperparameterSearchResult {
  const setup = setupSearch(opts);
  const counter = new ProgressCounter(setup.perTrial * (setup.trials + setup.round2Trials), "iterations", opts);
  const all = (n: number) => Array.from({ length: n }, (_, i) => i);
  const rounds: SearchRound[] = [
    searchRound(1, setup.ranges, runSearchTrials(setup, 1, setup.ranges, all(setup.trials), counter)),
  ];
  if (setup.round2Trials > 0 && rounds[0].trials.length > 0 && !counter.stopRequested()) {
    const ranges = round2Ranges(setup, rounds[0]);
    rounds.push(searchRound(2, ranges, runSearchTrials(setup, 2, ranges, all(setup.round2Trials), counter)));
  }
  return searchResult(setup, rounds);
}
