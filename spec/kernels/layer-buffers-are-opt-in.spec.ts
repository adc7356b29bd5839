/**
 * The training loop's allocation savings must not change what the layers promise: by default
 * every forward/backward returns a new matrix that later calls leave alone (tests and callers hold
 * references to outputs); only with the explicit `reuseBuffers` opt-in do layers write into
 * matrices they own, and then the numbers are the same bytes as without it.
 */
import { describe, expect, it } from "vitest";
import { Matrix } from "../../src/base/matrix.js";
import { Affine, Relu, Sigmoid, Tanh, type Layer } from "../../src/layers.js";
import { MultiLayerNet } from "../../src/multi-layer-net.js";
import { createOptimizer } from "../../src/optimizer.js";
import { Rng } from "../../src/base/rng.js";

const bytes = (m: Matrix) => Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength);
const layers = (): [string, () => Layer & { reuseBuffers: boolean }][] => [
  ["Affine (§5.6)", () => new Affine(new Rng(1).randn(5, 3), new Rng(2).randn(1, 3))],
  ["ReLU (§5.5.1)", () => new Relu()],
  ["Sigmoid (§5.5.2)", () => new Sigmoid()],
  ["Tanh", () => new Tanh()],
];

describe("layer outputs stay the caller's unless reuseBuffers is opted into", () => {
  for (const [name, make] of layers()) {
    it(`${name}: by default a second forward/backward leaves the first results untouched`, () => {
      const layer = make();
      const x1 = new Rng(3).randn(4, 5), x2 = new Rng(4).randn(4, 5);
      const y1 = layer.forward(x1), y1Bytes = Buffer.from(bytes(y1));
      const dx1 = layer.backward(new Rng(5).randn(y1.rows, y1.cols)), dx1Bytes = Buffer.from(bytes(dx1));
      const y2 = layer.forward(x2);
      const dx2 = layer.backward(new Rng(6).randn(y2.rows, y2.cols));
      const mistake = "Usual mistake: a layer writing into a buffer it keeps across calls without the reuseBuffers opt-in";
      expect(y2, `${name}: forward must return a new matrix by default`).not.toBe(y1);
      expect(dx2, `${name}: backward must return a new matrix by default`).not.toBe(dx1);
      expect(bytes(y1).equals(y1Bytes), `${name}: the first forward's output changed after a second forward. ${mistake}`).toBe(true);
      expect(bytes(dx1).equals(dx1Bytes), `${name}: the first backward's dx changed after a second backward. ${mistake}`).toBe(true);
    });

    it(`${name}: with reuseBuffers the same matrices come back, holding the same bytes as fresh ones`, () => {
      const plain = make(), reusing = make();
      reusing.reuseBuffers = true;
      let yPrev: Matrix | null = null, dxPrev: Matrix | null = null;
      for (let round = 0; round < 3; round++) {
        const x = new Rng(10 + round).randn(4, 5), dout = new Rng(20 + round).randn(4, plain instanceof Affine ? 3 : 5);
        const y = reusing.forward(x), want = plain.forward(x);
        const dx = reusing.backward(dout), wantDx = plain.backward(dout);
        expect(bytes(y).equals(bytes(want)), `${name} round ${round}: forward with reuseBuffers differs from a fresh forward`).toBe(true);
        expect(bytes(dx).equals(bytes(wantDx)), `${name} round ${round}: backward with reuseBuffers differs from a fresh backward`).toBe(true);
        if (yPrev) expect(y, `${name}: reuseBuffers should hand back the layer's own output matrix`).toBe(yPrev);
        if (dxPrev) expect(dx, `${name}: reuseBuffers should hand back the layer's own dx matrix`).toBe(dxPrev);
        yPrev = y;
        dxPrev = dx;
      }
    });
  }

  it("MultiLayerNet: default grads survive the next gradient call; reuseBuffers trains to the same bytes (§6.1.8 net, 20 Adam steps)", () => {
    const opts = { inputSize: 12, hiddenSizeList: [8, 8], outputSize: 4, rng: new Rng(0) };
    const data = new Rng(30), x = data.randn(32, 12), t = Int32Array.from({ length: 32 }, () => data.randint(4));

    const net = new MultiLayerNet({ ...opts, rng: new Rng(7) });
    const g1 = net.gradient(x.sliceRows(0, 16), t.subarray(0, 16));
    const g1W1 = Buffer.from(bytes(g1.W1!));
    net.gradient(x.sliceRows(16, 32), t.subarray(16, 32));
    expect(bytes(g1.W1!).equals(g1W1), "grads returned by gradient() were overwritten by the next call without the reuseBuffers opt-in").toBe(true);

    const train = (reuseBuffers: boolean) => {
      const n = new MultiLayerNet({ ...opts, rng: new Rng(7), reuseBuffers });
      const opt = createOptimizer("adam"), batches = new Rng(8), losses: number[] = [];
      for (let i = 0; i < 20; i++) {
        const mask = batches.choice(32, 8);
        const xb = x.pickRows(mask), tb = Int32Array.from(mask, (k) => t[k]);
        opt.update(n.params, n.gradient(xb, tb));
        losses.push(n.loss(xb, tb));
      }
      return { losses, W1: Buffer.from(bytes(n.params.W1!)) };
    };
    const fresh = train(false), reused = train(true);
    expect(reused.losses, "losses with reuseBuffers must be the same numbers as without (seed 7, batches seed 8)").toEqual(fresh.losses);
    expect(reused.W1.equals(fresh.W1), "W1 after 20 Adam steps differs with reuseBuffers").toBe(true);
  });
});
