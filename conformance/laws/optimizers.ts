/**
 * Optimizer laws (§6.1): exact steps where the book's rule fixes them, the qualitative
 * behaviour each rule is for (AdaGrad's shrinking step, RMSprop's moving average, Adam's
 * bounded first step), descent on a convex quadratic, element-wise independence of the
 * vectorised update, and state that can be snapshotted and resumed.
 */
import fc from "fast-check";
import type { Impl, Mat } from "./impl.js";
import { expectClose, expectIdentical, num, propertyLaw, violation, type Law } from "./law.js";
import { dataRng, makeOptimizer, mat, OPTIMIZERS, randn, type OptName } from "./util.js";

const SPEC = "spec/properties/every-law-holds-on-the-reference.spec.ts";
type Params = Record<string, Mat>;
type Rng = ReturnType<typeof dataRng>;

const shape = { rows: fc.integer({ min: 1, max: 4 }), cols: fc.integer({ min: 1, max: 4 }), seed: fc.integer() };
const LR = fc.constantFrom(0.001, 0.01, 0.1, 0.5, 0.95);

/** A gradient whose entries have random sign and magnitude 10^U(−3, 1): small and large steps both occur. */
export function gradient(impl: Impl, rng: Rng, rows: number, cols: number): Mat {
  const g = mat(impl, rows, cols);
  for (let i = 0; i < g.data.length; i++) g.data[i] = (rng.uniform() < 0.5 ? -1 : 1) * 10 ** (-3 + 4 * rng.uniform());
  return g;
}

function copy(m: Mat): Float64Array {
  return Float64Array.from(m.data);
}

export const sgdStep = propertyLaw(
  {
    id: "sgd-exact-step",
    section: "§6.1.2 SGD",
    spec: SPEC,
    title: "SGD moves every parameter by exactly −lr·g",
    mistake: "the wrong sign (W ← W + lr·g climbs the loss)",
  },
  fc.record({ ...shape, lr: LR, steps: fc.integer({ min: 1, max: 4 }) }),
  30,
  (impl, { rows, cols, seed, lr, steps }) => {
    const rng = dataRng(seed);
    const W = randn(impl, rng, rows, cols);
    const opt = new impl.SGD({ lr });
    for (let k = 1; k <= steps; k++) {
      const g = gradient(impl, rng, rows, cols);
      const expected = Float64Array.from(W.data, (w, i) => w - lr * g.data[i]);
      opt.update({ W }, { W: g });
      // One product and one difference, each correctly rounded: identical in any correct order.
      expectIdentical(`W after step ${k} (lr ${lr}; expected W − lr·g)`, W.data, expected, cols);
    }
  },
);

export const momentumZeroIsSgd = propertyLaw(
  {
    id: "momentum-zero-is-sgd",
    section: "§6.1.4 Momentum",
    spec: SPEC,
    title:
      "Momentum with momentum 0 moves every parameter by exactly −lr·g on every step (the SGD step, computed here)",
    mistake: "v ← αv + lr·g (wrong sign), or v accumulated without the α decay",
  },
  fc.record({ ...shape, lr: LR, steps: fc.integer({ min: 2, max: 6 }) }),
  30,
  (impl, { rows, cols, seed, lr, steps }) => {
    const rng = dataRng(seed);
    const W = randn(impl, rng, rows, cols);
    const momentum = new impl.Momentum({ lr, momentum: 0 });
    for (let k = 1; k <= steps; k++) {
      const g = gradient(impl, rng, rows, cols);
      // The oracle is the equation, not the implementation's SGD: a wrong SGD is not a wrong Momentum.
      const expected = Float64Array.from(W.data, (w, i) => w - lr * g.data[i]);
      momentum.update({ W }, { W: g });
      // v = 0·v − lr·g = −(lr·g) exactly, and W + (−lr·g) = W − lr·g exactly: no rounding difference.
      expectIdentical(
        `W after step ${k} of Momentum(lr ${lr}, momentum 0) (expected W − lr·g)`,
        W.data,
        expected,
        cols,
      );
    }
  },
);

