/**
 * Exercise 06 · Nesterov — reference solution (the book's optimizer.py, Sutskever form).
 * W ← W + α²v − (1 + α)·lr·g with the old v, then v ← αv − lr·g.
 */
import { Matrix } from "../../../src/base/matrix.js";

export type Params = Record<string, Matrix>;

/** Nesterov (Sutskever form): W ← W + α²v − (1 + α)·lr·g, then v ← αv − lr·g. */
export class Nesterov {
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
    const a = this.momentum,
      lr = this.lr;
    for (const key of Object.keys(params)) {
      const W = params[key].data,
        g = grads[key].data,
        v = this.v[key].data;
      for (let i = 0; i < W.length; i++) {
        W[i] = W[i] + a * a * v[i] - (1 + a) * lr * g[i];
        v[i] = a * v[i] - lr * g[i];
      }
    }
  }
}
