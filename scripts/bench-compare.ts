/**
 * One timed run of the benchmark's optimizer comparison (scripts/bench.ts starts it), in a process
 * of its own so that its peak memory (maxRSS) is the comparison's alone, like the NumPy process's:
 *
 *   node <bundle of this file> <dataDir> serial          the four nets in this thread, book loop order
 *   node <bundle of this file> <dataDir> workers <N>     one job per net on N worker threads (runJobs)
 *   node <bundle of this file> <dataDir> dense <N>       the same with the products' zero-skipping off
 *
 * It reads what the NumPy side reads from dataDir (x.bin: the N×784 float64 images, t.bin labels,
 * batches.bin batch indices, compare.json: iterations and seed), writes each net's losses to
 * losses-<mode>.bin (SGD, Momentum, AdaGrad, Adam, one after another) and prints
 * { "seconds": …, "maxRssKB": … } on stdout.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runJobs } from "../src/runtime/parallel.js";
import { OPTIMIZERS, Run, trainOne, type TrainArgs } from "./bench-workload.js";

/** A file's bytes in a SharedArrayBuffer (read straight into it: no second copy of the images). */
function readShared(file: string): ArrayBuffer {
  const fd = openSync(file, "r");
  try {
    const buf = new SharedArrayBuffer(fstatSync(fd).size);
    const view = new Uint8Array(buf);
    for (let off = 0; off < view.length;) {
      const n = readSync(fd, view, off, view.length - off, off);
      if (n === 0) throw new Error(`bench-compare: ${file} ended after ${off} of ${view.length} bytes`);
      off += n;
    }
    return buf as unknown as ArrayBuffer;
  } finally {
    closeSync(fd);
  }
}

const [dataDir, mode, workersArg] = process.argv.slice(2);
if (!dataDir || (mode !== "serial" && mode !== "workers" && mode !== "dense"))
  throw new Error(
    `bench-compare: usage <dataDir> serial|workers|dense [N], received ${process.argv.slice(2).join(" ")}`,
  );
const { iterations, seed } = JSON.parse(readFileSync(join(dataDir, "compare.json"), "utf8")) as {
  iterations: number;
  seed: number;
};
const x = new Float64Array(readShared(join(dataDir, "x.bin")));
const t = new Int32Array(readShared(join(dataDir, "t.bin")));
const batches = new Int32Array(readShared(join(dataDir, "batches.bin")));
const sparse = mode === "dense" ? "never" : "auto";
const jobArgs: TrainArgs[] = OPTIMIZERS.map(([name]) => ({
  optimizer: name,
  seed,
  iterations,
  x,
  t,
  batches,
  fast: true,
  sparse,
}));

let seconds: number, losses: Float64Array[];
if (mode === "serial") {
  const runs = jobArgs.map((a) => new Run(a));
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) for (const r of runs) r.step(i); // the book's loop order
  seconds = (performance.now() - t0) / 1000;
  losses = runs.map((r) => r.losses);
} else {
  const t0 = performance.now();
  const results = await runJobs<ReturnType<typeof trainOne>>(
    jobArgs.map((args) => ({ module: new URL("./bench-workload.ts", import.meta.url), fn: "trainOne", args })),
    { workers: Number(workersArg) },
  );
  seconds = (performance.now() - t0) / 1000;
  losses = results.map((r) => r.losses);
}
const all = new Float64Array(OPTIMIZERS.length * iterations);
losses.forEach((l, k) => all.set(l, k * iterations));
writeFileSync(join(dataDir, `losses-${mode}.bin`), new Uint8Array(all.buffer));
console.log(JSON.stringify({ seconds, maxRssKB: process.resourceUsage().maxRSS }));
