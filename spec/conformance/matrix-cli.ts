/**
 * Running `npm run conformance:matrix` (scripts/conformance-matrix.ts) as npm does (node scripts/run.mjs),
 * for the matrix specs.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");

/** Runs the command (node scripts/run.mjs, as npm run does). */
export function runMatrix(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // A loaded test machine can take longer than the default 10 s per check (a timeout makes a run incomplete).
  const env = { ...process.env, CONFORMANCE_CHECK_TIMEOUT: "120" };
  const child = spawn(process.execPath, ["scripts/run.mjs", "conformance-matrix", ...args], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "",
    stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((done) => child.on("close", (code) => done({ code, stdout, stderr })));
}

/** A few runs per property and a fixed seed: the cells compare with in-process runs. */
export const FAST = ["--num-runs", "4", "--seed", "7"];