export const zeroGradient = propertyLaw(
  {
    id: "zero-gradient-no-move",
    section: "§6.1 Parameter updates (a zero gradient is a fixed point)",
    spec: SPEC,
    title: "From a fresh state, a zero gradient leaves the parameters bit-identical under every optimizer",
    mistake: "ε left out of AdaGrad/RMSprop/Adam's denominator: 0/√0 is NaN",
  },
  fc.record({ ...shape, steps: fc.integer({ min: 1, max: 3 }) }),
  20,
  (impl, { rows, cols, seed, steps }) => {
    const rng = dataRng(seed);
    const W0 = randn(impl, rng, rows, cols),
      b0 = randn(impl, rng, 1, cols);
    for (const name of OPTIMIZERS) {
      const params = { W: W0.clone(), b: b0.clone() };
      const opt = makeOptimizer(impl, name, { lr: 0.1 });
      for (let k = 0; k < steps; k++) opt.update(params, { W: mat(impl, rows, cols), b: mat(impl, 1, cols) });
      expectIdentical(`${name}: W after ${steps} zero-gradient update(s)`, params.W.data, W0.data, cols);
      expectIdentical(`${name}: b after ${steps} zero-gradient update(s)`, params.b.data, b0.data, cols);
    }
  },
);

/** Checks the step W_new − W_old against lr·g/(√h + 1e-7) given the spec's own h. */
function stepClose(
  where: string,
  before: Float64Array,
  after: Float64Array,
  expectedStep: Float64Array,
  cols: number,
): void {
  const step = Float64Array.from(after, (w, i) => w - before[i]);
  // W − s rounds to an ulp of |W| ≤ ~10 here: atol 1e-14 + rtol 1e-10 sits above that, while ε
  // inside the root or a wrong h changes steps of size 1e-3..1 by ≥ 5e-8 relative (ε moved) or O(1).
  expectClose([{ where, received: step, expected: expectedStep, cols, atol: 1e-14, rtol: 1e-10 }]);
}

export const adagradLaw = propertyLaw(
  {
    id: "adagrad-h-accumulates",
    section: "§6.1.5 AdaGrad",
    spec: SPEC,
    title: "AdaGrad's step shrinks as h accumulates: h = Σ g⊙g never decreases and the step is lr·g/(√h + 1e-7)",
    mistake:
      "h overwritten with g² instead of accumulated, or ε inside the square root (the book adds 1e-7 outside: √h + 1e-7)",
  },
  fc.record({ ...shape, lr: fc.constantFrom(0.01, 0.1, 1), steps: fc.integer({ min: 3, max: 8 }) }),
  30,
  (impl, { rows, cols, seed, lr, steps }) => {
    const rng = dataRng(seed);
    const W = mat(impl, rows, cols);
    const opt = new impl.AdaGrad({ lr });
    const h = new Float64Array(rows * cols);
    let prevEff: Float64Array | null = null;
    for (let k = 1; k <= steps; k++) {
      const g = gradient(impl, rng, rows, cols);
      const before = copy(W);
      const prevH = opt.h ? copy(opt.h.W!) : new Float64Array(rows * cols);
      opt.update({ W }, { W: g });
      for (let i = 0; i < h.length; i++) h[i] += g.data[i] ** 2;
      if (!opt.h?.W) violation("AdaGrad exposes no state h.W after an update");
      for (let i = 0; i < h.length; i++)
        if (opt.h.W.data[i] < prevH[i])
          violation(`h decreased at step ${k}, index ${i}: ${num(prevH[i])} → ${num(opt.h.W.data[i])}`);
      expectClose([
        {
          where: `h after step ${k} (expected Σ g⊙g)`,
          received: opt.h.W.data,
          expected: h,
          cols,
          atol: 0,
          rtol: 1e-14,
        },
      ]);
      stepClose(
        `W step ${k} (expected −lr·g/(√h + 1e-7))`,
        before,
        copy(W),
        Float64Array.from(g.data, (gi, i) => -(lr * gi) / (Math.sqrt(h[i]) + 1e-7)),
        cols,
      );
      // The effective step |ΔW|/|g| (the learning rate each weight sees) never grows.
      const eff = Float64Array.from(W.data, (w, i) => Math.abs(w - before[i]) / Math.abs(g.data[i]));
      if (prevEff)
        for (let i = 0; i < eff.length; i++)
          if (!(eff[i] <= prevEff[i] * (1 + 1e-9)))
            violation(
              `effective step |ΔW|/|g| grew at step ${k}, index ${i}: ${num(prevEff[i])} → ${num(eff[i])} (AdaGrad's per-weight rate only shrinks)`,
            );
      prevEff = eff;
    }
  },
);

