/**
 * Exercise 03 · AdaGrad — reference solution (book §6.1.5).
 * h ← h + g⊙g; W ← W − lr·g/(√h + 1e-7), the 1e-7 outside the root as in the book's code.
 */
import { Matrix } from "../../../src/base/matrix.js";

export type Params = Record<string, Matrix>;

/** AdaGrad (§6.1.5): h ← h + g⊙g; W ← W − lr·g/(√h + 1e-7). */
export class AdaGrad {
  lr: number;
  h: Params | null = null;

  constructor({ lr = 0.01 }: { lr?: number } = {}) {
    this.lr = lr;
  }

  update(params: Params, grads: Params): void {
    if (this.h === null) {
      this.h = {};
      for (const key of Object.keys(params)) this.h[key] = new Matrix(params[key].rows, params[key].cols);
    }
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
