/**
 * §6.3.2, Figures 6-18/6-19: with BatchNorm, learning is faster at almost every initial weight
 * scale, and the plain net fails to learn when the scale is poorly chosen.
 *
 * Sizes: 6 of the book's 16 scales logspace(0, −4, 16) (every third: 1, 0.16, 0.025, 0.004,
 * 6.3e-4, 1e-4, so both ends and the middle are in), 200 training samples (book 1,000), batches of
 * 20 (book 100), 10 epochs (book 20), 5 hidden layers of 50 (book 100), SGD lr 0.05 (book 0.01).
 * Why the effect is already visible: the plain net's fate is sealed at initialisation. At scale 1
 * the activations grow ~√(n/2)·1 ≈ 5 per layer and the weights overflow within a few updates; at
 * 0.004 and below they shrink ~50× per layer, so the scores and gradients vanish and the plain net
 * sits at the majority class. BatchNorm rescales every layer's input to mean 0, variance 1 whatever
 * the scale, so its net learns at every scale from the first epochs. The larger lr puts the book's
 * 200 updates' worth of progress into 91; both nets get it, so the comparison stays fair.
 */
import { beforeAll, describe, it } from "vitest";
import { loadMnist } from "../../src/data/mnist.js";
import { batchnormExperiment, type BatchnormScaleResult } from "../../src/experiments/mnist/batchnorm.js";
import { logspace } from "../../src/experiments/mnist/common.js";
import { plantedPiece } from "../../mistakes/registry.js";
import {
  batchnormFasterAtMostScales,
  expectClaim,
  expectClaimFails,
  mnistSplit,
  plainFailsWhereBatchnormLearns,
} from "./claims.js";

const UnnormalizedBatchNormNet = plantedPiece("batchnorm-unnormalized", "MultiLayerNetExtend");

const SEED = 0;
const SCALES = logspace(0, -4, 16).filter((_, i) => i % 3 === 0);
const SIZES = {
  weightScales: SCALES,
  trainSize: 200,
  batchSize: 20,
  epochs: 10,
  lr: 0.05,
  hiddenSizeList: [50, 50, 50, 50, 50],
  seed: SEED,
};
const sizes =
  "6 scales (every third of logspace(0, −4, 16)), 200 samples, batch 20, 10 epochs, 784→50×5→10, SGD lr 0.05";
const claimFaster = "BatchNorm learns faster than the plain net at most weight scales";
const claimFails = "the plain net fails to learn at badly chosen scales (largest and smallest) where BatchNorm learns";

let data: ReturnType<typeof loadMnist>;
let scales: BatchnormScaleResult[];
beforeAll(() => {
  data = mnistSplit(SEED);
  scales = batchnormExperiment({ ...SIZES, data }).scales;
}, 120_000);

describe("Figures 6-18/6-19: BatchNorm across weight scales", () => {
  it(claimFaster, () => {
    expectClaim(batchnormFasterAtMostScales(scales), {
      claim: claimFaster,
      section: "§6.3.2, Figures 6-18/6-19",
      sizes,
      seed: SEED,
      mistake:
        "BatchNorm normalises over the wrong axis (per sample instead of per feature over the batch), or test-mode accuracy uses batch statistics that were never accumulated",
    });
  });

  it(claimFails, () => {
    expectClaim(plainFailsWhereBatchnormLearns(scales), {
      claim: claimFails,
      section: "§6.3.2, Figures 6-18/6-19",
      sizes,
      seed: SEED,
      mistake:
        "the weight scale is not passed to the plain net's init, or BatchNorm's running statistics are not updated (momentum 0.9) so test-mode accuracy stays at chance",
    });
  });

  it("both claims fail for a BatchNorm without normalisation (y = γx + β)", () => {
    const broken = batchnormExperiment({
      ...SIZES,
      data,
      BatchnormNet: UnnormalizedBatchNormNet,
      withPlain: false,
    }).scales;
    const mixed = scales.map((s, i) => ({ ...s, batchnorm: broken[i].batchnorm }));
    expectClaimFails(batchnormFasterAtMostScales(mixed), {
      claim: claimFaster,
      broken: "BatchNorm without normalisation",
    });
    expectClaimFails(plainFailsWhereBatchnormLearns(mixed), {
      claim: claimFails,
      broken: "BatchNorm without normalisation",
    });
  });
});