export const rmspropLaw = propertyLaw(
  {
    id: "rmsprop-h-moving-average",
    section: "§6.1.5 AdaGrad (note on RMSprop)",
    spec: SPEC,
    title:
      "RMSprop's h is an exponential moving average: h ← ρh + (1 − ρ)g⊙g with ρ = 0.99, and the step is lr·g/(√h + 1e-7)",
    mistake: "RMSprop accumulating like AdaGrad (h ← h + g², no decay), or ρ and 1 − ρ swapped",
  },
  fc.record({
    ...shape,
    lr: fc.constantFrom(0.001, 0.01, 0.1),
    steps: fc.integer({ min: 3, max: 10 }),
    zeroFrom: fc.integer({ min: 2, max: 10 }),
  }),
  30,
  (impl, { rows, cols, seed, lr, steps, zeroFrom }) => {
    const rng = dataRng(seed);
    const W = mat(impl, rows, cols);
    const opt = new impl.RMSprop({ lr });
    const rho = 0.99,
      h = new Float64Array(rows * cols);
    for (let k = 1; k <= steps; k++) {
      // From step `zeroFrom` on the gradient is 0: h must then decay geometrically, not stay put.
      const g = k >= zeroFrom ? mat(impl, rows, cols) : gradient(impl, rng, rows, cols);
      const before = copy(W);
      opt.update({ W }, { W: g });
      for (let i = 0; i < h.length; i++) h[i] = rho * h[i] + (1 - rho) * g.data[i] ** 2;
      if (!opt.h?.W) violation("RMSprop exposes no state h.W after an update");
      expectClose([
        {
          where: `h after step ${k} (expected ρh + (1 − ρ)g², ρ = 0.99)`,
          received: opt.h.W.data,
          expected: h,
          cols,
          atol: 0,
          rtol: 1e-13,
        },
      ]);
      stepClose(
        `W step ${k} (expected −lr·g/(√h + 1e-7))`,
        before,
        copy(W),
        Float64Array.from(g.data, (gi, i) => -(lr * gi) / (Math.sqrt(h[i]) + 1e-7)),
        cols,
      );
    }
  },
);

export const adamFirstStep = propertyLaw(
  {
    id: "adam-first-step",
    section: "§6.1.6 Adam",
    spec: SPEC,
    title: "Adam's first step has magnitude just below lr, against the gradient's sign (≈ lr·sign(g))",
    mistake: "Adam without bias correction: the first step is lr·(1 − β1)/√(1 − β2) ≈ 3.2·lr instead of ≈ lr",
  },
  fc.record({ ...shape, lr: fc.constantFrom(0.001, 0.01, 0.1, 0.3) }),
  30,
  (impl, { rows, cols, seed, lr }) => {
    const rng = dataRng(seed);
    const W = randn(impl, rng, rows, cols);
    const g = mat(impl, rows, cols);
    for (let i = 0; i < g.data.length; i++) g.data[i] = (rng.uniform() < 0.5 ? -1 : 1) * 10 ** (-2 + 3 * rng.uniform());
    const before = copy(W);
    new impl.Adam({ lr }).update({ W }, { W: g });
    for (let i = 0; i < before.length; i++) {
      const step = W.data[i] - before[i];
      // Step = lr·√(1−β2)|g|/(√(1−β2)|g| + 1e-7): for |g| ≥ 1e-2 it lies in (lr·(1 − 3.2e-4), lr),
      // far above the ~1e-16 rounding of W − step.
      if (!(Math.sign(step) === -Math.sign(g.data[i]) && Math.abs(step) < lr && Math.abs(step) > lr * (1 - 1e-3)))
        violation(
          `first step at index [${Math.floor(i / cols)}, ${i % cols}] is ${num(step)} for g = ${num(g.data[i])}, lr ${lr}: expected −sign(g)·s with lr·(1 − 1e-3) < s < lr`,
        );
    }
  },
);

