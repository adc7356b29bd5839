/**
 * Runs an exercise's checks (the TypeScript exercise's spec.ts, unchanged) against the learner's
 * Python, through the conformance Python host (conformance/hosts/python/host.py, over
 * conformance/hosts/bridge.ts). One host serves every check and every run: a run sends `hello`
 * again, which reloads the learner's files in the warm process, so a save is checked without
 * starting Python and NumPy again. The optimizer, BatchNorm and Dropout classes are the contract's
 * remote classes (conformance/hosts/remote-impl.ts); the exercise functions (init_weight,
 * log_uniform, …) are called by the names layout.ts gives them, with the check's seeded generator
 * feeding np.random. Errors are shown at the learner's file and line, never the host's.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { encodeArray, HostBridge, HostCallError, HostDied } from "../../../conformance/hosts/bridge.js";
import { drawsFrom, remoteAdapter, type HelloAnswer } from "../../../conformance/hosts/remote-impl.js";
import { pythonInterpreter } from "../../../conformance/hosts/python/interpreter.js";
import type { Matrix } from "../../../src/base/matrix.js";
import type { ExerciseSpec } from "../exercise.js";
import { ROOT } from "../paths.js";
import type { CheckResult, RunResult } from "../run-checks.js";
import { LearnFailure } from "../teach.js";
import { PY_EXERCISES, PY_FILES, checksOf, pyExercise, pySource } from "./layout.js";
import { inPython } from "./words.js";
import { writeVariant } from "./variant.js";
import type { Runner } from "../lang.js";

export const HOST_PY = join(ROOT, "conformance", "hosts", "python", "host.py");

/** Seconds one check may take in Python before the host stops it (an endless loop). */
export const CHECK_SECONDS = 10;

type RngLike = { uniform(): number; normal(): number; permutation?(n: number): ArrayLike<number> };

/** The Python frames of a traceback that lie in `root` (the learner's workspace), as "file, line N, in f" and the code. */
export function learnerFrames(traceback: string, root: string): string[] {
  const out: string[] = [];
  const re = /^ {2}File "([^"]+)", line (\d+), in (.+)\n(?: {4}(.+)\n)?/gm;
  for (const m of traceback.matchAll(re)) {
    if (!m[1].startsWith(root)) continue;
    out.push(`  ${m[1].slice(root.length + 1)}, line ${m[2]}, in ${m[3]}` + (m[4] ? `\n      ${m[4].trim()}` : ""));
  }
  return out;
}

/** What a failed Python call says to the learner: the exception, where in their file, what it printed. */
export function describePythonError(err: unknown, root: string, seconds = CHECK_SECONDS): string {
  let kind = "exception",
    message = err instanceof Error ? err.message : String(err),
    traceback = "",
    output = "";
  if (err instanceof HostCallError) {
    kind = err.kind;
    traceback = err.traceback ?? "";
    output = err.output ?? "";
  } else if (err instanceof Error) {
    kind = (err as { hostKind?: string }).hostKind ?? "exception";
    const at = message.indexOf("Traceback (most recent call last):");
    if (at >= 0) {
      traceback = message.slice(at);
      const o = /\n\(its output: (".*")\)$/.exec(traceback);
      if (o) {
        output = JSON.parse(o[1]) as string;
        traceback = traceback.slice(0, o.index);
      }
      message = message.slice(0, at).trim();
    }
  }
  const lastLine = traceback.trim().split("\n").pop() ?? "";
  const frames = learnerFrames(traceback, root);
  const head =
    kind === "timeout"
      ? `Your code did not return within ${seconds} s: is there an endless loop?` +
        (frames.length ? " It was stopped here:" : "")
      : kind === "exit"
        ? "Your code called sys.exit() (or exit()); the checks caught it and stopped." +
          (frames.length ? " It was called here:" : "")
        : kind === "not provided"
          ? `Your code is missing a piece the check needs: ${message.replace(/^[^:]*: /, "")}`
          : `Your code raised ${traceback ? lastLine : message.replace(/^.*? raised /, "")}`;
  const lines = [head, ...frames.slice(-4)];
  if (output.trim())
    lines.push(
      `It printed (last lines):`,
      ...output
        .trim()
        .split("\n")
        .slice(-5)
        .map((l) => `  │ ${l}`),
    );
  return lines.join("\n");
}

