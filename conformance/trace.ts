/**
 * A recording view of an implementation at the contract boundary: every call a check makes into
 * it (functions, constructors, methods of what they construct or return), every value it reads
 * from what it got back, and the numbers of every argument after the call (so in-place updates
 * such as an optimizer's are seen). Nothing inside the implementation is recorded: a method runs
 * with `this` the object itself, so two implementations that give the same numbers at the
 * boundary give the same trace however they are written, in this process or behind a proxy to
 * another one.
 *
 * A trace recorded `against` another stops at the first event that differs from it (the check is
 * then interrupted), which keeps comparing many planted variants with one failure cheap.
 */
import { capabilityOf, CAPABILITIES } from "./contract.js";
import type { Impl } from "./laws/impl.js";

export interface Trace {
  /** One label per event, e.g. "Adam#1.update", "Adam#1.v", "softmax()". */
  labels: string[];
  /** Where each event's numbers start in `values` (labels.length + 1 offsets). */
  offsets: number[];
  values: number[];
}

/** Relative tolerance of "the same numbers" (and an absolute floor for values that cancel to ~0). */
export const SAME_RTOL = 1e-12;

export function sameNumber(a: number, b: number, rtol = SAME_RTOL): boolean {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return true;
  return Math.abs(a - b) <= rtol * Math.max(Math.abs(a), Math.abs(b)) + 1e-300;
}

/** Thrown into the check when a trace recorded against another has diverged from it. */
export class Diverged extends Error {
  override name = "Diverged";
}

const MAX_VALUES = 2_000_000;

export class Recorder {
  readonly trace: Trace = { labels: [], offsets: [0], values: [] };
  /** Contract names the check used. */
  readonly used = new Set<string>();
  diverged = false;
  /** Too many numbers to keep: the trace is not comparable. */
  overflow = false;
  private ids = new Map<string, number>();
  constructor(private readonly against: Trace | null = null) {}

  nextId(name: string): string {
    const n = (this.ids.get(name) ?? 0) + 1;
    this.ids.set(name, n);
    return `${name}#${n}`;
  }

  event(label: string, ...things: unknown[]): void {
    if (this.diverged || this.overflow) {
      if (this.diverged) throw new Diverged("trace diverged");
      return;
    }
    const t = this.trace,
      start = t.values.length;
    for (const x of things) numbersInto(x, t.values, 0);
    if (t.values.length > MAX_VALUES) {
      this.overflow = true;
      return;
    }
    t.labels.push(label);
    t.offsets.push(t.values.length);
    const a = this.against;
    if (a) {
      const i = t.labels.length - 1;
      let same =
        i < a.labels.length && a.labels[i] === label && a.offsets[i + 1] - a.offsets[i] === t.values.length - start;
      for (let k = 0; same && k < t.values.length - start; k++)
        same = sameNumber(t.values[start + k], a.values[a.offsets[i] + k]);
      if (!same) {
        this.diverged = true;
        throw new Diverged(`trace diverged at event ${i} (${label})`);
      }
    }
  }
}

function isMatrixLike(v: object): v is { rows: number; cols: number; data: ArrayLike<number> } {
  const m = v as { rows?: unknown; cols?: unknown; data?: unknown };
  return typeof m.rows === "number" && typeof m.cols === "number" && ArrayBuffer.isView(m.data);
}

