/**
 * npm run mutation:table: rewrites the generated sections of docs/mutation.md (the per-chunk,
 * per-module table, the runs, the equivalent mutants, the mutants still open) from the checked-in
 * chunk summaries (mutation/summaries/*.json, written by `npm run mutation -- --chunk NAME`) and
 * mutation/equivalents.json. `--check` only compares, and exits 1 when the document is stale.
 */
import { readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import {
  regenerate,
  renderSummary,
  replaceBetween,
  type ChunkSummary,
  type Equivalent,
} from "../tools/mutation-table.js";

const dir = "mutation/summaries";
const summaries = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(`${dir}/${f}`, "utf8")) as ChunkSummary);
const equivalents = JSON.parse(readFileSync("mutation/equivalents.json", "utf8")) as Equivalent[];
// docs/mutation.md's tables, and the README's one-sentence summary
const pages: [string, (doc: string) => string][] = [
  ["docs/mutation.md", (doc) => regenerate(doc, summaries, equivalents)],
  ["README.md", (doc) => replaceBetween(doc, "mutation-summary", renderSummary(summaries, equivalents))],
];
for (const [path, render] of pages) {
  const doc = readFileSync(path, "utf8");
  let next: string;
  try {
    next = render(doc);
  } catch (e) {
    console.error(`${path}: ${(e as Error).message}; put the two marker comments back where the generated text goes`);
    process.exit(2);
  }
  if (process.argv.includes("--check")) {
    if (next !== doc) {
      console.error(`${path}: the generated text differs from mutation/summaries; run npm run mutation:table`);
      process.exitCode = 1;
    } else console.log(`${path}: matches mutation/summaries`);
  } else {
    writeFileSync(`${path}.tmp`, next);
    renameSync(`${path}.tmp`, path);
    console.log(`${path}: regenerated from ${summaries.length} chunk summaries`);
  }
}
