/**
 * The plotting layer's pure parts against hand-worked values: ticks and labels as matplotlib
 * picks them, contour lines by marching squares, polyline simplification; then the canvas parts:
 * the shipped font and nothing else, PNGs without time or text chunks, and bad input named.
 */
import { describe, expect, it } from "vitest";
import { Axes } from "../../src/render/axes.js";
import { simplify } from "../../src/base/simplify.js";
import { FONT_FAMILY, canvasLib, encodePng, newCanvas } from "../../src/render/canvas.js";
import { arange, autoLevels, contourLines, sampleGrid } from "../../src/experiments/contour.js";
import { Figure } from "../../src/render/figure.js";
import { viridis } from "../../src/render/style.js";
import { formatTicks, niceTicks } from "../../src/render/ticks.js";
import { expectThrowsWith } from "../helpers.js";

describe("ticks: steps of 1, 2, 2.5, 5 × 10^k, at most maxBins intervals (matplotlib's MaxNLocator)", () => {
  it("picks the book figures' ticks", () => {
    // Figure 6-8 alone: ±10 over ~544 px → 9 bins → step 2.5; in the 2×2 grid ~6 bins → step 5.
    expect(niceTicks(-10, 10, 9)).toEqual([-10, -7.5, -5, -2.5, 0, 2.5, 5, 7.5, 10]);
    expect(niceTicks(-10, 10, 6)).toEqual([-10, -5, 0, 5, 10]);
    // A histogram panel: [−0.05, 1.05] with 3 bins → step 0.5 (ticks outside the limits are dropped).
    expect(niceTicks(-0.05, 1.05, 3)).toEqual([0, 0.5, 1]);
    expect(niceTicks(0, 7000, 7)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000]);
    expect(niceTicks(0, 7000, 6)).toEqual([0, 2000, 4000, 6000]);
    // Multiples of 0.1 come out as the decimal numbers, not 0.30000000000000004.
    expect(niceTicks(0, 1, 10)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });

  it("labels share one number of decimals and use the minus sign U+2212", () => {
    expect(formatTicks([-10, -7.5, 0, 7.5])).toEqual(["\u221210.0", "\u22127.5", "0.0", "7.5"]);
    expect(formatTicks([0, 5000, 10000])).toEqual(["0", "5000", "10000"]);
    expect(formatTicks([0, 0.25, 0.5])).toEqual(["0.00", "0.25", "0.50"]);
  });

  it("rejects an empty or reversed range, naming the argument", () => {
    expectThrowsWith(() => niceTicks(1, 1, 5), "tickStep", "'hi'", "received 1");
    expectThrowsWith(() => niceTicks(0, 1, 0), "'maxBins'", "an integer ≥ 1");
  });
});

