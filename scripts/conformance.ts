/**
 * npm run conformance -- (--impl ./adapter.ts | --python DIR [--map FILE]) [--out DIR] [--check-timeout S] [--run-timeout S]
 *                        [--num-runs N] [--seed S [--path P]] [--only ID,ID]
 *
 * Runs every applicable check (property laws, the book's fixtures and worked examples) against an
 * implementation: a TypeScript adapter (--impl) or a Python implementation in the book's layout
 * (--python, through the host of conformance/hosts/python). The implementation runs in a separate
 * process with a time limit per check and per run (conformance/isolation). Prints a report grouped
 * by book section and writes DIR (default results/conformance)/report.json and report.md.
 * Exit codes: 0 the run is complete and every applicable check passed; 1 some check failed;
 * 2 bad arguments (nothing is run); 3 the run is incomplete (a hang, crash or exit, or the
 * implementation did not load).
 */
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildReport, toJson, toMarkdown, toText, withRun } from "../conformance/report.js";
import { loadChecks } from "../conformance/sources.js";
import { supervise } from "../conformance/isolation/supervisor.js";
import { pythonInterpreter } from "../conformance/hosts/python/interpreter.js";

const USAGE =
  "usage: npm run conformance -- (--impl ./adapter.ts | --python DIR [--map FILE]) [--out DIR] [--check-timeout S] [--run-timeout S] [--num-runs N] [--seed S [--path P]] [--only ID,ID,…]";

function bad(msg: string): never {
  console.error(`conformance: ${msg}\n${USAGE}`);
  process.exit(2);
}

interface Args {
  impl?: string;
  python?: string;
  map?: string;
  out: string;
  numRuns?: number;
  seed?: number;
  path?: string;
  only?: string[];
  checkTimeout: number;
  runTimeout: number;
}

function parseArgs(argv: string[]): Args {
  // CONFORMANCE_CHECK_TIMEOUT sets the default per-check limit (e.g. for a heavily loaded CI machine).
  const envTimeout = Number(process.env.CONFORMANCE_CHECK_TIMEOUT);
  const opts: Args = {
    out: "results/conformance",
    checkTimeout: Number.isFinite(envTimeout) && envTimeout > 0 ? envTimeout : 10,
    runTimeout: 600,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) bad(`${a} needs a value`);
      return v;
    };
    const int = (name: string, v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n)) bad(`${name} expected an integer, received ${JSON.stringify(v)}`);
      return n;
    };
    const seconds = (name: string, v: string) => {
      const n = Number(v);
      if (!(Number.isFinite(n) && n > 0))
        bad(`${name} expected a number of seconds > 0, received ${JSON.stringify(v)}`);
      return n;
    };
    if (a === "--impl") opts.impl = value();
    else if (a === "--python") opts.python = value();
    else if (a === "--map") opts.map = value();
    else if (a === "--out") opts.out = value();
    else if (a === "--check-timeout") opts.checkTimeout = seconds("--check-timeout", value());
    else if (a === "--run-timeout") opts.runTimeout = seconds("--run-timeout", value());
    else if (a === "--num-runs") {
      opts.numRuns = int("--num-runs", value());
      if (opts.numRuns < 1) bad(`--num-runs expected an integer ≥ 1, received ${opts.numRuns}`);
    } else if (a === "--seed") opts.seed = int("--seed", value());
    else if (a === "--path") opts.path = value();
    else if (a === "--only")
      opts.only = value()
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else bad(`unknown argument ${JSON.stringify(a)}`);
  }
  if (!opts.impl && !opts.python)
    bad("missing --impl (a TypeScript adapter) or --python (a folder with a Python implementation)");
  if (opts.impl && opts.python) bad("give either --impl or --python, not both");
  if (opts.map && !opts.python) bad("--map applies to --python only");
  if (opts.path !== undefined && opts.seed === undefined)
    bad("--path replays a fast-check counterexample and needs --seed");
  return opts;
}

