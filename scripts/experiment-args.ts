/**
 * The experiment command line's arguments: names and flags in, checked values out. Bad input
 * throws a UsageError (the command exits with code 2) that says what was expected and received.
 */
import { parseArgs } from "node:util";
import { MNIST_EXPERIMENTS, type ExperimentFlags, type FlagName } from "../src/experiments/mnist/index.js";
import { OPTIMIZER_NAMES } from "../src/optimizer.js";

export class UsageError extends Error {}

interface FlagSpec {
  key: FlagName;
  value: string;
  help: string;
  parse(v: string, flag: string): ExperimentFlags[FlagName];
}

function integer(min: number) {
  return (v: string, flag: string): number => {
    if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`${flag} expects an integer ≥ ${min}, received ${JSON.stringify(v)}`);
    return Number(v);
  };
}

function real(check: (x: number) => boolean, what: string) {
  return (v: string, flag: string): number => {
    const x = Number(v);
    if (v.trim() === "" || !Number.isFinite(x) || !check(x)) throw new UsageError(`${flag} expects ${what}, received ${JSON.stringify(v)}`);
    return x;
  };
}

export const FLAGS: Record<string, FlagSpec> = {
  iterations: { key: "iterations", value: "N", help: "training iterations per network (book 2000)", parse: integer(1) },
  epochs: { key: "epochs", value: "N", help: "epochs (book: batchnorm 20, weight-decay 201, dropout 301, search 50)", parse: integer(1) },
  trials: { key: "trials", value: "N", help: "random-search trials in round 1 (book 100)", parse: integer(1) },
  "round2-trials": { key: "round2Trials", value: "N", help: "trials in round 2 on the narrowed ranges (default = --trials; 0 skips)", parse: integer(0) },
  top: { key: "top", value: "N", help: "best trials shown and spanning round 2's ranges (book 20)", parse: integer(1) },
  "batch-size": { key: "batchSize", value: "N", help: "mini-batch size (book 128 for 6-9/6-15, else 100)", parse: integer(1) },
  "train-size": { key: "trainSize", value: "N", help: "training samples used (first N of the 8,000)", parse: integer(1) },
  "test-size": { key: "testSize", value: "N", help: "test samples used (first N of the 2,000)", parse: integer(1) },
  hidden: {
    key: "hidden", value: "N,N,…", help: "hidden layer sizes, e.g. 100,100,100,100",
    parse: (v, flag) => {
      const parts = v.split(",");
      if (!parts.every((p) => /^\d+$/.test(p.trim()) && Number(p) >= 1)) throw new UsageError(`${flag} expects comma-separated integers ≥ 1, received ${JSON.stringify(v)}`);
      return parts.map(Number);
    },
  },
  lr: { key: "lr", value: "X", help: "SGD learning rate (book 0.01)", parse: real((x) => x > 0, "a number > 0") },
  optimizers: {
    key: "optimizers", value: "A,B,…", help: `optimizers to compare, from ${OPTIMIZER_NAMES.join(", ")} (book sgd,momentum,adagrad,adam)`,
    parse: (v, flag) => {
      const names = v.split(",").map((s) => s.trim().toLowerCase());
      const bad = names.find((n) => !(OPTIMIZER_NAMES as readonly string[]).includes(n));
      if (bad !== undefined) throw new UsageError(`${flag} expects names from ${OPTIMIZER_NAMES.join(", ")}, received ${JSON.stringify(bad)}`);
      return names;
    },
  },
  scales: { key: "scales", value: "N", help: "number of weight scales logspace(0, -4, N) (book 16)", parse: integer(1) },
  ratio: { key: "ratio", value: "X", help: "dropout ratio (book 0.2)", parse: real((x) => x >= 0 && x < 1, "a number in [0, 1)") },
  lambda: { key: "lambda", value: "X", help: "weight-decay λ of the regularised run (book 0.1)", parse: real((x) => x >= 0, "a number ≥ 0") },
  workers: { key: "workers", value: "N", help: "worker threads for the search's trials or a comparison's curves (default 2 on 2+ cores; 1 runs them in one thread; same results either way)", parse: integer(1) },
  seed: {
    key: "seed", value: "S", help: "seed of the data split, initial weights and batches (default 0)",
    parse: (v, flag) => {
      if (v.trim() === "") throw new UsageError(`${flag} expects a number or a word, received an empty string`);
      return /^-?\d+$/.test(v) ? Number(v) : v;
    },
  },
};

