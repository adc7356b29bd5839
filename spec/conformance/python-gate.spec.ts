/**
 * The gate for forks (action.yml, .github/workflows/validate-python.yml, conformance/gate/run-gate.sh):
 * the reusable workflow hands the action only inputs it declares, and the gate's step passes a
 * faithful implementation, fails a flawed one with its report in the job summary, and reports
 * without failing when asked to.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { pythonInterpreter } from "../../conformance/hosts/python/interpreter.js";

const ROOT = resolve(import.meta.dirname, "../..");
const action = readFileSync(join(ROOT, "action.yml"), "utf8");
const workflow = readFileSync(join(ROOT, ".github/workflows/validate-python.yml"), "utf8");

/** Keys of a YAML block mapping: the lines indented by `indent` spaces after `header`, up to the next line indented less. */
function blockKeys(text: string, header: RegExp, indent: number): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => header.test(l));
  if (start < 0) return [];
  const keys: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.trim() === "" || l.trimStart().startsWith("#")) continue;
    const lead = l.length - l.trimStart().length;
    if (lead < indent) break;
    const m = new RegExp(`^ {${indent}}([A-Za-z0-9_-]+):`).exec(l);
    if (m) keys.push(m[1]);
  }
  return keys;
}

describe("the reusable workflow and the action agree", () => {
  it("the workflow uses the suite's action and passes it only declared inputs", () => {
    const inputs = blockKeys(action, /^inputs:\s*$/, 2);
    expect(inputs).toEqual(["path", "map", "python-version", "numpy", "args", "fail-on"]);
    expect(workflow).toMatch(/^ {6}- name: Run the checks\n {8}id: check\n {8}uses: \.\/\.chapter6-suite$/m);
    const passed = blockKeys(workflow.slice(workflow.indexOf("uses: ./.chapter6-suite")), /^ {8}with:$/, 10);
    expect(passed).toEqual(expect.arrayContaining(["path", "map"]));
    for (const k of passed) expect(inputs, `validate-python.yml passes "${k}" to action.yml`).toContain(k);
    expect(workflow).toMatch(/^on:\n {2}workflow_call:$/m);
  });

  it("the action's step is the gate script, which exists", () => {
    expect(action).toContain('run: bash "$GITHUB_ACTION_PATH/conformance/gate/run-gate.sh"');
    expect(existsSync(join(ROOT, "conformance/gate/run-gate.sh"))).toBe(true);
  });
});

const hostReady = existsSync(join(ROOT, "conformance/hosts/python/host.py")) && pythonInterpreter().numpy;

/** Runs the gate's step as GitHub Actions would, in a fresh runner temp folder. */
function gate(
  implPath: string,
  failOn?: string,
): Promise<{ code: number | null; outputs: string; summary: string; log: string }> {
  const tmp = mkdtempSync(join(tmpdir(), "gate-"));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    GITHUB_WORKSPACE: join(ROOT, "spec/fixtures/python"),
    IMPL_PATH: implPath,
    GITHUB_OUTPUT: join(tmp, "output"),
    GITHUB_STEP_SUMMARY: join(tmp, "summary"),
    RUNNER_TEMP: tmp,
    // A loaded test machine can take longer than the default 10 s per check: a timeout would be an incomplete run (exit 3).
    CONFORMANCE_CHECK_TIMEOUT: "120",
    // The gate's mechanics (exit code, outputs, summary) on a few checks; the faithful port's full
    // run is spec/conformance/python-ports.spec.ts's.
    RUNNER_ARGS: "--only sgd-exact-step,book-path-sgd,nesterov-formula,book-path-nesterov,affine-gradient",
  };
  if (failOn) env.FAIL_ON = failOn;
  writeFileSync(env.GITHUB_OUTPUT, "");
  writeFileSync(env.GITHUB_STEP_SUMMARY, "");
  const child = spawn("bash", ["conformance/gate/run-gate.sh"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  return new Promise((done) =>
    child.on("close", (code) =>
      done({
        code,
        outputs: readFileSync(env.GITHUB_OUTPUT, "utf8"),
        summary: readFileSync(env.GITHUB_STEP_SUMMARY, "utf8"),
        log,
      }),
    ),
  );
}

describe.skipIf(!hostReady)("the gate's step on Python ports (needs the Python host, python3 and NumPy)", () => {
  it("passes the faithful port; fails a flawed one (variant-legacy) with the failing check in the summary; FAIL_ON=never only reports", async () => {
    // One at a time: the machine's two cores are shared, and each run has its own time limits.
    const ok = await gate("faithful");
    // variant-legacy: its pre-2021 Nesterov fails nesterov-formula on every draw (an optimizer-only check).
    const bad = await gate("variant-legacy");
    const reportOnly = await gate(join(ROOT, "spec/fixtures/python/variant-legacy"), "never");
    expect(ok.code, ok.log).toBe(0);
    expect(ok.outputs).toMatch(/^result=pass$/m);
    expect(ok.summary).toMatch(/^# Conformance report/m);
    expect(ok.summary).not.toContain("**FAIL**");
    expect(bad.code, bad.log).toBe(1);
    expect(bad.outputs).toMatch(/^result=fail$/m);
    expect(bad.summary).toContain("### FAIL `nesterov-formula`");
    expect(reportOnly.code, reportOnly.log).toBe(0);
    expect(reportOnly.outputs).toMatch(/^result=fail$/m);
    expect(reportOnly.summary).toContain("### FAIL `nesterov-formula`");
  }, 300_000);
});
