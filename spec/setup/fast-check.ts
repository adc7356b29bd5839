/**
 * Vitest setup for every spec file: fast-check's global seed is pinned under CI, random locally,
 * forced by FC_SEED (see seed.ts). FC_PATH=<path> replays one counterexample of a law (see
 * conformance/laws/law.ts). When a test fails, the seed and the command that replays it are printed.
 */
import fc from "fast-check";
import { beforeEach } from "vitest";
import { chooseSeed } from "./seed.js";

const seed = chooseSeed(process.env);
fc.configureGlobal({ seed });

beforeEach(({ onTestFailed, task }) => {
  onTestFailed(() => {
    const file = task.file?.filepath ? task.file.filepath.replace(`${process.cwd()}/`, "") : "<spec file>";
    const title = task.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/'/g, `'\\''`);
    console.error(
      `\n[fast-check] this file ran with seed ${seed}${process.env.FC_SEED ? " (FC_SEED)" : process.env.CI ? " (pinned under CI)" : " (random locally)"}.` +
        `\n[fast-check] replay: FC_SEED=${seed} npx vitest run ${file} -t '${title}'` +
        `\n[fast-check] a law failure above also prints the counterexample path (FC_PATH) for an exact replay.\n`,
    );
  });
});
