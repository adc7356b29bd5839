/**
 * The parameter-update rules of §6.1, as the book's common/optimizer.py computes them.
 * `update(params, grads)` changes each params[key] in place (the layers hold references to
 * those matrices). State (v, h, m, iter) is public and created on the first update, with the
 * same keys and shapes as params, so it can be inspected, copied and restored.
 */
import { Matrix } from "./base/matrix.js";
import { powInt } from "./base/pow.js";
import { checkChoice, checkFinite, checkOptions, checkPositive, checkRange, describe, fail } from "./base/validate.js";

export type Params = Record<string, Matrix>;

export interface Optimizer {
  readonly name: string;
  readonly lr: number;
  update(params: Params, grads: Params): void;
}

/**
 * Checks grads against params before anything is changed: same keys, same shapes, finite values.
 * `state` is the optimizer's v/h/m by name: once the first update has shaped it, params must keep
 * its keys and shapes (a new key or shape would read undefined or NaN after some W had moved).
 */
export function checkUpdate(
  where: string,
  params: Params,
  grads: Params,
  state: Record<string, Params | null> = {},
): void {
  if (params === null || typeof params !== "object")
    fail(where, "params", "an object of Matrix by key", describe(params));
  if (grads === null || typeof grads !== "object") fail(where, "grads", "an object of Matrix by key", describe(grads));
  for (const key of Object.keys(params)) {
    const p = params[key],
      g = grads[key];
    if (!(p instanceof Matrix)) fail(where, `params.${key}`, "a Matrix", describe(p));
    if (g === undefined)
      fail(
        where,
        "grads",
        `a gradient for every parameter (${Object.keys(params).join(", ")})`,
        `no grads.${key} (keys: ${Object.keys(grads).join(", ") || "none"})`,
      );
    if (!(g instanceof Matrix) || g.rows !== p.rows || g.cols !== p.cols)
      fail(where, `grads.${key}`, `a ${p.rows}×${p.cols} Matrix like params.${key}`, describe(g));
    checkFinite(where, `grads.${key}`, g);
  }
  for (const [name, held] of Object.entries(state)) if (held !== null) checkStateFits(where, name, held, params);
}

function checkStateFits(where: string, name: string, held: Params, params: Params): void {
  const keys = Object.keys(params),
    heldKeys = Object.keys(held);
  const first = `the keys of the first update (${heldKeys.join(", ")}), which keyed the state ${name}`;
  for (const key of keys) {
    const s = held[key],
      p = params[key];
    if (!(s instanceof Matrix))
      fail(where, "params", first, `new key ${JSON.stringify(key)} (keys: ${keys.join(", ")})`);
    if (s.rows !== p.rows || s.cols !== p.cols)
      fail(
        where,
        `params.${key}`,
        `shape ${s.rows}×${s.cols}, as in the first update (${name}.${key} has that shape)`,
        `${p.rows}×${p.cols}`,
      );
  }
  if (keys.length !== heldKeys.length) fail(where, "params", first, `keys ${keys.join(", ") || "none"}`);
}

/** Zero matrices with the keys and shapes of params (the state every stateful optimizer starts from). */
export function zerosLike(params: Params): Params {
  const s: Params = {};
  for (const key of Object.keys(params)) s[key] = new Matrix(params[key].rows, params[key].cols);
  return s;
}

const lrOf = (where: string, lr: unknown) => checkPositive(where, "lr", lr);

/** SGD (§6.1.2): W ← W − lr·g. */
export class SGD implements Optimizer {
  readonly name = "SGD";
  readonly lr: number;
  constructor(options: { lr?: number } = {}) {
    checkOptions("SGD", "options", options, ["lr"]);
    const { lr = 0.01 } = options;
    this.lr = lrOf("SGD", lr);
  }
  update(params: Params, grads: Params): void {
    checkUpdate("SGD.update", params, grads);
    lrOf("SGD.update", this.lr);
    const lr = this.lr;
    for (const key of Object.keys(params)) {
      const W = params[key].data,
        g = grads[key].data;
      for (let i = 0; i < W.length; i++) W[i] = W[i] - lr * g[i];
    }
  }
}

