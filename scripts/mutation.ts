/**
 * npm run mutation -- --chunk NAME: Stryker's mutation test of one chunk of the reference
 * (mutation/chunks.json: the files it mutates and the only specs it runs). `--list` prints the
 * chunks. Results land in results/mutation/NAME/ (mutation.json, mutation.html); the small
 * summary the docs table is made from goes to mutation/summaries/NAME.json (checked in; then
 * `npm run mutation:table`). `--incremental` reuses the last run's results for the mutants and
 * tests that did not change (Stryker's incremental mode; the summary says so).
 *
 * StrykerJS 10 refuses to start on Node < 22 (a version guard run when its module loads); this
 * project pins Node 20 (see docs/mutation.md). The guard reads process.version, so this script reports
 * Node 22 to it for the import only — the run itself is what tells whether Stryker works here.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync } from "node:fs";
import { loadavg } from "node:os";
import { summarize, type ChunkSummary, type MutationReport } from "../tools/mutation-table.js";

type Chunk = { mutate: string[]; specs: string[] };
const chunks = JSON.parse(readFileSync("mutation/chunks.json", "utf8")) as Record<string, Chunk>;
const names = Object.keys(chunks).filter((k) => !k.startsWith("_"));

const args = process.argv.slice(2);
const flag = (f: string) => args.includes(f);
const value = (f: string) => {
  const i = args.indexOf(f);
  return i >= 0 ? args[i + 1] : undefined;
};
if (flag("--list")) {
  for (const n of names) console.log(`${n}: ${chunks[n].mutate.join(", ")}`);
  process.exit(0);
}
const name = value("--chunk");
if (!name || !names.includes(name)) {
  console.error(
    `npm run mutation: argument '--chunk' expected one of ${names.join(", ")}, received ${name === undefined ? "nothing" : JSON.stringify(name)}`,
  );
  process.exit(2);
}
const chunk = chunks[name];
const out = `mutation/summaries/${name}.json`;

function writeSummary(summary: ChunkSummary): void {
  mkdirSync("mutation/summaries", { recursive: true });
  writeFileSync(`${out}.tmp`, `${JSON.stringify(summary, null, 2)}\n`);
  renameSync(`${out}.tmp`, out);
}

// --summary-only: rebuild the summary from the last run's mutation.json (same run: time and load kept).
if (flag("--summary-only")) {
  const last = JSON.parse(readFileSync(out, "utf8")) as ChunkSummary;
  const report = JSON.parse(readFileSync(`results/mutation/${name}/mutation.json`, "utf8")) as MutationReport;
  const { modules: _m, unkilled: _u, ...meta } = last;
  writeSummary(summarize(report, meta));
  console.log(`${out} rebuilt from results/mutation/${name}/mutation.json`);
  process.exit(0);
}
const dir0 = `results/mutation/${name}`;
// --incremental with no earlier incremental file is a full run: the summary says which it was.
const incremental = flag("--incremental") && existsSync(`${dir0}/stryker-incremental.json`);
const dir = `results/mutation/${name}`;
mkdirSync(dir, { recursive: true });
// vitest.stryker.config.ts reads the chunk's spec list from here (Stryker's runners inherit the environment).
process.env.MUTATION_SPECS = JSON.stringify(chunk.specs);

const real = process.version;
Object.defineProperty(process, "version", { value: "v22.0.0", configurable: true });
const { Stryker } = await import("@stryker-mutator/core");
Object.defineProperty(process, "version", { value: real, configurable: true });

const load0 = loadavg()[0],
  t0 = performance.now();
const results = await new Stryker({
  configFile: "stryker.config.json",
  mutate: chunk.mutate,
  jsonReporter: { fileName: `${dir}/mutation.json` },
  htmlReporter: { fileName: `${dir}/mutation.html` },
  incremental: flag("--incremental"),
  incrementalFile: `${dir}/stryker-incremental.json`,
}).runMutationTest();
const seconds = (performance.now() - t0) / 1000;
const counts: Record<string, number> = {};
for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
console.log(JSON.stringify(counts));

const report = JSON.parse(readFileSync(`${dir}/mutation.json`, "utf8")) as MutationReport;
const summary = summarize(report, {
  chunk: name,
  date: new Date().toISOString(),
  seconds: Math.round(seconds),
  load: [Math.round(load0 * 100) / 100, Math.round(loadavg()[0] * 100) / 100],
  incremental,
});
writeSummary(summary);
console.log(`${name}: ${Math.round(seconds)} s; summary in ${out} (then: npm run mutation:table)`);
