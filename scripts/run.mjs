/**
 * The command launcher: `node scripts/run.mjs <script> [args…]` runs scripts/<script>.ts (or a .ts
 * file given by its path) as plain JavaScript, the way `npm run experiment` and the other commands
 * start. Starting Node through tsx's loader costs about a second of CPU (the loader, then compiling
 * every module of the command on each start); one esbuild bundle of the command, cached by content
 * (src/runtime/node-bundle-core.mjs, the same bundles as the worker threads'), costs a tenth of that.
 *
 * What the command sees is what it saw under tsx: process.argv[1] is its .ts file (so a check
 * `resolve(process.argv[1]) === fileURLToPath(import.meta.url)` still finds it is the main module),
 * import.meta.url & co. are each module's source location, and stack traces name the .ts files and
 * lines (source maps on). Exit codes, output and signals are the command's own: this file adds no
 * handler and no process.
 *
 * A command whose own code imports .ts files at run time (learn mode's checks) needs tsx: those
 * keep `tsx` in package.json or start their children through it (the conformance runner bundles the
 * adapter it is given with itself, and falls back to tsx: conformance/isolation/supervisor.ts).
 * If bundling fails (esbuild cannot resolve or parse a module, no cache folder can be written), the
 * command runs through tsx in this process instead, after a one-line note on stderr, so the
 * launcher never stops a command that tsx could run.
 */
import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundleForNode } from "../src/runtime/node-bundle-core.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

const [name, ...args] = process.argv.slice(2);
if (name === undefined || name.startsWith("-")) {
  process.stderr.write(
    `usage: node scripts/run.mjs <script> [args…]   (runs scripts/<script>.ts, or a .ts file given by its path; received ${JSON.stringify(name ?? "nothing")})\n`,
  );
  process.exit(2);
}
const file = /\.[cm]?tsx?$/.test(name) ? resolve(name) : join(ROOT, "scripts", `${name}.ts`);
if (!existsSync(file)) {
  process.stderr.write(`run.mjs: no such script: ${file} (expected the name of a file in scripts/ or a .ts path)\n`);
  process.exit(2);
}

// As under `node --import tsx <file>`: the command's own file is argv[1], its arguments follow.
process.argv.splice(1, process.argv.length - 1, file, ...args);
process.setSourceMapsEnabled(true);

let bundle;
try {
  bundle = await bundleForNode(`import ${JSON.stringify(file)};`);
} catch (e) {
  const reason = String(e instanceof Error ? e.message : e).split("\n")[0];
  const shown = relative(ROOT, file).startsWith("..") ? file : relative(ROOT, file);
  process.stderr.write(`run.mjs: could not bundle ${shown}, running it through tsx instead (${reason})\n`);
}
if (bundle) await import(bundle.href);
else {
  await import("tsx"); // what `--import tsx` loads: registers tsx's loader for the imports that follow
  await import(pathToFileURL(file).href);
}
