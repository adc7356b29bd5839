/**
 * The golden comparison has teeth: figures drawn from slightly wrong code fail it, numbers and
 * pixels, and the failure is asserted (not just printed). Also that the pixel comparison is tight:
 * the optimizer path moved by a quarter pixel, or one histogram bar a pixel taller, fails it.
 *
 * The broken optimizers are subclasses made here; src/optimizer.ts is not touched.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { activationHistograms } from "../../src/experiments/activation-histograms.js";
import { optimizerPath, optimizerPaths } from "../../src/experiments/optimizer-paths.js";
import { figureByName } from "../../src/figures/index.js";
import { pathFigureData, type PathFigureData } from "../../src/figures/optimizer-paths.js";
import { Matrix } from "../../src/base/matrix.js";
import { AdaGrad, Momentum, type Params } from "../../src/optimizer.js";
import { PIXEL_BUDGET, asJson, compareNumbers, comparePixels, goldenJson, goldenPng, isCI } from "../../tools/golden-lib.js";

/** AdaGrad with the usual slip: ε inside the square root, W ← W − lr·g/√(h + 1e-7). */
class AdaGradEpsInsideSqrt extends AdaGrad {
  override update(params: Params, grads: Params): void {
    this.h ??= Object.fromEntries(Object.entries(params).map(([k, p]) => [k, new Matrix(p.rows, p.cols)]));
    for (const key of Object.keys(params)) {
      const W = params[key].data, g = grads[key].data, h = this.h[key].data;
      for (let i = 0; i < W.length; i++) {
        h[i] = h[i] + g[i] * g[i];
        W[i] = W[i] - (this.lr * g[i]) / Math.sqrt(h[i] + 1e-7);
      }
    }
  }
}

interface Golden {
  data: unknown;
  png: Buffer;
}

function golden(name: string, skip: (note: string) => void): Golden | null {
  if (!existsSync(goldenPng(name)) || !existsSync(goldenJson(name))) {
    const msg = `golden/${name}.png/.json missing: npm run golden:update -- ${name}`;
    if (isCI()) expect.fail(msg);
    skip(msg);
    return null;
  }
  return { data: JSON.parse(readFileSync(goldenJson(name), "utf8")), png: readFileSync(goldenPng(name)) };
}

/** Compares wrong data (and its picture, drawn by the figure's own renderer) with the figure's baseline. */
function against(name: string, g: Golden, wrongData: unknown) {
  const fig = figureByName(name);
  const data = asJson(wrongData);
  return { numbers: compareNumbers(data, g.data, fig.atol), pixels: comparePixels(fig.render(data), g.png, PIXEL_BUDGET, false) };
}

const momentumPath = (momentum: number) => optimizerPath(new Momentum({ lr: 0.1, momentum }), 30);

describe("a wrong optimizer fails the Figure 6-8 goldens", () => {
  it("Momentum with α = 0.8 instead of 0.9: numbers and pixels fail (single panel and 2×2)", (ctx) => {
    const g = golden("fig6-08-path-momentum", (n) => ctx.skip(n));
    const grid = golden("fig6-08-optimizer-paths", (n) => ctx.skip(n));
    if (!g || !grid) return;
    const wrong = pathFigureData([{ name: "Momentum", lr: 0.1, path: momentumPath(0.8) }]);
    const single = against("fig6-08-path-momentum", g, wrong);
    expect(single.numbers.ok, "α 0.8 should change the Momentum path beyond 1e-12").toBe(false);
    expect(single.numbers.first!.where).toMatch(/^paths\[0\]\.path\[\d+\]\[[01]\]$/);
    expect(single.numbers.maxDiff, "α 0.8 moves the path visibly (more than 0.1 in x or y)").toBeGreaterThan(0.1);
    expect(single.pixels.ok, `α 0.8: ${single.pixels.diffPixels} differing pixels should exceed the budget ${PIXEL_BUDGET}`).toBe(false);
    expect(single.pixels.diffPixels, "α 0.8 moves most markers: thousands of pixels").toBeGreaterThan(1000);

    const paths = optimizerPaths(30).filter((p) => ["SGD", "Momentum", "AdaGrad", "Adam"].includes(p.name));
    const wrongGrid = pathFigureData(paths.map((p) => (p.name === "Momentum" ? { ...p, path: momentumPath(0.8) } : p)));
    const both = against("fig6-08-optimizer-paths", grid, wrongGrid);
    expect(both.numbers.ok).toBe(false);
    expect(both.numbers.first!.where, "the first difference is in the Momentum path (index 1)").toMatch(/^paths\[1\]\./);
    expect(both.pixels.ok, `2×2 with α 0.8: ${both.pixels.diffPixels} differing pixels`).toBe(false);
  });

  it("AdaGrad with ε inside the square root: the numbers fail; the pixels cannot see it, which is why numbers come first", (ctx) => {
    const g = golden("fig6-08-path-adagrad", (n) => ctx.skip(n));
    if (!g) return;
    const wrong = pathFigureData([{ name: "AdaGrad", lr: 1.5, path: optimizerPath(new AdaGradEpsInsideSqrt({ lr: 1.5 }), 30) }]);
    const r = against("fig6-08-path-adagrad", g, wrong);
    expect(r.numbers.ok, "√(h + 1e-7) instead of √h + 1e-7 should move the path beyond 1e-12").toBe(false);
    // h ≥ 0.49 from the first step, so the slip changes each step by ~1e-7 relative: about a
    // millionth of a unit over the path, where one pixel is ~0.036 units. No pixel comparison
    // can see that; the numbers comparison (1e-12) does.
    expect(r.numbers.maxDiff).toBeLessThan(1e-4);
    expect(r.pixels.diffPixels, "an invisible change should leave the pixels alone").toBeLessThanOrEqual(PIXEL_BUDGET);
  });

  it("the Momentum path moved by a quarter pixel (0.0092 in x) fails the pixel comparison", (ctx) => {
    const g = golden("fig6-08-path-momentum", (n) => ctx.skip(n));
    if (!g) return;
    const d = g.data as PathFigureData;
    // The axes span 20 units of x over 544 px (640 − 72 − 24): a quarter pixel is 5/544 ≈ 0.0092.
    const shifted = { ...d, paths: d.paths.map((p) => ({ ...p, path: p.path.map(([x, y]) => [x + 5 / 544, y] as [number, number]) })) };
    const r = against("fig6-08-path-momentum", g, shifted);
    expect(r.numbers.ok).toBe(false);
    expect(r.pixels.ok, `a quarter-pixel shift gave ${r.pixels.diffPixels} differing pixels, within the budget ${PIXEL_BUDGET}`).toBe(false);
  });
});

