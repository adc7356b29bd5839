/**
 * Starts a worker thread running a TypeScript module. The module is bundled into plain JavaScript
 * first (src/runtime/node-bundle.ts), so the worker does not carry tsx's loader (about 40 MB a thread).
 */
import { fileURLToPath } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";
import { bundleForNode } from "../src/runtime/node-bundle.js";

export async function startTsWorker(moduleUrl: URL, options: WorkerOptions = {}): Promise<Worker> {
  return new Worker(await bundleForNode(`import ${JSON.stringify(fileURLToPath(moduleUrl))};`), options);
}
