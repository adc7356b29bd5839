import { describe, expect, it } from "vitest";
import { Matrix } from "../../src/base/matrix.js";
import { Rng } from "../../src/base/rng.js";
import { Affine, BatchNormalization, Dropout, Relu, SoftmaxWithLoss } from "../../src/layers.js";
import {
  Adam,
  SGD,
  createOptimizer,
  Momentum,
  OPTIMIZER_NAMES,
  type Optimizer,
  type Params,
} from "../../src/optimizer.js";
import { crossEntropyError } from "../../src/functions.js";
import { initWeight } from "../../src/init.js";
import { MultiLayerNet } from "../../src/multi-layer-net.js";
import { MultiLayerNetExtend } from "../../src/multi-layer-net-extend.js";
import { Trainer } from "../../src/trainer.js";
import { loadMnist } from "../../src/data/mnist.js";
import { expectThrowsWith } from "../helpers.js";
import { activationHistograms } from "../../src/experiments/activation-histograms.js";
import {
  batchnormExperiment,
  dropoutExperiment,
  hyperparameterSearch,
  optimizerCompare,
  overfitExperiment,
  weightInitCompare,
} from "../../src/experiments/mnist/index.js";

const m = (rows: number[][]) => Matrix.fromArray(rows);

describe("bad input gets an Error naming the argument, the expected and the received", () => {
  it("mismatched shapes in layers", () => {
    const affine = new Affine(Matrix.zeros(3, 2), Matrix.zeros(1, 2));
    expectThrowsWith(() => affine.forward(Matrix.zeros(4, 5)), "Affine.forward", "'x'", "3 columns", "4×5");
    expectThrowsWith(() => new Affine(Matrix.zeros(3, 2), Matrix.zeros(1, 3)), "Affine", "'b'", "1×2", "1×3");
    affine.forward(Matrix.zeros(4, 3));
    expectThrowsWith(() => affine.backward(Matrix.zeros(4, 3)), "Affine.backward", "'dout'", "4×2", "4×3");
    expectThrowsWith(() => new Relu().backward(Matrix.zeros(1, 1)), "Relu.backward", "before forward");
    expectThrowsWith(
      () => new SoftmaxWithLoss().forward(Matrix.zeros(2, 3), [0]),
      "SoftmaxWithLoss.forward",
      "'t'",
      "2 labels",
      "1",
    );
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
      expectThrowsWith(
        () => opt.update(params, { W: m([[0.1, 0.2]]), b: m([[NaN]]) }),
        "update",
        "'grads.b'",
        "finite",
        "NaN",
      );
      expect(params.W.toArray(), `${name} changed W before rejecting grads.b`).toEqual([[1, 2]]);
    }
  });

  it("gradients missing a parameter key, or of the wrong shape", () => {
    const params = { W1: Matrix.zeros(2, 2), b1: Matrix.zeros(1, 2) };
    expectThrowsWith(
      () => new SGD().update(params, { W1: Matrix.zeros(2, 2) }),
      "SGD.update",
      "'grads'",
      "W1, b1",
      "no grads.b1",
    );
    expectThrowsWith(
      () => new Adam().update(params, { W1: Matrix.zeros(2, 3), b1: Matrix.zeros(1, 2) }),
      "'grads.W1'",
      "2×2",
      "2×3",
    );
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
    const rng = new Rng(0),
      before = rng.uniform(),
      again = new Rng(0);
    expectThrowsWith(
      () =>
        new MultiLayerNetExtend({
          inputSize: 2,
          hiddenSizeList: [2],
          outputSize: 2,
          rng: again,
          useDropout: true,
          dropoutRatio: 2,
        }),
      "MultiLayerNetExtend",
      "'dropoutRatio'",
      "[0, 1)",
      "2",
    );
    expect(
      again.uniform(),
      "a refused dropoutRatio must leave the generator undrawn (no weights drawn before the check)",
    ).toBe(before);
  });

  it("unknown optimizer, init and activation names list the valid ones", () => {
    expectThrowsWith(() => createOptimizer("adamw"), "createOptimizer", "'name'", "'sgd'", "'adam'", '"adamw"');
    expectThrowsWith(
      () => initWeight(2, 2, "kaiming" as never, new Rng(0)),
      "weightInitStd",
      "'he'",
      "'xavier'",
      '"kaiming"',
    );
    expectThrowsWith(
      () =>
        new MultiLayerNet({ inputSize: 2, hiddenSizeList: [2], outputSize: 2, activation: "gelu", rng: new Rng(0) }),
      "MultiLayerNet",
      "'activation'",
      "'relu'",
      '"gelu"',
    );
    const x = Matrix.zeros(4, 2),
      t = [0, 1, 0, 1];
    const net = new MultiLayerNet({ inputSize: 2, hiddenSizeList: [2], outputSize: 2, rng: new Rng(0) });
    expectThrowsWith(
      () => new Trainer(net, x, t, x, t, { optimizer: "lbfgs", rng: new Rng(0) }),
      "createOptimizer",
      "'lbfgs'".replace(/'/g, '"'),
    );
  });

  it("BatchNorm in training mode with a batch of 1", () => {
    const bn = new BatchNormalization(Matrix.filled(1, 3, 1), Matrix.zeros(1, 3));
    expectThrowsWith(
      () => bn.forward(Matrix.zeros(1, 3), true),
      "BatchNormalization.forward",
      "at least 2 rows",
      "1×3",
    );
    expect(() => bn.forward(Matrix.zeros(1, 3), false)).not.toThrow();
  });

  it("networks, trainer and data: sizes, labels and seeds", () => {
    expectThrowsWith(
      () => new MultiLayerNet({ inputSize: 0, hiddenSizeList: [], outputSize: 2, rng: new Rng(0) }),
      "'inputSize'",
      "≥ 1",
      "0",
    );
    expectThrowsWith(
      () => new MultiLayerNet({ inputSize: 2, hiddenSizeList: [], outputSize: 2 } as never),
      "'rng'",
      "Rng",
    );
    const net = new MultiLayerNet({ inputSize: 2, hiddenSizeList: [], outputSize: 2, rng: new Rng(0) });
    expectThrowsWith(
      () => new Trainer(net, Matrix.zeros(4, 2), [0, 1], Matrix.zeros(4, 2), [0, 1, 0, 1], { rng: new Rng(0) }),
      "Trainer",
      "'tTrain'",
      "4 labels",
      "2",
    );
    expectThrowsWith(() => loadMnist({ testSize: 10000 }), "loadMnist", "'testSize'", "10000");
    expectThrowsWith(() => loadMnist({ testSize: 5000, trainSize: 6000 }), "'trainSize'", "at most 5000", "6000");
  });
});

