/**
 * Planted networks and layers for the claim specs (spec/claims): each a subclass of the reference
 * with one mistake that a claim about training must notice. The registry (mistakes/registry.ts)
 * names them; the claim specs take them from there.
 */
import { Matrix } from "../../src/base/matrix.js";
import { BatchNormalization, Dropout } from "../../src/layers.js";
import { initStd } from "../../src/init.js";
import type { Params } from "../../src/optimizer.js";
import { MultiLayerNet, type MultiLayerNetOptions } from "../../src/multi-layer-net.js";
import { MultiLayerNetExtend, type MultiLayerNetExtendOptions } from "../../src/multi-layer-net-extend.js";
import type { Labels } from "../../src/functions.js";

/** A net that never passes weightInitStd on: every init becomes the default He. */
export class IgnoresInitNet extends MultiLayerNet {
  constructor(opts: MultiLayerNetOptions) {
    super({ ...opts, weightInitStd: undefined });
  }
}

/** A net that uses the variance of Xavier/He (1/n, 2/n) as their std: weights far too small. */
export class VarianceAsStdNet extends MultiLayerNet {
  constructor(opts: MultiLayerNetOptions) {
    super(opts);
    const init = opts.weightInitStd ?? "relu";
    if (typeof init !== "string") return;
    const sizes = [this.inputSize, ...this.hiddenSizeList, this.outputSize];
    for (let idx = 1; idx < sizes.length; idx++) {
      const std = initStd(init, sizes[idx - 1], sizes[idx])!;
      const W = this.params[`W${idx}`].data;
      for (let i = 0; i < W.length; i++) W[i] = W[i] * std; // std·randn becomes std²·randn
    }
  }
}

/** "BatchNorm" without the normalisation: y = γ·x + β, with its own (correct) backward. */
export class UnnormalizedBatchNorm extends BatchNormalization {
  private xIn: Matrix | null = null;
  override forward(x: Matrix): Matrix {
    this.xIn = x;
    const N = x.rows,
      D = x.cols,
      out = new Matrix(N, D);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < D; j++) out.data[i * D + j] = this.gamma.data[j] * x.data[i * D + j] + this.beta.data[j];
    return out;
  }
  override backward(dout: Matrix): Matrix {
    const x = this.xIn!,
      N = dout.rows,
      D = dout.cols;
    const dx = new Matrix(N, D),
      dgamma = new Matrix(1, D);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < D; j++) {
        const k = i * D + j;
        dx.data[k] = this.gamma.data[j] * dout.data[k];
        dgamma.data[j] += x.data[k] * dout.data[k];
      }
    this.dgamma = dgamma;
    this.dbeta = dout.sumRows();
    return dx;
  }
}

/** MultiLayerNetExtend whose BatchNorm layers are UnnormalizedBatchNorm. */
export class UnnormalizedBatchNormNet extends MultiLayerNetExtend {
  constructor(opts: MultiLayerNetExtendOptions) {
    super(opts);
    for (const [name, layer] of this.layers)
      if (layer instanceof BatchNormalization)
        this.layers.set(name, new UnnormalizedBatchNorm(layer.gamma, layer.beta));
  }
}

/** Weight decay with the wrong sign: each dW gets − λW instead of + λW. */
export class NegativeWeightDecayNet extends MultiLayerNet {
  override gradient(x: Matrix, t: Labels): Params {
    const grads = super.gradient(x, t);
    const lambda = this.weightDecayLambda;
    for (let idx = 1; idx <= this.hiddenLayerNum + 1; idx++) {
      const dW = grads[`W${idx}`].data,
        W = this.params[`W${idx}`].data;
      for (let i = 0; i < dW.length; i++) dW[i] = dW[i] - 2 * lambda * W[i];
    }
    return grads;
  }
}

/** Dropout that never drops: no mask in training (test time still scales by 1 − ratio). */
export class MasklessDropout extends Dropout {
  override forward(x: Matrix, train = true): Matrix {
    if (!train) return super.forward(x, false);
    return x.clone();
  }
  override backward(dout: Matrix): Matrix {
    return dout.clone();
  }
}

/** MultiLayerNetExtend whose Dropout layers are MasklessDropout. */
export class MasklessDropoutNet extends MultiLayerNetExtend {
  constructor(opts: MultiLayerNetExtendOptions) {
    super(opts);
    for (const [name, layer] of this.layers)
      if (layer instanceof Dropout) this.layers.set(name, new MasklessDropout(layer.dropoutRatio, layer.rng));
  }
}
