/**
 * The Trainer's bookkeeping (the book's common/trainer.py), checked with a stub network whose
 * loss, gradient and accuracy only report what they were given: iterations per epoch as a float
 * (the epoch test current_iter % iter_per_epoch == 0), what onProgress receives, the rows
 * evaluated per epoch (evaluate_sample_num_per_epoch), one-hot labels sampled like indices, the
 * book's defaults (SGD, lr 0.01 for every optimizer), and the constructor's errors.
 */
import { describe, expect, it } from "vitest";
import { Matrix } from "../../src/base/matrix.js";
import { Rng } from "../../src/base/rng.js";
import type { Labels } from "../../src/functions.js";
import type { Network } from "../../src/multi-layer-net.js";
import { Trainer, type TrainerProgress } from "../../src/trainer.js";
import { messageOf } from "../helpers.js";

/** Row i of x is [i] (train) or [100 + i] (test); labels are i mod 2. */
const rowsOf = (n: number, first = 0) => Matrix.fromArray(Array.from({ length: n }, (_, i) => [first + i]));
const labels = (n: number) => Array.from({ length: n }, (_, i) => i % 2);

/** A network that records the first column of every batch it sees; loss = Σx, accuracy = rows seen / 1000. */
class Stub implements Network {
  params = { W: Matrix.fromArray([[0]]) };
  batches: number[][] = [];
  labelsSeen: number[][] = [];
  evaluated: number[][] = [];
  loss(x: Matrix): number {
    return x.sum();
  }
  gradient(x: Matrix, t: Labels): { W: Matrix } {
    this.batches.push(Array.from(x.data));
    this.labelsSeen.push(Array.from(t as Int32Array));
    return { W: Matrix.fromArray([[0]]) };
  }
  accuracy(x: Matrix): number {
    this.evaluated.push(Array.from(x.data));
    return x.rows / 1000;
  }
}

describe("iterations, epochs and what onProgress hears (book quirk: the epoch test on a float)", () => {
  it("5 samples, batches of 2, 3 epochs: 2.5 iterations per epoch, 7 iterations, accuracy at iterations 0 and 5", () => {
    const net = new Stub();
    const heard: TrainerProgress[] = [];
    const tr = new Trainer(net, rowsOf(5), labels(5), rowsOf(3, 100), labels(3), {
      epochs: 3,
      miniBatchSize: 2,
      rng: new Rng(1),
      onProgress: (p) => heard.push({ ...p }),
    });
    expect([tr.iterPerEpoch, tr.maxIter]).toEqual([2.5, 7]);
    expect(tr.train()).toBe(0.003); // the final test accuracy, on all 3 test rows
    expect(tr.trainLossList.length).toBe(7);
    expect(tr.trainAccList).toEqual([0.005, 0.005]);
    expect(tr.testAccList).toEqual([0.003, 0.003]);
    expect([tr.currentIter, tr.currentEpoch]).toEqual([7, 2]);
    expect(heard.map((p) => [p.iter, p.maxIter, p.epoch, p.trainAcc, p.testAcc])).toEqual([
      [0, 7, 1, 0.005, 0.003],
      [1, 7, 1, undefined, undefined],
      [2, 7, 1, undefined, undefined],
      [3, 7, 1, undefined, undefined],
      [4, 7, 1, undefined, undefined],
      [5, 7, 2, 0.005, 0.003],
      [6, 7, 2, undefined, undefined],
    ]);
    // the loss recorded is the network's loss on the batch just trained on (stub: the sum of its rows)
    expect(heard.map((p) => p.loss)).toEqual(net.batches.map((b) => b[0] + b[1]));
  });

  it("evaluateSampleNumPerEpoch = 2 evaluates the first 2 train and test rows only; unset, all of them", () => {
    const net = new Stub();
    const opts = { epochs: 1, miniBatchSize: 5, rng: new Rng(1) };
    new Trainer(net, rowsOf(5), labels(5), rowsOf(3, 100), labels(3), {
      ...opts,
      evaluateSampleNumPerEpoch: 2,
    }).trainStep();
    expect(net.evaluated).toEqual([
      [0, 1],
      [100, 101],
    ]);
    const all = new Stub();
    new Trainer(all, rowsOf(5), labels(5), rowsOf(3, 100), labels(3), opts).trainStep();
    expect(all.evaluated).toEqual([
      [0, 1, 2, 3, 4],
      [100, 101, 102],
    ]);
  });

  it("one-hot label rows are sampled with the same batch as x, like index labels", () => {
    const idx = new Stub(),
      onehot = new Stub();
    const t = labels(6);
    const T = Matrix.fromArray(t.map((k) => (k === 0 ? [1, 0] : [0, 1])));
    const opts = { epochs: 1, miniBatchSize: 3, rng: new Rng(4) };
    new Trainer(idx, rowsOf(6), t, rowsOf(2, 100), [0, 1], { ...opts, rng: new Rng(4) }).train();
    const seenT: number[][] = [];
    onehot.gradient = (x: Matrix, tb: Labels) => {
      onehot.batches.push(Array.from(x.data));
      seenT.push(Array.from((tb as Matrix).argmaxRows()));
      return { W: Matrix.fromArray([[0]]) };
    };
    new Trainer(onehot, rowsOf(6), T, rowsOf(2, 100), T.sliceRows(0, 2), opts).train();
    expect(onehot.batches).toEqual(idx.batches);
    expect(seenT).toEqual(idx.labelsSeen);
    expect(seenT.flat()).toEqual(idx.batches.flat().map((i) => i % 2));
  });
});