const STATEFUL = OPTIMIZER_NAMES.filter((n) => n !== "sgd");

/** Every array an optimizer holds (v, h, m) and its step count, as plain numbers, to compare before and after. */
function stateOf(opt: Optimizer): unknown {
  const s = opt as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const name of ["v", "h", "m", "iter"])
    if (name in s)
      out[name] =
        s[name] instanceof Object
          ? Object.fromEntries(Object.entries(s[name] as Params).map(([k, p]) => [k, p.toArray()]))
          : s[name];
  return out;
}
const arrays = (params: Params) => Object.fromEntries(Object.entries(params).map(([k, p]) => [k, p.toArray()]));

describe("a stateful optimizer keys and shapes its state on the first update, and refuses a later mismatch with nothing changed", () => {
  it("an optimizer given a new key leaves params and state untouched", () => {
    for (const name of STATEFUL) {
      const opt = createOptimizer(name);
      opt.update({ W: m([[1, 2]]), b: m([[3]]) }, { W: m([[0.1, 0.2]]), b: m([[0.3]]) });
      // W first, so a loop that writes as it goes would move W before it met the new key c.
      const params = { W: m([[1, 2]]), b: m([[3]]), c: m([[4]]) };
      const before = stateOf(opt);
      expectThrowsWith(
        () => opt.update(params, { W: m([[0.1, 0.2]]), b: m([[0.3]]), c: m([[0.4]]) }),
        `${opt.name}.update`,
        "'params'",
        "keys of the first update (W, b)",
        'new key "c"',
      );
      expect(arrays(params), `${name} changed params before rejecting the new key`).toEqual({
        W: [[1, 2]],
        b: [[3]],
        c: [[4]],
      });
      expect(stateOf(opt), `${name} changed its state before rejecting the new key`).toEqual(before);
    }
  });

  it("an optimizer given fewer keys than its state leaves params and state untouched", () => {
    for (const name of STATEFUL) {
      const opt = createOptimizer(name);
      opt.update({ W: m([[1, 2]]), b: m([[3]]) }, { W: m([[0.1, 0.2]]), b: m([[0.3]]) });
      const params = { W: m([[1, 2]]) };
      const before = stateOf(opt);
      expectThrowsWith(
        () => opt.update(params, { W: m([[0.1, 0.2]]) }),
        `${opt.name}.update`,
        "'params'",
        "(W, b)",
        "keys W",
      );
      expect(arrays(params), name).toEqual({ W: [[1, 2]] });
      expect(stateOf(opt), name).toEqual(before);
    }
  });

  it("an optimizer given a new shape for a key throws instead of writing NaN, with params and state untouched", () => {
    for (const name of STATEFUL) {
      const opt = createOptimizer(name);
      opt.update({ W: m([[1, 2]]) }, { W: m([[0.1, 0.2]]) });
      const params = {
        W: m([
          [1, 2],
          [3, 4],
        ]),
      };
      const before = stateOf(opt);
      expectThrowsWith(
        () =>
          opt.update(params, {
            W: m([
              [0.1, 0.2],
              [0.3, 0.4],
            ]),
          }),
        `${opt.name}.update`,
        "'params.W'",
        "shape 1×2",
        "2×2",
      );
      expect(arrays(params), `${name} changed W (NaN?) before rejecting the new shape`).toEqual({
        W: [
          [1, 2],
          [3, 4],
        ],
      });
      expect(stateOf(opt), name).toEqual(before);
    }
  });

  it("hyperparameters changed after construction are re-checked by update, before any change", () => {
    const bad: [string, string, number][] = [
      ["sgd", "lr", -1],
      ["momentum", "momentum", 2],
      ["nesterov", "lr", NaN],
      ["adagrad", "lr", 0],
      ["rmsprop", "decayRate", 1.5],
      ["adam", "beta1", -0.5],
      ["adam", "beta2", 1],
    ];
    for (const [name, key, value] of bad) {
      const opt = createOptimizer(name);
      (opt as unknown as Record<string, number>)[key] = value;
      const params = { W: m([[1, 2]]) };
      expectThrowsWith(
        () => opt.update(params, { W: m([[0.1, 0.2]]) }),
        `${opt.name}.update`,
        `'${key}'`,
        String(value),
      );
      expect(arrays(params), `${name} with ${key} = ${value}`).toEqual({ W: [[1, 2]] });
      expect(stateOf(opt), `${name} made state before rejecting ${key}`).toEqual(stateOf(createOptimizer(name)));
    }
  });
});

