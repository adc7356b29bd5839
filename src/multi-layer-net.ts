/**
 * MultiLayerNet (book common/multi_layer_net.py, §6.2, §6.4.1): a fully connected net of
 * Affine → activation blocks ending in Affine → SoftmaxWithLoss, with weight decay ½λΣ‖W‖².
 * Params are keyed W1, b1, W2, b2, … and shared by reference with the layers, so an optimizer's
 * in-place update is what the layers see next forward.
 */
import { Matrix } from "./base/matrix.js";
import { Affine, Relu, Sigmoid, SoftmaxWithLoss, Tanh, type Layer } from "./layers.js";
import { labelIndices, type Labels } from "./functions.js";
import { numericalGradient } from "./gradient.js";
import { initWeight, type WeightInit } from "./init.js";
import type { Params } from "./optimizer.js";
import type { Rng } from "./base/rng.js";
import {
  checkChoice,
  checkInteger,
  checkNonNegative,
  checkOptions,
  checkRows,
  describe,
  fail,
} from "./base/validate.js";

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
}

/** The option keys, checked against the interface by the type: a typo'd option is an error, not ignored. */
export const NET_OPTION_KEYS = Object.keys({
  inputSize: true,
  hiddenSizeList: true,
  outputSize: true,
  activation: true,
  weightInitStd: true,
  weightDecayLambda: true,
  rng: true,
} satisfies Record<keyof MultiLayerNetOptions, true>);

/** The network interface the Trainer drives. */
export interface Network {
  params: Params;
  loss(x: Matrix, t: Labels, train?: boolean): number;
  gradient(x: Matrix, t: Labels): Params;
  accuracy(x: Matrix, t: Labels): number;
}

/** The book's activation_layer dict (plus tanh, which the book's nets do not offer). */
function makeActivation(name: ActivationName): Layer {
  return name === "relu" ? new Relu() : name === "sigmoid" ? new Sigmoid() : new Tanh();
}

export class MultiLayerNet implements Network {
  readonly inputSize: number;
  readonly hiddenSizeList: number[];
  readonly outputSize: number;
  readonly hiddenLayerNum: number;
  readonly activation: ActivationName;
  readonly weightDecayLambda: number;
  params: Params = {};
  /** The layers in forward order, named as in the book (Affine1, Activation_function1, …). */
  layers: Map<string, Layer> = new Map();
  lastLayer = new SoftmaxWithLoss();

  constructor(opts: MultiLayerNetOptions) {
    const where = new.target.name;
    if (!opts || typeof opts !== "object")
      fail(where, "options", "{ inputSize, hiddenSizeList, outputSize, rng, … }", describe(opts));
    checkOptions(
      where,
      "options",
      opts,
      NET_OPTION_KEYS,
      " (Dropout and BatchNorm options belong to MultiLayerNetExtend)",
    );
    this.inputSize = checkInteger(where, "inputSize", opts.inputSize, 1);
    if (!Array.isArray(opts.hiddenSizeList))
      fail(where, "hiddenSizeList", "an array of layer sizes (may be empty)", describe(opts.hiddenSizeList));
    opts.hiddenSizeList.forEach((n, i) => checkInteger(where, `hiddenSizeList[${i}]`, n, 1));
    this.hiddenSizeList = [...opts.hiddenSizeList];
    this.outputSize = checkInteger(where, "outputSize", opts.outputSize, 1);
    this.hiddenLayerNum = this.hiddenSizeList.length;
    this.activation = checkChoice(where, "activation", opts.activation ?? "relu", ACTIVATION_NAMES);
    this.weightDecayLambda = checkNonNegative(where, "weightDecayLambda", opts.weightDecayLambda ?? 0);
    const rng = opts.rng;
    if (!rng || typeof rng.normal !== "function") fail(where, "rng", "an Rng (seeded generator)", describe(rng));

    // __init_weight: W1, b1, W2, b2, … drawn layer by layer
    const sizes = [this.inputSize, ...this.hiddenSizeList, this.outputSize];
    const init = opts.weightInitStd ?? "relu";
    for (let idx = 1; idx < sizes.length; idx++) {
      this.params[`W${idx}`] = initWeight(sizes[idx - 1], sizes[idx], init, rng);
      this.params[`b${idx}`] = new Matrix(1, sizes[idx]);
    }
    for (let idx = 1; idx <= this.hiddenLayerNum; idx++) {
      this.layers.set(`Affine${idx}`, new Affine(this.params[`W${idx}`], this.params[`b${idx}`]));
      this.layers.set(`Activation_function${idx}`, makeActivation(this.activation));
    }
    const idx = this.hiddenLayerNum + 1;
    this.layers.set(`Affine${idx}`, new Affine(this.params[`W${idx}`], this.params[`b${idx}`]));
  }

  /** Scores (pre-softmax) for x; `train` switches BatchNorm and Dropout (in MultiLayerNetExtend) to training behaviour. */
  predict(x: Matrix, train = false): Matrix {
    for (const layer of this.layers.values()) x = layer.forward(x, train);
    return x;
  }

  /** Cross entropy of the mini-batch plus the weight-decay term ½λΣ‖W‖² over W1…W_L (not biases, not γ/β). */
  loss(x: Matrix, t: Labels, train = false): number {
    const y = this.predict(x, train);
    let weightDecay = 0;
    for (let idx = 1; idx <= this.hiddenLayerNum + 1; idx++) {
      const W = this.params[`W${idx}`];
      // 0.5 * λ * np.sum(W ** 2); the sum runs in index order (NumPy sums pairwise: last-bit differences)
      weightDecay += 0.5 * this.weightDecayLambda * W.mul(W).sum();
    }
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

  /** Gradients by backprop (training-mode forward): dW + λW for each W (a new matrix: the layer's dW stays dL/dW), db. */
  gradient(x: Matrix, t: Labels): Params {
    this.loss(x, t, true); // forward
    let dout = this.lastLayer.backward(1); // backward
    for (const layer of [...this.layers.values()].reverse()) dout = layer.backward(dout);
    const grads: Params = {};
    for (let idx = 1; idx <= this.hiddenLayerNum + 1; idx++) {
      const affine = this.layers.get(`Affine${idx}`) as Affine;
      grads[`W${idx}`] = affine.dW!.add(affine.W.scale(this.weightDecayLambda)); // dW + λ·W
      grads[`b${idx}`] = affine.db!;
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
