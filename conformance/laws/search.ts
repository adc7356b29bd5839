/**
 * §6.5 laws: the log-scale sampler (each value 10^U(lo, hi): log10 uniform, inside its bounds,
 * drawn independently and only from the generator passed in) and the validation split (a shuffled
 * partition of the training rows, the first int(N·rate) of them validation data, labels kept with
 * their rows, inputs and the test data beside them untouched). Expected values come from the
 * equations written out here: a Kolmogorov–Smirnov distance, the book's 10^(lo + (hi − lo)·u) for
 * a scripted u, the book's int(N·rate) and a scripted permutation. A mistake is named only when
 * the received numbers show it (e.g. the draws are uniform on the linear scale).
 */
import fc from "fast-check";
import type { Impl, Mat } from "./impl.js";
import { deterministicLaw, num, propertyLaw, violation, type Law } from "./law.js";
import { dataRng, implRng } from "./util.js";

const SPEC = "spec/properties/every-law-holds-on-the-reference.spec.ts";
type Ranges = { lr: [number, number]; weightDecay: [number, number] };
type Pair = { lr: number; weightDecay: number };
const BOOK: Ranges = { lr: [-6, -2], weightDecay: [-8, -4] };
const NAMES = { lr: "lr", weightDecay: "weight decay" } as const;

/**
 * Kolmogorov–Smirnov distance between a sample and U(lo, hi): max |F_n(x) − F(x)| over the sorted
 * sample (F clamped to [0, 1], so values outside [lo, hi] count fully against the fit).
 */
export function ksUniform(values: ArrayLike<number>, lo: number, hi: number): number {
  const v = Float64Array.from(values).sort(),
    n = v.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const F = Math.min(1, Math.max(0, (v[i] - lo) / (hi - lo)));
    d = Math.max(d, Math.abs((i + 1) / n - F), Math.abs(i / n - F));
  }
  return Number.isNaN(v[0]) || Number.isNaN(v[n - 1]) ? 1 : d;
}

/** Draws per sample of the statistical laws. */
const DRAWS = 2000;
/**
 * The KS critical value at α = 1e-6: P(√n·D > x) ≈ 2e^(−2x²) gives x = 2.69, so 0.060 for 2000
 * draws: a correct sampler fails with probability 1e-6 per sample.
 */
const KS_CRIT = Math.sqrt(Math.log(2 / 1e-6) / 2) / Math.sqrt(DRAWS);
/** |Pearson r| of independent samples has sd 1/√n = 0.022 at 2000 draws: 5.5 sd = 0.123 (P ≈ 4e-8). */
const CORR_MAX = 5.5 / Math.sqrt(DRAWS);

function sample(impl: Impl, rng: InstanceType<Impl["Rng"]>, ranges: Ranges, n: number): Pair[] {
  const out: Pair[] = [];
  for (let k = 0; k < n; k++) {
    const p = impl.sampleHyperparameters(rng, { lr: [...ranges.lr], weightDecay: [...ranges.weightDecay] });
    if (p === null || typeof p !== "object" || typeof p.lr !== "number" || typeof p.weightDecay !== "number")
      violation(
        `sampleHyperparameters returned ${p === null ? "null" : typeof p === "object" ? `an object with keys ${Object.keys(p).join(", ")}` : typeof p}: expected { lr: number, weightDecay: number }`,
      );
    out.push({ lr: p.lr, weightDecay: p.weightDecay });
  }
  return out;
}

function fmtRange([lo, hi]: [number, number]): string {
  return `10^[${lo}, ${hi}]`;
}

/** Exponent ranges of at least 2 decades (so a linear-scale sampler puts ≥ 90% in the top decade), or the book's. */
const rangesArb: fc.Arbitrary<Ranges> = fc.oneof(
  fc.constant(BOOK),
  fc
    .record({
      lrLo: fc.integer({ min: -10, max: 0 }),
      lrW: fc.integer({ min: 2, max: 6 }),
      wdLo: fc.integer({ min: -10, max: 0 }),
      wdW: fc.integer({ min: 2, max: 6 }),
    })
    .map(({ lrLo, lrW, wdLo, wdW }): Ranges => ({ lr: [lrLo, lrLo + lrW], weightDecay: [wdLo, wdLo + wdW] })),
);

