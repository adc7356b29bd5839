/**
 * The golden-image machinery shared by the golden specs and scripts/update-golden.ts: where the
 * baselines live, how numbers and pixels are compared, what is written when they differ, and the
 * HTML report of the last run.
 *
 * Baselines: golden/<name>.png (the picture), golden/<name>.json (the numbers it was drawn from)
 * and golden/ENVIRONMENT.json (canvas, Cairo, Pango, FreeType versions and the font's sha256).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pixelmatch from "pixelmatch";
import pngjs from "pngjs";
import { formatJson } from "../src/figures/registry.js";
import { canvasLib, encodePng, renderEnvironment, type RenderEnvironment } from "../src/render/canvas.js";

const { PNG } = pngjs;

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const GOLDEN_DIR = join(ROOT, "golden");
export const RESULTS_DIR = join(ROOT, "results");
export const ENVIRONMENT_FILE = join(GOLDEN_DIR, "ENVIRONMENT.json");

/**
 * Per-pixel threshold handed to pixelmatch: the YIQ colour distance, as a fraction of the largest
 * possible one, above which a pixel counts as different (pixelmatch's default is 0.1; we are
 * stricter). 0.05 still lets through a ±1–2 code-value wobble in anti-aliased edges (what another
 * pixman build or SIMD path can produce), which no reader can see; every geometric change we
 * tried exceeds it: the Momentum path moved by a quarter pixel makes 516 pixels differ, one bar a
 * pixel taller 8 (measured, see spec/golden/golden-tests-catch-wrong-figures.spec.ts).
 */
export const PIXEL_THRESHOLD = 0.05;

/**
 * How many pixels may differ (above the threshold) before a figure fails: none. On the machine
 * kind the goldens were made on, rendering is byte-identical (the suite renders every figure twice
 * and asserts it; repeated runs gave 0 differing pixels), so there is no noise to absorb, and any
 * budget would only let small real changes through: a histogram bar one pixel taller changes 8
 * pixels. Machines with a different Cairo/Pango/FreeType are told so in the failure message.
 */
export const PIXEL_BUDGET = 0;

/** pixelmatch options: anti-aliased pixels are counted too (includeAA), so a shifted line cannot hide as "anti-aliasing". */
export const PIXELMATCH_OPTIONS = {
  threshold: PIXEL_THRESHOLD,
  includeAA: true,
  alpha: 0.2,
  diffColor: [255, 0, 0] as [number, number, number],
} as const;

export const isCI = (): boolean => /^(1|true|yes)$/i.test(process.env.CI ?? "");

export const goldenPng = (name: string) => join(GOLDEN_DIR, `${name}.png`);
export const goldenJson = (name: string) => join(GOLDEN_DIR, `${name}.json`);

/** The data as it is written to and read back from JSON (so typed arrays and -0 compare like the file). */
export const asJson = <T>(data: T): T => JSON.parse(JSON.stringify(data)) as T;

export function writeGolden(name: string, data: unknown, png: Buffer): void {
  mkdirSync(GOLDEN_DIR, { recursive: true });
  writeFileSync(goldenJson(name), `${formatJson(asJson(data))}\n`);
  writeFileSync(goldenPng(name), png);
}

export function writeEnvironment(): RenderEnvironment {
  const env = renderEnvironment();
  mkdirSync(GOLDEN_DIR, { recursive: true });
  writeFileSync(ENVIRONMENT_FILE, `${JSON.stringify(env, null, 1)}\n`);
  return env;
}

/** Differences between the recorded rendering environment and this one ("" when they agree). */
export function environmentDifference(): string {
  const now = renderEnvironment() as unknown as Record<string, string>;
  if (!existsSync(ENVIRONMENT_FILE))
    return `golden/ENVIRONMENT.json is missing; this machine has ${JSON.stringify(now)}`;
  const then = JSON.parse(readFileSync(ENVIRONMENT_FILE, "utf8")) as Record<string, string>;
  const diffs = Object.keys({ ...then, ...now })
    .filter((k) => then[k] !== now[k])
    .map((k) => `${k}: ${then[k]} (goldens) → ${now[k]} (here)`);
  return diffs.join("; ");
}

