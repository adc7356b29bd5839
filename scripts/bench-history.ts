/**
 * The benchmark against an earlier run of itself (scripts/bench.ts writes every run as JSON):
 * which run to compare with (by default the newest of the same size), and the lines that say what changed. A later run is only comparable
 * when it timed the same number of iterations; losses are compared by their SHA-256 (same bits or not).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The fields of a bench JSON this comparison reads (older files may lack some: they print as —). */
export interface BenchRun {
  date: string;
  iterations: number;
  loadAverageAtStart?: number[];
  /** seconds.ts: the products as used (native or wasm); runs before the native kernels have only tsWasm. */
  products?: { name: string; seconds: { ts?: number; tsWasm: number; numpy?: number | null } }[];
  iteration?: { ts: number; numpy: number | null };
  compare?: {
    tsWorkers: number;
    ts1Thread: number | null;
    tsWorkersDenseOnly?: number | null;
    numpy: number | null;
    lossesSha256?: string;
  };
  maxRssKB?: { tsWorkers?: number | null };
}

/**
 * The newest run in `dir` (out/bench/<timestamp>.json, by name) that timed `iterations`
 * iterations, or undefined; files that do not parse are passed over.
 */
export function newestOfSize(dir: string, iterations: number): string | undefined {
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}-.*\.json$/.test(f))
    .sort()
    .reverse();
  for (const f of files) {
    try {
      if ((JSON.parse(readFileSync(join(dir, f), "utf8")) as BenchRun).iterations === iterations) return join(dir, f);
    } catch {
      // a damaged file is not a candidate
    }
  }
  return undefined;
}

/**
 * The earlier run to compare with: `file` when given (an Error naming it when it is missing or not
 * a bench JSON), else `fallback` (the newest run of the same size, or latest.json) when it exists
 * and parses (a note when it does not), else none.
 */
export function previousRun(file: string | undefined, fallback: string): { run?: BenchRun; note: string } {
  const latest = fallback;
  const path = file ?? latest;
  if (!existsSync(path)) {
    if (file)
      throw new Error(
        `bench: --against expects a bench JSON written by an earlier run (out/bench/*.json), received ${file} (no such file)`,
      );
    return { note: `no earlier run (${latest}) to compare with` };
  }
  let run: BenchRun;
  try {
    run = JSON.parse(readFileSync(path, "utf8")) as BenchRun;
    if (typeof run.date !== "string" || !Number.isInteger(run.iterations)) throw new Error("no date or iterations");
  } catch (e) {
    const msg = `${path} is not a bench JSON (${(e as Error).message})`;
    if (file) throw new Error(`bench: --against expects a bench JSON written by an earlier run, received ${msg}`);
    return { note: `${msg}; not compared` };
  }
  return { run, note: "" };
}

const fmt = (s: number | null | undefined) =>
  s === null || s === undefined
    ? "—"
    : s < 0.1
      ? `${(s * 1e3).toFixed(3)} ms`
      : s < 10
        ? `${(s * 1e3).toFixed(0)} ms`
        : `${s.toFixed(1)} s`;
const change = (before: number | null | undefined, now: number | null | undefined) =>
  before === null || before === undefined || now === null || now === undefined
    ? "—"
    : `${fmt(before)} → ${fmt(now)} (×${(now / before).toFixed(2)})`;
const ratio = (ts: number | null | undefined, np: number | null | undefined) => (ts && np ? (ts / np).toFixed(2) : "—");

/** The lines that compare `now` with `before`: times (×now/before), TS/NumPy ratios, peak memory, and whether the losses are the same bits. */
export function compareRuns(before: BenchRun, now: BenchRun): string[] {
  const lines = [
    `against the run of ${before.date} (${before.iterations} iterations, load average ${before.loadAverageAtStart?.[0]?.toFixed(2) ?? "—"} at its start):`,
  ];
  for (const p of now.products ?? []) {
    const b = before.products?.find((q) => q.name === p.name);
    if (b)
      lines.push(
        `   ${p.name.padEnd(31)} TS ${change(b.seconds.ts ?? b.seconds.tsWasm, p.seconds.ts ?? p.seconds.tsWasm)}`,
      );
  }
  lines.push(
    `   one iteration                   TS ${change(before.iteration?.ts, now.iteration?.ts)}; NumPy ${change(before.iteration?.numpy, now.iteration?.numpy)}`,
  );
  if (before.iterations !== now.iterations) {
    lines.push(`   the comparison: not comparable (${before.iterations} iterations then, ${now.iterations} now)`);
    return lines;
  }
  const b = before.compare,
    n = now.compare;
  lines.push(
    `   comparison, TS workers          ${change(b?.tsWorkers, n?.tsWorkers)}; TS/NumPy ${ratio(b?.tsWorkers, b?.numpy)} → ${ratio(n?.tsWorkers, n?.numpy)}`,
  );
  lines.push(
    `   comparison, TS dense only       ${change(b?.tsWorkersDenseOnly, n?.tsWorkersDenseOnly)}; TS/NumPy ${ratio(b?.tsWorkersDenseOnly, b?.numpy)} → ${ratio(n?.tsWorkersDenseOnly, n?.numpy)}`,
  );
  lines.push(`   comparison, NumPy               ${change(b?.numpy, n?.numpy)}`);
  const rb = before.maxRssKB?.tsWorkers,
    rn = now.maxRssKB?.tsWorkers;
  lines.push(
    `   peak memory, TS workers         ${rb && rn ? `${(rb / 1024).toFixed(0)} MB → ${(rn / 1024).toFixed(0)} MB` : "—"}`,
  );
  const sb = b?.lossesSha256,
    sn = n?.lossesSha256;
  lines.push(
    `   losses: ${!sb || !sn ? "— (no SHA-256 in one of the runs)" : sb === sn ? "the same bits as then (same SHA-256)" : "DIFFERENT bits from then: a change altered the arithmetic (kernels, optimizers or data)"}`,
  );
  return lines;
}