/** What the numbers of a failing sample look like, when they match a known mistake (else ""). */
function diagnoseScale(values: number[], [lo, hi]: [number, number]): string {
  const linear = ksUniform(values, 10 ** lo, 10 ** hi);
  if (linear <= KS_CRIT)
    return (
      ` The draws fit U(${num(10 ** lo)}, ${num(10 ** hi)}) (KS distance ${linear.toFixed(4)}): they are uniform on the linear scale, ` +
      `lo + u·(hi − lo) on the values, so almost all land in the top decade. Sample the exponent: 10^(lo + (hi − lo)·u).`
    );
  const natural = ksUniform(values.map(Math.log), lo, hi);
  if (natural <= KS_CRIT)
    return ` ln(value) fits U(${lo}, ${hi}) (KS distance ${natural.toFixed(4)}): base e (Math.exp) instead of 10^.`;
  return "";
}

export const logUniform = propertyLaw(
  {
    id: "search-log-uniform",
    section: "§6.5.3 Hyperparameter search (sampling on a log scale)",
    spec: SPEC,
    title:
      "sampleHyperparameters draws on a log scale: log10(lr) and log10(weight decay) are uniform on their exponent ranges (KS test, α = 1e-6)",
    mistake:
      "sampling the value uniformly (lo + u·(hi − lo) on the linear scale) instead of its exponent, 10^U(lo, hi); or base e instead of 10",
  },
  fc.record({ ranges: rangesArb, seed: fc.integer() }),
  4,
  (impl, { ranges, seed }) => {
    const draws = sample(impl, implRng(impl, seed), ranges, DRAWS);
    for (const key of ["lr", "weightDecay"] as const) {
      const values = draws.map((p) => p[key]);
      const [lo, hi] = ranges[key];
      const d = ksUniform(values.map(Math.log10), lo, hi);
      if (!(d <= KS_CRIT))
        violation(
          `log10(${NAMES[key]}) of ${DRAWS} draws on ${fmtRange(ranges[key])} is not uniform on [${lo}, ${hi}]: KS distance ${d.toFixed(4)} > critical ${KS_CRIT.toFixed(4)} (α = 1e-6). ` +
            `Shares per decade: ${decadeShares(values, lo, hi)}.${diagnoseScale(values, ranges[key])}`,
        );
    }
  },
);

function decadeShares(values: number[], lo: number, hi: number): string {
  const counts: number[] = [];
  for (let e = lo; e < hi; e++) counts.push(values.filter((v) => Math.log10(v) >= e && Math.log10(v) < e + 1).length);
  return counts.map((c, i) => `[1e${lo + i}, 1e${lo + i + 1}) ${((100 * c) / values.length).toFixed(1)}%`).join(", ");
}

export const withinBounds = propertyLaw(
  {
    id: "search-within-bounds",
    section: "§6.5.3 Hyperparameter search (the ranges lr 10^[−6, −2], weight decay 10^[−8, −4])",
    spec: SPEC,
    title:
      "Every sampled lr lies in 10^[lr range] and every weight decay in 10^[weight-decay range]; a range lo = hi gives exactly 10^lo",
    mistake:
      "the two ranges swapped (lr drawn on weight decay's range), base e instead of 10, or the exponent's lo and hi mixed up",
  },
  fc.record({ ranges: rangesArb, seed: fc.integer() }),
  10,
  (impl, { ranges, seed }) => {
    const draws = sample(impl, implRng(impl, seed), ranges, 200);
    for (const key of ["lr", "weightDecay"] as const) {
      const [lo, hi] = ranges[key];
      // 10^x is within an ulp or two of the exact power; 1e-14 relative allows any correct rounding.
      const bad = draws.map((p) => p[key]).find((v) => !(v >= 10 ** lo * (1 - 1e-14) && v <= 10 ** hi * (1 + 1e-14)));
      if (bad === undefined) continue;
      const other = key === "lr" ? ranges.weightDecay : ranges.lr;
      const all = draws.map((p) => p[key]);
      const inOther = all.every((v) => v >= 10 ** other[0] * (1 - 1e-14) && v <= 10 ** other[1] * (1 + 1e-14));
      const inE = all.every((v) => Math.log(v) >= lo - 1e-12 && Math.log(v) <= hi + 1e-12);
      const why = inOther
        ? ` Every ${NAMES[key]} lies in ${fmtRange(other)}, the other hyperparameter's range: the ranges are swapped.`
        : inE
          ? ` Every ${NAMES[key]} lies in e^[${lo}, ${hi}]: base e (Math.exp) instead of 10^.`
          : "";
      violation(
        `${NAMES[key]} = ${num(bad)} (log10 ${num(Math.log10(bad))}) is outside ${fmtRange(ranges[key])} = [${num(10 ** lo)}, ${num(10 ** hi)}].${why}`,
      );
    }
    // A degenerate range: lo = hi leaves one value.
    const fixed = sample(
      impl,
      implRng(impl, seed),
      { lr: [ranges.lr[0], ranges.lr[0]], weightDecay: [ranges.weightDecay[1], ranges.weightDecay[1]] },
      3,
    );
    for (const p of fixed)
      for (const [key, e] of [
        ["lr", ranges.lr[0]],
        ["weightDecay", ranges.weightDecay[1]],
      ] as const)
        if (!(Math.abs(p[key] - 10 ** e) <= 1e-14 * 10 ** e))
          violation(`with the range [${e}, ${e}] ${NAMES[key]} is ${num(p[key])}, expected 10^${e} = ${num(10 ** e)}`);
  },
);

