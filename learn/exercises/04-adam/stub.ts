/**
 * Exercise 04 · Adam — book §6.1.6 "Adam"
 *
 * Adam joins Momentum (a moving average m of the gradients) and RMSprop/AdaGrad (a moving
 * average v of the squared gradients), and corrects both for starting at zero. The book folds
 * that bias correction into the learning rate of step t. The shape of one update:
 *
 *     iter ← iter + 1
 *     lr_t ← lr · √(1 − □) / (1 − □)
 *     m ← m + (1 − β1) · (□ − m)
 *     v ← v + (1 − β2) · (□ − v)
 *     W ← W − lr_t · □ / (√□ + 1e-7)
 *
 * m and v are state (zeros shaped like params, created on the first update, public in this.m
 * and this.v); iter counts the updates. Change params[key] in place through .data.
 *
 * With `npm run learn` running, every save re-runs the checks.  Stuck?  npm run learn -- hint
 */
import { Matrix } from "../../../src/base/matrix.js";

export type Params = Record<string, Matrix>;

/** Adam (§6.1.6), the book's class with its defaults. */
export class Adam {
  lr: number;
  beta1: number;
  beta2: number;
  /** Number of updates so far. */
  iter = 0;
  m: Params | null = null;
  v: Params | null = null;

  constructor({ lr = 0.001, beta1 = 0.9, beta2 = 0.999 }: { lr?: number; beta1?: number; beta2?: number } = {}) {
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
  }

  update(params: Params, grads: Params): void {
    // TODO(§6.1.6): create this.m and this.v on the first call; count the update in this.iter;
    //   compute lr_t once per update; then for every key and index i update m[i], v[i], W[i].
  }
}
