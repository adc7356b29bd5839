/**
 * Where `npm test`'s time goes, from a vitest JSON report: each spec file's duration, longest
 * first, and their sum (docs/testing.md). Plain JavaScript, like scripts/test.mjs.
 *
 *   npx vitest run --reporter=json --outputFile=out/test-times.json
 *   node scripts/test-times.mjs out/test-times.json [--top N]
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";

const [file, flag, n] = process.argv.slice(2);
if (!file || (flag !== undefined && (flag !== "--top" || !(Number(n) > 0)))) {
  console.error("usage: node scripts/test-times.mjs REPORT.json [--top N]");
  process.exit(2);
}
const report = JSON.parse(readFileSync(file, "utf8"));
const rows = report.testResults
  .map((f) => ({
    file: relative(process.cwd(), f.name),
    s: (f.endTime - f.startTime) / 1000,
    tests: f.assertionResults.length,
    failed: f.assertionResults.filter((a) => a.status === "failed").length,
  }))
  .sort((a, b) => b.s - a.s);
const sum = rows.reduce((t, r) => t + r.s, 0);
for (const r of rows.slice(0, flag ? Number(n) : rows.length))
  console.log(
    `${r.s.toFixed(1).padStart(7)} s ${(((100 * r.s) / sum).toFixed(1) + "%").padStart(6)}  ${r.file} (${r.tests} tests${r.failed ? `, ${r.failed} failed` : ""})`,
  );
console.log(
  `${sum.toFixed(1).padStart(7)} s in ${rows.length} files, ${report.numTotalTests} tests (${report.numFailedTests} failed); on 2 workers at best ${(sum / 2).toFixed(1)} s of wall time`,
);