/** Momentum (§6.1.4): v ← αv − lr·g; W ← W + v (v starts at 0). */
export class Momentum implements Optimizer {
  readonly name = "Momentum";
  readonly lr: number;
  readonly momentum: number;
  v: Params | null = null;
  constructor(options: { lr?: number; momentum?: number } = {}) {
    checkOptions("Momentum", "options", options, ["lr", "momentum"]);
    const { lr = 0.01, momentum = 0.9 } = options;
    this.lr = lrOf("Momentum", lr);
    this.momentum = checkRange("Momentum", "momentum", momentum, 0, 1);
  }
  update(params: Params, grads: Params): void {
    checkUpdate("Momentum.update", params, grads, { v: this.v });
    lrOf("Momentum.update", this.lr);
    checkRange("Momentum.update", "momentum", this.momentum, 0, 1);
    this.v ??= zerosLike(params);
    const { lr, momentum } = this;
    for (const key of Object.keys(params)) {
      const W = params[key].data,
        g = grads[key].data,
        v = this.v[key].data;
      for (let i = 0; i < W.length; i++) {
        v[i] = momentum * v[i] - lr * g[i];
        W[i] = W[i] + v[i];
      }
    }
  }
}

/**
 * Nesterov (Sutskever form, arXiv:1212.0901): W ← W + α²v − (1+α)·lr·g, then v ← αv − lr·g.
 * The order is the corrected one in the book's repository (docs/book.md, “Corrections”: the W
 * step with the old v, then v); early copies of the book's code update v first and use the new v
 * in the W step.
 */
export class Nesterov implements Optimizer {
  readonly name = "Nesterov";
  readonly lr: number;
  readonly momentum: number;
  v: Params | null = null;
  constructor(options: { lr?: number; momentum?: number } = {}) {
    checkOptions("Nesterov", "options", options, ["lr", "momentum"]);
    const { lr = 0.01, momentum = 0.9 } = options;
    this.lr = lrOf("Nesterov", lr);
    this.momentum = checkRange("Nesterov", "momentum", momentum, 0, 1);
  }
  update(params: Params, grads: Params): void {
    checkUpdate("Nesterov.update", params, grads, { v: this.v });
    lrOf("Nesterov.update", this.lr);
    checkRange("Nesterov.update", "momentum", this.momentum, 0, 1);
    this.v ??= zerosLike(params);
    const { lr, momentum } = this;
    const mm = momentum * momentum,
      step = (1 + momentum) * lr;
    for (const key of Object.keys(params)) {
      const W = params[key].data,
        g = grads[key].data,
        v = this.v[key].data;
      for (let i = 0; i < W.length; i++) {
        W[i] = W[i] + mm * v[i];
        W[i] = W[i] - step * g[i];
        v[i] = v[i] * momentum;
        v[i] = v[i] - lr * g[i];
      }
    }
  }
}

/** AdaGrad (§6.1.5): h ← h + g⊙g; W ← W − lr·g/(√h + 1e-7) (book quirk: 1e-7 outside the root). */
export class AdaGrad implements Optimizer {
  readonly name = "AdaGrad";
  readonly lr: number;
  h: Params | null = null;
  constructor(options: { lr?: number } = {}) {
    checkOptions("AdaGrad", "options", options, ["lr"]);
    const { lr = 0.01 } = options;
    this.lr = lrOf("AdaGrad", lr);
  }
  update(params: Params, grads: Params): void {
    checkUpdate("AdaGrad.update", params, grads, { h: this.h });
    lrOf("AdaGrad.update", this.lr);
    this.h ??= zerosLike(params);
    const lr = this.lr;
    for (const key of Object.keys(params)) {
      const W = params[key].data,
        g = grads[key].data,
        h = this.h[key].data;
      for (let i = 0; i < W.length; i++) {
        h[i] = h[i] + g[i] * g[i];
        W[i] = W[i] - (lr * g[i]) / (Math.sqrt(h[i]) + 1e-7);
      }
    }
  }
}

