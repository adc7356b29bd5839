/**
 * The learner's progress, kept in <workspace>/progress.json: per exercise its last result, how
 * many hints were shown, and a fingerprint of the files it passed with (so an edit after
 * passing is noticed and checked again).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { workspaceFile } from "./paths.js";
import { workspaceDependencies } from "./workspace.js";

export interface ExerciseProgress {
  status: "todo" | "failed" | "passed";
  checksPassed?: number;
  checksTotal?: number;
  hintsShown: number;
  /** Fingerprint of the exercise's file (and the workspace files it imports) when it passed. */
  passedFingerprint?: string;
  passedAt?: string;
}

export interface Progress {
  version: 1;
  exercises: Record<string, ExerciseProgress>;
}

export const progressFile = (workspace: string): string => join(workspace, "progress.json");

export function loadProgress(workspace: string): Progress {
  const file = progressFile(workspace);
  if (!existsSync(file)) return { version: 1, exercises: {} };
  try {
    const p = JSON.parse(readFileSync(file, "utf8")) as Progress;
    if (p && p.version === 1 && typeof p.exercises === "object" && p.exercises !== null) return p;
  } catch {
    // unreadable: start again rather than stop the learner
  }
  return { version: 1, exercises: {} };
}

/** Reads progress.json afresh, applies `change` and writes it back (another process may have written since). */
export function updateProgress(workspace: string, change: (p: Progress) => void): Progress {
  const p = loadProgress(workspace);
  change(p);
  const file = progressFile(workspace);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(p, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return p;
}

export function entry(p: Progress, id: string): ExerciseProgress {
  return (p.exercises[id] ??= { status: "todo", hintsShown: 0 });
}

/** A hash of the exercise's file and the workspace files it imports. */
export function fingerprint(workspace: string, id: string): string {
  const h = createHash("sha256");
  for (const f of [workspaceFile(workspace, id), ...workspaceDependencies(workspace, id)])
    h.update(f)
      .update("\0")
      .update(existsSync(f) ? readFileSync(f) : "")
      .update("\0");
  return h.digest("hex").slice(0, 16);
}

/** Passed, and not edited since. */
export function passedAndUnchanged(
  p: Progress,
  workspace: string,
  id: string,
  print: (workspace: string, id: string) => string = fingerprint,
): boolean {
  const e = p.exercises[id];
  return e?.status === "passed" && e.passedFingerprint === print(workspace, id);
}
