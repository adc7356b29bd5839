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
export const PIXELMATCH_OPTIONS = { threshold: PIXEL_THRESHOLD, includeAA: true, alpha: 0.2 } as const;

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
  if (!existsSync(ENVIRONMENT_FILE)) return `golden/ENVIRONMENT.json is missing; this machine has ${JSON.stringify(now)}`;
  const then = JSON.parse(readFileSync(ENVIRONMENT_FILE, "utf8")) as Record<string, string>;
  const diffs = Object.keys({ ...then, ...now }).filter((k) => then[k] !== now[k]).map((k) => `${k}: ${then[k]} (goldens) → ${now[k]} (here)`);
  return diffs.join("; ");
}

/** Golden files whose figure is not registered (ENVIRONMENT.json excluded). */
export function unusedGoldens(names: readonly string[]): string[] {
  if (!existsSync(GOLDEN_DIR)) return [];
  const known = new Set(names.flatMap((n) => [`${n}.png`, `${n}.json`]));
  return readdirSync(GOLDEN_DIR).filter((f) => f !== "ENVIRONMENT.json" && !known.has(f)).sort();
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
}

const decode = (png: Buffer) => PNG.sync.read(png);

/** Compares two PNGs; `withDiffImage` false skips encoding the diff PNG (when nobody will look at it). */
export function comparePixels(received: Buffer, expected: Buffer, budget = PIXEL_BUDGET, withDiffImage = true): PixelComparison {
  const a = decode(received), e = decode(expected);
  if (a.width !== e.width || a.height !== e.height) {
    const total = Math.max(a.width * a.height, e.width * e.height);
    return { width: a.width, height: a.height, sameSize: false, diffPixels: total, total, percent: 100, ok: false, diffPng: null };
  }
  const diff = new PNG({ width: e.width, height: e.height });
  const diffPixels = pixelmatch(a.data, e.data, diff.data, e.width, e.height, PIXELMATCH_OPTIONS);
  const total = e.width * e.height;
  return {
    width: e.width, height: e.height, sameSize: true, diffPixels, total, percent: (100 * diffPixels) / total,
    ok: diffPixels <= budget, diffPng: diffPixels > 0 && withDiffImage ? PNG.sync.write(diff) : null,
  };
}

/** expected | actual | diff side by side, each under its caption. */
export function sideBySide(expected: Buffer, actual: Buffer, diff: Buffer | null): Buffer {
  const imgs = [expected, actual, ...(diff ? [diff] : [])].map((b) => {
    const img = new canvasLib.Image();
    img.src = b;
    return img;
  });
  const captions = ["expected (golden)", "actual", "diff (red: differing pixels)"];
  const gap = 12, top = 26;
  const w = imgs.reduce((s, i) => s + i.width, 0) + gap * (imgs.length + 1);
  const h = Math.max(...imgs.map((i) => i.height)) + top + gap;
  const canvas = canvasLib.createCanvas(w, h);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#dddddd";
  ctx.fillRect(0, 0, w, h);
  let x = gap;
  imgs.forEach((img, k) => {
    ctx.fillStyle = "#000000";
    ctx.font = '14px "Chapter6 Figure Sans"';
    ctx.fillText(captions[k], x, 18);
    ctx.drawImage(img, x, top);
    x += img.width + gap;
  });
  return encodePng(canvas);
}

/** Writes expected/actual/diff/side-by-side PNGs to results/<name>/ and returns their paths. */
export function writeFailureImages(name: string, expected: Buffer, actual: Buffer, diff: Buffer | null): Record<string, string> {
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
  writeFileSync(out.sideBySide!, sideBySide(expected, actual, diff));
  return out;
}

export const rel = (p: string) => relative(ROOT, p);

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
  ms: number;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** results/report.html: every figure with expected, actual, diff and its metrics. */
export function writeReport(rows: ReportRow[], note: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const env = renderEnvironment();
  const envDiff = environmentDifference();
  const img = (src: string | undefined, alt: string) => (src ? `<a href="${esc(src)}"><img src="${esc(src)}" alt="${esc(alt)}"></a>` : `<div class="none">${esc(alt)}</div>`);
  const body = rows
    .map(
      (r) => `<section class="${r.status}">
<h2>${esc(r.name)} <span class="badge">${r.status.toUpperCase()}</span></h2>
<p>${esc(r.bookFigure)} — ${esc(r.title)}</p>
<table><tr><th>numbers</th><td>${esc(r.numbers)}</td></tr><tr><th>pixels</th><td>${esc(r.pixels)}</td></tr>
<tr><th>determinism</th><td>${esc(r.deterministic)}</td></tr><tr><th>time</th><td>${r.ms.toFixed(0)} ms</td></tr></table>
<div class="imgs"><figure>${img(r.images.expected, "no golden")}<figcaption>expected (golden)</figcaption></figure>
<figure>${img(r.images.actual, "not rendered")}<figcaption>actual</figcaption></figure>
<figure>${img(r.images.diff, "no differing pixels")}<figcaption>diff</figcaption></figure></div>
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
</style></head><body>
<h1>Golden figures: ${rows.length - failed} of ${rows.length} pass</h1>
<p>${esc(note)}</p>
<p>Pixel comparison: pixelmatch, per-pixel threshold ${PIXEL_THRESHOLD} (YIQ distance), anti-aliased pixels counted, budget ${PIXEL_BUDGET} differing pixels per figure.</p>
<p>Rendering environment: ${esc(JSON.stringify(env))}${envDiff ? `<br><strong>Differs from golden/ENVIRONMENT.json: ${esc(envDiff)}</strong>` : " (same as golden/ENVIRONMENT.json)"}</p>
${body}
</body></html>
`;
  const file = join(RESULTS_DIR, "report.html");
  const tmp = `${file}.${process.pid}.tmp`; // two shards may finish together: write whole, then rename
  writeFileSync(tmp, html);
  renameSync(tmp, file);
  return file;
}
