/**
 * Exercise 01 · SGD — reference solution (book §6.1.2).
 * W ← W − lr·g for every parameter, written into the matrices the network holds.
 */
import type { Matrix } from "../../../src/base/matrix.js";

export type Params = Record<string, Matrix>;

/** SGD (§6.1.2): W ← W − lr·g. */
export class SGD {
  lr: number;

  constructor({ lr = 0.01 }: { lr?: number } = {}) {
    this.lr = lr;
  }

  update(params: Params, grads: Params): void {
    for (const key of Object.keys(params)) {
      const W = params[key].data,
        g = grads[key].data;
      for (let i = 0; i < W.length; i++) W[i] = W[i] - this.lr * g[i];
    }
  }
}
