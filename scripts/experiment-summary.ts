/**
 * What `npm run experiment` prints after each experiment: a few lines of outcome (final losses or
 * accuracies, the search's ranking), from the experiment's result.
 */
import type {
  BatchnormResult,
  DropoutResult,
  HyperparameterSearchResult,
  MnistExperimentResult,
  OptimizerCompareResult,
  OverfitResult,
  WeightInitCompareResult,
} from "../src/experiments/mnist/index.js";

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? "—" : x.toFixed(3));
const lastOf = <T>(a: readonly T[]): T | undefined => a[a.length - 1];
const meanTail = (a: readonly number[], n: number) => {
  const t = a.slice(-n);
  return t.reduce((s, v) => s + v, 0) / t.length;
};

const SUMMARIES: Record<string, (r: MnistExperimentResult) => string[]> = {
  "optimizer-compare": (r) =>
    (r as OptimizerCompareResult).curves.map(
      (c) =>
        `${c.name.padEnd(9)} lr ${c.lr}: final loss ${f3(lastOf(c.loss))}, smoothed ${f3(lastOf(c.smoothed))}, mean of the last ${Math.min(100, c.loss.length)} ${f3(meanTail(c.loss, 100))}`,
    ),
  "weight-init-compare": (r) =>
    (r as WeightInitCompareResult).curves.map(
      (c) =>
        `${c.name.padEnd(9)} final loss ${f3(lastOf(c.loss))}, smoothed ${f3(lastOf(c.smoothed))}, mean of the last ${Math.min(100, c.loss.length)} ${f3(meanTail(c.loss, 100))}`,
    ),
  batchnorm: (r) =>
    (r as BatchnormResult).scales.map(
      (s) =>
        `W ${s.weightScale.toExponential(2)}: final train acc BN ${f3(lastOf(s.batchnorm.trainAcc))}, plain ${s.plain.divergedAt !== null ? `diverged at iteration ${s.plain.divergedAt}` : f3(lastOf(s.plain.trainAcc))}`,
    ),
  "weight-decay": (r) =>
    (r as OverfitResult).runs.map(
      (run) =>
        `λ ${run.weightDecayLambda}: final train acc ${f3(lastOf(run.trainAcc))}, test acc ${f3(lastOf(run.testAcc))}${run.divergedAt !== null ? ` (diverged at iteration ${run.divergedAt})` : ""}`,
    ),
  dropout: (r) =>
    (r as DropoutResult).runs.map(
      (run) =>
        `${run.useDropout ? `dropout ${run.dropoutRatio}` : "no dropout "}: final train acc ${f3(lastOf(run.trainAcc))}, test acc ${f3(lastOf(run.testAcc))}, Trainer's final test acc ${f3(run.finalTestAcc)}`,
    ),
  "hyperparameter-search": (r) =>
    (r as HyperparameterSearchResult).rounds.flatMap((round) => [
      `round ${round.round}: lr 10^[${round.ranges.lr.map((v) => v.toFixed(2)).join(", ")}], weight decay 10^[${round.ranges.weightDecay.map((v) => v.toFixed(2)).join(", ")}], ${round.trials.length} trials`,
      ...round.ranking.slice(0, (r as HyperparameterSearchResult).settings.top).map((i, k) => {
        const t = round.trials[i];
        return `  Best-${k + 1}(val acc:${f3(lastOf(t.valAcc))}) | lr:${t.lr.toExponential(3)}, weight decay:${t.weightDecay.toExponential(3)}`;
      }),
    ]),
};

/** The lines printed under experiment `name`'s result. */
export function summarize(name: string, result: MnistExperimentResult): string[] {
  return SUMMARIES[name]?.(result) ?? [];
}
