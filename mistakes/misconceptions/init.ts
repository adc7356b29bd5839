/**
 * Planted mistakes in the initial weights (§6.2, src/init.ts) that mistakes/broken does not have.
 */
import { reference } from "../../conformance/laws/impl.js";
import type { Impl } from "../../conformance/laws/impl.js";
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

const I = "src/init.ts";
const initKillers = ["xavier-he-std", "init-std-by-scheme"];

export const initMisconceptions: Misconception[] = [
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

