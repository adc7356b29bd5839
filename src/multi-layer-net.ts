/**
 * MultiLayerNet and MultiLayerNetExtend (book common/multi_layer_net*.py): fully connected
 * nets of Affine → [BatchNorm] → activation → [Dropout] blocks ending in Affine → SoftmaxWithLoss.
 * Params are keyed W1, b1, gamma1, beta1, … and shared by reference with the layers, so an
 * optimizer's in-place update is what the layers see next forward.
 */
import { Matrix } from "./base/matrix.js";
import { Affine, BatchNormalization, Dropout, Relu, Sigmoid, SoftmaxWithLoss, Tanh, type Layer } from "./layers.js";
import { labelIndices, numericalGradient, type Labels } from "./functions.js";
import { initWeight, type WeightInit } from "./init.js";
import type { Params } from "./optimizer.js";
import type { Rng } from "./base/rng.js";
import { checkChoice, checkInteger, checkNonNegative, checkOptions, checkRange, checkRows, describe, fail } from "./base/validate.js";

export const ACTIVATION_NAMES = ["relu", "sigmoid", "tanh"] as const;
export type ActivationName = (typeof ACTIVATION_NAMES)[number];

export interface MultiLayerNetOptions {
  inputSize: number;
  hiddenSizeList: number[];
  outputSize: number;
  /** 'relu' (default), 'sigmoid' or 'tanh'. */
  activation?: string;
  /** σ, 'relu'/'he' (default), 'sigmoid'/'xavier', 'glorot', 'zeros' or { constant }. */
  weightInitStd?: WeightInit;
  /** λ of the weight decay ½λΣ‖W‖² (0 = none). */
  weightDecayLambda?: number;
  /** The generator for initial weights (and dropout masks). */
  rng: Rng;
  /**
   * Opt-in for training loops that use each result at once (the optimizer comparison, the
   * benchmark): Affine and activation layers write into matrices they own, so nothing is allocated
   * per iteration, but the scores of predict and the grads of gradient are overwritten by the next
   * call. Default false: every call returns new matrices.
   */
  reuseBuffers?: boolean;
}

export interface MultiLayerNetExtendOptions extends MultiLayerNetOptions {
  useDropout?: boolean;
  /** The book spells it dropout_ration; 0.5 by default. */
  dropoutRatio?: number;
  /** Use inverted dropout (scale at train time) instead of the book's version. */
  invertedDropout?: boolean;
  useBatchnorm?: boolean;
}

/** The option keys, checked against the interfaces by the type: a typo'd option is an error, not ignored. */
const NET_OPTION_KEYS = Object.keys({
  inputSize: true, hiddenSizeList: true, outputSize: true, activation: true, weightInitStd: true, weightDecayLambda: true, rng: true, reuseBuffers: true,
} satisfies Record<keyof MultiLayerNetOptions, true>);
const EXTEND_OPTION_KEYS = [...NET_OPTION_KEYS, ...Object.keys({
  useDropout: true, dropoutRatio: true, invertedDropout: true, useBatchnorm: true,
} satisfies Record<Exclude<keyof MultiLayerNetExtendOptions, keyof MultiLayerNetOptions>, true>)];

/** The network interface the Trainer drives. */
export interface Network {
  params: Params;
  loss(x: Matrix, t: Labels, train?: boolean): number;
  gradient(x: Matrix, t: Labels): Params;
  accuracy(x: Matrix, t: Labels): number;
}

/**
 * MultiLayerNetExtend (§6.3, §6.4): loss = softmax cross entropy + ½λΣ‖W‖² over W1…W_L (not
 * biases, not γ/β); gradient by backprop with +λW added to each dW.
 */
export class MultiLayerNetExtend implements Network {
  readonly inputSize: number;
  readonly hiddenSizeList: number[];
  readonly outputSize: number;
  readonly hiddenLayerNum: number;
  readonly activation: ActivationName;
  readonly weightDecayLambda: number;
  readonly useDropout: boolean;
  readonly dropoutRatio: number;
  readonly useBatchnorm: boolean;
  params: Params = {};
  /** The layers in forward order, named as in the book (Affine1, BatchNorm1, Activation_function1, Dropout1, …). */
  layers: Map<string, Layer> = new Map();
  lastLayer = new SoftmaxWithLoss();

