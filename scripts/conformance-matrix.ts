/**
 * npm run conformance:matrix -- [DIR|ADAPTER …] [--list FILE] [--out DIR] [--jobs N] [--timeout S]
 *                               [--shard I/N] [--num-runs N] [--seed S] [--only ID,ID]
 * npm run conformance:matrix -- --merge MATRIX.json … [--out DIR]
 *
 * Runs the conformance suite against many implementations and writes one matrix report
 * (implementations × checks) as OUT/matrix.json, OUT/matrix.md and OUT/matrix.html, with each
 * implementation's own report in OUT/runs/<name>/. An entry that is a directory is a Python
 * implementation (`npm run conformance -- --python DIR`); a .ts/.mts/.js/.mjs file is a
 * TypeScript adapter (`--impl FILE`). Every implementation runs in its own process, --jobs at a
 * time (default: one per core), each under a time limit (--timeout, default 300 s).
 *
 * A list file has one implementation per line: `PATH [--map FILE] [--name NAME]`; blank lines and
 * lines starting with # are skipped; relative paths are relative to the list file.
 * --shard I/N keeps every N-th entry starting at the I-th (1-based), for a CI matrix; --merge joins
 * the shards' matrix.json files into one report.
 *
 * Exit codes: 0 every implementation passes every applicable check, 1 any fails or its run
 * breaks (a runner exit 3, "incomplete", makes its row an error), 2 bad arguments.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  buildMatrix,
  incompleteReasons,
  matrixToHtml,
  matrixToJson,
  matrixToMarkdown,
  mergeMatrices,
  type Matrix,
  type RunOutcome,
} from "../conformance/matrix-report.js";
import type { Report } from "../conformance/report.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const USAGE = `usage: npm run conformance:matrix -- [DIR|ADAPTER …] [--list FILE] [--out DIR] [--jobs N] [--timeout S] [--shard I/N] [--num-runs N] [--seed S] [--only ID,ID]
       npm run conformance:matrix -- --merge MATRIX.json … [--out DIR]`;

function bad(msg: string): never {
  console.error(`conformance:matrix: ${msg}\n${USAGE}`);
  process.exit(2);
}

export interface Entry {
  path: string;
  kind: "python" | "adapter";
  name: string;
  map?: string;
}

interface Args {
  entries: Entry[];
  merge: string[];
  out: string;
  jobs: number;
  timeoutS: number;
  shard?: [number, number];
  passThrough: string[];
}

const ADAPTER_EXT = /\.(ts|mts|cts|js|mjs|cjs)$/;

function entryOf(path: string, where: string, map?: string, name?: string): Entry {
  const full = resolve(path);
  if (!existsSync(full)) bad(`${where}: ${path}: no such file or directory (${full})`);
  const dir = statSync(full).isDirectory();
  if (!dir && !ADAPTER_EXT.test(full))
    bad(
      `${where}: ${path}: expected a directory (a Python implementation) or a .ts/.mts/.js/.mjs adapter, received a ${basename(full)} file`,
    );
  if (map !== undefined && !existsSync(resolve(map))) bad(`${where}: --map ${map}: no such file (${resolve(map)})`);
  if (map !== undefined && !dir) bad(`${where}: --map applies to a Python directory, not to the adapter ${path}`);
  const entry: Entry = { path: full, kind: dir ? "python" : "adapter", name: name ?? defaultName(full, dir) };
  if (map !== undefined) entry.map = resolve(map);
  return entry;
}

function defaultName(full: string, dir: boolean): string {
  const base = basename(full).replace(ADAPTER_EXT, "");
  // conformance/adapters/flawed-port/adapter.ts → flawed-port; …/hostile/loops → hostile/loops
  if (!dir && (base === "adapter" || base === "index")) return basename(dirname(full));
  const parent = basename(dirname(full));
  return parent === "hostile" ? `${parent}/${base}` : base;
}

/** One line of a list file: PATH [--map FILE] [--name NAME], relative to the list file. */
export function parseList(text: string, listPath: string): Entry[] {
  const base = dirname(resolve(listPath));
  const entries: Entry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const where = `${listPath}:${i + 1}`;
    const tokens = line.split(/\s+/);
    let map: string | undefined, name: string | undefined;
    for (let k = 1; k < tokens.length; k++) {
      const v = tokens[k + 1];
      if (tokens[k] === "--map" && v !== undefined) ((map = resolve(base, v)), k++);
      else if (tokens[k] === "--name" && v !== undefined) ((name = v), k++);
      else bad(`${where}: unexpected ${JSON.stringify(tokens[k])} (a line is PATH [--map FILE] [--name NAME])`);
    }
    entries.push(entryOf(resolve(base, tokens[0]), where, map, name));
  });
  return entries;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    entries: [],
    merge: [],
    out: "results/conformance-matrix",
    jobs: availableParallelism(),
    timeoutS: 300,
    passThrough: [],
  };
  const lists: string[] = [];
  let map: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) bad(`${a} needs a value`);
      return v;
    };
    const positive = (name: string, v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) bad(`${name} expected an integer ≥ 1, received ${JSON.stringify(v)}`);
      return n;
    };
    if (a === "--list") lists.push(value());
    else if (a === "--out") args.out = value();
    else if (a === "--jobs") args.jobs = positive("--jobs", value());
    else if (a === "--timeout") args.timeoutS = positive("--timeout", value());
    else if (a === "--map") map = value();
    else if (a === "--merge") {
      while (argv[i + 1] !== undefined && !argv[i + 1].startsWith("--")) args.merge.push(argv[++i]);
      if (args.merge.length === 0) bad("--merge needs one or more matrix.json files (or folders holding one)");
    } else if (a === "--shard") {
      const v = value();
      const m = /^(\d+)\/(\d+)$/.exec(v);
      if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2]))
        bad(`--shard expected I/N with 1 ≤ I ≤ N, received ${JSON.stringify(v)}`);
      args.shard = [Number(m[1]), Number(m[2])];
    } else if (a === "--num-runs" || a === "--seed" || a === "--only") args.passThrough.push(a, value());
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else if (a.startsWith("--")) bad(`unknown argument ${JSON.stringify(a)}`);
    else args.entries.push(entryOf(a, "argument", map));
  }
  for (const l of lists) {
    if (!existsSync(l)) bad(`--list ${l}: no such file (${resolve(l)})`);
    args.entries.push(...parseList(readFileSync(l, "utf8"), l));
  }
  if (args.merge.length > 0 && args.entries.length > 0)
    bad("--merge joins finished matrices; it takes no implementations to run");
  if (args.merge.length === 0 && args.entries.length === 0)
    bad("no implementations: give directories, adapters or --list FILE");
  if (args.shard) {
    const [k, n] = args.shard;
    args.entries = args.entries.filter((_, i) => i % n === k - 1);
  }
  return args;
}

