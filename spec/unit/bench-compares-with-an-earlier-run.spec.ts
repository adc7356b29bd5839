/**
 * `npm run bench` compares each run with an earlier one (scripts/bench-history.ts): times before →
 * after, TS/NumPy ratios, and whether the losses have the same bits. A wrong --against is an error
 * naming the file; a damaged latest.json is a note, not a crash; runs of different sizes are not
 * compared where that would mislead.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareRuns, newestOfSize, previousRun, type BenchRun } from "../../scripts/bench-history.js";

const run = (over: Partial<BenchRun> & { sha?: string; workers?: number }): BenchRun => ({
  date: "2026-11-23T00:00:00Z",
  iterations: 200,
  products: [{ name: "x·W1", seconds: { tsWasm: 0.002, numpy: 0.0006 } }],
  iteration: { ts: 0.016, numpy: 0.007 },
  compare: {
    tsWorkers: over.workers ?? 8,
    ts1Thread: 14,
    tsWorkersDenseOnly: 9,
    numpy: 6,
    lossesSha256: over.sha ?? "aa",
  },
  maxRssKB: { tsWorkers: 160 * 1024 },
  ...over,
});

describe("the bench against an earlier run", () => {
  it("prints each time before → after with the factor, the TS/NumPy ratios, and whether the losses are the same bits", () => {
    const lines = compareRuns(
      run({}),
      run({ workers: 4, products: [{ name: "x·W1", seconds: { tsWasm: 0.001, numpy: 0.0006 } }] }),
    ).join("\n");
    expect(lines).toContain("x·W1");
    expect(lines).toMatch(/2\.000 ms → 1\.000 ms \(×0\.50\)/);
    expect(lines).toMatch(/comparison, TS workers\s+8000 ms → 4000 ms \(×0\.50\); TS\/NumPy 1\.33 → 0\.67/);
    expect(lines).toContain("the same bits as then");
    expect(compareRuns(run({}), run({ sha: "bb" })).join("\n"), "a changed SHA-256 must be called out").toContain(
      "DIFFERENT bits",
    );
  });

  it("does not compare comparisons of different sizes, and prints — for fields an older run lacks", () => {
    const lines = compareRuns(run({ iterations: 2000 }), run({})).join("\n");
    expect(lines).toContain("not comparable (2000 iterations then, 200 now)");
    expect(lines).not.toContain("same bits");
    const old = compareRuns({ date: "2026-01-01", iterations: 200 }, run({})).join("\n");
    expect(old).toContain("TS —");
    expect(old).toContain("no SHA-256 in one of the runs");
  });

  it("a missing or damaged --against file is an error naming it; a damaged latest.json is only a note", () => {
    const dir = mkdtempSync(join(tmpdir(), "bench-history-"));
    const missing = join(dir, "nope.json"),
      bad = join(dir, "bad.json");
    writeFileSync(bad, "{ not json");
    expect(() => previousRun(missing, join(dir, "latest.json"))).toThrow(
      /--against expects a bench JSON .*nope\.json \(no such file\)/,
    );
    expect(() => previousRun(bad, join(dir, "latest.json"))).toThrow(
      /--against expects a bench JSON .*bad\.json is not a bench JSON/,
    );
    expect(previousRun(undefined, bad).note).toMatch(/bad\.json is not a bench JSON .*not compared/);
    expect(previousRun(undefined, missing).note).toContain("no earlier run");
    writeFileSync(join(dir, "ok.json"), JSON.stringify(run({})));
    expect(previousRun(join(dir, "ok.json"), missing).run?.iterations).toBe(200);
  });

  it("by default compares with the newest earlier run of the same size, passing over damaged files", () => {
    const dir = mkdtempSync(join(tmpdir(), "bench-history-"));
    writeFileSync(join(dir, "2026-11-01T00-00-00-000Z.json"), JSON.stringify(run({ date: "a", iterations: 200 })));
    writeFileSync(join(dir, "2026-11-02T00-00-00-000Z.json"), JSON.stringify(run({ date: "b", iterations: 2000 })));
    writeFileSync(join(dir, "2026-11-03T00-00-00-000Z.json"), JSON.stringify(run({ date: "c", iterations: 200 })));
    writeFileSync(join(dir, "2026-11-04T00-00-00-000Z.json"), "{ damaged");
    writeFileSync(join(dir, "latest.json"), JSON.stringify(run({ date: "d", iterations: 20 })));
    expect(newestOfSize(dir, 200)).toBe(join(dir, "2026-11-03T00-00-00-000Z.json"));
    expect(newestOfSize(dir, 2000)).toBe(join(dir, "2026-11-02T00-00-00-000Z.json"));
    expect(newestOfSize(dir, 7), "no run of that size").toBeUndefined();
    expect(newestOfSize(join(dir, "missing"), 200)).toBeUndefined();
  });
});
