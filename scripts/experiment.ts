/**
 * npm run experiment -- <name>… [flags]: the chapter's MNIST experiments from the command line.
 * Each experiment runs in a worker thread (the hyperparameter search's trials and the comparisons'
 * curves in several: --workers, default 2 on 2+ cores, same results); this
 * thread shows a progress bar (iterations, the job running, elapsed and remaining time), handles
 * Ctrl-C and writes <out>/<name>.json with every number behind the figure and <out>/<name>.png
 * with the figure. See --help.
 *
 * Exit codes: 0 done, 1 an experiment failed, 2 bad command line, 130 stopped by Ctrl-C/SIGTERM
 * (what was finished is written, marked "complete": false).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import cliProgress from "cli-progress";
import {
  defaultMnist, joinCurveParts, mnistExperiment, round2Ranges, toSharedSplit, searchOptions, searchResult, searchRound, setupSearch,
  type ExperimentFlags, type MnistExperimentResult, type Progress, type SearchRound, type SearchSetup, type Trial,
} from "../src/experiments/mnist/index.js";
import { flagsFor, HELP, parseExperimentArgs, UsageError } from "./experiment-args.js";
import type { WorkerMessage, WorkerTask } from "./experiment-worker.js";
import { startTsWorker } from "./ts-worker.js";

const stop = new Int32Array(new SharedArrayBuffer(4));
let interruptedAt = 0;
let onInterrupt: (() => void) | null = null;

/**
 * First Ctrl-C (or SIGTERM): ask the experiment to stop after the current update. Repeats within
 * a second are the same keypress arriving twice (npm and tsx forward it to the process group).
 * A later one quits at once without writing.
 */
function handleSignal(signal: NodeJS.Signals): void {
  const now = Date.now();
  if (interruptedAt === 0) {
    interruptedAt = now;
    Atomics.store(stop, 0, 1);
    onInterrupt?.();
  } else if (now - interruptedAt > 1000) {
    process.stderr.write(`\n${signal} again: quitting without writing the current experiment.\n`);
    process.exit(130);
  }
}

class UsageFailure extends Error {}

