/**
 * npm run misconceptions [-- --out DIR]
 *
 * Runs every planted entry of the registry (mistakes/registry.ts: mistakes and variants) against the
 * checks relevant to the names it changes and prints the kill table: the entry, its module, how many
 * checks kill it by name (their hint, from the numbers, names it), the checks and what they said.
 * Writes DIR/kill-table.json (default results/misconceptions).
 * Exit code 1 if any entry is killed by name by fewer than two checks, or a check its killedBy lists
 * did not kill it by name.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatKillTable, killTable, rowPasses } from "../mistakes/kill.js";
import { planted } from "../mistakes/registry.js";
import { loadChecks } from "../conformance/sources.js";

const argv = process.argv.slice(2);
let out = "results/misconceptions";
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--out" && argv[i + 1]) out = argv[++i];
  else {
    console.error(
      `misconceptions: unknown argument ${JSON.stringify(argv[i])}\nusage: npm run misconceptions [-- --out DIR]`,
    );
    process.exit(2);
  }
}
const checks = await loadChecks();
const rows = await killTable(planted, checks, { endOnFailure: true }, (r) =>
  process.stderr.write(rowPasses(r) ? "." : "!"),
);
process.stderr.write("\n");
console.log(formatKillTable(rows));
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "kill-table.json"), JSON.stringify(rows, null, 2) + "\n");
process.exit(rows.every(rowPasses) ? 0 : 1);
