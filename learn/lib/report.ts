/**
 * What the learner reads: a run's result in plain words (which checks pass, the first failure
 * with its section, expected vs received and the usual mistake), the status table and hints.
 */
import { relative } from "node:path";
import { EXERCISES, type ExerciseInfo } from "../catalogue.js";
import type { Hint } from "./hints.js";
import { passedAndUnchanged, type Progress } from "./progress.js";
import type { RunResult } from "./run-checks.js";

export interface Style {
  ok(s: string): string;
  bad(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

export function style(color: boolean): Style {
  const wrap = (a: number, b: number) => (s: string) => (color ? `\x1b[${a}m${s}\x1b[${b}m` : s);
  return { ok: wrap(32, 39), bad: wrap(31, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

const indent = (text: string, pad = "    ") =>
  text
    .split("\n")
    .map((l) => (l ? pad + l : l))
    .join("\n");

export const label = (ex: ExerciseInfo) => `${ex.id.slice(0, 2)} · ${ex.title}`;

/** Where a file is, relative to the current directory when that is shorter. */
export function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && rel.length < file.length ? rel : file;
}

export function header(ex: ExerciseInfo, file: string, s: Style): string {
  return s.bold(`━━ ${label(ex)} — book ${ex.section} ━━ `) + s.dim(shown(file));
}

/** A failing (or passing) run, in plain words. */
export function formatRun(ex: ExerciseInfo, r: RunResult, s: Style, hintsSeen: number, hintsTotal: number): string {
  const lines = [header(ex, r.file, s)];
  if (r.loadError) {
    lines.push(
      "",
      s.bad("✗ Your file could not be loaded, so no check ran:"),
      indent(r.loadError),
      "",
      "Fix the file (a syntax error, a missing export or a wrong import path) and save it again.",
    );
    return lines.join("\n");
  }
  for (const c of r.checks) lines.push(`  ${c.ok ? s.ok("✓") : s.bad("✗")} ${c.name}`);
  const passed = r.checks.filter((c) => c.ok).length;
  lines.push(s.dim(`  ${passed} of ${r.checks.length} checks pass.`));
  const first = r.checks.find((c) => !c.ok);
  if (first) {
    lines.push("", s.bad(`First failure: ${first.name}`), indent(first.message ?? "(no message)"));
    const next = Math.min(hintsSeen + 1, hintsTotal);
    lines.push(
      "",
      hintsSeen >= hintsTotal
        ? s.dim(`All ${hintsTotal} hints seen (npm run learn -- hint shows the last again).`)
        : s.dim(
            `Stuck? npm run learn -- hint   (hint ${next} of ${hintsTotal}: ${next === 1 ? "a nudge" : next === 2 ? "the equation" : "the code's shape"})`,
          ),
    );
  }
  return lines.join("\n");
}

/** A passing run: newly passed (solution unlocked), passing again after an edit, or a `check` run. */
export function formatPassed(
  ex: ExerciseInfo,
  total: number,
  s: Style,
  how: "new" | "again" | { target: string },
): string {
  if (how === "again") return s.ok(`✓ ${label(ex)} still passes all ${total} checks after your edit.`);
  if (how !== "new") return s.ok(`✓ ${label(ex)} (${how.target}) passes all ${total} checks.`);
  return [
    s.ok(s.bold(`✓ ${label(ex)} — book ${ex.section}: all ${total} checks pass.`)),
    s.dim(`  The reference solution is unlocked: npm run learn -- solution ${ex.id}`),
  ].join("\n");
}

export function formatStatus(
  p: Progress,
  workspace: string,
  current: string | null,
  s: Style,
  unchanged: (p: Progress, workspace: string, id: string) => boolean = passedAndUnchanged,
): string {
  const rows = EXERCISES.map((ex) => {
    const e = p.exercises[ex.id];
    const mark = e?.status === "passed" ? s.ok("✓") : e?.status === "failed" ? s.bad("✗") : s.dim("·");
    const checks = e?.checksTotal ? `${e.checksPassed}/${e.checksTotal}` : "";
    const notes = [
      e?.status === "passed" && !unchanged(p, workspace, ex.id)
        ? "edited since it passed: checked again on the next run"
        : "",
      ex.id === current ? "← current" : "",
      e?.hintsShown ? `${e.hintsShown} hint${e.hintsShown > 1 ? "s" : ""} seen` : "",
    ]
      .filter(Boolean)
      .join(", ");
    return `  ${mark} ${ex.id.padEnd(22)} ${ex.title.padEnd(30)} ${ex.section.padEnd(20)} ${checks.padEnd(5)} ${s.dim(notes)}`;
  });
  const done = EXERCISES.filter((ex) => p.exercises[ex.id]?.status === "passed").length;
  return [
    s.bold(`Learn mode — chapter 6, ${EXERCISES.length} exercises in the book's order`) +
      s.dim(`  (workspace ${shown(workspace)})`),
    ...rows,
    s.dim("  ✓ passed   ✗ tried, not passing yet   · not tried yet"),
    "",
    done === EXERCISES.length
      ? s.ok(`All ${done} exercises pass.`)
      : `${done} of ${EXERCISES.length} pass. ${current ? `Next: ${current} — npm run learn` : ""}`,
  ].join("\n");
}

export function formatHint(ex: ExerciseInfo, hints: Hint[], index: number, s: Style): string {
  const h = hints[index];
  const more =
    index + 1 < hints.length
      ? s.dim(`(npm run learn -- hint again for hint ${index + 2}: ${hints[index + 1].heading.toLowerCase()})`)
      : s.dim(
          "(that was the last hint; once your file passes, npm run learn -- solution " +
            ex.id +
            " shows the reference answer)",
        );
  return [
    s.bold(`Hint ${index + 1} of ${hints.length} for ${label(ex)} — ${h.heading}`),
    "",
    indent(h.body, "  "),
    "",
    more,
  ].join("\n");
}
