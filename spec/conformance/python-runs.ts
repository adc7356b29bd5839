/**
 * Running a Python port of spec/fixtures/python through the host, as the Python-port specs do: a
 * few runs per property (the props specs run the laws in full) and generous limits (the machine
 * may be loaded).
 */
import type { Check } from "../../conformance/check.js";
import { supervise } from "../../conformance/isolation/supervisor.js";

export const CONFIG = { checkTimeoutS: 90, numRuns: 4, replayCommand: "test" };

/** The checks on the port in `dir` (with an optional --map), in one supervised run. */
export function runPort(dir: string, checks: Check[], map?: unknown) {
  return supervise({ mode: "python", target: dir, map, ...CONFIG }, checks, {
    checkTimeoutS: CONFIG.checkTimeoutS,
    loadTimeoutS: 90,
    runTimeoutS: 900,
  });
}
