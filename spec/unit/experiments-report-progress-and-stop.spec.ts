/**
 * The MNIST experiments' contract with the command line, at tiny sizes: progress counts every
 * update up to the announced total; a stop request ends the run early with `complete: false` and
 * the finished part equal to the start of the full run; the same seed gives the same numbers;
 * and the search's trials and the comparisons' curves are independent jobs (split between
 * workers, same result).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { MnistData } from "../../src/data/mnist.js";
import { figureMnist } from "../../src/figures/mnist.js";
import {
  batchnormExperiment,
  dropoutExperiment,
  hyperparameterSearch,
  optimizerCompare,
  overfitExperiment,
  runSearchTrials,
  searchResult,
  searchRound,
  round2Ranges,
  setupSearch,
  weightInitCompare,
  ProgressCounter,
  joinCurveParts,
  mnistExperiment,
  type MnistExperimentResult,
  type OptimizerCompareResult,
  type Progress,
  type RunControl,
  type WeightInitCompareResult,
} from "../../src/experiments/mnist/index.js";

let data: MnistData;
beforeAll(() => {
  data = figureMnist(); // the split the reduced figure runs load (seed 0), once per process
});

const tiny: Record<string, (c: RunControl & { seed?: number }) => MnistExperimentResult> = {
  "optimizer-compare": (c) => optimizerCompare({ iterations: 6, batchSize: 4, hiddenSizeList: [5], data, ...c }),
  "weight-init-compare": (c) => weightInitCompare({ iterations: 6, batchSize: 4, hiddenSizeList: [5], data, ...c }),
  batchnorm: (c) =>
    batchnormExperiment({
      weightScales: [1, 0.01],
      trainSize: 20,
      batchSize: 5,
      epochs: 3,
      hiddenSizeList: [5, 5],
      data,
      ...c,
    }),
  "weight-decay": (c) =>
    overfitExperiment({ trainSize: 20, testSize: 20, batchSize: 10, epochs: 4, hiddenSizeList: [5, 5], data, ...c }),
  dropout: (c) =>
    dropoutExperiment({ trainSize: 20, testSize: 20, batchSize: 10, epochs: 4, hiddenSizeList: [5, 5], data, ...c }),
  "hyperparameter-search": (c) =>
    hyperparameterSearch({
      trials: 3,
      round2Trials: 2,
      top: 2,
      epochs: 2,
      trainSize: 20,
      batchSize: 8,
      hiddenSizeList: [5],
      data,
      ...c,
    }),
};

/** Every number array in a result, flattened in order (to compare a partial run with the full one). */
function numbers(r: MnistExperimentResult): number[][] {
  switch (r.experiment) {
    case "optimizer-compare":
    case "weight-init-compare":
      return r.curves.map((c) => c.loss);
    case "batchnorm":
      return r.scales.flatMap((s) => [s.batchnorm.trainAcc, s.plain.trainAcc]) as number[][];
    case "weight-decay":
    case "dropout":
      return r.runs.flatMap((x) => [x.trainAcc, x.testAcc]) as number[][];
    case "hyperparameter-search":
      return r.rounds.flatMap((x) => x.trials.flatMap((t) => [t.valAcc, t.trainAcc]));
  }
}