describe("a typo'd option is an error naming the closest known option, not silently ignored", () => {
  it("optimizers, networks, Dropout, Trainer and loadMnist name the option they think was meant", () => {
    expectThrowsWith(() => new SGD({ lrr: 0.1 } as never), "SGD", "'options.lrr'", "did you mean `lr`?", '"lrr"');
    expectThrowsWith(() => new Adam({ beta: 0.9 } as never), "Adam", "'options.beta'", "did you mean `beta1`?");
    expectThrowsWith(
      () => createOptimizer("rmsprop", { decay_rate: 0.9 } as never),
      "RMSprop",
      "did you mean `decayRate`?",
    );
    expectThrowsWith(() => createOptimizer("sgd", { momentum: 0.9 }), "SGD", "'options.momentum'", "(lr)");
    const rng = new Rng(0);
    expectThrowsWith(
      () =>
        new MultiLayerNetExtend({
          inputSize: 2,
          hiddenSizeList: [2],
          outputSize: 2,
          rng,
          useDropout: true,
          ...{ dropoutRation: 0.1 },
        }),
      "MultiLayerNetExtend",
      "'options.dropoutRation'",
      "did you mean `dropoutRatio`?",
    );
    expectThrowsWith(
      () => new MultiLayerNet({ inputSize: 2, hiddenSizeList: [2], outputSize: 2, rng, ...{ weightDecay: 0.1 } }),
      "MultiLayerNet",
      "did you mean `weightDecayLambda`?",
    );
    expectThrowsWith(() => new Dropout(0.5, rng, { invert: true } as never), "Dropout", "did you mean `inverted`?");
    const net = new MultiLayerNet({ inputSize: 2, hiddenSizeList: [], outputSize: 2, rng });
    const x = Matrix.zeros(4, 2),
      t = [0, 1, 0, 1];
    expectThrowsWith(
      () => new Trainer(net, x, t, x, t, { rng, ...{ batchSize: 2 } }),
      "Trainer",
      "'options.batchSize'",
      "did you mean `miniBatchSize`?",
    );
    expectThrowsWith(
      () => new Trainer(net, x, t, x, t, { rng, optimizer: "adam", optimizerParam: { lrr: 0.1 } as never }),
      "Adam",
      "did you mean `lr`?",
    );
    expectThrowsWith(() => loadMnist({ testsize: 100 } as never), "loadMnist", "did you mean `testSize`?");
  });

  it("the experiments' options too, before any data is loaded or any training starts", () => {
    expectThrowsWith(
      () => optimizerCompare({ iteration: 5 } as never),
      "optimizerCompare",
      "'options.iteration'",
      "did you mean `iterations`?",
    );
    expectThrowsWith(() => weightInitCompare({ init: ["he"] } as never), "weightInitCompare", "did you mean `inits`?");
    expectThrowsWith(
      () => batchnormExperiment({ weightScale: [1] } as never),
      "batchnormExperiment",
      "did you mean `weightScales`?",
    );
    expectThrowsWith(
      () => overfitExperiment({ lambda: [0.1] } as never),
      "overfitExperiment",
      "did you mean `lambdas`?",
    );
    expectThrowsWith(
      () => dropoutExperiment({ dropoutRation: 0.2 } as never),
      "dropoutExperiment",
      "did you mean `dropoutRatio`?",
    );
    expectThrowsWith(
      () => hyperparameterSearch({ trial: 3 } as never),
      "hyperparameterSearch",
      "did you mean `trials`?",
    );
    expectThrowsWith(
      () => activationHistograms({ activation: "relu", weightInitStd: 1, sample: 10 } as never),
      "activationHistograms",
      "did you mean `samples`?",
    );
  });
});

