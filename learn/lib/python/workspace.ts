/**
 * The Python learner's workspace: the book's `common/` package, each file made of its exercises'
 * sections (learn/lib/python/layout.ts). Setting up never overwrites a learner's file; resetting
 * one exercise puts its stub section back into the file and keeps the whole old file in backup/.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { EXERCISES } from "../../catalogue.js";
import { PY_EXERCISES, PY_FILES, pyExercise, pySource } from "./layout.js";

/** The marker that starts a section: `# ━━ 01 · …` at any indentation. */
const MARKER = /^[ \t]*# ━━ (\d\d) · .*$/gm;

/** A section's text from the repository (stub or solution). */
export function sectionSource(id: string, which: "stub" | "solution"): string {
  return readFileSync(pySource(id, which === "stub" ? "stub.py" : "solution.py"), "utf8");
}

/** The exercises of one workspace file, in the book's order. */
export const exercisesIn = (path: string): string[] =>
  EXERCISES.filter((ex) => PY_EXERCISES[ex.id]?.file === path).map((ex) => ex.id);

/**
 * One workspace file from sections: `pick(id)` gives each exercise's section text ("stub",
 * "solution", or the text itself).
 */
export function assemble(path: string, pick: (id: string) => "stub" | "solution" | { text: string }): string {
  const file = PY_FILES.find((f) => f.path === path);
  if (!file) throw new Error(`learn/python: no workspace file '${path}'`);
  const parts = exercisesIn(path).map((id) => {
    const p = pick(id);
    return (typeof p === "string" ? sectionSource(id, p) : p.text).replace(/\n*$/, "\n");
  });
  return file.head + parts.join("\n\n");
}

/** Where each section of a file's text starts and ends (by its marker line); ids in file order. */
export function sections(text: string): Map<string, { start: number; end: number }> {
  const marks = [...text.matchAll(MARKER)].map((m) => ({ num: m[1], at: m.index! }));
  const out = new Map<string, { start: number; end: number }>();
  marks.forEach((m, k) => {
    const ex = EXERCISES.find((e) => e.id.startsWith(`${m.num}-`));
    if (ex && !out.has(ex.id))
      out.set(ex.id, { start: m.at, end: k + 1 < marks.length ? marks[k + 1].at : text.length });
  });
  return out;
}

/** The learner's file of an exercise. */
export const pyWorkspaceFile = (workspace: string, id: string): string => join(workspace, pyExercise(id).file);

const README = `# Learn mode workspace (Python)

Your answers to the chapter-6 exercises, in the book's layout: common/optimizer.py (exercises
01–06), common/init_weight.py (07), common/layers.py (08, 09, 11), common/weight_decay.py (10)
and common/hyperparameter.py (12). Each exercise is one section of its file, starting with a
line "# ━━ NN · …": keep those lines (reset uses them). From a notebook in this folder:

    from common.optimizer import SGD

    npm run learn -- --python              run the checks of the current exercise, again on every save
    npm run learn -- --python hint         a hint for the current exercise (a nudge first, then the equation)
    npm run learn -- --python status       which exercises pass
    npm run learn -- --python --help       everything else (reset, solution, check)

progress.json keeps what passed and how many hints you have seen; backup/ keeps files you reset.
`;

function writeAtomically(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

/** Creates the workspace and every missing file (all stubs); returns the ids of the exercises it created. */
export function ensurePyWorkspace(workspace: string): string[] {
  mkdirSync(workspace, { recursive: true });
  const created: string[] = [];
  const init = join(workspace, "common", "__init__.py");
  if (!existsSync(init)) writeAtomically(init, "");
  for (const f of PY_FILES) {
    const file = join(workspace, f.path);
    if (existsSync(file)) continue;
    writeAtomically(
      file,
      assemble(f.path, () => "stub"),
    );
    created.push(...exercisesIn(f.path));
  }
  const readme = join(workspace, "README.md");
  if (!existsSync(readme)) writeFileSync(readme, README);
  return EXERCISES.map((e) => e.id).filter((id) => created.includes(id));
}

/**
 * Puts one exercise's stub section back into its file, keeping the whole old file as
 * backup/<name>.<n>.py; returns that backup's path. A file whose marker for the exercise is gone
 * is an Error that says so (nothing is changed).
 */
export function resetPyExercise(workspace: string, id: string): string | null {
  const file = pyWorkspaceFile(workspace, id);
  if (!existsSync(file)) {
    writeAtomically(
      file,
      assemble(pyExercise(id).file, () => "stub"),
    );
    return null;
  }
  const text = readFileSync(file, "utf8");
  const at = sections(text).get(id);
  if (!at)
    throw new Error(
      `${file} has no line starting "# ━━ ${id.slice(0, 2)} · ": the section of ${id} cannot be found, so it cannot be reset. Put the line back above it, or delete the file to get every stub of it again.`,
    );
  const dir = join(workspace, "backup");
  mkdirSync(dir, { recursive: true });
  const name = basename(file, ".py");
  const n = readdirSync(dir).filter((f) => f.startsWith(`${name}.`)).length + 1;
  const backup = join(dir, `${name}.${n}.py`);
  copyFileSync(file, backup);
  const tail = text.slice(at.end);
  const stub = sectionSource(id, "stub").replace(/\n*$/, tail ? "\n\n" : "\n");
  writeAtomically(file, text.slice(0, at.start) + stub + tail);
  return backup;
}

/** The text of an exercise's section in the learner's file ("" when the file or marker is missing). */
export function sectionText(workspace: string, id: string): string {
  const file = pyWorkspaceFile(workspace, id);
  if (!existsSync(file)) return "";
  const text = readFileSync(file, "utf8");
  const at = sections(text).get(id);
  return at ? text.slice(at.start, at.end) : "";
}

/** A hash of the exercise's section, the sections it builds on, and its file's head (the imports). */
export function pyFingerprint(workspace: string, id: string): string {
  const h = createHash("sha256");
  const file = pyWorkspaceFile(workspace, id);
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  const first = [...sections(text).values()][0]?.start ?? text.length;
  h.update(text.slice(0, first)).update("\0");
  for (const dep of [...(pyExercise(id).needs ?? []), id]) h.update(sectionText(workspace, dep)).update("\0");
  return h.digest("hex").slice(0, 16);
}
