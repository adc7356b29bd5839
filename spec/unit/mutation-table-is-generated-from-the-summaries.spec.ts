/**
 * docs/mutation.md's tables are made by scripts/mutation-table.ts from the checked-in chunk
 * summaries (mutation/summaries/) and mutation/equivalents.json, never typed: this spec renders
 * them again and compares. Also: the score arithmetic on a hand-counted summary, and every listed
 * equivalent mutant still matches a survivor and says why.
 */
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  regenerate,
  renderTable,
  summarize,
  type ChunkSummary,
  type Equivalent,
  type MutationReport,
  renderSummary,
  replaceBetween,
} from "../../tools/mutation-table.js";

const summaries = readdirSync("mutation/summaries")
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(`mutation/summaries/${f}`, "utf8")) as ChunkSummary);
const equivalents = JSON.parse(readFileSync("mutation/equivalents.json", "utf8")) as Equivalent[];

describe("docs/mutation.md's tables are the ones the summaries give", () => {
  it("regenerating the document from mutation/summaries and mutation/equivalents.json changes nothing", () => {
    const doc = readFileSync("docs/mutation.md", "utf8");
    expect(regenerate(doc, summaries, equivalents), "docs/mutation.md is stale: run npm run mutation:table").toBe(doc);
  });

  it("the README's mutation sentence is the one the summaries give", () => {
    const readme = readFileSync("README.md", "utf8");
    const next = replaceBetween(readme, "mutation-summary", renderSummary(summaries, equivalents));
    expect(next, "README.md's mutation summary is stale: run npm run mutation:table").toBe(readme);
  });

  it("every listed equivalent mutant matches at least one survivor of a checked-in run, and gives a reason", () => {
    const survivors = summaries.flatMap((s) => s.unkilled).filter((u) => u.status !== "NoCoverage");
    for (const e of equivalents) {
      const key = `${e.file} ${e.mutator}: ${e.original} → ${e.replacement}`;
      expect(
        survivors.some(
          (u) =>
            u.file === e.file &&
            u.mutator === e.mutator &&
            u.original === e.original &&
            u.replacement === e.replacement,
        ),
        `stale entry in mutation/equivalents.json (no survivor matches): ${key}`,
      ).toBe(true);
      expect(e.reason.length, `no reason given for ${key}`).toBeGreaterThan(20);
    }
  });
});

describe("the table's arithmetic on a hand-counted chunk", () => {
  // Twelve mutants of one file: 8 killed, 1 timed out, 2 survived, 1 without coverage, 1 compile
  // error. Score (8 + 1) / 12 = 75.0%; with one survivor equivalent, 9 / 11 = 81.8%.
  const src = "const a = 1;\nconst b = a + 2;\n";
  const at = (line: number, c0: number, c1: number) => ({ start: { line, column: c0 }, end: { line, column: c1 } });
  const mutant = (status: string, mutatorName = "ArithmeticOperator", replacement = "a - 2") => ({
    mutatorName,
    replacement,
    status,
    location: at(2, 11, 16),
  });
  const report: MutationReport = {
    files: {
      "src/x.ts": {
        source: src,
        mutants: [
          ...Array.from({ length: 8 }, () => mutant("Killed")),
          mutant("Timeout"),
          mutant("Survived"),
          mutant("Survived", "NumberLiteral", "0"),
          mutant("NoCoverage"),
          mutant("CompileError"),
        ],
      },
    },
  };
  const s = summarize(report, {
    chunk: "x",
    date: "2026-11-27T00:00:00Z",
    seconds: 1,
    load: [0, 0],
    incremental: false,
  });

  it("counts each status and keeps the original source text of what was not killed", () => {
    expect(s.modules["src/x.ts"]).toEqual({ killed: 8, timedOut: 1, survived: 2, noCoverage: 1, errors: 1 });
    expect(s.unkilled.map((u) => [u.status, u.original])).toEqual([
      ["Timeout", "a + 2"],
      ["Survived", "a + 2"],
      ["NoCoverage", "a + 2"],
      ["Survived", "a + 2"],
    ]);
  });

  it("scores 75.0% raw and 81.8% with the one equivalent set aside", () => {
    const eq: Equivalent = {
      file: "src/x.ts",
      mutator: "NumberLiteral",
      original: "a + 2",
      replacement: "0",
      reason: "",
    };
    const line = renderTable([s], [eq]).split("\n")[2];
    expect(line).toBe("| x | `src/x.ts` | 8 | 1 | 2 | 1 | 75.0% | 1 | 81.8% |");
  });

  it("an equivalent that timed out is set aside from the detected too: (9 − 1) / (12 − 2) = 80.0%", () => {
    const eq: Equivalent = {
      file: "src/x.ts",
      mutator: "ArithmeticOperator",
      original: "a + 2",
      replacement: "a - 2",
      reason: "",
    };
    const line = renderTable([s], [eq]).split("\n")[2];
    expect(line).toBe("| x | `src/x.ts` | 8 | 1 | 2 | 1 | 75.0% | 2 | 80.0% |");
  });
});
