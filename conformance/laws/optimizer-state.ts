/**
 * Optimizer state over several steps and several keys (§6.1): a network hands update() its W1, b1,
 * W2, … (different shapes) on every step, so state (v, h, m) must be kept per key, persist from one
 * call to the next, and Adam's iter must count updates, not keys. The expected values come from the
 * book's equations in plain loops (optimizer-equations.ts), never from the implementation; when the
 * received numbers are exactly those of a known way of keeping state wrong, the message names it.
 */
import fc from "fast-check";
import type { Impl, Mat } from "./impl.js";
import { num, propertyLaw, violation, type Law } from "./law.js";
import { gradient } from "./optimizers.js";
import {
  allClose,
  simulate,
  STATE_FIELDS,
  STATE_MISTAKES,
  type RuleName,
  type StateKeeping,
} from "./optimizer-equations.js";
import { dataRng, makeOptimizer, OPTIMIZERS, randn } from "./util.js";

const SPEC = "spec/properties/every-law-holds-on-the-reference.spec.ts";
const LR: Record<RuleName, number> = {
  sgd: 0.1,
  momentum: 0.05,
  nesterov: 0.05,
  adagrad: 0.5,
  rmsprop: 0.01,
  adam: 0.1,
};
/** Same operations in another order or with powInt/`**`: ~1e-15 relative per step; 1e-11 over ≤ 6 steps on |W| ≲ 10. */
const ATOL = 1e-12,
  RTOL = 1e-11;

interface Case {
  r: number;
  c: number;
  k: number;
  steps: number;
  seed: number;
}

const caseArb = fc.record({
  r: fc.integer({ min: 2, max: 3 }),
  c: fc.integer({ min: 1, max: 4 }),
  k: fc.integer({ min: 1, max: 3 }),
  steps: fc.integer({ min: 2, max: 6 }),
  seed: fc.integer(),
});

/** W1 r×c, b1 1×c, W2 c×k: three keys of different shapes, as a two-layer net has. */
function setup(impl: Impl, { r, c, k, steps, seed }: Case) {
  const rng = dataRng(seed);
  const shapes: Record<string, [number, number]> = { W1: [r, c], b1: [1, c], W2: [c, k] };
  const init = Object.fromEntries(Object.entries(shapes).map(([key, [a, b]]) => [key, randn(impl, rng, a, b).data]));
  const grads = Array.from({ length: steps }, () =>
    Object.fromEntries(
      Object.entries(shapes).map(([key, [a, b]]) => [key, Float64Array.from(gradient(impl, rng, a, b).data)]),
    ),
  );
  // Each call lists the keys in another order (a rotation): state is per key name, not per position.
  const keys = Object.keys(shapes);
  const calls = grads.map((g, s) => ({ order: keys.map((_, i) => keys[(i + s) % keys.length]), grads: g }));
  return { shapes, init, calls };
}

/** The first known mistake whose simulated parameters after `step` match the received ones (else ""). */
function diagnose(
  rule: RuleName,
  init: Record<string, Float64Array>,
  calls: Parameters<typeof simulate>[3],
  step: number,
  received: Record<string, Float64Array>,
): string {
  for (const keeping of Object.keys(STATE_MISTAKES) as Exclude<StateKeeping, "book">[]) {
    if (keeping === "iter-per-key" && rule !== "adam") continue;
    if (keeping !== "iter-per-key" && rule === "sgd") continue;
    const alt = simulate(rule, LR[rule], init, calls.slice(0, step + 1), keeping).params[step];
    if (Object.keys(received).every((key) => allClose(received[key], alt[key], ATOL, RTOL)))
      return ` The received numbers are exactly those of this mistake: ${STATE_MISTAKES[keeping]}.`;
  }
  return "";
}

export const multiKeySteps = propertyLaw(
  {
    id: "optimizer-state-multi-key",
    section: "§6.1 Parameter updates (state per key, kept across steps)",
    spec: SPEC,
    title:
      "Every optimizer updating {W1, b1, W2} (three shapes) for several steps follows the book's equations for each key, with state kept per key from call to call and Adam's iter counted once per update",
    mistake:
      "state shared between keys, reset on every call, or Adam's iter incremented per key; or the gradient matrices kept as state (a network overwrites them on the next step)",
  },
  caseArb,
  15,
  (impl, cs) => {
    const { shapes, init, calls } = setup(impl, cs);
    for (const rule of OPTIMIZERS) {
      const P: Record<string, Mat> = Object.fromEntries(
        Object.entries(shapes).map(([key, [a, b]]) => [key, new impl.Matrix(a, b, Float64Array.from(init[key]))]),
      );
      // One set of gradient matrices, overwritten before each step as a network that reuses its buffers does.
      const G: Record<string, Mat> = Object.fromEntries(
        Object.entries(shapes).map(([key, [a, b]]) => [key, new impl.Matrix(a, b)]),
      );
      const opt = makeOptimizer(impl, rule, { lr: LR[rule] });
      const expected = simulate(rule, LR[rule], init, calls);
      calls.forEach(({ order, grads }, step) => {
        for (const key of order) G[key].data.set(grads[key]);
        const params = Object.fromEntries(order.map((key) => [key, P[key]])),
          g = Object.fromEntries(order.map((key) => [key, G[key]]));
        opt.update(params, g);
        for (const key of order)
          if (params[key] !== P[key])
            violation(
              `${rule}: update replaced params.${key} with another matrix; it must change the given matrix in place (a network's layers hold it)`,
            );
        const received = Object.fromEntries(order.map((key) => [key, Float64Array.from(P[key].data)]));
        for (const key of order) {
          const want = expected.params[step][key],
            got = received[key];
          if (allClose(got, want, ATOL, RTOL)) continue;
          let i = 0;
          while (
            i < got.length &&
            Math.abs(got[i] - want[i]) <= ATOL + RTOL * Math.max(Math.abs(got[i]), Math.abs(want[i]))
          )
            i++;
          const cols = shapes[key][1];
          violation(
            `${rule} (lr ${LR[rule]}): ${key} (${shapes[key].join("×")}) after step ${step + 1} of ${calls.length}, keys updated in the order ${order.join(", ")}: ` +
              `index [${Math.floor(i / cols)}, ${i % cols}] is ${num(got[i])}, expected ${num(want[i])} by the book's equations.` +
              diagnose(rule, init, calls, step, received),
          );
        }
      });
    }
  },
);