  constructor(opts: MultiLayerNetExtendOptions) {
    const where = new.target.name;
    if (!opts || typeof opts !== "object") fail(where, "options", "{ inputSize, hiddenSizeList, outputSize, rng, … }", describe(opts));
    checkOptions(where, "options", opts, EXTEND_OPTION_KEYS);
    this.inputSize = checkInteger(where, "inputSize", opts.inputSize, 1);
    if (!Array.isArray(opts.hiddenSizeList)) fail(where, "hiddenSizeList", "an array of layer sizes (may be empty)", describe(opts.hiddenSizeList));
    opts.hiddenSizeList.forEach((n, i) => checkInteger(where, `hiddenSizeList[${i}]`, n, 1));
    this.hiddenSizeList = [...opts.hiddenSizeList];
    this.outputSize = checkInteger(where, "outputSize", opts.outputSize, 1);
    this.hiddenLayerNum = this.hiddenSizeList.length;
    this.activation = checkChoice(where, "activation", opts.activation ?? "relu", ACTIVATION_NAMES);
    this.weightDecayLambda = checkNonNegative(where, "weightDecayLambda", opts.weightDecayLambda ?? 0);
    this.useDropout = opts.useDropout ?? false;
    this.dropoutRatio = checkRange(where, "dropoutRatio", opts.dropoutRatio ?? 0.5, 0, 1);
    this.useBatchnorm = opts.useBatchnorm ?? false;
    const rng = opts.rng;
    if (!rng || typeof rng.normal !== "function") fail(where, "rng", "an Rng (seeded generator)", describe(rng));

    // Book order: all W/b first (drawn layer by layer), then the layers with γ/β.
    const sizes = [this.inputSize, ...this.hiddenSizeList, this.outputSize];
    const init = opts.weightInitStd ?? "relu";
    for (let idx = 1; idx < sizes.length; idx++) {
      this.params[`W${idx}`] = initWeight(sizes[idx - 1], sizes[idx], init, rng);
      this.params[`b${idx}`] = new Matrix(1, sizes[idx]);
    }
    for (let idx = 1; idx <= this.hiddenLayerNum; idx++) {
      this.layers.set(`Affine${idx}`, new Affine(this.params[`W${idx}`], this.params[`b${idx}`]));
      if (this.useBatchnorm) {
        this.params[`gamma${idx}`] = Matrix.filled(1, sizes[idx], 1);
        this.params[`beta${idx}`] = new Matrix(1, sizes[idx]);
        this.layers.set(`BatchNorm${idx}`, new BatchNormalization(this.params[`gamma${idx}`], this.params[`beta${idx}`]));
      }
      this.layers.set(`Activation_function${idx}`, makeActivation(this.activation, opts.reuseBuffers ?? false));
      if (this.useDropout)
        this.layers.set(`Dropout${idx}`, new Dropout(this.dropoutRatio, rng, { inverted: opts.invertedDropout ?? false }));
    }
    const last = this.hiddenLayerNum + 1;
    this.layers.set(`Affine${last}`, new Affine(this.params[`W${last}`], this.params[`b${last}`]));
    for (const layer of this.layers.values()) if (layer instanceof Affine) layer.reuseBuffers = opts.reuseBuffers ?? false;
  }

  /** Scores (pre-softmax) for x; `train` switches BatchNorm and Dropout to training behaviour. */
  predict(x: Matrix, train = false): Matrix {
    for (const layer of this.layers.values()) x = layer.forward(x, train);
    return x;
  }

  /** Cross entropy of the mini-batch plus the weight-decay term ½λΣ‖W‖². */
  loss(x: Matrix, t: Labels, train = false): number {
    const y = this.predict(x, train);
    let weightDecay = 0;
    for (let idx = 1; idx <= this.hiddenLayerNum + 1; idx++)
      weightDecay += weightDecayTerm(this.weightDecayLambda, this.params[`W${idx}`].data);
    return this.lastLayer.forward(y, t) + weightDecay;
  }

