/**
 * Runs one task for scripts/experiment.ts in a worker thread, so the main thread stays free for the
 * progress bar and Ctrl-C: a whole experiment, some trials of one round of the hyperparameter
 * search, or some curves of a comparison (when the command line splits the work over workers). Progress goes out as messages (at
 * most every 100 ms); the stop request comes in through a shared flag checked before every update.
 */
import { parentPort, workerData } from "node:worker_threads";
import {
  fromSharedSplit, mnistExperiment, ProgressCounter, runSearchTrials, searchOptions, setupSearch,
  type ExperimentFlags, type Progress, type SharedSplit, type RunControl, type SearchRanges,
} from "../src/experiments/mnist/index.js";

export type WorkerTask =
  | { kind: "experiment"; name: string; flags: ExperimentFlags }
  | { kind: "search-trials"; flags: ExperimentFlags; round: number; ranges: SearchRanges; indices: number[] }
  | { kind: "curves"; name: string; flags: ExperimentFlags; names: string[]; data: SharedSplit };

export type WorkerMessage =
  | { type: "progress"; progress: Progress }
  | { type: "result"; result: unknown }
  | { type: "error"; message: string; stack?: string; beforeStart: boolean };

const { task, stop } = workerData as { task: WorkerTask; stop: Int32Array };
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
let last = 0, started = false, pending: Progress | null = null;
const control: RunControl = {
  shouldStop: () => Atomics.load(stop, 0) === 1,
  onProgress: (p) => {
    started = true;
    pending = p;
    const now = Date.now();
    if (now - last >= 100 || p.done === p.total) {
      post({ type: "progress", progress: p });
      last = now;
      pending = null;
    }
  },
};
try {
  let result: unknown;
  if (task.kind === "experiment") result = mnistExperiment(task.name).run(task.flags, control);
  else if (task.kind === "curves") result = mnistExperiment(task.name).curves!.run(task.flags, task.names, control, fromSharedSplit(task.data));
  else {
    const setup = setupSearch(searchOptions(task.flags));
    result = runSearchTrials(setup, task.round, task.ranges, task.indices, new ProgressCounter(setup.perTrial * task.indices.length, "iterations", control));
  }
  if (pending) post({ type: "progress", progress: pending });
  post({ type: "result", result });
} catch (e) {
  const err = e instanceof Error ? e : new Error(String(e));
  post({ type: "error", message: err.message, stack: err.stack, beforeStart: !started });
}
