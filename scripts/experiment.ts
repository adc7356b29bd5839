/**
 * npm run experiment -- <name>… [flags]: the chapter's MNIST experiments from the command line.
 * Each experiment runs in a worker thread; this thread shows a progress bar (iterations, the job
 * running, elapsed and remaining time), handles Ctrl-C and writes <out>/<name>.json with every
 * number behind the figure and <out>/<name>.png with the figure. See --help.
 *
 * Exit codes: 0 done, 1 an experiment failed, 2 bad command line, 130 stopped by Ctrl-C/SIGTERM
 * (what was finished is written, marked "complete": false).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import cliProgress from "cli-progress";
import { mnistExperiment, type ExperimentFlags, type MnistExperimentResult } from "../src/experiments/mnist/index.js";
import { flagsFor, HELP, parseExperimentArgs, UsageError } from "./experiment-args.js";
import type { WorkerMessage } from "./experiment-worker.js";
import { startTsWorker } from "./ts-worker.js";
import { renderMnistResult } from "../src/figures/mnist.js";
import { formatJson } from "../src/figures/registry.js";

const stop = new Int32Array(new SharedArrayBuffer(4));
let interruptedAt = 0;
let onInterrupt: (() => void) | null = null;

/**
 * First Ctrl-C (or SIGTERM): ask the experiment to stop after the current iteration. Repeats within
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

type Outcome = "done" | "interrupted" | "failed" | "usage";

function runInWorker(name: string, flags: ExperimentFlags, out: string, argv: string[]): Promise<Outcome> {
  const exp = mnistExperiment(name);
  const bar = new cliProgress.SingleBar({
    format: `${name} |{bar}| {percentage}% | {value}/{total} {unit} | {label} | elapsed {duration_formatted} | remaining {eta_formatted}`,
    hideCursor: true, noTTYOutput: true, notTTYSchedule: 10_000, etaBuffer: 200, fps: 5, barsize: 24,
  }, cliProgress.Presets.shades_classic);
  const t0 = Date.now();
  let barStarted = false;
  const worker = startTsWorker(new URL("./experiment-worker.ts", import.meta.url), { workerData: { name, flags, stop } });
  onInterrupt = () => {
    if (barStarted) bar.update({ label: "stopping after this iteration (Ctrl-C again after a second quits at once)" });
    else process.stderr.write(`${name}: stopping…\n`);
  };
  return new Promise<Outcome>((done) => {
    let settled = false;
    const finish = (o: Outcome) => {
      if (settled) return;
      settled = true;
      if (barStarted) bar.stop();
      onInterrupt = null;
      void worker.terminate();
      done(o);
    };
    worker.on("message", (m: WorkerMessage) => {
      if (m.type === "progress") {
        const p = m.progress;
        if (!barStarted) {
          bar.start(p.total, p.done, { unit: p.unit, label: p.label });
          barStarted = true;
        } else if (interruptedAt === 0) bar.update(p.done, { label: p.label });
        else bar.update(p.done);
      } else if (m.type === "error") {
        if (barStarted) bar.stop();
        if (m.beforeStart && / expected /.test(m.message)) {
          process.stderr.write(`error: ${name}: ${m.message}\nRun 'npm run experiment -- --help' for the experiments and flags.\n`);
          finish("usage");
        } else {
          process.stderr.write(`error: ${name} failed: ${m.stack ?? m.message}\n`);
          finish("failed");
        }
      } else {
        if (barStarted) bar.stop();
        const result = m.result as MnistExperimentResult;
        const seconds = (Date.now() - t0) / 1000;
        const interrupted = !result.complete;
        mkdirSync(out, { recursive: true });
        const jsonFile = join(out, `${name}.json`);
        const run = { command: `npm run experiment -- ${argv.join(" ")}`, experimentFlags: flags, seconds, interrupted, finishedAt: new Date().toISOString() };
        writeFileSync(jsonFile, formatJson({ ...result, run }) + "\n");
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
        finish(interrupted ? "interrupted" : "done");
      }
    });
    worker.on("error", (e) => {
      process.stderr.write(`error: ${name}: ${e.stack ?? e.message}\n`);
      finish("failed");
    });
    worker.on("exit", (code) => {
      if (!settled) {
        process.stderr.write(`error: ${name}: the worker exited (code ${code}) without a result\n`);
        finish("failed");
      }
    });
  });
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
    const outcome = await runInWorker(name, flagsFor(name, args.flags), out, argv);
    if (outcome === "usage") return 2;
    if (outcome === "failed") failed = true;
  }
  if (interruptedAt !== 0) return 130;
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