/** Pearson correlation of two equally long samples. */
function correlation(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n,
    mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? NaN : sab / Math.sqrt(saa * sbb);
}

export const drawsIndependent = propertyLaw(
  {
    id: "search-draws-independent",
    section: "§6.5.3 Hyperparameter search (random search: independent draws)",
    spec: SPEC,
    title:
      "lr and weight decay are drawn independently (uncorrelated logs), and successive calls give fresh, uncorrelated pairs",
    mistake:
      "one uniform draw u used for both lr and weight decay (they move together), or a generator created inside the sampler so every call repeats the same pair",
  },
  fc.record({ ranges: rangesArb, seed: fc.integer() }),
  4,
  (impl, { ranges, seed }) => {
    const draws = sample(impl, implRng(impl, seed), ranges, DRAWS);
    const lr = draws.map((p) => Math.log10(p.lr)),
      wd = draws.map((p) => Math.log10(p.weightDecay));
    const repeats = draws
      .slice(1)
      .filter((p, k) => p.lr === draws[k].lr && p.weightDecay === draws[k].weightDecay).length;
    if (repeats > 0)
      violation(
        `${repeats} of ${DRAWS - 1} successive calls returned the pair of the call before (first pair lr ${num(draws[0].lr)}, weight decay ${num(draws[0].weightDecay)}).` +
          (repeats === DRAWS - 1
            ? " Every call gives the same pair: the sampler does not draw from the rng passed in (a generator created and seeded inside it on each call?)."
            : ""),
      );
    // A constant sample (a degenerate sampler) has no correlation: say so rather than compare NaN.
    const r = correlation(lr, wd);
    if (!(Math.abs(r) <= CORR_MAX))
      violation(
        `log10(lr) and log10(weight decay) over ${DRAWS} calls have correlation ${Number.isNaN(r) ? "undefined (one of them never varies)" : r.toFixed(4)}, expected |r| ≤ ${CORR_MAX.toFixed(3)} (independent draws).` +
          (Math.abs(r) > 0.999
            ? " They move in lockstep: both come from the same uniform draw u; draw each hyperparameter with its own rng.uniform()."
            : ""),
      );
    for (const [name, v] of [
      ["log10(lr)", lr],
      ["log10(weight decay)", wd],
    ] as const) {
      const s = correlation(v.slice(1), v.slice(0, -1));
      if (!(Math.abs(s) <= CORR_MAX))
        violation(
          `${name} of successive calls has correlation ${Number.isNaN(s) ? "undefined (it never varies)" : s.toFixed(4)}, expected |r| ≤ ${CORR_MAX.toFixed(3)}: each call must draw afresh`,
        );
    }
  },
);

