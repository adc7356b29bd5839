/**
 * The golden suite: registered figures (src/figures/index.ts) against their baselines in golden/:
 * the numbers first (so a failure says whether the data or only the drawing changed), then
 * determinism (two renders, identical bytes), then the pixels (pixelmatch; threshold and budget in
 * golden-lib.ts). On a pixel failure expected/actual/diff/side-by-side PNGs go to results/<name>/;
 * every run rewrites results/report.html.
 *
 * The figures are split into shards, one spec file per shard, so vitest runs them on both cores:
 * whole families (the first two parts of the name, "fig6-14", "extra-path": they share an
 * experiment's cache), largest first, each to the shard with the fewest figures so far. Each shard
 * leaves its rows in results/golden-runs/ and the report is rebuilt from all of them.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FIGURES, type FigureEntry } from "../../src/figures/index.js";
import {
  PIXEL_BUDGET, PIXEL_THRESHOLD, RESULTS_DIR, asJson, compareNumbers, comparePixels, environmentDifference,
  goldenJson, goldenPng, isCI, pixelHint, pixelSummary, rel, writeFailureImages, writeReport, type ReportRow,
} from "../../tools/golden-lib.js";
import { figureData } from "../run-once.js";

const HOW_TO_CREATE = (name: string) =>
  `create it with \`npm run golden:update -- ${name}\` (or \`-- --missing\` for every missing one) on a workstation, look at golden/${name}.png, and commit golden/${name}.png and golden/${name}.json`;

interface Run {
  data: unknown;
  /** Where the numbers came from: "computed" or "golden/<name>.json (slow figure)". */
  source: string;
  png: Buffer;
  ms: number;
  hasGolden: boolean;
  golden?: { data: unknown; png: Buffer };
}

const runs = new Map<string, Run>();
const report = new Map<string, ReportRow>();

/** Computes (once) the figure's data and PNG and reads its baseline. */
function runOf(fig: FigureEntry<unknown>): Run {
  let run = runs.get(fig.name);
  if (run) return run;
  const t0 = performance.now();
  rmSync(join(RESULTS_DIR, fig.name), { recursive: true, force: true }); // no stale failure images from an earlier run
  const hasGolden = existsSync(goldenPng(fig.name)) && existsSync(goldenJson(fig.name));
  const golden = hasGolden ? { data: JSON.parse(readFileSync(goldenJson(fig.name), "utf8")), png: readFileSync(goldenPng(fig.name)) } : undefined;
  const useGoldenData = fig.slow === true && process.env.GOLDEN_SLOW !== "1" && golden !== undefined;
  const data = useGoldenData ? golden.data : asJson(figureData(fig)); // trained once per test run (spec/run-once.ts)
  const png = fig.render(data);
  run = { data, source: useGoldenData ? `golden/${fig.name}.json (slow figure; GOLDEN_SLOW=1 recomputes)` : "computed", png, ms: performance.now() - t0, hasGolden, ...(golden ? { golden } : {}) };
  runs.set(fig.name, run);
  report.set(fig.name, {
    name: fig.name, title: fig.title, bookFigure: fig.bookFigure, status: hasGolden ? "pass" : "missing",
    numbers: hasGolden ? "not checked" : "no golden", pixels: hasGolden ? "not checked" : "no golden", deterministic: "not checked",
    images: hasGolden ? { expected: `../golden/${fig.name}.png` } : {}, ms: run.ms,
  });
  return run;
}

const row = (name: string) => report.get(name)!;
const fail = (name: string) => (row(name).status = "fail");

/** Missing baseline: fails under CI=true; elsewhere skips with the instructions. */
function requireGolden(fig: FigureEntry<unknown>, run: Run, skip: (note: string) => void): boolean {
  if (run.hasGolden) return true;
  const msg = `${fig.name}: no baseline golden/${fig.name}.png + .json; ${HOW_TO_CREATE(fig.name)}`;
  if (isCI()) expect.fail(msg);
  console.warn(`[golden] ${msg}`);
  skip(msg);
  return false;
}

/** The figures of shard `shard` (0-based) of `shards`, families kept whole, sizes balanced. */
export function shardOf(shard: number, shards: number): FigureEntry<unknown>[] {
  const families = new Map<string, FigureEntry<unknown>[]>();
  for (const f of FIGURES) {
    const family = f.name.split("-").slice(0, 2).join("-");
    families.set(family, [...(families.get(family) ?? []), f]);
  }
  const load = new Array<number>(shards).fill(0);
  const owner = new Map<string, number>();
  for (const [family, members] of [...families].sort((a, b) => b[1].length - a[1].length)) {
    const k = load.indexOf(Math.min(...load));
    owner.set(family, k);
    load[k] += members.length;
  }
  return FIGURES.filter((f) => owner.get(f.name.split("-").slice(0, 2).join("-")) === shard);
}

