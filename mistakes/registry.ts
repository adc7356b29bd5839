/**
 * The one registry of planted mistakes. Each entry is the reference with one piece written the
 * way people really get it wrong ("mistake"), or written in a correct convention that is not the
 * book's ("variant": ε inside the root, inverted dropout, Adam in the paper's form, …).
 *
 * Who reads it:
 * - the teeth spec (spec/properties/teeth.spec.ts): every law in an entry's killedBy fails on it,
 *   and every law fails on some entry;
 * - the kill table (mistakes/kill.ts, `npm run misconceptions`): every entry through every check
 *   that uses a contract name it changes; killed only by checks whose message names it, and by at
 *   least two of them;
 * - the conformance engine (conformance/evidence.ts): a failing check's received numbers are
 *   compared with what each entry produces on the same input, and an entry is named only when
 *   they match;
 * - the claim specs (spec/claims) take their planted networks from here by id;
 * - learn mode's planted answers (learn/exercises/*\/mistakes.ts) are keyed by these ids and take
 *   their names from here.
 */
import { reference, type Impl } from "../conformance/laws/impl.js";
import { PYTHON_PATCHES, type PythonPatch } from "./python.js";
import { BATCHNORM_EPS } from "../src/index.js";
import {
  AffineDbWrongAxis,
  ReluPassesZero,
  SigmoidBackwardFromInput,
  SigmoidForwardWrongSign,
  SoftmaxWithLossNotAveraged,
  TanhMissingSquare,
} from "./broken/layers.js";
import {
  batchNormStats,
  BatchNormBackwardStdConstant,
  BatchNormDgammaFromXc,
  BatchNormDgammaWithoutXhat,
  BatchNormGammaPerRow,
  BatchNormMissingMeanTerm,
  BatchNormMomentumSwapped,
  BatchNormOnlineMean,
  BatchNormReplacesRunning,
  BatchNormRunningStatsInTraining,
  BatchNormTestUsesBatchStats,
  BatchNormVarianceWrongAxis,
} from "./broken/batchnorm.js";
import {
  DropoutBackwardWithoutMask,
  DropoutInvertedAlways,
  DropoutInvertedIgnored,
  DropoutKeepsBelowRatio,
  DropoutMaskNotReused,
  DropoutMaskPerRow,
  DropoutReusesOneMask,
  DropoutScaledInTraining,
  DropoutTestIdentity,
  HookedDropout,
} from "./broken/dropout.js";
import {
  adaGradRule,
  adamPaper,
  adamRule,
  AdamHiddenIter,
  AdamIterPerKey,
  AdamLateIter,
  bookLrT,
  ForgetfulMomentum,
  momentumRule,
  nesterovRule,
  rmspropRule,
  SGDNewMatrix,
  SGDOnlyWeights,
  sgdRule,
} from "./broken/optimizers.js";
import {
  crossEntropyMissingMinus,
  crossEntropySummed,
  crossEntropyWithoutDelta,
  numericalGradientForward,
  numericalGradientOverH,
  softmaxOverColumns,
  softmaxWithoutMax,
} from "./broken/functions.js";
import {
  initConstantIgnored,
  initStdAsWeight,
  initStdBy,
  initXavierHeSwapped,
  weightDecayGradientOnBiases,
  weightDecayLossOnBiases,
  weightDecayMissingFromGradient,
  weightDecayOnBiases,
  weightDecayWithoutHalf,
} from "./broken/networks.js";
import { patchedNets, withBatchNorm, withDropout } from "./broken/nets.js";
import {
  AdaGradResetEachCall,
  AdamResetEachCall,
  MomentumSharedV,
  NesterovVInGrads,
  RMSpropHByPosition,
  sharedBetweenKeys,
} from "./broken/optimizer-state.js";
import {
  searchBaseE,
  searchLrLinear,
  searchOneDraw,
  searchOwnGenerator,
  searchRangesSwapped,
  splitInPlace,
  splitLabelsSeparately,
  splitOverlap,
  splitRoundsSize,
  splitValidationAtEnd,
  splitWithoutShuffle,
} from "./broken/search.js";
import {
  IgnoresInitNet,
  MasklessDropout,
  MasklessDropoutNet,
  NegativeWeightDecayNet,
  UnnormalizedBatchNorm,
  UnnormalizedBatchNormNet,
  VarianceAsStdNet,
} from "./broken/claims.js";

export type EntryKind = "mistake" | "variant";

export interface Entry {
  /** Named after the mistake, e.g. "adam-without-bias-correction". */
  id: string;
  /** The reference module the piece lives in, e.g. "src/optimizer.ts". */
  module: string;
  /** Book section, e.g. "§6.1.6 Adam". */
  section: string;
  /** What is written differently, in plain words. */
  mistake: string;
  /** "mistake": wrong. "variant": a correct convention that is not the book's. */
  kind: EntryKind;
  /**
   * The reference with this entry planted (a fresh Impl: the contract names it changes swapped).
   * Absent for an entry that only learn mode plants (its piece has no contract name yet).
   */
  make?: () => Impl;
  /** Ids of checks that must fail on it and name it (at least two for every entry with make). */
  killedBy: readonly string[];
  /** The same mistake in Python, as a patch to learn mode's Python solution (mistakes/python.ts). */
  python?: PythonPatch;
}

const L = "src/layers.ts",
  O = "src/optimizer.ts",
  F = "src/functions.ts",
  G = "src/gradient.ts",
  I = "src/init.ts",
  N = "src/multi-layer-net.ts",
  H = "src/hyperparameter-search.ts";

