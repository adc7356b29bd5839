/**
 * runJobs: runs independent jobs on a small pool of worker threads (both cores of the reference
 * machine), or in this thread with `workers: 0`, and returns their results in job order.
 *
 * A job names an exported function of a module and its argument: { module, fn, args }. The
 * function runs as `await import(module)[fn](args)` in a worker; `args` and the result cross the
 * thread boundary by structured clone (numbers, strings, plain objects, arrays, typed arrays, Map…;
 * not functions or class instances such as Matrix: return `m.data`, not `m`). Floats are copied bit
 * for bit, so a job whose randomness comes only from seeds in its `args` gives the same bytes in a
 * worker as in this thread: parallel and serial runs are identical (spec/kernels checks this).
 * Workers run the job modules as plain JavaScript bundled from their sources (see below), so a job
 * module may be a .ts file.
 *
 * Example: the four networks of the optimizer comparison, two at a time.
 *
 *   // src/experiments/mnist/optimizer-compare.ts
 *   export function trainOne(args: { optimizer: string; seed: number; iters: number }, control: JobControl) {
 *     const net = new MultiLayerNet({ …, rng: new Rng(args.seed) });
 *     …
 *     return { name: args.optimizer, losses };               // plain data only
 *   }
 *   // the caller
 *   const jobs = ["sgd", "momentum", "adagrad", "adam"].map((optimizer) =>
 *     ({ module: import.meta.url, fn: "trainOne", args: { optimizer, seed: 1, iters: 2000 } }));
 *   const results = await runJobs<{ name: string; losses: number[] }>(jobs);   // workers: 2
 *   const same = await runJobs(jobs, { workers: 0 });                          // same bytes
 *
 * A job that throws rejects the whole run with an Error naming the job (index, module, fn) and
 * carrying the worker's message; remaining workers are stopped.
 *
 * Long jobs (an experiment, some trials of a search) get a second argument, `control`: they call
 * `control.onProgress(p)` after each step (forwarded to the `onProgress` option with the job's index)
 * and check `control.shouldStop()` before each step (true once the shared `stop` flag is set, e.g.
 * by Ctrl-C), then return what they finished. `npm run experiment` (scripts/experiment.ts) runs its
 * experiments, search trials and comparison curves this way: this is the project's one worker path.
 *
 * Workers run plain JavaScript: runJobs first bundles the job modules with the worker's loop into
 * one file (src/runtime/node-bundle.ts, esbuild, tens of milliseconds, cached by content), so a job module
 * may be a .ts file without tsx in the worker. A worker then costs about 15 MB and 0.1–0.2 s to
 * start, plus the modules and data its jobs hold; through tsx's loader it was about 40 MB more.
 * A module that needs more than a bundle gives (see node-bundle.ts: `import.meta.resolve`, or
 * `import()` of a computed .ts path) can use `{ loader: "tsx" }`. Module-level state (a loadMnist
 * cache) is per worker: pass big read-only data as a typed array over a SharedArrayBuffer in
 * `args` (shared, not copied; loadMnist({ shared: true }) makes one), rather than loading it again
 * in every job.
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { callJob, jobControl, type JobControl, type JobReply, type JobRequest } from "./parallel-worker.js";
import { checkInteger, describe, fail } from "../base/validate.js";
import { bundleForNode } from "./node-bundle.js";

export { callJob, type JobControl, type JobReply, type JobRequest };

export interface Job {
  /** URL (or absolute path) of the module that exports `fn`; `import.meta.url` for the caller's own module. */
  module: string | URL;
  /** Name of the exported function: (args) => result or Promise<result>. */
  fn: string;
  /** Its one argument (structured-cloneable). */
  args?: unknown;
}

export interface RunJobsOptions {
  /** Worker threads to use: default min(jobs, available cores); 0 runs every job in this thread. */
  workers?: number;
  /**
   * How workers load the job modules: "bundle" (default) runs them as one plain-JavaScript file made
   * by esbuild; "tsx" registers tsx's loader in each worker and imports them as they are (about
   * 40 MB more per worker, for modules a bundle cannot serve).
   */
  loader?: "bundle" | "tsx";
  /**
   * Receives what a job passes to `control.onProgress` (at most every 100 ms per job, and its last
   * report before its result), with the job's index. In this thread (workers: 0) every report.
   */
  onProgress?: (index: number, progress: unknown) => void;
  /**
   * A stop flag shared with the jobs: an Int32Array on a SharedArrayBuffer; storing 1 in element 0
   * (Atomics.store) makes every job's `control.shouldStop()` true, so it can return what it finished.
   */
  stop?: Int32Array;
}

function moduleUrl(m: string | URL): string {
  if (m instanceof URL) return m.href;
  return /^[a-z]+:/i.test(m) ? m : pathToFileURL(m).href;
}

function checkJobs(jobs: unknown): Job[] {
  if (!Array.isArray(jobs)) fail("runJobs", "jobs", "an array of { module, fn, args }", describe(jobs));
  jobs.forEach((j: Job, i) => {
    if (!j || typeof j !== "object") fail("runJobs", `jobs[${i}]`, "{ module, fn, args }", describe(j));
    if (typeof j.module !== "string" && !(j.module instanceof URL))
      fail("runJobs", `jobs[${i}].module`, "a module URL or path (e.g. import.meta.url)", describe(j.module));
    if (typeof j.fn !== "string" || j.fn === "")
      fail("runJobs", `jobs[${i}].fn`, "the name of an exported function", describe(j.fn));
  });
  return jobs;
}