export const drawsFromRng = propertyLaw(
  {
    id: "search-draws-from-rng",
    section: "§6.5.3 Hyperparameter search (reproducible: every draw from the generator passed in)",
    spec: SPEC,
    title:
      "sampleHyperparameters draws only from the rng passed in: the same seed gives the same pairs, another seed other pairs",
    mistake:
      "Math.random (or another unseeded source) inside the sampler, or a generator of its own that ignores the rng argument",
  },
  fc.record({ ranges: rangesArb, seed: fc.integer({ min: -1e9, max: 1e9 }) }),
  10,
  (impl, { ranges, seed }) => {
    const a = sample(impl, implRng(impl, seed), ranges, 4),
      b = sample(impl, implRng(impl, seed), ranges, 4),
      c = sample(impl, implRng(impl, seed + 1), ranges, 4);
    for (let k = 0; k < a.length; k++)
      if (a[k].lr !== b[k].lr || a[k].weightDecay !== b[k].weightDecay)
        violation(
          `two generators with the same seed gave different pairs at call ${k + 1}: (lr ${num(a[k].lr)}, weight decay ${num(a[k].weightDecay)}) vs (lr ${num(b[k].lr)}, weight decay ${num(b[k].weightDecay)}): the sampler draws from something other than the rng passed in (Math.random?)`,
        );
    if (a.every((p, k) => p.lr === c[k].lr && p.weightDecay === c[k].weightDecay))
      violation(
        `generators seeded ${seed} and ${seed + 1} gave the same ${a.length} pairs (first: lr ${num(a[0].lr)}, weight decay ${num(a[0].weightDecay)}): the sampler ignores the rng passed in`,
      );
  },
);

/** An implementation generator whose uniform() always returns u (other methods as seeded). */
function constantUniform(impl: Impl, u: number): InstanceType<Impl["Rng"]> {
  const Base = impl.Rng;
  return new (class extends Base {
    override uniform(): number {
      return u;
    }
  })(0);
}

export const samplerWorkedExample = deterministicLaw(
  {
    id: "search-worked-example",
    section: "§6.5.3 Hyperparameter search (10 ** np.random.uniform(lo, hi))",
    spec: SPEC,
    title:
      "With every uniform draw u = 0, 0.25, 0.5, 0.75 the book's ranges give lr = 10^(−6 + 4u) and weight decay = 10^(−8 + 4u); draws 0.25, 0.75 go one to each",
    mistake:
      "the value sampled uniformly instead of its exponent (1e-6 + u·(1e-2 − 1e-6)), base e, the ranges or lo/hi swapped, or one draw used for both",
  },
  (impl) => {
    for (const u of [0, 0.25, 0.5, 0.75]) {
      const p = sample(impl, constantUniform(impl, u), BOOK, 1)[0];
      for (const key of ["lr", "weightDecay"] as const) {
        const [lo, hi] = BOOK[key];
        const expected = 10 ** (lo + (hi - lo) * u),
          got = p[key];
        if (Math.abs(got - expected) <= 1e-13 * expected) continue;
        const other = key === "lr" ? BOOK.weightDecay : BOOK.lr;
        const known: [number, string][] = [
          [
            10 ** lo + u * (10 ** hi - 10 ** lo),
            "uniform on the linear scale: 10^lo + u·(10^hi − 10^lo). Sample the exponent: 10^(lo + (hi − lo)·u)",
          ],
          [Math.exp(lo + (hi - lo) * u), "base e: Math.exp(lo + (hi − lo)·u) instead of 10 ** (…)"],
          [10 ** (hi + (lo - hi) * u), "lo and hi swapped: the exponent is lo + (hi − lo)·u"],
          [10 ** (other[0] + (other[1] - other[0]) * u), `the other hyperparameter's range ${fmtRange(other)} used`],
          [lo + (hi - lo) * u, "the exponent returned instead of 10 to its power"],
        ];
        const match = known.find(([v]) => Math.abs(got - v) <= 1e-13 * Math.abs(v) + 1e-300);
        violation(
          `with every rng.uniform() returning u = ${u}: ${NAMES[key]} is ${num(got)}, expected 10^(${lo} + (${hi} − (${lo}))·${u}) = ${num(expected)}` +
            (match
              ? `. These are exactly the numbers of a known mistake: ${match[1]}.`
              : " (the check's generator returns u from uniform(); draw with rng.uniform())."),
        );
      }
    }
    // Two draws, u = 0.25 then 0.75: one for each hyperparameter. The book draws weight decay first
    // (10^(−8 + 1) = 1e-7, then lr 10^(−6 + 3) = 1e-3); the other order (lr 1e-5, weight decay 1e-5) is accepted too.
    const p = sample(impl, scriptedUniform(impl, [0.25, 0.75]), BOOK, 1)[0];
    const is = (lr: number, wd: number) =>
      Math.abs(p.lr - lr) <= 1e-13 * lr && Math.abs(p.weightDecay - wd) <= 1e-13 * wd;
    if (!(is(1e-3, 1e-7) || is(1e-5, 1e-5)))
      violation(
        `with rng.uniform() returning 0.25, then 0.75: lr ${num(p.lr)}, weight decay ${num(p.weightDecay)}; expected weight decay 1e-7 and lr 1e-3 (weight decay drawn first, as the book does) or lr 1e-5 and weight decay 1e-5 (lr first)` +
          (is(1e-5, 1e-7)
            ? ". Both come from the first draw u = 0.25: one uniform draw used for both hyperparameters; draw each with its own rng.uniform()."
            : "."),
      );
  },
);

