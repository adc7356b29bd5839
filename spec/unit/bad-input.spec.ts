import { describe, expect, it } from "vitest";
import { Matrix } from "../../src/base/matrix.js";
import { Rng } from "../../src/base/rng.js";
import { Affine, BatchNormalization, Dropout, Relu, SoftmaxWithLoss } from "../../src/layers.js";
import { Adam, SGD, createOptimizer, Momentum, OPTIMIZER_NAMES } from "../../src/optimizer.js";
import { initWeight } from "../../src/init.js";
import { MultiLayerNet } from "../../src/multi-layer-net.js";
import { Trainer } from "../../src/trainer.js";
import { loadMnist } from "../../src/data/mnist.js";
import { expectThrowsWith } from "../helpers.js";

const m = (rows: number[][]) => Matrix.fromArray(rows);

describe("bad input gets an Error naming the argument, the expected and the received", () => {
  it("mismatched shapes in layers", () => {
    const affine = new Affine(Matrix.zeros(3, 2), Matrix.zeros(1, 2));
    expectThrowsWith(() => affine.forward(Matrix.zeros(4, 5)), "Affine.forward", "'x'", "3 columns", "4×5");
    expectThrowsWith(() => new Affine(Matrix.zeros(3, 2), Matrix.zeros(1, 3)), "Affine", "'b'", "1×2", "1×3");
    affine.forward(Matrix.zeros(4, 3));
    expectThrowsWith(() => affine.backward(Matrix.zeros(4, 3)), "Affine.backward", "'dout'", "4×2", "4×3");
    expectThrowsWith(() => new Relu().backward(Matrix.zeros(1, 1)), "Relu.backward", "before forward");
    expectThrowsWith(() => new SoftmaxWithLoss().forward(Matrix.zeros(2, 3), [0]), "SoftmaxWithLoss.forward", "'t'", "2 labels", "1");
    expectThrowsWith(() => new SoftmaxWithLoss().forward(Matrix.zeros(2, 3), [0, 3]), "t[1]", "[0, 3)", "3");
  });

  it("NaN or Infinity in inputs and gradients", () => {
    expectThrowsWith(() => new Relu().forward(m([[1, NaN]])), "Relu.forward", "'x'", "finite", "NaN at [0, 1]");
    const affine = new Affine(Matrix.zeros(2, 2), Matrix.zeros(1, 2));
    affine.forward(Matrix.zeros(1, 2));
    expectThrowsWith(() => affine.backward(m([[Infinity, 0]])), "Affine.backward", "'dout'", "Infinity at [0, 0]");
  });

  it("optimizers refuse to poison parameters: NaN gradients throw and leave params untouched", () => {
    for (const name of OPTIMIZER_NAMES) {
      const params = { W: m([[1, 2]]), b: m([[3]]) };
      const opt = createOptimizer(name);
      expectThrowsWith(() => opt.update(params, { W: m([[0.1, 0.2]]), b: m([[NaN]]) }), "update", "'grads.b'", "finite", "NaN");
      expect(params.W.toArray(), `${name} changed W before rejecting grads.b`).toEqual([[1, 2]]);
    }
  });

  it("gradients missing a parameter key, or of the wrong shape", () => {
    const params = { W1: Matrix.zeros(2, 2), b1: Matrix.zeros(1, 2) };
    expectThrowsWith(() => new SGD().update(params, { W1: Matrix.zeros(2, 2) }), "SGD.update", "'grads'", "W1, b1", "no grads.b1");
    expectThrowsWith(() => new Adam().update(params, { W1: Matrix.zeros(2, 3), b1: Matrix.zeros(1, 2) }), "'grads.W1'", "2×2", "2×3");
  });

  it("negative or zero learning rates and out-of-range hyperparameters", () => {
    expectThrowsWith(() => new SGD({ lr: 0 }), "SGD", "'lr'", "> 0", "0");
    expectThrowsWith(() => new Adam({ lr: -0.1 }), "Adam", "'lr'", "-0.1");
    expectThrowsWith(() => new Momentum({ lr: NaN }), "Momentum", "'lr'", "finite", "NaN");
    expectThrowsWith(() => new Momentum({ momentum: 1.5 }), "'momentum'", "[0, 1)", "1.5");
    expectThrowsWith(() => new Adam({ beta2: 1 }), "'beta2'", "[0, 1)", "1");
  });

  it("dropout ratio outside [0, 1)", () => {
    expectThrowsWith(() => new Dropout(1, new Rng(0)), "Dropout", "'dropoutRatio'", "[0, 1)", "1");
    expectThrowsWith(() => new Dropout(-0.1, new Rng(0)), "'dropoutRatio'", "-0.1");
    expectThrowsWith(() => new MultiLayerNet({ inputSize: 2, hiddenSizeList: [2], outputSize: 2, rng: new Rng(0), ...{ useDropout: true, dropoutRatio: 2 } } as never), "dropoutRatio");
  });

  it("unknown optimizer, init and activation names list the valid ones", () => {
    expectThrowsWith(() => createOptimizer("adamw"), "createOptimizer", "'name'", "'sgd'", "'adam'", '"adamw"');
    expectThrowsWith(() => initWeight(2, 2, "kaiming" as never, new Rng(0)), "weightInitStd", "'he'", "'xavier'", '"kaiming"');
    expectThrowsWith(() => new MultiLayerNet({ inputSize: 2, hiddenSizeList: [2], outputSize: 2, activation: "gelu", rng: new Rng(0) }), "MultiLayerNet", "'activation'", "'relu'", '"gelu"');
    const x = Matrix.zeros(4, 2), t = [0, 1, 0, 1];
    const net = new MultiLayerNet({ inputSize: 2, hiddenSizeList: [2], outputSize: 2, rng: new Rng(0) });
    expectThrowsWith(() => new Trainer(net, x, t, x, t, { optimizer: "lbfgs", rng: new Rng(0) }), "createOptimizer", "'lbfgs'".replace(/'/g, '"'));
  });

  it("BatchNorm in training mode with a batch of 1", () => {
    const bn = new BatchNormalization(Matrix.filled(1, 3, 1), Matrix.zeros(1, 3));
    expectThrowsWith(() => bn.forward(Matrix.zeros(1, 3), true), "BatchNormalization.forward", "at least 2 rows", "1×3");
    expect(() => bn.forward(Matrix.zeros(1, 3), false)).not.toThrow();
  });

  it("networks, trainer and data: sizes, labels and seeds", () => {
    expectThrowsWith(() => new MultiLayerNet({ inputSize: 0, hiddenSizeList: [], outputSize: 2, rng: new Rng(0) }), "'inputSize'", "≥ 1", "0");
    expectThrowsWith(() => new MultiLayerNet({ inputSize: 2, hiddenSizeList: [], outputSize: 2 } as never), "'rng'", "Rng");
    const net = new MultiLayerNet({ inputSize: 2, hiddenSizeList: [], outputSize: 2, rng: new Rng(0) });
    expectThrowsWith(() => new Trainer(net, Matrix.zeros(4, 2), [0, 1], Matrix.zeros(4, 2), [0, 1, 0, 1], { rng: new Rng(0) }), "Trainer", "'tTrain'", "4 labels", "2");
    expectThrowsWith(() => loadMnist({ testSize: 10000 }), "loadMnist", "'testSize'", "10000");
    expectThrowsWith(() => loadMnist({ testSize: 5000, trainSize: 6000 }), "'trainSize'", "at most 5000", "6000");
  });
});
