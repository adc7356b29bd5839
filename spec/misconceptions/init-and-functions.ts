/**
 * Planted mistakes in the initial weights (§6.2, src/init.ts) and the supporting functions
 * (softmax and cross entropy, src/functions.ts).
 */
import { reference } from "../laws/impl.js";
import type { Impl } from "../laws/impl.js";
import type { Misconception } from "./misconception.js";

type Init = Parameters<Impl["initStd"]>[0];
type RngT = InstanceType<Impl["Rng"]>;

/** An Impl whose initStd (and initWeight, which draws with it) use `std` for the named schemes. */
function initVariant(std: (scheme: string, nIn: number, nOut: number) => number | undefined): Pick<Impl, "initStd" | "initWeight"> {
  const initStd = (init: Init, nIn: number, nOut: number): number | null => {
    const s = typeof init === "string" ? std(init.toLowerCase(), nIn, nOut) : undefined;
    return s !== undefined ? s : reference.initStd(init, nIn, nOut);
  };
  const initWeight = (nIn: number, nOut: number, init: Init, rng: RngT) => {
    const s = initStd(init, nIn, nOut);
    return s === null ? reference.initWeight(nIn, nOut, init, rng) : rng.randn(nIn, nOut, s);
  };
  return { initStd, initWeight };
}

const I = "src/init.ts", F = "src/functions.ts";
const initKillers = ["xavier-he-std", "init-std-by-scheme"];

export const initMisconceptions: Misconception[] = [
  {
    id: "xavier-he-swapped", module: I, mistake: "Xavier and He swapped: He √(1/n), Xavier √(2/n)", killedBy: initKillers,
    impl: { ...reference, ...initVariant((s, n) => (s === "he" || s === "relu" ? Math.sqrt(1 / n) : s === "xavier" || s === "sigmoid" ? Math.sqrt(2 / n) : undefined)) },
  },
  {
    id: "he-with-1-over-n", module: I, mistake: "He initialisation with 1/n instead of 2/n: std √(1/n)", killedBy: initKillers,
    impl: { ...reference, ...initVariant((s, n) => (s === "he" || s === "relu" ? Math.sqrt(1 / n) : undefined)) },
  },
  {
    id: "init-std-without-root", module: I, mistake: "the variance used as the std: He 2/n and Xavier 1/n without the square root", killedBy: initKillers,
    impl: { ...reference, ...initVariant((s, n) => (s === "he" || s === "relu" ? 2 / n : s === "xavier" || s === "sigmoid" ? 1 / n : undefined)) },
  },
  {
    id: "init-fan-out", module: I, mistake: "n taken as the next layer's size (fan-out) instead of the previous layer's", killedBy: initKillers,
    impl: { ...reference, ...initVariant((s, _n, nOut) => (s === "he" || s === "relu" ? Math.sqrt(2 / nOut) : s === "xavier" || s === "sigmoid" ? Math.sqrt(1 / nOut) : undefined)) },
  },
];

export const functionMisconceptions: Misconception[] = [
  {
    id: "softmax-without-max-subtraction", module: F, mistake: "softmax without subtracting the row max: e^x overflows for large logits",
    killedBy: ["softmax-no-overflow"],
    impl: { ...reference, softmax: (x) => {
      const y = new reference.Matrix(x.rows, x.cols);
      for (let i = 0; i < x.rows; i++) {
        let s = 0;
        for (let j = 0; j < x.cols; j++) s += (y.data[i * x.cols + j] = Math.exp(x.data[i * x.cols + j]!));
        for (let j = 0; j < x.cols; j++) y.data[i * x.cols + j] = y.data[i * x.cols + j]! / s;
      }
      return y;
    } },
  },
  {
    id: "cross-entropy-without-delta", module: F, mistake: "cross entropy without its 1e-7: −Σ log(y_t)/N is −log 0 = Infinity where y_t = 0",
    killedBy: ["cross-entropy-worked-examples"],
    impl: { ...reference, crossEntropyError: (y, t) => {
      const idx = y.rows === (t as { length?: number }).length ? Int32Array.from(t as ArrayLike<number>) : (t as InstanceType<Impl["Matrix"]>).argmaxRows();
      let s = 0;
      for (let i = 0; i < y.rows; i++) s += Math.log(y.data[i * y.cols + idx[i]!]!);
      return -s / y.rows;
    } },
  },
  {
    id: "cross-entropy-not-averaged", module: F, mistake: "cross entropy summed over the batch but not divided by N",
    killedBy: ["cross-entropy-worked-examples"],
    impl: { ...reference, crossEntropyError: (y, t) => reference.crossEntropyError(y, t) * y.rows },
  },
];
