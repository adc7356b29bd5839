/**
 * Shared pieces of the optimizer exercises (§6.1): the project's hand-worked two-step case and
 * the book's exact Figure 6-8 paths (conformance/fixtures/book-optimizer-paths.json, produced by the
 * book's own optimizer.py).
 */
import { readFileSync } from "node:fs";
import { Matrix } from "../../src/base/matrix.js";
import type { Optimizer, Params } from "../../src/optimizer.js";
import { optimizerPath } from "../../src/experiments/optimizer-paths.js";
import { LearnFailure, expectClose, expectThat } from "./teach.js";
import {
  simulate,
  STATE_MISTAKES,
  type RuleName,
  type Simulation,
  type StateKeeping,
} from "../../conformance/laws/optimizer-equations.js";

/** What every optimizer exercise asks for: the book's update(params, grads). */
export interface LearnerOptimizer {
  update(params: Params, grads: Params): void;
}

/**
 * The hand-worked case: W = [1, −2] and the same gradient g = [0.5, −1] on both steps.
 * Returns W after each step; also checks params.W is still the same Matrix (changed in place).
 */
export function twoSteps(opt: LearnerOptimizer, section: string): { first: number[]; second: number[] } {
  const W = Matrix.fromArray([[1, -2]]);
  const params: Params = { W };
  const grads: Params = { W: Matrix.fromArray([[0.5, -1]]) };
  opt.update(params, grads);
  expectThat(params.W === W, {
    section,
    what: "params.W after update() is still the Matrix the network holds",
    expected: "the same Matrix object, its .data changed in place",
    received: "a different object in params.W",
    mistake:
      "params[key] = new Matrix(…): the network's layers hold the old matrix and never see the update; write into params[key].data[i] instead",
  });
  const first = Array.from(W.data);
  opt.update(params, grads);
  return { first, second: Array.from(W.data) };
}

/** One parameter x = [start], `steps` updates with the same gradient g; x after each step. */
export function constantGradient(opt: LearnerOptimizer, g: number, steps: number, start = 0): number[] {
  const x = Matrix.fromArray([[start]]);
  const out: number[] = [];
  for (let t = 0; t < steps; t++) {
    opt.update({ x }, { x: Matrix.fromArray([[g]]) });
    out.push(x.data[0]);
  }
  return out;
}

type PathKey = "SGD(lr=0.95)" | "Momentum(lr=0.1)" | "AdaGrad(lr=1.5)" | "Adam(lr=0.3)";

let fixture: Record<string, [number, number][]> | null = null;
function bookPath(key: PathKey): [number, number][] {
  fixture ??= (
    JSON.parse(
      readFileSync(new URL("../../conformance/fixtures/book-optimizer-paths.json", import.meta.url), "utf8"),
    ) as {
      paths: Record<string, [number, number][]>;
    }
  ).paths;
  return fixture[key];
}

/**
 * Figure 6-8: f(x, y) = x²/20 + y² from (−7, 2), 30 updates with the book's learning rate; every
 * point must match the book code's path within 1e-12. The message names the first update where
 * the two paths part.
 */
export function expectBookPath(opt: LearnerOptimizer, key: PathKey, section: string, mistake: string): void {
  const expected = bookPath(key);
  const received = optimizerPath(opt as Optimizer, 30);
  for (let k = 0; k < expected.length; k++) {
    const [ex, ey] = expected[k],
      [rx, ry] = received[k];
    const off = Math.max(Math.abs(rx - ex), Math.abs(ry - ey));
    if (!(off <= 1e-12))
      throw new LearnFailure(
        [
          `${section} Figure 6-8, ${key}: f(x, y) = x²/20 + y², start (−7, 2), ∇f = (x/10, 2y), 30 updates.`,
          `Your path leaves the book's at update ${k} of 30: expected (${ex}, ${ey}), received (${rx}, ${ry}) (allowed 1e-12).`,
          k > 1
            ? `The first ${k - 1} updates agree, so the rule is nearly right: look at what changes from step to step (state, counters).`
            : "",
          `Usual mistake: ${mistake}`,
        ]
          .filter(Boolean)
          .join("\n"),
      );
  }
}

/** Three parameters of different shapes, as a two-layer network hands to update(). */
const MULTI_KEY_INIT = {
  W1: [
    [0.5, -1, 2],
    [1.5, -0.5, 0.25],
  ],
  b1: [[0, 0.1, -0.2]],
  W2: [
    [1, -1],
    [0.5, 2],
    [-1.5, 0.3],
  ],
};
const MULTI_KEY_GRAD = {
  W1: [0.2, -0.4, 1, -0.3, 0.6, 0.1],
  b1: [0.5, -1, 0.25],
  W2: [-0.2, 0.8, 1.2, -0.6, 0.3, -0.9],
};
/** Step k's gradient is MULTI_KEY_GRAD times this factor: the gradient changes from step to step. */
const STEP_FACTORS = [1, -0.5, 1.5];

/**
 * Three updates of {W1 2×3, b1 1×3, W2 3×2}, each call with fresh gradient matrices: W1, b1 and W2
 * after the third step must be what the book's equations give with state kept per key and across
 * calls (and Adam's iter counting updates). The expected numbers come from the equations written
 * out in conformance/laws/optimizer-equations.ts; when the learner's numbers are exactly those of
 * state kept wrong (shared between keys, reset every call, iter per key), the message says which.
 */
export function expectMultiKey(opt: LearnerOptimizer, rule: RuleName, lr: number, section: string): void {
  const keys = Object.keys(MULTI_KEY_INIT) as (keyof typeof MULTI_KEY_INIT)[];
  const params: Params = Object.fromEntries(keys.map((k) => [k, Matrix.fromArray(MULTI_KEY_INIT[k])]));
  const held = { ...params };
  const calls = STEP_FACTORS.map((f) => ({
    order: keys,
    grads: Object.fromEntries(keys.map((k) => [k, MULTI_KEY_GRAD[k].map((g) => f * g)])),
  }));
  for (const { grads } of calls)
    opt.update(
      params,
      Object.fromEntries(keys.map((k) => [k, new Matrix(held[k].rows, held[k].cols, Float64Array.from(grads[k]))])),
    );
  const init = Object.fromEntries(keys.map((k) => [k, MULTI_KEY_INIT[k].flat()]));
  const flat = (s: Simulation) => keys.flatMap((k) => Array.from(s.params[s.params.length - 1][k]));
  const wrong = (Object.keys(STATE_MISTAKES) as Exclude<StateKeeping, "book">[])
    .filter((keeping) => (keeping === "iter-per-key" ? rule === "adam" : keeping !== "state-in-grads"))
    .map((keeping) => ({ values: flat(simulate(rule, lr, init, calls, keeping)), says: STATE_MISTAKES[keeping] }));
  expectClose(
    keys.flatMap((k) => Array.from(held[k].data)),
    flat(simulate(rule, lr, init, calls)),
    {
      section,
      what: "W1 (2×3), b1 (1×3), W2 (3×2) after three updates, flattened in that order",
      atol: 1e-12,
      mistake:
        "state (v, h, m) must be one matrix per key, created once on the first update and kept in this from one update to the next",
      mistakes: wrong,
    },
  );
}
