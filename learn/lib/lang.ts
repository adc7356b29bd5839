/**
 * The two languages of learn mode. The exercises, their checks, the mistake registry, progress,
 * hints' grading and the report are shared; what differs is the learner's files (one TypeScript
 * file per exercise in .learn/, or the book's Python `common/` package in .learn-python/), how
 * they are run (a TypeScript child process, or the conformance Python host) and the words.
 */
import { join, resolve } from "node:path";
import { loadHints, loadHintsFrom, type Hint } from "./hints.js";
import { ROOT, exerciseFile, targetFile, workspaceDir, workspaceFile, type Target } from "./paths.js";
import { fingerprint } from "./progress.js";
import { runInChild, type ChildRun } from "./run-in-child.js";
import { ensureWorkspace, resetExercise } from "./workspace.js";
import { pySource } from "./python/layout.js";
import { pythonInChild } from "./python/run-in-child.js";
import { ensurePyWorkspace, pyFingerprint, pyWorkspaceFile, resetPyExercise } from "./python/workspace.js";

/** Runs exercises in order, stopping at the first that fails; `firstFailureOnly` also skips an exercise's checks after its first failure. */
export type Runner = ((
  jobs: { id: string; file: string }[],
  options?: { firstFailureOnly?: boolean },
) => Promise<ChildRun>) & { close?: () => void };

export interface Lang {
  name: "typescript" | "python";
  /** The learner's files end with this (watch mode runs on saves of these). */
  ext: string;
  workspaceDir(env: NodeJS.ProcessEnv): string;
  ensureWorkspace(workspace: string): string[];
  resetExercise(workspace: string, id: string): string | null;
  fingerprint(workspace: string, id: string): string;
  /** The learner's file an exercise lives in. */
  fileOf(workspace: string, id: string): string;
  solutionFile(id: string): string;
  hints(id: string): Hint[];
  targetFile(id: string, target: Target, workspace: string): string;
  /** The runner used when none is given (a child process). */
  runner(): Runner;
  /** The command a learner types, as shown in every message. */
  command: string;
}

export const TYPESCRIPT: Lang = {
  name: "typescript",
  ext: ".ts",
  workspaceDir,
  ensureWorkspace,
  resetExercise,
  fingerprint,
  fileOf: workspaceFile,
  solutionFile: (id) => exerciseFile(id, "solution.ts"),
  hints: loadHints,
  targetFile,
  runner: () => (jobs) => runInChild(jobs),
  command: "npm run learn",
};

export const PYTHON: Lang = {
  name: "python",
  ext: ".py",
  workspaceDir: (env) => (env.LEARN_DIR ? resolve(env.LEARN_DIR) : join(ROOT, ".learn-python")),
  ensureWorkspace: ensurePyWorkspace,
  resetExercise: resetPyExercise,
  fingerprint: pyFingerprint,
  fileOf: pyWorkspaceFile,
  solutionFile: (id) => pySource(id, "solution.py"),
  hints: (id) => loadHintsFrom(pySource(id, "hints.md")),
  targetFile: (id, target, workspace) =>
    target === "workspace"
      ? pyWorkspaceFile(workspace, id)
      : pySource(id, target === "stub" ? "stub.py" : "solution.py"),
  runner: () => pythonInChild(),
  command: "npm run learn -- --python",
};

/** Text written for `npm run learn` said for this language ("npm run learn -- hint" → "npm run learn -- --python hint"). */
export function sayFor(lang: Lang, text: string): string {
  if (lang.name === "typescript") return text;
  return text
    .replace(/npm run learn(?! -- --python)(?: --)?/g, "npm run learn -- --python")
    .replace("npm run learn -- --python [-- <command>]", "npm run learn -- --python [<command>]");
}
