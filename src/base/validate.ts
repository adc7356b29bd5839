/**
 * Input checks shared by every public entry point. Each throws an Error whose message names
 * the function and argument, what was expected and what was received, so a caller can fix the
 * call without reading the source.
 */
import type { Matrix } from "./matrix.js";

/** Formats a value for an error message (short, never the whole array). */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "object" && v !== null && "rows" in v && "cols" in v) {
    const m = v as { rows: number; cols: number };
    return `a ${m.rows}×${m.cols} Matrix`;
  }
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  return typeof v;
}

export function fail(where: string, arg: string, expected: string, received: string): never {
  throw new Error(`${where}: argument '${arg}' expected ${expected}, received ${received}`);
}

export function checkNumber(where: string, arg: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v)) fail(where, arg, "a finite number", describe(v));
  return v;
}

export function checkPositive(where: string, arg: string, v: unknown): number {
  const n = checkNumber(where, arg, v);
  if (!(n > 0)) fail(where, arg, "a number > 0", String(n));
  return n;
}

export function checkNonNegative(where: string, arg: string, v: unknown): number {
  const n = checkNumber(where, arg, v);
  if (n < 0) fail(where, arg, "a number ≥ 0", String(n));
  return n;
}

/** Checks lo ≤ v < hi (or ≤ hi when `closedHigh`). */
export function checkRange(where: string, arg: string, v: unknown, lo: number, hi: number, closedHigh = false): number {
  const n = checkNumber(where, arg, v);
  const ok = closedHigh ? n >= lo && n <= hi : n >= lo && n < hi;
  if (!ok) fail(where, arg, `a number in [${lo}, ${hi}${closedHigh ? "]" : ")"}`, String(n));
  return n;
}

export function checkInteger(where: string, arg: string, v: unknown, min = 1): number {
  const n = checkNumber(where, arg, v);
  if (!Number.isInteger(n) || n < min) fail(where, arg, `an integer ≥ ${min}`, String(n));
  return n;
}

/**
 * Throws when any entry is NaN or ±Infinity, naming the first offending index. The scan is
 * x·0 summed in four lanes (0 for finite x, NaN otherwise): no branch per entry, about twice as
 * fast as testing each entry; only a non-finite sum looks for the index.
 */
export function checkFinite(where: string, arg: string, m: Matrix): Matrix {
  const d = m.data,
    n = d.length,
    n4 = n - (n % 4);
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  for (let i = 0; i < n4; i += 4) {
    s0 += d[i] * 0;
    s1 += d[i + 1] * 0;
    s2 += d[i + 2] * 0;
    s3 += d[i + 3] * 0;
  }
  for (let i = n4; i < n; i++) s0 += d[i] * 0;
  if (s0 + s1 + s2 + s3 === 0) return m;
  for (let i = 0; i < n; i++) {
    const x = d[i];
    if (x - x !== 0) {
      const r = Math.floor(i / m.cols),
        c = i % m.cols;
      fail(where, arg, "finite numbers only", `${x} at [${r}, ${c}] of a ${m.rows}×${m.cols} Matrix`);
    }
  }
  return m;
}

/** Checks `name` is one of `choices`, listing them all in the error. */
export function checkChoice<T extends string>(where: string, arg: string, v: unknown, choices: readonly T[]): T {
  if (typeof v !== "string" || !(choices as readonly string[]).includes(v.toLowerCase()))
    fail(where, arg, `one of ${choices.map((c) => `'${c}'`).join(", ")}`, describe(v));
  return (v as string).toLowerCase() as T;
}

/** Edit distance between two option names (insertions, deletions, substitutions), for "did you mean". */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/**
 * Rejects an options object with a key outside `known` (a typo such as `dropoutRation` would
 * otherwise be ignored), naming the closest known key. `undefined` is accepted as "no options".
 */
export function checkOptions(where: string, arg: string, opts: unknown, known: readonly string[], note = ""): void {
  if (opts === undefined) return;
  if (opts === null || typeof opts !== "object" || Array.isArray(opts))
    fail(where, arg, `an options object with keys among ${known.join(", ")}`, describe(opts));
  for (const key of Object.keys(opts)) {
    if (known.includes(key)) continue;
    const a = key.toLowerCase(),
      distance = (k: string) => (k.toLowerCase().includes(a) ? 1 : editDistance(a, k.toLowerCase()));
    const closest = [...known].sort((p, q) => distance(p) - distance(q))[0];
    const guess =
      closest !== undefined && distance(closest) <= Math.max(2, key.length / 3) ? `; did you mean \`${closest}\`?` : "";
    fail(
      where,
      `${arg}.${key}`,
      `a known option (${known.join(", ")})${guess}${note}`,
      `unknown key ${JSON.stringify(key)}`,
    );
  }
}

/** Checks a mini-batch has at least `min` rows (a mean over 0 rows is NaN). */
export function checkRows(where: string, arg: string, m: Matrix, min: number, why: string): Matrix {
  if (m.rows < min) fail(where, arg, `a Matrix of at least ${min} row${min === 1 ? "" : "s"} (${why})`, describe(m));
  return m;
}
