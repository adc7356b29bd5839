/**
 * Broken BatchNormalization layers (§6.3): each a small subclass of the reference making one
 * mistake, named after it.
 */
import type { Matrix } from "../../src/index.js";
import { reference } from "../../conformance/laws/impl.js";

const { Matrix: M, BATCHNORM_EPS } = reference;

function columnMeanVar(x: Matrix): { mu: Float64Array; v: Float64Array } {
  const N = x.rows, D = x.cols, mu = new Float64Array(D), v = new Float64Array(D);
  for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) mu[j] += x.data[i * D + j] / N;
  for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) v[j] += (x.data[i * D + j] - mu[j]) ** 2 / N;
  return { mu, v };
}

/** Backward through the variance branch but not the mean branch: dx = dxc, without − Σdxc/N. */
export class BatchNormMissingMeanTerm extends reference.BatchNormalization {
  override backward(dout: Matrix): Matrix {
    super.backward(dout); // dγ, dβ
    const N = dout.rows, D = dout.cols, xc = this.xc!.data, std = this.std!.data, g = this.gamma.data;
    const dstd = new Float64Array(D);
    for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) dstd[j] -= (g[j] * dout.data[i * D + j] * xc[i * D + j]) / std[j] ** 2;
    const dx = new M(N, D);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < D; j++) {
        const k = i * D + j;
        dx.data[k] = (g[j] * dout.data[k]) / std[j] + (2 / N) * xc[k] * ((0.5 * dstd[j]) / std[j]);
      }
    return dx;
  }
}

/** Normalises training batches with the running statistics instead of the batch's own. */
export class BatchNormRunningStatsInTraining extends reference.BatchNormalization {
  override forward(x: Matrix, train = true): Matrix {
    const out = super.forward(x, train);
    if (!train) return out;
    const D = x.cols, rm = this.runningMean!.data, rv = this.runningVar!.data;
    for (let i = 0; i < x.rows; i++)
      for (let j = 0; j < D; j++)
        out.data[i * D + j] = (this.gamma.data[j] * (x.data[i * D + j] - rm[j])) / Math.sqrt(rv[j] + BATCHNORM_EPS) + this.beta.data[j];
    return out;
  }
}

/** No ε in the training normalisation: x̂ = (x − μ)/√σ² (backward consistent with it). */
export class BatchNormWithoutEps extends reference.BatchNormalization {
  override forward(x: Matrix, train = true): Matrix {
    const out = super.forward(x, train);
    if (!train) return out;
    const { v } = columnMeanVar(x);
    const N = x.rows, D = x.cols;
    for (let j = 0; j < D; j++) this.std!.data[j] = Math.sqrt(v[j]);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < D; j++) {
        const k = i * D + j;
        this.xn!.data[k] = this.xc!.data[k] / this.std!.data[j];
        out.data[k] = this.gamma.data[j] * this.xn!.data[k] + this.beta.data[j];
      }
    return out;
  }
}

/** Running statistics with the momentum swapped: running ← 0.1·running + 0.9·batch. */
export class BatchNormMomentumSwapped extends reference.BatchNormalization {
  override forward(x: Matrix, train = true): Matrix {
    const oldMean = this.runningMean ? Float64Array.from(this.runningMean.data) : new Float64Array(x.cols);
    const oldVar = this.runningVar ? Float64Array.from(this.runningVar.data) : new Float64Array(x.cols);
    const out = super.forward(x, train);
    if (!train) return out;
    const { mu, v } = columnMeanVar(x);
    for (let j = 0; j < x.cols; j++) {
      this.runningMean!.data[j] = 0.1 * oldMean[j] + 0.9 * mu[j];
      this.runningVar!.data[j] = 0.1 * oldVar[j] + 0.9 * v[j];
    }
    return out;
  }
}

/** Test mode normalising with the test batch's own statistics instead of the running ones. */
export class BatchNormTestUsesBatchStats extends reference.BatchNormalization {
  override forward(x: Matrix, train = true): Matrix {
    if (train) return super.forward(x, true);
    const { mu, v } = columnMeanVar(x);
    const out = new M(x.rows, x.cols), D = x.cols;
    for (let i = 0; i < x.rows; i++)
      for (let j = 0; j < D; j++)
        out.data[i * D + j] = (this.gamma.data[j] * (x.data[i * D + j] - mu[j])) / Math.sqrt(v[j] + BATCHNORM_EPS) + this.beta.data[j];
    return out;
  }
}

/** γ and β broadcast over the wrong axis: indexed by the batch row instead of the feature column. */
export class BatchNormGammaPerRow extends reference.BatchNormalization {
  override forward(x: Matrix, train = true): Matrix {
    const out = super.forward(x, train);
    if (!train) return out;
    const D = x.cols;
    for (let i = 0; i < x.rows; i++)
      for (let j = 0; j < D; j++) out.data[i * D + j] = this.gamma.data[i] * this.xn!.data[i * D + j] + this.beta.data[i];
    return out;
  }
}

/** dγ computed like dβ, without x̂: Σ dout. */
export class BatchNormDgammaWithoutXhat extends reference.BatchNormalization {
  override backward(dout: Matrix): Matrix {
    const dx = super.backward(dout);
    this.dgamma = dout.sumRows();
    return dx;
  }
}

/** Centres each row by the mean of the rows up to it (a one-pass online mean used without a second pass). */
export class BatchNormOnlineMean extends reference.BatchNormalization {
  override forward(x: Matrix, train = true): Matrix {
    const out = super.forward(x, train);
    if (!train) return out;
    const D = x.cols;
    for (let j = 0; j < D; j++) {
      let sum = 0;
      for (let i = 0; i < x.rows; i++) {
        sum += x.data[i * D + j];
        const mean = sum / (i + 1);
        out.data[i * D + j] = (this.gamma.data[j] * (x.data[i * D + j] - mean)) / this.std!.data[j] + this.beta.data[j];
      }
    }
    return out;
  }
}
