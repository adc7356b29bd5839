/**
 * A misconception: a named, planted bug — the reference with one piece swapped for a variant that
 * makes a mistake people really make. Same shape as the props branch's mistakes/broken variants
 * ({ id, mistake, impl, killedBy }) plus the source module the mistake lives in.
 */
import type { Impl } from "../../conformance/laws/impl.js";

export interface Misconception {
  id: string;
  /** The mistake, in words. */
  mistake: string;
  /** The reference module the mistake is planted in, e.g. "src/optimizer.ts". */
  module?: string;
  /** The reference with the broken piece swapped in. */
  impl: Impl;
  /** Ids of the checks whose failure message names this mistake (at least one must kill it). */
  killedBy: readonly string[];
}

export function isMisconception(v: unknown): v is Misconception {
  if (v === null || typeof v !== "object") return false;
  const m = v as Record<string, unknown>;
  return typeof m.id === "string" && typeof m.mistake === "string" && Array.isArray(m.killedBy) && m.impl !== null && typeof m.impl === "object";
}