/** Registers the golden tests of every figure in shard `shard` of `shards`. */
export function goldenSuite(shard: number, shards: number): void {
  const mine = shardOf(shard, shards);
  describe.each(mine.map((f) => [f.name, f] as const))("%s", (name, fig) => {
    it(`numbers match golden/${name}.json (${fig.atol === 0 ? "exactly" : `within ${fig.atol}`})`, (ctx) => {
      const run = runOf(fig);
      if (!requireGolden(fig, run, (n) => ctx.skip(n))) return;
      if (run.source !== "computed") {
        row(name).numbers = `not recomputed: ${run.source}`;
        ctx.skip(`${name} is slow: its numbers are recomputed only with GOLDEN_SLOW=1`);
        return;
      }
      const c = compareNumbers(run.data, run.golden!.data, fig.atol);
      const seed = (run.data as { seed?: unknown })?.seed, goldenSeed = (run.golden!.data as { seed?: unknown })?.seed;
      row(name).numbers = c.ok
        ? `${c.compared} numbers, max |diff| ${c.maxDiff} ≤ ${fig.atol}`
        : `${c.mismatches} of ${c.compared} differ; first at ${c.first!.where}: expected ${JSON.stringify(c.first!.expected)}, received ${JSON.stringify(c.first!.received)}`;
      if (!c.ok) {
        fail(name);
        expect.fail(
          [
            `${name} (${fig.bookFigure}, ${fig.section}): the numbers differ from golden/${name}.json — the data changed, not only the drawing.`,
            `${c.mismatches} of ${c.compared} numbers outside |received − expected| ≤ ${fig.atol} (largest |diff| ${c.maxDiff}).`,
            `First at ${c.first!.where}: expected ${JSON.stringify(c.first!.expected)}, received ${JSON.stringify(c.first!.received)}.`,
            seed !== undefined
              ? `Seed: ${JSON.stringify(seed)} here, ${JSON.stringify(goldenSeed)} in the golden (same seed, same numbers).`
              : "Deterministic: no randomness involved.",
            `Usual mistake: ${fig.mistake}.`,
            `If the change is intended: npm run golden:update -- ${name}, look at the PNG, commit.`,
          ].join("\n"),
        );
      }
    });

    it("renders byte-identical PNGs twice", () => {
      const run = runOf(fig);
      const again = fig.render(asJson(run.data));
      const same = again.equals(run.png);
      row(name).deterministic = same ? `two renders, identical ${run.png.length} bytes` : `two renders differ (${run.png.length} vs ${again.length} bytes)`;
      if (!same) fail(name);
      expect(same, `${name}: rendering the same data twice gave different PNG bytes (${run.png.length} vs ${again.length}); something in the drawing is not deterministic (time, Math.random, iteration order, a font not registered)`).toBe(true);
    });

    it(`pixels match golden/${name}.png (threshold ${PIXEL_THRESHOLD}, budget ${PIXEL_BUDGET} px)`, (ctx) => {
      const run = runOf(fig);
      if (!requireGolden(fig, run, (n) => ctx.skip(n))) return;
      const golden = run.golden!.png;
      if (golden.equals(run.png)) {
        row(name).pixels = "byte-identical to the golden PNG (0 differing pixels)";
        row(name).images.actual = `../golden/${name}.png`;
        return;
      }
      const c = comparePixels(run.png, golden);
      const files = writeFailureImages(name, golden, run.png, c.diffPng, c.box);
      row(name).images = { expected: `../golden/${name}.png`, actual: `${name}/actual.png`, ...(files.diff ? { diff: `${name}/diff.png` } : {}) };
      if (c.box) row(name).box = c.box;
      const summary = pixelSummary(c);
      row(name).pixels = summary;
      if (!c.ok) {
        fail(name);
        const numbers = run.source === "computed" ? compareNumbers(run.data, run.golden!.data, 0) : null;
        expect.fail(
          [
            `${name} (${fig.bookFigure}): the pixels differ from golden/${name}.png: ${summary}.`,
            `Wrote ${rel(files.expected!)}, ${rel(files.actual!)}${files.diff ? `, ${rel(files.diff)}` : ""} and ${rel(files.sideBySide!)} (with the region zoomed); report: ${rel(RESULTS_DIR)}/report.html (click an image to zoom, T to flip expected/actual).`,
            pixelHint(numbers, fig.atol, fig.mistake, environmentDifference()),
          ].join("\n"),
        );
      }
    });
  });

  afterAll(() => {
    const rows = mine.map((f) => report.get(f.name)).filter((r): r is ReportRow => r !== undefined);
    if (rows.length === 0) return;
    const file = writeShardAndReport(shard, shards, rows);
    const failed = rows.filter((r) => r.status !== "pass");
    if (failed.length > 0) console.warn(`[golden] ${failed.length} figure(s) not passing: ${failed.map((r) => `${r.name} (${r.status})`).join(", ")}; report: ${rel(file)}`);
  });
}

const RUNS_DIR = join(RESULTS_DIR, "golden-runs");

/** Saves this shard's rows and rebuilds results/report.html from every shard's latest rows. */
function writeShardAndReport(shard: number, shards: number, rows: ReportRow[]): string {
  mkdirSync(RUNS_DIR, { recursive: true });
  const at = new Date().toISOString();
  writeFileSync(join(RUNS_DIR, `shard-${shard + 1}-of-${shards}.json`), JSON.stringify({ shard, shards, at, rows }));
  const all = new Map<string, ReportRow>();
  const runs: string[] = [];
  for (const f of readdirSync(RUNS_DIR).filter((f) => f.endsWith(`-of-${shards}.json`)).sort()) {
    const r = JSON.parse(readFileSync(join(RUNS_DIR, f), "utf8")) as { shard: number; at: string; rows: ReportRow[] };
    runs.push(`shard ${r.shard + 1} of ${shards} at ${r.at}`);
    for (const row of r.rows) all.set(row.name, row);
  }
  const ordered = FIGURES.map((f) => all.get(f.name)).filter((r): r is ReportRow => r !== undefined);
  return writeReport(ordered, `Last run of the golden suite (spec/golden/figures-match-goldens-*.spec.ts${isCI() ? ", CI" : ""}): ${runs.join("; ")}.`);
}
