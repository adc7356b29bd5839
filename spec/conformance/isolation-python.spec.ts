/**
 * Nothing an implementation does takes the runner down or turns a gate green: a method that never
 * returns, sys.exit / process.exit, a crash of the host, garbage on the protocol channel, a module
 * that loops or raises at import each end red (the check failed, the run marked incomplete) in
 * bounded time with a report of every check; output on stdout/stderr is harmless.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadChecks } from "../../conformance/sources.js";
import { supervise } from "../../conformance/isolation/supervisor.js";

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

describe("isolation: a hostile Python implementation ends red, in bounded time, with every check reported", () => {
  it("a method that loops forever: the host's time limit ends the call, the check fails, the run is incomplete", async () => {
    const { run, byId, seconds } = await runPython("spec/fixtures/python/hostile/loops");
    expect(run.results.map((r) => r.id)).toEqual(SGD_CHECKS.map((c) => c.id));
    expect(byId["book-path-momentum"].status).toBe("fail");
    expect(byId["book-path-momentum"].message).toMatch(/Momentum\.update did not return within [\d.]+ s/);
    expect(byId["sgd-exact-step"].status).toBe("pass");
    expect(run.incomplete.join("\n")).toMatch(/book-path-momentum: .*time limit/);
    expect(seconds).toBeLessThan(90);
  }, 150_000);

  it("a loop that swallows the time-limit signal: the supervisor ends the runner, reports the check failed and carries on", async () => {
    const { run, byId, seconds } = await runPython("spec/fixtures/pyhost/stubborn");
    expect(run.results.map((r) => r.id)).toEqual(SGD_CHECKS.map((c) => c.id));
    expect(byId["sgd-exact-step"].status).toBe("fail");
    expect(byId["sgd-exact-step"].message).toMatch(/did not return within the check's time limit of 1 s/);
    expect(byId["book-path-momentum"].status).toBe("not provided");
    expect(run.incomplete.length).toBeGreaterThanOrEqual(2);
    expect(seconds).toBeLessThan(90);
  }, 150_000);

  it("sys.exit(0) is caught by the host and fails the check", async () => {
    const { run, byId } = await runPython(
      "spec/fixtures/python/hostile/exits",
      pick("book-path-adagrad", "book-path-sgd"),
    );
    expect(byId["book-path-adagrad"].status).toBe("fail");
    expect(byId["book-path-adagrad"].message).toMatch(/AdaGrad\.update called sys\.exit\(0\)/);
    expect(byId["book-path-sgd"].status).toBe("pass");
    expect(run.incomplete.join("\n")).toMatch(/book-path-adagrad: .*sys\.exit/);
  }, 150_000);

  it("os._exit (the host process dies) and garbage on the protocol channel fail the check; a fresh host serves the next", async () => {
    const crash = await runPython("spec/fixtures/pyhost/crash");
    expect(crash.byId["sgd-exact-step"].status).toBe("fail");
    expect(crash.byId["sgd-exact-step"].message).toMatch(/host process ended/);
    expect(crash.byId["book-path-sgd"].status).toBe("fail");
    expect(crash.run.incomplete.join("\n")).toMatch(/sgd-exact-step: the implementation's host process failed/);
    const garbage = await runPython("spec/fixtures/pyhost/garbage");
    expect(garbage.byId["sgd-exact-step"].status).toBe("fail");
    expect(garbage.byId["sgd-exact-step"].message).toMatch(/garbage on the protocol channel: "this is not JSON"/);
    expect(garbage.run.incomplete.length).toBeGreaterThan(0);
  }, 200_000);

  it("a module that raises at import is reported, its names are not provided, and the run is incomplete", async () => {
    const { run, byId } = await runPython(
      "spec/fixtures/python/hostile/raises",
      pick("sgd-exact-step", "relu-gradient"),
    );
    expect(byId["sgd-exact-step"].status).toBe("pass");
    expect(byId["relu-gradient"].status).toBe("not provided");
    expect(run.incomplete.join("\n")).toMatch(/common\/layers\.py: raised at import, skipped: FileNotFoundError/);
  }, 150_000);

  it("a module that prints on every call, imports absent packages and plots at import still passes", async () => {
    const prints = await runPython("spec/fixtures/python/hostile/prints", pick("affine-gradient", "relu-gradient"));
    expect(prints.run.results.map((r) => r.status)).toEqual(["pass", "pass"]);
    expect(prints.run.incomplete).toEqual([]);
    const stubs = await runPython("spec/fixtures/pyhost/stubs", pick("sgd-exact-step", "book-path-sgd"));
    expect(stubs.run.results.map((r) => r.status)).toEqual(["pass", "pass"]);
    expect(stubs.run.implementation?.stubbed).toEqual(
      expect.arrayContaining(["matplotlib", "some_package_that_does_not_exist", "another"]),
    );
    expect(stubs.run.incomplete).toEqual([]);
  }, 200_000);
});