export const nesterovFormula = propertyLaw(
  {
    id: "nesterov-formula",
    section: "§6.1.4 Momentum / lecture notes on optimisers: Nesterov (Sutskever form)",
    spec: SPEC,
    title: "Nesterov follows W ← W + α²v − (1 + α)·lr·g, then v ← αv − lr·g",
    mistake:
      "Nesterov written as plain momentum, or v updated first and the new v used in the W step (early printings of optimizer.py)",
  },
  fc.record({ ...shape, lr: LR, momentum: fc.constantFrom(0.5, 0.9, 0.99), steps: fc.integer({ min: 2, max: 6 }) }),
  30,
  (impl, { rows, cols, seed, lr, momentum: a, steps }) => {
    const rng = dataRng(seed);
    const W = randn(impl, rng, rows, cols);
    const w = copy(W),
      v = new Float64Array(rows * cols);
    const opt = new impl.Nesterov({ lr, momentum: a });
    for (let k = 1; k <= steps; k++) {
      const g = gradient(impl, rng, rows, cols);
      opt.update({ W }, { W: g });
      for (let i = 0; i < w.length; i++) {
        w[i] = w[i] + a * a * v[i] - (1 + a) * lr * g.data[i];
        v[i] = a * v[i] - lr * g.data[i];
      }
      // A handful of roundings per step on |W| ≲ 10: 1e-12 is 100× above them; plain momentum
      // differs by (1 + α)·lr·g − lr·g = α·lr·g from the first step.
      expectClose([
        {
          where: `W after step ${k} (lr ${lr}, α ${a})`,
          received: W.data,
          expected: w,
          cols,
          atol: 1e-12,
          rtol: 1e-12,
        },
      ]);
    }
  },
);

/** Learning rates at which each rule must go downhill on the quadratics below (steps ≤ 0.1 per weight). */
const SAFE_LR: Record<OptName, number> = {
  sgd: 0.1,
  momentum: 0.01,
  nesterov: 0.01,
  adagrad: 0.1,
  rmsprop: 0.01,
  adam: 0.03,
};

export const convexDescent = propertyLaw(
  {
    id: "optimizers-descend-convex-quadratic",
    section: "§6.1 Parameter updates (every method goes downhill)",
    spec: SPEC,
    title:
      "Every optimizer decreases a random convex quadratic over 20 steps at a safe learning rate (by at least 10%)",
    mistake: "a sign error in the update (W + lr·g, v ← αv + lr·g) turns descent into ascent",
  },
  fc.record({ ...shape }),
  20,
  (impl, { rows, cols, seed }) => {
    // f(W) = ½ Σ a_i (W_i − c_i)², a_i ∈ [0.5, 2], started 1 to 3 away from c in each coordinate.
    // Simulating each rule per coordinate over a ∈ [0.5, 2] and distances 1..3, the worst f20/f0 is
    // 0.13 (SGD), 0.23 (Momentum, which overshoots to −0.27·d and swings back), 0.22 (Nesterov),
    // 0.58 (AdaGrad), 0.57 (RMSprop), 0.64 (Adam). So a correct rule ends below 0.9·f0, while a
    // sign error climbs (f20 > f0).
    const rng = dataRng(seed);
    const n = rows * cols;
    const a = Float64Array.from({ length: n }, () => 0.5 + 1.5 * rng.uniform());
    const c = Float64Array.from({ length: n }, () => rng.normal());
    const start = Float64Array.from(c, (ci) => ci + (rng.uniform() < 0.5 ? -1 : 1) * (1 + 2 * rng.uniform()));
    const f = (w: Float64Array) => w.reduce((s, wi, i) => s + 0.5 * a[i] * (wi - c[i]) ** 2, 0);
    for (const name of OPTIMIZERS) {
      const W = mat(impl, rows, cols, start);
      const opt = makeOptimizer(impl, name, { lr: SAFE_LR[name] });
      for (let k = 0; k < 20; k++) {
        const g = mat(
          impl,
          rows,
          cols,
          Float64Array.from(W.data, (wi, i) => a[i] * (wi - c[i])),
        );
        opt.update({ W }, { W: g });
      }
      const f0 = f(start),
        f20 = f(W.data);
      if (!(f20 < 0.9 * f0))
        violation(
          `${name} (lr ${SAFE_LR[name]}): f went from ${num(f0)} to ${num(f20)} in 20 steps; expected a decrease below 0.9·f0 = ${num(0.9 * f0)}`,
        );
    }
  },
);