describe("a wrong initialiser fails the Figure 6-14 goldens", () => {
  it("one histogram bar a pixel taller (+200 of 100,000 in one bin) fails the pixel comparison", (ctx) => {
    const g = golden("fig6-10-hist-sigmoid-std1", (n) => ctx.skip(n));
    if (!g) return;
    // 200 px of axes for 0 … 1.05 × 36,755: one pixel is ~193 counts. Layer 3, bin 15 is far below the tallest bar.
    const d = structuredClone(g.data) as { counts: number[][] };
    d.counts[2][15] += 200;
    const r = against("fig6-10-hist-sigmoid-std1", g, d);
    expect(r.numbers.ok).toBe(false);
    expect(r.numbers.first!.where).toBe("counts[2][15]");
    expect(r.pixels.diffPixels, "a bar one pixel taller: one bar's width of pixels").toBeGreaterThan(0);
    expect(r.pixels.ok, `a one-pixel bar change gave ${r.pixels.diffPixels} differing pixels, within the budget ${PIXEL_BUDGET}`).toBe(false);
  });

  it("Xavier where He is expected: bin counts and pixels fail", (ctx) => {
    const g = golden("fig6-14-hist-relu-he", (n) => ctx.skip(n));
    if (!g) return;
    const r = against("fig6-14-hist-relu-he", g, activationHistograms({ activation: "relu", weightInitStd: "xavier" }));
    expect(r.numbers.ok, "Xavier's weights should change the counts").toBe(false);
    expect(r.numbers.first!.where, "the first difference is a setting or a count").toMatch(/^(weightInitStd|std|counts\[)/);
    expect(r.pixels.ok, `Xavier for He: ${r.pixels.diffPixels} differing pixels should exceed the budget ${PIXEL_BUDGET}`).toBe(false);
    expect(r.pixels.diffPixels, "Xavier for He reshapes every panel: thousands of pixels").toBeGreaterThan(1000);
  });

  it("He written as std 2/√n (the study notes' slip) instead of √(2/n): counts and pixels fail", (ctx) => {
    const g = golden("fig6-14-hist-relu-he", (n) => ctx.skip(n));
    if (!g) return;
    const expected = g.data as { weightInitStd: unknown; std: number };
    // Same everything but the std: keep the recorded name so only the numbers that matter differ.
    const wrong = { ...activationHistograms({ activation: "relu", weightInitStd: 2 / Math.sqrt(100) }), weightInitStd: expected.weightInitStd };
    const r = against("fig6-14-hist-relu-he", g, wrong);
    expect(r.numbers.ok).toBe(false);
    expect(r.numbers.first!.where, "std 0.2 instead of 0.1414…").toBe("std");
    expect(r.numbers.mismatches, "and the counts differ too").toBeGreaterThan(100);
    expect(r.pixels.ok, `He as 2/√n: ${r.pixels.diffPixels} differing pixels`).toBe(false);
  });
});
