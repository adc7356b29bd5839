/**
 * The benchmark's training workload (scripts/bench.ts), in a module of its own so that worker
 * threads can import it: the optimizer-comparison net of §6.1.7 (784-100-100-100-100-10, ReLU,
 * He init, SoftmaxWithLoss) trained with one optimizer on given mini-batches. Each iteration is
 * the book's: gradient, update, loss. bench_numpy.py does the same in NumPy.
 */
import { Matrix } from "../src/base/matrix.js";
import { setKernelBackend } from "../src/kernels/gemm.js";
import { MultiLayerNet } from "../src/multi-layer-net.js";
import { FastMultiLayerNet } from "../src/fast/multi-layer-net.js";
import { createOptimizer } from "../src/optimizer.js";
import { createFastOptimizer } from "../src/fast/optimizer.js";
import { Rng } from "../src/base/rng.js";

export const SIZES = [784, 100, 100, 100, 100, 10];
export const BATCH_SIZE = 128;
/** Book names (bench_numpy.py's keys) and the project's optimizer names, all with the book's default lr. */
export const OPTIMIZERS = [
  ["SGD", "sgd"],
  ["Momentum", "momentum"],
  ["AdaGrad", "adagrad"],
  ["Adam", "adam"],
] as const;

/**
 * The net of one optimizer: He init drawn from a seed of its own, so every run starts the same.
 * `fast`: the fast nets of src/fast/ (what the experiments train; the default), else the plain
 * reference MultiLayerNet. Same numbers either way.
 */
export function makeNet(optimizer: string, seed: number, fast = true): MultiLayerNet {
  const Net = fast ? FastMultiLayerNet : MultiLayerNet;
  return new Net({
    inputSize: SIZES[0],
    hiddenSizeList: SIZES.slice(1, -1),
    outputSize: SIZES[SIZES.length - 1],
    activation: "relu",
    weightInitStd: "he",
    rng: new Rng(`${seed}/${optimizer}`),
  });
}

/** Initial parameters W1, b1, …, W5, b5 concatenated (what bench_numpy.py reads). */
export function flatParams(net: MultiLayerNet): Float64Array {
  const parts: Float64Array[] = [];
  for (let idx = 1; idx < SIZES.length; idx++) parts.push(net.params[`W${idx}`].data, net.params[`b${idx}`].data);
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** Batch indices for `iterations` iterations, drawn with replacement like the book's np.random.choice. */
export function drawBatches(trainSize: number, iterations: number, seed: number): Int32Array {
  const rng = new Rng(seed);
  const out = new Int32Array(iterations * BATCH_SIZE);
  for (let i = 0; i < iterations; i++) out.set(rng.choice(trainSize, BATCH_SIZE), i * BATCH_SIZE);
  return out;
}

export interface TrainArgs {
  /** Book name: SGD, Momentum, AdaGrad or Adam. */
  optimizer: string;
  seed: number;
  iterations: number;
  /** N×784 images (may live in a SharedArrayBuffer, so workers do not copy them). */
  x: Float64Array;
  t: Int32Array;
  batches: Int32Array;
  /** The fast nets of src/fast/ (buffer reuse and the other fast paths) or the plain reference layers; same numbers either way. */
  fast: boolean;
  /** The products' zero-skipping (setKernelBackend's `sparse`; default "auto"): "never" times the dense kernels alone. Same numbers either way. */
  sparse?: "auto" | "never";
}

/** One state of the comparison: a net, its optimizer, and the data it is fed. */
export class Run {
  readonly net: MultiLayerNet;
  readonly optimizer;
  readonly losses: Float64Array;
  private readonly x: Matrix;
  /** The mini-batch, refilled every iteration (what x[batch_mask] makes in the book). */
  private readonly xBatch = new Matrix(BATCH_SIZE, SIZES[0]);
  private readonly tBatch = new Int32Array(BATCH_SIZE);

  constructor(readonly args: TrainArgs) {
    const project = OPTIMIZERS.find(([book]) => book === args.optimizer);
    if (!project) throw new Error(`bench-workload: unknown optimizer ${args.optimizer}`);
    this.net = makeNet(args.optimizer, args.seed, args.fast);
    this.optimizer = (args.fast ? createFastOptimizer : createOptimizer)(project[1]);
    this.x = new Matrix(args.t.length, SIZES[0], args.x);
    this.losses = new Float64Array(args.iterations);
  }

  /** Iteration i: the book's gradient, update, loss on batch i. */
  step(i: number): void {
    const mask = this.args.batches.subarray(i * BATCH_SIZE, (i + 1) * BATCH_SIZE);
    const { xBatch, tBatch } = this,
      d = SIZES[0];
    for (let r = 0; r < BATCH_SIZE; r++) {
      xBatch.data.set(this.x.data.subarray(mask[r] * d, (mask[r] + 1) * d), r * d);
      tBatch[r] = this.args.t[mask[r]];
    }
    const grads = this.net.gradient(xBatch, tBatch);
    this.optimizer.update(this.net.params, grads);
    this.losses[i] = this.net.loss(xBatch, tBatch);
  }
}

/** A whole training of one optimizer's net (the job each worker runs); returns the loss of every iteration. */
export function trainOne(args: TrainArgs): { optimizer: string; losses: Float64Array } {
  setKernelBackend("default", { sparse: args.sparse ?? "auto" }); // this thread's kernels (a worker's own): native where built, else wasm
  const run = new Run(args);
  for (let i = 0; i < args.iterations; i++) run.step(i);
  return { optimizer: args.optimizer, losses: run.losses };
}
