/**
 * The families of checks the conformance runner (and the misconception table) draw on:
 * - laws: every law of the registry conformance/laws/registry.ts (the property laws);
 * - book examples: the book code's Figure 6-8 paths and worked examples from the book's equations
 *   (conformance/book-checks.ts);
 * - worked examples: each piece on small fixed inputs against the book's equations in scalar code
 *   (conformance/worked-examples.ts), the second line behind the laws.
 * Claims (spec/claims) and golden-image checks plug in here as further sources of Checks.
 */
import type { Check, CheckSource } from "./check.js";
import { bookChecks } from "./book-checks.js";
import { allLaws } from "./laws/registry.js";
import { workedExamples } from "./worked-examples.js";

export const lawSource: CheckSource = {
  name: "laws",
  async load() {
    return allLaws;
  },
};

export const bookSource: CheckSource = {
  name: "book examples",
  async load() {
    return bookChecks;
  },
};

export const workedSource: CheckSource = {
  name: "worked examples",
  async load() {
    return workedExamples;
  },
};

export const SOURCES: CheckSource[] = [lawSource, bookSource, workedSource];

/** Every check of every source, once each (a module may export a law and an array holding it). */
export async function loadChecks(sources: CheckSource[] = SOURCES): Promise<Check[]> {
  const byId = new Map<string, Check>();
  for (const s of sources)
    for (const c of await s.load()) {
      const seen = byId.get(c.id);
      if (seen && seen !== c)
        throw new Error(
          `conformance: two different checks share the id "${c.id}" (source "${s.name}"); check ids must be unique`,
        );
      byId.set(c.id, c);
    }
  return [...byId.values()];
}
