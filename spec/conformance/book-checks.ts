/**
 * Book examples as checks: the book code's Figure 6-8 paths (spec/fixtures/book-optimizer-paths.json)
 * and worked examples whose expected values this file computes from the book's equations as
 * CHAPTER6.md states them (scalar arithmetic written out here, never the code under test).
 */
import { readFileSync } from "node:fs";
import type { Impl, Mat } from "../laws/impl.js";
import { deterministicLaw, expectClose, num, violation, type Law } from "../laws/law.js";
import { dataRng, labels, mat, randn } from "../laws/util.js";

const SPEC = "spec/conformance/conformance.spec.ts";

interface Fixture {
  paths: Record<string, [number, number][]>;
}
const fixture = JSON.parse(readFileSync(new URL("../fixtures/book-optimizer-paths.json", import.meta.url), "utf8")) as Fixture;

type OptName = "SGD" | "Momentum" | "AdaGrad" | "Adam" | "Nesterov" | "RMSprop";

/** 30 updates on f(x, y) = x²/20 + y² from (−7, 2) with the implementation's optimizer class. */
function runPath(impl: Impl, name: OptName, lr: number, steps = 30): Float64Array {
  const opt = new impl[name]({ lr });
  const params = { x: mat(impl, 1, 1, [-7.0]), y: mat(impl, 1, 1, [2.0]) };
  const out = new Float64Array(2 * (steps + 1));
  out[0] = -7.0;
  out[1] = 2.0;
  for (let i = 1; i <= steps; i++) {
    const x = params.x.data[0]!, y = params.y.data[0]!;
    opt.update(params, { x: mat(impl, 1, 1, [x / 10.0]), y: mat(impl, 1, 1, [2.0 * y]) });
    out[2 * i] = params.x.data[0]!;
    out[2 * i + 1] = params.y.data[0]!;
  }
  return out;
}

/**
 * rtol 1e-10: an implementation that rounds differently (β^t by `**`, g² as g·g) drifts by ~1e-14
 * over 30 steps; the mildest wrong formula we know (AdaGrad's ε inside the root) moves the path by
 * 2e-8 relative after one step.
 */
function pathCheck(name: OptName, lr: number, key: string, mistake: string): Law {
  return deterministicLaw(
    {
      id: `book-path-${name.toLowerCase()}`, section: `§6.1.7 Figure 6-8 (${name} path, the book code's coordinates)`, spec: SPEC,
      title: `${name}(lr=${lr}) on f(x, y) = x²/20 + y² from (−7, 2) follows the book code's 30-step path`,
      mistake,
    },
    (impl) => {
      const expected = fixture.paths[key];
      if (!expected) throw new Error(`fixture has no path "${key}"`);
      const received = runPath(impl, name, lr);
      expectClose([{ where: `${name} path (x0, y0, x1, y1, …)`, received, expected: expected.flat(), cols: 2, atol: 1e-14, rtol: 1e-10 }]);
    },
  );
}

/** The same 30 steps by the book's equations (CHAPTER6.md §1), in plain scalars. */
function equationPath(step: (w: number, g: number, s: { v: number; h: number }) => number, steps = 30): Float64Array {
  const out = new Float64Array(2 * (steps + 1));
  let x = -7.0, y = 2.0;
  const sx = { v: 0, h: 0 }, sy = { v: 0, h: 0 };
  out[0] = x;
  out[1] = y;
  for (let i = 1; i <= steps; i++) {
    const gx = x / 10.0, gy = 2.0 * y;
    x = step(x, gx, sx);
    y = step(y, gy, sy);
    out[2 * i] = x;
    out[2 * i + 1] = y;
  }
  return out;
}