function entry(
  kind: EntryKind,
  id: string,
  module: string,
  section: string,
  mistake: string,
  patch: (() => Partial<Impl>) | null,
  killedBy: string[],
): Entry {
  const e: Entry = { id, module, section, mistake, kind, killedBy };
  if (patch) e.make = () => withCreateOptimizer({ ...reference, ...patch() } as Impl);
  return e;
}

const OPTIMIZERS = ["SGD", "Momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam"] as const;

/** An Impl whose createOptimizer builds its own optimizer classes (so a planted class is reached by name too). */
function withCreateOptimizer(impl: Impl): Impl {
  if (impl.createOptimizer !== reference.createOptimizer || OPTIMIZERS.every((n) => impl[n] === reference[n]))
    return impl;
  const createOptimizer: Impl["createOptimizer"] = (name, options = {}) => {
    const cls = OPTIMIZERS.find((n) => n.toLowerCase() === String(name).toLowerCase());
    return cls && impl[cls] !== reference[cls] ? new impl[cls](options) : reference.createOptimizer(name, options);
  };
  return { ...impl, createOptimizer };
}
const mistake = (...a: Parameters<typeof entry> extends [unknown, ...infer R] ? R : never) => entry("mistake", ...a);
const variant = (...a: Parameters<typeof entry> extends [unknown, ...infer R] ? R : never) => entry("variant", ...a);

const S1 = "§6.1.2 SGD",
  SM = "§6.1.4 Momentum",
  SN = "§6.1 Nesterov",
  SA = "§6.1.5 AdaGrad",
  SR = "§6.1 RMSprop",
  SD = "§6.1.6 Adam";
const SB = "§6.3 Batch Normalization",
  SW = "§6.4.2 Weight decay",
  SO = "§6.4.3 Dropout",
  SI = "§6.2 Initial weights",
  SS = "§6.5 Hyperparameter search";
const WORKED = (name: string) => [`worked-${name}`];
/** The worked example of one optimizer: three updates of two keys, or one update in place. */
const TWO_KEYS = (optimizer: string) => `worked-two-keys-${optimizer}`;
const IN_PLACE = (optimizer: string) => `worked-in-place-${optimizer}`;

