/**
 * npm run misconceptions [-- --out DIR]
 *
 * Runs every planted misconception (mistakes/misconceptions, plus mistakes/broken) against the checks
 * relevant to the names it changes and prints the kill table: the bug, its module, the checks that
 * killed it and what they said. Writes DIR/kill-table.json (default results/misconceptions).
 * Exit code 1 if any misconception survives or is killed only by checks that do not name it.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatKillTable, killTable, loadMisconceptions } from "../mistakes/kill.js";
import { loadChecks } from "../conformance/sources.js";

const argv = process.argv.slice(2);
let out = "results/misconceptions";
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--out" && argv[i + 1]) out = argv[++i];
  else {
    console.error(`misconceptions: unknown argument ${JSON.stringify(argv[i])}\nusage: npm run misconceptions [-- --out DIR]`);
    process.exit(2);
  }
}
const checks = await loadChecks();
const misconceptions = loadMisconceptions();
const rows = await killTable(misconceptions, checks, { endOnFailure: true }, (r) => process.stderr.write(r.status === "killed" ? "." : "!"));
process.stderr.write("\n");
console.log(formatKillTable(rows));
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "kill-table.json"), JSON.stringify(rows, null, 2) + "\n");
process.exit(rows.every((r) => r.status === "killed") ? 0 : 1);
