/**
 * Jobs for spec/kernels/parallel-equals-serial.spec.ts (a plain module, not a spec: worker
 * threads import it). Each trains a small ReLU net with one optimizer, the optimizer-comparison
 * recipe at toy size, and returns plain data.
 */
import { threadId } from "node:worker_threads";
import { MultiLayerNet } from "../../src/multi-layer-net.js";
import { createOptimizer } from "../../src/optimizer.js";
import { Rng } from "../../src/base/rng.js";
import { matmul } from "../../src/base/matrix.js";
import { kernelBackend } from "../../src/kernels/gemm.js";
import { nativeKernels } from "../../src/kernels/native.js";

export interface SmallRun {
  optimizer: string;
  losses: Float64Array;
  W1: Float64Array;
  threadId: number;
}

export function trainSmallNet(args: { optimizer: string; seed: number; iters: number }): SmallRun {
  const data = new Rng(args.seed);
  const x = data.randn(64, 20);
  const t = Int32Array.from({ length: 64 }, () => data.randint(5));
  const net = new MultiLayerNet({
    inputSize: 20,
    hiddenSizeList: [16, 16],
    outputSize: 5,
    weightInitStd: "he",
    rng: new Rng(args.seed + 1),
  });
  const optimizer = createOptimizer(args.optimizer);
  const batches = new Rng(args.seed + 2);
  const losses = new Float64Array(args.iters);
  for (let i = 0; i < args.iters; i++) {
    const mask = batches.choice(64, 16);
    const xb = x.pickRows(mask),
      tb = Int32Array.from(mask, (k) => t[k]);
    optimizer.update(net.params, net.gradient(xb, tb));
    losses[i] = net.loss(xb, tb);
  }
  return { optimizer: args.optimizer, losses, W1: net.params.W1!.data, threadId };
}

export function failingJob(args: { why: string }): never {
  throw new Error(`deliberate failure: ${args.why}`);
}

/** Where this module thinks it is (import.meta.url), and on which thread. */
export function whereAmI(): { url: string; threadId: number } {
  return { url: import.meta.url, threadId };
}

/** Imports a module chosen at run time (a path a bundler cannot see) and calls one of its exports. */
export async function importAtRunTime(args: { url: string; fn: string; args: unknown }): Promise<unknown> {
  const mod = (await import(args.url)) as Record<string, (a: unknown) => unknown>;
  return mod[args.fn](args.args);
}

/** A product on this thread's default kernels (native where loaded), with which backend ran and the native status. */
export function productOnThisThread(args: { n: number; k: number; m: number; seed: number }): {
  threadId: number;
  backend: string;
  native: { available: boolean; cause: string };
  c: Float64Array;
} {
  const rng = new Rng(args.seed);
  const c = matmul(rng.randn(args.n, args.k), rng.randn(args.k, args.m)).data;
  const { available, cause } = nativeKernels();
  return { threadId, backend: kernelBackend(), native: { available, cause }, c };
}
