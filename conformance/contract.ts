/**
 * The conformance contract: what an implementation of chapter 6 offers, under the book's names,
 * split into capabilities by book section. It is the reference's public surface (src/index.ts)
 * written as structural interfaces, so another implementation can satisfy it without importing
 * anything from here. An adapter module hands an implementation to the suite:
 *
 *   export default { name: "my-port", provides: ["optimizers"], impl: { SGD: …, Momentum: …, … } }
 *
 * and `npm run conformance -- --impl ./my-adapter.ts` tests it on what it provides (see
 * conformance/README.md). The reference satisfies the contract: `ReferenceConforms` below
 * fails to compile if src/index.ts and this file drift apart.
 */
import type * as Reference from "../src/index.js";
import type { MultiLayerNetOptions } from "../src/multi-layer-net.js";
import type { MultiLayerNetExtendOptions } from "../src/multi-layer-net-extend.js";
import type { TrainerOptions, TrainerProgress } from "../src/trainer.js";
import type { Network } from "../src/multi-layer-net.js";
import type { MnistData, MnistOptions } from "../src/data/mnist.js";
import type { Matrix } from "../src/base/matrix.js";
import type { Rng } from "../src/base/rng.js";

// ---------------------------------------------------------------------------------------------
// Support: matrices and the seeded generator (filled in from the reference when not provided)

/**
 * A row-major matrix: entry (i, j) at data[i·cols + j]. What an implementation returns needs only
 * these members. What the suite hands to an implementation (parameter positions below, typed
 * `Matrix`) is an instance of the reference's Matrix, or of the adapter's own Matrix class when it
 * provides "matrix"; likewise `Rng`.
 */
export interface MatrixLike {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
  clone(): MatrixLike;
}

export interface MatrixClass {
  new (rows: number, cols: number, data?: Float64Array): MatrixLike;
}

/** A seeded generator: same seed, same draws. */
export interface RngLike {
  uniform(): number;
  normal(): number;
  randint(n: number): number;
  choice(n: number, size: number): Int32Array;
  permutation(n: number): Int32Array;
  randn(rows: number, cols: number, std?: number): MatrixLike;
}

export interface RngClass {
  new (seed: number | string): RngLike;
}

/** Labels: class indices or one-hot rows. */
export type LabelsLike = Matrix | Int32Array | readonly number[];

// ---------------------------------------------------------------------------------------------
// §6.1 Optimizers: update(params, grads) changes every params[key] in place

/** What update receives: the suite's matrices by key. */
export type ParamsLike = Record<string, Matrix>;
/** What a network's gradient returns. */
export type GradsLike = Record<string, MatrixLike>;

/**
 * State (Momentum/Nesterov v, AdaGrad/RMSprop h, Adam m, v and iter) is public, created on the
 * first update with the same keys and shapes as params: checks read it and snapshot it into a
 * fresh optimizer to resume a run.
 */
export interface OptimizerLike {
  lr: number;
  update(params: ParamsLike, grads: ParamsLike): void;
  v?: GradsLike | null;
  h?: GradsLike | null;
  m?: GradsLike | null;
  iter?: number;
}

/** Options use the book's names in camelCase; absent options take the book's defaults. */
export interface OptimizerClass<O extends object = object> {
  new (options?: O): OptimizerLike;
}

// ---------------------------------------------------------------------------------------------
// Layers (ch. 5), BatchNorm (§6.3), Dropout (§6.4.3): forward caches, backward returns dL/dx

export interface LayerLike {
  forward(x: Matrix, train?: boolean): MatrixLike;
  backward(dout: Matrix): MatrixLike;
}

export interface AffineLike extends LayerLike {
  W: MatrixLike;
  b: MatrixLike;
  dW: MatrixLike | null;
  db: MatrixLike | null;
}

export interface SoftmaxWithLossLike {
  forward(x: Matrix, t: LabelsLike): number;
  backward(dout?: number): MatrixLike;
}

