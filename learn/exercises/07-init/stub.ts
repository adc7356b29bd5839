/**
 * Exercise 07 · Xavier and He initial weights — book §6.2.2 (Xavier) and §6.2.3 (He)
 *
 * The spread of the initial weights decides whether activations survive the trip through many
 * layers. With n = the number of nodes in the PREVIOUS layer (the rows of W):
 *
 *     Xavier (for sigmoid/tanh):  std = √(□ / n)
 *     He     (for ReLU):          std = √(□ / n)
 *     a number σ:                 std = σ          (the book's weight_init_std = 0.01, 1, …)
 *
 * initWeight draws the nIn×nOut matrix the way the book does, std · randn(nIn, nOut); take the
 * draws from the seeded generator you are given (rng.randn(rows, cols, std) or rng.normal()),
 * never from Math.random: same seed, same weights.
 *
 * With `npm run learn` running, every save re-runs the checks.  Stuck?  npm run learn -- hint
 */
import { Matrix } from "../../../src/base/matrix.js";
import type { Rng } from "../../../src/base/rng.js";

export type Init = "xavier" | "he" | number;

/** The std of the initial weights for a layer whose previous layer has n nodes (§6.2.2). */
export function initStd(init: Init, n: number): number {
  // TODO(§6.2.2–6.2.3): a number is the std itself; "xavier" and "he" depend on n as above.
  return 1;
}

/** An nIn×nOut weight matrix of N(0, std²) draws from rng (§6.2.2). */
export function initWeight(nIn: number, nOut: number, init: Init, rng: Rng): Matrix {
  // TODO(§6.2.2): std from initStd(init, □), then std · randn(□, □) drawn from rng.
  return new Matrix(nIn, nOut);
}
