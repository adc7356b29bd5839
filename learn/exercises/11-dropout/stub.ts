/**
 * Exercise 11 · Dropout — book §6.4.3 "Dropout"
 *
 * In training, switch off a random part of the units on every forward pass; at test time use
 * them all, scaled so that the output matches the training output on average. The book's
 * version (not the "inverted" one frameworks use):
 *
 *     training:  mask = (□ > dropoutRatio) for every entry    y = x ⊙ mask   (no rescaling)
 *     backward:  dx = dout ⊙ □
 *     test:      y = x · □
 *
 * Draw the random numbers from the seeded generator you are given, one this.rng.uniform() per
 * entry of x in .data order (the book: np.random.rand(*x.shape) > self.dropout_ratio), and a
 * fresh mask on every training forward. Test mode draws nothing.
 *
 * With `npm run learn` running, every save re-runs the checks.  Stuck?  npm run learn -- hint
 */
import { Matrix } from "../../../src/base/matrix.js";
import type { Rng } from "../../../src/base/rng.js";

/** Dropout (§6.4.3), the book's version. */
export class Dropout {
  dropoutRatio: number;
  rng: Rng;
  /** Which entries the last training forward kept (1) or dropped (0). */
  mask: Uint8Array | null = null;

  constructor(dropoutRatio: number, rng: Rng) {
    this.dropoutRatio = dropoutRatio;
    this.rng = rng;
  }

  forward(x: Matrix, train = true): Matrix {
    // TODO(§6.4.3): training: a new mask, y = x ⊙ mask; test: y = x · □.
    return x;
  }

  backward(dout: Matrix): Matrix {
    // TODO(§6.4.3): dx = dout ⊙ □.
    return dout;
  }
}