/** Golden files whose figure is not registered (ENVIRONMENT.json excluded). */
export function unusedGoldens(names: readonly string[]): string[] {
  if (!existsSync(GOLDEN_DIR)) return [];
  const known = new Set(names.flatMap((n) => [`${n}.png`, `${n}.json`]));
  return readdirSync(GOLDEN_DIR)
    .filter((f) => f !== "ENVIRONMENT.json" && !known.has(f))
    .sort();
}

// ---------------------------------------------------------------- numbers

export interface NumberComparison {
  ok: boolean;
  /** Numbers compared. */
  compared: number;
  /** Numbers outside the tolerance (plus structural differences). */
  mismatches: number;
  /** The largest |received − expected| over all numbers. */
  maxDiff: number;
  /** The first difference: where (a JSON path such as paths[1].path[12][0]), expected, received. */
  first: { where: string; expected: unknown; received: unknown } | null;
}

/**
 * Compares `received` with `expected` (both JSON data): the same structure and strings, and every
 * number within |received − expected| ≤ atol (atol 0: equal).
 */
export function compareNumbers(received: unknown, expected: unknown, atol: number): NumberComparison {
  const r: NumberComparison = { ok: true, compared: 0, mismatches: 0, maxDiff: 0, first: null };
  const miss = (where: string, e: unknown, a: unknown) => {
    r.mismatches++;
    r.first ??= { where, expected: e, received: a };
  };
  const walk = (a: unknown, e: unknown, where: string): void => {
    if (typeof e === "number" && typeof a === "number") {
      r.compared++;
      const d = Math.abs(a - e);
      if (d > r.maxDiff || Number.isNaN(d)) r.maxDiff = Number.isNaN(d) ? Infinity : d;
      if (!(d <= atol)) miss(where, e, a);
      return;
    }
    if (Array.isArray(e) && Array.isArray(a)) {
      if (a.length !== e.length) miss(`${where}.length`, e.length, a.length);
      for (let i = 0; i < Math.min(a.length, e.length); i++) walk(a[i], e[i], `${where}[${i}]`);
      return;
    }
    if (e && a && typeof e === "object" && typeof a === "object" && !Array.isArray(e) && !Array.isArray(a)) {
      const keys = new Set([...Object.keys(e), ...Object.keys(a)]);
      for (const k of keys) {
        const w = where ? `${where}.${k}` : k;
        if (!(k in (e as object))) miss(w, undefined, (a as Record<string, unknown>)[k]);
        else if (!(k in (a as object))) miss(w, (e as Record<string, unknown>)[k], undefined);
        else walk((a as Record<string, unknown>)[k], (e as Record<string, unknown>)[k], w);
      }
      return;
    }
    if (a !== e) miss(where || "(root)", e, a);
  };
  walk(received, expected, "");
  r.ok = r.mismatches === 0;
  return r;
}

// ---------------------------------------------------------------- pixels

/** The smallest rectangle holding every differing pixel (x, y of its top-left pixel; 0-based, y down). */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PixelComparison {
  width: number;
  height: number;
  /** false when the sizes differ (then every pixel counts as different). */
  sameSize: boolean;
  /** Pixels differing by more than PIXEL_THRESHOLD. */
  diffPixels: number;
  total: number;
  percent: number;
  ok: boolean;
  /** pixelmatch's diff image (differing pixels red over a faded copy), when sizes agree. */
  diffPng: Buffer | null;
  /** Where the differing pixels are (null when none differ or the sizes differ). */
  box: PixelBox | null;
}

/** "x 120–121, y 40 (2×1 px)": a box as a person reads it, in pixel coordinates from the top-left corner. */
export function formatBox(b: PixelBox): string {
  const span = (lo: number, n: number) => (n === 1 ? `${lo}` : `${lo}–${lo + n - 1}`);
  return `x ${span(b.x, b.width)}, y ${span(b.y, b.height)} (${b.width}×${b.height} px, from the top-left corner)`;
}

