/**
 * The runner process: loads the implementation (a TypeScript adapter, or a host process for
 * another language), runs the checks it is told to, in order, and reports each result to the
 * supervisor (conformance/isolation/supervisor.ts) over the IPC channel. Whatever the
 * implementation does to this process (an endless loop, process.exit, a crash) the supervisor
 * sees and survives; the implementation's own output goes to this process's stdout/stderr, which
 * the supervisor captures, never to the report.
 */
import { resolve } from "node:path";
import { Worker } from "node:worker_threads";
import { once } from "node:events";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadAdapter, moduleFormatWarning, NotProvided, runChecks, type CheckResult } from "../engine.js";
import { loadChecks } from "../sources.js";
import type { Check } from "../check.js";
import { LawFailure } from "../laws/law.js";
import type { Adapter } from "../contract.js";
import { HostBridge, HostDied } from "../hosts/bridge.js";
import { pythonInterpreter } from "../hosts/python/interpreter.js";
import { notProvidedReason, notProvidedSeen, remoteAdapter, type HelloAnswer } from "../hosts/remote-impl.js";

export interface RunnerConfig {
  mode: "impl" | "python";
  /** The adapter module (impl) or the implementation's folder (python). */
  target: string;
  map?: unknown;
  python?: string;
  ids: string[];
  checkTimeoutS: number;
  numRuns?: number;
  seed?: number;
  path?: string;
  replayCommand: string;
  /** A module whose export `planted` is the catalogue of mistakes failures are compared with (the CLI passes mistakes/registry.ts). */
  catalogueModule?: string;
}

export type RunnerMessage =
  | {
      type: "ready";
      name: string;
      provides: string[];
      warnings: string[];
      implementation?: ImplementationInfo;
      incomplete?: string[];
    }
  | { type: "result"; result: CheckResult; incident?: string }
  | { type: "restarting"; why: string }
  | { type: "done"; stats?: RunStats };

/** CPU the run used (the checks and the host alternate: on an idle machine the run takes about their sum). */
export interface RunStats {
  runnerCpuSeconds: number;
  hostCpuSeconds: number;
  hostCalls: number;
}

export interface ImplementationInfo {
  host: string;
  modules: string[];
  resolution: { name: string; target?: string; how?: string }[];
  stubbed: string[];
  warnings: string[];
}

export const HOST_PY = fileURLToPath(new URL("../hosts/python/host.py", import.meta.url));

function send(m: RunnerMessage): Promise<void> {
  return new Promise((res) => process.send!(m, () => res()));
}

/** Starts the Python host and loads the implementation in it. */
export function startPython(config: Pick<RunnerConfig, "target" | "map" | "python" | "checkTimeoutS">): {
  bridge: HostBridge;
  hello: HelloAnswer;
} {
  const bridge = new HostBridge({ command: [config.python ?? pythonInterpreter().command, HOST_PY] });
  bridge.start();
  bridge.timeoutFor = () => config.checkTimeoutS;
  const hello = bridge.request({
    op: "hello",
    version: 1,
    dir: resolve(config.target),
    map: config.map ?? null,
    importTimeout: Math.min(5, config.checkTimeoutS),
  }) as HelloAnswer;
  return { bridge, hello };
}

type CatalogueModule = {
  planted: Parameters<typeof runChecks>[2] extends infer O ? (O extends { catalogue?: infer C } ? C : never) : never;
};

/**
 * Ends this process when its supervisor is gone (killed, or its terminal closed), even while the
 * implementation's code spins in an endless loop on the main thread: a thread of its own checks
 * the parent four times a second. Without it such a runner would spin on, orphaned, for ever.
 */
async function endWithTheSupervisor(): Promise<void> {
  // The parent's pid is read here, not in the thread: the thread may start after the parent died.
  const watch = new Worker(
    "const { workerData: parent } = require('node:worker_threads');" +
      "setInterval(() => { if (process.ppid !== parent) process.kill(process.pid, 'SIGKILL'); }, 250);",
    { eval: true, workerData: process.ppid },
  );
  await once(watch, "online"); // watching before the implementation's code runs
  watch.unref(); // and never keeping a finished runner alive
}

/**
 * The runner's work, for the config in argv[2]. `preloaded` is config.catalogueModule already
 * imported, and `importAdapter` imports the adapter (mode "impl") from the same bundle: the
 * supervisor's bundled runner passes both (see supervisor.ts).
 */
