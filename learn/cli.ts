/**
 * `npm run learn`: the command line of learn mode. Sets up the workspace, runs the current
 * exercise's checks (watching for saves, or once), and answers status, hint, solution, reset
 * and check. Exit codes: 0 fine, 1 an exercise fails or a solution is still locked, 2 usage error.
 */
import { existsSync, readFileSync, statSync, watch as watchDir } from "node:fs";
import { emitKeypressEvents } from "node:readline";
import { EXERCISES, findExercise, type ExerciseInfo } from "./catalogue.js";
import { PYTHON, TYPESCRIPT, sayFor, type Lang, type Runner } from "./lib/lang.js";
import { TARGETS, type Target } from "./lib/paths.js";
import { entry, loadProgress, passedAndUnchanged, updateProgress, type Progress } from "./lib/progress.js";
import { formatHint, formatPassed, formatRun, formatStatus, label, shown, style, type Style } from "./lib/report.js";
import type { ChildRun } from "./lib/run-in-child.js";
import { teacherReport } from "./lib/python/teacher.js";

export type { Runner };

export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  color: boolean;
  /** Interactive terminal: watch mode reads keys and clears the screen between runs. */
  tty: boolean;
}

export const HELP = `Learn mode: chapter 6 of "Deep Learning from Scratch", one failing test at a time.

Usage: npm run learn [-- <command>] [options]

  (no command)        Set up the workspace if needed, run the checks of the current exercise
                      and watch: every save in the workspace runs them again. When the current
                      exercise passes, the next one runs at once; it stops at the first failing.
                      Keys while watching: h hint · s status · r run again · q quit.
  --once              The same, one run only (exit 0 when every exercise passes, else 1).
  status              List the exercises: ✓ passed, ✗ tried and failing, · not tried yet.
  hint [name]         The next hint for an exercise (default: the current one). Hints are
                      graded: a nudge first, then the equation, then the code's shape.
  solution <name>     Show the reference solution, only once your file for it has passed.
  reset <name>        Put the stub back (your file is kept in <workspace>/backup/) and clear
                      that exercise's progress and hints.
  check <name>        Run one exercise's checks once. Against your file the result is recorded
                      (a pass unlocks its solution); against the stub or solution nothing is.
    --target <t>      ...against: workspace (your file, the default), stub or solution.
                      LEARN_TARGET=<t> in the environment sets the default.
  setup               Only set up the workspace.
  help, --help, -h    This text.

Python: add --python (or --lang python) to any command above. The same twelve exercises, as the
book's Python (NumPy, params/grads dicts, train_flg) in a workspace laid out like its common/
package: common/optimizer.py (01–06), init_weight.py (07), layers.py (08, 09, 11),
weight_decay.py (10), hyperparameter.py (12), each exercise a section of its file. The same
checks run through the Python host (python3 with NumPy). Workspace: .learn-python/ or $LEARN_DIR.
  --python --report DIR
                      For teachers: run every exercise of every student workspace in DIR (one
                      folder per student) and write the students × exercises matrix
                      (results/learn-report/report.md, .html, .json; --out sets the folder).

Names: an exercise's id (02-momentum), its number (2 or 02) or its name (momentum).
Exercises, in the book's order:
${EXERCISES.map((e) => `  ${e.id.padEnd(22)} ${e.title.padEnd(30)} book ${e.section}`).join("\n")}

Workspace: .learn/ at the project root (ignored by git), or $LEARN_DIR. It holds one file per
exercise (your answers), progress.json and backup/. Delete it to start over completely.
Exit codes: 0 fine; 1 an exercise fails, or a solution is still locked; 2 unknown command,
option or exercise name, or a workspace that cannot be used (LEARN_DIR a file, say).`;

const COMMANDS = ["status", "hint", "solution", "reset", "check", "setup", "help"] as const;
const LANGS: Record<string, Lang> = { python: PYTHON, py: PYTHON, typescript: TYPESCRIPT, ts: TYPESCRIPT };

function defaultIo(): Io {
  const tty = Boolean(process.stdout.isTTY);
  return {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    env: process.env,
    color: tty && !process.env.NO_COLOR,
    tty: tty && Boolean(process.stdin.isTTY),
  };
}

class UsageError extends Error {}

interface Args {
  command: string | null;
  rest: string[];
  once: boolean;
  target: Target | null;
  help: boolean;
  lang: Lang;
  report: string | null;
  out: string | null;
}

