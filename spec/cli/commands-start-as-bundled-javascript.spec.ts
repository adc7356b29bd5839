/**
 * The project's commands start through scripts/run.mjs, which runs a command's .ts file as one
 * plain-JavaScript bundle instead of through tsx's loader (about a second of CPU less per start).
 * The claim is that nothing else changes: the same exit code and output as under tsx, the .ts file
 * as process.argv[1] (main-module checks hold), stack traces naming the .ts file and line, an edited
 * module bundled again (never a stale bundle), and a module esbuild cannot bundle run through tsx
 * after a note, rather than a broken command.
 *
 * The fixtures are small command files in a temporary folder (the launcher takes a .ts path as well
 * as a script's name); one real command (conformance:matrix, whose main-module check must hold)
 * is run both ways too.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../../tools/golden-lib.js";

const LAUNCHER = join(ROOT, "scripts", "run.mjs");

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node …args` in the project folder and collects its exit code and output. */
function node(args: string[]): Promise<Run> {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "",
    stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((done) => child.on("close", (status) => done({ status, stdout, stderr })));
}
const launch = (...args: string[]) => node([LAUNCHER, ...args]);
const viaTsx = (file: string, ...args: string[]) => node(["--import", "tsx", file, ...args]);

let dir: string;
const at = (name: string) => join(dir, name);
const files: Record<string, string> = {
  "package.json": `{ "type": "module" }\n`,
  // Reports what a command sees of itself, writes to both streams and sets an exit code.
  "report.ts": [
    `import { resolve } from "node:path";`,
    `import { fileURLToPath } from "node:url";`,
    `import { twice } from "./twice.js";`,
    `const isMain: boolean = resolve(process.argv[1]) === fileURLToPath(import.meta.url);`,
    `console.log(JSON.stringify({ argv: process.argv.slice(1), isMain, url: import.meta.url, twice: twice(21) }));`,
    `console.error("a line on stderr");`,
    `process.exitCode = 3;`,
    ``,
  ].join("\n"),
  "twice.ts": `export const twice = (x: number): number => 2 * x;\n`,
  // Throws from line 3 of an imported module, called from line 2 of the command.
  "throws.ts": [`import { fail } from "./fails.js";`, `fail("on purpose");`, ``].join("\n"),
  "fails.ts": [
    `// A module whose throw is on its line 3.`,
    `export function fail(what: string): never {`,
    `  throw new Error(\`it failed \${what}\`);`,
    `}`,
    ``,
  ].join("\n"),
  // Prints a word from another module (edited by a test).
  "says.ts": `import { word } from "./word.js";\nconsole.log(word);\n`,
  "word.ts": `export const word: string = "one";\n`,
  // Imports a module chosen at run time: esbuild bundles every file the pattern matches, and one of
  // them does not parse, so bundling fails while tsx (which loads only the chosen one) runs it.
  "picks.ts": [
    `const { says } = (await import(\`./picks/\${process.argv[2]}.ts\`)) as { says: string };`,
    `console.log(says);`,
    ``,
  ].join("\n"),
  "picks/good.ts": `export const says: string = "the good one";\n`,
  "picks/broken.ts": `export const says: string = ;\n`,
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "run-mjs-"));
  mkdirSync(at("picks"));
  for (const [name, text] of Object.entries(files)) writeFileSync(at(name), text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("node scripts/run.mjs <command> runs the command's TypeScript as bundled JavaScript", () => {
  it("with the exit code, stdout and stderr it has under tsx, its .ts file as process.argv[1] (main-module checks hold) and its own import.meta.url", async () => {
    const args = ["--flag", "two words"];
    const [launched, tsx] = await Promise.all([launch(at("report.ts"), ...args), viaTsx(at("report.ts"), ...args)]);
    expect(JSON.parse(launched.stdout)).toEqual({
      argv: [at("report.ts"), ...args],
      isMain: true,
      url: pathToFileURL(at("report.ts")).href,
      twice: 42,
    });
    expect(launched).toEqual({ status: 3, stdout: tsx.stdout, stderr: "a line on stderr\n" });
    expect(tsx).toEqual(launched);
  });

  it("a real command behaves as under tsx: conformance:matrix's main-module check holds and a bad argument exits with 2 and its usage", async () => {
    const [launched, tsx] = await Promise.all([
      launch("conformance-matrix", "--no-such-flag"),
      viaTsx(join(ROOT, "scripts", "conformance-matrix.ts"), "--no-such-flag"),
    ]);
    expect(launched.status).toBe(2);
    expect(launched.stderr).toMatch(/unknown argument "--no-such-flag"\nusage: npm run conformance:matrix/);
    expect(launched).toEqual(tsx);
  });

  it("a thrown error's stack names the .ts files and lines (source maps), and the command exits with 1", async () => {
    const r = await launch(at("throws.ts"));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Error: it failed on purpose");
    expect(r.stderr).toContain(`${at("fails.ts")}:3\n  throw new Error`); // the line Node shows first
    expect(r.stderr).toContain(`at fail (${at("fails.ts")}:3:9)`);
    expect(r.stderr).toContain(`(${at("throws.ts")}:2:1)`);
  });

  it("an edited module is bundled again, even with the same size and modification time (the cache is by content)", async () => {
    const time = new Date("2026-01-01T00:00:00Z"); // the same modification time before and after the edit
    utimesSync(at("word.ts"), time, time);
    expect(await launch(at("says.ts"))).toMatchObject({ status: 0, stdout: "one\n" });
    expect(await launch(at("says.ts"))).toMatchObject({ status: 0, stdout: "one\n" }); // from the cache
    const size = statSync(at("word.ts")).size;
    writeFileSync(at("word.ts"), readFileSync(at("word.ts"), "utf8").replace('"one"', '"two"'));
    utimesSync(at("word.ts"), time, time);
    expect(statSync(at("word.ts"))).toMatchObject({ size, mtimeMs: time.getTime() });
    expect(await launch(at("says.ts"))).toMatchObject({ status: 0, stdout: "two\n" });
  });

  it("a module esbuild cannot bundle runs through tsx after a one-line note naming the command and the reason", async () => {
    const r = await launch(at("picks.ts"), "good");
    expect(r.stdout).toBe("the good one\n");
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(
        `^run\\.mjs: could not bundle ${at("picks.ts").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}, running it through tsx instead \\(.*broken\\.ts:1: .*\\)\\n$`,
      ),
    );
  });

  it("a missing command or script exits with 2 and says what it expected", async () => {
    const [none, missing] = await Promise.all([launch(), launch("no-such-script")]);
    expect(none).toMatchObject({ status: 2, stdout: "" });
    expect(none.stderr).toMatch(/usage: node scripts\/run\.mjs <script>/);
    expect(missing).toMatchObject({ status: 2, stdout: "" });
    expect(missing.stderr).toContain(`no such script: ${join(ROOT, "scripts", "no-such-script.ts")}`);
  });
});
