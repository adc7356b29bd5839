/**
 * npm run conformance -- --impl ./path/to/adapter.ts [--out DIR] [--num-runs N] [--seed S] [--only ID,ID]
 *
 * Runs every applicable check (property laws, the book's fixtures and worked examples; claims and
 * golden checks as they are added to conformance/sources.ts) against the implementation the
 * adapter hands over, prints a report grouped by book section and writes it to DIR (default
 * results/conformance) as report.json and report.md.
 * Exit codes: 0 all applicable checks pass, 1 some check failed, 2 bad arguments or adapter.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AdapterError, loadAdapter, moduleFormatWarning, runChecks } from "../conformance/engine.js";
import { buildReport, toJson, toMarkdown, toText } from "../conformance/report.js";
import { loadChecks } from "../conformance/sources.js";
import { planted } from "../mistakes/registry.js";

const USAGE = "usage: npm run conformance -- --impl ./path/to/adapter.ts [--out DIR] [--num-runs N] [--seed S [--path P]] [--only ID,ID,…]";

function bad(msg: string): never {
  console.error(`conformance: ${msg}\n${USAGE}`);
  process.exit(2);
}

interface Args { impl: string; out: string; numRuns?: number; seed?: number; path?: string; only?: string[] }

function parseArgs(argv: string[]): Args {
  const opts: Partial<Args> & { out: string } = { out: "results/conformance" };
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
    if (a === "--impl") opts.impl = value();
    else if (a === "--out") opts.out = value();
    else if (a === "--num-runs") {
      opts.numRuns = int("--num-runs", value());
      if (opts.numRuns < 1) bad(`--num-runs expected an integer ≥ 1, received ${opts.numRuns}`);
    } else if (a === "--seed") opts.seed = int("--seed", value());
    else if (a === "--path") opts.path = value();
    else if (a === "--only") opts.only = value().split(",").map((s) => s.trim()).filter(Boolean);
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else bad(`unknown argument ${JSON.stringify(a)}`);
  }
  if (!opts.impl) bad("missing --impl (the adapter module to test)");
  if (opts.path !== undefined && opts.seed === undefined) bad("--path replays a fast-check counterexample and needs --seed");
  return opts as Args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let adapter;
  try {
    adapter = await loadAdapter(args.impl);
  } catch (e) {
    if (e instanceof AdapterError) bad(e.message);
    throw e;
  }
  const checks = await loadChecks();
  if (args.only) {
    const unknown = args.only.filter((id) => !checks.some((c) => c.id === id));
    if (unknown.length) bad(`--only: unknown check id(s) ${unknown.join(", ")}`);
  }
  const only = args.only ? new Set(args.only) : null;
  const format = moduleFormatWarning(args.impl);
  const { results, warnings } = await runChecks(adapter, checks, {
    numRuns: args.numRuns, seed: args.seed, path: args.path, replayCommand: `npm run conformance -- --impl ${args.impl}`, catalogue: planted, filter: only ? (c) => only.has(c.id) : undefined,
    onResult: (r) => process.stderr.write(r.status === "pass" ? "." : r.status === "fail" ? "F" : "-"),
  });
  process.stderr.write("\n");
  const report = buildReport(adapter.name, adapter.provides, results, format ? [format, ...warnings] : warnings);
  console.log(toText(report));
  mkdirSync(args.out, { recursive: true });
  writeFileSync(join(args.out, "report.json"), toJson(report) + "\n");
  writeFileSync(join(args.out, "report.md"), toMarkdown(report) + "\n");
  console.log(`\nreport written to ${join(args.out, "report.json")} and ${join(args.out, "report.md")}`);
  process.exit(report.totals.fail > 0 ? 1 : 0);
}

await main();
