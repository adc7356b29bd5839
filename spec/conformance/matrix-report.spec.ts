/**
 * The matrix report puts many implementations side by side, one row per implementation and one
 * column per check, each cell exactly the status that implementation's own run gave; a row is
 * "pass" only when its run finished with every applicable check passing.
 *
 * Rendering and merging are checked on hand-made reports; the command is checked end to end on the
 * repository's TypeScript adapters (the reference and the flawed port, predicted by its FLAWS
 * list) and, in python-ports.spec.ts (one matrix run that file's claims share), on four Python
 * ports of spec/fixtures/python predicted by their MANIFEST.json.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildMatrix,
  matrixToHtml,
  matrixToMarkdown,
  mergeMatrices,
  runStatus,
  type Matrix,
  type RunOutcome,
} from "../../conformance/matrix-report.js";
import type { Report } from "../../conformance/report.js";
import type { CheckResult } from "../../conformance/engine.js";
import { loadAdapter, runChecks } from "../../conformance/engine.js";
import { loadChecks } from "../../conformance/sources.js";
import { FLAWS } from "../../conformance/adapters/flawed-port/adapter.js";
import { FAST, ROOT, runMatrix } from "./matrix-cli.js";

function result(id: string, group: CheckResult["group"], status: CheckResult["status"], message?: string): CheckResult {
  const r: CheckResult = { id, group, section: `§ ${id}`, title: `title of ${id}`, kind: "property", status, ms: 1 };
  if (message !== undefined) r.message = message;
  return r;
}

function report(name: string, results: CheckResult[]): Report {
  const count = (s: CheckResult["status"]) => results.filter((r) => r.status === s).length;
  const keys = [...new Set(results.map((r) => r.group))];
  return {
    adapter: name,
    provides: [],
    date: "d",
    warnings: [],
    totals: { pass: count("pass"), fail: count("fail"), notProvided: count("not provided") },
    groups: keys.map((key) => ({ key, title: key, results: results.filter((r) => r.group === key) })),
  };
}

function outcome(name: string, exitCode: number | null, rep: RunOutcome["report"]): RunOutcome {
  return { name, source: `impls/${name}`, kind: "python", exitCode, report: rep };
}

describe("the matrix: rows are implementations, columns are checks, cells the runs' own statuses", () => {
  // Reports list checks in different orders and subsets: a support check first, a §6.3 check only in one.
  const a = report("a", [result("relu-gradient", "support", "pass"), result("sgd-exact-step", "6.1", "pass")]);
  const b = report("b", [
    result("sgd-exact-step", "6.1", "fail", "expected 1, received <2>"),
    result("batchnorm-test-mode", "6.3", "not provided"),
    result("relu-gradient", "support", "pass"),
  ]);

  it("columns follow the book's order of sections, and a check a report lacks is 'missing'", () => {
    const m = buildMatrix([outcome("a", 0, a), outcome("b", 1, b)], "D");
    expect(m.columns.map((c) => c.id)).toEqual(["sgd-exact-step", "batchnorm-test-mode", "relu-gradient"]);
    expect(m.rows.map((r) => r.name)).toEqual(["a", "b"]);
    expect(m.rows[0].cells).toEqual({
      "sgd-exact-step": "pass",
      "batchnorm-test-mode": "missing",
      "relu-gradient": "pass",
    });
    expect(m.rows[1].cells).toEqual({
      "sgd-exact-step": "fail",
      "batchnorm-test-mode": "not provided",
      "relu-gradient": "pass",
    });
    expect(m.rows[0].totals).toEqual({ pass: 2, fail: 0, notProvided: 0, missing: 1 });
    expect(m.rows[1].messages).toEqual({ "sgd-exact-step": "expected 1, received <2>" });
    expect(m.totals).toEqual({ implementations: 2, pass: 1, fail: 1, error: 0 });
  });

  it("a row passes only with exit 0, a finished report and no failing check", () => {
    expect(runStatus({ exitCode: 0, report: a })).toBe("pass");
    expect(runStatus({ exitCode: 0, report: b })).toBe("fail"); // a failing check wins over the exit code
    expect(runStatus({ exitCode: 1, report: a })).toBe("fail");
    // The runner lists why a run is incomplete (a hung check) and exits 3.
    const hung = { ...a, incomplete: ["sgd-exact-step: no answer within 10 s"] } as Report;
    expect(runStatus({ exitCode: 0, report: hung })).toBe("error");
    expect(runStatus({ exitCode: 3, report: hung })).toBe("error");
    expect(runStatus({ exitCode: 0, report: { ...a, incomplete: [] } as Report })).toBe("pass");
    expect(matrixToMarkdown(buildMatrix([outcome("h", 3, hung)]))).toContain(
      "| h | **ERROR** | 2 | 0 | 0 |  incomplete: sgd-exact-step: no answer within 10 s |",
    );
    expect(runStatus({ exitCode: 2, report: a })).toBe("error");
    expect(runStatus({ exitCode: null, report: a })).toBe("error"); // killed at the time limit
    expect(runStatus({ exitCode: 0, report: null })).toBe("error");
  });

  it("two implementations with the same name get distinct rows", () => {
    const m = buildMatrix([outcome("port", 0, a), outcome("port", 0, a)]);
    expect(m.rows.map((r) => r.name)).toEqual(["port", "port (2)"]);
  });

  it("Markdown: a summary row per implementation and a grid of symbols per check", () => {
    const broken: RunOutcome = { ...outcome("c|d", null, null), error: "timed out after 5 s" };
    const md = matrixToMarkdown(buildMatrix([outcome("a", 0, a), outcome("b", 1, b), broken], "D"));
    expect(md).toContain("3 implementation(s) × 3 checks, D. **1 pass, 1 fail, 1 error.**");
    expect(md).toContain("| a | pass | 2 | 0 | 0 |  |");
    expect(md).toContain("| b | **FAIL** | 1 | 1 | 1 | `sgd-exact-step` |");
    expect(md).toContain("| c\\|d | **ERROR** | 0 | 0 | 0 |  timed out after 5 s |");
    expect(md).toContain("| `sgd-exact-step` | ✓ | ✗ | ? |");
    expect(md).toContain("| `batchnorm-test-mode` | ? | · | ? |");
  });

  it("HTML: self-contained, one colored cell per check, names and messages escaped", () => {
    const evil = report("e", [result("sgd-exact-step", "6.1", "fail", "</pre><script>alert(1)</script>")]);
    const html = matrixToHtml(buildMatrix([outcome("<img src=x>", 1, evil), outcome("a", 0, a)], "D"));
    expect(html).not.toMatch(/<script|<img|<link|src=["']http/);
    expect(html).toContain("&lt;img src=x&gt;");
    expect(html).toContain("&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html.match(/<td class="c (pass|fail|notprovided|missing)"/g)?.length).toBe(2 * 2);
    expect(html).toContain('<td class="c fail"');
  });

  it("merging shards keeps every row and unions the columns (absent ones 'missing')", () => {
    const m1 = buildMatrix([outcome("a", 0, a)], "D1");
    const m2 = buildMatrix([outcome("b", 1, b), outcome("a", 0, a)], "D2");
    const m = mergeMatrices([m1, m2], "D");
    expect(m.rows.map((r) => r.name)).toEqual(["a", "b", "a (2)"]);
    expect(m.columns.map((c) => c.id)).toEqual(["sgd-exact-step", "batchnorm-test-mode", "relu-gradient"]);
    expect(m.rows[0].cells["batchnorm-test-mode"]).toBe("missing");
    expect(m.rows[0].totals.missing).toBe(1);
    expect(m.totals).toEqual({ implementations: 3, pass: 2, fail: 1, error: 0 });
  });
});

describe("the command, end to end", () => {
  it("bad arguments exit 2 and say which", async () => {
    const [none, missing, shard] = await Promise.all([
      runMatrix([]),
      runMatrix(["no/such/dir"]),
      runMatrix(["--shard", "3/2", "conformance"]),
    ]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no implementations");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no/such/dir: no such file or directory");
    expect(shard.code).toBe(2);
    expect(shard.stderr).toContain('--shard expected I/N with 1 ≤ I ≤ N, received "3/2"');
  });

  it("--merge joins shards' matrix.json files into one report, links pointing at each shard's runs", async () => {
    const out = mkdtempSync(join(tmpdir(), "matrix-merge-"));
    const a1 = report("a", [result("sgd-exact-step", "6.1", "pass")]);
    const b1 = report("b", [result("sgd-exact-step", "6.1", "fail", "expected 1, received 2")]);
    for (const [dir, o] of [
      ["shard-1", outcome("a", 0, a1)],
      ["shard-2", outcome("b", 1, b1)],
    ] as const) {
      const m = buildMatrix([{ ...o, reportDir: `runs/${o.name}` }]);
      spawnSync("mkdir", ["-p", join(out, dir)]);
      writeFileSync(join(out, dir, "matrix.json"), JSON.stringify(m));
    }
    const run = await runMatrix([
      "--merge",
      join(out, "shard-1"),
      join(out, "shard-2", "matrix.json"),
      "--out",
      join(out, "merged"),
    ]);
    expect(run.code, run.stderr).toBe(1);
    const m = JSON.parse(readFileSync(join(out, "merged", "matrix.json"), "utf8")) as Matrix;
    expect(m.rows.map((r) => [r.name, r.status, r.reportDir])).toEqual([
      ["a", "pass", "../shard-1/runs/a"],
      ["b", "fail", "../shard-2/runs/b"],
    ]);
    expect(readFileSync(join(out, "merged", "matrix.html"), "utf8")).toContain('href="../shard-2/runs/b/report.md"');
    const badMerge = await runMatrix(["--merge", join(out, "nothing-here")]);
    expect(badMerge.code).toBe(2);
    expect(badMerge.stderr).toContain("no matrix.json there");
  });

  it("the reference and the flawed TypeScript port: every cell as their own runs give it, the flaws exactly", async () => {
    const out = mkdtempSync(join(tmpdir(), "matrix-ts-"));
    const list = join(out, "list.txt");
    writeFileSync(
      list,
      `# two adapters\n${join(ROOT, "conformance/adapters/reference.ts")}\n\n${join(ROOT, "conformance/adapters/flawed-port/adapter.ts")} --name flawed\n`,
    );
    const run = await runMatrix(["--list", list, "--out", out, "--jobs", "2", ...FAST]);
    expect(run.code, run.stderr).toBe(1);
    const m = JSON.parse(readFileSync(join(out, "matrix.json"), "utf8")) as Matrix;
    const checks = await loadChecks();
    expect(m.rows.map((r) => [r.name, r.status])).toEqual([
      ["reference", "pass"],
      ["flawed", "fail"],
    ]);
    expect(m.columns.map((c) => c.id).sort()).toEqual(checks.map((c) => c.id).sort());
    // The reference passes every check (README: it satisfies the whole contract).
    expect(Object.values(m.rows[0].cells).every((c) => c === "pass")).toBe(true);
    // The flawed port fails exactly its FLAWS; every other cell equals an in-process run of the engine.
    const flawed = m.rows[1];
    const failing = Object.entries(flawed.cells)
      .filter(([, c]) => c === "fail")
      .map(([id]) => id)
      .sort();
    expect(failing).toEqual(FLAWS.flatMap((f) => f.fails).sort());
    const direct = await runChecks(await loadAdapter("conformance/adapters/flawed-port/adapter.ts"), checks, {
      numRuns: 4,
      seed: 7,
    });
    expect(flawed.cells).toEqual(Object.fromEntries(direct.results.map((r) => [r.id, r.status])));
    expect(existsSync(join(out, "runs", "flawed", "report.md"))).toBe(true);
    expect(readFileSync(join(out, "matrix.md"), "utf8")).toContain("| flawed | **FAIL** |");
    expect(readFileSync(join(out, "matrix.html"), "utf8")).toContain('href="runs/flawed/report.md"');
  }, 120_000);
});
