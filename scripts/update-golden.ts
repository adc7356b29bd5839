/**
 * Re-renders the golden baselines: golden/<name>.png, golden/<name>.json and golden/ENVIRONMENT.json.
 *
 *   npm run golden:update                      # every registered figure
 *   npm run golden:update -- --missing         # only figures without a baseline yet
 *   npm run golden:update -- --changed         # only figures whose numbers or PNG bytes differ from their baseline
 *   npm run golden:update -- fig6-08-path-sgd  # the named figures
 *
 * Refuses to write under CI=true: baselines are made by a person who then looks at every PNG
 * written (the list is printed) before committing them.
 */
import { existsSync, readFileSync } from "node:fs";
import { FIGURES } from "../src/figures/index.js";
import {
  ENVIRONMENT_FILE,
  asJson,
  compareNumbers,
  goldenJson,
  goldenPng,
  isCI,
  rel,
  unusedGoldens,
  writeEnvironment,
  writeGolden,
} from "../tools/golden-lib.js";

const args = process.argv.slice(2);
if (isCI()) {
  console.error(
    "update-golden: refusing to write baselines under CI=true. Run it on a workstation, look at the PNGs, and commit golden/.",
  );
  process.exit(1);
}
const flags = new Set(args.filter((a) => a.startsWith("--")));
const names = args.filter((a) => !a.startsWith("--"));
for (const f of flags)
  if (f !== "--missing" && f !== "--changed") {
    console.error(`update-golden: unknown option ${f} (expected --missing, --changed or figure names)`);
    process.exit(1);
  }
const known = new Set(FIGURES.map((f) => f.name));
const unknown = names.filter((n) => !known.has(n));
if (unknown.length > 0) {
  console.error(
    `update-golden: unknown figure ${unknown.map((n) => JSON.stringify(n)).join(", ")}; known: ${[...known].join(", ")}`,
  );
  process.exit(1);
}

const hasGolden = (name: string) => existsSync(goldenPng(name)) && existsSync(goldenJson(name));
const missingOnly = flags.has("--missing"),
  changedOnly = flags.has("--changed");
const written: string[] = [];
for (const fig of FIGURES.filter((f) => names.length === 0 || names.includes(f.name))) {
  const exists = hasGolden(fig.name);
  if (changedOnly && !missingOnly && !exists) continue; // --changed alone: leave missing ones alone
  if (missingOnly && !changedOnly && exists) continue; // --missing alone: leave existing ones alone
  const data = asJson(fig.data());
  const png = fig.render(data);
  if (changedOnly && exists) {
    const sameNumbers = compareNumbers(data, JSON.parse(readFileSync(goldenJson(fig.name), "utf8")), fig.atol).ok;
    if (sameNumbers && readFileSync(goldenPng(fig.name)).equals(png)) continue;
  }
  writeGolden(fig.name, data, png);
  written.push(fig.name);
  console.log(`wrote ${rel(goldenPng(fig.name))} and .json  (${fig.bookFigure})`);
}
if (written.length > 0 || !existsSync(ENVIRONMENT_FILE)) {
  const env = writeEnvironment();
  console.log(
    `wrote golden/ENVIRONMENT.json (canvas ${env.canvas}, Cairo ${env.cairo}, font sha256 ${env.fontSha256.slice(0, 12)}…)`,
  );
}
console.log(
  written.length > 0
    ? `${written.length} baseline(s) written: look at each PNG before committing.`
    : "nothing to write: every selected baseline is up to date.",
);
const unused = unusedGoldens(FIGURES.map((f) => f.name));
if (unused.length > 0)
  console.log(
    `golden files no figure uses (delete them, or the golden suite fails): ${unused.map((f) => `golden/${f}`).join(", ")}`,
  );
