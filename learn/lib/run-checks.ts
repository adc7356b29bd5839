/**
 * Runs one exercise's checks against one file (the learner's, the stub or the solution) and
 * returns plain data: which checks pass, and for each failure the teaching message, or, when
 * the learner's code threw, the error and where in their file it happened.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { dirname } from "node:path";
import { exerciseFile } from "./paths.js";
import type { ExerciseSpec } from "./exercise.js";

export interface CheckResult {
  name: string;
  ok: boolean;
  /** "assertion": the numbers were wrong; "error": the code threw. */
  kind?: "assertion" | "error";
  message?: string;
}

export interface RunResult {
  id: string;
  file: string;
  passed: boolean;
  /** Set when the file could not be loaded at all (syntax error, missing export, bad import). */
  loadError?: string;
  checks: CheckResult[];
}

/** The lines of an error's stack that point into `dir` (the learner's code), shortened. */
export function framesIn(err: unknown, dir: string): string[] {
  const stack = err instanceof Error && typeof err.stack === "string" ? err.stack : "";
  return stack
    .split("\n")
    .filter((l) => l.includes(dir) || l.includes(pathToFileURL(dir).href))
    .map((l) => l.trim());
}

function describeThrown(err: unknown, file: string): string {
  const head = err instanceof Error ? `${err.name}: ${err.message}` : `a thrown ${typeof err}: ${String(err)}`;
  const frames = framesIn(err, dirname(file));
  return [`Your code threw ${head}`, ...frames.slice(0, 4).map((f) => `  ${f}`)].join("\n");
}

/** Runs every check of `spec` against `mod`, in order, and never throws. */
export async function runChecks<M>(spec: ExerciseSpec<M>, mod: M, file: string): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const check of spec.checks) {
    try {
      await check.run(mod);
      out.push({ name: check.name, ok: true });
    } catch (err) {
      const assertion = err instanceof Error && (err.name === "LearnFailure" || err.name === "AssertionError");
      out.push({
        name: check.name,
        ok: false,
        kind: assertion ? "assertion" : "error",
        message: assertion ? (err as Error).message : describeThrown(err, file),
      });
    }
  }
  return out;
}

/**
 * Loads the exercise's spec and `file`, and runs the checks. `version` (e.g. the file's mtime)
 * goes into the import URL so a process that imports the same path twice sees the new file.
 */
export async function runExercise(id: string, file: string, version?: string): Promise<RunResult> {
  const { spec } = (await import(pathToFileURL(exerciseFile(id, "spec.ts")).href)) as { spec: ExerciseSpec<unknown> };
  let mod: unknown;
  try {
    mod = await import(pathToFileURL(file).href + (version ? `?v=${version}` : ""));
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { id, file, passed: false, loadError: `Could not load ${file}:\n${msg}`, checks: [] };
  }
  const missing = spec.exports.filter((name) => (mod as Record<string, unknown>)[name] === undefined);
  if (missing.length > 0) {
    const has = Object.keys(mod as object);
    return {
      id,
      file,
      passed: false,
      checks: [],
      loadError: `${file} must export ${spec.exports.join(", ")}; ${missing.join(", ")} missing (it exports: ${has.join(", ") || "nothing"}).`,
    };
  }
  const checks = await runChecks(spec, mod, file);
  return { id, file, passed: checks.every((c) => c.ok), checks };
}

/**
 * Runs jobs in this process, in order, stopping at the first failure: the child's loop without
 * the child (for tests). Files are imported by content hash, so an edited file is loaded again.
 */
export async function runHere(jobs: { id: string; file: string }[]): Promise<{ results: RunResult[]; output: string }> {
  const results: RunResult[] = [];
  for (const job of jobs) {
    const version = createHash("sha256").update(readFileSync(job.file)).digest("hex").slice(0, 12);
    const r = await runExercise(job.id, job.file, version);
    results.push(r);
    if (!r.passed) break;
  }
  return { results, output: "" };
}
