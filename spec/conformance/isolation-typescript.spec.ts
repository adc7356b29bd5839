/**
 * Nothing an implementation does takes the runner down or turns a gate green: a method that never
 * returns, sys.exit / process.exit, a crash of the host, garbage on the protocol channel, a module
 * that loops or raises at import each end red (the check failed, the run marked incomplete) in
 * bounded time with a report of every check; output on stdout/stderr is harmless.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { CheckResult } from "../../conformance/engine.js";
import { loadChecks } from "../../conformance/sources.js";
import { runnerProgram, supervise } from "../../conformance/isolation/supervisor.js";

const checks = await loadChecks();
const pick = (...ids: string[]) => ids.map((id) => checks.find((c) => c.id === id)!);
const SGD_CHECKS = pick("sgd-exact-step", "book-path-sgd", "book-path-momentum");
/**
 * A short time limit proves what the default 10 s would (the hang is ended, the run goes on), without
 * waiting 10 s per hang; the checks that pass here take milliseconds. GRACE: the supervisor's wait
 * past the limit for the runner to report a hang itself (3 s by default). The defaults themselves
 * are checked with fake timers (isolation-typescript.spec.ts).
 */
const LIMIT = 1;
const GRACE = 1;
const FAST = { numRuns: 3, replayCommand: "test" };

async function runPython(dir: string, selected = SGD_CHECKS) {
  const t0 = Date.now();
  const run = await supervise({ mode: "python", target: dir, checkTimeoutS: LIMIT, ...FAST }, selected, {
    checkTimeoutS: LIMIT,
    graceS: GRACE,
    loadTimeoutS: 60,
    runTimeoutS: 150,
  });
  return { run, seconds: (Date.now() - t0) / 1000, byId: Object.fromEntries(run.results.map((r) => [r.id, r])) };
}

async function runAdapter(path: string, selected = SGD_CHECKS, loadTimeoutS = 20) {
  const t0 = Date.now();
  const run = await supervise({ mode: "impl", target: path, checkTimeoutS: LIMIT, ...FAST }, selected, {
    checkTimeoutS: LIMIT,
    graceS: GRACE,
    loadTimeoutS,
    runTimeoutS: 120,
  });
  return { run, seconds: (Date.now() - t0) / 1000, byId: Object.fromEntries(run.results.map((r) => [r.id, r])) };
}