export interface BatchNormalizationLike extends LayerLike {
  gamma: MatrixLike;
  beta: MatrixLike;
  runningMean: MatrixLike | null;
  runningVar: MatrixLike | null;
  dgamma: MatrixLike | null;
  dbeta: MatrixLike | null;
}

export interface DropoutLike extends LayerLike {
  /** true: forward in training reuses the last mask (for gradient checks through a fixed mask). */
  freeze: boolean;
}

// ---------------------------------------------------------------------------------------------
// Networks (book common/multi_layer_net*.py) and the Trainer

export interface NetworkLike {
  params: ParamsLike;
  /** Layers in forward order, named as the book names them (Affine1, BatchNorm1, …). */
  layers: Map<string, LayerLike>;
  predict(x: Matrix, train?: boolean): MatrixLike;
  loss(x: Matrix, t: LabelsLike, train?: boolean): number;
  gradient(x: Matrix, t: LabelsLike): GradsLike;
  numericalGradient(x: Matrix, t: LabelsLike): GradsLike;
  accuracy(x: Matrix, t: LabelsLike): number;
}

// ---------------------------------------------------------------------------------------------
// The contract, capability by capability

export interface MatrixCapability {
  Matrix: MatrixClass;
  matmul(A: Matrix, B: Matrix): MatrixLike;
  matmulTransA(A: Matrix, B: Matrix): MatrixLike;
  matmulTransB(A: Matrix, B: Matrix): MatrixLike;
}

export interface RngCapability {
  Rng: RngClass;
}

export interface FunctionsCapability {
  sigmoid(x: number): number;
  relu(x: number): number;
  tanh(x: number): number;
  leakyRelu(x: number, alpha?: number): number;
  elu(x: number, alpha?: number): number;
  /** Row-wise, with each row's max subtracted first. */
  softmax(x: Matrix): MatrixLike;
  /** −Σ log(y_t + 1e-7) / N */
  crossEntropyError(y: Matrix, t: LabelsLike): number;
  /** ½ Σ (y − t)² */
  meanSquaredError(y: Matrix, t: Matrix): number;
  /** Central differences, h = 1e-4 by default. */
  numericalGradient(f: (x: Matrix) => number, x: Matrix, h?: number): MatrixLike;
}

export interface LayersCapability {
  Affine: new (W: Matrix, b: Matrix) => AffineLike;
  Relu: new () => LayerLike;
  Sigmoid: new () => LayerLike;
  Tanh: new () => LayerLike;
  SoftmaxWithLoss: new () => SoftmaxWithLossLike;
}

export interface OptimizersCapability {
  SGD: OptimizerClass<{ lr?: number }>;
  Momentum: OptimizerClass<{ lr?: number; momentum?: number }>;
  Nesterov: OptimizerClass<{ lr?: number; momentum?: number }>;
  AdaGrad: OptimizerClass<{ lr?: number }>;
  RMSprop: OptimizerClass<{ lr?: number; decayRate?: number }>;
  Adam: OptimizerClass<{ lr?: number; beta1?: number; beta2?: number }>;
  /** By name, case-insensitive: sgd, momentum, nesterov, adagrad, rmsprop, adam. */
  createOptimizer(
    name: string,
    options?: { lr?: number; momentum?: number; decayRate?: number; beta1?: number; beta2?: number },
  ): OptimizerLike;
  OPTIMIZER_NAMES: readonly string[];
}

export type WeightInitLike = number | string | { constant: number };

export interface InitCapability {
  /** std of a scheme for an nIn×nOut weight: σ, 'he'/'relu' √(2/n), 'xavier'/'sigmoid' √(1/n), … (null: no draws). */
  initStd(init: WeightInitLike, nIn: number, nOut: number): number | null;
  /** std·randn(nIn, nOut) drawn from rng, or a constant fill. */
  initWeight(nIn: number, nOut: number, init: WeightInitLike, rng: Rng): MatrixLike;
  INIT_NAMES: readonly string[];
}

