/**
 * The book's claims about its MNIST experiments as predicates over the experiments' data.
 * Each returns a verdict with the numbers it looked at, so a failing claim test prints what
 * was measured, and the broken-implementation tests can assert the same predicate fails.
 */
import { expect } from "vitest";
import type { LossCurve, TrainTestCurve } from "../../src/experiments/mnist/common.js";
import type { BatchnormScaleResult } from "../../src/experiments/mnist/batchnorm.js";
import type { SearchRound } from "../../src/experiments/mnist/hyperparameter-search.js";
import { figureByName } from "../../src/figures/index.js";
import { figureMnist } from "../../src/figures/mnist.js";
import { loadMnist, type MnistData } from "../../src/data/mnist.js";
import { figureData } from "../run-once.js";

export interface Verdict {
  holds: boolean;
  /** What was measured, e.g. "SGD 1.31, Momentum 0.35, …". */
  detail: string;
}

export const mean = (a: readonly number[]): number => a.reduce((s, v) => s + v, 0) / a.length;
/** The last ⌈n·frac⌉ entries. */
export const tail = <T>(a: readonly T[], frac: number): T[] =>
  a.slice(a.length - Math.max(1, Math.ceil(a.length * frac)));
const f3 = (x: number) => x.toFixed(3);

/** Mean training loss over the last quarter of the iterations. */
export const lateLoss = (c: Pick<LossCurve, "loss">): number => mean(tail(c.loss, 0.25));

/**
 * Figure 6-9: SGD learns slowest and the other three are close. With L the mean loss over the
 * last quarter: L(SGD) is the largest, and the spread of the other three is smaller than SGD's
 * distance to the nearest of them.
 */
export function sgdSlowestOthersClose(curves: readonly LossCurve[]): Verdict {
  const L = new Map(curves.map((c) => [c.name, lateLoss(c)]));
  const sgd = L.get("SGD")!;
  const others = ["Momentum", "AdaGrad", "Adam"].map((n) => L.get(n)!);
  const gap = sgd - Math.max(...others),
    spread = Math.max(...others) - Math.min(...others);
  return {
    holds: gap > 0 && spread < gap,
    detail: `late loss ${[...L].map(([n, v]) => `${n} ${f3(v)}`).join(", ")}; SGD above the others by ${f3(gap)}, spread of the others ${f3(spread)}`,
  };
}

/** Figure 6-15, first half: with std 0.01 the loss stays at ln 10 (late loss within 0.01 of it). */
export function std001DoesNotLearn(c: LossCurve): Verdict {
  const L = lateLoss(c);
  return { holds: Math.abs(L - Math.LN10) < 0.01, detail: `std=0.01 late loss ${f3(L)}, ln 10 = ${f3(Math.LN10)}` };
}

/** Figure 6-15, second half: He learns faster than Xavier (late loss at least 0.15 lower). */
export function heFasterThanXavier(curves: readonly LossCurve[]): Verdict {
  const he = lateLoss(curves.find((c) => c.name === "He")!),
    xavier = lateLoss(curves.find((c) => c.name === "Xavier")!);
  return {
    holds: he < xavier - 0.15,
    detail: `late loss He ${f3(he)}, Xavier ${f3(xavier)} (He must be ≥ 0.15 lower)`,
  };
}

/** An accuracy curve with divergence (null) counted as chance, 0.1: NumPy's NaN weights predict one class. */
const accs = (a: readonly (number | null)[]) => a.map((v) => v ?? 0.1);
/** Mean accuracy over the epochs: the area under the curve, large when learning is fast. */
export const area = (a: readonly (number | null)[]): number => mean(accs(a));
const final = (a: readonly (number | null)[]): number => accs(a)[a.length - 1];

/**
 * Figures 6-18/6-19, first half: BatchNorm learns faster (its mean accuracy over the epochs is
 * at least 0.05 higher) at three quarters of the weight scales or more.
 */
export function batchnormFasterAtMostScales(scales: readonly BatchnormScaleResult[]): Verdict {
  const faster = scales.filter((s) => area(s.batchnorm.trainAcc) > area(s.plain.trainAcc) + 0.05);
  return {
    holds: faster.length >= 0.75 * scales.length,
    detail:
      `BN ahead at ${faster.length}/${scales.length} scales; mean accuracy BN/plain: ` +
      scales
        .map(
          (s) => `W ${s.weightScale.toExponential(1)}: ${f3(area(s.batchnorm.trainAcc))}/${f3(area(s.plain.trainAcc))}`,
        )
        .join(", "),
  };
}

/**
 * Figures 6-18/6-19, second half: at the largest and the smallest scale the plain net fails to
 * learn (final accuracy ≤ 0.2, or its weights overflow) while the BatchNorm net learns (≥ 0.3).
 */
