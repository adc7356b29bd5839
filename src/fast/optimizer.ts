/**
 * The fast optimizers: AdaGrad and Adam of src/optimizer.ts with the same bits and less work per
 * weight, for the training loops where speed matters (the benchmark, the experiments' fast nets).
 * The same checks run first (checkUpdate: keys, shapes, finite gradients, before anything
 * changes); then each weight's update is the book's arithmetic, operation for operation:
 *   - constants (1 − β1, 1 − β2, lr_t) are computed once per update, not once per weight;
 *   - Adam's g² is g·g, not a call to pow: for every double the two are the same number (V8's
 *     pow, fdlibm's, returns x·x for an exponent of 2; spec/kernels checks it on special values
 *     and by training);
 *   - no branch per weight;
 *   - the one division per weight stays: lr·g/(√h + 1e-7) is rounded once, and lr·g·(1/(√h + 1e-7))
 *     would round twice and change the last bit. So does √: it is exact to the last bit as is.
 * spec/kernels/fast-updates-and-relu-backward-give-the-plain-bits.spec.ts compares every bit with the plain ones.
 */
import {
  AdaGrad,
  Adam,
  checkUpdate,
  createOptimizer,
  zerosLike,
  type Optimizer,
  type OptimizerOptions,
} from "../optimizer.js";
import type { Params } from "../optimizer.js";
import { powInt } from "../base/pow.js";
import { checkPositive, checkRange } from "../base/validate.js";

export class FastAdaGrad extends AdaGrad {
  override update(params: Params, grads: Params): void {
    checkUpdate("AdaGrad.update", params, grads, { h: this.h });
    checkPositive("AdaGrad.update", "lr", this.lr);
    this.h ??= zerosLike(params);
    const lr = this.lr;
    for (const key of Object.keys(params)) {
      const W = params[key].data,
        g = grads[key].data,
        h = this.h[key].data;
      for (let i = 0; i < W.length; i++) {
        const gi = g[i],
          hi = h[i] + gi * gi;
        h[i] = hi;
        W[i] = W[i] - (lr * gi) / (Math.sqrt(hi) + 1e-7);
      }
    }
  }
}

export class FastAdam extends Adam {
  override update(params: Params, grads: Params): void {
    checkUpdate("Adam.update", params, grads, { m: this.m, v: this.v });
    checkPositive("Adam.update", "lr", this.lr);
    checkRange("Adam.update", "beta1", this.beta1, 0, 1);
    checkRange("Adam.update", "beta2", this.beta2, 0, 1);
    this.m ??= zerosLike(params);
    this.v ??= zerosLike(params);
    this.iter += 1;
    const { lr, beta1, beta2 } = this;
    const lrT = (lr * Math.sqrt(1.0 - powInt(beta2, this.iter))) / (1.0 - powInt(beta1, this.iter));
    const a1 = 1 - beta1,
      a2 = 1 - beta2;
    for (const key of Object.keys(params)) {
      const W = params[key].data,
        g = grads[key].data,
        m = this.m[key].data,
        v = this.v[key].data;
      for (let i = 0; i < W.length; i++) {
        const gi = g[i],
          mi = m[i] + a1 * (gi - m[i]),
          vi = v[i] + a2 * (gi * gi - v[i]);
        m[i] = mi;
        v[i] = vi;
        W[i] = W[i] - (lrT * mi) / (Math.sqrt(vi) + 1e-7);
      }
    }
  }
}

/** createOptimizer's fast twin: FastAdaGrad and FastAdam for "adagrad" and "adam", the plain optimizer otherwise. */
export function createFastOptimizer(name: string, options: OptimizerOptions = {}): Optimizer {
  const plain = createOptimizer(name, options); // checks the name and the options
  if (plain instanceof AdaGrad) return new FastAdaGrad(options);
  if (plain instanceof Adam) return new FastAdam(options);
  return plain;
}
