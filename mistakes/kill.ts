/**
 * The kill table: every planted misconception run against the checks relevant to it, i.e. those
 * that use a contract name the misconception changes (found by tracing each check once against the
 * reference). A misconception is killed when a check fails on it, and killed "by name" when one of
 * the checks it lists in killedBy — whose message names this mistake — is among those that fail.
 */
import { capabilityOf, type Capability } from "../conformance/contract.js";
import { reference } from "../conformance/laws/impl.js";
import type { LawParams } from "../conformance/laws/law.js";
import type { Check } from "../conformance/check.js";
import { brokenVariants } from "./broken/registry.js";
import type { Misconception } from "./misconceptions/misconception.js";
import { optimizerMisconceptions } from "./misconceptions/optimizers.js";
import { initMisconceptions } from "./misconceptions/init.js";
import { layerMisconceptions } from "./misconceptions/layers.js";

/** The mistakes planted here: those of the issue's list (and more) that mistakes/broken lacks. */
export const CATALOGUE: Misconception[] = [...optimizerMisconceptions, ...initMisconceptions, ...layerMisconceptions];

const MODULE: Record<Capability, string> = {
  matrix: "src/base/matrix.ts", rng: "src/base/rng.ts", functions: "src/functions.ts", layers: "src/layers.ts", optimizers: "src/optimizer.ts",
  init: "src/init.ts", batchnorm: "src/layers.ts", regularisation: "src/layers.ts", search: "?", networks: "src/multi-layer-net.ts",
  training: "src/trainer.ts", data: "src/data/mnist.ts",
};

/** The reference modules a misconception changes (from the contract names it swaps). */
export function modulesOf(m: Misconception): string {
  return [...new Set(changedNames(m).map((n) => MODULE[capabilityOf(n)!] ?? "?"))].join(", ") || "?";
}

/** mistakes/broken's variants (props branch) and this catalogue, each id once. */
export function loadMisconceptions(): Misconception[] {
  const byId = new Map<string, Misconception>();
  for (const m of [...brokenVariants, ...CATALOGUE] as Misconception[]) {
    if (byId.has(m.id)) throw new Error(`misconceptions: the id "${m.id}" is used twice (mistakes/broken and mistakes/misconceptions)`);
    byId.set(m.id, { ...m, module: m.module ?? modulesOf(m) });
  }
  return [...byId.values()];
}

/** The contract names each check uses, from one short run against the reference. */
export async function traceChecks(checks: Check[]): Promise<Map<string, Set<string>>> {
  // A recording view of the reference.
  const ref = reference as unknown as Record<string, unknown>;
  const used = new Set<string>();
  const recording = new Proxy(Object.create(null) as Record<string, unknown>, {
    get(_t, key) {
      if (typeof key === "string" && capabilityOf(key) !== undefined) used.add(key);
      return typeof key === "string" ? ref[key] : undefined;
    },
  }) as typeof reference;
  const out = new Map<string, Set<string>>();
  for (const c of checks) {
    used.clear();
    try {
      await c.run(recording, { numRuns: 2, endOnFailure: true });
    } catch {
      // A check failing on the reference is the props specs' business; its names were still recorded.
    }
    out.set(c.id, new Set(used));
  }
  return out;
}

/** The contract names where a misconception's impl differs from the reference. */
export function changedNames(m: Misconception): string[] {
  const impl = m.impl as unknown as Record<string, unknown>, ref = reference as unknown as Record<string, unknown>;
  return Object.keys(ref).filter((k) => impl[k] !== ref[k]);
}

export interface KillRow {
  id: string;
  module: string;
  mistake: string;
  changed: string[];
  /** Relevant checks run. */
  ran: number;
  /** Checks that failed on it, with the first line of what they said. */
  killers: { id: string; excerpt: string; usualMistake: string; namesIt: boolean }[];
  /** killedBy ids that do not exist among the checks (a catalogue error). */
  unknownKillers: string[];
  status: "killed" | "killed, not by name" | "SURVIVED";
  ms: number;
}

function excerpt(message: string): { excerpt: string; usualMistake: string } {
  const lines = message.split("\n");
  const i = lines.findIndex((l) => l.startsWith("Book section:"));
  const body = (i >= 0 ? lines[i + 1] : lines[0]) ?? "";
  const usual = lines.find((l) => l.startsWith("Usual mistake:"))?.slice("Usual mistake: ".length) ?? "";
  return { excerpt: body.length > 160 ? body.slice(0, 157) + "…" : body, usualMistake: usual };
}

/** Runs each misconception against its relevant checks; stops at none (every killer is listed). */
export async function killTable(misconceptions: Misconception[], checks: Check[], params: LawParams = { endOnFailure: true }, onRow?: (r: KillRow) => void): Promise<KillRow[]> {
  const trace = await traceChecks(checks);
  const rows: KillRow[] = [];
  for (const m of misconceptions) {
    const t0 = performance.now();
    const changed = changedNames(m);
    const relevant = checks.filter((c) => changed.some((n) => trace.get(c.id)?.has(n)));
    const killers: KillRow["killers"] = [];
    for (const c of relevant) {
      try {
        await c.run(m.impl, params);
      } catch (e) {
        killers.push({ id: c.id, ...excerpt(e instanceof Error ? e.message : String(e)), namesIt: m.killedBy.includes(c.id) });
      }
    }
    const unknownKillers = m.killedBy.filter((id) => !checks.some((c) => c.id === id));
    const named = killers.some((k) => k.namesIt);
    const row: KillRow = {
      id: m.id, module: m.module ?? "?", mistake: m.mistake, changed, ran: relevant.length, killers, unknownKillers,
      status: killers.length === 0 ? "SURVIVED" : named ? "killed" : "killed, not by name", ms: performance.now() - t0,
    };
    rows.push(row);
    onRow?.(row);
  }
  return rows;
}

export function formatKillTable(rows: KillRow[]): string {
  const out: string[] = [];
  const w = Math.max(...rows.map((r) => r.id.length));
  for (const r of rows) {
    const mark = r.status === "killed" ? "killed  " : r.status === "SURVIVED" ? "SURVIVED" : "UNNAMED ";
    out.push(`${mark}  ${r.id.padEnd(w)}  ${r.module}  (${r.ran} relevant check${r.ran === 1 ? "" : "s"}, ${r.ms.toFixed(0)} ms)`);
    out.push(`          mistake: ${r.mistake}`);
    r.killers.forEach((k, i) => out.push(`          ${i === 0 ? "killed by" : "     also"} ${k.id}${k.namesIt ? " (names it)" : ""}: ${k.excerpt}`));
    if (r.unknownKillers.length) out.push(`          killedBy lists check id(s) not loaded: ${r.unknownKillers.join(", ")}`);
  }
  const bad = rows.filter((r) => r.status !== "killed");
  out.push("", `${rows.length - bad.length} of ${rows.length} misconceptions killed by a check that names them${bad.length ? `; not: ${bad.map((r) => `${r.id} (${r.status})`).join(", ")}` : ""}`);
  return out.join("\n");
}
