/**
 * Exercise 08 · BatchNorm forward — reference solution (book §6.3.1).
 * Training: per column μ, σ² (divided by N), x̂ = (x − μ)/√(σ² + ε), y = γx̂ + β, and the running
 * statistics move 10 % towards the batch's. Test: the running statistics replace μ and σ².
 */
import { Matrix } from "../../../src/base/matrix.js";

/** The book's ε, written 10e-7 in its code: 1e-6. */
const EPS = 10e-7;

/** BatchNormalization (§6.3.1): y = γ·(x − μ)/√(σ² + ε) + β per column of the mini-batch. */
export class BatchNormalization {
  gamma: Matrix;
  beta: Matrix;
  momentum: number;
  runningMean: Matrix | null;
  runningVar: Matrix | null;
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
    this.gamma = gamma;
    this.beta = beta;
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
    const rm = this.runningMean.data,
      rv = this.runningVar.data,
      g = this.gamma.data,
      b = this.beta.data;
    const out = new Matrix(N, D);
    if (!train) {
      for (let i = 0; i < N; i++)
        for (let j = 0; j < D; j++) {
          const xn = (x.data[i * D + j] - rm[j]) / Math.sqrt(rv[j] + EPS);
          out.data[i * D + j] = g[j] * xn + b[j];
        }
      return out;
    }
    const mu = new Float64Array(D),
      v = new Float64Array(D);
    for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) mu[j] += x.data[i * D + j] / N;
    const xc = new Matrix(N, D);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < D; j++) {
        xc.data[i * D + j] = x.data[i * D + j] - mu[j];
        v[j] += xc.data[i * D + j] ** 2 / N;
      }
    const std = new Matrix(1, D);
    for (let j = 0; j < D; j++) std.data[j] = Math.sqrt(v[j] + EPS);
    const xn = new Matrix(N, D);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < D; j++) {
        xn.data[i * D + j] = xc.data[i * D + j] / std.data[j];
        out.data[i * D + j] = g[j] * xn.data[i * D + j] + b[j];
      }
    const m = this.momentum;
    for (let j = 0; j < D; j++) {
      rm[j] = m * rm[j] + (1 - m) * mu[j];
      rv[j] = m * rv[j] + (1 - m) * v[j];
    }
    this.batchSize = N;
    this.xc = xc;
    this.xn = xn;
    this.std = std;
    return out;
  }
}