function parse(argv: string[]): Args {
  const a: Args = {
    command: null,
    rest: [],
    once: false,
    target: null,
    help: false,
    lang: TYPESCRIPT,
    report: null,
    out: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") a.help = true;
    else if (arg === "--once") a.once = true;
    else if (arg === "--python") a.lang = PYTHON;
    else if (arg === "--lang" || arg.startsWith("--lang=")) {
      const v = arg.includes("=") ? arg.slice(7) : argv[++i];
      if (v === undefined || !LANGS[v])
        throw new UsageError(`--lang expects python or typescript, received ${v === undefined ? "nothing" : `'${v}'`}`);
      a.lang = LANGS[v];
    } else if (arg === "--report" || arg === "--out") {
      const v = argv[++i];
      if (v === undefined || v.startsWith("-"))
        throw new UsageError(`${arg} expects a folder, received ${v === undefined ? "nothing" : `'${v}'`}`);
      if (arg === "--report") a.report = v;
      else a.out = v;
    } else if (arg === "--target" || arg.startsWith("--target=")) {
      const v = arg.includes("=") ? arg.slice(9) : argv[++i];
      if (v === undefined || !(TARGETS as readonly string[]).includes(v))
        throw new UsageError(
          `--target expects one of ${TARGETS.join(", ")}, received ${v === undefined ? "nothing" : `'${v}'`}`,
        );
      a.target = v as Target;
    } else if (arg.startsWith("-")) throw new UsageError(`unknown option '${arg}'`);
    else if (a.command === null) a.command = arg;
    else a.rest.push(arg);
  }
  if (a.command !== null && !(COMMANDS as readonly string[]).includes(a.command))
    throw new UsageError(`unknown command '${a.command}' (commands: ${COMMANDS.join(", ")})`);
  return a;
}

function exerciseArg(a: Args, required: boolean): ExerciseInfo | null {
  if (a.rest.length > 1)
    throw new UsageError(`'${a.command}' takes one exercise name, received ${a.rest.length}: ${a.rest.join(" ")}`);
  const name = a.rest[0];
  if (name === undefined) {
    if (required)
      throw new UsageError(`'${a.command}' needs an exercise name, e.g. npm run learn -- ${a.command} 01-sgd`);
    return null;
  }
  const ex = findExercise(name);
  if (!ex) throw new UsageError(`no exercise called '${name}'. Exercises: ${EXERCISES.map((e) => e.id).join(", ")}`);
  return ex;
}

/** The first exercise that has not passed, or was edited since it passed; null when all pass. */
export function currentExercise(workspace: string, lang: Lang = TYPESCRIPT): ExerciseInfo | null {
  const p = loadProgress(workspace);
  return EXERCISES.find((ex) => !passedAndUnchanged(p, workspace, ex.id, lang.fingerprint)) ?? null;
}

const unchangedIn = (lang: Lang) => (p: Progress, workspace: string, id: string) =>
  passedAndUnchanged(p, workspace, id, lang.fingerprint);

/** Records one exercise's result: passed with the fingerprint its file had before the run, or failed. */
function record(p: Progress, r: ChildRun["results"][number], print: string): void {
  const e = entry(p, r.id);
  e.checksPassed = r.checks.filter((c) => c.ok).length;
  e.checksTotal = r.checks.length || e.checksTotal;
  if (r.passed) {
    e.status = "passed";
    e.passedFingerprint = print;
    e.passedAt = new Date().toISOString();
  } else {
    e.status = "failed";
    delete e.passedFingerprint;
  }
}

/**
 * One run: the exercises from the current one on, in order, until the first that fails. Records
 * the results in progress.json and prints them. Returns true when every exercise passes.
 */