export interface BatchNormCapability {
  BatchNormalization: new (
    gamma: Matrix,
    beta: Matrix,
    momentum?: number,
    runningMean?: Matrix | null,
    runningVar?: Matrix | null,
  ) => BatchNormalizationLike;
  /** The book's ε, written 10e-7: 1e-6. */
  BATCHNORM_EPS: number;
}

export interface RegularisationCapability {
  /** Book dropout: keep when rand > ratio, x⊙mask in training, x·(1 − ratio) at test; `inverted` scales at training instead. */
  Dropout: new (dropoutRatio: number, rng: Rng, options?: { inverted?: boolean }) => DropoutLike;
}

export interface NetworksCapability {
  MultiLayerNet: new (options: MultiLayerNetOptions) => NetworkLike;
  MultiLayerNetExtend: new (options: MultiLayerNetExtendOptions) => NetworkLike;
  ACTIVATION_NAMES: readonly string[];
}

export interface TrainingCapability {
  /** Drives a network with the reference's Network shape (params and gradients as Matrix). */
  Trainer: new (
    network: Network,
    xTrain: Matrix,
    tTrain: LabelsLike,
    xTest: Matrix,
    tTest: LabelsLike,
    options: TrainerOptions,
  ) => {
    trainStep(): void;
    train(): number;
    trainLossList: number[];
    trainAccList: number[];
    testAccList: number[];
    onProgress?: (p: TrainerProgress) => void;
  };
}

export interface DataCapability {
  loadMnist(options?: MnistOptions): MnistData;
  loadMnistRaw(): { x: Matrix; t: Int32Array };
  standardize(x: Matrix, mean?: Float64Array, std?: Float64Array): MatrixLike;
  featureStats(x: Matrix): { mean: Float64Array; std: Float64Array };
  toOneHot(labels: ArrayLike<number>, classes: number): MatrixLike;
}

/** Exponent ranges [lo, hi]: each value is drawn as 10^U(lo, hi). */
export interface SearchRangesLike {
  lr: [number, number];
  weightDecay: [number, number];
}

/** §6.5 hyperparameter search: the validation split and the log-scale sampler. */
export interface SearchCapability {
  /**
   * One trial's hyperparameters, each 10^U(lo, hi) on its range (book: lr 10^[−6, −2], weight
   * decay 10^[−8, −4]), every draw from `rng`.
   */
  sampleHyperparameters(rng: Rng, ranges: SearchRangesLike): { lr: number; weightDecay: number };
  /**
   * The book's split: rows and labels shuffled by one rng.permutation(N), the first int(N·rate)
   * are validation data, the rest training data; x and t left unchanged.
   */
  splitValidation(
    x: Matrix,
    t: Int32Array,
    rate: number,
    rng: Rng,
  ): { xTrain: MatrixLike; tTrain: Int32Array; xVal: MatrixLike; tVal: Int32Array };
}

/** Everything an implementation can offer. */
export interface Contract
  extends
    MatrixCapability,
    RngCapability,
    FunctionsCapability,
    LayersCapability,
    OptimizersCapability,
    InitCapability,
    BatchNormCapability,
    RegularisationCapability,
    NetworksCapability,
    TrainingCapability,
    DataCapability,
    SearchCapability {}

export type ExportName = keyof Contract;

export const CAPABILITY_NAMES = [
  "matrix",
  "rng",
  "functions",
  "layers",
  "optimizers",
  "init",
  "batchnorm",
  "regularisation",
  "search",
  "networks",
  "training",
  "data",
] as const;
export type Capability = (typeof CAPABILITY_NAMES)[number];

