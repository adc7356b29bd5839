/**
 * The fast layer set (src/fast/) promises the plain reference layers' bits with less work: every
 * output, dx, dW, db, loss and gradient the same bytes, training after training. It also owns
 * its buffers (a later call overwrites an earlier result), while the plain layers hand back new
 * matrices that later calls leave alone. And a net's gradient() leaves each Affine's dW as the
 * book's dL/dW: grads.W = dW + λW is a new matrix.
 */
import { describe, expect, it } from "vitest";
import { Matrix } from "../../src/base/matrix.js";
import { Affine, BatchNormalization, Relu, Sigmoid, Tanh, type Layer } from "../../src/layers.js";
import { FastAffine, FastBatchNormalization, FastRelu, FastSigmoid, FastTanh } from "../../src/fast/layers.js";
import { MultiLayerNet } from "../../src/multi-layer-net.js";
import { MultiLayerNetExtend, type MultiLayerNetExtendOptions } from "../../src/multi-layer-net-extend.js";
import { FastMultiLayerNet, FastMultiLayerNetExtend } from "../../src/fast/multi-layer-net.js";
import { createOptimizer, type Params } from "../../src/optimizer.js";
import { Rng } from "../../src/base/rng.js";

const bytes = (m: Matrix) => Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength);
const sameBytes = (a: Matrix, b: Matrix) => a.rows === b.rows && a.cols === b.cols && bytes(a).equals(bytes(b));
const MISTAKE =
  "Usual mistake: a fast path that reorders a sum, multiplies by 1/N where the plain layer divides, " +
  "turns −0 into +0 (or back), or reads a buffer a later call has overwritten";

/** Random input with exact zeros and −0s mixed in (ReLU's mask edge: x ≤ 0). */
function input(rows: number, cols: number, seed: number): Matrix {
  const rng = new Rng(seed),
    x = rng.randn(rows, cols);
  for (let i = 0; i < x.data.length; i += 5) x.data[i] = i % 10 === 0 ? 0 : -0;
  return x;
}

const PAIRS: [string, () => Layer, () => Layer][] = [
  [
    "Affine (§5.6.2)",
    () => new Affine(new Rng(1).randn(5, 3), new Rng(2).randn(1, 3)),
    () => new FastAffine(new Rng(1).randn(5, 3), new Rng(2).randn(1, 3)),
  ],
  ["ReLU (§5.5.1)", () => new Relu(), () => new FastRelu()],
  ["Sigmoid (§5.5.2)", () => new Sigmoid(), () => new FastSigmoid()],
  ["Tanh", () => new Tanh(), () => new FastTanh()],
  [
    "BatchNormalization (§6.3)",
    () => new BatchNormalization(new Rng(3).randn(1, 5), new Rng(4).randn(1, 5)),
    () => new FastBatchNormalization(new Rng(3).randn(1, 5), new Rng(4).randn(1, 5)),
  ],
];
/** The layers that write into buffers they own (FastBatchNormalization only fuses its loops). */
const reuses = (layer: Layer) => !(layer instanceof BatchNormalization);

