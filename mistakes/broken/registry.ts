/**
 * The catalogue of deliberately broken implementations: each is the reference with one classic
 * mistake, and names the laws that must catch it. spec/properties/teeth.spec.ts runs every
 * (variant, law) pair and checks that the law fails, and that every law catches some variant.
 */
import { reference, type Impl } from "../../conformance/laws/impl.js";
import { AffineDbWrongAxis, ReluPassesZero, SigmoidBackwardFromInput, SoftmaxWithLossNotAveraged, TanhMissingSquare } from "./layers.js";
import {
  BatchNormDgammaWithoutXhat, BatchNormGammaPerRow, BatchNormMissingMeanTerm, BatchNormMomentumSwapped, BatchNormOnlineMean,
  BatchNormRunningStatsInTraining, BatchNormTestUsesBatchStats, BatchNormWithoutEps,
} from "./batchnorm.js";
import {
  DropoutInvertedIgnored, DropoutKeepsBelowRatio, DropoutMaskNotReused, DropoutMaskPerRow, DropoutScaledInTraining, DropoutTestIdentity, HookedDropout,
} from "./dropout.js";
import {
  AdaGradEpsInsideSqrt, AdaGradOverwritesH, AdaGradWithoutEps, AdamHiddenIter, AdamIterPerKey, AdamWithoutBiasCorrection,
  MomentumWithoutDecay, MomentumWrongSign, NesterovAsMomentum, NesterovVFirst, RMSpropAccumulatesLikeAdaGrad, SGDWrongSign,
} from "./optimizers.js";
import {
  crossEntropyMissingMinus, crossEntropySummed, crossEntropyWithoutDelta, numericalGradientForward, numericalGradientOverH,
  softmaxOverColumns, softmaxWithoutMax,
} from "./functions.js";
import {
  initConstantIgnored, initStdAsWeight, initXavierHeSwapped, weightDecayMissingFromGradient, weightDecayOnBiases, weightDecayWithoutHalf,
} from "./networks.js";
import { patchedNets, withBatchNorm, withDropout } from "./nets.js";

export interface BrokenVariant {
  /** Named after the mistake, e.g. "adam-without-bias-correction". */
  id: string;
  /** The mistake, in words. */
  mistake: string;
  impl: Impl;
  /** Ids of the laws that must fail on this implementation. */
  killedBy: string[];
}

const variant = (id: string, mistake: string, patch: Partial<Impl>, killedBy: string[]): BrokenVariant => ({
  id, mistake, impl: { ...reference, ...patch }, killedBy,
});

