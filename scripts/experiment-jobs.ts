/**
 * The jobs `npm run experiment` (scripts/experiment.ts) runs on worker threads through runJobs
 * (src/runtime/parallel.ts): a whole experiment, some curves of a comparison, or some trials of one
 * round of the hyperparameter search. Each takes checked experiment options (the command line has
 * turned its flags into options) and runJobs' control: progress out, the shared stop flag in.
 */
import type { JobControl } from "../src/runtime/parallel.js";
import {
  fromSharedSplit,
  mnistExperiment,
  ProgressCounter,
  runSearchTrials as runTrials,
  setupSearch,
  type HyperparameterSearchOptions,
  type MnistExperimentOptions,
  type MnistExperimentResult,
  type RunControl,
  type SearchRanges,
  type SharedSplit,
  type Trial,
} from "../src/experiments/mnist/index.js";

/** The whole experiment `name` in this worker. */
export function experiment(
  a: { name: string; options: MnistExperimentOptions },
  control: JobControl,
): MnistExperimentResult {
  return mnistExperiment(a.name).run(a.options, control as RunControl);
}

/** The comparison `name` with `options` naming some of its curves, on the split shared by every worker. */
export function curves(
  a: { name: string; options: MnistExperimentOptions; data: SharedSplit },
  control: JobControl,
): MnistExperimentResult {
  return mnistExperiment(a.name).run(a.options, control as RunControl, fromSharedSplit(a.data));
}

/** Trials `indices` of round `round` of the search. */
export function searchTrials(
  a: { options: HyperparameterSearchOptions; round: number; ranges: SearchRanges; indices: number[] },
  control: JobControl,
): Trial[] {
  const setup = setupSearch(a.options);
  return runTrials(
    setup,
    a.round,
    a.ranges,
    a.indices,
    new ProgressCounter(setup.perTrial * a.indices.length, "iterations", control as RunControl),
  );
}
