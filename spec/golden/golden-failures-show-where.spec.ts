/**
 * A golden failure a person can see: one pixel planted in a baseline is reported with its count and
 * bounding box, outlined and zoomed in the side-by-side image, zoomable and flippable in the report,
 * and the hint tells "numbers changed" (the figure's usual mistake) from "numbers identical, pixels
 * changed" (the rendering environment or the renderer code, never the maths).
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import pngjs from "pngjs";
import { compareNumbers, comparePixels, goldenJson, goldenPng, isCI, pixelHint, pixelSummary, reportHtml, sideBySide, type ReportRow } from "../../tools/golden-lib.js";
import { renderEnvironment } from "../../src/render/canvas.js";

const { PNG } = pngjs;
const NAME = "fig6-08-path-momentum";
const AT = { x: 321, y: 123 };

function baseline(skip: (note: string) => void): { png: Buffer; data: unknown } | null {
  if (existsSync(goldenPng(NAME)) && existsSync(goldenJson(NAME))) return { png: readFileSync(goldenPng(NAME)), data: JSON.parse(readFileSync(goldenJson(NAME), "utf8")) };
  const msg = `golden/${NAME}.png/.json missing: npm run golden:update -- ${NAME}`;
  if (isCI()) expect.fail(msg);
  skip(msg);
  return null;
}

/** The baseline with the pixel at AT inverted: the smallest change a golden can fail on. */
function plantOnePixel(png: Buffer): Buffer {
  const img = PNG.sync.read(png);
  const i = (AT.y * img.width + AT.x) * 4;
  for (let k = 0; k < 3; k++) img.data[i + k] = 255 - img.data[i + k];
  return PNG.sync.write(img);
}

/** Pixels of exactly this colour in a PNG. */
function count(png: Buffer, [r, g, b]: [number, number, number]): number {
  const img = PNG.sync.read(png);
  let n = 0;
  for (let i = 0; i < img.data.length; i += 4) if (img.data[i] === r && img.data[i + 1] === g && img.data[i + 2] === b) n++;
  return n;
}

describe("a golden failure shows where the pixels differ", () => {
  it("one planted pixel is reported with its count and bounding box", (ctx) => {
    const g = baseline((n) => ctx.skip(n));
    if (!g) return;
    const c = comparePixels(plantOnePixel(g.png), g.png);
    expect(c.ok).toBe(false);
    expect(c.diffPixels).toBe(1);
    expect(c.box).toEqual({ x: AT.x, y: AT.y, width: 1, height: 1 });
    const line = pixelSummary(c);
    expect(line).toContain(`1 of ${c.total} pixels differ`);
    expect(line).toContain("box x 321, y 123 (1×1 px");
  });

  it("the side-by-side image outlines the region and adds a zoomed crop where one pixel is a visible square", (ctx) => {
    const g = baseline((n) => ctx.skip(n));
    if (!g) return;
    const actual = plantOnePixel(g.png);
    const c = comparePixels(actual, g.png);
    const plain = PNG.sync.read(sideBySide(g.png, actual, c.diffPng));
    const shown = sideBySide(g.png, actual, c.diffPng, c.box);
    const img = PNG.sync.read(shown);
    expect(img.height, "a row of zoomed crops below the full images").toBeGreaterThan(plain.height + 100);
    // The diff image paints a differing pixel pure red. AT is on the white background, so the zoomed crops hold no
    // red of the figure's own (its path markers are red): every red pixel they add is the planted pixel, zoomed.
    const added = count(shown, [255, 0, 0]) - count(sideBySide(g.png, actual, c.diffPng), [255, 0, 0]);
    expect(added, "the planted pixel, zoomed to a square of at least 8×8").toBeGreaterThanOrEqual(64);
    // The outline (#0050ff) appears only when a box is given.
    expect(count(shown, [0, 0x50, 0xff]), "the region is outlined").toBeGreaterThan(4 * 8);
    expect(count(sideBySide(g.png, actual, c.diffPng), [0, 0x50, 0xff])).toBe(0);
  });

  it("report.html zooms and flips expected/actual with no external assets, and points at the region", () => {
    const row: ReportRow = {
      name: NAME, title: "t", bookFigure: "Figure 6-8", status: "fail", numbers: "n", pixels: "1 of 2 pixels differ", deterministic: "d",
      images: { expected: `../golden/${NAME}.png`, actual: `${NAME}/actual.png`, diff: `${NAME}/diff.png` }, box: { x: AT.x, y: AT.y, width: 1, height: 1 }, ms: 1,
    };
    const html = reportHtml([row], "note", renderEnvironment(), "");
    expect(html).toContain('data-box="321,123,1,1"');
    expect(html).toContain(`data-actual="${NAME}/actual.png"`);
    expect(html).toContain('class="flip"');
    expect(html).toContain('id="viewer"');
    expect(html, "no external script, stylesheet or image").not.toMatch(/<script[^>]+src=|<link\b|(src|href)="(https?:)?\/\//);
    const script = /<script>([\s\S]*?)<\/script>/.exec(html);
    expect(script, "an inline script").not.toBeNull();
    expect(() => new Function(script![1]), "the inline script parses").not.toThrow();
  });
});

describe("the pixel hint tells a data change from a rendering change", () => {
  const mistake = "Momentum's sign flipped";

  it("numbers identical, pixels changed: the rendering environment or the renderer code, and no usual mistake", (ctx) => {
    const g = baseline((n) => ctx.skip(n));
    if (!g) return;
    const same = compareNumbers(structuredClone(g.data), g.data, 0);
    const hereSame = pixelHint(same, 1e-12, mistake, "");
    expect(hereSame).toContain("Numbers identical");
    expect(hereSame).toContain("renderer code");
    expect(hereSame).not.toContain(mistake);
    const elsewhere = pixelHint(same, 1e-12, mistake, "cairo: 1.16.0 (goldens) → 1.18.0 (here)");
    expect(elsewhere).toContain("rendering environment differs");
    expect(elsewhere).toContain("cairo: 1.16.0 (goldens) → 1.18.0 (here)");
    expect(elsewhere).not.toContain(mistake);
    expect(pixelHint(null, 1e-12, mistake, ""), "a slow figure draws the golden's own numbers").toContain("Numbers identical");
  });

  it("numbers changed: the hint names the figure's usual mistake and where the numbers first differ", (ctx) => {
    const g = baseline((n) => ctx.skip(n));
    if (!g) return;
    const moved = structuredClone(g.data) as { paths: { path: number[][] }[] };
    moved.paths[0].path[3][1] += 0.5;
    const hint = pixelHint(compareNumbers(moved, g.data, 0), 1e-12, mistake, "");
    expect(hint).toContain("Numbers changed");
    expect(hint).toContain(`Usual mistake: ${mistake}`);
    expect(hint).toContain("paths[0].path[3][1]");
    const tiny = structuredClone(g.data) as { paths: { path: number[][] }[] };
    tiny.paths[0].path[3][1] += 1e-14;
    expect(pixelHint(compareNumbers(tiny, g.data, 0), 1e-12, mistake, ""), "within atol is not a data change").not.toContain(mistake);
  });
});
