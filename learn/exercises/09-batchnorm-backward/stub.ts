/**
 * Exercise 09 · BatchNorm backward — book §6.3.1 (the computation graph of Figure 6-17)
 *
 * Your BatchNorm forward from exercise 08 is the base class; add backward. Given dout = ∂L/∂y
 * (N×D), set this.dbeta = ∂L/∂β and this.dgamma = ∂L/∂γ (1×D each) and return dx = ∂L/∂x (N×D).
 * Walk the forward graph backwards, one node at a time, per column j (sums run over the rows i):
 *
 *     dβ   = Σ dout                      dγ = Σ □ ⊙ dout
 *     dx̂   = γ ⊙ dout
 *     dxc  = dx̂ / std                    (xc = x − μ,  x̂ = xc / std)
 *     dstd = −Σ (dx̂ ⊙ xc) / □            (std = √(σ² + ε))
 *     dvar = 0.5 · dstd / □              (σ² = mean of xc²)
 *     dxc += (2 / N) · xc · dvar
 *     dμ   = Σ dxc                       (xc = x − μ, and μ = mean of x)
 *     dx   = dxc − □ / N
 *
 * The forward kept what you need: this.batchSize (N), this.xc, this.xn (x̂), this.std.
 * With `npm run learn` running, every save re-runs the checks.  Stuck?  npm run learn -- hint
 */
import { Matrix } from "../../../src/base/matrix.js";
import { BatchNormalization as BatchNormForward } from "../08-batchnorm-forward/stub.js";

/** BatchNormalization (§6.3.1) with backward by the book's computation graph. */
export class BatchNormalization extends BatchNormForward {
  dgamma: Matrix | null = null;
  dbeta: Matrix | null = null;

  backward(dout: Matrix): Matrix {
    const N = this.batchSize,
      D = dout.cols;
    // TODO(§6.3.1): dβ, dγ, then dx through x̂, std, σ², μ as above.
    return new Matrix(N, D);
  }
}
