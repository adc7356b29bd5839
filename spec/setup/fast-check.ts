/**
 * fast-check seeding for every spec file. Under CI (process.env.CI set) the seed is pinned, so a
 * CI run is reproducible; locally each run draws a fresh seed, so repeated runs explore new cases.
 * FC_SEED=<n> forces a seed (and FC_PATH=<path> a counterexample path; see spec/laws/law.ts) to
 * replay a failure. On a failing test the seed and the replay command are printed.
 */
import fc from "fast-check";
import { beforeEach } from "vitest";

/** The CI seed. Changing it is fine; keeping it fixed is what makes CI runs repeatable. */
export const PINNED_SEED = 20240601;

function chooseSeed(): number {
  if (process.env.FC_SEED !== undefined && process.env.FC_SEED !== "") {
    const s = Number(process.env.FC_SEED);
    if (!Number.isInteger(s)) throw new Error(`FC_SEED: expected an integer, received ${JSON.stringify(process.env.FC_SEED)}`);
    return s;
  }
  if (process.env.CI) return PINNED_SEED;
  return (Math.random() * 0x7fffffff) | 0; // a test-side seed, never used by src
}

const seed = chooseSeed();
fc.configureGlobal({ seed });

beforeEach(({ onTestFailed, task }) => {
  onTestFailed(() => {
    const file = task.file?.filepath ? task.file.filepath.replace(`${process.cwd()}/`, "") : "<spec file>";
    const title = task.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/'/g, `'\\''`);
    console.error(
      `\n[fast-check] this file ran with seed ${seed}${process.env.CI ? " (pinned under CI)" : " (random locally)"}.` +
        `\n[fast-check] replay: FC_SEED=${seed} npx vitest run ${file} -t '${title}'` +
        `\n[fast-check] a law failure above also prints the counterexample path (FC_PATH) for an exact replay.\n`,
    );
  });
});
