/**
 * The parent's side of Python learn mode's child (learn/lib/python/child.ts): one child, started
 * once and kept between runs, so the host stays warm; a run that goes past the time limit kills
 * it (and with it the host, which ends itself when its parent is gone), and the next run starts
 * a fresh one.
 */
import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "../paths.js";
import type { ChildRun } from "../run-in-child.js";
import type { RunResult } from "../run-checks.js";
import type { PythonChildMessage } from "./child.js";

export interface PythonRunner {
  (jobs: { id: string; file: string }[], options?: { firstFailureOnly?: boolean }): Promise<ChildRun>;
  /** Ends the child (and its Python host). */
  close(): void;
}

export function pythonInChild(timeoutMs = 60_000): PythonRunner {
  let child: ChildProcess | null = null;
  let output = "";
  const start = () => {
    output = "";
    const c = fork(join(ROOT, "learn", "lib", "python", "child.ts"), [], {
      cwd: ROOT,
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      env: { ...process.env, FORCE_COLOR: "0" },
    });
    c.stdout!.on("data", (b: Buffer) => (output += b.toString()));
    c.stderr!.on("data", (b: Buffer) => (output += b.toString()));
    c.on("exit", () => {
      if (child === c) child = null;
    });
    return c;
  };
  const run = ((jobs, options) =>
    new Promise<ChildRun>((done) => {
      const c = (child ??= start());
      const results: RunResult[] = [];
      let problem: string | undefined;
      let finished = false;
      const finish = (why?: string) => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        c.off("message", onMessage);
        c.off("exit", onExit);
        if (why) {
          c.kill("SIGKILL");
          if (child === c) child = null;
        }
        done({ results, output: why ? output : "", ...((why ?? problem) ? { problem: why ?? problem } : {}) });
      };
      const onMessage = (m: PythonChildMessage) => {
        if (m.type === "result") results.push(m.result);
        else if (m.type === "problem") problem = m.problem;
        else if (m.type === "done") finish();
      };
      const onExit = (code: number | null, signal: string | null) =>
        finish(`The checks stopped early (the checking process ended: ${code ?? signal}).`);
      const timer = setTimeout(
        () =>
          finish(
            `The checks were stopped after ${timeoutMs / 1000} s: your code may be stuck inside NumPy or C code, where the per-check limit cannot stop it.`,
          ),
        timeoutMs,
      );
      c.on("message", onMessage);
      c.on("exit", onExit);
      c.send({ type: "run", jobs, firstFailureOnly: options?.firstFailureOnly ?? false });
    })) as PythonRunner;
  run.close = () => {
    child?.kill("SIGKILL");
    child = null;
  };
  /** Start now: Python and NumPy load while the learner reads. */
  child = start();
  return run;
}
