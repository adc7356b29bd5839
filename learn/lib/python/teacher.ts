/**
 * The teacher's view of Python learn mode: every exercise of every student's workspace in a
 * folder (one sub-folder per student, each holding the book's common/ layout), put side by side
 * as the conformance matrix (conformance/matrix-report.ts): students × exercises, each cell the
 * exercise's checks passing or its first failure. Each exercise is checked on its own, so a
 * student stuck at Momentum still gets Dropout judged.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { groupOf, GROUPS } from "../../../conformance/check.js";
import type { CheckResult } from "../../../conformance/engine.js";
import {
  buildMatrix,
  matrixToHtml,
  matrixToJson,
  matrixToMarkdown,
  type RunOutcome,
} from "../../../conformance/matrix-report.js";
import type { Report } from "../../../conformance/report.js";
import { EXERCISES } from "../../catalogue.js";
import type { Runner } from "../lang.js";
import { ROOT } from "../paths.js";
import { pyWorkspaceFile } from "./workspace.js";

interface Io {
  out(text: string): void;
  err(text: string): void;
}

function writeAtomic(file: string, text: string): void {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

/** One student's workspace checked exercise by exercise, as a conformance report. */
async function studentReport(name: string, dir: string, runner: Runner): Promise<RunOutcome> {
  const started = Date.now();
  const results: CheckResult[] = [];
  const incomplete: string[] = [];
  for (const ex of EXERCISES) {
    const t = Date.now();
    const run = await runner([{ id: ex.id, file: pyWorkspaceFile(dir, ex.id) }], { firstFailureOnly: true });
    const r = run.results[0];
    const first = r?.checks.find((c) => !c.ok);
    const message = !r
      ? (run.problem ?? "no result")
      : r.loadError
        ? r.loadError
        : first
          ? `${first.name}: ${first.message ?? ""}`
          : undefined;
    if (run.problem) incomplete.push(`${ex.id}: ${run.problem}`);
    results.push({
      id: ex.id,
      group: groupOf(ex.section),
      section: ex.section,
      title: ex.title,
      kind: "deterministic",
      status: r?.passed ? "pass" : "fail",
      ...(message ? { message } : {}),
      ms: Date.now() - t,
    });
  }
  const pass = results.filter((c) => c.status === "pass").length;
  const report: Report = {
    adapter: name,
    provides: [],
    date: new Date().toISOString(),
    warnings: [],
    totals: { pass, fail: results.length - pass, notProvided: 0 },
    groups: GROUPS.map((g) => ({
      key: g.key,
      title: g.title,
      results: results.filter((c) => c.group === g.key),
    })).filter((g) => g.results.length > 0),
    incomplete,
  };
  return {
    name,
    source: dir,
    kind: "python",
    exitCode: pass === results.length ? 0 : 1,
    report,
    ms: Date.now() - started,
  };
}

/** `npm run learn -- --python --report DIR [--out FOLDER]`: exit 0 when the report was written, 2 when DIR holds no workspace. */
export async function teacherReport(dirArg: string, outArg: string | null, io: Io, runner: Runner): Promise<number> {
  const dir = resolve(dirArg);
  const students =
    existsSync(dir) && statSync(dir).isDirectory()
      ? readdirSync(dir)
          .filter((n) => existsSync(join(dir, n, "common")) && statSync(join(dir, n, "common")).isDirectory())
          .sort()
      : [];
  if (students.length === 0) {
    io.err(
      `learn: ${dir} holds no student workspace: --report expects a folder with one sub-folder per student, each with the common/ folder that npm run learn -- --python sets up.`,
    );
    return 2;
  }
  const outcomes: RunOutcome[] = [];
  try {
    for (const name of students) outcomes.push(await studentReport(name, join(dir, name), runner));
  } finally {
    runner.close?.();
  }
  const matrix = buildMatrix(outcomes);
  const out = resolve(outArg ?? join(ROOT, "results", "learn-report"));
  mkdirSync(out, { recursive: true });
  const md = matrixToMarkdown(matrix)
    .replace("# Conformance matrix", "# Learn mode (Python): students × exercises")
    .replace(/implementation\(s\) × (\d+) checks/, "student(s) × $1 exercises")
    .replace("| implementation | result |", "| student | result |")
    .replace("| failing checks |", "| failing exercises |")
    .replace("## Checks × implementations", "## Exercises × students")
    .replace("| check |", "| exercise |");
  writeAtomic(join(out, "report.md"), md);
  writeAtomic(join(out, "report.html"), matrixToHtml(matrix));
  writeAtomic(join(out, "report.json"), matrixToJson(matrix));
  io.out(md);
  io.out(`Written: ${join(out, "report.md")}, report.html, report.json`);
  return 0;
}
