/**
 * vitest globalSetup: a fresh, empty folder for spec/run-once.ts, made when a test run starts,
 * emptied before each rerun in watch mode (sources may have changed) and removed when the run ends,
 * so no computed run outlives the run of the code that computed it.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    sharedRunsDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), "dlfs-run-once-"));
  project.provide("sharedRunsDir", dir);
  project.onTestsRerun(() => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
  });
  return () => rmSync(dir, { recursive: true, force: true });
}
