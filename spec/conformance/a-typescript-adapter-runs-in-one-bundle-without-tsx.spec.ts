/**
 * A TypeScript adapter's runner starts without tsx: the supervisor bundles the runner and the adapter
 * into one plain-JavaScript file, so both share one copy of src/ (the reference's `instanceof Matrix`
 * checks accept the adapter's matrices). Wherever that bundle could behave unlike tsx, the runner
 * starts through tsx exactly as before (the same program: the result the user always got): a
 * computed import() or require(), a CommonJS adapter (it keeps its warning and its second copy of
 * src/), a package or node:module imported from outside the project, an adapter esbuild cannot
 * bundle. An edited adapter, or a module it imports from anywhere on disk, is bundled again: a
 * second run in the same process runs the new code.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadChecks } from "../../conformance/sources.js";
import { runnerProgram, supervise } from "../../conformance/isolation/supervisor.js";
import { BUNDLE_DIR, bundleForNode, fallbackBundleDir } from "../../src/runtime/node-bundle.js";

const checks = await loadChecks();
const pick = (...ids: string[]) => ids.map((id) => checks.find((c) => c.id === id)!);
const FAST = { numRuns: 3, replayCommand: "test", checkTimeoutS: 20 };

async function run(target: string, ids = ["sgd-exact-step"]) {
  const r = await supervise({ mode: "impl", target, ...FAST }, pick(...ids), { checkTimeoutS: 20, loadTimeoutS: 60 });
  return { ...r, statuses: r.results.map((x) => [x.id, x.status, x.message]) };
}

/** The Node options the adapter's process was started with, as the adapter reported them in its name. */
const execArgvOf = (name: string) => (JSON.parse(name) as { execArgv: string[] }).execArgv;
const viaTsx = (argv: string[]) => argv.some((a) => /(^|[/\\])tsx([/\\]|$)/.test(a));

/** What the spec leaves behind: its folders, and the bundles of adapters in them (no other run can use those). */
const made: string[] = [];
/** A runner's bundle, to remove after the spec; never anything outside the bundle folders. */
const bundleMade = (file: string) => {
  if ([BUNDLE_DIR, fallbackBundleDir()].includes(dirname(file)) && file.endsWith(".mjs")) made.push(file);
};
afterAll(() => {
  for (const f of made) rmSync(f, { recursive: true, force: true });
});

