/**
 * The baselines themselves: nothing in golden/ without a figure, names usable as files, the
 * recorded environment matching the shipped font, and the baseline numbers agreeing with sources
 * other than our code: the book's own coordinates for Figure 6-8, and what probability theory
 * says the histograms must show (so a baseline made from a wrong implementation is caught here,
 * not blessed).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIGURES, NAME_PATTERN } from "../../src/figures/index.js";
import type { PathFigureData } from "../../src/figures/optimizer-paths.js";
import type { ActivationHistograms } from "../../src/experiments/activation-histograms.js";
import { FONT_FILE } from "../../src/render/canvas.js";
import { expectAllClose } from "../helpers.js";
import { ENVIRONMENT_FILE, ROOT, goldenJson, isCI, unusedGoldens } from "../../tools/golden-lib.js";

const readGolden = <T>(name: string): T | null => (existsSync(goldenJson(name)) ? (JSON.parse(readFileSync(goldenJson(name), "utf8")) as T) : null);

/** Skips (or, under CI, fails) when a baseline is missing: the golden suite reports how to make it. */
function needGolden<T>(name: string, skip: (note: string) => void): T | null {
  const g = readGolden<T>(name);
  if (g === null) {
    const msg = `golden/${name}.json is missing: npm run golden:update -- ${name}`;
    if (isCI()) expect.fail(msg);
    skip(msg);
  }
  return g;
}

describe("the golden folder", () => {
  it("holds no baseline that no registered figure uses", () => {
    const unused = unusedGoldens(FIGURES.map((f) => f.name));
    expect(unused, `golden files without a registered figure (a renamed or removed figure?): ${unused.map((f) => `golden/${f}`).join(", ")}; delete them or register the figure in src/figures/index.ts`).toEqual([]);
  });

  it("figure names are unique and usable as file names", () => {
    const names = FIGURES.map((f) => f.name);
    const dup = names.filter((n, i) => names.indexOf(n) !== i);
    expect(dup, `duplicate figure names in src/figures/index.ts: ${dup.join(", ")}`).toEqual([]);
    const bad = names.filter((n) => !NAME_PATTERN.test(n));
    expect(bad, `figure names must match ${NAME_PATTERN}: ${bad.join(", ")}`).toEqual([]);
  });

  it("ENVIRONMENT.json records the font file that is shipped", (ctx) => {
    if (!existsSync(ENVIRONMENT_FILE)) {
      if (isCI()) expect.fail("golden/ENVIRONMENT.json is missing: npm run golden:update writes it");
      return ctx.skip("no golden/ENVIRONMENT.json yet");
    }
    const env = JSON.parse(readFileSync(ENVIRONMENT_FILE, "utf8")) as Record<string, string>;
    for (const k of ["canvas", "cairo", "pango", "freetype", "fontFile", "fontSha256"]) expect(env[k], `golden/ENVIRONMENT.json lacks "${k}"`).toBeTypeOf("string");
    const sha = createHash("sha256").update(readFileSync(FONT_FILE)).digest("hex");
    expect(env.fontSha256, `the shipped font ${env.fontFile} changed since the goldens were made (sha256 ${sha} here): every text pixel may move; re-baseline with npm run golden:update and look at the PNGs`).toBe(sha);
    expect(existsSync(join(ROOT, env.fontFile!)), `golden/ENVIRONMENT.json names ${env.fontFile}, which does not exist`).toBe(true);
  });
});

describe("Figure 6-8 baselines hold the book's own coordinates (conformance/fixtures/book-optimizer-paths.json)", () => {
  const book = JSON.parse(readFileSync(join(ROOT, "conformance/fixtures/book-optimizer-paths.json"), "utf8")) as { paths: Record<string, [number, number][]> };
  const bookPath = (name: string) => Object.entries(book.paths).find(([k]) => k.startsWith(`${name}(`))![1];

  for (const name of ["SGD", "Momentum", "AdaGrad", "Adam"]) {
    it(`${name}: the 30 plotted positions, within 1e-12`, (ctx) => {
      for (const fig of ["fig6-08-optimizer-paths", `fig6-08-path-${name.toLowerCase()}`]) {
        const g = needGolden<PathFigureData>(fig, (n) => ctx.skip(n));
        if (!g) return;
        const p = g.paths.find((q) => q.name === name)!;
        expect(p.path, `golden/${fig}.json: ${name} should have the 30 positions the book plots`).toHaveLength(30);
        expectAllClose(p.path, bookPath(name).slice(0, 30), {
          section: `§6.1.7 Figure 6-8, golden/${fig}.json`, what: `${name} path`, atol: 1e-12,
          mistake: "the baseline was made from a wrong optimizer: fix the optimizer, then npm run golden:update",
        });
      }
    });
  }
});

