/**
 * MultiLayerNetExtend (book common/multi_layer_net_extend.py, §6.3, §6.4): MultiLayerNet with
 * optional Batch Normalization and Dropout. Each hidden block is Affine → [BatchNorm] →
 * activation → [Dropout]; γ/β are params gamma1, beta1, … after all the W/b, as the book keys them.
 */
import { Matrix } from "./base/matrix.js";
import { BatchNormalization, Dropout, type Layer } from "./layers.js";
import type { Labels } from "./functions.js";
import { MultiLayerNet, NET_OPTION_KEYS, type MultiLayerNetOptions } from "./multi-layer-net.js";
import type { Params } from "./optimizer.js";
import { checkOptions, checkRange, describe, fail } from "./base/validate.js";

export interface MultiLayerNetExtendOptions extends MultiLayerNetOptions {
  useDropout?: boolean;
  /** 0.5 by default (book quirk: the book spells it dropout_ration). */
  dropoutRatio?: number;
  /** Use inverted dropout (scale at train time) instead of the book's version. */
  invertedDropout?: boolean;
  useBatchnorm?: boolean;
}

/** The option keys, checked against the interface by the type: a typo'd option is an error, not ignored. */
const EXTEND_OPTION_KEYS = [
  ...NET_OPTION_KEYS,
  ...Object.keys({
    useDropout: true,
    dropoutRatio: true,
    invertedDropout: true,
    useBatchnorm: true,
  } satisfies Record<Exclude<keyof MultiLayerNetExtendOptions, keyof MultiLayerNetOptions>, true>),
];

/**
 * The extended options, checked before MultiLayerNet draws any weight (a bad option changes
 * nothing, not even the rng); MultiLayerNet gets the rest.
 */
function baseOptions(where: string, opts: MultiLayerNetExtendOptions): MultiLayerNetOptions {
  if (!opts || typeof opts !== "object")
    fail(where, "options", "{ inputSize, hiddenSizeList, outputSize, rng, … }", describe(opts));
  checkOptions(where, "options", opts, EXTEND_OPTION_KEYS);
  checkRange(where, "dropoutRatio", opts.dropoutRatio ?? 0.5, 0, 1);
  const { useDropout, dropoutRatio, invertedDropout, useBatchnorm, ...base } = opts;
  return base;
}

export class MultiLayerNetExtend extends MultiLayerNet {
  readonly useDropout: boolean;
  readonly dropoutRatio: number;
  readonly useBatchnorm: boolean;
  constructor(opts: MultiLayerNetExtendOptions) {
    super(baseOptions(new.target.name, opts));
    this.useDropout = opts.useDropout ?? false;
    this.dropoutRatio = opts.dropoutRatio ?? 0.5;
    this.useBatchnorm = opts.useBatchnorm ?? false;
    // MultiLayerNet built Affine → activation blocks; BatchNorm goes before each activation, Dropout after it
    const layers = new Map<string, Layer>();
    for (const [name, layer] of this.layers) {
      const idx = Number(name.slice("Activation_function".length));
      const activation = name.startsWith("Activation_function");
      if (activation && this.useBatchnorm) {
        const D = this.hiddenSizeList[idx - 1];
        this.params[`gamma${idx}`] = Matrix.filled(1, D, 1);
        this.params[`beta${idx}`] = new Matrix(1, D);
        layers.set(`BatchNorm${idx}`, new BatchNormalization(this.params[`gamma${idx}`], this.params[`beta${idx}`]));
      }
      layers.set(name, layer);
      if (activation && this.useDropout)
        layers.set(
          `Dropout${idx}`,
          new Dropout(this.dropoutRatio, opts.rng, { inverted: opts.invertedDropout ?? false }),
        );
    }
    this.layers = layers; // named as in the book: Affine1, BatchNorm1, Activation_function1, Dropout1, …
  }

  /** MultiLayerNet's gradients, plus dγ and dβ of each BatchNorm layer. */
  override gradient(x: Matrix, t: Labels): Params {
    const grads = super.gradient(x, t);
    if (this.useBatchnorm)
      for (let idx = 1; idx <= this.hiddenLayerNum; idx++) {
        const bn = this.layers.get(`BatchNorm${idx}`) as BatchNormalization;
        grads[`gamma${idx}`] = bn.dgamma!;
        grads[`beta${idx}`] = bn.dbeta!;
      }
    return grads;
  }
}
