/**
 * The §6.1 update rules written out in plain scalar loops, independent of any implementation: the
 * oracle of the multi-key optimizer laws (and of learn mode's multi-key checks). Besides the book's
 * rules it replays a few known ways of keeping state wrong, so a failing check can say which one the
 * received numbers are, and name a mistake only when they match it.
 *
 * Every rule is element-wise with state per parameter key, created at 0 on the first update:
 *   SGD       W ← W − lr·g
 *   Momentum  v ← αv − lr·g;  W ← W + v                                  (α = 0.9)
 *   Nesterov  W ← W + α²v − (1 + α)·lr·g;  v ← αv − lr·g                 (α = 0.9)
 *   AdaGrad   h ← h + g⊙g;  W ← W − lr·g/(√h + 1e-7)
 *   RMSprop   h ← ρh + (1 − ρ)g⊙g;  W ← W − lr·g/(√h + 1e-7)             (ρ = 0.99)
 *   Adam      iter ← iter + 1 (once per update);  lr_t = lr·√(1 − β2^iter)/(1 − β1^iter);
 *             m ← m + (1 − β1)(g − m);  v ← v + (1 − β2)(g² − v);  W ← W − lr_t·m/(√v + 1e-7)   (β1 0.9, β2 0.999)
 */
export type RuleName = "sgd" | "momentum" | "nesterov" | "adagrad" | "rmsprop" | "adam";

/** How state is kept: the book's way, or a known mistake. */
export type StateKeeping = "book" | "iter-per-key" | "reset-each-call" | "shared-between-keys" | "state-in-grads";

export const STATE_MISTAKES: Record<Exclude<StateKeeping, "book">, string> = {
  "iter-per-key":
    "Adam's iter incremented once per parameter key instead of once per update (lr_t then uses the wrong step count)",
  "reset-each-call":
    "state reset on every update (created with = instead of ??=, or kept in a local variable): nothing carries over between steps",
  "shared-between-keys":
    "one state array shared by all keys (indexed by element position), instead of one per key with the key's shape",
  "state-in-grads":
    "state kept in the caller's grads matrices (v[key] = grads[key]): the next gradient is written over them, so the old state is lost",
};

const ALPHA = 0.9,
  RHO = 0.99,
  BETA1 = 0.9,
  BETA2 = 0.999;

/** The state names each rule keeps. */
export const STATE_FIELDS: Record<RuleName, readonly ("v" | "h" | "m")[]> = {
  sgd: [],
  momentum: ["v"],
  nesterov: ["v"],
  adagrad: ["h"],
  rmsprop: ["h"],
  adam: ["m", "v"],
};

export interface Simulation {
  /** Parameters after each update: params[step][key]. */
  params: Record<string, Float64Array>[];
  /** State after the last update: state[field][key] (for "shared-between-keys", the one shared array under every key). */
  state: Record<string, Record<string, Float64Array>>;
  /** Adam's iter after the last update. */
  iter: number;
}

/**
 * Runs `rule` over `calls`: each call is one update(params, grads) with the keys in the given order
 * and the gradients by key. `init` holds the starting parameters by key.
 */
export function simulate(
  rule: RuleName,
  lr: number,
  init: Record<string, ArrayLike<number>>,
  calls: { order: readonly string[]; grads: Record<string, ArrayLike<number>> }[],
  keeping: StateKeeping = "book",
): Simulation {
  const W: Record<string, Float64Array> = Object.fromEntries(
    Object.entries(init).map(([k, v]) => [k, Float64Array.from(v)]),
  );
  const size = Math.max(...Object.values(W).map((w) => w.length));
  const fresh = (): Record<string, Record<string, Float64Array>> => {
    const shared = Object.fromEntries(STATE_FIELDS[rule].map((f) => [f, new Float64Array(size)]));
    return Object.fromEntries(
      STATE_FIELDS[rule].map((f) => [
        f,
        Object.fromEntries(
          Object.keys(W).map((k) => [k, keeping === "shared-between-keys" ? shared[f] : new Float64Array(W[k].length)]),
        ),
      ]),
    );
  };
  let state = fresh();
  let iter = 0;
  const out: Record<string, Float64Array>[] = [];
  calls.forEach(({ order, grads }, call) => {
    if (keeping === "reset-each-call") state = fresh();
    // The caller wrote this call's gradient into the matrices that hold the state.
    if (keeping === "state-in-grads" && call > 0)
      for (const f of STATE_FIELDS[rule]) for (const key of order) state[f][key] = Float64Array.from(grads[key]);
    if (keeping !== "iter-per-key") iter += 1;
    for (const key of order) {
      if (keeping === "iter-per-key") iter += 1;
      const w = W[key],
        g = grads[key];
      const lrT = (lr * Math.sqrt(1 - BETA2 ** iter)) / (1 - BETA1 ** iter);
      for (let i = 0; i < w.length; i++) {
        switch (rule) {
          case "sgd":
            w[i] = w[i] - lr * g[i];
            break;
          case "momentum": {
            const v = state.v[key];
            v[i] = ALPHA * v[i] - lr * g[i];
            w[i] = w[i] + v[i];
            break;
          }
          case "nesterov": {
            const v = state.v[key];
            w[i] = w[i] + ALPHA * ALPHA * v[i] - (1 + ALPHA) * lr * g[i];
            v[i] = ALPHA * v[i] - lr * g[i];
            break;
          }
          case "adagrad": {
            const h = state.h[key];
            h[i] = h[i] + g[i] * g[i];
            w[i] = w[i] - (lr * g[i]) / (Math.sqrt(h[i]) + 1e-7);
            break;
          }
          case "rmsprop": {
            const h = state.h[key];
            h[i] = RHO * h[i] + (1 - RHO) * g[i] * g[i];
            w[i] = w[i] - (lr * g[i]) / (Math.sqrt(h[i]) + 1e-7);
            break;
          }
          case "adam": {
            const m = state.m[key],
              v = state.v[key];
            m[i] = m[i] + (1 - BETA1) * (g[i] - m[i]);
            v[i] = v[i] + (1 - BETA2) * (g[i] * g[i] - v[i]);
            w[i] = w[i] - (lrT * m[i]) / (Math.sqrt(v[i]) + 1e-7);
            break;
          }
        }
      }
    }
    out.push(Object.fromEntries(Object.entries(W).map(([k, w]) => [k, Float64Array.from(w)])));
  });
  return { params: out, state, iter };
}

/** |a − b| ≤ atol + rtol·max(|a|, |b|) everywhere (NaN never close). */
export function allClose(a: ArrayLike<number>, b: ArrayLike<number>, atol: number, rtol: number): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++)
    if (!(Math.abs(a[i] - b[i]) <= atol + rtol * Math.max(Math.abs(a[i]), Math.abs(b[i])))) return false;
  return true;
}
