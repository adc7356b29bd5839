/**
 * Broken optimizer state (§6.1, src/optimizer.ts): the update rule right, the state kept wrong.
 * Each is a subclass of the reference optimizer with one mistake, named after it.
 */
import type { Params } from "../../src/index.js";
import { reference } from "../../conformance/laws/impl.js";

const { Matrix: M } = reference;

function zerosLike(params: Params): Params {
  return Object.fromEntries(Object.entries(params).map(([k, p]) => [k, new M(p.rows, p.cols)]));
}

/** Momentum with one velocity matrix (the size of the largest parameter) shared by every key. */
export class MomentumSharedV extends reference.Momentum {
  override update(params: Params, grads: Params): void {
    if (!this.v) {
      const size = Math.max(...Object.values(params).map((p) => p.data.length));
      const shared = new M(1, size);
      this.v = Object.fromEntries(Object.keys(params).map((k) => [k, shared]));
    }
    for (const key of Object.keys(params)) {
      const W = params[key].data,
        g = grads[key].data,
        v = this.v[key].data;
      for (let i = 0; i < W.length; i++) {
        v[i] = this.momentum * v[i] - this.lr * g[i];
        W[i] = W[i] + v[i];
      }
    }
  }
}

/** AdaGrad creating h afresh on every update (= instead of ??=): h is only the latest g². */
export class AdaGradResetEachCall extends reference.AdaGrad {
  override update(params: Params, grads: Params): void {
    this.h = zerosLike(params);
    for (const key of Object.keys(params)) {
      const W = params[key].data,
        g = grads[key].data,
        h = this.h[key].data;
      for (let i = 0; i < W.length; i++) {
        h[i] = h[i] + g[i] * g[i];
        W[i] = W[i] - (this.lr * g[i]) / (Math.sqrt(h[i]) + 1e-7);
      }
    }
  }
}

/** Adam creating m and v afresh on every update (iter still counts). */
export class AdamResetEachCall extends reference.Adam {
  override update(params: Params, grads: Params): void {
    this.m = null;
    this.v = null;
    super.update(params, grads);
  }
}

/** Nesterov computing v into the caller's grads buffer and keeping that matrix as its state. */
export class NesterovVInGrads extends reference.Nesterov {
  override update(params: Params, grads: Params): void {
    const a = this.momentum;
    const v: Params = this.v ?? zerosLike(params);
    for (const key of Object.keys(params)) {
      const W = params[key].data,
        g = grads[key].data,
        old = v[key].data;
      for (let i = 0; i < W.length; i++) {
        W[i] = W[i] + a * a * old[i] - (1 + a) * this.lr * g[i];
        g[i] = a * old[i] - this.lr * g[i];
      }
      v[key] = grads[key];
    }
    this.v = v;
  }
}

/** RMSprop keeping h by the position of a key in Object.keys(params), not by its name. */
export class RMSpropHByPosition extends reference.RMSprop {
  private byPosition: Float64Array[] | null = null;
  override update(params: Params, grads: Params): void {
    const keys = Object.keys(params);
    this.byPosition ??= keys.map((k) => new Float64Array(params[k].data.length));
    keys.forEach((key, idx) => {
      const W = params[key].data,
        g = grads[key].data;
      let h = this.byPosition![idx];
      if (h.length < W.length) h = this.byPosition![idx] = Float64Array.from({ length: W.length }, (_, i) => h[i] ?? 0);
      for (let i = 0; i < W.length; i++) {
        h[i] = this.decayRate * h[i] + (1 - this.decayRate) * g[i] * g[i];
        W[i] = W[i] - (this.lr * g[i]) / (Math.sqrt(h[i]) + 1e-7);
      }
    });
    this.h = Object.fromEntries(
      keys.map((k, idx) => [k, new M(1, this.byPosition![idx].length, this.byPosition![idx])]),
    );
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type OptimizerClass = new (...args: any[]) => { update(params: Params, grads: Params): void };

/** The reference rule with its state shared by every key: the update runs key by key under one name. */
export function sharedBetweenKeys<T extends OptimizerClass>(Base: T): T {
  return class extends Base {
    override update(params: Params, grads: Params): void {
      for (const key of Object.keys(params)) super.update({ shared: params[key] }, { shared: grads[key] });
    }
  };
}