function isPlain(v: object): boolean {
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

/** The numbers of a value, flattened: matrices (shape then entries), typed arrays, arrays, plain objects by key. */
function numbersInto(x: unknown, out: number[], depth: number): void {
  if (typeof x === "number") out.push(x);
  else if (typeof x === "boolean") out.push(x ? 1 : 0);
  // null and undefined alike: "no value" (a Python method returns None where a TS one returns undefined).
  else if (x === null || x === undefined) out.push(NaN, 0);
  else if (typeof x !== "object" || depth > 3) return;
  else if (isMatrixLike(x)) {
    out.push(x.rows, x.cols);
    for (let i = 0; i < x.data.length; i++) out.push(x.data[i]);
  } else if (ArrayBuffer.isView(x)) {
    const a = x as unknown as ArrayLike<number>;
    out.push(a.length);
    for (let i = 0; i < a.length; i++) out.push(Number(a[i]));
  } else if (Array.isArray(x)) {
    out.push(x.length);
    for (const e of x) numbersInto(e, out, depth + 1);
  } else if (x instanceof Map) {
    for (const v of x.values()) numbersInto(v, out, depth + 1);
  } else if (isPlain(x)) {
    for (const k of Object.keys(x)) numbersInto((x as Record<string, unknown>)[k], out, depth + 1);
  }
}

/** Objects an implementation hands back that are worth following into (instances of its classes). */
function isInstance(v: unknown): v is object {
  return (
    v !== null &&
    typeof v === "object" &&
    !isMatrixLike(v) &&
    !ArrayBuffer.isView(v) &&
    !Array.isArray(v) &&
    !(v instanceof Map) &&
    !isPlain(v) &&
    !(v instanceof Error)
  );
}

/** The matrices held by plain-object arguments (params, grads), to see afterwards whether they were replaced. */
function slots(args: unknown[]): [Record<string, unknown>, string, unknown][] {
  const out: [Record<string, unknown>, string, unknown][] = [];
  for (const a of args)
    if (a !== null && typeof a === "object" && isPlain(a))
      for (const [k, v] of Object.entries(a)) out.push([a as Record<string, unknown>, k, v]);
  return out;
}

/** 1 for each slot still holding the same object after the call, 0 where it was replaced. */
const kept = (before: [Record<string, unknown>, string, unknown][]): number[] =>
  before.map(([o, k, v]) => (o[k] === v ? 1 : 0));

function wrapInstance(inst: object, id: string, rec: Recorder): object {
  return new Proxy(inst, {
    get(target, key) {
      const v = Reflect.get(target, key, target);
      if (typeof key !== "string" || key === "constructor") return v;
      if (typeof v === "function")
        return function (this: unknown, ...args: unknown[]) {
          const before = slots(args);
          const r = Reflect.apply(v, target, args);
          if (r instanceof Promise) return r;
          rec.event(`${id}.${key}()`, args, r, kept(before));
          return isInstance(r) ? wrapInstance(r, rec.nextId(`${id}.${key}`), rec) : r;
        };
      rec.event(`${id}.${key}`, v);
      return v;
    },
    set(target, key, value) {
      return Reflect.set(target, key, value, target);
    },
  });
}

function wrapExport(name: string, value: unknown, rec: Recorder): unknown {
  // Constants (OPTIMIZER_NAMES, BATCHNORM_EPS) are not recorded: what they change shows in the numbers of the calls.
  if (typeof value !== "function") return value;
  const fn = value as (...a: unknown[]) => unknown;
  const proxy: unknown = new Proxy(fn, {
    apply(target, thisArg, args) {
      const before = slots(args);
      const r = Reflect.apply(target, thisArg, args);
      rec.event(`${name}()`, args, r, kept(before));
      return isInstance(r) ? wrapInstance(r, rec.nextId(`${name}()`), rec) : r;
    },
    construct(target, args, newTarget) {
      // A subclass constructed through the proxy (class X extends impl.Y) is left alone.
      if (newTarget !== proxy) return Reflect.construct(target, args, newTarget);
      const inst = Reflect.construct(target, args) as object;
      const id = rec.nextId(name);
      rec.event(`new ${id}`, args);
      return wrapInstance(inst, id, rec);
    },
  });
  return proxy;
}

/**
 * `impl` seen through a recorder: the contract's names outside the support pieces (matrix, rng)
 * are wrapped, each wrapper made once per name.
 */
export function traced(impl: Impl, rec: Recorder): Impl {
  const source = impl as unknown as Record<string, unknown>;
  const wrapped = new Map<string, unknown>();
  return new Proxy(Object.create(null) as Record<string, unknown>, {
    get(_t, key) {
      if (typeof key !== "string") return undefined;
      const c = capabilityOf(key);
      const v = source[key];
      if (c === undefined || CAPABILITIES[c].support) return v;
      rec.used.add(key);
      if (!wrapped.has(key)) wrapped.set(key, wrapExport(key, v, rec));
      return wrapped.get(key);
    },
    has(_t, key) {
      return key in source;
    },
  }) as unknown as Impl;
}

/** The k largest differences between two traces of the same check, as "label [index]: a vs b". */
export function largestDifferences(received: Trace, reference: Trace, k = 3): string[] {
  const out: { score: number; text: string }[] = [];
  const n = Math.min(received.labels.length, reference.labels.length);
  for (let i = 0; i < n; i++) {
    if (received.labels[i] !== reference.labels[i]) {
      out.push({
        score: Infinity,
        text: `call ${i}: ${received.labels[i]} where the reference has ${reference.labels[i]} (the calls differ from here on)`,
      });
      break;
    }
    const a0 = received.offsets[i],
      a1 = received.offsets[i + 1],
      b0 = reference.offsets[i],
      b1 = reference.offsets[i + 1];
    if (a1 - a0 !== b1 - b0) {
      out.push({
        score: Infinity,
        text: `${received.labels[i]}: ${a1 - a0} numbers where the reference has ${b1 - b0}`,
      });
      continue;
    }
    for (let j = 0; j < a1 - a0; j++) {
      const a = received.values[a0 + j],
        b = reference.values[b0 + j];
      if (sameNumber(a, b)) continue;
      const d = Math.abs(a - b);
      out.push({
        score: Number.isNaN(d) ? Infinity : d,
        text: `${received.labels[i]} [${j}]: received ${a}, the book's ${b}`,
      });
    }
  }
  return out
    .sort((x, y) => y.score - x.score)
    .slice(0, k)
    .map((x) => x.text);
}
