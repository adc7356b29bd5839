/**
 * The checks are written once, in TypeScript, and their messages name TypeScript things
 * (this.v, params[key].data, Math.floor, runningMean). For a Python learner the same messages
 * are said in Python: self.v, params[key], int(), running_mean. Only words change, never numbers.
 */
import { PY_EXERCISES } from "./layout.js";

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Identifiers of the checks' API and state that Python spells in snake_case. */
const CAMEL = [
  ...new Set([
    ...Object.values(PY_EXERCISES).flatMap((e) => Object.keys(e.names).filter((n) => /^[a-z]/.test(n))),
    "runningMean",
    "runningVar",
    "batchSize",
    "dropoutRatio",
    "decayRate",
    "weightDecayLambda",
    "weightDecay",
    "validationRate",
    "validationNum",
    "xTrain",
    "tTrain",
    "xVal",
    "tVal",
    "nIn",
    "nOut",
    "pickRows",
  ]),
].sort((a, b) => b.length - a.length);

const RULES: [RegExp, string | ((...m: string[]) => string)][] = [
  [
    /update\(\) must write the new values into params\[key\]\.data\./g,
    "update() must change params[key] in place (params[key] -= …): params[key] = params[key] - … makes a new array the network's layers never see.",
  ],
  [/\blog_uniform\(rng, |\blogUniform\(rng, /g, "log_uniform("],
  [/params\[key\]\.data\[i\]/g, "params[key]"],
  [/params\[key\]\.data/g, "params[key] (in place: params[key] -= …)"],
  [/params\[key\] = new Matrix\(…\)/g, "params[key] = params[key] - … (a new array)"],
  [/new Matrix\(…\)/g, "a new array"],
  [/new Matrix\(rows, cols\)/g, "np.zeros_like(…)"],
  [/(?:this|self)\.rng\.uniform\(\)/g, "np.random.rand"],
  [/\brng\.uniform\(\)/g, "np.random.uniform"],
  [/\brng\.permutation\(N\)/g, "np.random.permutation(N)"],
  [/\bthis\.(\w+)/g, (_m, name) => `self.${snake(name)}`],
  [/\bMath\.floor\b/g, "int()"],
  [/\bMath\.round\b/g, "round()"],
  [/\bMath\.ceil\b/g, "math.ceil"],
  [/\bMath\.exp\b/g, "np.exp"],
  [/\bMath\.random\b/g, "an unseeded generator"],
  [/forward\(x, (true|false)\)/g, (_m, b) => `forward(x, train_flg=${b === "true" ? "True" : "False"})`],
  [/\(train = (true|false)\)/g, (_m, b) => `(train_flg=${b === "true" ? "True" : "False"})`],
  [/\bMatrix\b/g, "array"],
  [/\bFloat64Arrays?\b/g, "NumPy arrays"],
  [/\.data\b/g, ""],
  [/\bnull\b/g, "None"],
  [/\bundefined\b/g, "None"],
  [new RegExp(`\\b(${CAMEL.join("|")})\\b`, "g"), (name) => snake(name)],
];

/** A check's message (or a hint line) in Python's words. */
export function inPython(text: string): string {
  let out = text;
  for (const [re, to] of RULES) out = out.replace(re, to as string);
  return out;
}
