/**
 * Broken BatchNormalization layers (§6.3): each a small subclass of the reference making one
 * mistake, named after it.
 */
import type { Matrix } from "../../src/index.js";
import { reference } from "../../conformance/laws/impl.js";

const { Matrix: M, BATCHNORM_EPS } = reference;

function columnMeanVar(x: Matrix): { mu: Float64Array; v: Float64Array } {
  const N = x.rows,
    D = x.cols,
    mu = new Float64Array(D),
    v = new Float64Array(D);
  for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) mu[j] += x.data[i * D + j] / N;
  for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) v[j] += (x.data[i * D + j] - mu[j]) ** 2 / N;
  return { mu, v };
}

/** Backward through the variance branch but not the mean branch: dx = dxc, without − Σdxc/N. */
export class BatchNormMissingMeanTerm extends reference.BatchNormalization {
  override backward(dout: Matrix): Matrix {
    super.backward(dout); // dγ, dβ
    const N = dout.rows,
      D = dout.cols,
      xc = this.xc!.data,
      std = this.std!.data,
      g = this.gamma.data;
    const dstd = new Float64Array(D);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < D; j++) dstd[j] -= (g[j] * dout.data[i * D + j] * xc[i * D + j]) / std[j] ** 2;
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
    const D = x.cols,
      rm = this.runningMean!.data,
      rv = this.runningVar!.data;
    for (let i = 0; i < x.rows; i++)
      for (let j = 0; j < D; j++)
        out.data[i * D + j] =
          (this.gamma.data[j] * (x.data[i * D + j] - rm[j])) / Math.sqrt(rv[j] + BATCHNORM_EPS) + this.beta.data[j];
    return out;
  }
}

/**
 * Training normalisation with the variance Σ(x − μ)²/divisor(N) and ε = eps (the book: N and
 * 10e-7 = 1e-6); std and x̂ are cached as the reference caches them, so backward stays consistent.
 */
export function batchNormStats(divisor: (N: number) => number, eps: number): typeof reference.BatchNormalization {
  return class extends reference.BatchNormalization {
    override forward(x: Matrix, train = true): Matrix {
      const out = super.forward(x, train);
      if (!train) return out;
      const N = x.rows,
        D = x.cols,
        xc = this.xc!.data;
      for (let j = 0; j < D; j++) {
        let v = 0;
        for (let i = 0; i < N; i++) v += xc[i * D + j] ** 2;
        this.std!.data[j] = Math.sqrt(v / divisor(N) + eps);
      }
      for (let i = 0; i < N; i++)
        for (let j = 0; j < D; j++) {
          const k = i * D + j;
          this.xn!.data[k] = xc[k] / this.std!.data[j];
          out.data[k] = this.gamma.data[j] * this.xn!.data[k] + this.beta.data[j];
        }
      return out;
    }
  };
}

/** Variance taken per row (across the features) instead of per feature over the batch. */
export class BatchNormVarianceWrongAxis extends reference.BatchNormalization {
  override forward(x: Matrix, train = true): Matrix {
    const out = super.forward(x, train);
    if (!train) return out;
    const N = x.rows,
      D = x.cols,
      xc = this.xc!.data;
    for (let i = 0; i < N; i++) {
      let v = 0;
      for (let j = 0; j < D; j++) v += xc[i * D + j] ** 2;
      const std = Math.sqrt(v / D + BATCHNORM_EPS);
      for (let j = 0; j < D; j++) out.data[i * D + j] = (this.gamma.data[j] * xc[i * D + j]) / std + this.beta.data[j];
    }
    return out;
  }
}

/** Running statistics replaced by each batch's (momentum 0) instead of averaged with momentum 0.9. */
export class BatchNormReplacesRunning extends reference.BatchNormalization {
  constructor(
    gamma: Matrix,
    beta: Matrix,
    _momentum = 0.9,
    runningMean: Matrix | null = null,
    runningVar: Matrix | null = null,
  ) {
    super(gamma, beta, 0, runningMean, runningVar);
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
    const out = new M(x.rows, x.cols),
      D = x.cols;
    for (let i = 0; i < x.rows; i++)
      for (let j = 0; j < D; j++)
        out.data[i * D + j] =
          (this.gamma.data[j] * (x.data[i * D + j] - mu[j])) / Math.sqrt(v[j] + BATCHNORM_EPS) + this.beta.data[j];
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
      for (let j = 0; j < D; j++)
        out.data[i * D + j] = this.gamma.data[i] * this.xn!.data[i * D + j] + this.beta.data[i];
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

/** dγ = Σ dout⊙xc: the centred input where the book has x̂ = xc/σ. */
export class BatchNormDgammaFromXc extends reference.BatchNormalization {
  override backward(dout: Matrix): Matrix {
    const dx = super.backward(dout);
    const D = dout.cols,
      dgamma = new M(1, D),
      xc = this.xc!.data;
    for (let i = 0; i < dout.rows; i++)
      for (let j = 0; j < D; j++) dgamma.data[j] += dout.data[i * D + j] * xc[i * D + j];
    this.dgamma = dgamma;
    return dx;
  }
}

/** Backward treating σ as a constant: dx = dxc − Σdxc/N with dxc = γ·dout/σ (no path through σ²). */
export class BatchNormBackwardStdConstant extends reference.BatchNormalization {
  override backward(dout: Matrix): Matrix {
    super.backward(dout);
    const N = dout.rows,
      D = dout.cols,
      std = this.std!.data,
      g = this.gamma.data;
    const dxc = new Float64Array(N * D),
      dmu = new Float64Array(D);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < D; j++) {
        dxc[i * D + j] = (g[j] * dout.data[i * D + j]) / std[j];
        dmu[j] += dxc[i * D + j];
      }
    const dx = new M(N, D);
    for (let i = 0; i < N; i++) for (let j = 0; j < D; j++) dx.data[i * D + j] = dxc[i * D + j] - dmu[j] / N;
    return dx;
  }
}
