/**
 * The learner's workspace: one file per exercise, copied from the stub with its relative imports
 * rewritten so they still reach src/ (and, for exercise 09, the learner's own exercise 08).
 * Setting up never overwrites a learner's file; resetting saves the old one under backup/.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { EXERCISES } from "../catalogue.js";
import { EXERCISES_DIR, exerciseFile, workspaceFile } from "./paths.js";

const IMPORT = /(from\s+|import\s*\(\s*|import\s+)(["'])(\.\.?\/[^"']+)\2/g;

/** A relative import specifier from `fromDir` to `target`, with forward slashes and a leading ./ or ../. */
function specifier(fromDir: string, target: string): string {
  const rel = relative(fromDir, target).split(sep).join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

/**
 * The stub (or solution) of exercise `id` as it must read inside `workspace`: the same code with
 * its relative imports re-pointed from learn/exercises/<id>/ to the workspace.
 */
export function stubForWorkspace(id: string, workspace: string, which: "stub.ts" | "solution.ts" = "stub.ts"): string {
  const source = exerciseFile(id, which);
  const text = readFileSync(source, "utf8");
  return text.replace(IMPORT, (_m, head: string, quote: string, spec: string) => {
    const abs = resolve(dirname(source), spec);
    const other = relative(EXERCISES_DIR, abs).split(sep);
    // another exercise's stub or solution → the learner's own file for that exercise
    const target =
      other.length === 2 && (other[1] === "stub.js" || other[1] === "solution.js")
        ? workspaceFile(workspace, other[0]).replace(/\.ts$/, ".js")
        : abs;
    return `${head}${quote}${specifier(workspace, target)}${quote}`;
  });
}

const README = `# Learn mode workspace

Your answers to the chapter-6 exercises live here, one file per exercise, in the book's order.
This folder is ignored by git: it is yours.

    npm run learn              run the checks of the current exercise, again on every save
    npm run learn -- hint      a hint for the current exercise (a nudge first, then the equation)
    npm run learn -- status    which exercises pass
    npm run learn -- --help    everything else (reset, solution, check)

progress.json keeps what passed and how many hints you have seen; backup/ keeps files you reset.
`;

/** Creates the workspace and copies every missing stub; returns the ids of the files it created. */
export function ensureWorkspace(workspace: string): string[] {
  mkdirSync(workspace, { recursive: true });
  const created: string[] = [];
  for (const ex of EXERCISES) {
    const file = workspaceFile(workspace, ex.id);
    if (existsSync(file)) continue;
    writeFileSync(file, stubForWorkspace(ex.id, workspace));
    created.push(ex.id);
  }
  const readme = join(workspace, "README.md");
  if (!existsSync(readme)) writeFileSync(readme, README);
  return created;
}

/** Puts the stub back, keeping the learner's file as backup/<id>.<n>.ts; returns that backup's path. */
export function resetExercise(workspace: string, id: string): string | null {
  const file = workspaceFile(workspace, id);
  let backup: string | null = null;
  if (existsSync(file)) {
    const dir = join(workspace, "backup");
    mkdirSync(dir, { recursive: true });
    const n = readdirSync(dir).filter((f) => f.startsWith(`${id}.`)).length + 1;
    backup = join(dir, `${id}.${n}.ts`);
    copyFileSync(file, backup);
  }
  writeFileSync(file, stubForWorkspace(id, workspace));
  return backup;
}

/** The workspace files an exercise's file imports (e.g. 09 imports 08), found from its import lines. */
export function workspaceDependencies(workspace: string, id: string): string[] {
  const file = workspaceFile(workspace, id);
  if (!existsSync(file)) return [];
  const deps: string[] = [];
  for (const m of readFileSync(file, "utf8").matchAll(IMPORT)) {
    const abs = resolve(workspace, m[3]).replace(/\.js$/, ".ts");
    if (dirname(abs) === resolve(workspace) && abs !== file && existsSync(abs)) deps.push(abs);
  }
  return deps;
}
