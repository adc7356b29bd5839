/**
 * The kill table: every planted entry of the registry (mistakes/registry.ts) run against the
 * checks relevant to it, i.e. those that use a contract name it changes (found by tracing each
 * check once against the reference). A check kills an entry when it fails on it *and* its hint
 * names the entry: the conformance engine's evidence (conformance/evidence.ts) reruns the check on
 * the reference with each relevant entry planted and names those whose numbers equal the failure's.
 * An entry passes the table when at least two checks kill it by name (DEPTH).
 */
import { reference, type Impl } from "../conformance/laws/impl.js";
import type { LawParams } from "../conformance/laws/law.js";
import type { Check } from "../conformance/check.js";
import { changedNames, explainFailure } from "../conformance/evidence.js";
import { Recorder, traced } from "../conformance/trace.js";
import { planted, type Entry } from "./registry.js";

/** Checks that must kill each entry by name. */
export const DEPTH = 2;

type Planted = Entry & { make: () => Impl };

/** The contract names each check uses, from one short run against the reference. */
export async function traceChecks(checks: Check[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const c of checks) {
    const rec = new Recorder();
    try {
      await c.run(traced(reference, rec), { numRuns: 2, endOnFailure: true });
    } catch {
      // A check failing on the reference is the props specs' business; its names were still recorded.
    }
    out.set(c.id, rec.used);
  }
  return out;
}

export interface Killer {
  id: string;
  /** The first line of what the check said. */
  excerpt: string;
  /** The entries its hint named (from the numbers). */
  named: string[];
  namesIt: boolean;
}

export interface KillRow {
  id: string;
  kind: Entry["kind"];
  module: string;
  section: string;
  mistake: string;
  changed: string[];
  /** Relevant checks run. */
  ran: number;
  /** Checks that failed on it. */
  killers: Killer[];
  /** How many of them name it. */
  namedBy: number;
  /** killedBy ids that do not exist among the checks (a registry error). */
  unknownKillers: string[];
  /** killedBy ids that ran but did not kill it by name. */
  missedKillers: string[];
  status: "killed" | "too shallow" | "killed, not by name" | "SURVIVED";
  ms: number;
}

function excerpt(message: string): string {
  const lines = message.split("\n");
  const i = lines.findIndex((l) => l.startsWith("Book section:"));
  const body = (i >= 0 ? lines[i + 1] : lines[0]) ?? "";
  return body.length > 160 ? body.slice(0, 157) + "…" : body;
}

/** Runs each entry against its relevant checks; every killer is listed, with what its hint named. */
export async function killTable(
  entries: readonly Planted[],
  checks: Check[],
  params: LawParams = { endOnFailure: true },
  onRow?: (r: KillRow) => void,
): Promise<KillRow[]> {
  const trace = await traceChecks(checks);
  const rows: KillRow[] = [];
  for (const e of entries) {
    const t0 = performance.now();
    const changed = changedNames(e);
    const relevant = checks.filter((c) => changed.some((n) => trace.get(c.id)?.has(n)));
    const killers: Killer[] = [];
    for (const c of relevant) {
      try {
        await c.run(e.make(), params);
      } catch (err) {
        const evidence = await explainFailure(c, e.make(), params, err, entries);
        const named = evidence.named.map((n) => n.id);
        killers.push({
          id: c.id,
          excerpt: excerpt(err instanceof Error ? err.message : String(err)),
          named,
          namesIt: named.includes(e.id),
        });
      }
    }
    const namedBy = killers.filter((k) => k.namesIt).length;
    const row: KillRow = {
      id: e.id,
      kind: e.kind,
      module: e.module,
      section: e.section,
      mistake: e.mistake,
      changed,
      ran: relevant.length,
      killers,
      namedBy,
      unknownKillers: e.killedBy.filter((id) => !checks.some((c) => c.id === id)),
      missedKillers: e.killedBy.filter(
        (id) => checks.some((c) => c.id === id) && !killers.some((k) => k.id === id && k.namesIt),
      ),
      status:
        killers.length === 0
          ? "SURVIVED"
          : namedBy === 0
            ? "killed, not by name"
            : namedBy < DEPTH
              ? "too shallow"
              : "killed",
      ms: performance.now() - t0,
    };
    rows.push(row);
    onRow?.(row);
  }
  return rows;
}

/** A row passes when it is killed by name at least DEPTH times and every check it lists did so. */
export function rowPasses(r: KillRow): boolean {
  return r.status === "killed" && r.unknownKillers.length === 0 && r.missedKillers.length === 0;
}

export function formatKillTable(rows: KillRow[]): string {
  const out: string[] = [];
  const w = Math.max(...rows.map((r) => r.id.length));
  for (const r of rows) {
    const mark = !rowPasses(r)
      ? r.status === "killed"
        ? "MISSED  "
        : r.status.toUpperCase().slice(0, 8).padEnd(8)
      : "killed  ";
    out.push(
      `${mark}  ${r.id.padEnd(w)}  ${String(r.namedBy).padStart(2)} of ${String(r.ran).padStart(2)} checks name it  ${r.kind === "variant" ? "(variant) " : ""}${r.module}  ${r.ms.toFixed(0)} ms`,
    );
    out.push(`          ${r.kind}: ${r.mistake}`);
    r.killers.forEach((k, i) =>
      out.push(
        `          ${i === 0 ? "killed by" : "     also"} ${k.id}${k.namesIt ? " (names it)" : k.named.length ? ` (names ${k.named.join(", ")})` : " (names nothing)"}: ${k.excerpt}`,
      ),
    );
    if (r.unknownKillers.length)
      out.push(`          killedBy lists check id(s) not loaded: ${r.unknownKillers.join(", ")}`);
    if (r.missedKillers.length)
      out.push(`          killedBy lists check(s) that did not kill it by name: ${r.missedKillers.join(", ")}`);
  }
  const bad = rows.filter((r) => !rowPasses(r));
  out.push(
    "",
    `${rows.length - bad.length} of ${rows.length} planted entries killed by at least ${DEPTH} checks that name them` +
      (bad.length
        ? `; not: ${bad.map((r) => `${r.id} (${r.status}, named by ${r.namedBy}${r.missedKillers.length ? `; missed ${r.missedKillers.join(", ")}` : ""})`).join(", ")}`
        : ""),
  );
  return out.join("\n");
}
