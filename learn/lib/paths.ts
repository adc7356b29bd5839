/**
 * Where learn mode's files live: the exercises in the repository (learn/exercises/<id>/) and
 * the learner's workspace (.learn/ at the project root unless LEARN_DIR says otherwise).
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root (the folder with package.json). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const EXERCISES_DIR = join(ROOT, "learn", "exercises");

/** The learner's workspace: $LEARN_DIR if set, else <root>/.learn (ignored by git). */
export function workspaceDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.LEARN_DIR ? resolve(env.LEARN_DIR) : join(ROOT, ".learn");
}

export const exerciseFile = (
  id: string,
  file: "stub.ts" | "solution.ts" | "spec.ts" | "hints.md" | "mistakes.ts",
): string => join(EXERCISES_DIR, id, file);

/** The learner's copy of an exercise. */
export const workspaceFile = (workspace: string, id: string): string => join(workspace, `${id}.ts`);

/** What the checks run against: the learner's file (default), the untouched stub or the reference solution. */
export type Target = "workspace" | "stub" | "solution";
export const TARGETS: readonly Target[] = ["workspace", "stub", "solution"];

/** The file a target means for one exercise. LEARN_TARGET in the environment picks the default. */
export function targetFile(id: string, target: Target, workspace: string): string {
  if (target === "stub") return exerciseFile(id, "stub.ts");
  if (target === "solution") return exerciseFile(id, "solution.ts");
  return workspaceFile(workspace, id);
}
