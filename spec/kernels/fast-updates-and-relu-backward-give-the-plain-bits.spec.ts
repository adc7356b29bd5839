/**
 * The fast AdaGrad and Adam updates (src/fast/optimizer.ts) and the fast ReLU backward
 * (src/fast/layers.ts) drop work per element (pow, constants recomputed per weight, a branch on
 * the mask) and promise the plain ones' bits: every W, h, m, v after every update, and every dx,
 * whatever the gradients hold — ±0, subnormals, huge values — where ReLU's mask must still give the
 * book's exact +0 (never −0); both refuse a non-finite dout alike.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Matrix } from "../../src/base/matrix.js";
import { Rng } from "../../src/base/rng.js";
import { Relu } from "../../src/layers.js";
import { FastRelu } from "../../src/fast/layers.js";
import { AdaGrad, Adam, SGD, createOptimizer, type Optimizer, type Params } from "../../src/optimizer.js";
import { FastAdaGrad, FastAdam, createFastOptimizer } from "../../src/fast/optimizer.js";

const bytes = (d: Float64Array) => Buffer.from(d.buffer, d.byteOffset, d.byteLength);
/** A number as the failure message should show it: −0 as "-0" (String gives "0"). */
const show = (v: number) => (Object.is(v, -0) ? "-0" : String(v));

/** Doubles that stress an update: ±0, subnormals, tiny and huge magnitudes, among ordinary ones. */
const SPECIAL = [0, -0, 5e-324, -5e-324, 2.2e-308, 1e-300, -1e-300, 1e150, -3e150, 1e-8, 1];

function gradsFrom(rng: Rng, params: Params, special: boolean): Params {
  const g: Params = {};
  for (const [key, p] of Object.entries(params)) {
    const m = rng.randn(p.rows, p.cols);
    if (special) for (let i = 0; i < m.data.length; i += 3) m.data[i] = SPECIAL[(i / 3) % SPECIAL.length];
    g[key] = m;
  }
  return g;
}

/** Two copies of the same params: W 7×5 and b 1×5. */
function params(seed: number): [Params, Params] {
  const rng = new Rng(seed);
  const a = { W: rng.randn(7, 5), b: rng.randn(1, 5) };
  return [a, { W: a.W.clone(), b: a.b.clone() }];
}