function equationPathCheck(name: "Nesterov" | "RMSprop", lr: number, rule: string, step: (w: number, g: number, s: { v: number; h: number }) => number, mistake: string): Law {
  return deterministicLaw(
    {
      id: `book-path-${name.toLowerCase()}`, section: `§6.1 ${name} (optimizer.py; ${rule})`, spec: SPEC,
      title: `${name}(lr=${lr}) on f(x, y) = x²/20 + y² from (−7, 2) follows the book's update rule for 30 steps`,
      mistake,
    },
    (impl) => {
      expectClose([{ where: `${name} path (x0, y0, x1, y1, …)`, received: runPath(impl, name, lr), expected: equationPath(step), cols: 2, atol: 1e-14, rtol: 1e-10 }]);
    },
  );
}

const ALPHA = 0.9, RHO = 0.99;

export const optimizerPathChecks: Law[] = [
  pathCheck("SGD", 0.95, "SGD(lr=0.95)", "the step added instead of subtracted (W ← W + lr·g), or the learning rate not applied"),
  pathCheck("Momentum", 0.1, "Momentum(lr=0.1)", "v ← αv + lr·g (the sign of the gradient term), v not decayed by α, or W updated before v"),
  pathCheck("AdaGrad", 1.5, "AdaGrad(lr=1.5)", "ε inside the square root (√(h + 1e-7) instead of √h + 1e-7), h accumulating g instead of g⊙g, or h not accumulated"),
  pathCheck("Adam", 0.3, "Adam(lr=0.3)", "the bias correction left out (lr_t = lr), β1 and β2 swapped, or m/v not the book's running averages"),
  equationPathCheck("Nesterov", 0.1, "W ← W + α²v − (1+α)·lr·g; v ← αv − lr·g", (w, g, s) => {
    const next = w + ALPHA * ALPHA * s.v - (1 + ALPHA) * 0.1 * g;
    s.v = ALPHA * s.v - 0.1 * g;
    return next;
  }, "Nesterov written as plain momentum (W ← W + v), or v updated before W is moved"),
  equationPathCheck("RMSprop", 0.1, "h ← ρh + (1−ρ)g⊙g; W ← W − lr·g/(√h + 1e-7)", (w, g, s) => {
    s.h = RHO * s.h + (1 - RHO) * g * g;
    return w - (0.1 * g) / (Math.sqrt(s.h) + 1e-7);
  }, "RMSprop accumulating h ← h + g⊙g like AdaGrad (no decay ρ), or the decay applied to the gradient term only"),
];

// ---------------------------------------------------------------------------------------------
// §6.2 initial weights

const SCHEMES: [string, string, (n: number) => number][] = [
  ["he", "He √(2/n)", (n) => Math.sqrt(2.0 / n)],
  ["relu", "He √(2/n)", (n) => Math.sqrt(2.0 / n)],
  ["xavier", "Xavier √(1/n)", (n) => Math.sqrt(1.0 / n)],
  ["sigmoid", "Xavier √(1/n)", (n) => Math.sqrt(1.0 / n)],
];
const INIT_MISTAKE = "Xavier and He swapped, He written √(1/n) (that is Xavier) or 1/n without the root, or n taken as the next layer's size (fan-out)";

export const initStdCheck = deterministicLaw(
  {
    id: "init-std-by-scheme", section: "§6.2.2 Xavier and §6.2.3 He initial weights (std by scheme)", spec: SPEC,
    title: "initStd gives He √(2/n), Xavier √(1/n) with n the previous layer's size, and a number σ as itself",
    mistake: INIT_MISTAKE,
  },
  (impl) => {
    for (const [nIn, nOut] of [[1, 3], [2, 50], [50, 2], [100, 100], [784, 100]] as const) {
      for (const [scheme, label, std] of SCHEMES) {
        const got = impl.initStd(scheme as "he", nIn, nOut);
        if (got === null || !(Math.abs(got - std(nIn)) <= 1e-15 * std(nIn)))
          violation(`initStd('${scheme}', nIn = ${nIn}, nOut = ${nOut}) is ${got === null ? "null" : num(got)}, expected ${label} = ${num(std(nIn))}`);
      }
      for (const sigma of [1, 0.01]) {
        const got = impl.initStd(sigma, nIn, nOut);
        if (got !== sigma) violation(`initStd(${sigma}, ${nIn}, ${nOut}) is ${got}, expected ${sigma}`);
      }
    }
  },
);