function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "_");
}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** The runner's command line for one implementation (node + the command launcher, as npm run does). */
export function runnerArgs(e: Entry, outDir: string, passThrough: string[]): string[] {
  const target = e.kind === "python" ? ["--python", e.path, ...(e.map ? ["--map", e.map] : [])] : ["--impl", e.path];
  return [join(ROOT, "scripts", "run.mjs"), "conformance", ...target, "--out", outDir, ...passThrough];
}

function lastLines(s: string, n: number): string {
  return s.trimEnd().split("\n").slice(-n).join("\n");
}

/** Runs one implementation in its own process group, killed (with its host) at the time limit. */
function runOne(e: Entry, outRoot: string, runDir: string, args: Args): Promise<RunOutcome> {
  const dir = join(outRoot, "runs", runDir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, runnerArgs(e, dir, args.passThrough), {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    const keep = (b: Buffer) => {
      output += b.toString();
      if (output.length > 1_000_000) output = output.slice(-500_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-(child.pid ?? 0), "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, args.timeoutS * 1000);
    const finish = (code: number | null, spawnError?: Error) => {
      clearTimeout(timer);
      writeAtomic(join(dir, "output.txt"), output);
      let report: RunOutcome["report"] = null;
      let error: string | undefined;
      const reportPath = join(dir, "report.json");
      if (existsSync(reportPath)) {
        try {
          report = JSON.parse(readFileSync(reportPath, "utf8")) as Report;
        } catch (err) {
          error = `report.json is not valid JSON: ${(err as Error).message}`;
        }
      }
      if (spawnError) error = `could not start the runner: ${spawnError.message}`;
      else if (timedOut) error = `timed out after ${args.timeoutS} s (--timeout); the runner and its host were killed`;
      else if (code === 3 && report !== null)
        error = undefined; // incomplete run: the report lists why
      else if (code !== 0 && code !== 1) error = `the runner exited with code ${code}:\n${lastLines(output, 12)}`;
      else if (report === null && error === undefined)
        error = `the runner exited with code ${code} but wrote no report.json:\n${lastLines(output, 12)}`;
      const outcome: RunOutcome = {
        name: e.name,
        source: relative(process.cwd(), e.path) || ".",
        kind: e.kind,
        exitCode: timedOut ? null : code,
        report,
        ms: Math.round(performance.now() - t0),
        reportDir: relative(outRoot, dir),
      };
      if (error !== undefined) outcome.error = error;
      resolveRun(outcome);
    };
    child.on("error", (err) => finish(null, err));
    child.on("close", (code) => finish(code));
  });
}

/** Runs the entries, `jobs` at a time, keeping their order in the result. */
export async function runAll(
  entries: Entry[],
  outRoot: string,
  args: Args,
  log: (s: string) => void = (s) => process.stderr.write(s),
): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = new Array(entries.length);
  const dirs = new Map<string, number>();
  const runDirs = entries.map((e) => {
    const s = slug(e.name);
    const n = (dirs.get(s) ?? 0) + 1;
    dirs.set(s, n);
    return n === 1 ? s : `${s}-${n}`;
  });
  let next = 0,
    done = 0;
  const worker = async () => {
    while (next < entries.length) {
      const i = next++;
      const o = await runOne(entries[i], outRoot, runDirs[i], args);
      outcomes[i] = o;
      done++;
      const reasons = incompleteReasons(o.report);
      const verdict = o.error
        ? `error (${o.error.split("\n")[0]})`
        : reasons.length
          ? `incomplete (${reasons[0]})`
          : o.report && o.report.totals.fail > 0
            ? `fail (${o.report.totals.fail} failing)`
            : o.exitCode === 0
              ? "pass"
              : `exit ${o.exitCode}`;
      log(`[${done}/${entries.length}] ${o.name}: ${verdict}, ${((o.ms ?? 0) / 1000).toFixed(1)} s\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(args.jobs, entries.length) }, worker));
  return outcomes;
}

function readMatrix(path: string): Matrix {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, "matrix.json") : path;
  if (!existsSync(file)) bad(`--merge ${path}: no matrix.json there (${resolve(file)})`);
  let m: Matrix;
  try {
    m = JSON.parse(readFileSync(file, "utf8")) as Matrix;
  } catch (e) {
    bad(`--merge ${file}: not valid JSON: ${(e as Error).message}`);
  }
  if (m.version !== 1 || !Array.isArray(m.rows) || !Array.isArray(m.columns))
    bad(`--merge ${file}: expected a matrix.json of version 1 (with rows and columns)`);
  // Links to the shard's own reports stay valid relative to the merged report's folder only if moved along.
  for (const r of m.rows) if (r.reportDir) r.reportDir = join(relative(".", dirname(resolve(file))), r.reportDir);
  return m;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  mkdirSync(args.out, { recursive: true });
  let matrix: Matrix;
  if (args.merge.length > 0) {
    matrix = mergeMatrices(args.merge.map(readMatrix));
    for (const r of matrix.rows) if (r.reportDir) r.reportDir = relative(args.out, r.reportDir);
  } else {
    process.stderr.write(
      `conformance:matrix: ${args.entries.length} implementation(s), ${Math.min(args.jobs, args.entries.length)} at a time\n`,
    );
    matrix = buildMatrix(await runAll(args.entries, args.out, args));
  }
  writeAtomic(join(args.out, "matrix.json"), matrixToJson(matrix));
  writeAtomic(join(args.out, "matrix.md"), matrixToMarkdown(matrix));
  writeAtomic(join(args.out, "matrix.html"), matrixToHtml(matrix));
  const t = matrix.totals;
  console.log(`${t.implementations} implementation(s): ${t.pass} pass, ${t.fail} fail, ${t.error} error`);
  console.log(`matrix written to ${join(args.out, "matrix.json")}, matrix.md and matrix.html`);
  process.exit(t.pass === t.implementations ? 0 : 1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(2);
  });
}
