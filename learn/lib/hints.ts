/**
 * Graded hints from an exercise's hints.md: each "## " heading starts a hint, in the order they
 * are shown (a nudge first, the equation next, then the code's shape).
 */
import { readFileSync } from "node:fs";
import { exerciseFile } from "./paths.js";

export interface Hint {
  heading: string;
  body: string;
}

export function loadHints(id: string): Hint[] {
  return loadHintsFrom(exerciseFile(id, "hints.md"));
}

/** The hints of a hints.md file (Python learn mode keeps its own, in Python's words). */
export function loadHintsFrom(file: string): Hint[] {
  const text = readFileSync(file, "utf8");
  const hints: Hint[] = [];
  for (const part of text.split(/^## /m).slice(1)) {
    const [heading, ...rest] = part.split("\n");
    hints.push({ heading: heading!.trim(), body: rest.join("\n").trim() });
  }
  return hints;
}
