/**
 * Exercise 04 · Adam — reference solution (book §6.1.6).
 * The book's form: the bias correction is folded into lr_t, and 1e-7 is added outside the root.
 */
import { Matrix } from "../../../src/base/matrix.js";

export type Params = Record<string, Matrix>;

/**
 * Adam (§6.1.6): iter ← iter + 1; lr_t = lr·√(1 − β2^iter)/(1 − β1^iter);
 * m ← m + (1 − β1)(g − m); v ← v + (1 − β2)(g² − v); W ← W − lr_t·m/(√v + 1e-7).
 */
export class Adam {
  lr: number;
  beta1: number;
  beta2: number;
  iter = 0;
  m: Params | null = null;
  v: Params | null = null;

  constructor({ lr = 0.001, beta1 = 0.9, beta2 = 0.999 }: { lr?: number; beta1?: number; beta2?: number } = {}) {
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
  }

  update(params: Params, grads: Params): void {
    if (this.m === null || this.v === null) {
      this.m = {};
      this.v = {};
      for (const key of Object.keys(params)) {
        this.m[key] = new Matrix(params[key].rows, params[key].cols);
        this.v[key] = new Matrix(params[key].rows, params[key].cols);
      }
    }
    this.iter += 1;
    const { beta1, beta2 } = this;
    const lrT = (this.lr * Math.sqrt(1 - beta2 ** this.iter)) / (1 - beta1 ** this.iter);
    for (const key of Object.keys(params)) {
      const W = params[key].data,
        g = grads[key].data,
        m = this.m[key].data,
        v = this.v[key].data;
      for (let i = 0; i < W.length; i++) {
        m[i] = m[i] + (1 - beta1) * (g[i] - m[i]);
        v[i] = v[i] + (1 - beta2) * (g[i] * g[i] - v[i]);
        W[i] = W[i] - (lrT * m[i]) / (Math.sqrt(v[i]) + 1e-7);
      }
    }
  }
}
