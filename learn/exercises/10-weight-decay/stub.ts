/**
 * Exercise 10 · Weight decay — book §6.4.2 "Weight decay"
 *
 * Overfitting often comes with large weights, so penalise them: add to the loss half of λ times
 * the sum of the squares of every weight matrix. Only the Affine weights W1, W2, … decay; the
 * biases b1, b2, … and BatchNorm's gamma1, beta1, … do not. The shapes (fill in the boxes):
 *
 *     loss term:   □ · λ · Σ over W1, W2, … of Σ W²
 *     gradient:    dW ← dW + □            (for each weight matrix; other grads unchanged)
 *
 * Keys follow the book's nets: a weight matrix is a key "W" followed by digits (W1, W2, …).
 * addWeightDecay returns the gradients to use: a new object holding, for each key, either the
 * unchanged gradient or the weight's gradient plus its decay term.
 *
 * With `npm run learn` running, every save re-runs the checks.  Stuck?  npm run learn -- hint
 */
import { Matrix } from "../../../src/base/matrix.js";

export type Params = Record<string, Matrix>;

/** True for the keys that decay: W1, W2, … (not b1, gamma1, beta1, …). */
export const isWeight = (key: string): boolean => /^W\d+$/.test(key);

/** The weight-decay term of the loss (§6.4.2). */
export function weightDecayLoss(params: Params, weightDecayLambda: number): number {
  // TODO(§6.4.2): □·λ·(sum of squares of every entry of every weight matrix).
  return 0;
}

/** The gradients with the weight-decay term added to each weight's gradient (§6.4.2). */
export function addWeightDecay(grads: Params, params: Params, weightDecayLambda: number): Params {
  // TODO(§6.4.2): copy grads; for weight keys, dW + □ (a new Matrix, entry by entry).
  return grads;
}
