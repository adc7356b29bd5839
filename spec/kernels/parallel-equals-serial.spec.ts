/**
 * runJobs (src/runtime/parallel.ts) runs independent trainings on worker threads; for the same seeds the
 * results must be the bytes a single-thread run gives, or the optimizer comparison and the
 * hyperparameter search would change with the number of cores.
 */
import { describe, expect, it } from "vitest";
import { threadId } from "node:worker_threads";
import { runJobs } from "../../src/runtime/parallel.js";
import type { SmallRun } from "./parallel-jobs.js";

const jobsModule = new URL("./parallel-jobs.ts", import.meta.url);
const jobs = ["sgd", "momentum", "adagrad", "adam"].map((optimizer) => ({
  module: jobsModule,
  fn: "trainSmallNet",
  args: { optimizer, seed: 7, iters: 40 },
}));
const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe("runJobs: worker threads give the single-thread results (§6.1.8 optimizer comparison on MNIST, run on both cores)", () => {
  it("four optimizer trainings on 2 workers equal the same four run in this thread, byte for byte, in job order", async () => {
    const parallel = await runJobs<SmallRun>(jobs, { workers: 2 });
    const serial = await runJobs<SmallRun>(jobs, { workers: 0 });
    expect(
      parallel.map((r) => r.optimizer),
      "results come back in job order",
    ).toEqual(["sgd", "momentum", "adagrad", "adam"]);
    const workerThreads = new Set(parallel.map((r) => r.threadId));
    expect(workerThreads.has(threadId), "the parallel jobs must run on worker threads, not on the caller's").toBe(
      false,
    );
    expect(workerThreads.size, "two workers share four jobs").toBe(2);
    for (let i = 0; i < jobs.length; i++) {
      const p = parallel[i],
        s = serial[i];
      const what = `${s.optimizer} (seed 7, 40 iterations)`;
      expect(
        s.losses[39] < s.losses[0],
        `${what}: the toy training should lower the loss (${s.losses[0]} → ${s.losses[39]})`,
      ).toBe(true);
      expect(
        bytes(p.losses).equals(bytes(s.losses)),
        `${what}: losses on a worker differ from this thread's. Usual mistake: shared or unseeded randomness (Math.random, a module-level Rng) in the job`,
      ).toBe(true);
      expect(bytes(p.W1).equals(bytes(s.W1)), `${what}: final W1 on a worker differs from this thread's`).toBe(true);
    }
  });

  it("a failing job rejects the run with its index, function and message; bad jobs are refused up front", async () => {
    const bad = [...jobs.slice(0, 1), { module: jobsModule, fn: "failingJob", args: { why: "on purpose" } }];
    await expect(runJobs(bad, { workers: 1 })).rejects.toThrow(
      /job 1 \(failingJob from .*parallel-jobs\.ts\) failed: deliberate failure: on purpose/,
    );
    await expect(runJobs([{ module: jobsModule, fn: "noSuchExport" }], { workers: 0 })).rejects.toThrow(
      /no exported function 'noSuchExport'/,
    );
    await expect(runJobs([{ module: jobsModule, fn: "" }])).rejects.toThrow(/jobs\[0\]\.fn/);
    await expect(runJobs(jobs, { workers: -1 })).rejects.toThrow(/options\.workers.*integer ≥ 0.*-1/);
  });
});
