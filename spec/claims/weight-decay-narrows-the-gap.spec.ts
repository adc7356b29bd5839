/**
 * §6.4.2, Figures 6-20/6-21: in the overfitting setup, weight decay (λ = 0.1) narrows the gap
 * between training and test accuracy.
 *
 * Sizes: 100 training samples (book 300), 300 test samples (book 10,000), batches of 25 (book 100),
 * 31 epochs = 121 updates (book 201 epochs = 601), 6 hidden layers of 50 (book 100), SGD lr 0.1
 * (book 0.01), λ = 0.1 as in the book; both runs start from the same weights and see the same batches.
 * Why the effect is already visible: 100 samples are memorised within ~100 updates at lr 0.1, so
 * the unregularised net reaches train accuracy ≈ 1 with test accuracy ≈ 0.65. Weight decay pulls
 * every weight towards 0 by lr·λ = 1% per update, (0.99)^121 ≈ e^−1.2 over the run: the same order
 * as the book's (0.999)^601 ≈ e^−0.6 at lr 0.01, and enough to keep the net from fitting the
 * training samples exactly, while its test accuracy falls far less than its training accuracy.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadMnist } from "../../src/data/mnist.js";
import { overfitExperiment, type OverfitResult, type OverfitRun } from "../../src/experiments/mnist/weight-decay.js";
import { plantedPiece } from "../../mistakes/registry.js";
import { expectClaim, expectClaimFails, figureRun, mnistSplit, narrowsGap, overfits } from "./claims.js";

const NegativeWeightDecayNet = plantedPiece("weight-decay-wrong-sign", "MultiLayerNet");

const SEED = 0;
const SIZES = {
  trainSize: 100,
  testSize: 300,
  batchSize: 25,
  epochs: 31,
  lr: 0.1,
  hiddenSizeList: [50, 50, 50, 50, 50, 50],
  seed: SEED,
};
const sizes = "100 train / 300 test samples, batch 25, 31 epochs, 784→50×6→10, SGD lr 0.1, λ 0 and 0.1";
const claim = "weight decay (λ = 0.1) narrows the gap between train and test accuracy";

let data: ReturnType<typeof loadMnist>;
let plain: OverfitRun, decayed: OverfitRun;
beforeAll(() => {
  data = mnistSplit(SEED);
  const run = figureRun<OverfitResult>("fig6-20-21-weight-decay", SIZES);
  expect(run.runs.map((r) => r.weightDecayLambda)).toEqual([0, 0.1]);
  [plain, decayed] = run.runs as [OverfitRun, OverfitRun];
}, 120_000);

describe("Figures 6-20/6-21: weight decay against overfitting", () => {
  it("the setup overfits without weight decay (Figure 6-20)", () => {
    expectClaim(overfits(plain), {
      claim: "300 samples (here 100) and a deep net overfit: train accuracy well above test accuracy",
      section: "§6.4.1, Figure 6-20",
      sizes,
      seed: SEED,
      mistake: "accuracy measured in training mode, or train and test sets overlap",
    });
  });

  it(claim, () => {
    expectClaim(narrowsGap(plain, decayed, "weight decay"), {
      claim,
      section: "§6.4.2, Figure 6-21",
      sizes,
      seed: SEED,
      mistake:
        "λW not added to dW (only ½λΣW² added to the loss, which the gradient never sees), subtracted instead of added (the weights grow until they overflow), or the decay applied to biases too",
    });
  });

  it("fails for weight decay with the wrong sign (dW − λW)", () => {
    const broken = overfitExperiment({ ...SIZES, data, lambdas: [0.1], Net: NegativeWeightDecayNet }).runs[0];
    expectClaimFails(narrowsGap(plain, broken, "weight decay"), { claim, broken: "weight decay with the wrong sign" });
  });
});
