/**
 * Exercise 09 · BatchNorm backward — reference solution (book §6.3.1).
 * Backward through the forward graph: y = γx̂ + β, x̂ = xc/std, std = √(σ² + ε), σ² = mean(xc²),
 * xc = x − μ, μ = mean(x), one node at a time, per column.
 */
import { Matrix } from "../../../src/base/matrix.js";
import { BatchNormalization as BatchNormForward } from "../08-batchnorm-forward/solution.js";

/** BatchNorm backward (§6.3.1): dβ = Σ dout, dγ = Σ x̂⊙dout, then dx through std, σ² and μ. */
export class BatchNormalization extends BatchNormForward {
  dgamma: Matrix | null = null;
  dbeta: Matrix | null = null;

  backward(dout: Matrix): Matrix {
    const N = this.batchSize,
      D = dout.cols;
    const xc = this.xc!.data,
      xn = this.xn!.data,
      std = this.std!.data,
      g = this.gamma.data,
      d = dout.data;
    const dbeta = new Matrix(1, D),
      dgamma = new Matrix(1, D);
    const dxc = new Matrix(N, D);
    const dstd = new Float64Array(D);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < D; j++) {
        const k = i * D + j;
        dbeta.data[j] += d[k];
        dgamma.data[j] += xn[k] * d[k];
        const dxn = g[j] * d[k];
        dxc.data[k] = dxn / std[j];
        dstd[j] -= (dxn * xc[k]) / (std[j] * std[j]);
      }
    const dmu = new Float64Array(D);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < D; j++) {
        const k = i * D + j;
        const dvar = (0.5 * dstd[j]) / std[j];
        dxc.data[k] += (2 / N) * xc[k] * dvar;
        dmu[j] += dxc.data[k];
      }
    const dx = new Matrix(N, D);
    for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) dx.data[i * D + j] = dxc.data[i * D + j] - dmu[j] / N;
    this.dgamma = dgamma;
    this.dbeta = dbeta;
    return dx;
  }
}