  /** Fraction of rows whose argmax score is the label (test-mode forward). */
  accuracy(x: Matrix, t: Labels): number {
    if (x instanceof Matrix) checkRows(`${this.constructor.name}.accuracy`, "x", x, 1, "accuracy is a mean over rows");
    const y = this.predict(x, false).argmaxRows();
    const idx = labelIndices(`${this.constructor.name}.accuracy`, t, x.rows, this.outputSize);
    let hit = 0;
    for (let i = 0; i < y.length; i++) if (y[i] === idx[i]) hit++;
    return hit / x.rows;
  }

  /** Gradients by backprop (training-mode forward); dW gets + λW. The first layer's dx is not computed (nothing uses it). */
  gradient(x: Matrix, t: Labels): Params {
    this.loss(x, t, true);
    let dout = this.lastLayer.backward(1);
    const layers = [...this.layers.values()].reverse();
    const first = layers.pop() as Affine;
    for (const layer of layers) dout = layer.backward(dout);
    first.backwardParams(dout);
    const grads: Params = {};
    const lambda = this.weightDecayLambda;
    for (let idx = 1; idx <= this.hiddenLayerNum + 1; idx++) {
      const affine = this.layers.get(`Affine${idx}`) as Affine;
      const dW = affine.dW!;
      if (lambda !== 0) {
        const W = affine.W.data;
        for (let i = 0; i < dW.data.length; i++) dW.data[i] = dW.data[i] + lambda * W[i];
      }
      grads[`W${idx}`] = dW;
      grads[`b${idx}`] = affine.db!;
      if (this.useBatchnorm && idx !== this.hiddenLayerNum + 1) {
        const bn = this.layers.get(`BatchNorm${idx}`) as BatchNormalization;
        grads[`gamma${idx}`] = bn.dgamma!;
        grads[`beta${idx}`] = bn.dbeta!;
      }
    }
    return grads;
  }

  /** Gradients by central differences of the training-mode loss (slow: for checking backprop). */
  numericalGradient(x: Matrix, t: Labels): Params {
    const lossW = () => this.loss(x, t, true);
    const grads: Params = {};
    for (const key of Object.keys(this.params)) grads[key] = numericalGradient(lossW, this.params[key]);
    return grads;
  }
}

/**
 * MultiLayerNet (§6.2, §6.4.1): the plain net of Affine → activation blocks with weight decay,
 * i.e. MultiLayerNetExtend without BatchNorm and Dropout.
 */
export class MultiLayerNet extends MultiLayerNetExtend {
  constructor(opts: MultiLayerNetOptions) {
    checkOptions(new.target.name, "options", opts, NET_OPTION_KEYS, " (Dropout and BatchNorm options belong to MultiLayerNetExtend)");
    super(opts); // the check above keeps out useBatchnorm and useDropout, which default to false
  }
}

/**
 * ½λ·ΣW² with the sum in the book's order (np.sum(W ** 2) up to NumPy's pairwise order). With λ = 0
 * the book still sums, and ½·0·s is +0 for every finite s; so when a quick scan shows the sum must be
 * finite (every |W| < 1e150, so no W² and no sum of fewer than 1e8 of them overflows) the term is
 * +0 without the sum, a long chain of dependent adds. NaN or ±∞ in W, or huge weights, still take
 * the full sum, so a NaN loss stays NaN exactly as in the book.
 */
export function weightDecayTerm(lambda: number, W: Float64Array): number {
  if (lambda === 0 && W.length < 1e8) {
    let m0 = 0, m1 = 0, m2 = 0, m3 = 0;
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

function makeActivation(name: ActivationName, reuseBuffers: boolean): Relu | Sigmoid | Tanh {
  const layer = name === "relu" ? new Relu() : name === "sigmoid" ? new Sigmoid() : new Tanh();
  layer.reuseBuffers = reuseBuffers;
  return layer;
}
