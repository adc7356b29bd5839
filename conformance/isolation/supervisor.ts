/**
 * The supervisor: runs the checks in a runner process (conformance/isolation/runner.ts) and keeps
 * control whatever the implementation does. Each check has a time limit (plus a short grace for
 * the runner to report it itself), and so does the whole run. A runner that stops answering, exits
 * or crashes is ended; the check it was on fails with what happened, a fresh runner continues with
 * the next check, and the run is marked incomplete.
 */
import { pythonInterpreter } from "../hosts/python/interpreter.js";
import { fork, type ChildProcess } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleForNode } from "../../src/runtime/node-bundle.js";
import type { Check } from "../check.js";
import { groupOf } from "../check.js";
import { moduleFormatWarning, type CheckResult } from "../engine.js";
import type { ImplementationInfo, RunnerConfig, RunnerMessage, RunStats } from "./runner.js";

const RUNNER = fileURLToPath(new URL("./runner.ts", import.meta.url));
/**
 * The runner's modules whose computed import() (of the catalogue, of the adapter) serves the runner
 * started through tsx: the bundle passes both modules in, so those imports are never taken there.
 */
const TRUSTED = [RUNNER, fileURLToPath(new URL("../engine.ts", import.meta.url))];

export interface SupervisedRun {
  name: string;
  provides: string[];
  results: CheckResult[];
  warnings: string[];
  implementation?: ImplementationInfo;
  /** Why the run is incomplete (empty: complete). */
  incomplete: string[];
  /** CPU used by the last runner and its host (absent for a run that ended early). */
  stats?: RunStats;
}

export interface SuperviseOptions {
  /** Seconds per check (default 10). */
  checkTimeoutS?: number;
  /** Seconds for the whole run. */
  runTimeoutS?: number;
  /** Seconds for the runner to start and the implementation to load (default 30, or 3 check time limits if longer). */
  loadTimeoutS?: number;
  /** Seconds past a check's time limit the runner has to report the check itself before it is ended (default 3). */
  graceS?: number;
  onResult?: (r: CheckResult) => void;
}

const GRACE_S = 3;

/**
 * How the runner process starts: as one plain-JavaScript file bundled by src/runtime/node-bundle.ts,
 * which starts in a fraction of the time tsx's loader takes. The catalogue module is inside the
 * bundle, and so is the adapter of an adapter run (mode "impl"): runner, catalogue and adapter share
 * one copy of every module, so the reference's `instanceof Matrix` checks accept the adapter's
 * matrices. The adapter is imported by a dynamic `import()` of its path, which esbuild keeps lazy:
 * it is evaluated only when the runner loads it, as under tsx (an adapter that throws, loops or
 * exits at import does so while loading). The runner starts through tsx instead wherever the bundle
 * could behave differently: an adapter tsx compiles as CommonJS (moduleFormatWarning: it gets a
 * second copy of src/, and the warning says so), one esbuild cannot bundle (a syntax error, an
 * import that does not resolve: tsx reports it while loading, as it always did), and one whose
 * bundle could act unlike tsx (bundleForNode's `sameAsTsx`: a computed import() or require(), a
 * CommonJS module, a package or node:module imported from outside the project). bundleForNode is
 * asked on every run: its manifest of the modules' content hashes makes an unchanged bundle cost
 * milliseconds and an edited module anywhere on disk (the adapter's, src/'s) a new bundle, so a
 * watch-mode rerun never runs old code.
 */
export async function runnerProgram(
  config: Omit<RunnerConfig, "ids">,
): Promise<{ module: string; execArgv: string[] }> {
  const viaTsx = { module: RUNNER, execArgv: ["--import", "tsx"] };
  const adapter = config.mode === "impl" ? resolve(config.target) : null;
  // A missing path (or a folder) is reported by the runner's loadAdapter, as before.
  if (
    adapter !== null &&
    (!existsSync(adapter) || !statSync(adapter).isFile() || moduleFormatWarning(adapter) !== null)
  )
    return viaTsx;
  const catalogue = config.catalogueModule ? resolve(config.catalogueModule) : "";
  const entry = [
    `import { main } from ${JSON.stringify(RUNNER)};`,
    catalogue ? `import * as catalogue from ${JSON.stringify(catalogue)};` : "const catalogue = undefined;",
    adapter !== null ? `await main(catalogue, () => import(${JSON.stringify(adapter)}));` : "await main(catalogue);",
  ].join("\n");
  try {
    const file = fileURLToPath(await bundleForNode(entry, { sameAsTsx: adapter !== null, trusted: TRUSTED }));
    // Stack traces in the adapter's output name its .ts lines, as under tsx.
    return { module: file, execArgv: adapter !== null ? ["--enable-source-maps"] : [] };
  } catch {
    return viaTsx;
  }
}

function notRun(check: Check, why: string): CheckResult {
  return {
    id: check.id,
    group: groupOf(check.section),
    section: check.section,
    title: check.title,
    kind: check.kind,
    status: "fail",
    message: `not run: ${why}`,
    ms: 0,
  };
}

