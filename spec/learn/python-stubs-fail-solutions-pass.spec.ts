/**
 * CI proof of Python learn mode, as spec/learn/stubs-fail-solutions-pass.spec.ts is for
 * TypeScript: for every exercise, the untouched Python stub fails its first check on the numbers,
 * the Python reference solution passes every check, and every planted mistake of the exercise —
 * the registry entry's Python patch applied to the solution — fails with a message that names it.
 * One Python host serves the whole file (each variant is a scratch workspace loaded by `hello`).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXERCISES } from "../../learn/catalogue.js";
import type { PlantedMistake } from "../../learn/lib/exercise.js";
import { exerciseFile } from "../../learn/lib/paths.js";
import { pyExercise, pySource } from "../../learn/lib/python/layout.js";
import { PythonChecks } from "../../learn/lib/python/run.js";
import { writeVariant } from "../../learn/lib/python/variant.js";
import { sectionSource } from "../../learn/lib/python/workspace.js";
import { inPython } from "../../learn/lib/python/words.js";
import { applyPatch, PYTHON_PATCHES } from "../../mistakes/python.js";
import { entryById } from "../../mistakes/registry.js";

const checks = new PythonChecks();
const scratch = mkdtempSync(join(tmpdir(), "learn-py-ci-"));
beforeAll(() => void checks.warm(), 60_000);
afterAll(() => {
  checks.stop();
  rmSync(scratch, { recursive: true, force: true });
});

const report = (cs: { name: string; ok: boolean; message?: string }[]) =>
  cs
    .map((c) => `${c.ok ? "✓" : "✗"} ${c.name}${c.ok ? "" : `\n    ${c.message?.replace(/\n/g, "\n    ")}`}`)
    .join("\n");

describe.each(EXERCISES.map((ex) => [ex.id] as const))("Python learn exercise %s", (id) => {
  it("the untouched stub loads, and fails its first check on the numbers", async () => {
    const run = await checks.run([{ id, file: pySource(id, "stub.py") }], { firstFailureOnly: true });
    const r = run.results[0];
    expect(run.problem).toBeUndefined();
    expect(r.loadError, r.loadError).toBeUndefined();
    expect(r.checks[0].ok, `the Python stub of ${id} passes check 1 ("${r.checks[0].name}")`).toBe(false);
    expect(r.checks[0].kind, `the Python stub of ${id} fails check 1 by raising:\n${r.checks[0].message}`).toBe(
      "assertion",
    );
  });

  it("the reference solution passes every check", async () => {
    const run = await checks.run([{ id, file: pySource(id, "solution.py") }]);
    const r = run.results[0];
    expect(run.problem).toBeUndefined();
    expect(r.loadError, r.loadError).toBeUndefined();
    expect(r.passed, `the Python solution of ${id} fails:\n${report(r.checks)}`).toBe(true);
  });

  it("every planted mistake (the registry's Python patch of the solution) fails, and its first failure names it", async () => {
    const { mistakes } = (await import(pathToFileURL(exerciseFile(id, "mistakes.ts")).href)) as {
      mistakes: PlantedMistake[];
    };
    for (const m of mistakes) {
      const entry = entryById(m.id);
      expect(entry.python, `registry entry ${m.id} (planted in learn's ${id}) has no Python patch`).toBeDefined();
      expect(entry.python!.exercise).toBe(id);
      const dir = join(scratch, `${id}-${m.id}`);
      writeVariant(dir, id, { text: applyPatch(sectionSource(id, "solution"), m.id, entry.python!) });
      const run = await checks.run([{ id, file: join(dir, pyExercise(id).file) }], { firstFailureOnly: true });
      const r = run.results[0];
      expect(r.loadError, `${m.id}: ${r.loadError}`).toBeUndefined();
      const first = r.checks.find((c) => !c.ok);
      expect(first, `planted mistake "${entry.mistake}" passes every check of ${id} in Python`).toBeDefined();
      expect(
        first!.message,
        `planted mistake "${entry.mistake}": first failure ("${first!.name}") does not name it`,
      ).toContain(entry.python!.says ?? inPython(m.says));
    }
  });
});

describe("the Python patches", () => {
  it("are each keyed by a registry entry that learn plants in the patch's exercise", async () => {
    const planted = new Map<string, string>();
    for (const ex of EXERCISES) {
      const { mistakes } = (await import(pathToFileURL(exerciseFile(ex.id, "mistakes.ts")).href)) as {
        mistakes: PlantedMistake[];
      };
      for (const m of mistakes) planted.set(m.id, ex.id);
    }
    for (const [id, patch] of Object.entries(PYTHON_PATCHES)) {
      expect(() => entryById(id)).not.toThrow();
      expect(planted.get(id), `Python patch ${id} is for a mistake learn does not plant`).toBe(patch.exercise);
    }
  });
});