export const registry: Entry[] = [
  // ------------------------------------------------------------------ ch. 5 layers
  mistake(
    "affine-db-wrong-axis",
    L,
    "ch. 5 Affine",
    "Affine db summed over the wrong axis (per batch row instead of per output column)",
    () => ({ Affine: AffineDbWrongAxis }),
    ["affine-gradient", ...WORKED("affine")],
  ),
  mistake(
    "relu-backward-passes-zero",
    L,
    "ch. 5 ReLU",
    "ReLU's backward mask is x < 0, so the gradient passes at x = 0",
    () => ({ Relu: ReluPassesZero }),
    ["relu-gradient", ...WORKED("relu")],
  ),
  mistake(
    "sigmoid-backward-from-input",
    L,
    "ch. 5 Sigmoid",
    "Sigmoid backward uses x instead of y: dout·(1 − x)·x",
    () => ({ Sigmoid: SigmoidBackwardFromInput }),
    ["sigmoid-gradient", ...WORKED("sigmoid")],
  ),
  mistake(
    "sigmoid-forward-wrong-sign",
    L,
    "ch. 5 Sigmoid",
    "Sigmoid forward 1/(1 + eˣ) instead of 1/(1 + e⁻ˣ), with the book's backward",
    () => ({ Sigmoid: SigmoidForwardWrongSign }),
    ["sigmoid-gradient", ...WORKED("sigmoid")],
  ),
  mistake(
    "tanh-backward-missing-square",
    L,
    "ch. 5 Tanh",
    "Tanh backward uses 1 − y instead of 1 − y²",
    () => ({ Tanh: TanhMissingSquare }),
    ["tanh-gradient", ...WORKED("tanh")],
  ),
  mistake(
    "softmax-with-loss-not-averaged",
    L,
    "ch. 5 Softmax-with-Loss",
    "SoftmaxWithLoss backward returns y − t, not (y − t)/N",
    () => ({ SoftmaxWithLoss: SoftmaxWithLossNotAveraged }),
    ["softmax-with-loss-gradient", ...WORKED("softmax-with-loss")],
  ),
  // ------------------------------------------------------------------ §6.3 batch normalisation
  mistake(
    "batchnorm-backward-missing-mean-term",
    L,
    SB,
    "BatchNorm backward without the mean branch (−Σdxc/N)",
    () => withBatchNorm(BatchNormMissingMeanTerm),
    [
      "batchnorm-gradient",
      "batchnorm-backward-sums",
      "network-gradient-batchnorm",
      "network-directional-derivative",
      ...WORKED("batchnorm"),
    ],
  ),
  mistake(
    "batchnorm-running-stats-in-training",
    L,
    SB,
    "BatchNorm normalises training batches with the running statistics",
    () => ({ BatchNormalization: BatchNormRunningStatsInTraining }),
    ["batchnorm-train-normalises", ...WORKED("batchnorm")],
  ),
  mistake(
    "batchnorm-without-eps",
    L,
    SB,
    "BatchNorm divides by √σ² without ε",
    () => ({ BatchNormalization: batchNormStats((n) => n, 0) }),
    ["batchnorm-train-normalises", ...WORKED("batchnorm")],
  ),
  variant(
    "batchnorm-eps-1e-7",
    L,
    SB,
    "BatchNorm's ε as 1e-7 instead of the book's 10e-7 (= 1e-6)",
    () => ({ BatchNormalization: batchNormStats((n) => n, 1e-7) }),
    ["batchnorm-train-normalises", ...WORKED("batchnorm")],
  ),
  mistake(
    "batchnorm-unbiased-variance",
    L,
    SB,
    "BatchNorm with the unbiased variance Σ(x − μ)²/(N − 1) instead of the book's /N",
    () => ({ BatchNormalization: batchNormStats((n) => n - 1, BATCHNORM_EPS) }),
    ["batchnorm-train-normalises", ...WORKED("batchnorm")],
  ),
  mistake(
    "batchnorm-variance-wrong-axis",
    L,
    SB,
    "BatchNorm variance taken over the wrong axis (per row, across features, instead of per feature over the batch)",
    () => ({ BatchNormalization: BatchNormVarianceWrongAxis }),
    ["batchnorm-train-normalises", ...WORKED("batchnorm")],
  ),
  mistake(
    "batchnorm-momentum-swapped",
    L,
    SB,
    "BatchNorm running statistics ← 0.1·running + 0.9·batch",
    () => ({ BatchNormalization: BatchNormMomentumSwapped }),
    ["batchnorm-running-statistics", "batchnorm-test-mode", ...WORKED("batchnorm")],
  ),
  mistake(
    "batchnorm-replaces-running",
    L,
    SB,
    "BatchNorm running statistics replaced by the batch's (momentum 0) instead of averaged",
    () => ({ BatchNormalization: BatchNormReplacesRunning }),
    ["batchnorm-running-statistics", ...WORKED("batchnorm")],
  ),
  mistake(
    "batchnorm-test-uses-batch-statistics",
    L,
    SB,
    "BatchNorm at test time normalises with the test batch's statistics",
    () => ({ BatchNormalization: BatchNormTestUsesBatchStats }),
    ["batchnorm-test-mode", ...WORKED("batchnorm")],
  ),
  mistake(
    "batchnorm-gamma-per-row",
    L,
    SB,
    "BatchNorm's γ and β indexed by batch row instead of feature column",
    () => ({ BatchNormalization: BatchNormGammaPerRow }),
    ["batchnorm-permutation-equivariant", "batchnorm-train-normalises"],
  ),
  mistake(
    "batchnorm-online-mean",
    L,
    SB,
    "BatchNorm centres each row by the running mean of the rows so far (one pass, no second)",
    () => ({ BatchNormalization: BatchNormOnlineMean }),
    ["batchnorm-permutation-equivariant", "batchnorm-train-normalises"],
  ),
  mistake(
    "batchnorm-dgamma-without-xhat",
    L,
    SB,
    "BatchNorm's dγ = Σ dout (the x̂ factor dropped)",
    () => ({ BatchNormalization: BatchNormDgammaWithoutXhat }),
    ["batchnorm-backward-sums", "batchnorm-gradient"],
  ),
  mistake(
    "batchnorm-dgamma-from-xc",
    L,
    SB,
    "BatchNorm's dγ = Σ dout⊙xc (the centred input instead of x̂)",
    () => ({ BatchNormalization: BatchNormDgammaFromXc }),
    ["batchnorm-gradient", ...WORKED("batchnorm")],
  ),
  mistake(
    "batchnorm-backward-std-constant",
    L,
    SB,
    "BatchNorm backward treating σ as a constant (no path through σ²)",
    () => ({ BatchNormalization: BatchNormBackwardStdConstant }),
    ["batchnorm-gradient", ...WORKED("batchnorm")],
  ),
  mistake(
    "batchnorm-unnormalized",
    L,
    SB,
    '"BatchNorm" without the normalisation: y = γ·x + β',
    () => ({ BatchNormalization: UnnormalizedBatchNorm, MultiLayerNetExtend: UnnormalizedBatchNormNet }),
    ["batchnorm-train-normalises", ...WORKED("batchnorm")],
  ),
  // ------------------------------------------------------------------ §6.4.3 dropout
  mistake(
    "dropout-mask-not-reused",
    L,
    SO,
    "Dropout backward draws a new mask instead of reusing the forward's",
    () => withDropout(DropoutMaskNotReused),
    ["dropout-backward-reuses-mask", "dropout-gradient", "network-gradient-dropout", ...WORKED("dropout")],
  ),
  mistake(
    "dropout-scaled-in-training",
    L,
    SO,
    "Book dropout scales kept units by 1/(1 − ratio) in training and still by (1 − ratio) at test (scaled twice)",
    () => ({ Dropout: DropoutScaledInTraining }),
    ["dropout-train-zero-or-input", "dropout-expected-train-equals-test", ...WORKED("dropout")],
  ),
  variant(
    "dropout-inverted",
    L,
    SO,
    "inverted dropout in place of the book's: kept units ×1/(1 − ratio) in training, x unchanged at test",
    () => ({ Dropout: DropoutInvertedAlways }),
    ["dropout-train-zero-or-input", ...WORKED("dropout")],
  ),
  mistake(
    "dropout-test-identity",
    L,
    SO,
    "Book dropout returns x at test time instead of x·(1 − ratio)",
    () => ({ Dropout: DropoutTestIdentity }),
    ["dropout-test-output", "dropout-expected-train-equals-test"],
  ),
  mistake(
    "dropout-keeps-below-ratio",
    L,
    SO,
    "Dropout keeps a unit when rand < ratio (comparison reversed)",
    () => ({ Dropout: DropoutKeepsBelowRatio }),
    ["dropout-kept-fraction", "dropout-ratio-zero-identity"],
  ),
  mistake(
    "dropout-mask-per-row",
    L,
    SO,
    "Dropout draws one keep/drop decision per example, shared by all its units",
    () => withDropout(DropoutMaskPerRow),
    ["dropout-kept-fraction", "dropout-breaks-symmetry"],
  ),
  mistake(
    "dropout-inverted-ignored",
    L,
    SO,
    "The inverted-dropout option is accepted and ignored",
    () => ({ Dropout: DropoutInvertedIgnored }),
    ["dropout-inverted-mode", ...WORKED("dropout")],
  ),
  mistake(
    "dropout-backward-without-mask",
    L,
    SO,
    "Dropout backward passing dout through unmasked (the forward mask not applied)",
    () => ({ Dropout: DropoutBackwardWithoutMask }),
    ["dropout-backward-reuses-mask", "dropout-gradient"],
  ),
  mistake(
    "dropout-reuses-one-mask",
    L,
    SO,
    "Dropout draws its mask once and reuses it on every training forward",
    () => ({ Dropout: DropoutReusesOneMask }),
    ["dropout-new-mask-each-forward", ...WORKED("dropout")],
  ),
  mistake(
    "dropout-never-drops",
    L,
    SO,
    "Dropout that never drops in training (no mask), still scaling at test",
    () => ({ Dropout: MasklessDropout, MultiLayerNetExtend: MasklessDropoutNet }),
    ["dropout-kept-fraction", ...WORKED("dropout")],
  ),
  // ------------------------------------------------------------------ §6.1 SGD
  mistake(
    "sgd-wrong-sign",
    O,
    S1,
    "SGD adds lr·g (W ← W + lr·g): it climbs the gradient",
    () => ({ SGD: sgdRule((W, g, lr) => W + lr * g) }),
    ["sgd-exact-step", "optimizers-descend-convex-quadratic", "book-path-sgd"],
  ),
  mistake(
    "sgd-without-lr",
    O,
    S1,
    "SGD without the learning rate: W ← W − g",
    () => ({ SGD: sgdRule((W, g) => W - g) }),
    ["sgd-exact-step", "book-path-sgd"],
  ),
  mistake(
    "sgd-new-matrix",
    O,
    S1,
    "SGD assigns a new Matrix to params[key] instead of changing W in place (layers keep the old one)",
    () => ({ SGD: SGDNewMatrix }),
    ["sgd-exact-step", IN_PLACE("sgd"), "optimizer-state-multi-key"],
  ),
  mistake(
    "sgd-only-weights",
    O,
    S1,
    "SGD updates only the weights W1, W2, … and not every key of params",
    () => ({ SGD: SGDOnlyWeights }),
    ["vectorised-equals-per-element", IN_PLACE("sgd")],
  ),
  variant(
    "sgd-default-lr-0.001",
    O,
    S1,
    "SGD's default learning rate 0.001 instead of the book's 0.01",
    () => ({ SGD: sgdRule((W, g, lr) => W - lr * g, 0.001) }),
    ["worked-defaults-sgd", "worked-create-defaults-sgd"],
  ),
  // ------------------------------------------------------------------ §6.1 Momentum and Nesterov
  mistake(
    "momentum-wrong-sign",
    O,
    SM,
    "Momentum adding +lr·g: v ← αv + lr·g",
    () => ({
      Momentum: momentumRule((W, v, g, lr, a) => {
        const v1 = a * v + lr * g;
        return [W + v1, v1];
      }),
    }),
    ["momentum-zero-is-sgd", "optimizers-descend-convex-quadratic", "book-path-momentum"],
  ),
  mistake(
    "momentum-without-decay",
    O,
    SM,
    "Momentum without the decay: v ← v − lr·g (α ignored)",
    () => ({
      Momentum: momentumRule((W, v, g, lr) => {
        const v1 = v - lr * g;
        return [W + v1, v1];
      }),
    }),
    ["momentum-zero-is-sgd", "book-path-momentum"],
  ),
  mistake(
    "momentum-w-before-v",
    O,
    SM,
    "Momentum moves W by the old v before updating v (W ← W + v; v ← αv − lr·g)",
    () => ({ Momentum: momentumRule((W, v, g, lr, a) => [W + v, a * v - lr * g]) }),
    ["book-path-momentum", TWO_KEYS("momentum")],
  ),
  mistake(
    "momentum-forgets-velocity",
    O,
    SM,
    "Momentum without memory: v reset to 0 at every update (it degenerates to SGD)",
    () => ({ Momentum: ForgetfulMomentum }),
    ["book-path-momentum", TWO_KEYS("momentum")],
  ),
  variant(
    "momentum-ema",
    O,
    SM,
    "momentum as an exponential moving average: v ← αv + (1 − α)g, W ← W − lr·v",
    () => ({
      Momentum: momentumRule((W, v, g, lr, a) => {
        const v1 = a * v + (1 - a) * g;
        return [W - lr * v1, v1];
      }),
    }),
    ["book-path-momentum", TWO_KEYS("momentum")],
  ),
  mistake(
    "nesterov-as-momentum",
    O,
    SN,
    "Nesterov written as plain momentum (W ← W + v)",
    () => ({
      Nesterov: nesterovRule((W, v, g, lr, a) => {
        const v1 = a * v - lr * g;
        return [W + v1, v1];
      }),
    }),
    ["nesterov-formula", "book-path-nesterov"],
  ),
  variant(
    "nesterov-pre-2021",
    O,
    SN,
    "the pre-2021 Nesterov of the book's repository: v updated first, the new v used in the W step",
    () => ({
      Nesterov: nesterovRule((W, v, g, lr, a) => {
        const v1 = a * v - lr * g;
        return [W + a * a * v1 - (1 + a) * lr * g, v1];
      }),
    }),
    ["nesterov-formula", "book-path-nesterov"],
  ),
  // ------------------------------------------------------------------ §6.1 AdaGrad and RMSprop
  mistake(
    "adagrad-without-eps",
    O,
    SA,
    "AdaGrad divides by √h with no ε (0/0 for a zero gradient)",
    () => ({
      AdaGrad: adaGradRule((W, h, g, lr) => {
        const h1 = h + g * g;
        return [W - (lr * g) / Math.sqrt(h1), h1];
      }),
    }),
    ["zero-gradient-no-move", TWO_KEYS("adagrad")],
  ),
  variant(
    "adagrad-eps-inside-sqrt",
    O,
    SA,
    "ε inside the square root: AdaGrad divides by √(h + 1e-7) instead of √h + 1e-7",
    () => ({
      AdaGrad: adaGradRule((W, h, g, lr) => {
        const h1 = h + g * g;
        return [W - (lr * g) / Math.sqrt(h1 + 1e-7), h1];
      }),
    }),
    ["adagrad-h-accumulates", "book-path-adagrad"],
  ),
  variant(
    "adagrad-eps-1e-8",
    O,
    SA,
    "AdaGrad with ε = 1e-8 (PyTorch's and optax's) instead of the book's 1e-7",
    () => ({
      AdaGrad: adaGradRule((W, h, g, lr) => {
        const h1 = h + g * g;
        return [W - (lr * g) / (Math.sqrt(h1) + 1e-8), h1];
      }),
    }),
    ["book-path-adagrad", TWO_KEYS("adagrad")],
  ),
  mistake(
    "adagrad-overwrites-h",
    O,
    SA,
    "AdaGrad not accumulating: h ← g⊙g replaces h",
    () => ({
      AdaGrad: adaGradRule((W, _h, g, lr) => {
        const h1 = g * g;
        return [W - (lr * g) / (Math.sqrt(h1) + 1e-7), h1];
      }),
    }),
    ["adagrad-h-accumulates", "book-path-adagrad"],
  ),
  mistake(
    "adagrad-without-square",
    O,
    SA,
    "AdaGrad accumulating g instead of g⊙g: h ← h + g",
    () => ({
      AdaGrad: adaGradRule((W, h, g, lr) => {
        const h1 = h + g;
        return [W - (lr * g) / (Math.sqrt(h1) + 1e-7), h1];
      }),
    }),
    ["book-path-adagrad", TWO_KEYS("adagrad")],
  ),
  mistake(
    "adagrad-without-root",
    O,
    SA,
    "AdaGrad dividing by h instead of √h: W ← W − lr·g/(h + 1e-7)",
    () => ({
      AdaGrad: adaGradRule((W, h, g, lr) => {
        const h1 = h + g * g;
        return [W - (lr * g) / (h1 + 1e-7), h1];
      }),
    }),
    ["book-path-adagrad", TWO_KEYS("adagrad")],
  ),
  mistake(
    "rmsprop-accumulates-like-adagrad",
    O,
    SR,
    "RMSprop accumulating like AdaGrad: h ← h + g⊙g (no decay)",
    () => ({
      RMSprop: rmspropRule((W, h, g, lr) => {
        const h1 = h + g * g;
        return [W - (lr * g) / (Math.sqrt(h1) + 1e-7), h1];
      }),
    }),
    ["rmsprop-h-moving-average", "book-path-rmsprop"],
  ),
  mistake(
    "rmsprop-rho-swapped",
    O,
    SR,
    "RMSprop with ρ and 1 − ρ swapped: h ← (1 − ρ)h + ρ·g⊙g",
    () => ({
      RMSprop: rmspropRule((W, h, g, lr, rho) => {
        const h1 = (1 - rho) * h + rho * g * g;
        return [W - (lr * g) / (Math.sqrt(h1) + 1e-7), h1];
      }),
    }),
    ["rmsprop-h-moving-average", "book-path-rmsprop"],
  ),
  mistake(
    "rmsprop-h-not-decayed",
    O,
    SR,
    "RMSprop with h not decayed: h ← h + (1 − ρ)·g⊙g",
    () => ({
      RMSprop: rmspropRule((W, h, g, lr, rho) => {
        const h1 = h + (1 - rho) * g * g;
        return [W - (lr * g) / (Math.sqrt(h1) + 1e-7), h1];
      }),
    }),
    ["rmsprop-h-moving-average", "book-path-rmsprop"],
  ),
  // ------------------------------------------------------------------ §6.1 Adam
  mistake(
    "adam-without-bias-correction",
    O,
    SD,
    "Adam without bias correction: lr_t = lr at every step",
    () => ({ Adam: adamRule((o) => o.lr) }),
    ["adam-first-step", "book-path-adam"],
  ),
  mistake(
    "adam-betas-swapped",
    O,
    SD,
    "Adam with β1 and β2 swapped (m decays by β2, v by β1)",
    () => ({
      Adam: adamRule(
        (o, t) => bookLrT(o, t, o.beta2, o.beta1),
        (o) => [o.beta2, o.beta1],
      ),
    }),
    ["book-path-adam", TWO_KEYS("adam")],
  ),
  mistake(
    "adam-late-iter",
    O,
    SD,
    "Adam counting iter after lr_t: step t uses the count t − 1",
    () => ({ Adam: AdamLateIter }),
    ["adam-first-step", "book-path-adam"],
  ),
  mistake(
    "adam-iter-per-key",
    O,
    SD,
    "Adam increments iter once per parameter matrix instead of once per update",
    () => ({ Adam: AdamIterPerKey }),
    ["vectorised-equals-per-element", TWO_KEYS("adam"), "optimizer-state-multi-key", "optimizer-state-per-key"],
  ),
  mistake(
    "adam-hidden-iter",
    O,
    SD,
    "Adam keeps its step count in a private field a snapshot cannot see",
    () => ({ Adam: AdamHiddenIter }),
    ["optimizer-snapshot-resume", TWO_KEYS("adam")],
  ),
  variant(
    "adam-paper-form",
    O,
    SD,
    "Adam in the paper's form: m̂ = m/(1 − β1^t), v̂ = v/(1 − β2^t), W ← W − lr·m̂/(√v̂ + ε) — a correct Adam, not the book's",
    () => ({ Adam: adamPaper(1e-7) }),
    ["book-path-adam", TWO_KEYS("adam")],
  ),
  variant(
    "adam-eps-1e-8",
    O,
    SD,
    "Adam in the paper's form with the paper's ε = 1e-8",
    () => ({ Adam: adamPaper(1e-8) }),
    ["book-path-adam", TWO_KEYS("adam")],
  ),
  // ------------------------------------------------------------------ §6.1 state over several keys and steps
  mistake(
    "momentum-v-shared-between-keys",
    O,
    SM,
    "Momentum keeps one velocity matrix for every key (state shared between keys)",
    () => ({ Momentum: MomentumSharedV }),
    ["optimizer-state-multi-key", "optimizer-state-per-key"],
  ),
  mistake(
    "nesterov-v-shared-between-keys",
    O,
    SN,
    "Nesterov keeps one velocity for every key (state shared between keys)",
    () => ({ Nesterov: sharedBetweenKeys(reference.Nesterov) }),
    ["optimizer-state-multi-key", "optimizer-state-per-key"],
  ),
  mistake(
    "adagrad-h-shared-between-keys",
    O,
    SA,
    "AdaGrad keeps one h for every key (state shared between keys)",
    () => ({ AdaGrad: sharedBetweenKeys(reference.AdaGrad) }),
    ["optimizer-state-multi-key", "optimizer-state-per-key"],
  ),
  mistake(
    "rmsprop-h-shared-between-keys",
    O,
    SR,
    "RMSprop keeps one h for every key (state shared between keys)",
    () => ({ RMSprop: sharedBetweenKeys(reference.RMSprop) }),
    ["optimizer-state-multi-key", "optimizer-state-per-key"],
  ),
  mistake(
    "adagrad-h-reset-each-call",
    O,
    SA,
    "AdaGrad creates h afresh on every update (state reset each call)",
    () => ({ AdaGrad: AdaGradResetEachCall }),
    ["optimizer-state-multi-key", "adagrad-h-accumulates"],
  ),
  mistake(
    "adam-state-reset-each-call",
    O,
    SD,
    "Adam creates m and v afresh on every update (state reset each call; iter still counts)",
    () => ({ Adam: AdamResetEachCall }),
    ["optimizer-state-multi-key", "optimizer-state-per-key"],
  ),
  mistake(
    "nesterov-v-in-grads",
    O,
    SN,
    "Nesterov computes v into the caller's grads and keeps that matrix as its state (state aliases grads)",
    () => ({ Nesterov: NesterovVInGrads }),
    ["optimizer-state-multi-key", "optimizer-state-per-key"],
  ),
  mistake(
    "rmsprop-h-by-position",
    O,
    SR,
    "RMSprop keeps h by the position of a key in params, not by its name",
    () => ({ RMSprop: RMSpropHByPosition }),
    ["optimizer-state-multi-key", "optimizer-state-per-key"],
  ),
  // ------------------------------------------------------------------ ch. 3–4 functions
  mistake(
    "softmax-without-max",
    F,
    "ch. 3 softmax",
    "softmax without subtracting the row max (overflows)",
    () => ({ softmax: softmaxWithoutMax }),
    ["softmax-shift-invariant", "softmax-no-overflow"],
  ),
  mistake(
    "softmax-over-columns",
    F,
    "ch. 3 softmax",
    "softmax normalised over columns (the batch axis)",
    () => ({ softmax: softmaxOverColumns }),
    ["softmax-rows-sum-to-one", "softmax-shift-invariant"],
  ),
  mistake(
    "cross-entropy-missing-minus",
    F,
    "ch. 4 cross entropy",
    "cross entropy without the minus sign",
    () => ({ crossEntropyError: crossEntropyMissingMinus }),
    ["cross-entropy-worked-examples", ...WORKED("cross-entropy")],
  ),
  mistake(
    "cross-entropy-without-1e-7",
    F,
    "ch. 4 cross entropy",
    "cross entropy log(y) without the book's 1e-7",
    () => ({ crossEntropyError: crossEntropyWithoutDelta }),
    ["cross-entropy-worked-examples", ...WORKED("cross-entropy")],
  ),
  mistake(
    "cross-entropy-summed",
    F,
    "ch. 4 cross entropy",
    "cross entropy summed over the batch instead of averaged",
    () => ({ crossEntropyError: crossEntropySummed }),
    ["cross-entropy-worked-examples", ...WORKED("cross-entropy")],
  ),
  mistake(
    "numerical-forward-difference",
    G,
    "ch. 4 numerical gradient",
    "numerical gradient by forward difference (f(x + h) − f(x))/h",
    () => ({ numericalGradient: numericalGradientForward }),
    ["central-difference-order-two", ...WORKED("numerical-gradient")],
  ),
  mistake(
    "numerical-divided-by-h",
    G,
    "ch. 4 numerical gradient",
    "central difference divided by h instead of 2h",
    () => ({ numericalGradient: numericalGradientOverH }),
    ["central-difference-order-two", ...WORKED("numerical-gradient")],
  ),
  // ------------------------------------------------------------------ §6.4.2 weight decay
  mistake(
    "weight-decay-on-biases",
    N,
    SW,
    "weight decay applied to biases too (loss and gradient)",
    () => weightDecayOnBiases,
    ["weight-decay-exact", ...WORKED("weight-decay")],
  ),
  mistake(
    "weight-decay-loss-on-biases",
    N,
    SW,
    "weight decay's ½λΣ over the biases too in the loss (only W1, W2, … decay)",
    () => weightDecayLossOnBiases,
    ["weight-decay-exact", ...WORKED("weight-decay")],
  ),
  mistake(
    "weight-decay-gradient-on-biases",
    N,
    SW,
    "weight decay's λb added to the biases' gradient",
    () => weightDecayGradientOnBiases,
    ["weight-decay-exact", ...WORKED("weight-decay")],
  ),
  mistake(
    "weight-decay-missing-from-gradient",
    N,
    SW,
    "weight decay in the loss but missing from the gradient (dW without + λW)",
    () => weightDecayMissingFromGradient,
    ["weight-decay-exact", "network-gradient-weight-decay", "network-directional-derivative"],
  ),
  mistake("weight-decay-without-half", N, SW, "weight decay loss λΣW² without the ½", () => weightDecayWithoutHalf, [
    "weight-decay-exact",
    "network-gradient-weight-decay",
  ]),
  mistake(
    "weight-decay-wrong-sign",
    N,
    SW,
    "weight decay with the wrong sign: dW gets − λW",
    () => ({ MultiLayerNet: NegativeWeightDecayNet }),
    ["network-gradient-weight-decay", ...WORKED("weight-decay")],
  ),
  // ------------------------------------------------------------------ §6.2 initial weights
  mistake("init-xavier-he-swapped", I, SI, "Xavier's √(1/n) and He's √(2/n) swapped", () => initXavierHeSwapped, [
    "xavier-he-std",
    "he-keeps-activation-scale",
    "init-std-by-scheme",
  ]),
  mistake(
    "he-with-1-over-n",
    I,
    SI,
    "He initialisation with 1/n instead of 2/n: std √(1/n)",
    () => initStdBy((s, n) => (s === "he" || s === "relu" ? Math.sqrt(1 / n) : undefined)),
    ["xavier-he-std", "init-std-by-scheme"],
  ),
  mistake(
    "init-std-without-root",
    I,
    SI,
    "the variance used as the std: He 2/n and Xavier 1/n without the square root",
    () =>
      initStdBy((s, n) => (s === "he" || s === "relu" ? 2 / n : s === "xavier" || s === "sigmoid" ? 1 / n : undefined)),
    ["xavier-he-std", "init-std-by-scheme"],
  ),
  mistake(
    "init-fan-out",
    I,
    SI,
    "n taken as the next layer's size (fan-out) instead of the previous layer's",
    () =>
      initStdBy((s, _n, nOut) =>
        s === "he" || s === "relu"
          ? Math.sqrt(2 / nOut)
          : s === "xavier" || s === "sigmoid"
            ? Math.sqrt(1 / nOut)
            : undefined,
      ),
    ["xavier-he-std", "init-std-by-scheme"],
  ),
  mistake(
    "init-shape-swapped",
    I,
    SI,
    "initWeight with rows and columns swapped: an nOut×nIn matrix",
    () => ({ initWeight: (nIn, nOut, init, rng) => reference.initWeight(nOut, nIn, init, rng) }),
    WORKED("init").concat("xavier-he-std"),
  ),
  mistake("init-std-as-weight", I, SI, "every weight set to the std instead of std·randn", () => initStdAsWeight, [
    "xavier-he-std",
    "random-init-breaks-symmetry",
  ]),
  mistake(
    "init-constant-ignored",
    I,
    SI,
    "'zeros' and { constant } ignored: He weights drawn",
    () => initConstantIgnored,
    ["symmetric-weights-stay-symmetric", ...WORKED("init")],
  ),
  mistake(
    "net-ignores-init",
    N,
    SI,
    "the network never passes weightInitStd on: every init becomes the default He",
    () => ({ MultiLayerNet: IgnoresInitNet }),
    WORKED("network-init").concat("network-init-std"),
  ),
  mistake(
    "net-variance-as-std",
    N,
    SI,
    "the network uses Xavier's and He's variance (1/n, 2/n) as their std",
    () => ({ MultiLayerNet: VarianceAsStdNet }),
    WORKED("network-init").concat("network-init-std"),
  ),
  // ------------------------------------------------------------------ §6.5 search (src/hyperparameter-search.ts)
  mistake(
    "search-linear-scale",
    H,
    SS,
    "lr sampled uniformly on a linear scale (10^lo + u·(10^hi − 10^lo)) instead of on a log scale, 10^U(lo, hi)",
    () => ({ sampleHyperparameters: searchLrLinear }),
    ["search-log-uniform", "search-worked-example"],
  ),
  mistake(
    "search-base-e",
    H,
    SS,
    "hyperparameters sampled as e^U(lo, hi) instead of 10^U(lo, hi)",
    () => ({ sampleHyperparameters: searchBaseE }),
    ["search-log-uniform", "search-within-bounds", "search-worked-example"],
  ),
  mistake(
    "search-ranges-swapped",
    H,
    SS,
    "lr drawn on weight decay's range and weight decay on lr's",
    () => ({ sampleHyperparameters: searchRangesSwapped }),
    ["search-within-bounds", "search-worked-example"],
  ),
  mistake(
    "search-one-draw-for-both",
    H,
    SS,
    "one uniform draw u used for both lr and weight decay",
    () => ({ sampleHyperparameters: searchOneDraw }),
    ["search-draws-independent", "search-worked-example"],
  ),
  mistake(
    "search-own-generator",
    H,
    SS,
    "a generator created and seeded inside the sampler on every call (the rng argument ignored)",
    () => ({ sampleHyperparameters: searchOwnGenerator }),
    ["search-draws-independent", "search-draws-from-rng"],
  ),
  mistake(
    "search-lr-drawn-first",
    "§6.5 (learn mode)",
    SS,
    "lr drawn before weight decay (the book draws weight decay first)",
    null,
    [],
  ),
  mistake(
    "validation-no-shuffle",
    H,
    SS,
    "validation split taken without shuffling first: the first rows of x are the validation data",
    () => ({ splitValidation: splitWithoutShuffle }),
    ["split-shuffles", "split-worked-example", "split-worked-example-odd"],
  ),
  mistake(
    "validation-at-end",
    H,
    SS,
    "validation rows taken from the end of the shuffled data instead of the first int(N·rate)",
    () => ({ splitValidation: splitValidationAtEnd }),
    ["split-worked-example", "split-worked-example-odd"],
  ),
  mistake(
    "validation-labels-shuffled-separately",
    H,
    SS,
    "labels shuffled with a different permutation from the rows",
    () => ({ splitValidation: splitLabelsSeparately }),
    ["split-partition", "split-worked-example"],
  ),
  mistake(
    "validation-count-rounded",
    H,
    SS,
    "the validation count rounded (Math.round) instead of floored",
    () => ({ splitValidation: splitRoundsSize }),
    ["split-partition", "split-worked-example", "split-worked-example-odd"],
  ),
  mistake(
    "validation-overlaps-training",
    H,
    SS,
    "the validation rows left in the training data",
    () => ({ splitValidation: splitOverlap }),
    ["split-partition", "split-worked-example"],
  ),
  mistake(
    "validation-shuffles-in-place",
    H,
    SS,
    "x and t shuffled in place: the caller's data (and whatever shares its memory) is changed",
    () => ({ splitValidation: splitInPlace }),
    ["split-leaves-data-untouched", "split-partition", "split-worked-example"],
  ),
];

