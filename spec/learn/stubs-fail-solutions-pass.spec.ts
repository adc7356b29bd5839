/**
 * CI proof of learn mode: for every exercise, the untouched stub fails its checks (first at
 * check 1, which is what a new learner sees), the reference solution passes every check, and
 * each planted mistake fails with a message that names the mistake.
 */
import { describe, expect, it } from "vitest";
import { pathToFileURL } from "node:url";
import { EXERCISES } from "../../learn/catalogue.js";
import type { ExerciseSpec, PlantedMistake } from "../../learn/lib/exercise.js";
import { entryById } from "../../mistakes/registry.js";
import { exerciseFile } from "../../learn/lib/paths.js";
import { runChecks, runExercise } from "../../learn/lib/run-checks.js";

const report = (checks: { name: string; ok: boolean; message?: string }[]) =>
  checks
    .map((c) => `${c.ok ? "✓" : "✗"} ${c.name}${c.ok ? "" : `\n    ${c.message?.replace(/\n/g, "\n    ")}`}`)
    .join("\n");

describe.each(EXERCISES.map((ex) => [ex.id, ex] as const))("learn exercise %s", (id) => {
  it("the untouched stub loads, and fails its first check on the numbers", async () => {
    const r = await runExercise(id, exerciseFile(id, "stub.ts"));
    expect(r.loadError, r.loadError).toBeUndefined();
    expect(r.passed, `the stub of ${id} passes all its checks: the checks cannot tell a stub from an answer`).toBe(
      false,
    );
    expect(
      r.checks[0].ok,
      `the stub of ${id} passes check 1 ("${r.checks[0].name}"): a new learner would not see a failure first`,
    ).toBe(false);
    expect(
      r.checks[0].kind,
      `the stub of ${id} fails check 1 by throwing, not on the numbers:\n${r.checks[0].message}`,
    ).toBe("assertion");
  });

  it("the reference solution passes every check", async () => {
    const r = await runExercise(id, exerciseFile(id, "solution.ts"));
    expect(r.loadError, r.loadError).toBeUndefined();
    expect(r.passed, `the solution of ${id} fails:\n${report(r.checks)}`).toBe(true);
  });

  it("every planted mistake fails, and its first failure names the mistake", async () => {
    const { spec } = (await import(pathToFileURL(exerciseFile(id, "spec.ts")).href)) as { spec: ExerciseSpec<unknown> };
    const { mistakes } = (await import(pathToFileURL(exerciseFile(id, "mistakes.ts")).href)) as {
      mistakes: PlantedMistake[];
    };
    expect(mistakes.length).toBeGreaterThan(0);
    for (const { id: entry, says, module } of mistakes) {
      const m = { name: entryById(entry).mistake, says, module };
      const checks = await runChecks(spec, m.module, exerciseFile(id, "mistakes.ts"));
      const first = checks.find((c) => !c.ok);
      expect(first, `planted mistake "${m.name}" passes every check of ${id}`).toBeDefined();
      expect(
        first!.message,
        `planted mistake "${m.name}": first failure ("${first!.name}") does not name it`,
      ).toContain(m.says);
    }
  });
});
