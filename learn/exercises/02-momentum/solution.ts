/**
 * Exercise 02 · Momentum — reference solution (book §6.1.4).
 * v ← αv − lr·g, then W ← W + v; v starts at zero, one matrix per parameter.
 */
import { Matrix } from "../../../src/base/matrix.js";

export type Params = Record<string, Matrix>;

/** Momentum (§6.1.4): v ← αv − lr·g; W ← W + v. */
export class Momentum {
  lr: number;
  momentum: number;
  v: Params | null = null;

  constructor({ lr = 0.01, momentum = 0.9 }: { lr?: number; momentum?: number } = {}) {
    this.lr = lr;
    this.momentum = momentum;
  }

  update(params: Params, grads: Params): void {
    if (this.v === null) {
      this.v = {};
      for (const key of Object.keys(params)) this.v[key] = new Matrix(params[key].rows, params[key].cols);
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