export async function main(preloaded?: unknown, importAdapter?: () => Promise<unknown>): Promise<void> {
  const config = JSON.parse(process.argv[2]) as RunnerConfig;
  // A Python implementation's endless loop is in the host, which watches the runner itself.
  if (config.mode === "impl") await endWithTheSupervisor();
  const all = await loadChecks();
  const catalogue = config.catalogueModule
    ? ((preloaded ?? (await import(pathToFileURL(resolve(config.catalogueModule)).href))) as CatalogueModule).planted
    : undefined;
  const byId = new Map(all.map((c) => [c.id, c]));
  let adapter: Adapter;
  let bridge: HostBridge | null = null;
  let info: ImplementationInfo | undefined;
  let started: ReturnType<typeof startPython> | undefined;
  if (config.mode === "impl") {
    adapter = await loadAdapter(config.target, importAdapter);
  } else {
    started = startPython(config);
    bridge = started.bridge;
    const built = remoteAdapter(bridge, started.hello, `Python implementation in ${config.target}`);
    adapter = built.adapter;
    info = {
      host: started.hello.host,
      modules: started.hello.modules ?? [],
      resolution: built.resolution,
      stubbed: started.hello.stubbed ?? [],
      warnings: started.hello.warnings ?? [],
    };
  }
  const failures = config.mode === "python" ? ((info && started?.hello.importFailures) ?? []) : [];
  const format = config.mode === "impl" ? moduleFormatWarning(config.target) : null;
  await send({
    type: "ready",
    name: adapter.name,
    provides: [...adapter.provides],
    warnings: format ? [format] : [],
    implementation: info,
    incomplete: failures.map((f) => `a module did not load: ${f}`),
  });

  let incident: string | undefined;
  let hostCpu = 0,
    hostCalls = 0;
  let checkStart = 0;
  if (bridge) bridge.timeoutFor = () => Math.max(0.05, config.checkTimeoutS - (performance.now() - checkStart) / 1000);
  const wrap = (c: Check): Check => ({
    ...c,
    async run(impl, params) {
      checkStart = performance.now();
      notProvidedSeen.clear();
      try {
        await c.run(impl, params);
      } catch (e) {
        const kind =
          (e as { hostKind?: string }).hostKind ??
          (e instanceof Error && /the implementation threw Error: \S+ (did not return|called sys\.exit)/.test(e.message)
            ? "limit"
            : undefined);
        if (e instanceof HostDied || /HostDied/.test(String((e as Error).message)))
          incident = `the implementation's host process failed during this check: ${(e as Error).message}`;
        else if (kind === "timeout" || kind === "exit" || kind === "limit")
          incident = `during this check the implementation ${/did not return/.test(String((e as Error).message)) ? "ran past the time limit" : "called sys.exit"}`;
        // A case that broke the law wins over cases that reached for a missing part (laws/law.ts skips those).
        const broken = e instanceof LawFailure && e.counterexample;
        if (notProvidedSeen.size > 0 && !incident && !broken) throw new NotProvided(notProvidedReason(notProvidedSeen));
        throw e;
      }
    },
  });
  const checks = config.ids
    .map((id) => byId.get(id))
    .filter((c): c is Check => c !== undefined)
    .map(wrap);
  for (const check of checks) {
    incident = undefined;
    const { results } = await runChecks(adapter, [check], {
      numRuns: config.numRuns,
      seed: config.seed,
      path: config.path,
      replayCommand: config.replayCommand,
      catalogue,
    });
    const result = results[0];
    if (bridge) {
      if (incident && /host process failed/.test(incident)) {
        const tail = bridge.logTail();
        if (tail) result.message = `${result.message ?? ""}\nThe host's own output ended with:\n${tail}`;
        hostCalls += bridge.calls;
        bridge.stop();
        await send({ type: "result", result, incident });
        await send({ type: "restarting", why: incident });
        const restarted = startPython(config);
        bridge = restarted.bridge;
        const rebuilt = remoteAdapter(bridge, restarted.hello, adapter.name);
        adapter = rebuilt.adapter;
        bridge.timeoutFor = () => Math.max(0.05, config.checkTimeoutS - (performance.now() - checkStart) / 1000);
        await send({ type: "ready", name: adapter.name, provides: [...adapter.provides], warnings: [] });
        continue;
      }
      bridge.reset(true, config.seed ?? 0);
    }
    await send({ type: "result", result, incident });
  }
  let stats: RunStats | undefined;
  const cpu = process.cpuUsage();
  if (bridge) {
    const host = bridge.request({ op: "stats" }) as { cpuSeconds: number };
    stats = {
      runnerCpuSeconds: (cpu.user + cpu.system) / 1e6,
      hostCpuSeconds: hostCpu + host.cpuSeconds,
      hostCalls: hostCalls + bridge.calls,
    };
    bridge.request({ op: "exit" });
    bridge.stop();
  }
  await send({ type: "done", stats });
  process.disconnect?.();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
