/**
 * §6.4.3, Figure 6-23: in the overfitting setup, Dropout (ratio 0.2, trained through the Trainer)
 * narrows the gap between training and test accuracy.
 *
 * Sizes: 100 training samples (book 300), 300 test samples (book 10,000), batches of 25 (book 100),
 * 31 epochs = 124 updates (book 301 epochs = 903), 6 hidden layers of 50 (book 100), SGD lr 0.1
 * (book 0.01), ratio 0.2 as in the book; with and without Dropout from the same weights and batches.
 * Why the effect is already visible: without Dropout the net memorises its 100 samples within ~100
 * updates at lr 0.1 (train ≈ 1, test ≈ 0.65). Dropping 20% of the units in each of 6 layers leaves
 * only 0.8⁶ ≈ 26% of the paths intact at every update, so the net cannot fit single samples
 * through particular units and its train accuracy stays near its test accuracy from the start.
 */
import { beforeAll, describe, it } from "vitest";
import { loadMnist } from "../../src/data/mnist.js";
import { dropoutExperiment, type DropoutResult, type DropoutRun } from "../../src/experiments/mnist/dropout.js";
import { plantedPiece } from "../../mistakes/registry.js";
import { expectClaim, expectClaimFails, figureRun, mnistSplit, narrowsGap, overfits } from "./claims.js";

const MasklessDropoutNet = plantedPiece("dropout-never-drops", "MultiLayerNetExtend");

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
const sizes = "100 train / 300 test samples, batch 25, 31 epochs, 784→50×6→10, SGD lr 0.1, Trainer, ratio 0.2";
const claim = "Dropout (ratio 0.2) narrows the gap between train and test accuracy";

let data: ReturnType<typeof loadMnist>;
let plain: DropoutRun, dropped: DropoutRun;
beforeAll(() => {
  data = mnistSplit(SEED);
  [plain, dropped] = figureRun<DropoutResult>("fig6-23-dropout", SIZES).runs as [DropoutRun, DropoutRun];
}, 120_000);

describe("Figure 6-23: Dropout against overfitting", () => {
  it("the setup overfits without Dropout", () => {
    expectClaim(overfits(plain), {
      claim: "a deep net on few samples overfits",
      section: "§6.4.1",
      sizes,
      seed: SEED,
      mistake: "the Trainer evaluates in training mode (Dropout active) or on the training batch only",
    });
  });

  it(claim, () => {
    expectClaim(narrowsGap(plain, dropped, "Dropout"), {
      claim,
      section: "§6.4.3, Figure 6-23",
      sizes,
      seed: SEED,
      mistake:
        "the mask is drawn once and reused (units never change), or kept units are rand < ratio instead of rand > ratio (80% dropped)",
    });
  });

  it("fails for a Dropout without its mask (nothing dropped in training)", () => {
    const broken = dropoutExperiment({ ...SIZES, data, baseline: false, Net: MasklessDropoutNet }).runs[0];
    expectClaimFails(narrowsGap(plain, broken, "Dropout"), { claim, broken: "Dropout without its mask" });
  });
});
