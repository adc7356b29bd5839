/**
 * Runs exercises' checks in a child process (learn/lib/child.ts under tsx) with a time limit,
 * collecting the results and whatever the learner's code printed.
 */
import { fork } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./paths.js";
import type { ChildMessage } from "./child.js";
import type { RunResult } from "./run-checks.js";

export interface ChildRun {
  results: RunResult[];
  /** What the learner's code wrote to stdout/stderr. */
  output: string;
  /** Set when the child was stopped (time limit) or died before finishing. */
  problem?: string;
}

export function runInChild(jobs: { id: string; file: string }[], timeoutMs = 20_000): Promise<ChildRun> {
  return new Promise((done) => {
    const results: RunResult[] = [];
    let output = "";
    let finished = false;
    const child = fork(join(ROOT, "learn", "lib", "child.ts"), [JSON.stringify(jobs)], {
      cwd: ROOT,
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      env: { ...process.env, FORCE_COLOR: "0" },
    });
    child.stdout!.on("data", (b: Buffer) => (output += b.toString()));
    child.stderr!.on("data", (b: Buffer) => (output += b.toString()));
    const finish = (problem?: string) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill("SIGKILL");
      done({ results, output, ...(problem ? { problem } : {}) });
    };
    const timer = setTimeout(
      () => finish(`The checks were stopped after ${timeoutMs / 1000} s: is there an endless loop in your code?`),
      timeoutMs,
    );
    child.on("message", (m: ChildMessage) => {
      if (m.type === "result") results.push(m.result);
      else finish();
    });
    child.on("exit", (code, signal) => {
      // give pending messages a moment; an exit without "done" means the run died
      setTimeout(
        () =>
          finish(
            `The checks stopped early (exit ${code ?? signal}): your code may have called process.exit or crashed the process.`,
          ),
        50,
      );
    });
  });
}