/** The map the host gets: every exercise's names, at their files in the workspace. */
function mapFor(root: string) {
  const names: Record<string, string> = {};
  for (const ex of Object.values(PY_EXERCISES))
    for (const [tsName, pyName] of Object.entries(ex.names)) names[tsName] = `${ex.file}:${pyName}`;
  return { names, modules: PY_FILES.map((f) => f.path).filter((p) => existsSync(join(root, p))) };
}

const asLabels = (m: unknown): Int32Array | unknown =>
  m && typeof m === "object" && (m as Matrix).data instanceof Float64Array ? Int32Array.from((m as Matrix).data) : m;

export class PythonChecks {
  private bridge: HostBridge | null = null;
  private deadline = 0;
  calls = 0;

  private readonly python: string;
  private readonly checkSeconds: number;

  /**
   * `python`: the interpreter ($LEARN_PYTHON, else the one `python3` names, asked once for its path:
   * conformance/hosts/python/interpreter.ts); `checkSeconds`: each check's time limit.
   */
  constructor({ python = process.env.LEARN_PYTHON ?? pythonInterpreter().command, checkSeconds = CHECK_SECONDS } = {}) {
    this.python = python;
    this.checkSeconds = checkSeconds;
  }

  /** Starts the host (Python and NumPy load now, not on the learner's first save). */
  warm(): HelloAnswer {
    return this.hello("");
  }

  private host(): HostBridge {
    if (this.bridge && !this.bridge.dead) return this.bridge;
    this.bridge?.stop();
    // The bridge would wait forever for a host that never started: try the interpreter first.
    const probe = spawnSync(this.python, ["-c", ""], { encoding: "utf8" });
    if (probe.error || probe.status !== 0)
      throw new Error(`${this.python} does not run (${probe.error?.message ?? probe.stderr.trim()})`);
    // -B: no __pycache__ in the learner's folder (a .pyc keyed by whole-second mtimes could outlive a quick edit)
    const b = new HostBridge({ command: [this.python, "-B", HOST_PY] });
    b.timeoutFor = () => Math.max(0.05, (this.deadline - Date.now()) / 1000);
    b.start();
    this.bridge = b;
    return b;
  }

  private hello(root: string): HelloAnswer {
    this.deadline = Date.now() + 30_000; // importing NumPy on a loaded machine
    const b = this.host();
    b.expired = null; // a time limit hit by the last check of the previous run is not this run's
    return b.request({
      op: "hello",
      version: 1,
      dir: root,
      map: root ? mapFor(root) : null,
      importTimeout: 5,
    }) as HelloAnswer;
  }

  stop(): void {
    this.bridge?.stop();
    this.bridge = null;
  }