export const HELP = `Usage: npm run experiment -- <name>… [flags]

Runs the MNIST experiments of chapter 6 at the book's sizes (override any size with a flag),
shows progress, and writes <out>/<name>.json (every number behind the figure) and <out>/<name>.png.
Ctrl-C stops after the current iteration and writes what was finished (JSON marked "complete": false).

Experiments:
${MNIST_EXPERIMENTS.map((e) => `  ${e.name.padEnd(22)} Figure ${e.figure.padEnd(10)} ${e.title}\n${" ".repeat(25)}flags: ${e.flags.map((k) => `--${flagName(k)}`).join(" ")} --seed`).join("\n")}
  all                    every experiment above, one after another

Flags:
${Object.entries(FLAGS).map(([name, s]) => `  --${`${name} ${s.value}`.padEnd(20)} ${s.help}`).join("\n")}
  --out DIR              output folder (default out/experiments)
  --help, -h             this text

Examples:
  npm run experiment -- optimizer-compare
  npm run experiment -- batchnorm --epochs 5 --scales 4 --out /tmp/bn
  npm run experiment -- hyperparameter-search --trials 20 --epochs 10 --seed 3`;

export function flagName(key: FlagName): string {
  return Object.entries(FLAGS).find(([, s]) => s.key === key)![0];
}

export type ParsedArgs = { help: true } | { help: false; names: string[]; flags: ExperimentFlags; out: string };

export function parseExperimentArgs(argv: string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        ...Object.fromEntries(Object.keys(FLAGS).map((k) => [k, { type: "string" as const }])),
        out: { type: "string" }, help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ""));
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals.length === 0) throw new UsageError(`expected an experiment name (${MNIST_EXPERIMENTS.map((e) => e.name).join(", ")} or all), received none`);
  const known = MNIST_EXPERIMENTS.map((e) => e.name);
  for (const p of positionals)
    if (p !== "all" && !known.includes(p)) throw new UsageError(`unknown experiment ${JSON.stringify(p)}; expected one of ${known.join(", ")} or all`);
  const names = positionals.includes("all") ? known : [...new Set(positionals)];
  const flags: ExperimentFlags = {};
  for (const [name, spec] of Object.entries(FLAGS)) {
    const v = (values as Record<string, unknown>)[name];
    if (typeof v !== "string") continue;
    (flags as Record<string, unknown>)[spec.key] = spec.parse(v, `--${name}`);
    if (spec.key === "seed") continue;
    const takers = names.filter((n) => MNIST_EXPERIMENTS.find((e) => e.name === n)!.flags.includes(spec.key));
    if (takers.length === 0) {
      const ex = names.length === 1 ? names[0] : names.join(", ");
      const own = names.length === 1 ? ` (its flags: ${MNIST_EXPERIMENTS.find((e) => e.name === names[0])!.flags.map((k) => `--${flagName(k)}`).join(" ")} --seed)` : "";
      throw new UsageError(`--${name} does not apply to ${ex}${own}`);
    }
  }
  const out = values.out;
  if (out !== undefined && (typeof out !== "string" || out.trim() === "")) throw new UsageError(`--out expects a folder, received ${JSON.stringify(out)}`);
  return { help: false, names, flags, out: (out as string | undefined) ?? "out/experiments" };
}

/** The flags one experiment takes, from the flags given for several. */
export function flagsFor(name: string, flags: ExperimentFlags): ExperimentFlags {
  const e = MNIST_EXPERIMENTS.find((x) => x.name === name)!;
  const out: ExperimentFlags = {};
  for (const [k, v] of Object.entries(flags)) if (k === "seed" || e.flags.includes(k as FlagName)) (out as Record<string, unknown>)[k] = v;
  return out;
}