export async function supervise(
  config: Omit<RunnerConfig, "ids">,
  checks: Check[],
  options: SuperviseOptions = {},
): Promise<SupervisedRun> {
  const checkTimeoutS = options.checkTimeoutS ?? 10;
  const runDeadline = Date.now() + (options.runTimeoutS ?? 600) * 1000;
  const run: SupervisedRun = { name: config.target, provides: [], results: [], warnings: [], incomplete: [] };
  let next = 0;
  let restarts = 0;
  const program = await runnerProgram(config);
  while (next < checks.length) {
    const ids = checks.slice(next).map((c) => c.id);
    const outcome = await runOnce(
      program,
      { ...config, ids, checkTimeoutS },
      checkTimeoutS,
      options.graceS ?? GRACE_S,
      options.loadTimeoutS ?? Math.max(30, 3 * checkTimeoutS),
      runDeadline,
      (m) => {
        if (m.type === "ready") {
          run.name = m.name;
          run.provides = m.provides;
          if (m.implementation) run.implementation = m.implementation;
          run.warnings.push(...m.warnings);
          for (const why of m.incomplete ?? []) if (!run.incomplete.includes(why)) run.incomplete.push(why);
        } else if (m.type === "done") {
          if (m.stats) run.stats = m.stats;
        } else if (m.type === "result") {
          run.results.push(m.result);
          if (m.incident) run.incomplete.push(`${m.result.id}: ${m.incident}`);
          options.onResult?.(m.result);
          next++;
        }
      },
    );
    if (outcome.kind === "done") break;
    const current = checks[next];
    if (outcome.kind === "load") {
      // What the runner printed while loading (an import that threw, a syntax error) says why.
      const said = outcome.output ? `\nThe runner's last output while loading:\n${outcome.output.trim()}` : "";
      run.incomplete.push(`the implementation did not load: ${outcome.why}`);
      checks
        .slice(next)
        .forEach((c, i) =>
          run.results.push(notRun(c, `the implementation did not load (${outcome.why})${i === 0 ? said : ""}`)),
        );
      break;
    }
    if (outcome.kind === "run-limit") {
      run.incomplete.push(`the run hit its time limit (${options.runTimeoutS ?? 600} s)`);
      for (const c of checks.slice(next)) run.results.push(notRun(c, "the run hit its time limit"));
      break;
    }
    // The runner died or hung during `current`: that check fails with what happened.
    if (current) {
      const r = notRun(current, "");
      r.message = `The check did not finish: ${outcome.why}.${outcome.output ? `\nThe implementation's last output:\n${outcome.output}` : ""}`;
      run.results.push(r);
      options.onResult?.(r);
      run.incomplete.push(`${current.id}: ${outcome.why}`);
      next++;
    }
    if (++restarts > 20) {
      run.incomplete.push("more than 20 runner restarts: gave up");
      for (const c of checks.slice(next)) run.results.push(notRun(c, "the runner was restarted too often"));
      break;
    }
  }
  return run;
}

type Outcome = { kind: "done" } | { kind: "load" | "check" | "run-limit"; why: string; output?: string };

function runOnce(
  program: { module: string; execArgv: string[] },
  config: RunnerConfig,
  checkTimeoutS: number,
  graceS: number,
  loadTimeoutS: number,
  runDeadline: number,
  onMessage: (m: RunnerMessage) => void,
): Promise<Outcome> {
  return new Promise((resolveOutcome) => {
    let child: ChildProcess;
    let ready = false;
    let settled = false;
    let output = "";
    let timer: NodeJS.Timeout | undefined;
    const finish = (o: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      resolveOutcome({ ...o, ...(o.kind !== "done" && output ? { output: output.slice(-1500) } : {}) } as Outcome);
    };
    const arm = (seconds: number, kind: "load" | "check", why: string) => {
      clearTimeout(timer);
      const left = (runDeadline - Date.now()) / 1000;
      if (left < seconds)
        timer = setTimeout(() => finish({ kind: "run-limit", why: "the run's time limit" }), Math.max(0, left) * 1000);
      else timer = setTimeout(() => finish({ kind, why }), seconds * 1000);
    };
    // the interpreter is asked for once here, not once per runner (conformance/hosts/python/interpreter.ts)
    if (config.mode === "python" && !config.python) config = { ...config, python: pythonInterpreter().command };
    child = fork(program.module, [JSON.stringify(config)], {
      execArgv: program.execArgv,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    const keep = (b: Buffer) => (output = (output + b.toString("utf8")).slice(-4000));
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    arm(loadTimeoutS, "load", `it did not finish loading within ${loadTimeoutS} s (an endless loop at import?)`);
    child.on("message", (m: RunnerMessage) => {
      if (settled) return;
      onMessage(m);
      if (m.type === "ready") ready = true;
      if (m.type === "done") return finish({ kind: "done" });
      // A fresh host is loading after a crash: it gets the load time limit.
      if (m.type === "restarting")
        return arm(loadTimeoutS, "load", `the restarted host did not finish loading within ${loadTimeoutS} s`);
      arm(
        checkTimeoutS + graceS,
        "check",
        `it did not return within the check's time limit of ${checkTimeoutS} s (an endless loop or a hang?)`,
      );
    });
    child.on("exit", (code, signal) => {
      // Messages sent just before exiting arrive before 'exit'; give them a moment.
      setTimeout(() => {
        if (settled) return;
        const how = signal
          ? `the process was killed by ${signal}`
          : `the process exited with code ${code} (process.exit or an uncaught error)`;
        finish(ready ? { kind: "check", why: how } : { kind: "load", why: `${how} while loading` });
      }, 50);
    });
  });
}
