/**
 * docs/speed.md's measured numbers are generated from a bench run's JSON (docs/speed.json) by
 * `npm run bench:docs` (scripts/bench-docs.ts), not typed: the page must equal what the script
 * makes of the checked-in JSON, and the block must change when the run does.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  BEGIN,
  DOC,
  END,
  README,
  RUN,
  readmeDoc,
  renderSpeedBlock,
  replaceBlock,
  speedDoc,
  type BenchJson,
} from "../../scripts/bench-docs.js";

describe("docs/speed.md shows the bench run of docs/speed.json, as `npm run bench:docs` writes it", () => {
  const doc = readFileSync(DOC, "utf8"),
    json = readFileSync(RUN, "utf8");

  it("the page equals the script's output for the checked-in run", () => {
    expect(
      doc === speedDoc(doc, json),
      "docs/speed.md's block between the bench markers is not what `npm run bench:docs` makes of docs/speed.json. " +
        "Usual mistake: a number typed or edited by hand in the block, or a new run copied to docs/speed.json without " +
        "running `npm run bench:docs`; run it and commit both files.",
    ).toBe(true);
  });

  it("the README's speed paragraph is the one `npm run bench:docs` makes of the same run", () => {
    const readme = readFileSync(README, "utf8");
    expect(readmeDoc(readme, json), "README.md's bench paragraph is stale: run npm run bench:docs").toBe(readme);
  });

  it("the block holds the run's own numbers: its TS/NumPy ratio on workers and its date", () => {
    const run = JSON.parse(json) as BenchJson;
    const block = doc.slice(doc.indexOf(BEGIN), doc.indexOf(END));
    if (run.compare.numpy) expect(block).toContain(`**${(run.compare.tsWorkers / run.compare.numpy).toFixed(2)}**`);
    expect(block).toContain(run.date.slice(0, 10));
    const faster = { ...run, compare: { ...run.compare, tsWorkers: run.compare.tsWorkers / 2 } };
    expect(renderSpeedBlock(faster), "a different run must give a different block").not.toBe(renderSpeedBlock(run));
  });

  it("refuses a page without the markers, naming them", () => {
    expect(() => replaceBlock("# Speed\nno markers here\n", "x")).toThrow(/bench:begin.*bench:end/);
  });
});