/** An implementation generator whose uniform() returns `values` in turn (then repeats the last). */
function scriptedUniform(impl: Impl, values: number[]): InstanceType<Impl["Rng"]> {
  let k = 0;
  const Base = impl.Rng;
  return new (class extends Base {
    override uniform(): number {
      return values[Math.min(k++, values.length - 1)];
    }
  })(0);
}

// ---------------------------------------------------------------------------------------------
// The validation split

type Split = { xTrain: Mat; tTrain: Int32Array; xVal: Mat; tVal: Int32Array };

/** N rows of D columns: column 0 is the row's index i, the rest random; label i. */
function indexedData(impl: Impl, seed: number, N: number, D: number): { x: Mat; t: Int32Array } {
  const rng = dataRng(seed);
  const v = new Float64Array(N * D);
  for (let i = 0; i < N; i++) {
    v[i * D] = i;
    for (let j = 1; j < D; j++) v[i * D + j] = rng.normal();
  }
  return { x: new impl.Matrix(N, D, v), t: Int32Array.from({ length: N }, (_, i) => i) };
}

function split(impl: Impl, x: Mat, t: Int32Array, rate: number, rng: InstanceType<Impl["Rng"]>): Split {
  const xBefore = Float64Array.from(x.data),
    tBefore = Int32Array.from(t);
  const s = impl.splitValidation(x, t, rate, rng) as Split;
  const xi = x.data.findIndex((v, k) => v !== xBefore[k]),
    ti = t.findIndex((v, k) => v !== tBefore[k]);
  if (xi >= 0 || ti >= 0)
    violation(
      `splitValidation changed its input ${xi >= 0 ? `x at [${Math.floor(xi / x.cols)}, ${xi % x.cols}]` : `t at index ${ti}`}: it shuffled the caller's data in place. Return new matrices (the book's shuffle_dataset does) and leave x and t as they were`,
    );
  if (s === null || typeof s !== "object")
    violation(`splitValidation returned ${s === null ? "null" : typeof s}: expected { xTrain, tTrain, xVal, tVal }`);
  for (const k of ["xTrain", "xVal"] as const)
    if (!s[k] || typeof s[k].rows !== "number" || !(s[k].data instanceof Float64Array))
      violation(`splitValidation's ${k} is not a matrix (rows, cols, data)`);
  for (const k of ["tTrain", "tVal"] as const)
    if (!s[k] || typeof s[k].length !== "number") violation(`splitValidation's ${k} is not an array of labels`);
  return s;
}

/** The input row index of each output row (column 0), checking the whole row equals that input row. */
function rowIds(out: Mat, x: Mat, what: string): number[] {
  if (out.cols !== x.cols) violation(`${what} has ${out.cols} columns, expected ${x.cols} (the columns of x)`);
  const ids: number[] = [];
  for (let r = 0; r < out.rows; r++) {
    const id = out.data[r * out.cols];
    if (!(Number.isInteger(id) && id >= 0 && id < x.rows))
      violation(`${what} row ${r} is not a row of x (its first entry ${num(id)} is no row index of x)`);
    for (let j = 0; j < x.cols; j++)
      if (out.data[r * out.cols + j] !== x.data[id * x.cols + j])
        violation(`${what} row ${r} starts like row ${id} of x but differs at column ${j}: rows must be copied whole`);
    ids.push(id);
  }
  return ids;
}

