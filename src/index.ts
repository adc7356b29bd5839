/**
 * The public surface: the book's chapter-6 pieces under the book's names (camelCase where the
 * book uses snake_case). Later work validates other implementations against this contract.
 */
export { Matrix, matmul, matmulTransA, matmulTransB } from "./base/matrix.js";
export { Rng } from "./base/rng.js";
export {
  sigmoid, relu, tanh, leakyRelu, elu, softmax, crossEntropyError, meanSquaredError, numericalGradient, type Labels,
} from "./functions.js";
export {
  Affine, Relu, Sigmoid, Tanh, SoftmaxWithLoss, BatchNormalization, Dropout, BATCHNORM_EPS, type Layer, type DropoutOptions,
} from "./layers.js";
export {
  SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam, createOptimizer, OPTIMIZER_NAMES,
  type Optimizer, type OptimizerName, type OptimizerOptions, type Params,
} from "./optimizer.js";
export { initWeight, initStd, INIT_NAMES, type WeightInit, type InitName } from "./init.js";
export {
  MultiLayerNet, MultiLayerNetExtend, ACTIVATION_NAMES,
  type MultiLayerNetOptions, type MultiLayerNetExtendOptions, type Network,
} from "./multi-layer-net.js";
export { Trainer, type TrainerOptions, type TrainerProgress } from "./trainer.js";
export {
  sampleHyperparameters, splitValidation, type SearchRanges, type ValidationSplit,
} from "./hyperparameter-search.js";
export { loadMnist, loadMnistRaw, standardize, featureStats, toOneHot, type MnistData, type MnistOptions } from "./data/mnist.js";
