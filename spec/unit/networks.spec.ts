import { describe, expect, it } from "vitest";
import { Matrix } from "../../src/base/matrix.js";
import { Rng } from "../../src/base/rng.js";
import { initStd, initWeight } from "../../src/init.js";
import { MultiLayerNet } from "../../src/multi-layer-net.js";
import { MultiLayerNetExtend } from "../../src/multi-layer-net-extend.js";
import { weightDecayTerm } from "../../src/fast/multi-layer-net.js";
import fc from "fast-check";
import { Trainer } from "../../src/trainer.js";
import { Affine, Relu, Sigmoid, Tanh } from "../../src/layers.js";
import { expectAllClose, expectThrowsWith } from "../helpers.js";

describe("initial weights (§6.2)", () => {
  it("Xavier is √(1/n), He is √(2/n), Glorot √(2/(n_in+n_out)), numbers are σ itself", () => {
    expect(initStd("xavier", 100, 50)).toBeCloseTo(0.1, 15);
    expect(initStd("sigmoid", 100, 50)).toBeCloseTo(0.1, 15);
    expect(initStd("he", 50, 100)).toBeCloseTo(0.2, 15);
    expect(initStd("relu", 50, 100)).toBeCloseTo(0.2, 15);
    expect(initStd("glorot", 100, 300)).toBeCloseTo(Math.sqrt(2 / 400), 15);
    expect(initStd(0.01, 100, 100)).toBe(0.01);
  });

  it("zeros and constants fill every weight with one value (the symmetric start)", () => {
    expect(Array.from(initWeight(3, 2, "zeros", new Rng(0)).data)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(initWeight(2, 2, { constant: 0.5 }, new Rng(0)).data)).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it("a seeded draw is std·randn: same seed, same weights", () => {
    const a = initWeight(4, 3, "he", new Rng(9)),
      b = initWeight(4, 3, "he", new Rng(9));
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    const z = new Rng(9).randn(4, 3);
    expectAllClose(a, z.scale(Math.sqrt(2 / 4)), { section: "§6.2.2 He init", atol: 1e-15 });
  });
});

describe("MultiLayerNet / MultiLayerNetExtend (book common/multi_layer_net*.py)", () => {
  const x = new Rng(1).randn(5, 4);
  const t = [0, 2, 1, 2, 0];

  it("with λ = 0 the loss is the book's: + ½·0·ΣW², which is NaN when ΣW² overflows even if no prediction sees it", () => {
    // x's first column is 0, so W1's first row never reaches a prediction: only the weight-decay sum sees it.
    const x0 = new Rng(3).randn(4, 4);
    for (let i = 0; i < 4; i++) x0.data[i * 4] = 0;
    const t0 = [0, 1, 2, 1];
    const net = new MultiLayerNet({ inputSize: 4, hiddenSizeList: [5], outputSize: 3, rng: new Rng(0) });
    const clean = net.loss(x0, t0);
    const W = net.params.W1!.data,
      saved = W.slice(0, 5);
    W.fill(1e151, 0, 5); // W² = 1e302: the sum stays finite, ½·0·s = 0, the loss is unchanged
    expect(net.loss(x0, t0), "§6.4.1: λ = 0 with big but summable weights must leave the loss as it was").toBe(clean);
    W.fill(1e200, 0, 5); // W² overflows to ∞ and ½·0·∞ is NaN in the book's code
    expect(
      net.loss(x0, t0),
      "§6.4.1 weight decay with λ = 0: the book computes 0.5·λ·np.sum(W**2), which is NaN when the sum overflows. " +
        "Usual mistake: skipping the sum whenever λ = 0 (the loss would stay finite).",
    ).toBeNaN();
    W.set(saved);
    expect(net.loss(x0, t0)).toBe(clean);
  });

  it("½λΣW² equals the book's sum for every λ; with λ = 0 it is +0 unless ∞, NaN or a huge weight anywhere makes the sum non-finite", () => {
    // one planted value at any position (every lane of the 4-wide max scan, and the tail past the last group of 4)
    const planted = fc.constantFrom(0.3, -2, 1e151, 1e200, -1e200, Infinity, -Infinity, NaN);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 13 }),
        fc.nat(),
        planted,
        fc.constantFrom(0, 0.1, 1),
        (n, pos, v, lambda) => {
          const W = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
          W[pos % n] = v;
          let s = 0;
          for (let i = 0; i < n; i++) s += W[i] * W[i]; // the book's 0.5 * λ * np.sum(W ** 2), summed in order
          const want = 0.5 * lambda * s,
            got = weightDecayTerm(lambda, W);
          expect(
            Object.is(got, want),
            `§6.4.1 weight decay of ${n} weights with W[${pos % n}] = ${v}, λ = ${lambda}: expected ${want}, received ${got}. ` +
              "Usual mistake: a λ = 0 shortcut that misses a lane or the tail of its scan, and so returns 0 where the book's sum is ∞·0 = NaN.",
          ).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("MultiLayerNet builds the activation it is asked for, and never BatchNorm or Dropout layers (those are MultiLayerNetExtend's)", () => {
    for (const extra of [{ useBatchnorm: true }, { useDropout: true }])
      expectThrowsWith(
        () =>
          new MultiLayerNet({
            inputSize: 3,
            hiddenSizeList: [4],
            outputSize: 2,
            rng: new Rng(0),
            ...(extra as object),
          }),
        "MultiLayerNet",
        `'options.${Object.keys(extra)[0]}'`,
        "MultiLayerNetExtend",
      );
    for (const [activation, Layer] of [
      ["relu", Relu],
      ["sigmoid", Sigmoid],
      ["tanh", Tanh],
    ] as const) {
      const net = new MultiLayerNet({
        inputSize: 3,
        hiddenSizeList: [4, 2],
        outputSize: 2,
        activation,
        rng: new Rng(0),
      });
      expect([...net.layers.keys()], `MultiLayerNet(${activation}) layers`).toEqual([
        "Affine1",
        "Activation_function1",
        "Affine2",
        "Activation_function2",
        "Affine3",
      ]);
      expect(net.layers.get("Activation_function1"), `activation '${activation}'`).toBeInstanceOf(Layer);
    }
  });

  it("params are keyed W1, b1, … (plus gamma/beta with BatchNorm) and shared with the layers", () => {
    const net = new MultiLayerNetExtend({
      inputSize: 4,
      hiddenSizeList: [6, 5],
      outputSize: 3,
      useBatchnorm: true,
      rng: new Rng(0),
    });
    expect(Object.keys(net.params).sort()).toEqual([
      "W1",
      "W2",
      "W3",
      "b1",
      "b2",
      "b3",
      "beta1",
      "beta2",
      "gamma1",
      "gamma2",
    ]);
    expect([...net.layers.keys()]).toEqual([
      "Affine1",
      "BatchNorm1",
      "Activation_function1",
      "Affine2",
      "BatchNorm2",
      "Activation_function2",
      "Affine3",
    ]);
    net.params.W1!.data[0] = 123;
    expect((net.layers.get("Affine1") as Affine).W.data[0]).toBe(123);
  });

  it("backprop gradients equal numerical gradients (plain, BatchNorm, weight decay)", () => {
    for (const opts of [{}, { useBatchnorm: true }, { weightDecayLambda: 0.1 }] as const) {
      const net = new MultiLayerNetExtend({
        inputSize: 4,
        hiddenSizeList: [5],
        outputSize: 3,
        activation: "sigmoid",
        weightInitStd: 0.5,
        rng: new Rng(2),
        ...opts,
      });
      const g = net.gradient(x, t),
        n = net.numericalGradient(x, t);
      for (const key of Object.keys(n))
        expectAllClose(g[key], n[key], {
          section: `ch. 5 backprop ${JSON.stringify(opts)} ${key}`,
          atol: 1e-7,
          rtol: 1e-5,
        });
    }
  });

  it("weight decay adds ½λΣ‖W‖² to the loss over weights only", () => {
    const make = (lambda: number) =>
      new MultiLayerNet({
        inputSize: 4,
        hiddenSizeList: [5],
        outputSize: 3,
        weightDecayLambda: lambda,
        rng: new Rng(4),
      });
    const a = make(0),
      b = make(0.1);
    let sq = 0;
    for (const k of ["W1", "W2"]) for (const w of b.params[k].data) sq += w * w;
    expect(b.loss(x, t) - a.loss(x, t)).toBeCloseTo(0.5 * 0.1 * sq, 12);
  });
});

describe("Trainer (book common/trainer.py)", () => {
  it("records a loss per iteration and accuracies per epoch, and learns a separable toy problem", () => {
    const rng = new Rng(5);
    const n = 200;
    const xs = rng.randn(n, 2);
    const labels = Array.from({ length: n }, (_, i) => (xs.get(i, 0) + xs.get(i, 1) > 0 ? 1 : 0));
    const net = new MultiLayerNet({ inputSize: 2, hiddenSizeList: [8], outputSize: 2, rng: new Rng(6) });
    const trainer = new Trainer(net, xs, labels, xs, labels, {
      epochs: 10,
      miniBatchSize: 20,
      optimizer: "adam",
      optimizerParam: { lr: 0.05 },
      rng: new Rng(7),
    });
    const acc = trainer.train();
    expect(trainer.maxIter).toBe(100); // 10 epochs × 200/20
    expect(trainer.trainLossList).toHaveLength(100);
    expect(trainer.trainAccList).toHaveLength(10);
    expect(acc).toBeGreaterThan(0.95);
  });

  it("same seeds, same training run, bit for bit", () => {
    const run = () => {
      const xs = new Rng(1).randn(60, 3);
      const labels = Array.from({ length: 60 }, (_, i) => i % 3);
      const net = new MultiLayerNetExtend({
        inputSize: 3,
        hiddenSizeList: [4],
        outputSize: 3,
        useDropout: true,
        dropoutRatio: 0.2,
        rng: new Rng(2),
      });
      const tr = new Trainer(net, xs, labels, xs, labels, {
        epochs: 3,
        miniBatchSize: 10,
        optimizer: "momentum",
        rng: new Rng(3),
      });
      tr.train();
      return tr.trainLossList;
    };
    expect(run()).toEqual(run());
  });
});