/** A folder outside the project; `esm` puts a package.json with "type": "module" in it. */
function folder(files: Record<string, string>, esm = true): string {
  const dir = mkdtempSync(join(tmpdir(), "adapter-start-"));
  made.push(dir);
  if (esm) writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe("a TypeScript adapter runs in one bundle with the runner, without tsx", () => {
  it("its runner starts without tsx, from a bundle holding the adapter, and shares the reference's Matrix", async () => {
    const r = await run("spec/fixtures/adapters-start/reports-how-it-started.ts", ["sgd-exact-step", "worked-affine"]);
    const started = JSON.parse(r.name) as { execArgv: string[]; main: string; marker: string };
    expect(viaTsx(started.execArgv), started.execArgv.join(" ")).toBe(false);
    expect(started.main).toMatch(/\.mjs$/);
    // The adapter is inside the file the runner runs (one bundle, one copy of every module).
    expect(readFileSync(started.main, "utf8")).toContain(started.marker);
    // The check's matrices (the runner's Matrix) pass the adapter's SGD and Affine instanceof checks,
    // and the adapter's results pass the check's.
    expect(r.statuses).toEqual([
      ["sgd-exact-step", "pass", undefined],
      ["worked-affine", "pass", undefined],
    ]);
    expect(r.incomplete).toEqual([]);
  });

  it("an edited module the adapter imports, outside the project, gives a new bundle: the next run runs the new code", async () => {
    const adapter = `import { name } from "./name.js";\nexport default { name: JSON.stringify({ execArgv: process.execArgv, name, main: process.argv[1] }), provides: [], impl: {} };\n`;
    const dir = folder({ "adapter.ts": adapter, "name.ts": 'export const name = "first";\n' });
    const first = await run(join(dir, "adapter.ts"));
    bundleMade(JSON.parse(first.name).main);
    expect(JSON.parse(first.name)).toMatchObject({ execArgv: ["--enable-source-maps"], name: "first" });
    // Same size, same modification time: only the content tells the change.
    const { atime, mtime } = statSync(join(dir, "name.ts"));
    writeFileSync(join(dir, "name.ts"), 'export const name = "again";\n');
    utimesSync(join(dir, "name.ts"), atime, mtime);
    const second = await run(join(dir, "adapter.ts"));
    bundleMade(JSON.parse(second.name).main);
    expect(JSON.parse(second.name)).toMatchObject({ execArgv: ["--enable-source-maps"], name: "again" });
  });
});

describe("where the bundle could behave unlike tsx, the runner starts through tsx with the result unchanged", () => {
  it("an adapter importing by a computed path (esbuild would leave the import to run time) loads through tsx and passes", async () => {
    const r = await run("spec/fixtures/adapters-start/computed-import.ts");
    expect(r.statuses).toEqual([["sgd-exact-step", "pass", undefined]]);
    expect(viaTsx(execArgvOf(r.name)), r.name).toBe(true);
  });

  it("a CommonJS adapter, and one esbuild cannot bundle, start the runner as before: the runner's .ts through tsx", async () => {
    const cjs = folder({ "adapter.ts": 'export default { name: "cjs", provides: [], impl: {} };\n' }, false);
    const esm = folder({
      "missing.ts": 'import { x } from "./no-such-module.js";\nexport default { name: x, provides: [], impl: {} };\n',
    });
    const before = { module: resolve("conformance/isolation/runner.ts"), execArgv: ["--import", "tsx"] };
    for (const target of [join(cjs, "adapter.ts"), join(esm, "missing.ts")])
      expect(await runnerProgram({ mode: "impl", target, ...FAST }), target).toEqual(before);
  });

  it("bundleForNode's sameAsTsx refuses what would run unlike tsx: a computed import() or require(), CommonJS, a package or node:module imported from outside the project", async () => {
    const dir = folder({
      "node_modules/own-package/package.json": '{ "name": "own-package", "type": "module", "exports": "./index.js" }\n',
      "node_modules/own-package/index.js": 'export const where = "its own folder";\n',
      "package.ts": 'import { where } from "own-package";\nexport default where;\n',
      "module.ts":
        'import { createRequire } from "node:module";\nexport default createRequire(import.meta.url)("./x.ts");\n',
      "import.ts": 'const where = ["./x", "ts"].join(".");\nexport default await import(where);\n',
      "require.ts": 'const where = ["./x", "ts"].join(".");\nexport default require(where);\n',
      "commonjs.ts": 'import helper from "./helper.cjs";\nexport default helper;\n',
      "helper.cjs": 'module.exports = { name: "cjs" };\n',
      "plain.ts": 'import { join } from "node:path";\nexport default join("a", "b");\n',
    });
    const bundled = (file: string) =>
      bundleForNode(`await import(${JSON.stringify(join(dir, file))});`, { sameAsTsx: true });
    // The control: node's own modules and relative imports are fine.
    const plain = await bundled("plain.ts");
    expect(plain).toBeInstanceOf(URL);
    bundleMade(fileURLToPath(plain));
    const refusals: [string, RegExp][] = [
      ["package.ts", /imports the package own-package, which tsx resolves from its own folder/],
      ["module.ts", /imports node:module/],
      ["import.ts", /esbuild warned: .*This "import" expression will not be bundled/],
      ["require.ts", /esbuild warned: .*This call to "require" will not be bundled/],
      ["commonjs.ts", /helper\.cjs is CommonJS/],
    ];
    for (const [file, why] of refusals) await expect(bundled(file), file).rejects.toThrow(why);
  });
});