export const brokenVariants: BrokenVariant[] = [
  // layers
  variant("affine-db-wrong-axis", "Affine db summed over the wrong axis (per batch row instead of per output column)", { Affine: AffineDbWrongAxis }, ["affine-gradient"]),
  variant("relu-backward-passes-zero", "ReLU's backward mask is x < 0, so the gradient passes at x = 0", { Relu: ReluPassesZero }, ["relu-gradient"]),
  variant("sigmoid-backward-from-input", "Sigmoid backward uses x instead of y: dout·(1 − x)·x", { Sigmoid: SigmoidBackwardFromInput }, ["sigmoid-gradient"]),
  variant("tanh-backward-missing-square", "Tanh backward uses 1 − y instead of 1 − y²", { Tanh: TanhMissingSquare }, ["tanh-gradient"]),
  variant("softmax-with-loss-not-averaged", "SoftmaxWithLoss backward returns y − t, not (y − t)/N", { SoftmaxWithLoss: SoftmaxWithLossNotAveraged }, ["softmax-with-loss-gradient"]),
  // batch normalisation
  variant("batchnorm-backward-missing-mean-term", "BatchNorm backward without the mean branch (−Σdxc/N)", withBatchNorm(BatchNormMissingMeanTerm),
    ["batchnorm-gradient", "batchnorm-backward-sums", "network-gradient-batchnorm", "network-directional-derivative"]),
  variant("batchnorm-running-stats-in-training", "BatchNorm normalises training batches with the running statistics", { BatchNormalization: BatchNormRunningStatsInTraining }, ["batchnorm-train-normalises"]),
  variant("batchnorm-without-eps", "BatchNorm divides by √σ² without ε", { BatchNormalization: BatchNormWithoutEps }, ["batchnorm-train-normalises"]),
  variant("batchnorm-momentum-swapped", "BatchNorm running statistics ← 0.1·running + 0.9·batch", { BatchNormalization: BatchNormMomentumSwapped }, ["batchnorm-running-statistics"]),
  variant("batchnorm-test-uses-batch-statistics", "BatchNorm at test time normalises with the test batch's statistics", { BatchNormalization: BatchNormTestUsesBatchStats }, ["batchnorm-test-mode"]),
  variant("batchnorm-gamma-per-row", "BatchNorm's γ and β indexed by batch row instead of feature column", { BatchNormalization: BatchNormGammaPerRow },
    ["batchnorm-permutation-equivariant", "batchnorm-train-normalises"]),
  variant("batchnorm-online-mean", "BatchNorm centres each row by the running mean of the rows so far (one pass, no second)", { BatchNormalization: BatchNormOnlineMean },
    ["batchnorm-permutation-equivariant", "batchnorm-train-normalises"]),
  variant("batchnorm-dgamma-without-xhat", "BatchNorm's dγ = Σ dout (the x̂ factor dropped)", { BatchNormalization: BatchNormDgammaWithoutXhat }, ["batchnorm-backward-sums", "batchnorm-gradient"]),
  // dropout
  variant("dropout-mask-not-reused", "Dropout backward draws a new mask instead of reusing the forward's", withDropout(DropoutMaskNotReused),
    ["dropout-backward-reuses-mask", "dropout-gradient", "network-gradient-dropout"]),
  variant("dropout-scaled-in-training", "Book dropout also scales kept units by 1/(1 − ratio) in training", { Dropout: DropoutScaledInTraining },
    ["dropout-train-zero-or-input", "dropout-expected-train-equals-test"]),
  variant("dropout-test-identity", "Book dropout returns x at test time instead of x·(1 − ratio)", { Dropout: DropoutTestIdentity },
    ["dropout-test-output", "dropout-expected-train-equals-test"]),
  variant("dropout-keeps-below-ratio", "Dropout keeps a unit when rand < ratio (comparison reversed)", { Dropout: DropoutKeepsBelowRatio },
    ["dropout-kept-fraction", "dropout-ratio-zero-identity"]),
  variant("dropout-mask-per-row", "Dropout draws one keep/drop decision per example, shared by all its units", withDropout(DropoutMaskPerRow),
    ["dropout-kept-fraction", "dropout-breaks-symmetry"]),
  variant("dropout-inverted-ignored", "The inverted-dropout option is accepted and ignored", { Dropout: DropoutInvertedIgnored }, ["dropout-inverted-mode"]),
  // optimizers
  variant("sgd-wrong-sign", "SGD adds lr·g", { SGD: SGDWrongSign }, ["sgd-exact-step", "optimizers-descend-convex-quadratic"]),
  variant("momentum-wrong-sign", "Momentum v ← αv + lr·g", { Momentum: MomentumWrongSign }, ["momentum-zero-is-sgd", "optimizers-descend-convex-quadratic"]),
  variant("momentum-without-decay", "Momentum v ← v − lr·g (α ignored)", { Momentum: MomentumWithoutDecay }, ["momentum-zero-is-sgd"]),
  variant("nesterov-as-momentum", "Nesterov implemented as plain momentum", { Nesterov: NesterovAsMomentum }, ["nesterov-formula"]),
  variant("nesterov-v-first", "Nesterov updates v first and uses the new v in the W step", { Nesterov: NesterovVFirst }, ["nesterov-formula"]),
  variant("adagrad-without-eps", "AdaGrad divides by √h with no ε", { AdaGrad: AdaGradWithoutEps }, ["zero-gradient-no-move"]),
  variant("adagrad-eps-inside-sqrt", "AdaGrad divides by √(h + 1e-7) instead of √h + 1e-7", { AdaGrad: AdaGradEpsInsideSqrt }, ["adagrad-h-accumulates"]),
  variant("adagrad-overwrites-h", "AdaGrad sets h = g² instead of accumulating", { AdaGrad: AdaGradOverwritesH }, ["adagrad-h-accumulates"]),
  variant("rmsprop-accumulates-like-adagrad", "RMSprop h ← h + g² (no decay)", { RMSprop: RMSpropAccumulatesLikeAdaGrad }, ["rmsprop-h-moving-average"]),
  variant("adam-without-bias-correction", "Adam uses lr instead of lr·√(1 − β2^t)/(1 − β1^t)", { Adam: AdamWithoutBiasCorrection }, ["adam-first-step"]),
  variant("adam-iter-per-key", "Adam increments iter once per parameter matrix", { Adam: AdamIterPerKey }, ["vectorised-equals-per-element"]),
  variant("adam-hidden-iter", "Adam keeps its step count in a private field a snapshot cannot see", { Adam: AdamHiddenIter }, ["optimizer-snapshot-resume"]),
  // functions
  variant("softmax-without-max", "softmax without subtracting the row max", { softmax: softmaxWithoutMax }, ["softmax-shift-invariant", "softmax-no-overflow"]),
  variant("softmax-over-columns", "softmax normalised over columns (the batch axis)", { softmax: softmaxOverColumns }, ["softmax-rows-sum-to-one"]),
  variant("cross-entropy-missing-minus", "cross entropy without the minus sign", { crossEntropyError: crossEntropyMissingMinus }, ["cross-entropy-worked-examples"]),
  variant("cross-entropy-without-1e-7", "cross entropy log(y) without the book's 1e-7", { crossEntropyError: crossEntropyWithoutDelta }, ["cross-entropy-worked-examples"]),
  variant("cross-entropy-summed", "cross entropy summed over the batch instead of averaged", { crossEntropyError: crossEntropySummed }, ["cross-entropy-worked-examples"]),
  // weight decay and initial weights
  variant("weight-decay-on-biases", "weight decay applied to biases too", weightDecayOnBiases, ["weight-decay-exact"]),
  variant("weight-decay-missing-from-gradient", "weight decay in the loss but not in dW", weightDecayMissingFromGradient,
    ["weight-decay-exact", "network-gradient-weight-decay", "network-directional-derivative"]),
  variant("weight-decay-without-half", "weight decay loss λΣW² without the ½", weightDecayWithoutHalf, ["weight-decay-exact", "network-gradient-weight-decay"]),
  variant("init-xavier-he-swapped", "Xavier's √(1/n) and He's √(2/n) swapped", initXavierHeSwapped, ["xavier-he-std", "he-keeps-activation-scale"]),
  variant("init-std-as-weight", "every weight set to the std instead of std·randn", initStdAsWeight, ["xavier-he-std", "random-init-breaks-symmetry"]),
  variant("init-constant-ignored", "'zeros' and { constant } ignored: He weights drawn", initConstantIgnored, ["symmetric-weights-stay-symmetric"]),
  // the numerical differentiator
  variant("numerical-forward-difference", "numerical gradient by forward difference", { numericalGradient: numericalGradientForward }, ["central-difference-order-two"]),
  variant("numerical-divided-by-h", "central difference divided by h instead of 2h", { numericalGradient: numericalGradientOverH }, ["central-difference-order-two"]),
];

/**
 * Controls: the test harness of the broken variants with no mistake in it. They must pass the
 * laws listed, so a variant's failure is due to its mistake and not to the harness.
 */
export const controls: { id: string; impl: Impl; passes: string[] }[] = [
  {
    id: "hooked-dropout-unbroken", impl: { ...reference, ...withDropout(HookedDropout) },
    passes: ["dropout-train-zero-or-input", "dropout-backward-reuses-mask", "dropout-test-output", "dropout-kept-fraction", "dropout-expected-train-equals-test",
      "dropout-ratio-zero-identity", "dropout-inverted-mode", "dropout-gradient", "network-gradient-dropout", "dropout-breaks-symmetry"],
  },
  { id: "patched-nets-unbroken", impl: { ...reference, ...patchedNets(() => {}) }, passes: ["network-gradient-weight-decay", "weight-decay-exact", "symmetric-weights-stay-symmetric"] },
];