describe("the book's defaults: SGD, and lr 0.01 whichever optimizer is named", () => {
  it("no optimizer gives SGD(lr 0.01); 'adam' without optimizerParam gets lr 0.01, not Adam's own 0.001", () => {
    const mk = (o: object) =>
      new Trainer(new Stub(), rowsOf(2), labels(2), rowsOf(2), labels(2), { rng: new Rng(0), ...o });
    expect([mk({}).optimizer.name, mk({}).optimizer.lr]).toEqual(["SGD", 0.01]);
    expect([mk({ optimizer: "adam" }).optimizer.name, mk({ optimizer: "adam" }).optimizer.lr]).toEqual(["Adam", 0.01]);
  });
});

describe("the Trainer's errors name the argument", () => {
  const x = rowsOf(2),
    t = labels(2),
    rng = new Rng(0);
  const make = (o: unknown, xs: unknown = x, tTest: unknown = t) =>
    new Trainer(new Stub(), xs as Matrix, t, x, tTest as Labels, o as never);
  it("options or rng missing, x not a Matrix, test labels of another count, sizes not integers ≥ 1", () => {
    const noRng =
      "Trainer: argument 'options.rng' expected an Rng (seeded generator) for mini-batch sampling, received undefined";
    expect(messageOf(() => make(undefined))).toBe(noRng);
    expect(messageOf(() => make({}))).toBe(noRng);
    expect(messageOf(() => make({ rng }, [[0], [1]]))).toBe(
      "Trainer: argument 'xTrain' expected a Matrix (one sample per row), received an array of length 2",
    );
    expect(messageOf(() => make({ rng }, new Matrix(0, 1)))).toBe(
      "Trainer: argument 'xTrain' expected a Matrix of at least 1 row (losses and accuracies are means over rows), received a 0×1 Matrix",
    );
    expect(messageOf(() => make({ rng }, x, [0, 1, 0]))).toBe(
      "Trainer: argument 'tTest' expected 2 labels (one per row of xTest), received 3",
    );
    expect(messageOf(() => make({ rng, epochs: 0 }))).toBe(
      "Trainer: argument 'epochs' expected an integer ≥ 1, received 0",
    );
    expect(messageOf(() => make({ rng, miniBatchSize: 2.5 }))).toBe(
      "Trainer: argument 'miniBatchSize' expected an integer ≥ 1, received 2.5",
    );
    expect(messageOf(() => make({ rng, evaluateSampleNumPerEpoch: 0 }))).toBe(
      "Trainer: argument 'evaluateSampleNumPerEpoch' expected an integer ≥ 1, received 0",
    );
  });
});
