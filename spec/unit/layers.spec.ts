import { describe, expect, it } from "vitest";
import { Matrix } from "../../src/base/matrix.js";
import { Affine, BatchNormalization, Dropout, Relu, Sigmoid, SoftmaxWithLoss, Tanh } from "../../src/layers.js";
import { Rng } from "../../src/base/rng.js";
import { expectAllClose } from "../helpers.js";

describe("each layer's forward and backward on a small hand-checked case", () => {
  it("Affine: out = x·W + b, dx = dout·Wᵀ, dW = xᵀ·dout, db = Σ dout", () => {
    const W = Matrix.fromArray([
      [1, 0, -1],
      [2, 1, 0],
    ]);
    const b = Matrix.rowVector([0.5, 0, -0.5]);
    const layer = new Affine(W, b);
    // [1, 2]·W = [1+4, 0+2, −1+0] = [5, 2, −1]; + b = [5.5, 2, −1.5]
    expectAllClose(layer.forward(Matrix.fromArray([[1, 2]])), [5.5, 2, -1.5], { section: "§5.6 Affine" });
    const dx = layer.backward(Matrix.fromArray([[1, 1, 1]]));
    expectAllClose(dx, [0, 3], { section: "§5.6 Affine dx" });
    expectAllClose(layer.dW!, [1, 1, 1, 2, 2, 2], { section: "§5.6 Affine dW" });
    expectAllClose(layer.db!, [1, 1, 1], { section: "§5.6 Affine db", mistake: "db summed over the wrong axis" });
  });

  it("ReLU passes x > 0 and blocks x ≤ 0 both ways (ReLU′(0) = 0, as the book's mask x <= 0)", () => {
    const layer = new Relu();
    expectAllClose(layer.forward(Matrix.fromArray([[-1, 0, 2]])), [0, 0, 2], { section: "§5.5.1 ReLU" });
    expectAllClose(layer.backward(Matrix.fromArray([[5, 6, 7]])), [0, 0, 7], { section: "§5.5.1 ReLU backward" });
  });

  it("ReLU writes +0, not −0, where x ≤ 0 (the book's out[mask] = 0), and keeps every x > 0 bit for bit", () => {
    const x = [-3, -1e-300, -0, 0, 5e-324, 0.1, 7e300];
    const out = new Relu().forward(Matrix.fromArray([x]));
    const want = [0, 0, 0, 0, 5e-324, 0.1, 7e300];
    want.forEach((w, i) =>
      expect(
        Object.is(out.data[i], w),
        `§5.5.1 ReLU forward of ${Object.is(x[i], -0) ? "-0" : x[i]}: expected ${w}, received ${Object.is(out.data[i], -0) ? "-0" : out.data[i]}. ` +
          "Usual mistake: computing x·(x > 0), which gives −0 for negative x (the book assigns +0).",
      ).toBe(true),
    );
  });

  it("Sigmoid at 0 is ½ with slope ¼; Tanh at 0 is 0 with slope 1", () => {
    const s = new Sigmoid();
    expectAllClose(s.forward(Matrix.fromArray([[0]])), [0.5], { section: "§5.5.2 Sigmoid" });
    expectAllClose(s.backward(Matrix.fromArray([[1]])), [0.25], { section: "§5.5.2 Sigmoid backward" });
    const t = new Tanh();
    expectAllClose(t.forward(Matrix.fromArray([[0, 0.5]])), [0, Math.tanh(0.5)], { section: "Tanh" });
    expectAllClose(t.backward(Matrix.fromArray([[2, 1]])), [2, 1 - Math.tanh(0.5) ** 2], { section: "Tanh backward" });
  });

  it("SoftmaxWithLoss: loss and (y − t)/N for two rows", () => {
    const layer = new SoftmaxWithLoss();
    // row 1 softmax [½, ½], row 2 softmax [¾, ¼]; labels 0 and 1
    const loss = layer.forward(
      Matrix.fromArray([
        [0, 0],
        [Math.log(3), 0],
      ]),
      [0, 1],
    );
    expect(loss).toBeCloseTo(-(Math.log(0.5 + 1e-7) + Math.log(0.25 + 1e-7)) / 2, 14);
    expectAllClose(layer.backward(), [-0.25, 0.25, 0.375, -0.375], {
      section: "§5.6.3 SoftmaxWithLoss backward",
      atol: 1e-15,
    });
  });

  it("BatchNormalization on [[1], [3]]: μ 2, σ² 1, x̂ = ∓1/√(1+ε); running stats 0.1·batch", () => {
    const gamma = Matrix.rowVector([2]),
      beta = Matrix.rowVector([1]);
    const bn = new BatchNormalization(gamma, beta);
    const std = Math.sqrt(1 + 1e-6);
    expectAllClose(bn.forward(Matrix.fromArray([[1], [3]]), true), [1 - 2 / std, 1 + 2 / std], {
      section: "§6.3 BatchNorm forward",
      mistake: "ε must be the book's 10e-7 = 1e-6",
    });
    expectAllClose(bn.runningMean!, [0.2], { section: "§6.3 running mean (0.9·0 + 0.1·2)" });
    expectAllClose(bn.runningVar!, [0.1], { section: "§6.3 running var (0.9·0 + 0.1·1)" });
    // With N = 2 the normalised output is ±1 whatever x is, so dx ≈ 0 up to ε:
    // dx = (γ/(N·std))·(N·dout − Σdout − x̂·Σ(dout⊙x̂)) = (1/std)(1 − 1/std²)·[1, −1]
    const dx = bn.backward(Matrix.fromArray([[1], [0]]));
    const k = (1 / std) * (1 - 1 / std ** 2);
    expectAllClose(dx, [k, -k], { section: "§6.3 BatchNorm backward", atol: 1e-15 });
    expectAllClose(bn.dbeta!, [1], { section: "§6.3 dβ = Σ dout" });
    expectAllClose(bn.dgamma!, [-1 / std], { section: "§6.3 dγ = Σ x̂⊙dout" });
    // test mode: (x − running mean)/√(running var + ε)
    expectAllClose(bn.forward(Matrix.fromArray([[2]]), false), [(2 * (2 - 0.2)) / Math.sqrt(0.1 + 1e-6) + 1], {
      section: "§6.3 BatchNorm test mode",
      atol: 1e-12,
    });
  });

  it("Dropout (book version): training keeps x or zeroes it, backward reuses the mask, test scales by 1 − ratio", () => {
    const d = new Dropout(0.5, new Rng(3));
    const x = Matrix.fromArray([[1, 2, 3, 4, 5, 6, 7, 8]]);
    const y = d.forward(x, true);
    const kept = Array.from(d.mask!);
    expect(kept.some((m) => m === 1) && kept.some((m) => m === 0)).toBe(true);
    expectAllClose(
      y,
      x.data.map((v, i) => v * kept[i]),
      { section: "§6.4.3 Dropout forward (no rescaling in training)" },
    );
    expectAllClose(
      d.backward(Matrix.filled(1, 8, 10)),
      kept.map((m) => 10 * m),
      { section: "§6.4.3 Dropout backward", mistake: "dropout backward must reuse the forward mask" },
    );
    expectAllClose(
      d.forward(x, false),
      x.data.map((v) => v * 0.5),
      { section: "§6.4.3 Dropout test output x·(1 − ratio)" },
    );
    const inv = new Dropout(0.5, new Rng(3), { inverted: true });
    expectAllClose(
      inv.forward(x, true),
      x.data.map((v, i) => v * kept[i] * 2),
      { section: "inverted dropout: kept ×1/(1 − ratio)" },
    );
    expectAllClose(inv.forward(x, false), x, { section: "inverted dropout: identity at test" });
  });
});
