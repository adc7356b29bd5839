/**
 * Book examples as checks: the book code's Figure 6-8 paths (conformance/fixtures/book-optimizer-paths.json)
 * and worked examples whose expected values this file computes from the book's equations as
 * docs/book.md states them (scalar arithmetic written out here, never the code under test).
 */
import { readFileSync } from "node:fs";
import type { Impl } from "./laws/impl.js";
import { deterministicLaw, expectClose, num, violation, type Law } from "./laws/law.js";
import { mat } from "./laws/util.js";

const SPEC = "spec/conformance/conformance.spec.ts";

interface Fixture {
  paths: Record<string, [number, number][]>;
}
const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/book-optimizer-paths.json", import.meta.url), "utf8"),
) as Fixture;

type OptName = "SGD" | "Momentum" | "AdaGrad" | "Adam" | "Nesterov" | "RMSprop";

/** 30 updates on f(x, y) = x²/20 + y² from (−7, 2) with the implementation's optimizer class. */
function runPath(impl: Impl, name: OptName, lr: number, steps = 30): Float64Array {
  const opt = new impl[name]({ lr });
  const params = { x: mat(impl, 1, 1, [-7.0]), y: mat(impl, 1, 1, [2.0]) };
  const out = new Float64Array(2 * (steps + 1));
  out[0] = -7.0;
  out[1] = 2.0;
  for (let i = 1; i <= steps; i++) {
    const x = params.x.data[0],
      y = params.y.data[0];
    opt.update(params, { x: mat(impl, 1, 1, [x / 10.0]), y: mat(impl, 1, 1, [2.0 * y]) });
    out[2 * i] = params.x.data[0];
    out[2 * i + 1] = params.y.data[0];
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
      id: `book-path-${name.toLowerCase()}`,
      section: `§6.1.7 Figure 6-8 (${name} path, the book code's coordinates)`,
      spec: SPEC,
      title: `${name}(lr=${lr}) on f(x, y) = x²/20 + y² from (−7, 2) follows the book code's 30-step path`,
      mistake,
    },
    (impl) => {
      const expected = fixture.paths[key];
      if (!expected) throw new Error(`fixture has no path "${key}"`);
      const received = runPath(impl, name, lr);
      expectClose([
        {
          where: `${name} path (x0, y0, x1, y1, …)`,
          received,
          expected: expected.flat(),
          cols: 2,
          atol: 1e-14,
          rtol: 1e-10,
        },
      ]);
    },
  );
}

/** The same 30 steps by the book's equations (docs/book.md, §6.1), in plain scalars. */
function equationPath(step: (w: number, g: number, s: { v: number; h: number }) => number, steps = 30): Float64Array {
  const out = new Float64Array(2 * (steps + 1));
  let x = -7.0,
    y = 2.0;
  const sx = { v: 0, h: 0 },
    sy = { v: 0, h: 0 };
  out[0] = x;
  out[1] = y;
  for (let i = 1; i <= steps; i++) {
    const gx = x / 10.0,
      gy = 2.0 * y;
    x = step(x, gx, sx);
    y = step(y, gy, sy);
    out[2 * i] = x;
    out[2 * i + 1] = y;
  }
  return out;
}

function equationPathCheck(
  name: "Nesterov" | "RMSprop",
  lr: number,
  rule: string,
  step: (w: number, g: number, s: { v: number; h: number }) => number,
  mistake: string,
): Law {
  return deterministicLaw(
    {
      id: `book-path-${name.toLowerCase()}`,
      section: `§6.1 ${name} (optimizer.py; ${rule})`,
      spec: SPEC,
      title: `${name}(lr=${lr}) on f(x, y) = x²/20 + y² from (−7, 2) follows the book's update rule for 30 steps`,
      mistake,
    },
    (impl) => {
      expectClose([
        {
          where: `${name} path (x0, y0, x1, y1, …)`,
          received: runPath(impl, name, lr),
          expected: equationPath(step),
          cols: 2,
          atol: 1e-14,
          rtol: 1e-10,
        },
      ]);
    },
  );
}

