/**
 * The worker side of runJobs (src/runtime/parallel.ts): `serveJobs` runs each request the worker is sent
 * with `callJob` and posts back the result, or the error's message and stack. A worker on a bundle
 * (src/runtime/node-bundle.ts) passes the job modules it imported statically; a worker on tsx imports them
 * when asked.
 */
import { parentPort } from "node:worker_threads";

/** Messages between the pool and a worker. */
export type JobRequest = { index: number; module: string; fn: string; args: unknown };
export type JobReply = { index: number; ok: true; result: unknown } | { index: number; ok: false; message: string; stack?: string };

type Module = Record<string, unknown>;

/** Calls one job: `fn` of the module at `req.module`, as `load` gives it (by default `import`). */
export async function callJob(req: JobRequest, load: (url: string) => Promise<Module> = (url) => import(url) as Promise<Module>): Promise<unknown> {
  const mod = await load(req.module);
  const f = mod[req.fn];
  if (typeof f !== "function") throw new Error(`module ${req.module} has no exported function '${req.fn}' (exports: ${Object.keys(mod).join(", ") || "none"})`);
  return await (f as (a: unknown) => unknown)(req.args);
}

/** Answers the pool's requests in this worker; `bundled` maps module URLs to modules already imported. */
export function serveJobs(bundled: Record<string, Module> = {}): void {
  const load = async (url: string) => bundled[url] ?? ((await import(url)) as Module);
  parentPort!.on("message", async (req: JobRequest) => {
    let reply: JobReply;
    try {
      reply = { index: req.index, ok: true, result: await callJob(req, load) };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      reply = { index: req.index, ok: false, message: err.message, stack: err.stack };
    }
    parentPort!.postMessage(reply);
  });
}