function jobError(i: number, job: Job, message: string, stack?: string): Error {
  const err = new Error(`runJobs: job ${i} (${job.fn} from ${moduleUrl(job.module)}) failed: ${message}`);
  if (stack) err.stack = `${err.message}\n--- in the job ---\n${stack}`;
  return err;
}

/** tsx's ESM register API ("tsx/esm/api", import condition), found through tsx's package.json. */
function tsxEsmApiUrl(): string {
  const pkgFile = createRequire(import.meta.url).resolve("tsx/package.json");
  const pkg = JSON.parse(readFileSync(pkgFile, "utf8")) as { exports: Record<string, { import: { default: string } }> };
  return new URL(pkg.exports["./esm/api"].import.default, pathToFileURL(pkgFile)).href;
}

/**
 * A worker that imports TypeScript through tsx: it registers tsx's ESM loader (resolved from this
 * package, so any working directory will do) and then imports src/runtime/parallel-worker.ts. Passing
 * `execArgv: ["--import", "tsx"]` instead does not work here: on Node 20 a worker's entry file is
 * resolved before that hook is in place ("Unknown file extension .ts").
 */
function startTsxWorker(): Worker {
  const tsxApi = tsxEsmApiUrl();
  const entry = new URL("./parallel-worker.ts", import.meta.url).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); }).then((w) => w.serveJobs());`;
  return new Worker(code, { eval: true });
}

/**
 * The entry of a bundled worker: the worker loop and every job module (file URLs), imported
 * statically so that esbuild puts them in the bundle. Other URLs (data:, node:) are imported when
 * a job asks for them.
 */
function bundleEntry(modules: string[]): string {
  const files = [...new Set(modules)].filter((m) => m.startsWith("file:"));
  return [
    `import { serveJobs } from ${JSON.stringify(fileURLToPath(new URL("./parallel-worker.ts", import.meta.url)))};`,
    ...files.map((m, i) => `import * as m${i} from ${JSON.stringify(fileURLToPath(m))};`),
    `serveJobs({ ${files.map((m, i) => `${JSON.stringify(m)}: m${i}`).join(", ")} });`,
  ].join("\n");
}

/** Runs `jobs` on `workers` threads (or in this thread when 0) and resolves to their results in job order. */
export async function runJobs<T = unknown>(jobs: readonly Job[], opts: RunJobsOptions = {}): Promise<T[]> {
  checkJobs(jobs);
  const workers =
    opts.workers === undefined
      ? Math.min(jobs.length, availableParallelism())
      : checkInteger("runJobs", "options.workers", opts.workers, 0);
  const loader = opts.loader ?? "bundle";
  if (loader !== "bundle" && loader !== "tsx") fail("runJobs", "options.loader", '"bundle" or "tsx"', describe(loader));
  const stop = opts.stop;
  if (
    stop !== undefined &&
    !(stop instanceof Int32Array && stop.buffer instanceof SharedArrayBuffer && stop.length >= 1)
  )
    fail("runJobs", "options.stop", "an Int32Array on a SharedArrayBuffer", describe(stop));
  const onProgress = opts.onProgress;
  if (onProgress !== undefined && typeof onProgress !== "function")
    fail("runJobs", "options.onProgress", "a function (index, progress) => void", describe(onProgress));
  const requests: JobRequest[] = jobs.map((j, index) => ({
    index,
    module: moduleUrl(j.module),
    fn: j.fn,
    args: j.args,
    stop,
  }));
  const results = new Array<T>(jobs.length);

  if (workers === 0 || jobs.length === 0) {
    for (const req of requests) {
      try {
        results[req.index] = (await callJob(
          req,
          jobControl(stop, onProgress && ((p) => onProgress(req.index, p))),
        )) as T;
      } catch (e) {
        throw jobError(req.index, jobs[req.index], (e as Error).message, (e as Error).stack);
      }
    }
    return results;
  }

  let bundle: URL | undefined;
  if (loader === "bundle") {
    try {
      bundle = await bundleForNode(bundleEntry(requests.map((r) => r.module)));
    } catch (e) {
      throw new Error(
        `runJobs: ${(e as Error).message}. Check the jobs' module paths; a module that runs only under tsx can be run with { loader: "tsx" }`,
      );
    }
  }
  const pool = Array.from({ length: Math.min(workers, jobs.length) }, () =>
    bundle ? new Worker(bundle) : startTsxWorker(),
  );
  let next = 0,
    done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (w: Worker) => {
        if (next < requests.length) w.postMessage(requests[next++]);
      };
      for (const w of pool) {
        w.on("message", (reply: JobReply) => {
          if (reply.type === "progress") return onProgress?.(reply.index, reply.progress);
          if (reply.type === "error")
            return reject(jobError(reply.index, jobs[reply.index], reply.message, reply.stack));
          results[reply.index] = reply.result as T;
          if (++done === requests.length) resolve();
          else feed(w);
        });
        w.on("error", (e) => reject(new Error(`runJobs: a worker crashed: ${e.message}`)));
        w.on("exit", (code) => {
          if (done < requests.length)
            reject(
              new Error(`runJobs: a worker exited (code ${code}) with ${requests.length - done} job(s) unfinished`),
            );
        });
        feed(w);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}
