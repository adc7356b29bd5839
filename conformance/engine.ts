/**
 * The conformance engine: loads an adapter, puts its implementation together with the reference's
 * support pieces, runs every check against it and classifies each as pass, fail or not provided.
 *
 * Which checks apply is found while they run: the implementation handed to a check is a proxy that
 * records the contract names the check uses. A check that uses a name the adapter does not provide
 * (outside the support pieces matrix/rng) is stopped there and reported "not provided", as is a
 * check whose book section's capability is not declared, and a check that used none of the
 * adapter's own names (it would only have tested the reference).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CAPABILITIES, CAPABILITY_NAMES, capabilityOf, type Adapter, type Capability } from "./contract.js";
import { reference, type Impl } from "./laws/impl.js";
import { LawFailure, type LawParams } from "./laws/law.js";
import { groupOf, sectionRequires, type Check, type CheckKind, type GroupKey } from "./check.js";
import { explainFailure, type Catalogued, type Evidence } from "./evidence.js";

/** A problem with the adapter itself (exit code 2). */
export class AdapterError extends Error {
  override name = "AdapterError";
}

/**
 * Loads the adapter module at `path` and checks its shape. `importer`, when given, imports it
 * instead of `import()` (the conformance runner's bundle, which holds the adapter: see
 * conformance/isolation/supervisor.ts); its errors are reported the same way.
 */
export async function loadAdapter(path: string, importer?: () => Promise<unknown>): Promise<Adapter> {
  const full = resolve(path);
  if (!existsSync(full)) throw new AdapterError(`--impl ${path}: no such file (${full})`);
  let mod: Record<string, unknown>;
  try {
    mod = (await (importer ? importer() : import(pathToFileURL(full).href))) as Record<string, unknown>;
  } catch (e) {
    throw new AdapterError(`--impl ${path}: the adapter module failed to load: ${(e as Error).message}`);
  }
  return checkAdapter((mod.default ?? mod.adapter) as unknown, path);
}

/**
 * A .ts/.js adapter outside an ESM package is compiled as CommonJS; if it imports this repository's
 * src, it gets a second copy of every class (the reference's `instanceof Matrix` checks then fail).
 */
export function moduleFormatWarning(path: string): string | null {
  const full = resolve(path);
  if (/\.(mts|mjs)$/.test(full)) return null;
  for (let dir = dirname(full); ; dir = dirname(dir)) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { type?: string }).type === "module") return null;
      } catch {
        // unreadable package.json: treated as CommonJS, like Node does for a missing "type"
      }
      break;
    }
    if (dirname(dir) === dir) break;
  }
  return `${path} is loaded as CommonJS (no package.json with "type": "module" above it): if it imports this repository's src, it gets a second copy of Matrix and the reference's instanceof checks fail. Name it .mts or put it in an ESM package.`;
}

/** Validates an adapter's shape, naming what is wrong. */
export function checkAdapter(a: unknown, where = "adapter"): Adapter {
  const shape =
    "{ name: string, provides: Capability[], impl: { …contract names… } } as its default export (or as `adapter`)";
  if (a === null || typeof a !== "object")
    throw new AdapterError(`${where}: expected ${shape}, received ${a === null ? "null" : typeof a}`);
  const { name, provides, impl } = a as Record<string, unknown>;
  if (typeof name !== "string" || name === "")
    throw new AdapterError(`${where}: 'name' expected a non-empty string, received ${JSON.stringify(name)}`);
  if (!Array.isArray(provides))
    throw new AdapterError(
      `${where}: 'provides' expected an array of capabilities (${CAPABILITY_NAMES.join(", ")}), received ${typeof provides}`,
    );
  for (const p of provides)
    if (!(CAPABILITY_NAMES as readonly string[]).includes(p))
      throw new AdapterError(
        `${where}: 'provides' has unknown capability ${JSON.stringify(p)}; known: ${CAPABILITY_NAMES.join(", ")}`,
      );
  if (impl === null || typeof impl !== "object")
    throw new AdapterError(
      `${where}: 'impl' expected an object of contract names, received ${impl === null ? "null" : typeof impl}`,
    );
  return a as Adapter;
}

/** The implementation a check receives, and what it used. */
export interface Composed {
  impl: Impl;
  /** Contract names the adapter provides (declared capability and present in impl). */
  provided: Set<string>;
  /** Warnings about the adapter (declared names missing, names of undeclared capabilities). */
  warnings: string[];
  /** Names used since the last reset. */
  used: Set<string>;
  /** Non-provided names a check reached for since the last reset. */
  missing: Set<string>;
}

/** Thrown inside a check when it reaches for a contract name the adapter does not provide. */
export class NotProvided extends Error {
  override name = "NotProvided";
}

export function compose(adapter: Adapter): Composed {
  const declared = new Set<Capability>(adapter.provides);
  const own = adapter.impl as Record<string, unknown>;
  const provided = new Set<string>();
  const warnings: string[] = [];
  for (const c of declared)
    for (const n of CAPABILITIES[c].exports) {
      if (own[n] !== undefined) provided.add(n);
      else warnings.push(`declares "${c}" but impl has no ${n}: checks that use ${n} are reported not provided`);
    }
  for (const n of Object.keys(own)) {
    const c = capabilityOf(n);
    if (c === undefined) warnings.push(`impl.${n} is not a contract name (ignored)`);
    else if (!declared.has(c))
      warnings.push(`impl.${n} belongs to "${c}", which the adapter does not declare in 'provides' (not tested)`);
  }
  const ref = reference as unknown as Record<string, unknown>;
  const used = new Set<string>(),
    missing = new Set<string>();
  const impl = new Proxy(Object.create(null) as Record<string, unknown>, {
    get(_t, key) {
      if (typeof key !== "string") return undefined;
      const c = capabilityOf(key);
      if (c === undefined) return ref[key];
      used.add(key);
      if (provided.has(key)) return own[key];
      if (CAPABILITIES[c].support) return ref[key];
      missing.add(key);
      throw new NotProvided(`${key} (capability "${c}") is not provided by the adapter`);
    },
    has(_t, key) {
      return typeof key === "string" && key in ref;
    },
  }) as unknown as Impl;
  return { impl, provided, warnings, used, missing };
}

