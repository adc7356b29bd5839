/**
 * The long-lived child process of Python learn mode: it keeps one warm Python host (so a save is
 * checked without starting Python and NumPy again) and runs the jobs the parent sends, replying
 * with each exercise's result as the TypeScript child does. The parent kills it when a run takes
 * too long (a hang inside C code, where the host's own time limit cannot reach) and starts another.
 */
import type { ChildMessage } from "../child.js";
import { pathToFileURL } from "node:url";
import { EXERCISES } from "../../catalogue.js";
import { checksOf } from "./layout.js";
import { PythonChecks } from "./run.js";

export type ParentMessage = { type: "run"; jobs: { id: string; file: string }[]; firstFailureOnly?: boolean };
export type PythonChildMessage = ChildMessage | { type: "ready" } | { type: "problem"; problem: string };

const send = (m: PythonChildMessage) => new Promise<void>((ok) => process.send!(m, () => ok()));
const checks = new PythonChecks();

process.on("message", (m: ParentMessage) => {
  void (async () => {
    const run = await checks.run(m.jobs, { firstFailureOnly: m.firstFailureOnly ?? false });
    for (const result of run.results) await send({ type: "result", result });
    if (run.problem) await send({ type: "problem", problem: run.problem });
    await send({ type: "done" });
  })();
});
process.on("disconnect", () => {
  checks.stop();
  process.exit(0);
});

try {
  checks.warm();
  // Load every exercise's checks now (tsx compiles them on first import): the first save of a
  // later exercise is then as quick as the others.
  for (const ex of EXERCISES) await import(pathToFileURL(checksOf(ex.id)).href);
  await send({ type: "ready" });
} catch (err) {
  await send({ type: "problem", problem: `Python could not start: ${(err as Error).message}` });
}
