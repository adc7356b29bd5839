/**
 * Broken optimizers (§6.1): each a subclass of the reference optimizer whose update makes one
 * mistake, named after it. State lives where the reference keeps it (v, h, m, iter).
 */
import type { Params } from "../../src/index.js";
import { reference } from "../../conformance/laws/impl.js";

const { Matrix: M } = reference;

function zerosLike(params: Params): Params {
  return Object.fromEntries(Object.entries(params).map(([k, p]) => [k, new M(p.rows, p.cols)]));
}

function each(params: Params, grads: Params, f: (W: Float64Array, g: Float64Array, key: string) => void): void {
  for (const key of Object.keys(params)) f(params[key].data, grads[key].data, key);
}

/** SGD climbing the loss: W ← W + lr·g. */
export class SGDWrongSign extends reference.SGD {
  override update(params: Params, grads: Params): void {
    each(params, grads, (W, g) => { for (let i = 0; i < W.length; i++) W[i] = W[i] + this.lr * g[i]; });
  }
}

/** Momentum with the gradient added: v ← αv + lr·g; W ← W + v. */
export class MomentumWrongSign extends reference.Momentum {
  override update(params: Params, grads: Params): void {
    this.v ??= zerosLike(params);
    each(params, grads, (W, g, k) => {
      const v = this.v![k].data;
      for (let i = 0; i < W.length; i++) { v[i] = this.momentum * v[i] + this.lr * g[i]; W[i] = W[i] + v[i]; }
    });
  }
}

/** Momentum without the α decay: v ← v − lr·g. */
export class MomentumWithoutDecay extends reference.Momentum {
  override update(params: Params, grads: Params): void {
    this.v ??= zerosLike(params);
    each(params, grads, (W, g, k) => {
      const v = this.v![k].data;
      for (let i = 0; i < W.length; i++) { v[i] = v[i] - this.lr * g[i]; W[i] = W[i] + v[i]; }
    });
  }
}

/** Nesterov written as plain momentum. */
export class NesterovAsMomentum extends reference.Nesterov {
  override update(params: Params, grads: Params): void {
    this.v ??= zerosLike(params);
    each(params, grads, (W, g, k) => {
      const v = this.v![k].data;
      for (let i = 0; i < W.length; i++) { v[i] = this.momentum * v[i] - this.lr * g[i]; W[i] = W[i] + v[i]; }
    });
  }
}

/** Nesterov in the order of early printings: v updated first, the new v used in the W step. */
export class NesterovVFirst extends reference.Nesterov {
  override update(params: Params, grads: Params): void {
    this.v ??= zerosLike(params);
    const a = this.momentum;
    each(params, grads, (W, g, k) => {
      const v = this.v![k].data;
      for (let i = 0; i < W.length; i++) { v[i] = a * v[i] - this.lr * g[i]; W[i] = W[i] + a * a * v[i] - (1 + a) * this.lr * g[i]; }
    });
  }
}

/** AdaGrad without ε: W ← W − lr·g/√h (0/0 = NaN for a zero gradient). */
export class AdaGradWithoutEps extends reference.AdaGrad {
  override update(params: Params, grads: Params): void {
    this.h ??= zerosLike(params);
    each(params, grads, (W, g, k) => {
      const h = this.h![k].data;
      for (let i = 0; i < W.length; i++) { h[i] = h[i] + g[i] * g[i]; W[i] = W[i] - (this.lr * g[i]) / Math.sqrt(h[i]); }
    });
  }
}

/** AdaGrad with ε inside the square root: √(h + 1e-7) instead of the book's √h + 1e-7. */
export class AdaGradEpsInsideSqrt extends reference.AdaGrad {
  override update(params: Params, grads: Params): void {
    this.h ??= zerosLike(params);
    each(params, grads, (W, g, k) => {
      const h = this.h![k].data;
      for (let i = 0; i < W.length; i++) { h[i] = h[i] + g[i] * g[i]; W[i] = W[i] - (this.lr * g[i]) / Math.sqrt(h[i] + 1e-7); }
    });
  }
}

/** AdaGrad overwriting h with the latest g² instead of accumulating it. */
export class AdaGradOverwritesH extends reference.AdaGrad {
  override update(params: Params, grads: Params): void {
    this.h ??= zerosLike(params);
    each(params, grads, (W, g, k) => {
      const h = this.h![k].data;
      for (let i = 0; i < W.length; i++) { h[i] = g[i] * g[i]; W[i] = W[i] - (this.lr * g[i]) / (Math.sqrt(h[i]) + 1e-7); }
    });
  }
}

/** RMSprop accumulating like AdaGrad: h ← h + g² (no decay). */
export class RMSpropAccumulatesLikeAdaGrad extends reference.RMSprop {
  override update(params: Params, grads: Params): void {
    this.h ??= zerosLike(params);
    each(params, grads, (W, g, k) => {
      const h = this.h![k].data;
      for (let i = 0; i < W.length; i++) { h[i] = h[i] + g[i] * g[i]; W[i] = W[i] - (this.lr * g[i]) / (Math.sqrt(h[i]) + 1e-7); }
    });
  }
}

function adamStep(opt: InstanceType<typeof reference.Adam>, params: Params, grads: Params, lrT: number): void {
  opt.m ??= zerosLike(params);
  opt.v ??= zerosLike(params);
  each(params, grads, (W, g, k) => {
    const m = opt.m![k].data, v = opt.v![k].data;
    for (let i = 0; i < W.length; i++) {
      m[i] = m[i] + (1 - opt.beta1) * (g[i] - m[i]);
      v[i] = v[i] + (1 - opt.beta2) * (g[i] ** 2 - v[i]);
      W[i] = W[i] - (lrT * m[i]) / (Math.sqrt(v[i]) + 1e-7);
    }
  });
}

/** Adam without bias correction: lr_t = lr at every step. */
export class AdamWithoutBiasCorrection extends reference.Adam {
  override update(params: Params, grads: Params): void {
    this.iter += 1;
    adamStep(this, params, grads, this.lr);
  }
}

/** Adam incrementing iter once per parameter matrix instead of once per update. */
export class AdamIterPerKey extends reference.Adam {
  override update(params: Params, grads: Params): void {
    this.m ??= zerosLike(params);
    this.v ??= zerosLike(params);
    for (const key of Object.keys(params)) {
      this.iter += 1;
      const lrT = (this.lr * Math.sqrt(1 - this.beta2 ** this.iter)) / (1 - this.beta1 ** this.iter);
      adamStep(this, { [key]: params[key] }, { [key]: grads[key] }, lrT);
    }
  }
}

/** Adam counting its steps in a private field: a snapshot of the public state loses it. */
export class AdamHiddenIter extends reference.Adam {
  #t = 0;
  override update(params: Params, grads: Params): void {
    this.#t += 1;
    const lrT = (this.lr * Math.sqrt(1 - this.beta2 ** this.#t)) / (1 - this.beta1 ** this.#t);
    adamStep(this, params, grads, lrT);
  }
}