describe("values that would become NaN, 0 or a bare RangeError are named errors", () => {
  it("Matrix.fromArray rejects non-numbers, and a size too large to allocate is named", () => {
    expectThrowsWith(
      () => Matrix.fromArray([[1, "a"]] as never),
      "Matrix.fromArray",
      "'values[0][1]'",
      "a number",
      '"a"',
    );
    expectThrowsWith(
      () => Matrix.fromArray([[null]] as never),
      "Matrix.fromArray",
      "'values[0][0]'",
      "a number",
      "null",
    );
    expectThrowsWith(() => Matrix.fromArray([[1], [undefined]] as never), "'values[1][0]'", "undefined");
    expectThrowsWith(
      () => new Matrix(1e5, 1e5),
      "Matrix",
      "'rows×cols'",
      "a size that can be allocated",
      "100000×100000",
      "80.0 GB",
    );
    expectThrowsWith(() => Matrix.filled(1, 2, "0" as never), "Matrix.filled", "'value'", "a number", '"0"');
    expectThrowsWith(() => Matrix.rowVector([1, null] as never), "Matrix.rowVector", "'values[1]'", "a number", "null");
    expectThrowsWith(() => Matrix.zeros(3, 2).sliceRows(1, 5), "Matrix.sliceRows", "'end'", "[start 1, 3]", "5");
    expectThrowsWith(() => Matrix.zeros(3, 2).sliceRows(-1, 2), "Matrix.sliceRows", "'start'", "[0, 3]", "-1");
  });

  it("BatchNormalization rejects running statistics of the wrong shape, given or assigned later", () => {
    const gamma = Matrix.filled(1, 3, 1),
      beta = Matrix.zeros(1, 3);
    expectThrowsWith(
      () => new BatchNormalization(gamma, beta, 0.9, Matrix.zeros(1, 2), Matrix.zeros(1, 3)),
      "BatchNormalization",
      "'runningMean'",
      "1×3",
      "1×2",
    );
    expectThrowsWith(
      () => new BatchNormalization(gamma, beta, 0.9, Matrix.zeros(1, 3), Matrix.zeros(3, 1)),
      "'runningVar'",
      "1×3",
      "3×1",
    );
    expectThrowsWith(
      () => new BatchNormalization(gamma, beta, 0.9, Matrix.zeros(1, 3), null),
      "'runningVar'",
      "null for both",
      "null",
    );
    const bn = new BatchNormalization(gamma, beta);
    bn.runningMean = Matrix.zeros(1, 2);
    bn.runningVar = Matrix.zeros(1, 3);
    expectThrowsWith(
      () =>
        bn.forward(
          m([
            [1, 2, 3],
            [4, 5, 6],
          ]),
          false,
        ),
      "BatchNormalization.forward",
      "'runningMean'",
      "1×2",
    );
    expect(bn.runningVar.toArray(), "forward changed runningVar before rejecting runningMean").toEqual([[0, 0, 0]]);
    const bn2 = new BatchNormalization(gamma, beta);
    bn2.momentum = 1.5;
    expectThrowsWith(
      () =>
        bn2.forward(
          m([
            [1, 2, 3],
            [4, 5, 6],
          ]),
          true,
        ),
      "BatchNormalization.forward",
      "'momentum'",
      "[0, 1]",
      "1.5",
    );
    expect(bn2.runningMean, "no running statistics made before rejecting momentum").toBeNull();
  });

  it("0-row batches are rejected where a mean over rows is taken (loss, accuracy, BatchNorm, Trainer)", () => {
    const empty = Matrix.zeros(0, 2);
    expectThrowsWith(
      () => new SoftmaxWithLoss().forward(empty, []),
      "SoftmaxWithLoss.forward",
      "'x'",
      "at least 1 row",
      "0×2",
    );
    expectThrowsWith(() => crossEntropyError(empty, []), "crossEntropyError", "'y'", "at least 1 row", "0×2");
    const net = new MultiLayerNet({ inputSize: 2, hiddenSizeList: [3], outputSize: 2, rng: new Rng(0) });
    expectThrowsWith(() => net.loss(empty, []), "'x'", "at least 1 row", "0×2");
    expectThrowsWith(() => net.accuracy(empty, []), "MultiLayerNet.accuracy", "'x'", "at least 1 row", "0×2");
    expectThrowsWith(
      () => new BatchNormalization(Matrix.filled(1, 2, 1), Matrix.zeros(1, 2)).forward(empty, true),
      "BatchNormalization.forward",
      "at least 2 rows",
      "0×2",
    );
    const x = Matrix.zeros(4, 2),
      t = [0, 1, 0, 1];
    expectThrowsWith(
      () => new Trainer(net, empty, [], x, t, { rng: new Rng(0) }),
      "Trainer",
      "'xTrain'",
      "at least 1 row",
      "0×2",
    );
    expectThrowsWith(
      () => new Trainer(net, x, t, empty, [], { rng: new Rng(0) }),
      "Trainer",
      "'xTest'",
      "at least 1 row",
      "0×2",
    );
  });
});