  /** The module the checks get: the exercise's names, each a stand-in for the learner's Python. */
  private moduleFor(id: string, hello: HelloAnswer, bridge: HostBridge): Record<string, unknown> {
    const classes = remoteAdapter(bridge, hello, "learner").adapter.impl as Record<string, unknown>;
    /** `uniforms`: draws sent with the call (the host uses them first), saving a callback per draw. */
    const call = (name: string, args: unknown[], rng?: RngLike, uniforms = 0): unknown => {
      const msg: Record<string, unknown> = { op: "call", target: name, args: bridge.encode(args) };
      if (rng) msg.rng = bridge.encode(drawsFrom(rng));
      if (rng && uniforms > 0)
        msg.draws = Array.from({ length: uniforms }, () => ({
          $array: encodeArray(Float64Array.of(rng.uniform()), [1], "f8"),
        }));
      return bridge.request(msg);
    };
    const py = pyExercise(id).names;
    const fns: Record<string, (...a: never[]) => unknown> = {
      initStd: (init: unknown, n: number) => call("initStd", [init, n]),
      initWeight: (nIn: number, nOut: number, init: unknown, rng: RngLike) =>
        call("initWeight", [nIn, nOut, init], rng),
      weightDecayLoss: (params: unknown, lambda: number) => call("weightDecayLoss", [params, lambda]),
      addWeightDecay: (grads: unknown, params: unknown, lambda: number) =>
        call("addWeightDecay", [grads, params, lambda]),
      // the decade check calls it 10,000 times: its one draw travels with the call
      logUniform: (rng: RngLike, lo: number, hi: number) => call("logUniform", [lo, hi], rng, 1),
      sampleHyperparameters: (rng: RngLike, ranges: { lr: unknown; weightDecay: unknown }) => {
        const r = call("sampleHyperparameters", [{ lr: ranges.lr, weight_decay: ranges.weightDecay }], rng) as Record<
          string,
          unknown
        > | null;
        return r && typeof r === "object" ? { lr: r.lr, weightDecay: r.weight_decay } : r;
      },
      splitValidation: (x: Matrix, t: Int32Array, rate: number, rng: RngLike) => {
        const r = call("splitValidation", [x, t, rate], rng);
        if (!Array.isArray(r) || r.length !== 4)
          throw new LearnFailure(
            `§6.5.1 validation data: split_validation must return x_train, t_train, x_val, t_val (4 arrays), received ${Array.isArray(r) ? `${r.length} values` : String(r)}`,
          );
        return { xTrain: r[0], tTrain: asLabels(r[1]), xVal: r[2], tVal: asLabels(r[3]) };
      },
    };
    const mod: Record<string, unknown> = {};
    for (const name of Object.keys(py)) mod[name] = classes[name] ?? fns[name];
    return mod;
  }

  /** Why an exercise's names cannot be used (its file did not import, or lacks them); null when all resolve. */
  private loadProblem(id: string, hello: HelloAnswer, root: string): string | null {
    const ex = pyExercise(id);
    const failures = (hello.importFailures ?? []).filter((f) => f.startsWith(`${ex.file}:`));
    if (failures.length)
      return failures.map((f) => `Could not load ${f.replace(": raised at import, skipped:", ":")}`).join("\n");
    if (!existsSync(join(root, ex.file)))
      return `${join(root, ex.file)} is missing (npm run learn -- --python setup puts it back).`;
    const missing = Object.entries(ex.names).filter(([ts]) => !hello.resolved[ts]);
    if (missing.length)
      return `${ex.file} must define ${missing.map(([, p]) => p).join(", ")} (the name the checks look for); it was not found.`;
    const stubbed = (hello.stubbed ?? []).filter(
      (s) => !["matplotlib", "pylab", "seaborn", "IPython", "tqdm"].includes(s),
    );
    if (stubbed.length)
      return `${ex.file} imports ${stubbed.join(", ")}, which is not installed (a typo in an import?).`;
    return null;
  }

  /** One exercise's checks against the learner's Python under `root` (hello must have loaded it). */
  private async checkOne(
    id: string,
    file: string,
    root: string,
    hello: HelloAnswer,
    firstFailureOnly: boolean,
  ): Promise<RunResult> {
    const { spec } = (await import(pathToFileURL(checksOf(id)).href)) as { spec: ExerciseSpec<unknown> };
    const problem = this.loadProblem(id, hello, root);
    if (problem) return { id, file, passed: false, loadError: inPython(problem), checks: [] };
    const bridge = this.host();
    const checks: CheckResult[] = [];
    let stopped = false;
    for (const check of spec.checks) {
      this.deadline = Date.now() + this.checkSeconds * 1000;
      try {
        bridge.reset(true, 0);
        const mod = this.moduleFor(id, hello, bridge);
        await check.run(mod);
        checks.push({ name: inPython(check.name), ok: true });
      } catch (err) {
        if (err instanceof HostDied) throw err;
        const kind = err instanceof HostCallError ? err.kind : (err as { hostKind?: string }).hostKind;
        stopped = kind === "timeout" || kind === "exit";
        const assertion = err instanceof Error && (err.name === "LearnFailure" || err.name === "AssertionError");
        checks.push({
          name: inPython(check.name),
          ok: false,
          kind: assertion ? "assertion" : "error",
          message: inPython(assertion ? (err as Error).message : describePythonError(err, root, this.checkSeconds)),
        });
      } finally {
        this.calls += bridge.calls;
        bridge.calls = 0;
      }
      if (firstFailureOnly && !checks[checks.length - 1].ok) break;
      if (stopped) break; // after an endless loop or sys.exit the other checks would only repeat it
    }
    return { id, file, passed: checks.every((c) => c.ok), checks };
  }

