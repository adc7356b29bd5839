/**
 * npm run mutation:table: rewrites the generated sections of docs/mutation.md (the per-chunk,
 * per-module table, the runs, the equivalent mutants, the mutants still open) from the checked-in
 * chunk summaries (mutation/summaries/*.json, written by `npm run mutation -- --chunk NAME`) and
 * mutation/equivalents.json. `--check` only compares, and exits 1 when the document is stale.
 */
import { readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { regenerate, type ChunkSummary, type Equivalent } from "../tools/mutation-table.js";

const dir = "mutation/summaries";
const summaries = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(`${dir}/${f}`, "utf8")) as ChunkSummary);
const equivalents = JSON.parse(readFileSync("mutation/equivalents.json", "utf8")) as Equivalent[];
const doc = readFileSync("docs/mutation.md", "utf8");
const next = regenerate(doc, summaries, equivalents);
if (process.argv.includes("--check")) {
  if (next !== doc) {
    console.error("docs/mutation.md: the generated tables differ from mutation/summaries; run npm run mutation:table");
    process.exit(1);
  }
  console.log("docs/mutation.md: tables match mutation/summaries");
} else {
  writeFileSync("docs/mutation.md.tmp", next);
  renameSync("docs/mutation.md.tmp", "docs/mutation.md");
  console.log(`docs/mutation.md: tables regenerated from ${summaries.length} chunk summaries`);
}
