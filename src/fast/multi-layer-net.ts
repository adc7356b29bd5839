/**
 * The fast nets: MultiLayerNet and MultiLayerNetExtend on the fast layer set (src/fast/layers.ts),
 * with the same bits and less work, for the training loops that use each result at once (the
 * experiments, the benchmark). Besides the fast layers:
 *   - gradient skips the first layer's dx (FastAffine.backwardParams) and writes dW + λW into
 *     matrices the net owns (with λ = 0 it hands out dW itself);
 *   - loss skips the ½λΣW² sum when λ = 0 and the sum is sure to be finite (weightDecayTerm).
 * So the scores of predict and the grads of gradient are overwritten by the next call.
 * spec/kernels/fast-layers-give-the-plain-layers-bits.spec.ts trains both kinds and compares the bits.
 */
import type { Matrix } from "../base/matrix.js";
import type { Labels } from "../functions.js";
import { Affine, BatchNormalization, Relu, Sigmoid, Tanh, type Layer } from "../layers.js";
import type { MultiLayerNetOptions } from "../multi-layer-net.js";
import { MultiLayerNetExtend, type MultiLayerNetExtendOptions } from "../multi-layer-net-extend.js";
import type { Params } from "../optimizer.js";
import { FastAffine, FastBatchNormalization, FastRelu, FastSigmoid, FastTanh } from "./layers.js";

/** The fast twin of a plain layer (same W, b, γ, β: shared with the net's params), or the layer itself (Dropout). */
function fastLayer(layer: Layer): Layer {
  if (layer instanceof Affine) return new FastAffine(layer.W, layer.b);
  if (layer instanceof BatchNormalization)
    return new FastBatchNormalization(layer.gamma, layer.beta, layer.momentum, layer.runningMean, layer.runningVar);
  if (layer instanceof Relu) return new FastRelu();
  if (layer instanceof Sigmoid) return new FastSigmoid();
  if (layer instanceof Tanh) return new FastTanh();
  return layer;
}

export class FastMultiLayerNetExtend extends MultiLayerNetExtend {
  /** dW + λW of each W (λ ≠ 0), reused from call to call. */
  private readonly decayed: Params = {};

  constructor(opts: MultiLayerNetExtendOptions) {
    super(opts);
    for (const [name, layer] of this.layers) this.layers.set(name, fastLayer(layer));
  }

  override loss(x: Matrix, t: Labels, train = false): number {
    const y = this.predict(x, train);
    let weightDecay = 0;
    for (let idx = 1; idx <= this.hiddenLayerNum + 1; idx++)
      weightDecay += weightDecayTerm(this.weightDecayLambda, this.params[`W${idx}`].data);
    return this.lastLayer.forward(y, t) + weightDecay;
  }

  override gradient(x: Matrix, t: Labels): Params {
    this.loss(x, t, true);
    let dout = this.lastLayer.backward(1);
    const layers = [...this.layers.values()].reverse();
    const first = layers.pop() as FastAffine;
    for (const layer of layers) dout = layer.backward(dout);
    first.backwardParams(dout);
    const grads: Params = {};
    const lambda = this.weightDecayLambda;
    for (let idx = 1; idx <= this.hiddenLayerNum + 1; idx++) {
      const affine = this.layers.get(`Affine${idx}`) as FastAffine,
        dW = affine.dW!;
      // dW + 0·W is dW itself: dW is a sum that starts at +0, so never −0, and W is finite
      grads[`W${idx}`] = lambda === 0 ? dW : plusDecay(this.decayed, `W${idx}`, dW, affine.W, lambda);
      grads[`b${idx}`] = affine.db!;
      if (this.useBatchnorm && idx <= this.hiddenLayerNum) {
        const bn = this.layers.get(`BatchNorm${idx}`) as BatchNormalization;
        grads[`gamma${idx}`] = bn.dgamma!;
        grads[`beta${idx}`] = bn.dbeta!;
      }
    }
    return grads;
  }
}

export class FastMultiLayerNet extends FastMultiLayerNetExtend {
  constructor(opts: MultiLayerNetOptions) {
    super({ ...opts, useBatchnorm: false, useDropout: false });
  }
}

/** dW + λ·W written into held[key] (allocated on first use), as the plain net's dW.add(W.scale(λ)) computes it. */
function plusDecay(held: Params, key: string, dW: Matrix, W: Matrix, lambda: number): Matrix {
  const out = held[key] ?? (held[key] = W.clone());
  for (let i = 0; i < out.data.length; i++) out.data[i] = dW.data[i] + W.data[i] * lambda;
  return out;
}

/**
 * ½λ·ΣW² as the plain net sums it. With λ = 0 that is ½·0·s = +0 for every finite s; so when a
 * quick scan shows the sum must be finite (every |W| < 1e150, so no W² and no sum of fewer than
 * 1e8 of them overflows) the term is +0 without the sum, a long chain of dependent adds. NaN or
 * ±∞ in W, or huge weights, still take the full sum, so a NaN loss stays NaN as in the book.
 */
export function weightDecayTerm(lambda: number, W: Float64Array): number {
  if (lambda === 0 && W.length < 1e8) {
    let m0 = 0,
      m1 = 0,
      m2 = 0,
      m3 = 0;
    const n4 = W.length - (W.length % 4);
    for (let i = 0; i < n4; i += 4) {
      m0 = Math.max(m0, Math.abs(W[i]));
      m1 = Math.max(m1, Math.abs(W[i + 1]));
      m2 = Math.max(m2, Math.abs(W[i + 2]));
      m3 = Math.max(m3, Math.abs(W[i + 3]));
    }
    for (let i = n4; i < W.length; i++) m0 = Math.max(m0, Math.abs(W[i]));
    if (Math.max(m0, m1, m2, m3) < 1e150) return 0; // false for NaN
  }
  let s = 0;
  for (let i = 0; i < W.length; i++) s += W[i] * W[i];
  return 0.5 * lambda * s;
}