/** RMSprop (§6.1.5 note): h ← ρh + (1−ρ)g⊙g; W ← W − lr·g/(√h + 1e-7), ρ = decayRate 0.99 (book quirk: 1e-7 outside the root). */
export class RMSprop implements Optimizer {
  readonly name = "RMSprop";
  readonly lr: number;
  readonly decayRate: number;
  h: Params | null = null;
  constructor(options: { lr?: number; decayRate?: number } = {}) {
    checkOptions("RMSprop", "options", options, ["lr", "decayRate"]);
    const { lr = 0.01, decayRate = 0.99 } = options;
    this.lr = lrOf("RMSprop", lr);
    this.decayRate = checkRange("RMSprop", "decayRate", decayRate, 0, 1);
  }
  update(params: Params, grads: Params): void {
    checkUpdate("RMSprop.update", params, grads, { h: this.h });
    lrOf("RMSprop.update", this.lr);
    checkRange("RMSprop.update", "decayRate", this.decayRate, 0, 1);
    this.h ??= zerosLike(params);
    const { lr, decayRate } = this;
    for (const key of Object.keys(params)) {
      const W = params[key].data,
        g = grads[key].data,
        h = this.h[key].data;
      for (let i = 0; i < W.length; i++) {
        h[i] = h[i] * decayRate;
        h[i] = h[i] + (1 - decayRate) * g[i] * g[i];
        W[i] = W[i] - (lr * g[i]) / (Math.sqrt(h[i]) + 1e-7);
      }
    }
  }
}

/**
 * Adam (§6.1.6): iter ← iter+1; lr_t = lr·√(1−β2^iter)/(1−β1^iter); m ← m + (1−β1)(g − m);
 * v ← v + (1−β2)(g² − v); W ← W − lr_t·m/(√v + 1e-7). Book quirk: bias correction folded into lr_t.
 */
export class Adam implements Optimizer {
  readonly name = "Adam";
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  iter = 0;
  m: Params | null = null;
  v: Params | null = null;
  constructor(options: { lr?: number; beta1?: number; beta2?: number } = {}) {
    checkOptions("Adam", "options", options, ["lr", "beta1", "beta2"]);
    const { lr = 0.001, beta1 = 0.9, beta2 = 0.999 } = options;
    this.lr = lrOf("Adam", lr);
    this.beta1 = checkRange("Adam", "beta1", beta1, 0, 1);
    this.beta2 = checkRange("Adam", "beta2", beta2, 0, 1);
  }
  update(params: Params, grads: Params): void {
    checkUpdate("Adam.update", params, grads, { m: this.m, v: this.v });
    lrOf("Adam.update", this.lr);
    checkRange("Adam.update", "beta1", this.beta1, 0, 1);
    checkRange("Adam.update", "beta2", this.beta2, 0, 1);
    this.m ??= zerosLike(params);
    this.v ??= zerosLike(params);
    this.iter += 1;
    const { lr, beta1, beta2 } = this;
    const lrT = (lr * Math.sqrt(1.0 - powInt(beta2, this.iter))) / (1.0 - powInt(beta1, this.iter));
    for (const key of Object.keys(params)) {
      const W = params[key].data,
        g = grads[key].data,
        m = this.m[key].data,
        v = this.v[key].data;
      for (let i = 0; i < W.length; i++) {
        m[i] = m[i] + (1 - beta1) * (g[i] - m[i]);
        v[i] = v[i] + (1 - beta2) * (g[i] ** 2 - v[i]);
        W[i] = W[i] - (lrT * m[i]) / (Math.sqrt(v[i]) + 1e-7);
      }
    }
  }
}

export const OPTIMIZER_NAMES = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

export interface OptimizerOptions {
  lr?: number;
  momentum?: number;
  decayRate?: number;
  beta1?: number;
  beta2?: number;
}

/** The Trainer's optimizer-by-name (case-insensitive), with the book's defaults where options are absent. */
export function createOptimizer(name: string, options: OptimizerOptions = {}): Optimizer {
  const n = checkChoice("createOptimizer", "name", name, OPTIMIZER_NAMES);
  switch (n) {
    case "sgd":
      return new SGD(options);
    case "momentum":
      return new Momentum(options);
    case "nesterov":
      return new Nesterov(options);
    case "adagrad":
      return new AdaGrad(options);
    case "rmsprop":
      return new RMSprop(options);
    case "adam":
      return new Adam(options);
  }
}
