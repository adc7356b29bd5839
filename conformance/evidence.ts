/**
 * Hints from evidence: which catalogued entry (a catalogue such as mistakes/registry.ts, handed in
 * by the runner: the checks themselves do not know the bugs they catch) would have produced the
 * numbers a failing check received. The check is run again, same seed, on the implementation
 * under test seen through a recorder (conformance/trace.ts), and then on the reference with each
 * relevant entry planted; an entry is named only when its trace equals the implementation's
 * (exactly, or to 1e-12 relative), call for call. When none does, the hint says so and shows
 * where the implementation's numbers differ most from the book's (the reference's trace).
 */
import type { Check } from "./check.js";
import { reference, type Impl } from "./laws/impl.js";
import type { LawParams } from "./laws/law.js";
import { largestDifferences, Recorder, traced, type Trace } from "./trace.js";

/** A catalogued way of writing a piece: the reference with it planted, and what it is. */
export interface Catalogued {
  id: string;
  /** "mistake": wrong. "variant": a correct convention that is not the book's. */
  kind: "mistake" | "variant";
  /** In plain words. */
  mistake: string;
  make: () => Impl;
}
type Planted = Catalogued;

export interface Evidence {
  /** Entries whose numbers equal the implementation's on this check. */
  named: { id: string; kind: Catalogued["kind"]; mistake: string }[];
  /** Where the implementation's numbers differ most from the reference's (when nothing matched). */
  largest: string[];
  /** The hint, in words (one line per entry named). */
  text: string;
}

/** The seed-fixing parameters for a rerun of the failure (same cases, stop at the first failure). */
export function replayParams(params: LawParams, failure: unknown): LawParams {
  const seed = (failure as { seed?: number | null } | null)?.seed;
  const out: LawParams = { ...params, endOnFailure: true };
  delete out.path;
  if (typeof seed === "number") out.seed = seed;
  return out;
}

/** Runs a check on `impl` seen through a recorder (recorded against `against` when given). */
export async function traceCheck(
  check: Check,
  impl: Impl,
  params: LawParams,
  against: Trace | null = null,
): Promise<{ rec: Recorder; failed: boolean }> {
  const rec = new Recorder(against);
  let failed = false;
  try {
    await check.run(traced(impl, rec), params);
  } catch {
    failed = true;
  }
  return { rec, failed };
}

const changed = new Map<string, string[]>();

/** The contract names where an entry's implementation differs from the reference. */
export function changedNames(e: Planted): string[] {
  let names = changed.get(e.id);
  if (!names) {
    const impl = e.make() as unknown as Record<string, unknown>,
      ref = reference as unknown as Record<string, unknown>;
    names = Object.keys(ref).filter((k) => impl[k] !== ref[k]);
    changed.set(e.id, names);
  }
  return names;
}

/** The planted entries that change a name the check used. */
export function relevantEntries(used: Set<string>, entries: readonly Planted[]): Planted[] {
  return entries.filter((e) => changedNames(e).some((n) => used.has(n)));
}

/** True when a recording against `user` went all the way without diverging and ended where it did. */
function matches(rec: Recorder, user: Trace): boolean {
  return !rec.diverged && !rec.overflow && rec.trace.labels.length === user.labels.length;
}

/** The hint line for named entries. */
export function hintText(named: Evidence["named"], largest: string[]): string {
  if (named.length === 0)
    return [
      "Hint: no catalogued mistake matches these numbers.",
      ...(largest.length ? ["Largest differences from the book's numbers:", ...largest.map((l) => `  ${l}`)] : []),
    ].join("\n");
  return named
    .map((n) =>
      n.kind === "variant"
        ? `Hint: differs from the book: ${n.mistake} [${n.id}]`
        : `Hint: your numbers are exactly what this mistake gives: ${n.mistake} [${n.id}]`,
    )
    .join("\n");
}

/**
 * The evidence for a failing check: `impl` is what was tested, `params` the run's parameters and
 * `failure` what it threw (its seed, if any, fixes the cases replayed); `entries` the catalogue.
 */
export async function explainFailure(
  check: Check,
  impl: Impl,
  params: LawParams,
  failure: unknown,
  entries: readonly Planted[],
): Promise<Evidence> {
  const p = replayParams(params, failure);
  const user = await traceCheck(check, impl, p);
  const named: Evidence["named"] = [];
  if (!user.rec.overflow)
    for (const e of relevantEntries(user.rec.used, entries)) {
      const { rec } = await traceCheck(check, e.make(), p, user.rec.trace);
      if (matches(rec, user.rec.trace)) named.push({ id: e.id, kind: e.kind, mistake: e.mistake });
    }
  let largest: string[] = [];
  if (named.length === 0) {
    const ref = await traceCheck(check, reference, p);
    largest = largestDifferences(user.rec.trace, ref.rec.trace);
  }
  return { named, largest, text: hintText(named, largest) };
}