const ALPHA = 0.9,
  RHO = 0.99;

export const optimizerPathChecks: Law[] = [
  pathCheck(
    "SGD",
    0.95,
    "SGD(lr=0.95)",
    "the step added instead of subtracted (W ← W + lr·g), or the learning rate not applied",
  ),
  pathCheck(
    "Momentum",
    0.1,
    "Momentum(lr=0.1)",
    "v ← αv + lr·g (the sign of the gradient term), v not decayed by α, or W updated before v",
  ),
  pathCheck(
    "AdaGrad",
    1.5,
    "AdaGrad(lr=1.5)",
    "ε inside the square root (√(h + 1e-7) instead of √h + 1e-7), h accumulating g instead of g⊙g, or h not accumulated",
  ),
  pathCheck(
    "Adam",
    0.3,
    "Adam(lr=0.3)",
    "the bias correction left out (lr_t = lr), β1 and β2 swapped, or m/v not the book's running averages",
  ),
  equationPathCheck(
    "Nesterov",
    0.1,
    "W ← W + α²v − (1+α)·lr·g; v ← αv − lr·g",
    (w, g, s) => {
      const next = w + ALPHA * ALPHA * s.v - (1 + ALPHA) * 0.1 * g;
      s.v = ALPHA * s.v - 0.1 * g;
      return next;
    },
    "Nesterov written as plain momentum (W ← W + v), or v updated before W is moved",
  ),
  equationPathCheck(
    "RMSprop",
    0.1,
    "h ← ρh + (1−ρ)g⊙g; W ← W − lr·g/(√h + 1e-7)",
    (w, g, s) => {
      s.h = RHO * s.h + (1 - RHO) * g * g;
      return w - (0.1 * g) / (Math.sqrt(s.h) + 1e-7);
    },
    "RMSprop accumulating h ← h + g⊙g like AdaGrad (no decay ρ), or the decay applied to the gradient term only",
  ),
];

// ---------------------------------------------------------------------------------------------
// §6.2 initial weights

const SCHEMES: [string, string, (n: number) => number][] = [
  ["he", "He √(2/n)", (n) => Math.sqrt(2.0 / n)],
  ["relu", "He √(2/n)", (n) => Math.sqrt(2.0 / n)],
  ["xavier", "Xavier √(1/n)", (n) => Math.sqrt(1.0 / n)],
  ["sigmoid", "Xavier √(1/n)", (n) => Math.sqrt(1.0 / n)],
];
const INIT_MISTAKE =
  "Xavier and He swapped, He written √(1/n) (that is Xavier) or 1/n without the root, or n taken as the next layer's size (fan-out)";

export const initStdCheck = deterministicLaw(
  {
    id: "init-std-by-scheme",
    section: "§6.2.2 Xavier and §6.2.3 He initial weights (std by scheme)",
    spec: SPEC,
    title: "initStd gives He √(2/n), Xavier √(1/n) with n the previous layer's size, and a number σ as itself",
    mistake: INIT_MISTAKE,
  },
  (impl) => {
    for (const [nIn, nOut] of [
      [1, 3],
      [2, 50],
      [50, 2],
      [100, 100],
      [784, 100],
    ] as const) {
      for (const [scheme, label, std] of SCHEMES) {
        const got = impl.initStd(scheme as "he", nIn, nOut);
        if (got === null || !(Math.abs(got - std(nIn)) <= 1e-15 * std(nIn)))
          violation(
            `initStd('${scheme}', nIn = ${nIn}, nOut = ${nOut}) is ${got === null ? "null" : num(got)}, expected ${label} = ${num(std(nIn))}`,
          );
      }
      for (const sigma of [1, 0.01]) {
        const got = impl.initStd(sigma, nIn, nOut);
        if (got !== sigma) violation(`initStd(${sigma}, ${nIn}, ${nOut}) is ${got}, expected ${sigma}`);
      }
    }
  },
);

export const bookChecks: Law[] = [...optimizerPathChecks, initStdCheck];
