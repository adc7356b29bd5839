/**
 * Exercise 02 · Momentum — book §6.1.4 "Momentum"
 *
 * A ball rolling down the loss surface: a velocity v gathers the past gradients, fading as it
 * goes, and W moves by v. The shape of the rule (fill in the boxes):
 *
 *     v ← □ · v − □ · ∂L/∂W
 *     W ← W + □
 *
 * v is state: one matrix per key of params, the same shape, all zeros at first. The book
 * creates it on the first update (self.v = None until then); keep it public in `this.v`.
 * Change params[key] IN PLACE through .data, as in exercise 01.
 *
 * With `npm run learn` running, every save re-runs the checks.  Stuck?  npm run learn -- hint
 */
import { Matrix } from "../../../src/base/matrix.js";

export type Params = Record<string, Matrix>;

/** Momentum (§6.1.4), the book's class with its defaults. */
export class Momentum {
  lr: number;
  momentum: number;
  /** The velocity, by key; null until the first update. */
  v: Params | null = null;

  constructor({ lr = 0.01, momentum = 0.9 }: { lr?: number; momentum?: number } = {}) {
    this.lr = lr;
    this.momentum = momentum;
  }

  update(params: Params, grads: Params): void {
    // TODO(§6.1.4): on the first call, set this.v to zeros shaped like params
    //   (new Matrix(rows, cols) is all zeros). Then for every key and index i:
    //   update v[i] first, then W[i], with the boxes above filled in.
  }
}