describe("each fast layer gives its plain layer's bits, and only the fast ones reuse their buffers", () => {
  for (const [name, makePlain, makeFast] of PAIRS) {
    it(`${name}: forward and backward (dx, and dW, db for Affine) are the plain layer's bytes, round after round, in the fast layer's own matrices`, () => {
      const plain = makePlain(),
        fast = makeFast();
      const cols = plain instanceof Affine ? 3 : 5;
      let yPrev: Matrix | null = null,
        dxPrev: Matrix | null = null;
      for (let round = 0; round < 3; round++) {
        const x = input(4, 5, 10 + round),
          dout = input(4, cols, 20 + round);
        const want = plain.forward(x),
          y = fast.forward(x);
        expect(
          sameBytes(y, want),
          `${name} round ${round}: fast forward differs from the plain forward. ${MISTAKE}`,
        ).toBe(true);
        const wantDx = plain.backward(dout),
          dx = fast.backward(dout);
        expect(
          sameBytes(dx, wantDx),
          `${name} round ${round}: fast backward differs from the plain backward. ${MISTAKE}`,
        ).toBe(true);
        if (plain instanceof Affine && fast instanceof Affine) {
          expect(sameBytes(fast.dW!, plain.dW!), `${name} round ${round}: dW differs`).toBe(true);
          expect(sameBytes(fast.db!, plain.db!), `${name} round ${round}: db differs`).toBe(true);
        }
        if (plain instanceof BatchNormalization && fast instanceof BatchNormalization) {
          expect(sameBytes(fast.dgamma!, plain.dgamma!), `${name} round ${round}: dgamma differs`).toBe(true);
          expect(sameBytes(fast.dbeta!, plain.dbeta!), `${name} round ${round}: dbeta differs`).toBe(true);
          const test = input(3, 5, 40 + round);
          expect(
            sameBytes(fast.forward(test, false), plain.forward(test, false)),
            `${name} round ${round}: test-mode forward (running statistics) differs`,
          ).toBe(true);
        }
        if (yPrev && reuses(fast))
          expect(y, `${name}: the fast layer should hand back its own output matrix`).toBe(yPrev);
        if (dxPrev && reuses(fast))
          expect(dx, `${name}: the fast layer should hand back its own dx matrix`).toBe(dxPrev);
        [yPrev, dxPrev] = [y, dx];
      }
    });

    // FastBatchNormalization allocates per call like the plain layer: nothing to reuse
    if (reuses(makeFast()))
      it(`${name}: batches alternating with whole sets (as training with accuracy checks runs) give the plain bytes, each of three shapes' outputs allocated once`, () => {
        const plain = makePlain(),
          fast = makeFast();
        const cols = plain instanceof Affine ? 3 : 5;
        const held = new Map<number, Matrix>();
        for (let round = 0; round < 3; round++) {
          // a batch of 4 rows, a training set of 7, a validation set of 5, the batch again (as the Trainer
          // runs), each with its backward (which uses that forward's x and mask); in the last round a
          // fourth shape (2 rows) comes first: only the last three shapes are kept
          if (round === 2) held.clear();
          for (const [rows, seed] of [
            ...(round === 2 ? [[2, 90]] : []),
            [4, 50 + round],
            [7, 60 + round],
            [5, 65 + round],
            [4, 70 + round],
          ]) {
            const x = input(rows, 5, seed),
              want = plain.forward(x),
              y = fast.forward(x);
            expect(
              sameBytes(y, want),
              `${name} round ${round}, ${rows} rows: fast forward differs from the plain forward after a forward of another shape. ${MISTAKE}`,
            ).toBe(true);
            if (held.has(rows))
              expect(y, `${name}: the ${rows}-row output should be allocated once and reused`).toBe(held.get(rows));
            held.set(rows, y);
            const dout = input(rows, cols, seed + 100);
            expect(
              sameBytes(fast.backward(dout), plain.backward(dout)),
              `${name} round ${round}, ${rows} rows: backward after forwards of other shapes differs from the plain backward (the mask or x of another forward?). ${MISTAKE}`,
            ).toBe(true);
          }
        }
      });

    it(`${name}: the plain layer returns new matrices, and a second forward/backward leaves the first results untouched`, () => {
      const layer = makePlain();
      const y1 = layer.forward(input(4, 5, 3)),
        y1Bytes = Buffer.from(bytes(y1));
      const dx1 = layer.backward(input(y1.rows, y1.cols, 5)),
        dx1Bytes = Buffer.from(bytes(dx1));
      const y2 = layer.forward(input(4, 5, 4)),
        dx2 = layer.backward(input(y2.rows, y2.cols, 6));
      expect(y2, `${name}: forward must return a new matrix`).not.toBe(y1);
      expect(dx2, `${name}: backward must return a new matrix`).not.toBe(dx1);
      expect(bytes(y1).equals(y1Bytes), `${name}: the first forward's output changed after a second forward`).toBe(
        true,
      );
      expect(bytes(dx1).equals(dx1Bytes), `${name}: the first backward's dx changed after a second backward`).toBe(
        true,
      );
    });
  }

  it("FastAffine.backwardParams gives backward's dW and db without computing dx", () => {
    const full = new FastAffine(new Rng(1).randn(5, 3), new Rng(2).randn(1, 3));
    const params = new FastAffine(new Rng(1).randn(5, 3), new Rng(2).randn(1, 3));
    const x = input(4, 5, 7),
      dout = input(4, 3, 8);
    full.forward(x);
    params.forward(x);
    full.backward(dout);
    params.backwardParams(dout);
    expect(sameBytes(params.dW!, full.dW!), "backwardParams dW differs from backward's").toBe(true);
    expect(sameBytes(params.db!, full.db!), "backwardParams db differs from backward's").toBe(true);
  });
});

