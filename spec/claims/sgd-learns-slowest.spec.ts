/**
 * §6.1.8, Figure 6-9: on MNIST, SGD learns slowest of SGD/Momentum/AdaGrad/Adam; the other three
 * are close.
 *
 * Sizes: 100 iterations (book 2,000), batches of 32 (book 128), 4 hidden layers of 50 (book 100),
 * each optimizer at its book default lr; same initial weights and same batches for all.
 * Why the effect is already visible: the gap opens in the first hundred updates. SGD at lr 0.01
 * moves the He-initialised weights by lr·g only, so its loss is still far above 1 after 100 steps,
 * while Momentum's velocity (≈10× the step after a few updates), AdaGrad's and Adam's per-weight
 * normalisation take the loss below 0.6 in the same steps. Smaller batches and widths only make
 * each step cheaper and noisier; the late-loss average over 25 iterations absorbs the noise.
 */
import { beforeAll, describe, it } from "vitest";
import { loadMnist } from "../../src/data/mnist.js";
import { optimizerCompare } from "../../src/experiments/mnist/optimizer-compare.js";
import type { LossCurve } from "../../src/experiments/mnist/common.js";
import { createOptimizer } from "../../src/optimizer.js";
import { plantedPiece } from "../../mistakes/registry.js";
import { expectClaim, expectClaimFails, mnistSplit, sgdSlowestOthersClose } from "./claims.js";

const ForgetfulMomentum = plantedPiece("momentum-forgets-velocity", "Momentum");

const SEED = 0;
const SIZES = { iterations: 100, batchSize: 32, hiddenSizeList: [50, 50, 50, 50], seed: SEED };
const sizes = "100 iterations, batch 32, 784→50×4→10, all 8,000 training digits";
const claim = "SGD learns slowest; Momentum, AdaGrad and Adam are close";

let data: ReturnType<typeof loadMnist>;
let curves: LossCurve[];
beforeAll(() => {
  data = mnistSplit(SEED);
  curves = optimizerCompare({ ...SIZES, data }).curves;
}, 120_000);

describe("Figure 6-9: optimizers on MNIST", () => {
  it(claim, () => {
    expectClaim(sgdSlowestOthersClose(curves), {
      claim,
      section: "§6.1.8, Figure 6-9",
      sizes,
      seed: SEED,
      mistake:
        "an optimizer's default lr differs from the book's (Adam 0.001, the others 0.01), or its state (v, h, m) is not kept between updates",
    });
  });

  it("fails for a Momentum that forgets its velocity (it degenerates to SGD)", () => {
    const broken = optimizerCompare({
      ...SIZES,
      data,
      optimizers: ["momentum"],
      optimizerFactory: (name, o) => (name === "momentum" ? new ForgetfulMomentum(o) : createOptimizer(name, o)),
    }).curves[0];
    expectClaimFails(sgdSlowestOthersClose(curves.map((c) => (c.name === "Momentum" ? broken : c))), {
      claim,
      broken: "a Momentum that resets v every update",
    });
  });
});