async function cycle(workspace: string, io: Io, s: Style, runner: Runner, lang: Lang): Promise<boolean> {
  const before = loadProgress(workspace);
  const queue = EXERCISES.filter((ex) => !passedAndUnchanged(before, workspace, ex.id, lang.fingerprint));
  if (queue.length === 0) {
    io.out(
      s.ok(s.bold(`✓ All ${EXERCISES.length} exercises pass.`)) +
        " Compare your answers with the reference: npm run learn -- solution <name>.",
    );
    return true;
  }
  // Fingerprints before the run: a file saved during the run is not marked as passed.
  const prints = new Map(queue.map((ex) => [ex.id, lang.fingerprint(workspace, ex.id)]));
  const run = await runner(queue.map((ex) => ({ id: ex.id, file: lang.fileOf(workspace, ex.id) })));
  const after = updateProgress(workspace, (p) => {
    for (const r of run.results) record(p, r, prints.get(r.id)!);
    if (run.problem && run.results.length < queue.length) {
      const e = entry(p, queue[run.results.length].id);
      e.status = "failed";
      delete e.passedFingerprint;
    }
  });
  const parts: string[] = [];
  const printed = run.output.trim();
  if (printed) {
    // first, as a test runner does: the report below stays in view
    const lines = printed.split("\n"),
      max = 15;
    parts.push(
      s.dim("Your code printed (during the checks):") +
        "\n" +
        lines
          .slice(0, max)
          .map((l) => `  │ ${l}`)
          .join("\n") +
        (lines.length > max ? `\n  │ … (${lines.length - max} more lines)` : ""),
    );
  }
  for (const r of run.results) {
    const ex = findExercise(r.id)!;
    if (r.passed)
      parts.push(formatPassed(ex, r.checks.length, s, before.exercises[r.id]?.status === "passed" ? "again" : "new"));
    else parts.push(formatRun(ex, r, s, after.exercises[r.id]?.hintsShown ?? 0, lang.hints(r.id).length));
  }
  if (run.problem) {
    const ex = queue[run.results.length];
    parts.push(s.bad(`✗ ${ex ? label(ex) : "The run"}: ${run.problem}`));
  }
  const done = EXERCISES.filter((ex) => after.exercises[ex.id]?.status === "passed").length;
  const allPassed = run.results.length === queue.length && run.results.every((r) => r.passed) && !run.problem;
  parts.push(
    allPassed
      ? s.ok(s.bold(`✓ All ${EXERCISES.length} exercises pass.`))
      : s.dim(`Progress: ${done} of ${EXERCISES.length} exercises pass.`),
  );
  io.out(parts.join("\n\n"));
  return allPassed;
}

function showHint(workspace: string, ex: ExerciseInfo | null, io: Io, s: Style, lang: Lang): number {
  const target = ex ?? currentExercise(workspace, lang);
  if (!target) {
    io.out("Every exercise passes. For any exercise's hints: npm run learn -- hint <name>");
    return 0;
  }
  const hints = lang.hints(target.id);
  const seen = loadProgress(workspace).exercises[target.id]?.hintsShown ?? 0;
  const index = Math.min(seen, hints.length - 1);
  io.out(formatHint(target, hints, index, s));
  updateProgress(workspace, (p) => {
    const e = entry(p, target.id);
    e.hintsShown = Math.max(e.hintsShown, index + 1);
  });
  return 0;
}

function showSolution(workspace: string, ex: ExerciseInfo, io: Io, s: Style, lang: Lang): number {
  const e = loadProgress(workspace).exercises[ex.id];
  if (e?.status !== "passed") {
    const now =
      e?.status === "failed"
        ? `it passes ${e.checksPassed ?? 0} of ${e.checksTotal ?? "?"} checks now`
        : "it has not been checked yet";
    io.err(
      [
        `The reference solution of ${label(ex)} unlocks once your ${shown(lang.fileOf(workspace, ex.id))} passes its checks (${now}).`,
        "Run npm run learn to check it, or npm run learn -- hint for help.",
      ].join("\n"),
    );
    return 1;
  }
  const file = lang.solutionFile(ex.id);
  io.out(
    [
      s.bold(`Reference solution of ${label(ex)} (book ${ex.section})`) + s.dim(`  ${shown(file)}`),
      "",
      readFileSync(file, "utf8").trimEnd(),
      "",
      s.dim(
        lang.name === "python"
          ? `Your answer: its section in ${shown(lang.fileOf(workspace, ex.id))}.`
          : `Your answer: ${shown(lang.fileOf(workspace, ex.id))}. Imports above are relative to ${shown(file)}.`,
      ),
    ].join("\n"),
  );
  return 0;
}

