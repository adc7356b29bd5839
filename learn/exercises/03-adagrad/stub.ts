/**
 * Exercise 03 · AdaGrad — book §6.1.5 "AdaGrad"
 *
 * Learning-rate decay per parameter: h adds up the squares of all past gradients, and each
 * number of W takes a step divided by √h, so parameters that moved a lot slow down.
 * The shape of the rule (fill in the boxes):
 *
 *     h ← h + □
 *     W ← W − lr · g / (□ + 1e-7)
 *
 * Book quirk to keep: the 1e-7 is added OUTSIDE the square root (it only keeps a zero h from
 * dividing by zero). h is state like Momentum's v: zeros shaped like params, created on the
 * first update, public in `this.h`. Change params[key] in place through .data.
 *
 * With `npm run learn` running, every save re-runs the checks.  Stuck?  npm run learn -- hint
 */
import { Matrix } from "../../../src/base/matrix.js";

export type Params = Record<string, Matrix>;

/** AdaGrad (§6.1.5), the book's class with its default learning rate. */
export class AdaGrad {
  lr: number;
  /** The running sum of squared gradients, by key; null until the first update. */
  h: Params | null = null;

  constructor({ lr = 0.01 }: { lr?: number } = {}) {
    this.lr = lr;
  }

  update(params: Params, grads: Params): void {
    // TODO(§6.1.5): create this.h on the first call (zeros shaped like params), then for every
    //   key and index i: h[i] ← h[i] + □, then W[i] ← W[i] − lr·g[i] / (□ + 1e-7).
  }
}