const splitCase = fc
  .record({
    N: fc.integer({ min: 3, max: 40 }),
    D: fc.integer({ min: 1, max: 4 }),
    rate: fc.constantFrom(0.1, 0.2, 0.25, 0.3, 0.5, 0.7, 0.9),
    seed: fc.integer(),
  })
  .filter(({ N, rate }) => Math.floor(N * rate) >= 1 && Math.floor(N * rate) < N);

export const splitPartition = propertyLaw(
  {
    id: "split-partition",
    section: "§6.5.1 Validation data (split off the training data)",
    spec: SPEC,
    title:
      "splitValidation returns int(N·rate) validation rows and the other N − int(N·rate) as training rows: disjoint, together every row of x once, each with its own label",
    mistake:
      "validation rows left in the training data (overlap), int(N·rate) rounded up or to nearest, or the labels shuffled with a permutation of their own",
  },
  splitCase,
  40,
  (impl, { N, D, rate, seed }) => {
    const { x, t } = indexedData(impl, seed, N, D);
    const s = split(impl, x, t, rate, implRng(impl, seed));
    const nVal = Math.floor(N * rate);
    const got = s.xVal.rows;
    if (got !== nVal) {
      const why =
        got === Math.round(N * rate)
          ? ": Math.round(N·rate); the book's int(N·rate) drops the fraction (Math.floor)"
          : got === Math.ceil(N * rate)
            ? ": Math.ceil(N·rate); the book's int(N·rate) drops the fraction (Math.floor)"
            : "";
      violation(`N = ${N}, rate ${rate}: ${got} validation rows, expected int(N·rate) = ${nVal}${why}`);
    }
    const val = rowIds(s.xVal, x, "xVal"),
      train = rowIds(s.xTrain, x, "xTrain");
    if (s.tVal.length !== val.length || s.tTrain.length !== train.length)
      violation(
        `tVal has ${s.tVal.length} labels for ${val.length} validation rows, tTrain ${s.tTrain.length} for ${train.length} training rows`,
      );
    const both = val.filter((i) => train.includes(i));
    if (both.length > 0)
      violation(
        `rows ${both.slice(0, 5).join(", ")} of x are in both xVal and xTrain: validation data must be held out of training`,
      );
    const seen = new Set([...val, ...train]);
    if (seen.size !== N || val.length + train.length !== N)
      violation(
        `xVal and xTrain hold ${val.length} + ${train.length} rows, ${seen.size} different, expected every one of the ${N} rows of x exactly once`,
      );
    const labels = [...Array.from(s.tVal), ...Array.from(s.tTrain)],
      ids = [...val, ...train];
    const off = ids.findIndex((id, k) => labels[k] !== t[id]);
    if (off >= 0) {
      const sameSet = [...labels].sort((a, b) => a - b).every((v, k) => v === k);
      violation(
        `${off < val.length ? `tVal[${off}]` : `tTrain[${off - val.length}]`} is ${labels[off]} but its row is row ${ids[off]} of x, whose label is ${t[ids[off]]}` +
          (sameSet
            ? ": every label is there but in another order: the labels were shuffled with a permutation of their own; use one permutation for x and t"
            : ""),
      );
    }
  },
);