function reset(workspace: string, ex: ExerciseInfo, io: Io, lang: Lang): number {
  let backup: string | null;
  try {
    backup = lang.resetExercise(workspace, ex.id);
  } catch (err) {
    io.err(`learn: ${(err as Error).message}`);
    return 1;
  }
  updateProgress(workspace, (p) => {
    delete p.exercises[ex.id];
  });
  io.out(
    `Reset ${label(ex)}: ${lang.name === "python" ? `its section of ${shown(lang.fileOf(workspace, ex.id))}` : shown(lang.fileOf(workspace, ex.id))} is the stub again; its progress and hints are cleared.` +
      (backup ? `\nYour previous version is kept in ${shown(backup)}.` : ""),
  );
  return 0;
}

async function check(
  workspace: string,
  ex: ExerciseInfo,
  target: Target,
  io: Io,
  s: Style,
  runner: Runner,
  lang: Lang,
): Promise<number> {
  const file = lang.targetFile(ex.id, target, workspace);
  const print = target === "workspace" ? lang.fingerprint(workspace, ex.id) : null; // before the run, as in cycle
  const run = await runner([{ id: ex.id, file }]);
  const r = run.results[0];
  if (!r) {
    io.out(s.bad(`✗ ${label(ex)}: ${run.problem ?? "no result"}`));
    return 1;
  }
  if (print !== null) updateProgress(workspace, (p) => record(p, r, print)); // your file's result counts, as in a run
  const seen = loadProgress(workspace).exercises[ex.id]?.hintsShown ?? 0;
  io.out(
    r.passed ? formatPassed(ex, r.checks.length, s, { target }) : formatRun(ex, r, s, seen, lang.hints(ex.id).length),
  );
  if (run.output.trim()) io.out(s.dim("Printed:") + "\n" + run.output.trim());
  return r.passed ? 0 : 1;
}

