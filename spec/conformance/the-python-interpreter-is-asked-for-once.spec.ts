/**
 * The Python host is started by the interpreter's own path, asked for once: `python3` may be a
 * version manager's shell script (pyenv's costs about 0.8 s per start), so the runner, the
 * conformance command and learn mode start `sys.executable` instead, and hand it to their
 * children in DLFS_PYTHON; a DLFS_PYTHON set by the user picks the interpreter.
 */
import { spawnSync } from "node:child_process";
import { isAbsolute } from "node:path";
import { describe, expect, it } from "vitest";
import { pythonInterpreter } from "../../conformance/hosts/python/interpreter.js";

const probe = spawnSync("python3", ["-c", "import numpy"]);
const numpyHere = probe.status === 0;

/** pythonInterpreter() in a fresh process (its answer is cached per process), with `env`. */
function freshAnswer(env: Record<string, string>): ReturnType<typeof pythonInterpreter> {
  // Started as the commands are (node scripts/run.mjs: a bundle, no tsx loader to start).
  const r = spawnSync(process.execPath, ["scripts/run.mjs", "spec/fixtures/scripts/python-interpreter.ts"], {
    encoding: "utf8",
    env: { ...process.env, DLFS_PYTHON: "", ...env },
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

describe("the Python interpreter is asked for its path once and started by it", () => {
  it.skipIf(!numpyHere)("python3 is resolved to an absolute path with NumPy, exported to children", () => {
    const a = pythonInterpreter();
    expect(a.numpy).toBe(true);
    expect(isAbsolute(a.command), a.command).toBe(true);
    expect(process.env.DLFS_PYTHON).toBe(a.command);
    expect(pythonInterpreter(), "asked once: the same answer object").toBe(a);
  });

  it("DLFS_PYTHON picks the interpreter; one that does not start is a problem named, not a hang", () => {
    const missing = freshAnswer({ DLFS_PYTHON: "/no/such/python" });
    expect(missing.numpy).toBe(false);
    expect(missing.command).toBe("/no/such/python");
    expect(missing.problem).toMatch(/\/no\/such\/python could not be started/);
  });

  it.skipIf(!numpyHere)("DLFS_PYTHON=python3 (a command name) is resolved to its path and handed down", () => {
    const named = freshAnswer({ DLFS_PYTHON: "python3" }) as ReturnType<typeof pythonInterpreter> & {
      exported: string | null;
    };
    expect(named.numpy).toBe(true);
    expect(isAbsolute(named.command), named.command).toBe(true);
    expect(named.exported).toBe(named.command);
  });
});