describe("isolation: hostile TypeScript adapters end non-zero in bounded time; a chatty one passes", () => {
  it("an update that never returns: the check fails with the time limit, the next checks still run", async () => {
    const { run, byId, seconds } = await runAdapter("spec/fixtures/adapters-hostile/loop-in-update.ts");
    expect(run.results.map((r) => r.id)).toEqual(SGD_CHECKS.map((c) => c.id));
    expect(byId["sgd-exact-step"].status).toBe("fail");
    expect(byId["sgd-exact-step"].message).toMatch(/did not return within the check's time limit of 1 s/);
    expect(byId["book-path-momentum"].status).toBe("pass");
    expect(run.incomplete.length).toBe(2);
    expect(seconds).toBeLessThan(90);
  }, 150_000);

  it("process.exit(0) inside update fails the check instead of ending the run green", async () => {
    const { run, byId } = await runAdapter("spec/fixtures/adapters-hostile/exits-zero.ts");
    expect(byId["sgd-exact-step"].status).toBe("fail");
    expect(byId["sgd-exact-step"].message).toMatch(/exited with code 0/);
    expect(byId["book-path-momentum"].status).toBe("pass");
    expect(run.incomplete.length).toBe(2);
  }, 150_000);

  it("a module that loops at import: the run is incomplete and every check is reported not run", async () => {
    // A 3 s load limit instead of 20: the import never ends, so any limit is reached.
    const { run, seconds } = await runAdapter("spec/fixtures/adapters-hostile/loop-at-import.ts", SGD_CHECKS, 3);
    expect(run.results.map((r) => [r.id, r.status])).toEqual(SGD_CHECKS.map((c) => [c.id, "fail"]));
    expect(run.results[0].message).toMatch(
      /not run: the implementation did not load \(it did not finish loading within 3 s/,
    );
    expect(run.incomplete.join("\n")).toMatch(/did not load/);
    expect(seconds).toBeLessThan(60);
  }, 150_000);

  it("a module that throws at import: every check is reported not run, the first with the error it threw", async () => {
    const { run } = await runAdapter("spec/fixtures/adapters-hostile/throws-at-import.ts");
    expect(run.results.map((r) => [r.id, r.status])).toEqual(SGD_CHECKS.map((c) => [c.id, "fail"]));
    expect(run.results[0].message).toMatch(
      /^not run: the implementation did not load \(the process exited with code 1/,
    );
    expect(run.results[0].message).toMatch(
      /the adapter module failed to load: weights\.json is missing next to the adapter/,
    );
    expect(run.results[1].message).not.toMatch(/weights\.json/);
    expect(run.incomplete.join("\n")).toMatch(/did not load/);
  }, 150_000);

  it("a runner spinning in an adapter's endless loop ends itself when its supervisor is killed", async () => {
    const config = {
      mode: "impl" as const,
      target: "spec/fixtures/adapters-hostile/loop-in-update.ts",
      checkTimeoutS: 10,
      ...FAST,
    };
    const program = await runnerProgram(config);
    // A stand-in supervisor: forks the runner as the supervisor does, prints its pid once it is
    // ready (its first check, sgd-exact-step, then spins in update), and waits to be killed.
    const standIn = spawn(
      process.execPath,
      [
        "-e",
        `const c = require("node:child_process").fork(${JSON.stringify(program.module)}, [${JSON.stringify(
          JSON.stringify({ ...config, ids: ["sgd-exact-step"] }),
        )}], { execArgv: ${JSON.stringify(program.execArgv)}, stdio: ["ignore", "ignore", "ignore", "ipc"] });
         c.on("message", (m) => { if (m.type === "ready") console.log(c.pid); });
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const pid = await new Promise<number>((done) =>
      standIn.stdout!.once("data", (d) => done(Number(String(d).trim()))),
    );
    // Running, not a zombie waiting for init to reap it (a zombie runs no code).
    const alive = () => {
      try {
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
      } catch {
        try {
          process.kill(pid, 0); // no /proc here: a zombie counts as alive, which only makes this wait longer
          return true;
        } catch {
          return false;
        }
      }
    };
    try {
      await new Promise((r) => setTimeout(r, 100)); // into the loop
      expect(alive(), "the runner is spinning before its supervisor is killed").toBe(true);
      standIn.kill("SIGKILL");
      for (let waited = 0; alive() && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      expect(alive(), "the orphaned runner ended itself within 5 s").toBe(false);
    } finally {
      if (alive()) process.kill(pid, "SIGKILL");
    }
  }, 60_000);

  it("a chatty adapter that prints on every call passes", async () => {
    const { run } = await runAdapter("spec/fixtures/adapters-hostile/chatty.ts");
    expect(run.results.map((r) => r.status)).toEqual(["pass", "pass", "pass"]);
    expect(run.incomplete).toEqual([]);
  }, 150_000);
});

describe("the default time limits, on fake timers (no waiting)", () => {
  /** Real time, for waiting on the runner process while the supervisor's timers are fake. */
  const realSetTimeout = globalThis.setTimeout;
  const sleep = (ms: number) => new Promise((r) => realSetTimeout(r, ms));

  it("a check gets 10 s, and the runner 3 s more to report a hang itself: nothing ends it before 13 s", async () => {
    // The runner is told 10 s, as the CLI tells it by default; the supervisor's own limit is its default.
    const config = {
      mode: "impl",
      target: "spec/fixtures/adapters-hostile/loop-in-update.ts",
      checkTimeoutS: 10,
      ...FAST,
    } as const;
    await runnerProgram(config); // the runner's bundle is made on the real clock: the limits timed start at the fork
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const results: CheckResult[] = [];
      // book-path-momentum passes; its result starts the clock of sgd-exact-step, which hangs.
      const done = supervise(config, pick("book-path-momentum", "sgd-exact-step"), {
        onResult: (r) => results.push(r),
      });
      for (let waited = 0; results.length === 0 && waited < 60_000; waited += 20) await sleep(20);
      expect(results.map((r) => [r.id, r.status])).toEqual([["book-path-momentum", "pass"]]);
      await vi.advanceTimersByTimeAsync(12_999);
      await sleep(50);
      expect(results.length, "the hang was ended before 10 s + 3 s").toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      const run = await done;
      expect(run.results[1].id).toBe("sgd-exact-step");
      expect(run.results[1].message).toMatch(/did not return within the check's time limit of 10 s/);
    } finally {
      vi.useRealTimers();
    }
  }, 60_000);

  it("loading gets 30 s: nothing ends a load before that", async () => {
    const config = {
      mode: "impl",
      target: "spec/fixtures/adapters-hostile/loop-at-import.ts",
      checkTimeoutS: 10,
      ...FAST,
    } as const;
    await runnerProgram(config); // the runner's bundle is made on the real clock: the load limit starts at the fork
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      let ended = false;
      const done = supervise(config, pick("sgd-exact-step")).finally(() => (ended = true));
      await sleep(200); // the runner is forked and the load timer armed
      await vi.advanceTimersByTimeAsync(29_999);
      await sleep(50);
      expect(ended, "the load was ended before 30 s").toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      const run = await done;
      expect(run.results[0].message).toMatch(/did not load \(it did not finish loading within 30 s/);
    } finally {
      vi.useRealTimers();
    }
  }, 60_000);
});

describe("the CLI: exit codes and the report", () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ["scripts/run.mjs", "conformance", ...args], {
      encoding: "utf8",
      timeout: 150_000,
    });

  it("a bad --out is rejected (exit 2) before any check runs", () => {
    const dir = mkdtempSync(join(tmpdir(), "conformance-out-"));
    const file = join(dir, "a-file");
    writeFileSync(file, "x");
    const r = cli("--impl", "conformance/adapters/reference.ts", "--out", file);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out .*a-file: expected a directory, received a file/);
    expect(r.stderr).not.toMatch(/[.F]{3}/);
  }, 60_000);

  it("process.exit(0) in an adapter ends the CLI with exit code 3 and a complete report marked incomplete", () => {
    const out = mkdtempSync(join(tmpdir(), "conformance-out-"));
    const r = cli(
      "--impl",
      "spec/fixtures/adapters-hostile/exits-zero.ts",
      "--only",
      "sgd-exact-step,book-path-momentum",
      "--check-timeout",
      "5",
      "--out",
      out,
    );
    expect(r.status, r.stdout + r.stderr).toBe(3);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(report.incomplete.length).toBe(1);
    expect(
      report.groups.flatMap((g: { results: { id: string; status: string }[] }) =>
        g.results.map((x) => [x.id, x.status]),
      ),
    ).toEqual([
      ["sgd-exact-step", "fail"],
      ["book-path-momentum", "pass"],
    ]);
    expect(existsSync(join(out, "report.md"))).toBe(true);
  }, 150_000);
});
