/**
 * Exercise 08 · BatchNorm forward — book §6.3.1 "Batch Normalization algorithm"
 *
 * Normalise every feature (column) of the mini-batch x (N rows × D columns) to mean 0 and
 * variance 1, then let the network rescale and shift it with its own γ (gamma) and β (beta).
 * Per column j, over the N rows:
 *
 *     μ  = mean of the column
 *     σ² = mean of (x − μ)²                   (divide by N, as NumPy's var does)
 *     x̂  = (x − □) / √(□ + ε)                 ε = 10e-7 as the book writes it, i.e. 1e-6
 *     y  = □ · x̂ + □
 *
 * For test time keep running statistics (momentum m = this.momentum, both start at 0):
 *
 *     runningMean ← m · runningMean + (1 − m) · □        runningVar likewise, with □
 *
 * forward(x, false) (test mode) normalises with runningMean and runningVar instead, and does
 * not change them. In training keep, as the book does, what backward needs (exercise 09):
 * this.batchSize = N, this.xc = x − μ, this.xn = x̂ (N×D) and this.std = √(σ² + ε) (1×D).
 *
 * A Matrix keeps its numbers row-major in .data: entry (i, j) is data[i * cols + j].
 * With `npm run learn` running, every save re-runs the checks.  Stuck?  npm run learn -- hint
 */
import { Matrix } from "../../../src/base/matrix.js";

/** BatchNormalization (§6.3.1), the book's class: forward in training and test mode. */
export class BatchNormalization {
  gamma: Matrix;
  beta: Matrix;
  momentum: number;
  runningMean: Matrix | null;
  runningVar: Matrix | null;
  // What forward keeps for backward (the book's names):
  batchSize = 0;
  xc: Matrix | null = null;
  xn: Matrix | null = null;
  std: Matrix | null = null;

  constructor(
    gamma: Matrix,
    beta: Matrix,
    momentum = 0.9,
    runningMean: Matrix | null = null,
    runningVar: Matrix | null = null,
  ) {
    this.gamma = gamma; // 1×D, starts at 1 in the book's nets
    this.beta = beta; // 1×D, starts at 0
    this.momentum = momentum;
    this.runningMean = runningMean;
    this.runningVar = runningVar;
  }

  forward(x: Matrix, train = true): Matrix {
    const N = x.rows,
      D = x.cols;
    if (this.runningMean === null || this.runningVar === null) {
      this.runningMean = new Matrix(1, D);
      this.runningVar = new Matrix(1, D);
    }
    // TODO(§6.3.1): in training, μ and σ² of each column, x̂ and y; update the running
    //   statistics; keep batchSize, xc, xn, std. In test mode use the running statistics.
    return x;
  }
}