/** --out must be a directory we can write: checked before any check runs. */
function checkOut(out: string): void {
  if (existsSync(out) && !statSync(out).isDirectory()) bad(`--out ${out}: expected a directory, received a file`);
  try {
    mkdirSync(out, { recursive: true });
    accessSync(out, constants.W_OK);
  } catch (e) {
    bad(`--out ${out}: cannot create or write this directory (${(e as Error).message})`);
  }
}

function writeAtomically(path: string, text: string): void {
  writeFileSync(path + ".tmp", text);
  renameSync(path + ".tmp", path);
}

async function main(): Promise<void> {
  const started = Date.now();
  const args = parseArgs(process.argv.slice(2));
  let map: unknown;
  if (args.impl && !existsSync(args.impl)) bad(`--impl ${args.impl}: no such file`);
  if (args.python) {
    if (!existsSync(args.python) || !statSync(args.python).isDirectory())
      bad(
        `--python ${args.python}: expected a folder with the implementation, received ${existsSync(args.python) ? "a file" : "nothing (no such path)"}`,
      );
    const py = pythonInterpreter();
    if (!py.numpy)
      bad(
        `--python needs python3 with NumPy: ${py.problem} (scripts/setup.sh installs python3 and python3-numpy on Debian; DLFS_PYTHON=/path/to/python picks another interpreter)`,
      );
    if (args.map) {
      try {
        map = JSON.parse(readFileSync(args.map, "utf8"));
      } catch (e) {
        bad(`--map ${args.map}: expected a JSON file (see conformance/python.md), ${(e as Error).message}`);
      }
    }
  }
  checkOut(args.out);
  const checks = await loadChecks();
  if (args.only) {
    const unknown = args.only.filter((id) => !checks.some((c) => c.id === id));
    if (unknown.length) bad(`--only: unknown check id(s) ${unknown.join(", ")}`);
  }
  const only = args.only ? new Set(args.only) : null;
  const selected = only ? checks.filter((c) => only.has(c.id)) : checks;
  const target = (args.impl ?? args.python)!;
  const replayCommand = `npm run conformance -- ${args.impl ? `--impl ${args.impl}` : `--python ${args.python}${args.map ? ` --map ${args.map}` : ""}`}`;
  const run = await supervise(
    {
      mode: args.impl ? "impl" : "python",
      target,
      map,
      numRuns: args.numRuns,
      seed: args.seed,
      path: args.path,
      replayCommand,
      checkTimeoutS: args.checkTimeout,
      catalogueModule: fileURLToPath(new URL("../mistakes/registry.ts", import.meta.url)),
    },
    selected,
    {
      checkTimeoutS: args.checkTimeout,
      runTimeoutS: args.runTimeout,
      onResult: (r) => process.stderr.write(r.status === "pass" ? "." : r.status === "fail" ? "F" : "-"),
    },
  );
  process.stderr.write("\n");
  const report = withRun(
    buildReport(run.name, run.provides, run.results, run.warnings),
    run.incomplete,
    run.implementation,
  );
  console.log(toText(report));
  writeAtomically(join(args.out, "report.json"), toJson(report) + "\n");
  writeAtomically(join(args.out, "report.md"), toMarkdown(report) + "\n");
  if (run.stats)
    console.log(
      `\ncpu: checks ${run.stats.runnerCpuSeconds.toFixed(1)} s, host ${run.stats.hostCpuSeconds.toFixed(1)} s, ${run.stats.hostCalls} host calls (${((run.stats.hostCpuSeconds * 1e6) / Math.max(1, run.stats.hostCalls)).toFixed(0)} µs of host CPU per call); wall ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  console.log(`\nreport written to ${join(args.out, "report.json")} and ${join(args.out, "report.md")}`);
  process.exit(run.incomplete.length > 0 ? 3 : report.totals.fail > 0 ? 1 : 0);
}

await main();