// Network-level planted mistakes reach nets too: patchedNets re-exported for tests that build their own.
export { patchedNets };

for (const e of registry) if (PYTHON_PATCHES[e.id]) e.python = PYTHON_PATCHES[e.id];
const byId = new Map(registry.map((e) => [e.id, e]));
if (byId.size !== registry.length) throw new Error("mistakes/registry.ts: an id is used twice");

/** The entry with this id; throws naming the id when there is none. */
export function entryById(id: string): Entry {
  const e = byId.get(id);
  if (!e) throw new Error(`mistakes/registry: no entry "${id}" (known: ${[...byId.keys()].join(", ")})`);
  return e;
}

/** The entries planted in the reference (those with make). */
export const planted: (Entry & { make: () => Impl })[] = registry.filter(
  (e): e is Entry & { make: () => Impl } => e.make !== undefined,
);

/**
 * Controls: the harness of the planted entries with no mistake in it. They must pass the laws
 * listed, so an entry's failure is due to its mistake and not to the harness.
 */
export const controls: { id: string; impl: Impl; passes: string[] }[] = [
  {
    id: "hooked-dropout-unbroken",
    impl: { ...reference, ...withDropout(HookedDropout) },
    passes: [
      "dropout-train-zero-or-input",
      "dropout-backward-reuses-mask",
      "dropout-test-output",
      "dropout-kept-fraction",
      "dropout-expected-train-equals-test",
      "dropout-ratio-zero-identity",
      "dropout-inverted-mode",
      "dropout-gradient",
      "network-gradient-dropout",
      "dropout-breaks-symmetry",
    ],
  },
  {
    id: "patched-nets-unbroken",
    impl: { ...reference, ...patchedNets(() => {}) },
    passes: ["network-gradient-weight-decay", "weight-decay-exact", "symmetric-weights-stay-symmetric"],
  },
  {
    id: "rule-optimizers-unbroken",
    impl: {
      ...reference,
      SGD: sgdRule((W, g, lr) => W - lr * g),
      Momentum: momentumRule((W, v, g, lr, a) => {
        const v1 = a * v - lr * g;
        return [W + v1, v1];
      }),
      AdaGrad: adaGradRule((W, h, g, lr) => {
        const h1 = h + g * g;
        return [W - (lr * g) / (Math.sqrt(h1) + 1e-7), h1];
      }),
      Adam: adamRule((o, t) => bookLrT(o, t)),
    },
    passes: [
      "sgd-exact-step",
      "momentum-zero-is-sgd",
      "adagrad-h-accumulates",
      "adam-first-step",
      "vectorised-equals-per-element",
      "optimizer-snapshot-resume",
    ],
  },
];

/** The piece `name` of the entry `id` planted in the reference (for specs that build their own runs). */
export function plantedPiece<K extends keyof Impl>(id: string, name: K): Impl[K] {
  const e = entryById(id);
  if (!e.make) throw new Error(`mistakes/registry: "${id}" is planted by learn mode only (no make)`);
  const piece = e.make()[name];
  if (piece === reference[name]) throw new Error(`mistakes/registry: "${id}" does not change ${String(name)}`);
  return piece;
}