describe("contour lines by marching squares", () => {
  it("the circle x² + y² = 1 is one closed line, every point on it to within the grid's interpolation error", () => {
    const field = sampleGrid((x, y) => x * x + y * y, -2, 2.01, -2, 2.01, 0.05);
    const lines = contourLines(field, 1);
    expect(lines, "one contour at level 1").toHaveLength(1);
    const l = lines[0];
    expect([l[0], l[1]], "closed: the last point repeats the first").toEqual([l[l.length - 2], l[l.length - 1]]);
    // Linear interpolation of r² along an edge of 0.05 is off by at most h²/4 = 0.000625 in r².
    for (let k = 0; k < l.length; k += 2) expect(Math.abs(Math.hypot(l[k], l[k + 1]) - 1)).toBeLessThan(0.0007);
    // 2πr / 0.05 ≈ 126 cells around, each crossed once or twice: between 126 and 2·126 + 1 points.
    expect(l.length / 2).toBeGreaterThan(126);
    expect(l.length / 2).toBeLessThan(254);
  });

  it("a line leaving the grid is an open chain from border to border", () => {
    // z = x: the level 0.25 is the vertical line x = 0.25, from the bottom edge to the top one.
    const field = sampleGrid((x) => x, 0, 1.01, 0, 1.01, 0.1);
    const lines = contourLines(field, 0.25);
    expect(lines).toHaveLength(1);
    const l = lines[0];
    for (let k = 0; k < l.length; k += 2) expect(l[k]).toBeCloseTo(0.25, 12);
    expect([l[1], l[l.length - 1]].sort()).toEqual([0, 1]);
  });

  it("a saddle cell is resolved by its centre value: the corners on the far side of the centre are cut off alone", () => {
    // One cell of z = x·y: corners (−1,−1) and (1,1) hold 1, the others −1, the centre 0.
    const field = { x: [-1, 1], y: [-1, 1], z: [1, -1, -1, 1] };
    const ends = (level: number) =>
      contourLines(field, level)
        .map((l) =>
          [
            [l[0], l[1]],
            [l[2], l[3]],
          ]
            .map((p) => p.join(","))
            .sort()
            .join(" "),
        )
        .sort();
    // Level 0.5 is above the centre: the corners above it, (−1,−1) and (1,1), are cut off on their own.
    expect(ends(0.5)).toEqual(["-0.5,-1 -1,-0.5", "0.5,1 1,0.5"]);
    // Level −0.5 is below the centre: now the corners below it, (1,−1) and (−1,1), are cut off.
    expect(ends(-0.5)).toEqual(["-0.5,1 -1,0.5", "0.5,-1 1,-0.5"]);
  });

  it("Figure 6-8's grid gets matplotlib's automatic levels 1 … 6 (values above 7 set to 0 as in the book)", () => {
    const field = sampleGrid(
      (x, y) => {
        const v = x ** 2 / 20 + y ** 2;
        return v > 7 ? 0 : v;
      },
      -10,
      10,
      -5,
      5,
      0.1,
    );
    expect(autoLevels(field.z)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("arange follows NumPy: stop excluded, ceil((stop − start)/step) values", () => {
    expect(Array.from(arange(-10, 10, 0.01)).length).toBe(2000);
    expect(Array.from(arange(0, 1, 0.25))).toEqual([0, 0.25, 0.5, 0.75]);
    expectThrowsWith(() => arange(0, 1, 0), "arange", "'step'", "a number > 0");
  });

  it("rejects a field whose z does not fit its grid", () => {
    expectThrowsWith(
      () => contourLines({ x: [0, 1], y: [0, 1], z: [0, 1, 2] }, 0.5),
      "field.z",
      "4 values",
      "received 3",
    );
  });
});

describe("drawing", () => {
  it("simplification keeps the ends of a straight run and every real corner", () => {
    const X = Array.from({ length: 100 }, (_, k) => k),
      Y = X.map((x) => (x < 50 ? 0 : x - 50));
    const keep = simplify(X, Y, 1 / 9);
    expect([...keep.keys()].filter((k) => keep[k])).toEqual([0, 50, 99]);
  });

  it("text is drawn with the shipped DejaVu Sans only: every family falls back to it", () => {
    const ctx = newCanvas(10, 10).getContext("2d");
    const width = (family: string) => {
      ctx.font = `20px ${family}`;
      return ctx.measureText("Hello world 123").width;
    };
    const ours = width(`"${FONT_FAMILY}"`);
    // DejaVu Sans 2.37's advance widths at 20 px; a missing font would draw boxes of another width.
    expect(ours).toBeCloseTo(156.65, 2);
    for (const other of ["serif", "monospace", '"DejaVu Serif"', '"Liberation Sans"'])
      expect(width(other), `${other} must resolve to the shipped font`).toBe(ours);
  });

  it("PNGs carry pixels only: no time, text or resolution chunks, and equal drawings give equal bytes", () => {
    const draw = () => {
      const fig = new Figure(200, 150);
      fig
        .addAxes({ x: 40, y: 20, w: 140, h: 100 })
        .plot([0, 1, 2], [1, 0, 2], { marker: "o", label: "a" })
        .setTitle("t")
        .legend();
      return fig.toPng();
    };
    const a = draw(),
      b = draw();
    expect(a.equals(b)).toBe(true);
    const chunks: string[] = [];
    for (let i = 8; i < a.length;) {
      const n = a.readUInt32BE(i);
      chunks.push(a.toString("latin1", i + 4, i + 8));
      i += 12 + n;
    }
    expect(new Set(chunks)).toEqual(new Set(["IHDR", "bKGD", "IDAT", "IEND"]));
    expect(encodePng(newCanvas(3, 3)).equals(encodePng(newCanvas(3, 3)))).toBe(true);
    expect(canvasLib.version).toBeTypeOf("string");
  });

  it("viridis runs from #440154 to #fde725 and is within 3 code values of matplotlib's in between", () => {
    expect(viridis(0)).toBe("#440154");
    expect(viridis(1)).toBe("#fde725");
    const rgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
    // matplotlib's viridis(0.5) and viridis(0.25): #21918c and #3b528b; ours interpolates 10 stops.
    for (const [t, ref] of [
      [0.5, "#21918c"],
      [0.25, "#3b528b"],
    ] as const)
      rgb(viridis(t)).forEach((c, k) =>
        expect(Math.abs(c - rgb(ref)[k]), `viridis(${t}) = ${viridis(t)} vs ${ref}`).toBeLessThanOrEqual(3),
      );
  });

  it("bad input to the axes names the argument, the expectation and what came", () => {
    const ax = new Axes({ x: 0, y: 0, w: 100, h: 100 });
    expectThrowsWith(() => ax.plot([1, 2, 3], [1, 2]), "Axes.plot", "'y'", "3 values", "received 2");
    expectThrowsWith(() => ax.plot([1], [1], { marker: "@" as never }), "'marker'", "'o'", '"@"');
    expectThrowsWith(() => ax.hist([0, 1], [1, 2]), "Axes.hist", "'edges'", "3 bin edges");
    expectThrowsWith(() => ax.setXLim(1, 0), "Axes.setXLim", "'hi'", "a number > lo (1)");
    expectThrowsWith(() => ax.legend({ loc: "top" as never }), "Axes.legend", "'loc'", '"top"');
    expectThrowsWith(
      () => new Figure(100, 100).subplots(2, 2, { left: 90 }),
      "Figure.subplots",
      "'layout'",
      "at least 10×10 px",
    );
  });
});