type NetCase = [string, MultiLayerNetExtendOptions];
const NETS: NetCase[] = [
  ["ReLU, He, λ = 0 (§6.1.8's net)", { inputSize: 12, hiddenSizeList: [8, 8], outputSize: 4, rng: new Rng(0) }],
  [
    "sigmoid, Xavier, λ = 0.1",
    {
      inputSize: 12,
      hiddenSizeList: [8, 6],
      outputSize: 4,
      activation: "sigmoid",
      weightInitStd: "xavier",
      weightDecayLambda: 0.1,
      rng: new Rng(0),
    },
  ],
  [
    "tanh, σ = 0.5, λ = 0.01",
    {
      inputSize: 12,
      hiddenSizeList: [7],
      outputSize: 4,
      activation: "tanh",
      weightInitStd: 0.5,
      weightDecayLambda: 0.01,
      rng: new Rng(0),
    },
  ],
  [
    "BatchNorm + Dropout, λ = 0.05 (§6.3, §6.4)",
    {
      inputSize: 12,
      hiddenSizeList: [8, 8, 6],
      outputSize: 4,
      useBatchnorm: true,
      useDropout: true,
      dropoutRatio: 0.3,
      weightDecayLambda: 0.05,
      rng: new Rng(0),
    },
  ],
  [
    "BatchNorm, inverted Dropout, λ = 0",
    {
      inputSize: 12,
      hiddenSizeList: [8, 8],
      outputSize: 4,
      useBatchnorm: true,
      useDropout: true,
      invertedDropout: true,
      rng: new Rng(0),
    },
  ],
];

/** 15 Adam steps on batches of 8 from one seeded generator: every loss, every gradient, the final params. */
function train(net: MultiLayerNet, x: Matrix, t: Int32Array) {
  const opt = createOptimizer("adam", { lr: 0.01 }),
    batches = new Rng(8),
    losses: number[] = [];
  const grads: Record<string, Buffer>[] = [];
  for (let i = 0; i < 15; i++) {
    const mask = batches.choice(x.rows, 8);
    const xb = x.pickRows(mask),
      tb = Int32Array.from(mask, (k) => t[k]);
    const g = net.gradient(xb, tb);
    grads.push(Object.fromEntries(Object.entries(g).map(([k, m]) => [k, Buffer.from(bytes(m))])));
    opt.update(net.params, g);
    losses.push(net.loss(xb, tb, i % 2 === 0));
  }
  return {
    losses,
    grads,
    params: Object.fromEntries(Object.entries(net.params).map(([k, m]) => [k, Buffer.from(bytes(m))])),
    accuracy: net.accuracy(x, t),
  };
}