export const initDrawCheck = deterministicLaw(
  {
    id: "init-weight-draws", section: "§6.2 Initial weights (the drawn matrix)", spec: SPEC,
    title: "initWeight(100, 1000, scheme) draws 10⁵ weights whose mean is 0 and std the scheme's within 5 standard errors",
    mistake: INIT_MISTAKE,
  },
  (impl) => {
    const nIn = 100, nOut = 1000;
    for (const [scheme, label, std] of SCHEMES) {
      const W = impl.initWeight(nIn, nOut, scheme as "he", new impl.Rng(`init-${scheme}`));
      if (W.rows !== nIn || W.cols !== nOut) violation(`initWeight(${nIn}, ${nOut}, '${scheme}') has shape ${W.rows}×${W.cols}, expected ${nIn}×${nOut}`);
      const n = W.data.length;
      let s = 0, sq = 0;
      for (let i = 0; i < n; i++) s += W.data[i]!;
      const mean = s / n;
      for (let i = 0; i < n; i++) sq += (W.data[i]! - mean) ** 2;
      const sd = Math.sqrt(sq / n), sigma = std(nIn);
      // SE of the mean σ/√n, of the std ≈ σ/√(2n): 5 SE is 1.1% of σ; He and Xavier differ by 41%.
      if (!(Math.abs(mean) <= (5 * sigma) / Math.sqrt(n)))
        violation(`initWeight(${nIn}, ${nOut}, '${scheme}'): mean ${num(mean)}, expected 0 ± ${num((5 * sigma) / Math.sqrt(n))} (5 SE)`);
      if (!(Math.abs(sd - sigma) <= (5 * sigma) / Math.sqrt(2 * n)))
        violation(`initWeight(${nIn}, ${nOut}, '${scheme}'): std ${num(sd)}, expected ${label} = ${num(sigma)} ± ${num((5 * sigma) / Math.sqrt(2 * n))} (5 SE)`);
    }
  },
);

// ---------------------------------------------------------------------------------------------
// Supporting functions (ch. 3–4)

export const softmaxOverflowCheck = deterministicLaw(
  {
    id: "softmax-large-logits", section: "§3.5.2 Softmax (overflow: subtract the max)", spec: SPEC,
    title: "softmax of logits near ±1000 is finite and equals softmax of the logits shifted by their row max",
    mistake: "softmax without subtracting each row's max first: e^1000 overflows to Infinity and the row becomes NaN",
  },
  (impl) => {
    const big = mat(impl, 2, 3, [1000, 1001, 1002, -1000, -1000, -999]);
    const got = impl.softmax(big);
    const e = [Math.exp(-2), Math.exp(-1), 1], s1 = e[0]! + e[1]! + e[2]!;
    const f = [Math.exp(-1), Math.exp(-1), 1], s2 = f[0]! + f[1]! + f[2]!;
    const expected = [e[0]! / s1, e[1]! / s1, e[2]! / s1, f[0]! / s2, f[1]! / s2, f[2]! / s2];
    expectClose([{ where: "softmax of [[1000, 1001, 1002], [−1000, −1000, −999]]", received: got.data, expected, cols: 3, atol: 0, rtol: 1e-14 }]);
  },
);

