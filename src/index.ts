/**
 * The public surface: the book's chapter-6 pieces under the book's names (camelCase where the
 * book uses snake_case). conformance/contract.ts states it as a contract other implementations
 * can be checked against.
 */
export { Matrix, matmul, matmulTransA, matmulTransB } from "./base/matrix.js";
export { Rng } from "./base/rng.js";
export {
  sigmoid,
  relu,
  tanh,
  leakyRelu,
  elu,
  softmax,
  crossEntropyError,
  meanSquaredError,
  type Labels,
} from "./functions.js";
export { numericalGradient } from "./gradient.js";
export {
  Affine,
  Relu,
  Sigmoid,
  Tanh,
  SoftmaxWithLoss,
  BatchNormalization,
  Dropout,
  BATCHNORM_EPS,
  type Layer,
  type DropoutOptions,
} from "./layers.js";
export {
  SGD,
  Momentum,
  Nesterov,
  AdaGrad,
  RMSprop,
  Adam,
  createOptimizer,
  OPTIMIZER_NAMES,
  type Optimizer,
  type OptimizerName,
  type OptimizerOptions,
  type Params,
} from "./optimizer.js";
export { initWeight, initStd, INIT_NAMES, type WeightInit, type InitName } from "./init.js";
export { MultiLayerNet, ACTIVATION_NAMES, type MultiLayerNetOptions, type Network } from "./multi-layer-net.js";
export { MultiLayerNetExtend, type MultiLayerNetExtendOptions } from "./multi-layer-net-extend.js";
export { Trainer, type TrainerOptions, type TrainerProgress } from "./trainer.js";
export {
  sampleHyperparameters,
  splitValidation,
  type SearchRanges,
  type ValidationSplit,
} from "./hyperparameter-search.js";
export {
  loadMnist,
  loadMnistRaw,
  standardize,
  featureStats,
  toOneHot,
  type MnistData,
  type MnistOptions,
} from "./data/mnist.js";
