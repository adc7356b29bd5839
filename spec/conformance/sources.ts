/**
 * The families of checks the conformance runner (and the misconception table) draw on:
 * - laws: every Law exported by a module of spec/laws/ (the property laws, discovered, so new
 *   law modules join without a list to keep up to date);
 * - book examples: the book code's Figure 6-8 paths and worked examples from the book's equations
 *   (spec/conformance/book-checks.ts).
 * Claims (spec/claims) and golden-image checks plug in here as further sources of Checks.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isCheck, type Check, type CheckSource } from "./check.js";
import { bookChecks } from "./book-checks.js";

const LAWS_DIR = fileURLToPath(new URL("../laws/", import.meta.url));
/** Framework modules of spec/laws that define no laws. */
const NOT_LAWS = new Set(["law.ts", "impl.ts", "util.ts"]);

export const lawSource: CheckSource = {
  name: "laws",
  async load() {
    const found: Check[] = [];
    const files = readdirSync(LAWS_DIR).filter((f) => f.endsWith(".ts") && !NOT_LAWS.has(f)).sort();
    for (const f of files) {
      const mod = (await import(pathToFileURL(LAWS_DIR + f).href)) as Record<string, unknown>;
      for (const value of Object.values(mod)) {
        if (isCheck(value)) found.push(value);
        else if (Array.isArray(value)) for (const v of value) if (isCheck(v)) found.push(v);
      }
    }
    return found;
  },
};

export const bookSource: CheckSource = {
  name: "book examples",
  async load() {
    return bookChecks;
  },
};

export const SOURCES: CheckSource[] = [lawSource, bookSource];

/** Every check of every source, once each (a module may export a law and an array holding it). */
export async function loadChecks(sources: CheckSource[] = SOURCES): Promise<Check[]> {
  const byId = new Map<string, Check>();
  for (const s of sources)
    for (const c of await s.load()) {
      const seen = byId.get(c.id);
      if (seen && seen !== c) throw new Error(`conformance: two different checks share the id "${c.id}" (source "${s.name}"); check ids must be unique`);
      byId.set(c.id, c);
    }
  return [...byId.values()];
}