export interface CapabilityInfo {
  /** Book section (or chapter) the capability belongs to. */
  section: string;
  title: string;
  /** Exports of the contract that make up the capability. */
  exports: readonly ExportName[];
  /** Support pieces are taken from the reference when an adapter does not provide them. */
  support: boolean;
}

export const CAPABILITIES = {
  matrix: {
    section: "support",
    title: "Matrix (row-major Float64Array) and products",
    exports: ["Matrix", "matmul", "matmulTransA", "matmulTransB"],
    support: true,
  },
  rng: { section: "support", title: "Seeded generator", exports: ["Rng"], support: true },
  functions: {
    section: "ch. 3–4",
    title: "Activations, softmax, losses, numerical gradient",
    exports: [
      "sigmoid",
      "relu",
      "tanh",
      "leakyRelu",
      "elu",
      "softmax",
      "crossEntropyError",
      "meanSquaredError",
      "numericalGradient",
    ],
    support: false,
  },
  layers: {
    section: "ch. 5",
    title: "Affine, ReLU, Sigmoid, Tanh, Softmax-with-Loss layers",
    exports: ["Affine", "Relu", "Sigmoid", "Tanh", "SoftmaxWithLoss"],
    support: false,
  },
  optimizers: {
    section: "§6.1",
    title: "Parameter updates: SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam",
    exports: ["SGD", "Momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam", "createOptimizer", "OPTIMIZER_NAMES"],
    support: false,
  },
  init: {
    section: "§6.2",
    title: "Initial weights: σ, Xavier, He",
    exports: ["initStd", "initWeight", "INIT_NAMES"],
    support: false,
  },
  batchnorm: {
    section: "§6.3",
    title: "Batch Normalization",
    exports: ["BatchNormalization", "BATCHNORM_EPS"],
    support: false,
  },
  regularisation: {
    section: "§6.4",
    title: "Regularisation: Dropout (and the networks' weight decay λ)",
    exports: ["Dropout"],
    support: false,
  },
  search: {
    section: "§6.5",
    title: "Hyperparameter search: validation split, log-scale sampling",
    exports: ["sampleHyperparameters", "splitValidation"],
    support: false,
  },
  networks: {
    section: "ch. 5–6",
    title: "MultiLayerNet and MultiLayerNetExtend",
    exports: ["MultiLayerNet", "MultiLayerNetExtend", "ACTIVATION_NAMES"],
    support: false,
  },
  training: { section: "ch. 6", title: "Trainer", exports: ["Trainer"], support: false },
  data: {
    section: "ch. 3",
    title: "MNIST loading and preprocessing",
    exports: ["loadMnist", "loadMnistRaw", "standardize", "featureStats", "toOneHot"],
    support: false,
  },
} as const satisfies Readonly<Record<Capability, CapabilityInfo>>;

/** The capability an export belongs to (undefined for a name outside the contract). */
export function capabilityOf(name: string): Capability | undefined {
  for (const c of CAPABILITY_NAMES) if ((CAPABILITIES[c].exports as readonly string[]).includes(name)) return c;
  return undefined;
}

/** What an adapter module exports (as `default` or as the named export `adapter`). */
export interface Adapter {
  /** Shown in the report. */
  name: string;
  /** The capabilities the implementation claims; everything else is reported "not provided". */
  provides: readonly Capability[];
  /** The implementation under the contract's names. Support pieces it leaves out come from the reference. */
  impl: Partial<Contract>;
}

// Compile-time proof that the reference satisfies the contract (and that every capability's
// exports are the reference's export names).
type Assignable<T, U extends T> = U;
export type ReferenceConforms = Assignable<Contract, typeof Reference>;
type Covered = (typeof CAPABILITIES)[Capability]["exports"][number];
/** Names of the contract no capability lists: must be none (a name here fails to compile below). */
type Uncovered = Exclude<ExportName, Covered>;
export const EVERY_EXPORT_IN_A_CAPABILITY: [Uncovered] extends [never] ? true : Uncovered = true;