function watch(workspace: string, io: Io, s: Style, runner: Runner, lang: Lang): Promise<number> {
  return new Promise((resolveWatch) => {
    let running = false,
      again = false,
      first = true,
      timer: NodeJS.Timeout | null = null;
    const footer = () =>
      io.out(
        "\n" +
          s.dim(`Watching ${shown(workspace)} — save a file to run the checks again.`) +
          (io.tty ? s.dim("  h hint · s status · r run again · q quit") : ""),
      );
    const go = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      do {
        again = false;
        if (io.tty && !first) io.out("\x1b[2J\x1b[3J\x1b[H");
        first = false;
        await cycle(workspace, io, s, runner, lang);
        footer();
      } while (again);
      running = false;
    };
    // Python's files sit in common/: watch the folder's tree (fs.watch is recursive on Linux from Node 20).
    const watcher = watchDir(workspace, { recursive: lang.name === "python" }, (_event, name) => {
      if (!name || !String(name).endsWith(lang.ext)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void go(), 150);
    });
    const quit = () => {
      watcher.close();
      if (timer) clearTimeout(timer);
      if (io.tty && process.stdin.isTTY) {
        process.stdin.setRawMode(false);
        process.stdin.pause();
      }
      resolveWatch(0);
    };
    if (io.tty && process.stdin.isTTY) {
      emitKeypressEvents(process.stdin);
      process.stdin.setRawMode(true);
      process.stdin.on("keypress", (_str: string, key: { name?: string; ctrl?: boolean }) => {
        if (key.ctrl && key.name === "c") return quit();
        if (key.name === "q") return quit();
        if (key.name === "r" || key.name === "return") return void go();
        if (running) return;
        if (key.name === "h") {
          io.out("");
          showHint(workspace, null, io, s, lang);
          footer();
        } else if (key.name === "s") {
          io.out("");
          io.out(
            formatStatus(
              loadProgress(workspace),
              workspace,
              currentExercise(workspace, lang)?.id ?? null,
              s,
              unchangedIn(lang),
            ),
          );
          footer();
        }
      });
    }
    process.once("SIGINT", quit);
    void go();
  });
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: string[], io0: Io = defaultIo(), given?: Runner): Promise<number> {
  let args: Args;
  let io = io0;
  try {
    args = parse(argv);
    const lang = args.lang;
    io = { ...io0, out: (t) => io0.out(sayFor(lang, t)), err: (t) => io0.err(sayFor(lang, t)) };
    if (args.help || args.command === "help") {
      io.out(HELP);
      return 0;
    }
    if (args.target && args.command !== "check")
      throw new UsageError("--target goes with the check command: npm run learn -- check <name> --target solution");
    if (args.once && args.command !== null)
      throw new UsageError(`--once goes with the plain run (npm run learn -- --once), not with '${args.command}'`);
    if (args.report !== null && args.lang !== PYTHON)
      throw new UsageError("--report goes with --python: npm run learn -- --python --report DIR");
    if (args.report !== null && (args.command !== null || args.once))
      throw new UsageError("--report runs on its own: npm run learn -- --python --report DIR [--out FOLDER]");
    if (args.out !== null && args.report === null) throw new UsageError("--out goes with --report");
    if (args.command === null || args.command === "status" || args.command === "setup") {
      if (args.rest.length > 0)
        throw new UsageError(`unexpected argument '${args.rest[0]}'${args.command ? ` after '${args.command}'` : ""}`);
    }
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`learn: ${err.message}\nSee: npm run learn -- --help`);
    return 2;
  }

  const s = style(io.color);
  const lang = args.lang;
  if (args.report !== null) return teacherReport(args.report, args.out, io, given ?? lang.runner());
  const workspace = lang.workspaceDir(io.env);
  let ex: ExerciseInfo | null;
  try {
    ex =
      args.command === "hint"
        ? exerciseArg(args, false)
        : ["solution", "reset", "check"].includes(args.command ?? "")
          ? exerciseArg(args, true)
          : null;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`learn: ${err.message}\nSee: npm run learn -- --help`);
    return 2;
  }

  const fresh = !existsSync(workspace);
  let created: string[];
  try {
    if (!fresh && !statSync(workspace).isDirectory())
      throw Object.assign(new Error("it is a file, not a folder"), { code: "ENOTDIR" });
    created = lang.ensureWorkspace(workspace);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "";
    if (!["ENOTDIR", "EEXIST", "EACCES", "EPERM", "EROFS", "ENOENT"].includes(code)) throw err;
    io.err(
      [
        `learn: cannot use ${workspace} as the workspace${io.env.LEARN_DIR ? ` (LEARN_DIR=${io.env.LEARN_DIR})` : ""}: ${(err as Error).message}.`,
        "Set LEARN_DIR to a folder you can write (it is created if missing), or unset it to use .learn/ at the project root.",
      ].join("\n"),
    );
    return 2;
  }
  if (created.length > 0)
    io.out(
      s.dim(
        fresh
          ? `Set up ${shown(workspace)} with ${created.length} exercise ${lang.name === "python" ? "stubs in the book's common/ layout" : "files (stubs, in the book's order)"}. Start with ${shown(lang.fileOf(workspace, created[0]))}.`
          : `Added ${created.length} missing exercise file(s) to ${shown(workspace)}: ${created.join(", ")}.`,
      ) + "\n",
    );

  const runner = args.command === null || args.command === "check" ? (given ?? lang.runner()) : null;
  try {
    return await command(args, ex, workspace, created, io, s, runner!, lang);
  } finally {
    if (!given) runner?.close?.();
  }
}

async function command(
  args: Args,
  ex: ExerciseInfo | null,
  workspace: string,
  created: string[],
  io: Io,
  s: Style,
  runner: Runner,
  lang: Lang,
): Promise<number> {
  switch (args.command) {
    case "setup":
      if (created.length === 0)
        io.out(
          `${shown(workspace)} is set up (${EXERCISES.length} ${lang.name === "python" ? "exercises" : "exercise files"}).`,
        );
      return 0;
    case "status":
      io.out(
        formatStatus(
          loadProgress(workspace),
          workspace,
          currentExercise(workspace, lang)?.id ?? null,
          s,
          unchangedIn(lang),
        ),
      );
      return 0;
    case "hint":
      return showHint(workspace, ex, io, s, lang);
    case "solution":
      return showSolution(workspace, ex!, io, s, lang);
    case "reset":
      return reset(workspace, ex!, io, lang);
    case "check": {
      const fromEnv = io.env.LEARN_TARGET;
      if (!args.target && fromEnv && !(TARGETS as readonly string[]).includes(fromEnv)) {
        io.err(`learn: LEARN_TARGET must be one of ${TARGETS.join(", ")}, received '${fromEnv}'`);
        return 2;
      }
      return check(workspace, ex!, args.target ?? (fromEnv as Target | undefined) ?? "workspace", io, s, runner, lang);
    }
  }
  if (args.once) return (await cycle(workspace, io, s, runner, lang)) ? 0 : 1;
  return watch(workspace, io, s, runner, lang);
}