describe.each(Object.entries(tiny))("%s", (name, runIt) => {
  it("reports progress for every update up to its total, and completes", () => {
    const seen: Progress[] = [];
    const r = runIt({ onProgress: (p) => seen.push(p) });
    expect(r.complete, `${name}: a full run is complete`).toBe(true);
    expect(seen.length, `${name}: one report per update`).toBe(seen[0].total);
    expect(seen.map((p) => p.done)).toEqual(seen.map((_, i) => i + 1));
    expect(seen.every((p) => p.unit === "iterations" && p.label.length > 0)).toBe(true);
  });

  it("stops when asked, keeping a prefix of the full run", () => {
    const full = numbers(runIt({}));
    let ticks = 0;
    const r = runIt({ onProgress: () => ticks++, shouldStop: () => ticks >= 5 });
    expect(r.complete, `${name}: stopped after 5 updates`).toBe(false);
    expect(ticks).toBe(5);
    const part = numbers(r);
    part.forEach((a, k) =>
      expect(a, `${name}: array ${k} of the partial run starts the full run's`).toEqual(full[k].slice(0, a.length)),
    );
  });

  it("same seed, same numbers; another seed, other numbers", () => {
    expect(numbers(runIt({}))).toEqual(numbers(runIt({})));
    expect(numbers(runIt({ seed: 1 }))).not.toEqual(numbers(runIt({})));
  });
});

describe("the search's trials are independent jobs", () => {
  it("dealt to two 'workers' (odd and even indices), the rounds equal the one-thread search", () => {
    const opts = {
      trials: 5,
      round2Trials: 3,
      top: 2,
      epochs: 2,
      trainSize: 20,
      batchSize: 8,
      hiddenSizeList: [5],
      data,
    };
    const whole = hyperparameterSearch(opts);
    const setup = setupSearch(opts);
    const dealt = (round: number, n: number, ranges: typeof setup.ranges) => {
      const part = (w: number) =>
        runSearchTrials(
          setup,
          round,
          ranges,
          [...Array(n).keys()].filter((i) => i % 2 === w),
          new ProgressCounter(1, "iterations"),
        );
      return searchRound(round, ranges, [...part(1), ...part(0)]);
    };
    const r1 = dealt(1, 5, setup.ranges);
    const split = searchResult(setup, [r1, dealt(2, 3, round2Ranges(setup, r1))]);
    expect(split).toEqual(whole);
  });
});

type CurveResult = OptimizerCompareResult | WeightInitCompareResult;

describe("the comparisons' curves are independent jobs", () => {
  const options = { iterations: 5, batchSize: 4, hiddenSizeList: [5], trainSize: 64, seed: 3 };
  for (const name of ["optimizer-compare", "weight-init-compare"]) {
    it(`${name}: curves dealt round-robin to two parts and joined equal the one-thread run; a stopped part leaves its curves out`, () => {
      const exp = mnistExperiment(name);
      const names = exp.curves!.names(options);
      const whole = exp.run(options, {});
      const indices = [
        names.map((_, i) => i).filter((i) => i % 2 === 0),
        names.map((_, i) => i).filter((i) => i % 2 === 1),
      ];
      // data must come from the same seed inside each part, as in a worker thread (no shared `data`)
      const parts = indices.map(
        (idx) =>
          exp.run(
            exp.curves!.only(
              options,
              idx.map((i) => names[i]),
            ),
            {},
          ) as CurveResult,
      );
      expect(
        joinCurveParts(parts, indices, names.length),
        `§6.1.8/§6.2.2 ${name}: each curve regenerates its weights and batches from the seed, so parts joined must equal the whole run. ` +
          "Usual mistake: drawing the batches from one generator shared by the curves (then the second curve's batches depend on the first's).",
      ).toEqual(whole);
      // a stop request before anything ran in part 1: its curves are missing and the result is incomplete
      const stopped = exp.run(
        exp.curves!.only(
          options,
          indices[1].map((i) => names[i]),
        ),
        { shouldStop: () => true },
      ) as CurveResult;
      const joined = joinCurveParts([parts[0], stopped], indices, names.length);
      expect(joined.complete).toBe(false);
      expect(joined.curves.map((c) => c.name)).toEqual(
        indices[0].map((i) => (whole as { curves: { name: string }[] }).curves[i].name),
      );
    });
  }

  it("joinCurveParts refuses parts that do not match their index lists", () => {
    expect(() => joinCurveParts([], [[0]], 1)).toThrow(
      /joinCurveParts: argument 'parts' expected one result per index list \(1\), received 0/,
    );
  });
});