  /**
   * Runs jobs in order and stops at the first failure, as the TypeScript runner does. A job's
   * file is the learner's file of the exercise (its workspace is found from it), or the
   * exercise's stub.py or solution.py in the repository (run in a scratch workspace where every
   * other section is the reference solution). `problem` is set when Python itself stopped.
   * `firstFailureOnly` skips an exercise's checks after its first failure (for CI, which reads only it).
   */
  async run(
    jobs: { id: string; file: string }[],
    { firstFailureOnly = false } = {},
  ): Promise<{ results: RunResult[]; problem?: string }> {
    const results: RunResult[] = [];
    const scratch: string[] = [];
    let loaded = "";
    let hello: HelloAnswer | null = null;
    try {
      for (const job of jobs) {
        const root = this.rootOf(job, scratch);
        if (root !== loaded || !hello) {
          try {
            hello = this.hello(root);
          } catch (err) {
            this.stop();
            return {
              results,
              problem:
                `Python could not be started or could not load ${root}: ${(err as Error).message}\n` +
                "Learn mode needs python3 with NumPy (LEARN_PYTHON=/path/to/python picks another interpreter).",
            };
          }
          loaded = root;
        }
        const r = await this.checkOne(job.id, job.file, root, hello, firstFailureOnly);
        results.push(r);
        if (!r.passed) break;
      }
      return { results };
    } catch (err) {
      if (!(err instanceof HostDied)) throw err;
      // the exit status arrives with the process's exit event: give it a moment
      for (let k = 0; k < 20 && this.bridge && !this.bridge.exitInfo; k++)
        await new Promise((ok) => setTimeout(ok, 25));
      const exit = this.bridge?.exitInfo;
      this.stop();
      return {
        results,
        problem:
          `Python stopped while running your code${exit ? (exit.signal ? ` (killed by ${exit.signal})` : ` (exit code ${exit.code})`) : ""}: ` +
          "os._exit(), a crash inside NumPy or C code, or running out of memory. The checks run again on your next save.",
      };
    } finally {
      for (const d of scratch) rmSync(d, { recursive: true, force: true });
    }
  }

  private rootOf(job: { id: string; file: string }, scratch: string[]): string {
    const rel = pyExercise(job.id).file;
    if (job.file.endsWith(`/${rel}`)) return job.file.slice(0, -(rel.length + 1));
    for (const which of ["stub", "solution"] as const)
      if (job.file === pySource(job.id, `${which}.py`)) {
        const dir = mkdtempSync(join(tmpdir(), "learn-py-"));
        scratch.push(dir);
        writeVariant(dir, job.id, which);
        return dir;
      }
    throw new Error(
      `learn/python: ${job.file} is neither a workspace file of ${job.id} (…/${rel}) nor its stub or solution`,
    );
  }
}

/** A runner for learn's command line that checks in this process with one shared host (for tests). */
export function pythonHere(checks: PythonChecks): Runner {
  return async (jobs, options) => {
    const run = await checks.run(jobs, options);
    return { results: run.results, output: "", ...(run.problem ? { problem: run.problem } : {}) };
  };
}