export const splitShuffles = propertyLaw(
  {
    id: "split-shuffles",
    section: "§6.5.1 Validation data (shuffle_dataset before splitting)",
    spec: SPEC,
    title:
      "splitValidation shuffles first: over 400 splits of 20 rows (rate 0.25) every row is a validation row about a quarter of the time",
    mistake:
      "no shuffle: the first rows of x always become the validation data (a data set sorted by class then validates on one class)",
  },
  fc.record({ seed: fc.integer() }),
  3,
  (impl, { seed }) => {
    const N = 20,
      rate = 0.25,
      K = 400;
    const { x, t } = indexedData(impl, seed, N, 2);
    const rng = implRng(impl, seed);
    const counts = new Array<number>(N).fill(0);
    let same = 0,
      prev = "";
    for (let k = 0; k < K; k++) {
      const ids = rowIds(split(impl, x, t, rate, rng).xVal, x, "xVal");
      for (const i of ids) counts[i]++;
      const key = [...ids].sort((a, b) => a - b).join(",");
      if (key === prev) same++;
      prev = key;
    }
    // Each row is a validation row with probability 5/20: Binomial(400, 0.25), mean 100, sd 8.66;
    // 6 sd = 52 (P ≈ 2e-9 per row). Without a shuffle rows 0..4 count 400 and the rest 0.
    const expected = K * rate,
      allowed = 6 * Math.sqrt(K * rate * (1 - rate));
    const worst = counts.reduce((w, c, i) => (Math.abs(c - expected) > Math.abs(counts[w] - expected) ? i : w), 0);
    if (Math.abs(counts[worst] - expected) > allowed) {
      const firstRows = counts.every((c, i) => (i < N * rate ? c === K : c === 0));
      violation(
        `row ${worst} was a validation row in ${counts[worst]} of ${K} splits, expected ${expected} ± ${allowed.toFixed(0)} (counts by row: ${counts.join(", ")}).` +
          (firstRows
            ? " Rows 0–4 are always the validation data: x is not shuffled before the split (the book's shuffle_dataset comes first)."
            : same === K - 1
              ? " Every split picks the same rows: the shuffle ignores the rng passed in."
              : ""),
      );
    }
  },
);

/** An implementation generator whose permutation(perm.length) is `perm` the first time (its reverse after that), counting calls. */
function scriptedPermutation(impl: Impl, perm: number[]): { rng: InstanceType<Impl["Rng"]>; calls: () => number } {
  let calls = 0;
  const Base = impl.Rng;
  const rng = new (class extends Base {
    override permutation(n: number): Int32Array {
      calls++;
      if (n !== perm.length) return super.permutation(n);
      return Int32Array.from(calls === 1 ? perm : [...perm].reverse());
    }
  })(0);
  return { rng, calls: () => calls };
}

/** The split of N rows (row i is [i, …] with label i) under a scripted rng.permutation(N), for each rate. */
function splitWorkedExample(id: string, perm: number[], rates: number[], title: string): Law {
  const N = perm.length;
  return deterministicLaw(
    {
      id,
      section: "§6.5.1 Validation data (the book's shuffle_dataset and x_train[:validation_num])",
      spec: SPEC,
      title,
      mistake:
        "no shuffle, the validation rows taken from the end of the shuffled data, int(N·rate) rounded, or the labels shuffled by a second permutation",
    },
    (impl) => {
      for (const rate of rates) {
        const nVal = Math.floor(N * rate);
        const { x, t } = indexedData(impl, 1, N, 2);
        const { rng, calls } = scriptedPermutation(impl, perm);
        const s = split(impl, x, t, rate, rng);
        const val = rowIds(s.xVal, x, "xVal"),
          train = rowIds(s.xTrain, x, "xTrain");
        const want = perm.slice(0, nVal),
          wantTrain = perm.slice(nVal);
        const where = `N = ${N}, rate ${rate}, rng.permutation(${N}) = [${perm.join(", ")}]`;
        if (val.length !== nVal) {
          const why =
            val.length === Math.round(N * rate)
              ? ": Math.round; the book's int(N·rate) drops the fraction (Math.floor)"
              : val.length === Math.ceil(N * rate)
                ? ": Math.ceil; the book's int(N·rate) drops the fraction"
                : "";
          violation(`${where}: ${val.length} validation rows, expected int(${N}·${rate}) = ${nVal}${why}`);
        }
        if (val.join() !== want.join() || train.join() !== wantTrain.join()) {
          const why =
            calls() === 0
              ? " rng.permutation was never called: the book shuffles with one rng.permutation(N) (np.random.permutation)" +
                (val.join() === Array.from({ length: nVal }, (_, i) => i).join()
                  ? ", and here x was not shuffled at all (validation = its first rows)"
                  : "")
              : val.join() === perm.slice(N - nVal).join()
                ? " the validation rows are the last of the shuffled data: the book takes the first int(N·rate) rows, x[perm[:validation_num]]"
                : "";
          violation(
            `${where}: xVal holds rows [${val.join(", ")}] and xTrain rows [${train.join(", ")}], expected [${want.join(", ")}] and [${wantTrain.join(", ")}] (x[perm[0…n)] then x[perm[n…N)]).${why}`,
          );
        }
        const tv = Array.from(s.tVal),
          tt = Array.from(s.tTrain);
        if (tv.join() !== want.join() || tt.join() !== wantTrain.join())
          violation(
            `${where}: tVal [${tv.join(", ")}], tTrain [${tt.join(", ")}], expected [${want.join(", ")}] and [${wantTrain.join(", ")}] (row i has label i)` +
              (calls() > 1
                ? `: rng.permutation was called ${calls()} times; shuffle x and t with the same one permutation`
                : ""),
          );
      }
    },
  );
}

