/**
 * What the conformance runner runs: a Check has the shape of a law (conformance/laws/law.ts) — id, book
 * section, title, usual mistake, run(impl) that throws a teaching message on failure — so property
 * laws, book fixtures, claims and golden-image checks are all just more checks. A source loads a
 * family of checks; add a source to SOURCES (conformance/sources.ts) to plug in a new family.
 */
import type { Capability } from "./contract.js";
import type { Impl } from "./laws/impl.js";
import type { LawParams } from "./laws/law.js";

export type CheckKind = "property" | "deterministic" | "fixture" | "claim" | "golden";

export interface Check {
  id: string;
  /** Book section, e.g. "§6.1.5 AdaGrad"; decides the report group. */
  section: string;
  title: string;
  /** What usually causes a failure. */
  mistake: string;
  kind: CheckKind;
  /**
   * Capabilities the check needs besides those whose exports it uses (found at run time), e.g. a
   * §6.5 claim run through the Trainer needs "search". Default: the capability of its section.
   */
  requires?: readonly Capability[];
  run(impl: Impl, params?: LawParams): void | Promise<void>;
}

export interface CheckSource {
  /** e.g. "laws", "book fixtures", "claims", "goldens". */
  name: string;
  load(): Promise<Check[]>;
}

/** Report groups, in book order. */
export const GROUPS = [
  { key: "6.1", title: "§6.1 Updating parameters" },
  { key: "6.2", title: "§6.2 Initial weights" },
  { key: "6.3", title: "§6.3 Batch Normalization" },
  { key: "6.4", title: "§6.4 Regularisation (weight decay, dropout)" },
  { key: "6.5", title: "§6.5 Hyperparameters" },
  { key: "support", title: "Supporting pieces (ch. 3–5: functions, layers, gradients)" },
] as const;
export type GroupKey = (typeof GROUPS)[number]["key"];

/** The report group of a book section string: "§6.3.2 …" → "6.3"; anything not §6.1–§6.5 → "support". */
export function groupOf(section: string): GroupKey {
  const m = /§\s*6\.([1-5])\b/.exec(section);
  return m ? (`6.${m[1]}` as GroupKey) : "support";
}

const SECTION_CAPABILITY: Record<Exclude<GroupKey, "support">, Capability> = {
  "6.1": "optimizers",
  "6.2": "init",
  "6.3": "batchnorm",
  "6.4": "regularisation",
  "6.5": "search",
};

/** The capabilities a check needs by its section (the check's own `requires` wins). */
export function sectionRequires(check: Pick<Check, "section" | "requires">): readonly Capability[] {
  if (check.requires) return check.requires;
  const g = groupOf(check.section);
  return g === "support" ? [] : [SECTION_CAPABILITY[g]];
}

/** A plain object that looks like a law or check (used to discover the laws a module exports). */
export function isCheck(v: unknown): v is Check {
  if (v === null || typeof v !== "object") return false;
  const c = v as Record<string, unknown>;
  return (
    typeof c.id === "string" &&
    typeof c.section === "string" &&
    typeof c.title === "string" &&
    typeof c.run === "function" &&
    typeof c.kind === "string"
  );
}
