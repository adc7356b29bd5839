/**
 * Runs one MNIST experiment in a worker thread for scripts/experiment.ts, so the main thread stays
 * free for the progress bar and Ctrl-C. Progress goes out as messages (at most every 100 ms); the
 * stop request comes in through a shared flag the experiment checks before every iteration.
 */
import { parentPort, workerData } from "node:worker_threads";
import { mnistExperiment, type ExperimentFlags, type Progress } from "../src/experiments/mnist/index.js";

export type WorkerMessage =
  | { type: "progress"; progress: Progress }
  | { type: "result"; result: unknown }
  | { type: "error"; message: string; stack?: string; beforeStart: boolean };

const { name, flags, stop } = workerData as { name: string; flags: ExperimentFlags; stop: Int32Array };
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
let last = 0, started = false, pending: Progress | null = null;
try {
  const result = mnistExperiment(name).run(flags, {
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
  });
  if (pending) post({ type: "progress", progress: pending });
  post({ type: "result", result });
} catch (e) {
  const err = e instanceof Error ? e : new Error(String(e));
  post({ type: "error", message: err.message, stack: err.stack, beforeStart: !started });
}
