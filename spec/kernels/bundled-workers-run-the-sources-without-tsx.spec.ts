/**
 * runJobs starts its workers on plain JavaScript bundled from the job modules' sources
 * (src/runtime/node-bundle.ts) instead of tsx's loader, which costs about 40 MB a worker. The bundle must
 * behave like the sources: each module sees its own import.meta.url, a changed source is bundled
 * anew, a module that cannot be bundled is a clear error, and `loader: "tsx"` remains for what a
 * bundle cannot do. (That the numbers are the same bytes is spec/kernels/parallel-equals-serial.)
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { threadId } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { runJobs } from "../../src/runtime/parallel.js";
import type { SmallRun } from "./parallel-jobs.js";

const jobsModule = new URL("./parallel-jobs.ts", import.meta.url);
const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe("runJobs' bundled workers (plain JavaScript, no tsx) behave like the TypeScript sources", () => {
  it("a job module sees its own import.meta.url on a bundled worker, as code that finds files next to itself needs", async () => {
    const [w] = await runJobs<{ url: string; threadId: number }>([{ module: jobsModule, fn: "whereAmI" }], {
      workers: 1,
    });
    expect(w!.threadId, "the job must run on a worker").not.toBe(threadId);
    expect(
      w!.url,
      "import.meta.url in a bundled module should be its source's URL (src/runtime/node-bundle.ts replaces it per module), not the bundle file's",
    ).toBe(jobsModule.href);
  });

  it('bundled workers run without tsx (a .ts file imported at run time fails there); loader: "tsx" runs it, with the same bytes', async () => {
    const args = { url: jobsModule.href, fn: "trainSmallNet", args: { optimizer: "adam", seed: 7, iters: 10 } };
    const job = { module: jobsModule, fn: "importAtRunTime", args };
    await expect(runJobs([job], { workers: 1 }), "a bundled worker should have no TypeScript loader").rejects.toThrow(
      /job 0 \(importAtRunTime .*Unknown file extension "\.ts"/,
    );
    const [viaTsx] = await runJobs<SmallRun>([job], { workers: 1, loader: "tsx" });
    const [here] = await runJobs<SmallRun>([job], { workers: 0 });
    expect(
      bytes(viaTsx!.losses).equals(bytes(here!.losses)),
      "Adam (seed 7, 10 iterations): losses on a tsx worker differ from this thread's",
    ).toBe(true);
  });

  it("a changed source is bundled anew, not served from the cache", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dlfs-bundle-"));
    try {
      const file = join(dir, "version.ts");
      const version = async () =>
        (await runJobs<number>([{ module: pathToFileURL(file), fn: "version" }], { workers: 1 }))[0];
      writeFileSync(file, "export const version = (): number => 1;\n");
      expect(await version()).toBe(1);
      writeFileSync(file, "export const version = (): number => 2;\n");
      expect(
        await version(),
        "the worker ran the old source: the bundle cache must be keyed by the sources' content",
      ).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a module that cannot be bundled rejects before any worker starts, naming it and the tsx fallback; a bad loader is refused", async () => {
    const missing = new URL("./no-such-jobs.ts", import.meta.url);
    await expect(runJobs([{ module: missing, fn: "anything" }], { workers: 1 })).rejects.toThrow(
      /runJobs: could not bundle the worker's modules: .*no-such-jobs\.ts.*\{ loader: "tsx" \}/,
    );
    await expect(
      runJobs([{ module: jobsModule, fn: "whereAmI" }], { workers: 0, loader: "ts-node" as "tsx" }),
    ).rejects.toThrow(/options\.loader.*"bundle" or "tsx".*"ts-node"/);
  });
});