describe("the fast nets train to the plain nets' bits", () => {
  const data = new Rng(30),
    x = data.randn(32, 12),
    t = Int32Array.from({ length: 32 }, () => data.randint(4));

  for (const [name, opts] of NETS) {
    const extended = opts.useBatchnorm || opts.useDropout;
    it(`${extended ? "MultiLayerNetExtend" : "MultiLayerNet"}, ${name}: 15 Adam steps give the same losses, gradients, params and accuracy`, () => {
      const Plain = extended ? MultiLayerNetExtend : MultiLayerNet,
        Fast = extended ? FastMultiLayerNetExtend : FastMultiLayerNet;
      const plain = train(new Plain({ ...opts, rng: new Rng(7) }), x, t),
        fast = train(new Fast({ ...opts, rng: new Rng(7) }), x, t);
      for (let i = 0; i < plain.losses.length; i++)
        expect(
          Object.is(fast.losses[i], plain.losses[i]),
          `${name}: loss ${i} is ${fast.losses[i]} on the fast net, ${plain.losses[i]} on the plain one (seed 7, batches seed 8). ${MISTAKE}`,
        ).toBe(true);
      plain.grads.forEach((g, i) => {
        expect(Object.keys(fast.grads[i]).sort(), `${name}: gradient ${i} keys`).toEqual(Object.keys(g).sort());
        for (const k of Object.keys(g))
          expect(fast.grads[i][k].equals(g[k]), `${name}: grads.${k} at step ${i} differs. ${MISTAKE}`).toBe(true);
      });
      for (const k of Object.keys(plain.params))
        expect(fast.params[k].equals(plain.params[k]), `${name}: params.${k} after 15 steps differs`).toBe(true);
      expect(fast.accuracy).toBe(plain.accuracy);
    });
  }

  it("the plain net's grads survive the next gradient call; the fast net's are its own buffers, overwritten", () => {
    const opts = NETS[1][1];
    const plain = new MultiLayerNet({ ...opts, rng: new Rng(7) }),
      fast = new FastMultiLayerNet({ ...opts, rng: new Rng(7) });
    const g1 = plain.gradient(x.sliceRows(0, 16), t.subarray(0, 16)),
      g1W1 = Buffer.from(bytes(g1.W1));
    plain.gradient(x.sliceRows(16, 32), t.subarray(16, 32));
    expect(bytes(g1.W1).equals(g1W1), "grads returned by the plain gradient() were overwritten by the next call").toBe(
      true,
    );
    const f1 = fast.gradient(x.sliceRows(0, 16), t.subarray(0, 16)),
      f2 = fast.gradient(x.sliceRows(16, 32), t.subarray(16, 32));
    expect(f2.W1, "the fast net should write dW + λW into the same matrix every call").toBe(f1.W1);
  });
});

describe("gradient() leaves each Affine's dW as the book's dL/dW (§6.4.1: grads.W = dW + λW, a new matrix)", () => {
  const data = new Rng(31),
    x = data.randn(16, 12),
    t = Int32Array.from({ length: 16 }, () => data.randint(4));
  for (const [kind, Net] of [
    ["MultiLayerNet", MultiLayerNet],
    ["FastMultiLayerNet", FastMultiLayerNet],
  ] as const)
    it(`${kind}: with λ = 0.3, layers.Affine1.dW is the λ = 0 net's grads.W1 and grads.W1 is dW + λ·W`, () => {
      const opts = { inputSize: 12, hiddenSizeList: [8, 6], outputSize: 4 };
      const decayed = new Net({ ...opts, weightDecayLambda: 0.3, rng: new Rng(5) }),
        bare = new Net({ ...opts, rng: new Rng(5) });
      const grads: Params = decayed.gradient(x, t),
        want = bare.gradient(x, t);
      for (let idx = 1; idx <= 3; idx++) {
        const affine = decayed.layers.get(`Affine${idx}`) as Affine,
          W = decayed.params[`W${idx}`];
        expect(
          sameBytes(affine.dW!, want[`W${idx}`]),
          `${kind}: Affine${idx}.dW changed by gradient(): it must stay dL/dW, without λW`,
        ).toBe(true);
        expect(grads[`W${idx}`], `${kind}: grads.W${idx} must be a matrix of its own, not Affine${idx}.dW`).not.toBe(
          affine.dW,
        );
        const sum = Matrix.fromArray(affine.dW!.toArray().map((row, i) => row.map((d, j) => d + 0.3 * W.get(i, j))));
        expect(sameBytes(grads[`W${idx}`], sum), `${kind}: grads.W${idx} is not dW + 0.3·W`).toBe(true);
      }
    });
});