/** Whether two typed arrays share memory. */
function overlaps(a: Float64Array, b: Float64Array): boolean {
  if (a.buffer !== b.buffer) return false;
  return a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

export const statePerKey = propertyLaw(
  {
    id: "optimizer-state-per-key",
    section: "§6.1 Parameter updates (state v, h, m, iter is public)",
    spec: SPEC,
    title:
      "After several updates of {W1, b1, W2}, each optimizer's state has one matrix per key with that key's shape and the equations' values, in memory of its own; Adam's iter equals the number of updates; grads are left unchanged",
    mistake:
      "Adam's iter incremented per key, state matrices shared between keys or aliasing params or grads, or update writing into the caller's grads",
  },
  caseArb,
  15,
  (impl, cs) => {
    const { shapes, init, calls } = setup(impl, cs);
    const keys = Object.keys(shapes);
    for (const rule of OPTIMIZERS) {
      const params: Record<string, Mat> = Object.fromEntries(
        keys.map((key) => [key, new impl.Matrix(shapes[key][0], shapes[key][1], Float64Array.from(init[key]))]),
      );
      const opt = makeOptimizer(impl, rule, { lr: LR[rule] }) as unknown as Record<string, unknown> & {
        update(p: object, g: object): void;
      };
      const gradMats: Mat[] = [];
      for (const { grads } of calls) {
        const g = Object.fromEntries(
          keys.map((key) => [key, new impl.Matrix(shapes[key][0], shapes[key][1], Float64Array.from(grads[key]))]),
        );
        opt.update(params, g);
        gradMats.push(...Object.values(g));
        for (const key of keys) {
          const changed = g[key].data.findIndex((v, i) => v !== grads[key][i]);
          if (changed >= 0)
            violation(
              `${rule}: update changed the caller's grads.${key} at index ${changed} (${num(grads[key][changed])} → ${num(g[key].data[changed])}): grads are inputs, state belongs in the optimizer's own matrices`,
            );
        }
      }
      const expected = simulate(
        rule,
        LR[rule],
        init,
        calls.map(({ grads }) => ({ order: keys, grads })),
      );
      if (rule === "adam" && opt.iter !== calls.length)
        violation(
          `adam: iter is ${String(opt.iter)} after ${calls.length} updates of ${keys.length} keys, expected ${calls.length}` +
            (opt.iter === calls.length * keys.length
              ? `: it was incremented once per key (${calls.length} × ${keys.length}); count updates, not keys`
              : ""),
        );
      const own: [string, Float64Array][] = [];
      for (const field of STATE_FIELDS[rule]) {
        const st = opt[field] as Record<string, Mat> | null | undefined;
        if (!st || typeof st !== "object")
          violation(
            `${rule}: state ${field} is ${st === null ? "null" : typeof st} after ${calls.length} updates, expected an object with a matrix per key (${keys.join(", ")})`,
          );
        for (const key of keys) {
          const s = st[key];
          if (!s || !(s.data instanceof Float64Array))
            violation(
              `${rule}: state ${field}.${key} is missing (keys present: ${Object.keys(st).join(", ") || "none"}); state is kept per key`,
            );
          if (s.rows !== shapes[key][0] || s.cols !== shapes[key][1])
            violation(
              `${rule}: state ${field}.${key} is ${s.rows}×${s.cols}, expected ${shapes[key].join("×")} like params.${key}`,
            );
          const want = expected.state[field][key];
          if (!allClose(s.data, want, ATOL, RTOL)) {
            const i = s.data.findIndex(
              (v, j) => !(Math.abs(v - want[j]) <= ATOL + RTOL * Math.max(Math.abs(v), Math.abs(want[j]))),
            );
            violation(
              `${rule}: state ${field}.${key} after ${calls.length} updates, index ${i}: ${num(s.data[i])}, expected ${num(want[i])} by the book's equations`,
            );
          }
          own.push([`${field}.${key}`, s.data]);
        }
      }
      const others: [string, Float64Array][] = [
        ...keys.map((key): [string, Float64Array] => [`params.${key}`, params[key].data]),
        ...gradMats.map((m, i): [string, Float64Array] => [
          `grads.${keys[i % keys.length]} of step ${Math.floor(i / keys.length) + 1}`,
          m.data,
        ]),
      ];
      for (let a = 0; a < own.length; a++) {
        for (let b = a + 1; b < own.length; b++)
          if (overlaps(own[a][1], own[b][1]))
            violation(`${rule}: state ${own[a][0]} and ${own[b][0]} share memory: each key needs state of its own`);
        for (const [name, data] of others)
          if (overlaps(own[a][1], data))
            violation(
              `${rule}: state ${own[a][0]} shares memory with ${name}: state must be the optimizer's own matrices, not the caller's`,
            );
      }
    }
  },
);

export const optimizerStateLaws: Law[] = [multiKeySteps, statePerKey];