/** A progress bar on stderr: live on a terminal, a line every 10 s in a log. */
function progressBar(name: string) {
  const bar = new cliProgress.SingleBar({
    format: `${name} |{bar}| {percentage}% | {value}/{total} {unit} | {label} | elapsed {duration_formatted} | remaining {eta_formatted}`,
    hideCursor: true, noTTYOutput: true, notTTYSchedule: 10_000, etaBuffer: 200, fps: 5, barsize: 24,
  }, cliProgress.Presets.shades_classic);
  let started = false;
  const stopping = "stopping after this update (Ctrl-C again after a second quits at once)";
  return {
    update(done: number, total: number, label: string) {
      if (!started) {
        bar.start(total, done, { unit: "iterations", label });
        started = true;
      } else bar.update(done, { label: interruptedAt ? stopping : label });
    },
    interrupted() {
      if (started) bar.update({ label: stopping });
      else process.stderr.write(`${name}: stopping…\n`);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** Runs a task in a worker thread; progress goes to `onProgress`; resolves with its result. */
async function runTask(task: WorkerTask, onProgress: (p: Progress) => void): Promise<unknown> {
  const worker = await startTsWorker(new URL("./experiment-worker.ts", import.meta.url), { workerData: { task, stop } });
  return new Promise((done, reject) => {
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      f();
    };
    worker.on("message", (m: WorkerMessage) => {
      if (m.type === "progress") onProgress(m.progress);
      else if (m.type === "result") finish(() => done(m.result));
      else if (m.beforeStart && / expected /.test(m.message)) finish(() => reject(new UsageFailure(m.message)));
      else finish(() => reject(new Error(m.stack ?? m.message)));
    });
    worker.on("error", (e) => finish(() => reject(e)));
    worker.on("exit", (code) => finish(() => reject(new Error(`the worker exited (code ${code}) without a result`))));
  });
}

/** The hyperparameter search with each round's trials dealt round-robin to `workers` threads. */
async function searchOnWorkers(flags: ExperimentFlags, workers: number, bar: ReturnType<typeof progressBar>): Promise<MnistExperimentResult> {
  let setup: SearchSetup;
  try {
    setup = setupSearch(searchOptions(flags));
  } catch (e) {
    throw new UsageFailure((e as Error).message);
  }
  const total = setup.perTrial * (setup.trials + setup.round2Trials);
  let before = 0;
  const runRound = async (round: number, n: number, ranges: SearchRound["ranges"]): Promise<SearchRound> => {
    const done = new Array<number>(workers).fill(0);
    const parts = Array.from({ length: workers }, (_, w) => Array.from({ length: n }, (_, i) => i).filter((i) => i % workers === w)).filter((p) => p.length > 0);
    const results = await Promise.all(parts.map((indices, w) =>
      runTask({ kind: "search-trials", flags, round, ranges, indices }, (p) => {
        done[w] = p.done;
        const sum = done.reduce((a, b) => a + b, 0);
        bar.update(before + sum, total, `round ${round}: ${Math.floor(sum / setup.perTrial)}/${n} trials on ${parts.length} workers`);
      })));
    before += n * setup.perTrial;
    return searchRound(round, ranges, (results as Trial[][]).flat());
  };
  const rounds = [await runRound(1, setup.trials, setup.ranges)];
  if (setup.round2Trials > 0 && rounds[0].trials.length > 0 && interruptedAt === 0)
    rounds.push(await runRound(2, setup.round2Trials, round2Ranges(setup, rounds[0])));
  return searchResult(setup, rounds);
}

/** A comparison with its curves dealt round-robin to `workers` threads, joined back in the curves' order. */
async function curvesOnWorkers(name: string, flags: ExperimentFlags, workers: number, bar: ReturnType<typeof progressBar>): Promise<MnistExperimentResult> {
  const names = mnistExperiment(name).curves!.names(flags);
  const indices = Array.from({ length: workers }, (_, w) => names.map((_, i) => i).filter((i) => i % workers === w)).filter((p) => p.length > 0);
  const done = new Array<number>(indices.length).fill(0), totals = new Array<number>(indices.length).fill(0);
  const data = toSharedSplit(defaultMnist(flags.seed ?? 0, { shared: true })); // one copy for all workers
  const parts = await Promise.all(indices.map((idx, w) =>
    runTask({ kind: "curves", name, flags, names: idx.map((i) => names[i]), data }, (p) => {
      done[w] = p.done;
      totals[w] = p.total;
      bar.update(done.reduce((a, b) => a + b, 0), totals.every((t) => t > 0) ? totals.reduce((a, b) => a + b, 0) : p.total * names.length / idx.length,
        `${names.length} curves on ${indices.length} workers: ${p.label}`);
    })));
  return joinCurveParts(parts as Parameters<typeof joinCurveParts>[0], indices, names.length);
}

type Outcome = "done" | "interrupted" | "failed" | "usage";

async function runExperiment(name: string, flags: ExperimentFlags, out: string, argv: string[]): Promise<Outcome> {
  const exp = mnistExperiment(name);
  const bar = progressBar(name);
  onInterrupt = () => bar.interrupted();
  const t0 = Date.now();
  const splits = name === "hyperparameter-search" || exp.curves !== undefined;
  const curveCount = exp.curves ? exp.curves.names(flags).length : Infinity;
  const workers = splits ? Math.min(flags.workers ?? Math.min(2, availableParallelism()), curveCount) : 1;
  let result: MnistExperimentResult;
  try {
    result = workers > 1
      ? await (exp.curves ? curvesOnWorkers(name, flags, workers, bar) : searchOnWorkers(flags, workers, bar))
      : ((await runTask({ kind: "experiment", name, flags }, (p) => bar.update(p.done, p.total, p.label))) as MnistExperimentResult);
  } catch (e) {
    bar.stop();
    onInterrupt = null;
    if (e instanceof UsageFailure) {
      process.stderr.write(`error: ${name}: ${e.message}\nRun 'npm run experiment -- --help' for the experiments and flags.\n`);
      return "usage";
    }
    process.stderr.write(`error: ${name} failed: ${(e as Error).stack ?? (e as Error).message}\n`);
    return "failed";
  }
  bar.stop();
  onInterrupt = null;
  const seconds = (Date.now() - t0) / 1000;
  const interrupted = !result.complete;
  mkdirSync(out, { recursive: true });
  const jsonFile = join(out, `${name}.json`);
  const run = { command: `npm run experiment -- ${argv.join(" ")}`, experimentFlags: flags, workers, seconds, interrupted, finishedAt: new Date().toISOString() };
  // the renderers (canvas, cairo, fonts: about 50 MB) are loaded only now, after the training threads are gone
  const { formatJson } = await import("../src/figures/registry.js");
  const { renderMnistResult } = await import("../src/figures/mnist.js");
  writeFileSync(jsonFile, `${formatJson({ ...result, run })}\n`);
  const pngs: string[] = [];
  let noFigure = "";
  try {
    for (const [suffix, bytes] of renderMnistResult(result)) {
      const file = join(out, `${name}${suffix}.png`);
      writeFileSync(file, bytes);
      pngs.push(file);
    }
  } catch (e) {
    noFigure = ` (no figure: ${(e as Error).message})`;
  }
  console.log(`\n${name} (Figure ${exp.figure})${interrupted ? " — stopped early, partial results" : ""}: ${seconds.toFixed(1)} s`);
  for (const line of exp.summary(result)) console.log(`  ${line}`);
  console.log(`  wrote ${[jsonFile, ...pngs].join(", ")}${noFigure}`);
  return interrupted ? "interrupted" : "done";
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseExperimentArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`error: ${e.message}\nRun 'npm run experiment -- --help' for the experiments and flags.\n`);
    return 2;
  }
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  process.on("SIGINT", handleSignal);
  process.on("SIGTERM", handleSignal);
  const out = resolve(args.out);
  let failed = false;
  for (const name of args.names) {
    if (interruptedAt !== 0) {
      console.log(`${name}: skipped (stopped)`);
      continue;
    }
    const outcome = await runExperiment(name, flagsFor(name, args.flags), out, argv);
    if (outcome === "usage") return 2;
    if (outcome === "failed") failed = true;
  }
  if (interruptedAt !== 0) return 130;
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