export const crossEntropyCheck = deterministicLaw(
  {
    id: "cross-entropy-book-delta", section: "§4.2.2 Cross entropy error (the 1e-7 inside the log)", spec: SPEC,
    title: "crossEntropyError is −Σ log(y_t + 1e-7)/N: finite where y_t = 0, and the 1e-7 shows at y_t = 0.5",
    mistake: "log(y_t) without the 1e-7 (−Infinity where y_t = 0), or the sum not divided by the batch size N",
  },
  (impl) => {
    const y = mat(impl, 2, 3, [0.5, 0.5, 0, 0.2, 0.8, 0]);
    const idx = Int32Array.from([0, 2]);
    const expected = -(Math.log(0.5 + 1e-7) + Math.log(0 + 1e-7)) / 2;
    const got = impl.crossEntropyError(y, idx);
    if (!(Math.abs(got - expected) <= 1e-14 * Math.abs(expected)))
      violation(`crossEntropyError(y = [[0.5, 0.5, 0], [0.2, 0.8, 0]], t = [0, 2]) is ${num(got)}, expected −(log(0.5 + 1e-7) + log(1e-7))/2 = ${num(expected)}`);
    const y1 = mat(impl, 1, 2, [0.5, 0.5]);
    const e1 = -Math.log(0.5 + 1e-7), g1 = impl.crossEntropyError(y1, [1]);
    // −log(0.5) and −log(0.5 + 1e-7) differ by 2.9e-7 relative: 1e-12 tells them apart.
    if (!(Math.abs(g1 - e1) <= 1e-12 * e1)) violation(`crossEntropyError([[0.5, 0.5]], t = [1]) is ${num(g1)}, expected −log(0.5 + 1e-7) = ${num(e1)} (−log 0.5 = ${num(-Math.log(0.5))})`);
  },
);

// ---------------------------------------------------------------------------------------------
// §6.4.1 weight decay: which terms λ adds

export const weightDecayTermsCheck = deterministicLaw(
  {
    id: "weight-decay-terms", section: "§6.4.1 Weight decay (½λΣ‖W‖² over weights only, + λW in each dW)", spec: SPEC,
    title: "Weight decay adds exactly ½λΣ‖W‖² to the loss and λW to each dW, and nothing for biases",
    mistake: "weight decay applied to the biases too (loss ½λΣb², db + λb), or missing from the gradient (dW without + λW)",
  },
  (impl) => {
    const lambda = 0.5, sizes = { inputSize: 4, hiddenSizeList: [5, 3], outputSize: 3 };
    const rng = dataRng(7);
    const x = randn(impl, rng, 6, 4), t = labels(rng, 6, 3);
    const nets = [0, lambda].map((l) => new impl.MultiLayerNet({ ...sizes, weightDecayLambda: l, rng: new impl.Rng(11) }));
    // Non-zero biases (the same in both nets): decay on biases then changes the loss and db.
    const brng = dataRng(13);
    for (const key of Object.keys(nets[0]!.params))
      if (!key.startsWith("W")) {
        const b = nets[0]!.params[key]!, b2 = nets[1]!.params[key]!;
        for (let i = 0; i < b.data.length; i++) b.data[i] = b2.data[i] = 0.5 + brng.uniform();
      }
    let sumW2 = 0;
    for (const [key, W] of Object.entries(nets[1]!.params)) if (key.startsWith("W")) for (const w of W.data) sumW2 += w * w;
    const l0 = nets[0]!.loss(x, t), l1 = nets[1]!.loss(x, t);
    const want = 0.5 * lambda * sumW2;
    if (!(Math.abs(l1 - l0 - want) <= 1e-12 * (1 + Math.abs(l1))))
      violation(`loss(λ = ${lambda}) − loss(λ = 0) is ${num(l1 - l0)}, expected ½λΣ‖W‖² = ${num(want)} over W1…W3 (biases ${num(l1 - l0 - want)} extra?)`);
    const g0 = nets[0]!.gradient(x, t), g1 = nets[1]!.gradient(x, t);
    for (const key of Object.keys(nets[1]!.params)) {
      const a = g0[key], b = g1[key], p = nets[1]!.params[key]! as Mat;
      if (!a || !b) violation(`gradient has no entry for ${key}`);
      const expected = Float64Array.from(a.data, (v, i) => v + (key.startsWith("W") ? lambda * p.data[i]! : 0));
      expectClose([{ where: `gradient ${key} with λ = ${lambda} (expected the λ = 0 gradient${key.startsWith("W") ? " + λ" + key : ", unchanged"})`, received: b.data, expected, cols: p.cols, atol: 1e-12, rtol: 1e-10 }]);
    }
  },
);

export const bookChecks: Law[] = [...optimizerPathChecks, initStdCheck, initDrawCheck, softmaxOverflowCheck, crossEntropyCheck, weightDecayTermsCheck];