export function plainFailsWhereBatchnormLearns(scales: readonly BatchnormScaleResult[]): Verdict {
  const ends = [scales[0], scales[scales.length - 1]];
  const ok = ends.every((s) => final(s.plain.trainAcc) <= 0.2 && final(s.batchnorm.trainAcc) >= 0.3);
  return {
    holds: ok,
    detail: ends
      .map(
        (s) =>
          `W ${s.weightScale.toExponential(1)}: final plain ${s.plain.divergedAt !== null ? `diverged at iteration ${s.plain.divergedAt}` : f3(final(s.plain.trainAcc))}, ` +
          `BN ${s.batchnorm.divergedAt !== null ? `diverged at iteration ${s.batchnorm.divergedAt}` : f3(final(s.batchnorm.trainAcc))}`,
      )
      .join("; "),
  };
}

/** Mean of the last fifth of an accuracy curve (a diverged run, with nulls, has none: NaN). */
const late = (a: readonly (number | null)[]): number => (a.includes(null) ? NaN : mean(tail(a as number[], 0.2)));
/** Train − test accuracy averaged over the last fifth of the epochs. */
export const gap = (r: TrainTestCurve): number => late(r.trainAcc) - late(r.testAcc);
const described = (r: TrainTestCurve) =>
  r.divergedAt !== null
    ? `diverged at iteration ${r.divergedAt}`
    : `train ${f3(late(r.trainAcc))}, test ${f3(late(r.testAcc))}, gap ${f3(gap(r))}`;

/** The overfitting setup overfits: the unregularised gap is at least 0.15. */
export function overfits(r: TrainTestCurve): Verdict {
  return { holds: r.divergedAt === null && gap(r) >= 0.15, detail: `unregularised: ${described(r)}` };
}

/**
 * Figures 6-21 and 6-23: a regulariser narrows the train/test gap by at least 0.05 while the net
 * still learns (no divergence, test accuracy ≥ 0.3, three times chance): a net that learns
 * nothing has no gap, and that is not the book's point.
 */
export function narrowsGap(plain: TrainTestCurve, regularised: TrainTestCurve, what: string): Verdict {
  const learns = regularised.divergedAt === null && late(regularised.testAcc) >= 0.3;
  return {
    holds: learns && gap(regularised) < gap(plain) - 0.05,
    detail: `without ${what}: ${described(plain)}; with ${what}: ${described(regularised)}; the gap must narrow by ≥ 0.05 with test accuracy ≥ 0.3`,
  };
}

/** Figure 6-24: the best-ranked trial's final validation accuracy beats the worst-ranked's by ≥ 0.2. */
export function bestBeatsWorst(r: SearchRound): Verdict {
  const last = (i: number) => r.trials[i].valAcc[r.trials[i].valAcc.length - 1];
  const best = last(r.ranking[0]),
    worst = last(r.ranking[r.ranking.length - 1]);
  return {
    holds: best >= worst + 0.2,
    detail: `best-ranked final validation accuracy ${f3(best)}, worst-ranked ${f3(worst)}`,
  };
}

/** Asserts a verdict with a message that teaches: claim, book place, sizes, seed, numbers, usual mistake. */
export function expectClaim(
  v: Verdict,
  ctx: { claim: string; section: string; sizes: string; seed: number | string; mistake: string },
): void {
  expect(
    v.holds,
    [
      `Claim failed: ${ctx.claim} (${ctx.section})`,
      `Measured: ${v.detail}`,
      `Sizes: ${ctx.sizes}; seed ${ctx.seed} (rerun the experiment with these to reproduce)`,
      `Usual mistake: ${ctx.mistake}`,
    ].join("\n"),
  ).toBe(true);
}

/** Asserts that a deliberately broken implementation makes the claim fail. */
export function expectClaimFails(v: Verdict, ctx: { claim: string; broken: string }): void {
  expect(
    v.holds,
    `The claim "${ctx.claim}" still holds with ${ctx.broken}, so this test cannot tell that bug from a correct implementation.\nMeasured: ${v.detail}`,
  ).toBe(false);
}

/**
 * A reduced run the golden suite draws too (its figure in src/figures/mnist.ts), trained once per
 * test run for both (spec/run-once.ts). Fails unless the figure was trained with exactly the
 * claim's sizes and seed (both load MNIST as loadMnist({ seed: 0, testSize: 2000 })).
 */
export function figureRun<R extends { settings: object }>(figure: string, sizes: { seed: number | string }): R {
  const run = figureData(figureByName(figure)) as R;
  expect(run.settings, `${figure}: the figure's run must have the claim's sizes`).toMatchObject({
    ...sizes,
    seed: String(sizes.seed),
  });
  return run;
}

/**
 * The claims' MNIST split, loadMnist({ seed, testSize: 2000 }). Seed 0's is the split the reduced
 * figure runs load, held once per process (src/figures/mnist.ts): each load is 63 MB to allocate
 * and decode, and the experiments only read it.
 */
export function mnistSplit(seed: number | string): MnistData {
  return seed === 0 ? figureMnist() : loadMnist({ seed, testSize: 2000 });
}
