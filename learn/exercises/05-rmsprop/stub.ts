/**
 * Exercise 05 · RMSprop — book §6.1.5 (the note after AdaGrad) and the book's optimizer.py
 *
 * AdaGrad's h only grows, so its steps shrink towards zero. RMSprop forgets: h is a moving
 * average of the squared gradients, old ones fading by the decay rate ρ (this.decayRate).
 * The shape of the rule (fill in the boxes):
 *
 *     h ← □ · h + □ · g⊙g
 *     W ← W − lr · g / (√h + 1e-7)
 *
 * Same book quirk as AdaGrad: 1e-7 outside the square root. h is state (zeros shaped like
 * params, created on the first update, public in this.h). Change params[key] in place.
 *
 * With `npm run learn` running, every save re-runs the checks.  Stuck?  npm run learn -- hint
 */
import { Matrix } from "../../../src/base/matrix.js";

export type Params = Record<string, Matrix>;

/** RMSprop (§6.1.5 note), the book's class with its defaults. */
export class RMSprop {
  lr: number;
  decayRate: number;
  /** The moving average of squared gradients, by key; null until the first update. */
  h: Params | null = null;

  constructor({ lr = 0.01, decayRate = 0.99 }: { lr?: number; decayRate?: number } = {}) {
    this.lr = lr;
    this.decayRate = decayRate;
  }

  update(params: Params, grads: Params): void {
    // TODO(§6.1.5): create this.h on the first call, then for every key and index i:
    //   h[i] ← □·h[i] + □·g[i]², then W[i] ← W[i] − lr·g[i] / (√h[i] + 1e-7).
  }
}
