/**
 * Which Python runs the host: the interpreter that `python3` names, asked once for its real path.
 *
 * Why not spawn `python3` each time: with pyenv (and other version managers) `python3` on PATH is
 * a shell script that works out which interpreter to use and then starts it. On the 2-core
 * reference machine that script costs about 0.8 s per start, the interpreter itself 0.08 s, and
 * the runner starts a fresh host per implementation and after every crash. So the path is asked
 * for once (`sys.executable`, in the same folder, so the version manager picks what it would
 * pick) and handed to child processes in `DLFS_PYTHON`, so that a runner started by the
 * supervisor, or a command started by a script, does not ask again.
 *
 * `DLFS_PYTHON`, when set, is used as it is (a path or a command name): it is how a user picks
 * another interpreter, and how this module passes its answer down.
 */
import { spawnSync } from "node:child_process";

export interface PythonInterpreter {
  /** The interpreter to start: an absolute path when it could be asked, else the command name. */
  command: string;
  /** Whether `import numpy` worked in it. */
  numpy: boolean;
  /** When it could not be started, or NumPy could not be imported: why, in one line. */
  problem?: string;
}

let cached: PythonInterpreter | undefined;

/** The interpreter (asked once per process; the answer is exported to children in DLFS_PYTHON). */
export function pythonInterpreter(): PythonInterpreter {
  if (cached) return cached;
  const named = process.env.DLFS_PYTHON || "python3";
  const probe = spawnSync(named, ["-c", "import sys; print(sys.executable); import numpy"], { encoding: "utf8" });
  const executable = probe.stdout?.split("\n")[0]?.trim() ?? "";
  if (probe.error) {
    cached = { command: named, numpy: false, problem: `${named} could not be started (${probe.error.message})` };
  } else if (probe.status !== 0) {
    const last = probe.stderr.trim().split("\n").pop() ?? `exit code ${probe.status}`;
    cached = {
      command: executable || named,
      numpy: false,
      problem: `NumPy could not be imported by ${named}: ${last}`,
    };
  } else {
    cached = { command: executable || named, numpy: true };
  }
  if (cached.numpy) process.env.DLFS_PYTHON = cached.command;
  return cached;
}