describe("the histogram baselines show what the book describes (§6.2.2–6.2.3)", () => {
  /** Fraction of a layer's 100,000 activations in bins [from, to). */
  const share = (h: ActivationHistograms, layer: number, from: number, to: number) =>
    h.counts[layer].slice(from, to).reduce((s, c) => s + c, 0) / (h.samples * h.nodeNum);

  it("sigmoid, std 1: the first bin of layer 1 holds ≈ 36,800 (the book: ≈ 35,000), the last about as many", (ctx) => {
    const h = needGolden<ActivationHistograms>("fig6-10-hist-sigmoid-std1", (n) => ctx.skip(n));
    if (!h) return;
    // a = x·W ~ N(0, 100) in layer 1; σ(a) < 1/30 ⇔ a < −ln 29, so P = Φ(−ln(29)/10) = Φ(−0.3367) = 0.3682:
    // 36,820 of 100,000. Each column's ‖W_j‖² varies by ~14%, which moves the count by a few hundred.
    const first = h.counts[0][0], last = h.counts[0][29];
    expect(Math.abs(first - 36820), `first bin of layer 1: ${first}, theory 36,820 (book: ≈ 35,000); seed ${h.seed}`).toBeLessThan(1500);
    expect(Math.abs(last - 36820), `last bin of layer 1: ${last}, theory 36,820 (σ is symmetric about 0.5); seed ${h.seed}`).toBeLessThan(1500);
    for (let l = 0; l < 5; l++)
      expect(share(h, l, 0, 1) + share(h, l, 29, 30), `layer ${l + 1}: activations piled at 0 and 1 (gradient vanishing)`).toBeGreaterThan(0.5);
  });

  it("sigmoid, std 0.01: every layer sits at 0.5", (ctx) => {
    const h = needGolden<ActivationHistograms>("fig6-11-hist-sigmoid-std0.01", (n) => ctx.skip(n));
    if (!h) return;
    // Layer 1: a ~ N(0, 0.1²), σ(a) ≈ 0.5 + a/4 ∈ 0.5 ± 0.1 (4 sd); later layers are narrower still.
    for (let l = 0; l < 5; l++) expect(share(h, l, 12, 18), `layer ${l + 1}: share in [0.4, 0.6)`).toBeGreaterThan(0.999);
  });

  it("tanh, Xavier: deeper layers form a bell centred on 0", (ctx) => {
    const h = needGolden<ActivationHistograms>("fig6-13-hist-tanh-xavier", (n) => ctx.skip(n));
    if (!h) return;
    expect(h.range, "tanh is counted over [−1, 1]").toEqual([-1, 1]);
    const c = h.counts[4];
    const peak = c.indexOf(Math.max(...c));
    expect(peak, `layer 5 peak bin ${peak}: should be at the centre (bins 14–15 hold 0)`).toBeGreaterThanOrEqual(13);
    expect(peak).toBeLessThanOrEqual(16);
    expect(share(h, 4, 0, 15) / share(h, 4, 15, 30), "layer 5: as much below 0 as above").toBeCloseTo(1, 1);
    expect(share(h, 4, 0, 3) + share(h, 4, 27, 30), "layer 5: almost nothing near ±1").toBeLessThan(0.01);
  });

  it("ReLU: std 0.01 collapses to 0, Xavier drifts towards 0 with depth, He stays spread in every layer", (ctx) => {
    const small = needGolden<ActivationHistograms>("fig6-14-hist-relu-std0.01", (n) => ctx.skip(n));
    const xavier = needGolden<ActivationHistograms>("fig6-14-hist-relu-xavier", (n) => ctx.skip(n));
    const he = needGolden<ActivationHistograms>("fig6-14-hist-relu-he", (n) => ctx.skip(n));
    if (!small || !xavier || !he) return;
    for (let l = 1; l < 5; l++) expect(share(small, l, 0, 1), `std 0.01, layer ${l + 1}: (almost) everything below 1/30`).toBeGreaterThan(0.9999);
    // Activations above 1 (not counted, kept in `ignored`) measure each layer's scale. He keeps Var(a) at 2 in
    // every layer (n·(2/n)·E[z²], E[z²] = Var(a)/2): P(a > 1) = P(N > 1/√2) = 0.24 throughout. Xavier halves
    // Var(a) per layer from 1: P(a > 1) = P(N > 2^(l/2)) = 0.159, 0.079, 0.023, 0.0023, 0.00003.
    const above = (h: ActivationHistograms) => h.ignored.map((n) => n / (h.samples * h.nodeNum));
    const x = above(xavier), hh = above(he);
    expect(Math.abs(x[0] - 0.159), `Xavier layer 1: share above 1 is ${x[0]}, theory 0.159`).toBeLessThan(0.016);
    for (let l = 1; l < 5; l++) expect(x[l], `Xavier: layer ${l + 1} narrower than layer ${l} (shares above 1: ${x.join(", ")})`).toBeLessThan(x[l - 1] * 0.6);
    expect(x[4], "Xavier layer 5: almost nothing above 1").toBeLessThan(0.001);
    for (let l = 0; l < 5; l++)
      expect(Math.abs(hh[l] - 0.24), `He layer ${l + 1}: share above 1 is ${hh[l]}, theory 0.24 in every layer`).toBeLessThan(0.07);
  });
});
