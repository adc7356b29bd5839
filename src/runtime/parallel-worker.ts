/**
 * The worker side of runJobs (src/runtime/parallel.ts): `serveJobs` runs each request the worker is sent
 * with `callJob` and posts back the result, or the error's message and stack. A worker on a bundle
 * (src/runtime/node-bundle.ts) passes the job modules it imported statically; a worker on tsx imports them
 * when asked.
 *
 * A job is called as `fn(args, control)`: `control.onProgress(p)` sends `p` to the pool (at most every
 * PROGRESS_EVERY_MS, and the last one before the result), `control.shouldStop()` reads the pool's
 * shared stop flag, so a long job can stop between steps and return what it finished.
 */
import { parentPort } from "node:worker_threads";

/** What a job is given besides its args: where to report progress, and whether to stop. */
export interface JobControl {
  /** Reports the job's progress (any structured-cloneable value) to runJobs' `onProgress`. */
  onProgress?: (progress: unknown) => void;
  /** True once runJobs' `stop` flag is set: the job should return what it finished. */
  shouldStop?: () => boolean;
}

/** Messages between the pool and a worker. `stop` is a shared Int32Array (element 0: 1 = stop). */
export type JobRequest = { index: number; module: string; fn: string; args: unknown; stop?: Int32Array };
export type JobReply =
  | { index: number; type: "progress"; progress: unknown }
  | { index: number; type: "result"; result: unknown }
  | { index: number; type: "error"; message: string; stack?: string };

type Module = Record<string, unknown>;

/** Progress messages from one job are sent at most this often (the last one always). */
export const PROGRESS_EVERY_MS = 100;

/** The control a job receives: the stop flag read atomically, progress passed to `report`. */
export function jobControl(stop: Int32Array | undefined, report: ((p: unknown) => void) | undefined): JobControl {
  return {
    shouldStop: () => stop !== undefined && Atomics.load(stop, 0) === 1,
    onProgress: report,
  };
}

/** Calls one job: `fn` of the module at `req.module`, as `load` gives it (by default `import`). */
export async function callJob(
  req: JobRequest,
  control: JobControl = {},
  load: (url: string) => Promise<Module> = (url) => import(url) as Promise<Module>,
): Promise<unknown> {
  const mod = await load(req.module);
  const f = mod[req.fn];
  if (typeof f !== "function")
    throw new Error(
      `module ${req.module} has no exported function '${req.fn}' (exports: ${Object.keys(mod).join(", ") || "none"})`,
    );
  return await (f as (a: unknown, c: JobControl) => unknown)(req.args, control);
}

/** Answers the pool's requests in this worker; `bundled` maps module URLs to modules already imported. */
export function serveJobs(bundled: Record<string, Module> = {}): void {
  const load = async (url: string) => bundled[url] ?? ((await import(url)) as Module);
  const post = (m: JobReply) => parentPort!.postMessage(m);
  parentPort!.on("message", async (req: JobRequest) => {
    let last = 0,
      pending: { p: unknown } | null = null;
    const report = (p: unknown) => {
      const now = Date.now();
      if (now - last >= PROGRESS_EVERY_MS) {
        post({ index: req.index, type: "progress", progress: p });
        last = now;
        pending = null;
      } else pending = { p };
    };
    let reply: JobReply;
    try {
      reply = { index: req.index, type: "result", result: await callJob(req, jobControl(req.stop, report), load) };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      reply = { index: req.index, type: "error", message: err.message, stack: err.stack };
    }
    if (pending) post({ index: req.index, type: "progress", progress: (pending as { p: unknown }).p });
    post(reply);
  });
}