export const splitWorked = splitWorkedExample(
  "split-worked-example",
  [3, 7, 0, 9, 1, 5, 2, 8, 6, 4],
  [0.3, 0.25],
  "With rng.permutation(10) = [3, 7, 0, 9, 1, 5, 2, 8, 6, 4], rate 0.3 gives validation rows 3, 7, 0 and training rows 9, 1, 5, 2, 8, 6, 4 (labels alike); rate 0.25 gives 2 validation rows",
);
export const splitWorkedOdd = splitWorkedExample(
  "split-worked-example-odd",
  [6, 2, 4, 0, 5, 1, 3],
  [0.5, 0.3],
  "With rng.permutation(7) = [6, 2, 4, 0, 5, 1, 3], rate 0.5 gives validation rows 6, 2, 4 (int(3.5) = 3) and training rows 0, 5, 1, 3; rate 0.3 gives 2 validation rows",
);

export const splitLeavesDataUntouched = propertyLaw(
  {
    id: "split-leaves-data-untouched",
    section: "§6.5.1 Validation data (never the test data)",
    spec: SPEC,
    title:
      "splitValidation returns only rows of the x it is given and leaves x, t and the test rows stored right after x unchanged",
    mistake:
      "x and t shuffled in place (the caller's arrays, and whatever shares their memory, are changed) instead of returning new arrays as shuffle_dataset does",
  },
  splitCase,
  25,
  (impl, { N, D, rate, seed }) => {
    // One buffer holds the training rows and then M test rows; x and t are views of the first N.
    const M = 5,
      rng = dataRng(seed);
    const buffer = Float64Array.from({ length: (N + M) * D }, (_, k) =>
      k % D === 0 ? Math.floor(k / D) : rng.normal(),
    );
    const labels = Int32Array.from({ length: N + M }, (_, i) => i);
    const x = new impl.Matrix(N, D, buffer.subarray(0, N * D)),
      t = labels.subarray(0, N);
    const before = Float64Array.from(buffer),
      labelsBefore = Int32Array.from(labels);
    const s = split(impl, x, t, rate, implRng(impl, seed));
    for (const [what, out] of [
      ["xVal", s.xVal],
      ["xTrain", s.xTrain],
    ] as const)
      for (let r = 0; r < out.rows; r++) {
        const id = out.data[r * out.cols];
        if (id >= N && id < N + M)
          violation(
            `${what} row ${r} is test row ${id - N} (stored after x): the split must use only the training rows it is given`,
          );
      }
    const firstChanged = buffer.findIndex((v, k) => v !== before[k]);
    if (firstChanged >= 0)
      violation(
        firstChanged < N * D
          ? `x changed: entry [${Math.floor(firstChanged / D)}, ${firstChanged % D}] was ${num(before[firstChanged])}, now ${num(buffer[firstChanged])}. x was shuffled in place; return new matrices (the book's shuffle_dataset does) and leave the caller's data as it was`
          : `test row ${Math.floor(firstChanged / D) - N}, stored right after x, changed: the split wrote outside the training rows`,
      );
    const labelChanged = labels.findIndex((v, k) => v !== labelsBefore[k]);
    if (labelChanged >= 0)
      violation(
        `${labelChanged < N ? "t" : "the test labels after t"} changed at index ${labelChanged}: ${labelsBefore[labelChanged]} → ${labels[labelChanged]} (labels shuffled in place)`,
      );
  },
);

export const searchLaws: Law[] = [
  logUniform,
  withinBounds,
  drawsIndependent,
  drawsFromRng,
  samplerWorkedExample,
  splitPartition,
  splitShuffles,
  splitWorked,
  splitWorkedOdd,
  splitLeavesDataUntouched,
];
