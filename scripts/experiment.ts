/**
 * npm run experiment -- <name>… [flags]: the chapter's MNIST experiments from the command line.
 * Flags are parsed and checked first (scripts/experiment-args.ts), then each experiment's options
 * and the --out folder, all before anything trains. Each experiment runs on worker threads through
 * runJobs (src/runtime/parallel.ts; the hyperparameter search's trials and the comparisons' curves on
 * several: --workers, default 2 on 2+ cores, same results); this thread shows a progress bar
 * (iterations, the job running, elapsed and remaining time), handles Ctrl-C and writes
 * <out>/<name>.json with every number behind the figure and <out>/<name>.png with the figure, both
 * atomically (scripts/experiment-output.ts). See --help.
 *
 * Exit codes: 0 done, 1 an experiment failed, 2 bad command line or --out, 130 stopped by
 * Ctrl-C/SIGTERM (what was finished is written, marked "complete": false).
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import cliProgress from "cli-progress";
import {
  defaultMnist,
  joinCurveParts,
  mnistExperiment,
  round2Ranges,
  toSharedSplit,
  searchResult,
  searchRound,
  setupSearch,
  type HyperparameterSearchOptions,
  type MnistExperimentOptions,
  type MnistExperimentResult,
  type OptimizerCompareResult,
  type Progress,
  type SearchRound,
  type Trial,
  type WeightInitCompareResult,
} from "../src/experiments/mnist/index.js";
import { runJobs, type Job } from "../src/runtime/parallel.js";
import {
  flagsFor,
  HELP,
  optionsFor,
  parseExperimentArgs,
  UsageError,
  type ExperimentFlags,
} from "./experiment-args.js";
import { checkOutDir, OutDirError, sha256, writeOutputs } from "./experiment-output.js";
import { summarize } from "./experiment-summary.js";

const JOBS = new URL("./experiment-jobs.ts", import.meta.url);
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

/** A progress bar on stderr: live on a terminal, a line every 10 s in a log. */
function progressBar(name: string) {
  const bar = new cliProgress.SingleBar(
    {
      format: `${name} |{bar}| {percentage}% | {value}/{total} {unit} | {label} | elapsed {duration_formatted} | remaining {eta_formatted}`,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 10_000,
      etaBuffer: 200,
      fps: 5,
      barsize: 24,
    },
    cliProgress.Presets.shades_classic,
  );
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

type Bar = ReturnType<typeof progressBar>;

/** Deals positions 0 … n−1 round-robin to `workers` parts (empty parts dropped). */
const deal = (n: number, workers: number) =>
  Array.from({ length: workers }, (_, w) =>
    Array.from({ length: n }, (_, i) => i).filter((i) => i % workers === w),
  ).filter((p) => p.length > 0);

/** Runs `jobs` on one worker thread each, with the shared stop flag; `onProgress` gets each job's reports. */
function runParts<T>(jobs: Job[], onProgress: (index: number, p: Progress) => void): Promise<T[]> {
  return runJobs<T>(jobs, { workers: jobs.length, stop, onProgress: (i, p) => onProgress(i, p as Progress) });
}

/** The hyperparameter search with each round's trials dealt round-robin to `workers` threads. */
async function searchOnWorkers(
  options: HyperparameterSearchOptions,
  workers: number,
  bar: Bar,
): Promise<MnistExperimentResult> {
  const setup = setupSearch(options);
  const total = setup.perTrial * (setup.trials + setup.round2Trials);
  let before = 0;
  const runRound = async (round: number, n: number, ranges: SearchRound["ranges"]): Promise<SearchRound> => {
    const parts = deal(n, workers);
    const done = new Array<number>(parts.length).fill(0);
    const jobs = parts.map((indices) => ({
      module: JOBS,
      fn: "searchTrials",
      args: { options, round, ranges, indices },
    }));
    const results = await runParts<Trial[]>(jobs, (w, p) => {
      done[w] = p.done;
      const sum = done.reduce((a, b) => a + b, 0);
      bar.update(
        before + sum,
        total,
        `round ${round}: ${Math.floor(sum / setup.perTrial)}/${n} trials on ${parts.length} workers`,
      );
    });
    before += n * setup.perTrial;
    return searchRound(round, ranges, results.flat());
  };
  const rounds = [await runRound(1, setup.trials, setup.ranges)];
  if (setup.round2Trials > 0 && rounds[0].trials.length > 0 && interruptedAt === 0)
    rounds.push(await runRound(2, setup.round2Trials, round2Ranges(setup, rounds[0])));
  return searchResult(setup, rounds);
}

/** A comparison with its curves dealt round-robin to `workers` threads, joined back in the curves' order. */
async function curvesOnWorkers(
  name: string,
  options: MnistExperimentOptions,
  workers: number,
  bar: Bar,
): Promise<MnistExperimentResult> {
  const exp = mnistExperiment(name);
  const names = exp.curves!.names(options);
  const indices = deal(names.length, workers);
  const done = new Array<number>(indices.length).fill(0),
    totals = new Array<number>(indices.length).fill(0);
  const data = toSharedSplit(defaultMnist(options.seed ?? 0, { shared: true })); // one copy for all workers
  const jobs = indices.map((idx) => ({
    module: JOBS,
    fn: "curves",
    args: {
      name,
      options: exp.curves!.only(
        options,
        idx.map((i) => names[i]),
      ),
      data,
    },
  }));
  const parts = await runParts<OptimizerCompareResult | WeightInitCompareResult>(jobs, (w, p) => {
    done[w] = p.done;
    totals[w] = p.total;
    bar.update(
      done.reduce((a, b) => a + b, 0),
      totals.every((t) => t > 0) ? totals.reduce((a, b) => a + b, 0) : (p.total * names.length) / indices[w].length,
      `${names.length} curves on ${indices.length} workers: ${p.label}`,
    );
  });
  return joinCurveParts(parts, indices, names.length);
}

type Outcome = "done" | "interrupted" | "failed";

/** Writes <out>/<name>.json and its PNGs as one pair: PNGs rendered first, the JSON names their SHA-256. */
async function writeResult(name: string, result: MnistExperimentResult, run: object, out: string): Promise<string[]> {
  // the renderers (canvas, cairo, fonts: about 50 MB) are loaded only now, after the training threads are gone
  const { formatJson } = await import("../src/figures/registry.js");
  const { renderMnistResult } = await import("../src/figures/mnist.js");
  let pngs: [string, Buffer][] = [],
    figureError: string | undefined;
  try {
    pngs = renderMnistResult(result).map(([suffix, bytes]) => [join(out, `${name}${suffix}.png`), bytes]);
  } catch (e) {
    figureError = (e as Error).message;
  }
  const figures = pngs.map(([file, bytes]) => ({ file: file.slice(out.length + 1), sha256: sha256(bytes) }));
  const jsonFile = join(out, `${name}.json`);
  const json = `${formatJson({ ...result, run, figures, ...(figureError === undefined ? {} : { figureError }) })}\n`;
  writeOutputs([...pngs, [jsonFile, json]]);
  return [jsonFile, ...pngs.map(([file]) => file)].concat(
    figureError === undefined ? [] : [`(no figure: ${figureError})`],
  );
}

async function runExperiment(
  name: string,
  flags: ExperimentFlags,
  options: MnistExperimentOptions,
  out: string,
  argv: string[],
): Promise<Outcome> {
  const exp = mnistExperiment(name);
  const bar = progressBar(name);
  onInterrupt = () => bar.interrupted();
  const t0 = Date.now();
  const splits = name === "hyperparameter-search" || exp.curves !== undefined;
  const curveCount = exp.curves ? exp.curves.names(options).length : Infinity;
  const workers = splits ? Math.min(flags.workers ?? Math.min(2, availableParallelism()), curveCount) : 1;
  let result: MnistExperimentResult;
  try {
    result =
      workers > 1
        ? await (exp.curves ? curvesOnWorkers(name, options, workers, bar) : searchOnWorkers(options, workers, bar))
        : (
            await runParts<MnistExperimentResult>(
              [{ module: JOBS, fn: "experiment", args: { name, options } }],
              (_, p) => bar.update(p.done, p.total, p.label),
            )
          )[0];
  } catch (e) {
    bar.stop();
    onInterrupt = null;
    process.stderr.write(`error: ${name} failed: ${(e as Error).stack ?? (e as Error).message}\n`);
    return "failed";
  }
  bar.stop();
  onInterrupt = null;
  const seconds = (Date.now() - t0) / 1000;
  const interrupted = !result.complete;
  const run = {
    command: `npm run experiment -- ${argv.join(" ")}`,
    experimentFlags: flags,
    workers,
    seconds,
    interrupted,
    finishedAt: new Date().toISOString(),
  };
  let wrote: string[];
  try {
    wrote = await writeResult(name, result, run, out);
  } catch (e) {
    process.stderr.write(`error: ${name}: could not write the results to ${out}: ${(e as Error).message}\n`);
    return "failed";
  }
  console.log(
    `\n${name} (Figure ${exp.figure})${interrupted ? " — stopped early, partial results" : ""}: ${seconds.toFixed(1)} s`,
  );
  for (const line of summarize(name, result)) console.log(`  ${line}`);
  console.log(`  wrote ${wrote.join(", ")}`);
  return interrupted ? "interrupted" : "done";
}

const usage = (message: string) => {
  process.stderr.write(`error: ${message}\nRun 'npm run experiment -- --help' for the experiments and flags.\n`);
  return 2;
};

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseExperimentArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return usage(e.message);
  }
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  // Everything the command line can check is checked before anything trains: each experiment's
  // options (sizes that do not fit together), then the output folder.
  const plan: { name: string; flags: ExperimentFlags; options: MnistExperimentOptions }[] = [];
  for (const name of args.names) {
    const flags = flagsFor(name, args.flags);
    const options = optionsFor(name, flags);
    try {
      mnistExperiment(name).check(options);
    } catch (e) {
      return usage(`${name}: ${(e as Error).message}`);
    }
    plan.push({ name, flags, options });
  }
  let out: string;
  try {
    out = checkOutDir(args.out);
  } catch (e) {
    if (!(e instanceof OutDirError)) throw e;
    return usage(e.message);
  }
  process.on("SIGINT", handleSignal);
  process.on("SIGTERM", handleSignal);
  let failed = false;
  for (const { name, flags, options } of plan) {
    if (interruptedAt !== 0) {
      console.log(`${name}: skipped (stopped)`);
      continue;
    }
    if ((await runExperiment(name, flags, options, out, argv)) === "failed") failed = true;
  }
  if (interruptedAt !== 0) return 130;
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
