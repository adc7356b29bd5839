/**
 * `npm test`: the type check (tsc) and the tests (vitest) side by side, so the type check costs no
 * wall time of its own (docs/testing.md). Plain JavaScript: it starts before anything is compiled.
 *
 * tsc runs at a lower priority (vitest's two workers come first; tsc takes the moments they wait
 * on a child process) and incrementally (node_modules/.cache/tsc/, one file per checkout: tsc re-reads only what changed,
 * and a changed file is always checked again). Its output is printed after vitest's. The exit code
 * is non-zero when either fails: a type error fails `npm test` even when every test passes.
 * Arguments go to vitest (`npm test -- spec/unit` runs one folder, still type-checking everything).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { setPriority } from "node:os";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const tscBin = require.resolve("typescript/bin/tsc");
const vitestBin = join(dirname(require.resolve("vitest/package.json")), "vitest.mjs");

// One build-info file per checkout (a node_modules shared between worktrees keeps theirs apart).
const checkout = createHash("sha256").update(process.cwd()).digest("hex").slice(0, 12);
const buildInfo = join("node_modules", ".cache", "tsc", `${checkout}.tsbuildinfo`);
const tscArgs = ["--noEmit", "-p", "tsconfig.json", "--incremental", "--tsBuildInfoFile", buildInfo];

const tsc = spawn(process.execPath, [tscBin, ...tscArgs], { stdio: ["ignore", "pipe", "pipe"] });
try {
  setPriority(tsc.pid, 10);
} catch {
  // not allowed here: it runs at the same priority
}
let tscOutput = "";
tsc.stdout.on("data", (d) => (tscOutput += d));
tsc.stderr.on("data", (d) => (tscOutput += d));
const tscDone = new Promise((done) => {
  tsc.on("error", (e) => done({ code: 1, why: e.message }));
  tsc.on("close", (code, signal) => done({ code: code ?? 1, why: signal ? `killed by ${signal}` : "" }));
});

// glibc's allocator keeps freed memory for reuse instead of giving large blocks back to the system
// and faulting fresh pages in for the next one: the specs allocate and drop many arrays of 1–63 MB
// (MNIST splits, batches, evaluation sets), and on the 2-core reference VM a fresh page costs more
// than clearing a reused one. About 9 s of the suite's 133 s of CPU (docs/testing.md). Values set
// by the caller win; other C libraries ignore these variables.
const MALLOC = {
  MALLOC_MMAP_THRESHOLD_: "4294967296",
  MALLOC_TRIM_THRESHOLD_: "4294967296",
  MALLOC_TOP_PAD_: "268435456",
};
const vitest = spawn(process.execPath, [vitestBin, "run", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...MALLOC, ...process.env },
});
const vitestCode = await new Promise((done) => {
  vitest.on("error", () => done(1));
  vitest.on("close", (code) => done(code ?? 1));
});

const t = await tscDone;
if (t.code === 0) {
  console.log("\n tsc --noEmit: no type errors");
} else {
  process.stderr.write(`\n tsc --noEmit failed (exit code ${t.code}${t.why ? `, ${t.why}` : ""}):\n${tscOutput}\n`);
}
process.exit(vitestCode !== 0 ? vitestCode : t.code);
