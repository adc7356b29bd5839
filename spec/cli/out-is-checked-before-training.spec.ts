/**
 * `npm run experiment` checks --out before anything trains: a run of many minutes must never end
 * in an uncaught EEXIST or ENOTDIR with its results lost, and a folder on a kernel pseudo-filesystem
 * (/proc, /sys) is refused at once (mkdir -p under /proc never returns). Each run below would train
 * the book-size Figure 6-9 comparison (8,000 updates) if the folder were accepted.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkOutDir, OutDirError } from "../../scripts/experiment-output.js";
import { runCli } from "./cli.js";

describe("--out is checked before any training", () => {
  it("a file, a folder under a file, /proc/x and /sys/x: exit 2 within seconds, naming --out and why, nothing trained or overwritten", async () => {
    const dir = mkdtempSync(join(tmpdir(), "experiment-out-"));
    const file = join(dir, "a-file");
    writeFileSync(file, "keep me");
    const cases = [
      { out: file, why: /is a file, expected a folder/ },
      { out: join(file, "sub"), why: /a-file is a file, so no folder can be made under it/ },
      { out: "/proc/dlfs-experiment", why: /\/proc is a pseudo-filesystem/ },
      { out: "/sys/dlfs-experiment", why: /\/sys is a pseudo-filesystem/ },
    ];
    const runs = [];
    for (const c of cases) runs.push(await runCli(["optimizer-compare", "--out", c.out], { timeoutMs: 60_000 })); // one at a time: each is timed
    runs.forEach((r, k) => {
      const what = `optimizer-compare --out ${cases[k].out}`;
      expect(
        r.timedOut,
        `${what} was still running after 60 s: it trained (or spun) instead of refusing the folder first`,
      ).toBe(false);
      expect(r.code, `${what}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(`--out ${JSON.stringify(cases[k].out)}`);
      expect(r.stderr).toMatch(cases[k].why);
      expect(r.stderr, `${what}: the progress bar showed, so training started before --out was checked`).not.toMatch(
        /iterations/,
      );
      expect(r.ms, `${what} took ${r.ms} ms: --out must be refused within seconds`).toBeLessThan(20_000);
    });
    expect(readFileSync(file, "utf8"), "the file given as --out must be left as it was").toBe("keep me");
  }, 300_000);

  it("checkOutDir creates a missing folder (and its parents) and returns its absolute path; a file is an OutDirError", () => {
    const dir = mkdtempSync(join(tmpdir(), "experiment-out-"));
    const nested = join(dir, "a", "b");
    expect(checkOutDir(nested)).toBe(nested);
    expect(statSync(nested).isDirectory(), "the folder should exist after the check").toBe(true);
    expect(readdirSync(nested), "the write probe must not be left behind").toEqual([]);
    writeFileSync(join(dir, "f"), "");
    expect(() => checkOutDir(join(dir, "f"))).toThrow(OutDirError);
  });
});
