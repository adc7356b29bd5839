/**
 * Teaching assertions for the exercise checks. They build on conformance/close.ts (book section,
 * expected vs received, worst entry, usual mistake) and add what a learner needs next: the
 * whole expected and received vectors when they are short, and, when the received numbers are
 * exactly what a known mistake produces, the name of that mistake.
 */
import { allCloseMismatch, type Context } from "../../conformance/close.js";

/** A wrong answer a known mistake gives, and what to say when the learner's numbers match it. */
export interface Mistake {
  values: ArrayLike<number> | number;
  says: string;
}

export interface CloseContext extends Context {
  /** What is compared, in words: "W after step 1". */
  what: string;
  atol?: number;
  rtol?: number;
  /** Known wrong answers, checked in order when the comparison fails. */
  mistakes?: Mistake[];
}

/** A failed check: its message is shown to the learner as it is. */
export class LearnFailure extends Error {
  override name = "LearnFailure";
}

const SHOW_ALL = 8;

/** Formats numbers the way a learner reads them: [0.95, -1.9]. */
export function fmt(v: ArrayLike<number> | number): string {
  if (typeof v === "number") return String(v);
  const a = Array.from(v);
  const shown = a.slice(0, SHOW_ALL).map((x) => String(x));
  return `[${shown.join(", ")}${a.length > SHOW_ALL ? `, … (${a.length} numbers)` : ""}]`;
}

/** The numbers of a Matrix, a typed array, a number or nested arrays; null when `v` holds none. */
export function numbersOf(v: unknown): number[] | null {
  if (typeof v === "number") return [v];
  if (v === null || typeof v !== "object") return null;
  if ("data" in v && ArrayBuffer.isView((v as { data: unknown }).data))
    return Array.from((v as { data: Float64Array }).data);
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (Array.isArray(v)) {
    const flat = v.flat(2);
    return flat.every((x) => typeof x === "number") ? (flat as number[]) : null;
  }
  return null;
}

function describeValue(v: unknown): string {
  if (v === undefined) return "undefined (nothing was returned or stored)";
  if (v === null) return "null (was it ever set?)";
  if (typeof v === "object")
    return `an object without numbers (${
      Object.keys(v as object)
        .slice(0, 5)
        .join(", ") || "no keys"
    })`;
  return `${typeof v} ${String(v)}`;
}

function near(a: ArrayLike<number>, b: ArrayLike<number>, atol: number): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i],
      y = b[i];
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (!(Math.abs(x - y) <= atol + 1e-9 * Math.abs(y))) return false;
  }
  return true;
}

/** Expects `received` to equal `expected` entry by entry within atol + rtol·|expected|. */
export function expectClose(
  received: unknown,
  expected: ArrayLike<number> | number | { data: Float64Array },
  ctx: CloseContext,
): void {
  const r = numbersOf(received);
  const e = numbersOf(expected)!;
  if (r === null)
    throw new LearnFailure(
      `${ctx.section}: ${ctx.what} should be ${e.length === 1 ? "a number" : `${e.length} numbers`} like ${fmt(e)}, received ${describeValue(received)}` +
        (ctx.mistake ? `\nUsual mistake: ${ctx.mistake}` : ""),
    );
  const mismatch = allCloseMismatch(r, e, { ...ctx, mistake: undefined });
  if (mismatch !== null) {
    const lines = [mismatch];
    if (r.length <= SHOW_ALL && e.length <= SHOW_ALL) lines.push(`expected ${fmt(e)}`, `received ${fmt(r)}`);
    const hit = ctx.mistakes?.find((m) => near(r, numbersOf(m.values)!, ctx.atol ?? 1e-12));
    if (hit) lines.push(`Your numbers are exactly what this mistake gives: ${hit.says}`);
    else {
      if (r.some((x) => Number.isNaN(x)))
        lines.push(
          "NaN appeared: somewhere a 0/0, a √ of a negative number, or a value read before it was set (undefined in arithmetic).",
        );
      if (ctx.mistake) lines.push(`Usual mistake: ${ctx.mistake}`);
    }
    throw new LearnFailure(lines.join("\n"));
  }
}

/** Expects `ok`; otherwise fails with section, expected and received in words. */
export function expectThat(ok: boolean, ctx: Context & { what: string; expected: string; received: string }): void {
  if (ok) return;
  throw new LearnFailure(
    `${ctx.section}: ${ctx.what}\nexpected ${ctx.expected}\nreceived ${ctx.received}` +
      (ctx.mistake ? `\nUsual mistake: ${ctx.mistake}` : ""),
  );
}