export type Status = "pass" | "fail" | "not provided";

export interface CheckResult {
  id: string;
  group: GroupKey;
  section: string;
  title: string;
  kind: CheckKind;
  status: Status;
  /** The check's failure message (expected vs received, the hint from evidence, how to replay). */
  message?: string;
  /** Catalogued entries whose numbers equal the failure's (conformance/evidence.ts); empty when none does. */
  evidence?: Evidence;
  /** Why a check was not run: the capabilities or names it needs. */
  needs?: string[];
  ms: number;
}

export interface RunOptions extends LawParams {
  /** Only checks whose id matches. */
  filter?: (check: Check) => boolean;
  onResult?: (r: CheckResult) => void;
  /** e.g. "npm run conformance -- --impl ./adapter.ts": the first replay line of a failure replays it against this adapter. */
  replayCommand?: string;
  /**
   * The catalogue of mistakes and variants to name from a failure's numbers (scripts/conformance.ts
   * passes mistakes/registry.ts's planted entries); without one, failures carry no hint.
   */
  catalogue?: readonly Catalogued[];
}

/**
 * A failure message as the report shows it: the law's fixed "Usual mistake" line replaced by the
 * hint from evidence, and the replay against the implementation under test first, before the
 * law's own replay lines (which run the law on the reference).
 */
export function teachingMessage(
  message: string,
  check: Check,
  error: unknown,
  hint: string | null,
  replayCommand?: string,
): string {
  const lines = message.split("\n");
  const body = lines.filter(
    (l) => !l.startsWith("Usual mistake:") && !l.startsWith("Replay:") && !l.startsWith("   or in code:"),
  );
  const lawReplays = lines.filter((l) => l.startsWith("Replay:") || l.startsWith("   or in code:"));
  const out = [...body];
  if (hint) out.push(hint);
  if (replayCommand) {
    const { seed, path } = error as { seed?: number | null; path?: string | null };
    const fc = typeof seed === "number" ? ` --seed ${seed}${path ? ` --path ${path}` : ""}` : "";
    out.push(`Replay: ${replayCommand} --only ${check.id}${fc}`);
    out.push(...lawReplays.map((l) => l.replace(/^Replay: /, "   the law on the reference: ")));
  } else out.push(...lawReplays);
  return out.join("\n");
}

/** Runs every check against the adapter's implementation. */
export async function runChecks(
  adapter: Adapter,
  checks: Check[],
  options: RunOptions = {},
): Promise<{ results: CheckResult[]; warnings: string[] }> {
  const composed = compose(adapter);
  const declared = new Set<Capability>(adapter.provides);
  const params: LawParams = {};
  if (options.numRuns !== undefined) params.numRuns = options.numRuns;
  if (options.seed !== undefined) params.seed = options.seed;
  if (options.endOnFailure !== undefined) params.endOnFailure = options.endOnFailure;
  if (options.path !== undefined) params.path = options.path;
  const results: CheckResult[] = [];
  for (const check of checks) {
    if (options.filter && !options.filter(check)) continue;
    const base = {
      id: check.id,
      group: groupOf(check.section),
      section: check.section,
      title: check.title,
      kind: check.kind,
    };
    const needCaps = sectionRequires(check).filter((c) => !declared.has(c));
    let result: CheckResult;
    if (needCaps.length > 0) {
      result = { ...base, status: "not provided", needs: needCaps.map((c) => `capability "${c}"`), ms: 0 };
    } else {
      composed.used.clear();
      composed.missing.clear();
      const t0 = performance.now();
      let error: unknown = null;
      try {
        await check.run(composed.impl, params);
      } catch (e) {
        error = e;
      }
      const ms = performance.now() - t0;
      const usedOwn = [...composed.used].filter((n) => composed.provided.has(n));
      // A case that breaks the law wins over cases skipped for a missing piece: one unlucky draw of a
      // piece the implementation lacks must not turn a failing check into "not provided".
      const broken = error instanceof LawFailure && error.counterexample;
      if (composed.missing.size > 0 && !broken)
        result = {
          ...base,
          status: "not provided",
          needs: [...composed.missing].map((n) => `${n} ("${capabilityOf(n)}")`),
          ms,
        };
      else if (error instanceof NotProvided && !broken)
        // An implementation behind a proxy (conformance/hosts) lacks a part of a provided name, e.g. an option.
        result = { ...base, status: "not provided", needs: [error.message], ms };
      else if (usedOwn.length === 0)
        result = {
          ...base,
          status: "not provided",
          needs: [
            `uses none of the adapter's names (only ${[...composed.used].join(", ") || "nothing"} from the reference)`,
          ],
          ms,
        };
      else if (error === null) result = { ...base, status: "pass", ms };
      else {
        const message = error instanceof Error ? error.message : String(error);
        const evidence = options.catalogue
          ? await explainFailure(check, composed.impl, params, error, options.catalogue)
          : undefined;
        result = {
          ...base,
          status: "fail",
          message: teachingMessage(message, check, error, evidence?.text ?? null, options.replayCommand),
          ms,
        };
        if (evidence) result.evidence = evidence;
      }
    }
    results.push(result);
    options.onResult?.(result);
  }
  return { results, warnings: composed.warnings };
}
