/**
 * Exercise 01 · SGD — book §6.1.2 "SGD"
 *
 * Stochastic gradient descent moves every parameter a small step against its gradient.
 * The shape of the rule (fill in the box):
 *
 *     W ← W − □ · ∂L/∂W
 *
 * `params` and `grads` are objects of matrices by name (W1, b1, W2, …); grads[key] has the same
 * shape as params[key]. A Matrix keeps its numbers in `.data`, a Float64Array (row-major).
 * Change each params[key] IN PLACE, through its .data: the network's layers hold these very
 * Matrix objects, so a new Matrix would never reach them.
 *
 * With `npm run learn` running, every save re-runs the checks.  Stuck?  npm run learn -- hint
 */
import type { Matrix } from "../../../src/base/matrix.js";

export type Params = Record<string, Matrix>;

/** SGD (§6.1.2), the book's class with its default learning rate. */
export class SGD {
  lr: number;

  constructor({ lr = 0.01 }: { lr?: number } = {}) {
    this.lr = lr;
  }

  update(params: Params, grads: Params): void {
    // TODO(§6.1.2): for every key of params and every index i of params[key].data,
    //   apply W ← W − □·g to W = params[key].data[i] with g = grads[key].data[i].
  }
}