/** The bounding box of the pixels pixelmatch painted in its diff colour (pure red; the faded copy is grey). */
function diffBox(diff: Uint8Array, width: number, height: number): PixelBox | null {
  let x0 = width,
    y0 = height,
    x1 = -1,
    y1 = -1;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (diff[i] === 255 && diff[i + 1] === 0 && diff[i + 2] === 0) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

const decode = (png: Buffer) => PNG.sync.read(png);

/** Compares two PNGs; `withDiffImage` false skips encoding the diff PNG (when nobody will look at it). */
export function comparePixels(
  received: Buffer,
  expected: Buffer,
  budget = PIXEL_BUDGET,
  withDiffImage = true,
): PixelComparison {
  const a = decode(received),
    e = decode(expected);
  if (a.width !== e.width || a.height !== e.height) {
    const total = Math.max(a.width * a.height, e.width * e.height);
    return {
      width: a.width,
      height: a.height,
      sameSize: false,
      diffPixels: total,
      total,
      percent: 100,
      ok: false,
      diffPng: null,
      box: null,
    };
  }
  const diff = new PNG({ width: e.width, height: e.height });
  const diffPixels = pixelmatch(a.data, e.data, diff.data, e.width, e.height, PIXELMATCH_OPTIONS);
  const total = e.width * e.height;
  return {
    width: e.width,
    height: e.height,
    sameSize: true,
    diffPixels,
    total,
    percent: (100 * diffPixels) / total,
    ok: diffPixels <= budget,
    diffPng: diffPixels > 0 && withDiffImage ? PNG.sync.write(diff) : null,
    box: diffPixels > 0 ? diffBox(diff.data, e.width, e.height) : null,
  };
}

const OUTLINE = "#0050ff";

/** The crop shown zoomed: the box with a margin, clamped to the image, and the integer zoom that makes it about 240 px. */
export function zoomRegion(box: PixelBox, width: number, height: number): { crop: PixelBox; zoom: number } {
  const margin = Math.max(6, Math.ceil(Math.max(box.width, box.height) / 4));
  const x = Math.max(0, box.x - margin),
    y = Math.max(0, box.y - margin);
  const crop = {
    x,
    y,
    width: Math.min(width, box.x + box.width + margin) - x,
    height: Math.min(height, box.y + box.height + margin) - y,
  };
  return { crop, zoom: Math.max(1, Math.min(16, Math.floor(240 / Math.max(crop.width, crop.height)))) };
}

/** `crop` of a PNG scaled by `zoom`, each pixel a zoom×zoom block (no smoothing, so one pixel stays one sharp square). */
function zoomedCrop(png: Buffer, crop: PixelBox, zoom: number): InstanceType<typeof canvasLib.Canvas> {
  const src = decode(png);
  const canvas = canvasLib.createCanvas(crop.width * zoom, crop.height * zoom);
  const ctx = canvas.getContext("2d");
  const out = ctx.createImageData(canvas.width, canvas.height);
  for (let y = 0; y < out.height; y++)
    for (let x = 0; x < out.width; x++) {
      const s = ((crop.y + Math.floor(y / zoom)) * src.width + crop.x + Math.floor(x / zoom)) * 4,
        d = (y * out.width + x) * 4;
      for (let k = 0; k < 4; k++) out.data[d + k] = src.data[s + k];
    }
  ctx.putImageData(out, 0, 0);
  return canvas;
}

/**
 * expected | actual | diff side by side, each under its caption, the differing region outlined in
 * blue; below them, when `box` is given, the same three cropped to that region and zoomed (pixels
 * as sharp squares), so that even a single differing pixel can be seen.
 */
export function sideBySide(expected: Buffer, actual: Buffer, diff: Buffer | null, box: PixelBox | null = null): Buffer {
  const imgs = [expected, actual, ...(diff ? [diff] : [])].map((b) => {
    const img = new canvasLib.Image();
    img.src = b;
    return img;
  });
  const captions = ["expected (golden)", "actual", "diff (red: differing pixels)"];
  const gap = 12,
    top = 26;
  const zoom = box ? zoomRegion(box, imgs[0].width, imgs[0].height) : null;
  const crops = zoom ? [expected, actual, ...(diff ? [diff] : [])].map((b) => zoomedCrop(b, zoom.crop, zoom.zoom)) : [];
  const row1 = Math.max(...imgs.map((i) => i.height));
  const row2 = crops.length ? crops[0].height + top + gap : 0;
  const w =
    Math.max(
      imgs.reduce((s, i) => s + i.width, 0),
      crops.reduce((s, c) => s + c.width, 0),
    ) +
    gap * (imgs.length + 1);
  const h = row1 + top + gap + row2;
  const canvas = canvasLib.createCanvas(w, h);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#dddddd";
  ctx.fillRect(0, 0, w, h);
  ctx.font = '14px "Chapter6 Figure Sans"';
  let x = gap;
  imgs.forEach((img, k) => {
    ctx.fillStyle = "#000000";
    ctx.fillText(captions[k], x, 18);
    ctx.drawImage(img, x, top);
    if (box) {
      ctx.strokeStyle = OUTLINE;
      ctx.lineWidth = 2;
      ctx.strokeRect(x + box.x - 3, top + box.y - 3, box.width + 6, box.height + 6); // just outside the box: no differing pixel covered
    }
    x += img.width + gap;
  });
  if (zoom && box) {
    const y0 = row1 + top + gap;
    ctx.fillStyle = "#000000";
    ctx.fillText(`zoomed ×${zoom.zoom}: the differing region ${formatBox(box)}, outlined`, gap, y0 + 18);
    x = gap;
    for (const c of crops) {
      ctx.drawImage(c, x, y0 + top);
      ctx.strokeStyle = OUTLINE;
      ctx.lineWidth = 2;
      const bx = x + (box.x - zoom.crop.x) * zoom.zoom,
        by = y0 + top + (box.y - zoom.crop.y) * zoom.zoom;
      ctx.strokeRect(bx - 2, by - 2, box.width * zoom.zoom + 4, box.height * zoom.zoom + 4);
      x += c.width + gap;
    }
  }
  return encodePng(canvas);
}

/** Writes expected/actual/diff/side-by-side PNGs to results/<name>/ and returns their paths. */
export function writeFailureImages(
  name: string,
  expected: Buffer,
  actual: Buffer,
  diff: Buffer | null,
  box: PixelBox | null = null,
): Record<string, string> {
  const dir = join(RESULTS_DIR, name);
  mkdirSync(dir, { recursive: true });
  const out: Record<string, string> = {
    expected: join(dir, "expected.png"),
    actual: join(dir, "actual.png"),
    sideBySide: join(dir, "side-by-side.png"),
  };
  writeFileSync(out.expected!, expected);
  writeFileSync(out.actual!, actual);
  if (diff) writeFileSync((out.diff = join(dir, "diff.png")), diff);
  writeFileSync(out.sideBySide!, sideBySide(expected, actual, diff, box));
  return out;
}

export const rel = (p: string) => relative(ROOT, p);

/** One line on how many pixels differ and where. */
export function pixelSummary(c: PixelComparison): string {
  if (!c.sameSize) return `size ${c.width}×${c.height} instead of the golden's size`;
  const where = c.box ? `, all inside the box ${formatBox(c.box)}` : "";
  return `${c.diffPixels} of ${c.total} pixels differ (${c.percent.toFixed(4)}%) above threshold ${PIXEL_THRESHOLD}${where}; budget ${PIXEL_BUDGET}`;
}

/**
 * Why the pixels may have changed, from what the numbers say. `numbers` compares the data drawn
 * with the golden's at atol 0 (null when the golden's own numbers were drawn, a slow figure), and
 * `atol` is the figure's tolerance. The figure's usual mistake is named only when the numbers
 * changed beyond atol: identical numbers cannot come from a wrong update rule or initialiser.
 */
export function pixelHint(numbers: NumberComparison | null, atol: number, mistake: string, envDiff: string): string {
  if (numbers !== null && !(numbers.maxDiff <= atol))
    return [
      `Numbers changed: ${numbers.mismatches} of ${numbers.compared} differ from the golden's (largest |diff| ${numbers.maxDiff} > ${atol}; first at ${numbers.first?.where}), so the picture follows different data.`,
      `Usual mistake: ${mistake}. The numbers test above says where.`,
    ].join("\n");
  const same =
    numbers === null
      ? "Numbers identical: the golden's own numbers were drawn (slow figure)"
      : numbers.ok
        ? `Numbers identical: all ${numbers.compared} equal the golden's`
        : `Numbers within the tolerance: the largest |diff| is ${numbers.maxDiff} ≤ ${atol}, too small to move a pixel by itself`;
  return [
    `${same}, but pixels changed: not the maths (no update rule or initialiser gives identical numbers), but how they are drawn.`,
    envDiff
      ? `The rendering environment differs from golden/ENVIRONMENT.json (${envDiff}): most likely the machine. Look at the side-by-side; if only the rendering moved, re-baseline on this machine kind (npm run golden:update).`
      : "Same rendering environment as the goldens (canvas, Cairo, Pango, FreeType, font hash): the renderer code changed (src/render: layout, ticks, colours, text; or the figure's render in src/figures).",
  ].join("\n");
}

// ---------------------------------------------------------------- report

export interface ReportRow {
  name: string;
  title: string;
  bookFigure: string;
  status: "pass" | "fail" | "missing";
  numbers: string;
  pixels: string;
  deterministic: string;
  /** Paths relative to results/ (or to golden/ through ../golden). */
  images: { expected?: string; actual?: string; diff?: string };
  /** Where the differing pixels are, for the report's zoom. */
  box?: PixelBox;
  ms: number;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The report's viewer, inline so the page needs nothing but the PNGs beside it: click an image to
 * open it zoomed (pixels as sharp squares, + and − to change the zoom, scrolled to the differing
 * region, which is outlined), T or the button flips between expected and actual in place, Esc closes.
 */
const VIEWER = `<div id="viewer" hidden><div class="bar"><button data-act="out">−</button><span id="zl"></span><button data-act="in">+</button>
<button data-act="flip">flip expected/actual (T)</button><span id="which"></span><button data-act="close">close (Esc)</button></div>
<div id="stage"><div id="pane"><img id="big" alt=""><div id="outline" hidden></div></div></div></div>
<script>
(() => {
  const viewer = document.getElementById("viewer"), big = document.getElementById("big"), outline = document.getElementById("outline");
  const stage = document.getElementById("stage"), zl = document.getElementById("zl"), which = document.getElementById("which");
  let cur = null, zoom = 4, side = "expected";
  const draw = () => {
    const want = cur.dataset[side] || cur.getAttribute("src");
    if (big.getAttribute("src") !== want) big.src = want; // the same src again would fire load again
    which.textContent = side + (cur.dataset[side] ? "" : " (not available)");
    zl.textContent = " ×" + zoom + " ";
    big.style.width = big.naturalWidth * zoom + "px";
    const b = cur.dataset.box ? cur.dataset.box.split(",").map(Number) : null;
    outline.hidden = !b;
    if (b) Object.assign(outline.style, { left: b[0] * zoom - 3 + "px", top: b[1] * zoom - 3 + "px", width: b[2] * zoom + 2 + "px", height: b[3] * zoom + 2 + "px" });
    return b;
  };
  big.addEventListener("load", () => {
    const b = draw();
    if (b && big.dataset.centre === "1") { stage.scrollLeft = (b[0] + b[2] / 2) * zoom - stage.clientWidth / 2; stage.scrollTop = (b[1] + b[3] / 2) * zoom - stage.clientHeight / 2; }
    big.dataset.centre = "0";
  });
  const open = (img) => {
    cur = img; side = img.dataset.side || "expected"; viewer.hidden = false; big.dataset.centre = "1";
    zoom = img.dataset.box ? Math.max(2, Math.min(16, Math.floor(300 / Math.max(...img.dataset.box.split(",").slice(2).map(Number))))) : 2;
    big.removeAttribute("src"); draw();
  };
  const act = (a) => {
    if (a === "close") viewer.hidden = true;
    if (a === "in") zoom = Math.min(32, zoom * 2);
    if (a === "out") zoom = Math.max(1, zoom / 2);
    if (a === "flip") side = side === "expected" ? "actual" : "expected";
    if (!viewer.hidden) draw();
  };
  document.addEventListener("click", (e) => {
    const t = e.target;
    if (t.matches("#viewer button")) return act(t.dataset.act);
    if (t.matches("button.flip")) {
      const img = t.closest("section").querySelector("img.flippable");
      img.dataset.side = img.dataset.side === "actual" ? "expected" : "actual";
      img.src = img.dataset[img.dataset.side];
      img.closest("figure").querySelector("figcaption").textContent = img.dataset.side + " (flipped in place)";
      return;
    }
    if (t.matches("section img")) { e.preventDefault(); open(t); }
  });
  document.addEventListener("keydown", (e) => {
    if (viewer.hidden) return;
    const a = { Escape: "close", t: "flip", T: "flip", "+": "in", "=": "in", "-": "out" }[e.key];
    if (a) act(a);
  });
})();
</script>`;

/** The report page (no external assets: inline style and script, images by relative path). */
export function reportHtml(rows: ReportRow[], note: string, env: RenderEnvironment, envDiff: string): string {
  const img = (src: string | undefined, alt: string, r: ReportRow, cls = "") =>
    src
      ? `<img src="${esc(src)}" alt="${esc(alt)}"${cls ? ` class="${cls}"` : ""}${r.images.expected ? ` data-expected="${esc(r.images.expected)}"` : ""}${r.images.actual ? ` data-actual="${esc(r.images.actual)}"` : ""}${r.box ? ` data-box="${r.box.x},${r.box.y},${r.box.width},${r.box.height}"` : ""} title="click to zoom">`
      : `<div class="none">${esc(alt)}</div>`;
  const body = rows
    .map(
      (r) => `<section class="${r.status}">
<h2>${esc(r.name)} <span class="badge">${r.status.toUpperCase()}</span></h2>
<p>${esc(r.bookFigure)} — ${esc(r.title)}</p>
<table><tr><th>numbers</th><td>${esc(r.numbers)}</td></tr><tr><th>pixels</th><td>${esc(r.pixels)}</td></tr>
<tr><th>determinism</th><td>${esc(r.deterministic)}</td></tr><tr><th>time</th><td>${r.ms.toFixed(0)} ms</td></tr></table>
${r.images.expected && r.images.actual && r.images.expected !== r.images.actual ? `<p><button class="flip">flip expected ↔ actual</button> (click any image to zoom${r.box ? " into the outlined differing region" : ""})</p>` : ""}
<div class="imgs"><figure>${img(r.images.expected, "no golden", r, "flippable")}<figcaption>expected (golden)</figcaption></figure>
<figure>${img(r.images.actual, "not rendered", r)}<figcaption>actual</figcaption></figure>
<figure>${img(r.images.diff, "no differing pixels", r)}<figcaption>diff</figcaption></figure></div>
</section>`,
    )
    .join("\n");
  const failed = rows.filter((r) => r.status !== "pass").length;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Golden figures: ${rows.length - failed}/${rows.length} pass</title>
<style>
body { font-family: sans-serif; margin: 1.5em; color: #222; }
section { border-left: 6px solid #2a2; padding: 0.2em 1em; margin: 1.5em 0; }
section.fail { border-color: #d22; } section.missing { border-color: #e90; }
.badge { font-size: 0.6em; padding: 0.1em 0.5em; border-radius: 0.3em; background: #2a2; color: #fff; vertical-align: middle; }
.fail .badge { background: #d22; } .missing .badge { background: #e90; }
table { border-collapse: collapse; } th { text-align: left; padding-right: 1em; vertical-align: top; } td { font-family: monospace; white-space: pre-wrap; }
.imgs { display: flex; gap: 1em; flex-wrap: wrap; } figure { margin: 0; } img { max-width: 460px; border: 1px solid #ccc; }
.none { width: 300px; height: 120px; display: flex; align-items: center; justify-content: center; background: #f4f4f4; color: #777; }
section img { cursor: zoom-in; }
#viewer { position: fixed; inset: 0; background: rgba(0, 0, 0, 0.85); display: flex; flex-direction: column; z-index: 10; }
#viewer[hidden] { display: none; } #viewer .bar { padding: 0.5em; color: #fff; display: flex; gap: 0.6em; align-items: center; }
#stage { overflow: auto; flex: 1; } #pane { position: relative; display: inline-block; }
#big { image-rendering: pixelated; max-width: none; border: 0; display: block; }
#outline { position: absolute; border: 2px solid #0050ff; box-shadow: 0 0 0 1px #fff; pointer-events: none; }
</style></head><body>
<h1>Golden figures: ${rows.length - failed} of ${rows.length} pass</h1>
<p>${esc(note)}</p>
<p>Pixel comparison: pixelmatch, per-pixel threshold ${PIXEL_THRESHOLD} (YIQ distance), anti-aliased pixels counted, budget ${PIXEL_BUDGET} differing pixels per figure.</p>
<p>Rendering environment: ${esc(JSON.stringify(env))}${envDiff ? `<br><strong>Differs from golden/ENVIRONMENT.json: ${esc(envDiff)}</strong>` : " (same as golden/ENVIRONMENT.json)"}</p>
${body}
${VIEWER}
</body></html>
`;
  return html;
}

/** results/report.html: every figure with expected, actual, diff and its metrics. */
export function writeReport(rows: ReportRow[], note: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const html = reportHtml(rows, note, renderEnvironment(), environmentDifference());
  const file = join(RESULTS_DIR, "report.html");
  const tmp = `${file}.${process.pid}.tmp`; // two shards may finish together: write whole, then rename
  writeFileSync(tmp, html);
  renameSync(tmp, file);
  return file;
}