export const vectorisedEqualsLoop = propertyLaw(
  {
    id: "vectorised-equals-per-element",
    section: "§6.1 Parameter updates (element-wise rules)",
    spec: SPEC,
    title: "Updating several parameter matrices at once equals updating every element on its own",
    mistake:
      "state shared or counted per key (e.g. Adam's iter incremented once per parameter instead of once per update), or state mixed across elements",
  },
  fc.record({ ...shape, steps: fc.integer({ min: 2, max: 5 }) }),
  15,
  (impl, { rows, cols, seed, steps }) => {
    const rng = dataRng(seed);
    const keys = { W1: [rows, cols], b1: [1, cols], W2: [cols, 2] } as const;
    const init: Record<string, Mat> = {};
    for (const [k, [r, c]] of Object.entries(keys)) init[k] = randn(impl, rng, r, c);
    const grads = Array.from({ length: steps }, () => {
      const gs: Params = {};
      for (const [k, [r, c]] of Object.entries(keys)) gs[k] = gradient(impl, rng, r, c);
      return gs;
    });
    for (const name of OPTIMIZERS) {
      const params: Params = {};
      for (const k of Object.keys(keys)) params[k] = init[k].clone();
      const whole = makeOptimizer(impl, name, { lr: 0.05 });
      for (const gs of grads) whole.update(params, gs);
      for (const k of Object.keys(keys)) {
        const expected = new Float64Array(init[k].data.length);
        for (let i = 0; i < expected.length; i++) {
          const p = { p: mat(impl, 1, 1, [init[k].data[i]]) };
          const single = makeOptimizer(impl, name, { lr: 0.05 });
          for (const gs of grads) single.update(p, { p: mat(impl, 1, 1, [gs[k].data[i]]) });
          expected[i] = p.p.data[0];
        }
        // Every rule is element-wise: the same operations on the same numbers give the same bits.
        expectIdentical(
          `${name}: ${k} after ${steps} updates of {W1, b1, W2} vs element by element`,
          params[k].data,
          expected,
          params[k].cols,
        );
      }
    }
  },
);

/** A deep copy of an optimizer's own enumerable state (numbers, matrices, records of matrices). */
function snapshot(impl: Impl, opt: object): Record<string, unknown> {
  const copyValue = (v: unknown): unknown => {
    if (v instanceof impl.Matrix) return v.clone();
    if (v && typeof v === "object" && !ArrayBuffer.isView(v))
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copyValue(x)]));
    return v;
  };
  return Object.fromEntries(Object.entries(opt).map(([k, v]) => [k, copyValue(v)]));
}

export const snapshotResume = propertyLaw(
  {
    id: "optimizer-snapshot-resume",
    section: "§6.1 Parameter updates (state v, h, m, iter is public)",
    spec: SPEC,
    title: "Snapshotting an optimizer's state into a fresh optimizer and continuing equals an uninterrupted run",
    mistake:
      "state kept where a snapshot cannot see it (a private field or closure for Adam's iter), so a resumed run restarts the bias correction",
  },
  fc.record({ ...shape, first: fc.integer({ min: 1, max: 4 }), then: fc.integer({ min: 1, max: 4 }) }),
  20,
  (impl, { rows, cols, seed, first, then }) => {
    const rng = dataRng(seed);
    const W0 = randn(impl, rng, rows, cols);
    const grads = Array.from({ length: first + then }, () => gradient(impl, rng, rows, cols));
    for (const name of OPTIMIZERS) {
      const straight = { W: W0.clone() },
        resumed = { W: W0.clone() };
      const a = makeOptimizer(impl, name, { lr: 0.05 });
      grads.forEach((g) => a.update(straight, { W: g }));
      const b = makeOptimizer(impl, name, { lr: 0.05 });
      grads.slice(0, first).forEach((g) => b.update(resumed, { W: g }));
      const c = Object.assign(makeOptimizer(impl, name, { lr: 0.05 }), snapshot(impl, b));
      grads.slice(first).forEach((g) => c.update(resumed, { W: g }));
      expectIdentical(
        `${name}: W after ${first} steps, snapshot into a fresh optimizer, ${then} more steps vs ${first + then} uninterrupted`,
        resumed.W.data,
        straight.W.data,
        cols,
      );
    }
  },
);

export const optimizerLaws: Law[] = [
  sgdStep,
  momentumZeroIsSgd,
  zeroGradient,
  adagradLaw,
  rmspropLaw,
  adamFirstStep,
  nesterovFormula,
  convexDescent,
  vectorisedEqualsLoop,
  snapshotResume,
];