describe("the fast updates give the plain optimizers' bits (§6.1.5 AdaGrad, §6.1.6 Adam)", () => {
  const cases: [string, () => Optimizer, () => Optimizer, (o: Optimizer) => Params[]][] = [
    ["AdaGrad", () => new AdaGrad({ lr: 0.1 }), () => new FastAdaGrad({ lr: 0.1 }), (o) => [(o as AdaGrad).h!]],
    [
      "Adam",
      () => new Adam({ lr: 0.01, beta1: 0.8, beta2: 0.95 }),
      () => new FastAdam({ lr: 0.01, beta1: 0.8, beta2: 0.95 }),
      (o) => [(o as Adam).m!, (o as Adam).v!],
    ],
  ];
  for (const [name, makePlain, makeFast, state] of cases)
    it(`${name}: 30 updates, ordinary and special gradients (±0, subnormals, 1e150), give the same W, b and state, byte for byte`, () => {
      const [pPlain, pFast] = params(5);
      const plain = makePlain(),
        fast = makeFast();
      const rng = new Rng(6);
      for (let step = 0; step < 30; step++) {
        const g = gradsFrom(rng, pPlain, step % 2 === 1);
        plain.update(pPlain, g);
        fast.update(pFast, g);
        for (const key of ["W", "b"])
          expect(
            bytes(pFast[key].data).equals(bytes(pPlain[key].data)),
            `${name} step ${step + 1}: fast ${key} differs from the plain update (Rng seeds 5, 6). ` +
              "Usual mistake: lr·g·(1/(√h + ε)) for lr·g/(√h + ε) (two roundings), or an operation reordered",
          ).toBe(true);
        state(plain).forEach((s, k) => {
          for (const key of ["W", "b"])
            expect(bytes(state(fast)[k][key].data).equals(bytes(s[key].data)), `${name} step ${step + 1}: state`).toBe(
              true,
            );
        });
      }
      if (plain instanceof Adam) expect((fast as Adam).iter).toBe(plain.iter);
    });

  it("Adam's g·g is g**2 (V8's pow) for every double: the claim FastAdam rests on", () => {
    for (const g of [...SPECIAL, NaN, Infinity, -Infinity, 1.4916681462400413e-154, 1.3407807929942596e154])
      expect(Object.is(g * g, g ** 2), `${g}·${g} against ${g}**2`).toBe(true);
    fc.assert(
      fc.property(fc.double(), (g) => Object.is(g * g, g ** 2)),
      { numRuns: 2000 },
    );
  });

  it("refuse what the plain ones refuse, before changing anything (a NaN gradient, a missing key)", () => {
    for (const make of [() => new FastAdaGrad(), () => new FastAdam()]) {
      const [p] = params(7);
      const before = bytes(p.W.data).toString("hex");
      const bad = { W: Matrix.filled(7, 5, NaN), b: new Matrix(1, 5) };
      const opt = make();
      expect(() => opt.update(p, bad)).toThrow(/grads\.W.*finite numbers only.*NaN/);
      expect(() => opt.update(p, { W: new Matrix(7, 5) })).toThrow(/no grads\.b/);
      expect(bytes(p.W.data).toString("hex"), `${opt.name}: W changed by a refused update`).toBe(before);
    }
  });

  it("createFastOptimizer gives the fast AdaGrad and Adam, the plain others, and refuses what createOptimizer refuses", () => {
    expect(createFastOptimizer("adagrad")).toBeInstanceOf(FastAdaGrad);
    expect(createFastOptimizer("Adam", { lr: 0.002 })).toBeInstanceOf(FastAdam);
    expect(createFastOptimizer("sgd")).toBeInstanceOf(SGD);
    expect(() => createFastOptimizer("adamw")).toThrow(/createOptimizer.*name/);
    expect(() => createFastOptimizer("adagrad", { momentum: 0.9 })).toThrow(/momentum/);
    expect(createFastOptimizer("adam").lr).toBe(createOptimizer("adam").lr);
  });
});

describe("the fast ReLU backward gives the plain one's bits (§5.5.1), branch-free", () => {
  it("dx = dout where x > 0 and exactly +0 elsewhere, for dout holding ±0, subnormals and ±1e300, round after round", () => {
    const plain = new Relu(),
      fast = new FastRelu();
    const rng = new Rng(11);
    for (let round = 0; round < 3; round++) {
      const x = rng.randn(6, 9);
      for (let i = 0; i < x.data.length; i += 4) x.data[i] = i % 8 === 0 ? 0 : -0; // the mask's edge: x ≤ 0
      const dout = rng.randn(6, 9);
      const specials = [-1e300, 1e300, 0, -0, 5e-324, -5e-324, -2];
      for (let i = 0; i < dout.data.length; i += 2) dout.data[i] = specials[(i / 2 + round) % specials.length];
      plain.forward(x);
      fast.forward(x);
      const want = plain.backward(dout),
        got = fast.backward(dout);
      for (let i = 0; i < want.data.length; i++)
        if (!Object.is(got.data[i], want.data[i]))
          expect.fail(
            `round ${round}: dx[${i}] is ${show(got.data[i])}, the plain ReLU gives ${show(want.data[i])} (x ${show(x.data[i])}, dout ${show(dout.data[i])}, Rng seed 11). ` +
              "Usual mistake: dout·(1 − mask), which gives −0 for a negative dout",
          );
      expect(bytes(got.data).equals(bytes(want.data)), `round ${round}: the bytes`).toBe(true);
    }
    for (const bad of [NaN, Infinity, -Infinity]) {
      const dout = Matrix.filled(6, 9, 1);
      dout.data[7] = bad;
      expect(() => fast.backward(dout), `a dout holding ${bad}`).toThrow(/Relu\.backward.*dout.*finite numbers only/);
      expect(() => plain.backward(dout)).toThrow(/Relu\.backward.*dout.*finite numbers only/);
    }
  });
});
