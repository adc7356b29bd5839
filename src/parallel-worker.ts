/**
 * The worker side of runJobs (src/parallel.ts): runs each request it is sent with callJob and
 * posts back the result, or the error's message and stack.
 */
import { parentPort } from "node:worker_threads";
import { callJob, type JobReply, type JobRequest } from "./parallel.js";

parentPort!.on("message", async (req: JobRequest) => {
  let reply: JobReply;
  try {
    reply = { index: req.index, ok: true, result: await callJob(req) };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply = { index: req.index, ok: false, message: err.message, stack: err.stack };
  }
  parentPort!.postMessage(reply);
});
