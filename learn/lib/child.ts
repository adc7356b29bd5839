/**
 * The child process that runs checks, so a learner's endless loop or crash cannot take the
 * watcher down and every run sees freshly loaded files. Argument: JSON [{ id, file }, …]; it
 * runs them in order, sends each result to the parent, and stops at the first failure.
 */
import { runExercise, type RunResult } from "./run-checks.js";

export type ChildMessage = { type: "result"; result: RunResult } | { type: "done" };

const send = (m: ChildMessage) => new Promise<void>((ok) => process.send!(m, () => ok()));

const jobs = JSON.parse(process.argv[2] ?? "[]") as { id: string; file: string }[];
for (const job of jobs) {
  const result = await runExercise(job.id, job.file);
  await send({ type: "result", result });
  if (!result.passed) break;
}
await send({ type: "done" });
process.exit(0);
