import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Matrix } from "../../src/base/matrix.js";
import {
  AdaGrad,
  Adam,
  Momentum,
  Nesterov,
  RMSprop,
  SGD,
  createOptimizer,
  type Optimizer,
} from "../../src/optimizer.js";
import { optimizerPath } from "../../src/experiments/optimizer-paths.js";
import { expectAllClose } from "../helpers.js";

// Every hand-worked case: W = [1, −2], the same gradient g = [0.5, −1] on both steps.
function twoSteps(opt: Optimizer): number[][] {
  const params = { W: Matrix.fromArray([[1, -2]]) };
  const grads = { W: Matrix.fromArray([[0.5, -1]]) };
  opt.update(params, grads);
  const first = Array.from(params.W.data);
  opt.update(params, grads);
  return [first, Array.from(params.W.data)];
}

describe("two hand-worked steps of each optimizer (§6.1)", () => {
  it("SGD: W ← W − lr·g", () => {
    // lr 0.1: step 1 [1 − 0.05, −2 + 0.1] = [0.95, −1.9]; step 2 [0.9, −1.8]
    const [s1, s2] = twoSteps(new SGD({ lr: 0.1 }));
    expectAllClose(s1!, [0.95, -1.9], { section: "§6.1.2 SGD step 1", atol: 1e-15 });
    expectAllClose(s2!, [0.9, -1.8], { section: "§6.1.2 SGD step 2", atol: 1e-15 });
  });

  it("Momentum: v ← αv − lr·g; W ← W + v", () => {
    // lr 0.1, α 0.9: v1 = [−0.05, 0.1], W1 = [0.95, −1.9]
    // v2 = 0.9·v1 − 0.1·g = [−0.095, 0.19], W2 = [0.855, −1.71]
    const opt = new Momentum({ lr: 0.1, momentum: 0.9 });
    const [s1, s2] = twoSteps(opt);
    expectAllClose(s1!, [0.95, -1.9], {
      section: "§6.1.4 Momentum step 1",
      atol: 1e-15,
      mistake: "v ← αv + lr·g (wrong sign)",
    });
    expectAllClose(s2!, [0.855, -1.71], {
      section: "§6.1.4 Momentum step 2",
      atol: 1e-15,
      mistake: "v ← αv + lr·g (wrong sign) or v without the α decay",
    });
    expectAllClose(opt.v!.W!, [-0.095, 0.19], { section: "§6.1.4 Momentum v", atol: 1e-15 });
  });

  it("Nesterov: W ← W + α²v − (1+α)·lr·g, then v ← αv − lr·g", () => {
    // lr 0.1, α 0.9. Step 1 (v = 0): W1 = W − 0.19·g = [0.905, −1.81]; v1 = [−0.05, 0.1]
    // Step 2: W + 0.81·v1 = [0.8645, −1.729]; − 0.19·g = [0.7695, −1.539]; v2 = [−0.095, 0.19]
    const opt = new Nesterov({ lr: 0.1, momentum: 0.9 });
    const [s1, s2] = twoSteps(opt);
    expectAllClose(s1!, [0.905, -1.81], { section: "Nesterov step 1", atol: 1e-15 });
    expectAllClose(s2!, [0.7695, -1.539], {
      section: "Nesterov step 2",
      atol: 1e-15,
      mistake: "Nesterov written as plain momentum",
    });
  });

  it("AdaGrad: h ← h + g², W ← W − lr·g/(√h + 1e-7)", () => {
    // lr 0.1. h1 = [0.25, 1]: W1 = [1 − 0.05/(0.5 + 1e-7), −2 + 0.1/(1 + 1e-7)]
    // h2 = [0.5, 2]:        W2 = W1 − [0.05/(√0.5 + 1e-7), −0.1/(√2 + 1e-7)]
    const [s1, s2] = twoSteps(new AdaGrad({ lr: 0.1 }));
    const w1 = [1 - 0.05 / (0.5 + 1e-7), -2 + 0.1 / (1 + 1e-7)];
    expectAllClose(s1!, w1, { section: "§6.1.5 AdaGrad step 1", atol: 1e-15 });
    expectAllClose(s2!, [w1[0] - 0.05 / (Math.sqrt(0.5) + 1e-7), w1[1] + 0.1 / (Math.sqrt(2) + 1e-7)], {
      section: "§6.1.5 AdaGrad step 2",
      atol: 1e-15,
      mistake: "ε inside the square root, or h not accumulating g²",
    });
  });

  it("RMSprop: h ← ρh + (1−ρ)g², W ← W − lr·g/(√h + 1e-7)", () => {
    // lr 0.1, ρ 0.99. h1 = 0.01·g² = [0.0025, 0.01]: W1 = [1 − 0.05/(0.05 + 1e-7), −2 + 0.1/(0.1 + 1e-7)] ≈ [2e-6, −1.000001]
    // h2 = 0.99·h1 + 0.01·g² = [0.004975, 0.0199]
    const [s1, s2] = twoSteps(new RMSprop({ lr: 0.1 }));
    const w1 = [1 - 0.05 / (0.05 + 1e-7), -2 + 0.1 / (0.1 + 1e-7)];
    expectAllClose(s1!, w1, { section: "RMSprop step 1", atol: 1e-15 });
    expectAllClose(s2!, [w1[0] - 0.05 / (Math.sqrt(0.004975) + 1e-7), w1[1] + 0.1 / (Math.sqrt(0.0199) + 1e-7)], {
      section: "RMSprop step 2",
      atol: 1e-14,
      mistake: "h accumulated like AdaGrad instead of decayed by ρ",
    });
  });

  it("Adam: bias correction folded into lr_t, so the first step is ≈ lr·sign(g)", () => {
    // lr 0.1, β1 0.9, β2 0.999. t = 1: lr_t = 0.1·√0.001/0.1 = √0.001; m = 0.1·g; v = 0.001·g²
    //   step = √0.001·0.1·|g| / (√0.001·|g| + 1e-7) ≈ 0.1 (less by ~1e-7·0.1/(√0.001·|g|))
    // t = 2: lr_t = 0.1·√(1 − 0.999²)/(1 − 0.81); m = 0.19·g; v = 0.001999·g²
    const [s1, s2] = twoSteps(new Adam({ lr: 0.1 }));
    const a1 = (g: number) => (Math.sqrt(0.001) * 0.1 * g) / (Math.sqrt(0.001 * g * g) + 1e-7);
    const w1 = [1 - a1(0.5), -2 - a1(-1)];
    expectAllClose(s1!, w1, { section: "§6.1.6 Adam step 1", atol: 1e-15 });
    expect(Math.abs(1 - s1![0])).toBeLessThan(0.1);
    expect(Math.abs(1 - s1![0])).toBeGreaterThan(0.0999);
    const lr2 = (0.1 * Math.sqrt(1 - 0.999 ** 2)) / (1 - 0.9 ** 2);
    const a2 = (g: number) => (lr2 * 0.19 * g) / (Math.sqrt(0.001999 * g * g) + 1e-7);
    expectAllClose(s2!, [w1[0] - a2(0.5), w1[1] - a2(-1)], {
      section: "§6.1.6 Adam step 2",
      atol: 1e-14,
      mistake: "Adam without bias correction, or β1/β2 swapped",
    });
  });

  it("state is created on the first update with the params' keys and shapes, and is public", () => {
    const opt = new Adam();
    expect(opt.m).toBeNull();
    opt.update({ W: Matrix.zeros(2, 3), b: Matrix.zeros(1, 3) }, { W: Matrix.zeros(2, 3), b: Matrix.zeros(1, 3) });
    expect(Object.keys(opt.m!)).toEqual(["W", "b"]);
    expect([opt.v!.W!.rows, opt.v!.W!.cols]).toEqual([2, 3]);
    expect(opt.iter).toBe(1);
  });

  it("the book's defaults: lr 0.01 (Adam 0.001), momentum 0.9, decay 0.99, β 0.9/0.999", () => {
    expect(new SGD().lr).toBe(0.01);
    expect(new Momentum().momentum).toBe(0.9);
    expect(new Nesterov().momentum).toBe(0.9);
    expect(new AdaGrad().lr).toBe(0.01);
    expect(new RMSprop().decayRate).toBe(0.99);
    const adam = new Adam();
    expect([adam.lr, adam.beta1, adam.beta2]).toEqual([0.001, 0.9, 0.999]);
    expect(createOptimizer("ADAM").name).toBe("Adam");
  });
});

describe("Figure 6-8: the book code's exact optimizer paths (book-fixtures/optimizer_paths.json)", () => {
  const fixture = JSON.parse(
    readFileSync(new URL("../../conformance/fixtures/book-optimizer-paths.json", import.meta.url), "utf8"),
  ) as {
    paths: Record<string, [number, number][]>;
  };
  const cases: [string, string, number][] = [
    ["SGD(lr=0.95)", "sgd", 0.95],
    ["Momentum(lr=0.1)", "momentum", 0.1],
    ["AdaGrad(lr=1.5)", "adagrad", 1.5],
    ["Adam(lr=0.3)", "adam", 0.3],
  ];
  for (const [key, name, lr] of cases) {
    it(`${key} reproduces all 31 points to 1e-12`, () => {
      const expected = fixture.paths[key];
      const path = optimizerPath(createOptimizer(name, { lr }), 30);
      expectAllClose(path.flat(), expected.flat(), {
        section: `§6.1.7 Figure 6-8 ${key}`,
        atol: 1e-12,
        what: "path (x0, y0, x1, y1, …)",
        mistake: "update order or constants differ from the book's optimizer.py",
      });
    });
  }
});
