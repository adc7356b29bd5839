/**
 * Exercise 06 · Nesterov — the book's optimizer.py (Nesterov's accelerated gradient, in the
 * form of Sutskever et al. 2013, arXiv:1212.0901)
 *
 * Momentum with a look-ahead: the gradient is taken where the velocity is about to carry W.
 * Written for a gradient measured at W itself, the update becomes (fill in the boxes):
 *
 *     W ← W + □ · v − □ · lr · g
 *     v ← α · v − lr · g
 *
 * with α = this.momentum. Order matters: the W step uses the v of the PREVIOUS update (early
 * printings of the book's code update v first; this project follows the corrected order).
 * v is state (zeros shaped like params, created on the first update, public in this.v).
 *
 * With `npm run learn` running, every save re-runs the checks.  Stuck?  npm run learn -- hint
 */
import { Matrix } from "../../../src/base/matrix.js";

export type Params = Record<string, Matrix>;

/** Nesterov's accelerated gradient, the book's class with its defaults. */
export class Nesterov {
  lr: number;
  momentum: number;
  /** The velocity, by key; null until the first update. */
  v: Params | null = null;

  constructor({ lr = 0.01, momentum = 0.9 }: { lr?: number; momentum?: number } = {}) {
    this.lr = lr;
    this.momentum = momentum;
  }

  update(params: Params, grads: Params): void {
    // TODO: create this.v on the first call, then for every key and index i:
    //   first W[i] (with the old v[i]), then v[i].
  }
}
