/**
 * bundleForNode (plain JavaScript, so that scripts/run.mjs can use it before anything TypeScript runs;
 * its types are in node-bundle-core.d.mts, and TypeScript modules import it through node-bundle.ts): turns an entry (JavaScript that imports TypeScript modules of the project) into
 * one plain-JavaScript file that Node runs without tsx: the entry of runJobs' worker threads
 * (src/runtime/parallel.ts), of the benchmark's comparison processes, of the conformance runner
 * (with the TypeScript adapter it tests inside: `sameAsTsx` below), and of the project's commands
 * (scripts/run.mjs starts `npm run X` that way).
 * A thread or process started through tsx's loader costs about 35–40 MB more than one on plain
 * JavaScript (its own copy of the loader and its compile caches).
 *
 * esbuild bundles the project's modules into the file; packages stay `import`s (they keep their
 * native parts and are resolved at run time from the project's node_modules, which is why the file
 * is written to node_modules/.cache/dlfs-workers/). Each module's `import.meta.url` (and
 * `import.meta.dirname`/`filename`) is replaced by that module's own source location, so code that
 * finds files next to itself (createRequire(import.meta.url), fonts, `new URL("x", import.meta.url)`)
 * behaves as it does unbundled, and an inline source map makes stack traces name the .ts sources
 * (where source maps are enabled, as under tsx). Caveats: `import.meta.resolve` resolves from the
 * bundle's location, `import()` of a computed path to a .ts file cannot work without tsx, and each
 * module is evaluated once per bundle. For such modules, keep tsx (runJobs `loader: "tsx"`).
 *
 * The file is named by a hash of its content, so a changed source gives a new file and an unchanged
 * one reuses the old; files unused for a week are removed. Bundling takes a few tenths of a second
 * of CPU (esbuild's process, then every module read and compiled), so a manifest next to the bundle
 * (<hash of the entry and the build's settings>.inputs.json) lists each module and its content
 * hash: when all still match, the bundle is reused without starting esbuild (hashing the modules
 * takes milliseconds); a changed, removed or unreadable module means bundling again.
 *
 * When node_modules cannot be written (a shared or read-only install, a Docker image), the file goes
 * to a cache folder instead: $XDG_CACHE_HOME/dlfs-workers/<project>/, or the OS temp folder's, where
 * a `node_modules` link to the project's node_modules lets the packages resolve as before.
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { isBuiltin } from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { threadId } from "node:worker_threads";

/** The project's node_modules, from which the bundles' bare imports (packages) resolve. */
const NODE_MODULES = fileURLToPath(new URL("../../node_modules", import.meta.url));

/** Where bundles are written: the project's node_modules/.cache (bare imports resolve from there). */
export const BUNDLE_DIR = join(NODE_MODULES, ".cache", "dlfs-workers");

/**
 * Where bundles go when BUNDLE_DIR cannot be written: a folder of this project (named by a hash of
 * its node_modules path) in $XDG_CACHE_HOME, or else the OS temp folder, read when called.
 */
/** @returns {string} */
export function fallbackBundleDir() {
  const base =
    process.env.XDG_CACHE_HOME && process.env.XDG_CACHE_HOME.trim() !== "" ? process.env.XDG_CACHE_HOME : tmpdir();
  return join(base, "dlfs-workers", createHash("sha256").update(NODE_MODULES).digest("hex").slice(0, 16));
}

/** This file, and the project files whose content changes how modules are bundled. */
const SELF = fileURLToPath(import.meta.url);
const PROJECT_FILES = ["tsconfig.json", "package.json"].map((f) => join(NODE_MODULES, "..", f));

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * `import.meta` properties replaced by the module's own source location, and their values.
 * @type {Record<string, (file: string) => string>}
 */
const META = {
  "import.meta.url": (file) => pathToFileURL(file).href,
  "import.meta.filename": (file) => file,
  "import.meta.dirname": (file) => dirname(file),
};
/** @param {string} key */
const metaName = (key) => `__dlfs_${key.replace(/\./g, "_")}`;

/**
 * A line of a module as the author wrote it: the first line without the declarations put before it.
 * @param {string} line
 */
const withoutMeta = (line) => line.replace(/^(?:const __dlfs_import_meta_\w+ = "(?:[^"\\]|\\.)*"; ?)+/, "");

/** The name the entry goes by in esbuild's messages and metafile. */
const ENTRY_NAME = "worker-entry.js";

/** @type {Promise<unknown>} */
let queue = Promise.resolve();
let written = 0;

/** The project's folder: modules outside it resolve their packages from their own node_modules. */
const PROJECT = dirname(NODE_MODULES);

/**
 * Bundles `entry` (JavaScript source; its imports are absolute paths or packages) into a file in
 * BUNDLE_DIR and returns the file's URL. Rejects with esbuild's messages (file, line, text) when a
 * module cannot be resolved or parsed. Calls made at the same time are served one after another.
 *
 * With `sameAsTsx`, it also rejects (an Error with `refused: true`, naming each reason) a bundle
 * that could behave differently from the same modules run through tsx: esbuild warned (a computed
 * `import()`/`require()` left unbundled fails at run time where tsx would load it, and so on), a
 * module is CommonJS (`require`/`module.exports`: tsx runs an ES module without them), or a module
 * outside the project imports a package (the bundle resolves it from the project's node_modules,
 * tsx from the module's own folder) or node:module (createRequire: tsx's require loads .ts files).
 * The caller then runs the sources through tsx. `trusted` lists modules (absolute paths) whose
 * warnings do not count: code that never takes its computed `import()` when run from this bundle.
 * @param {string} entry
 * @param {{ sameAsTsx?: boolean; trusted?: string[] }} [options]
 * @returns {Promise<URL>}
 */
export function bundleForNode(entry, options = {}) {
  const trusted = options.sameAsTsx === true ? (options.trusted ?? []) : null;
  const result = queue.then(() => bundleNow(entry, trusted));
  queue = result.catch(() => undefined);
  return result;
}

/**
 * Why the bundle esbuild made might not behave as its sources under tsx (empty: it behaves the same).
 * @param {{ text: string; location?: { file: string; line: number; lineText: string } | null }[]} warnings
 * @param {import("esbuild").Metafile} metafile
 * @param {string[]} trusted modules whose warnings do not count
 * @returns {string[]}
 */
function unlikeTsx(warnings, metafile, trusted) {
  const reasons = warnings
    .filter((m) => !(m.location && trusted.includes(resolve(process.cwd(), m.location.file))))
    .map((m) => `esbuild warned: ${message(m)}`);
  for (const [file, input] of Object.entries(metafile.inputs)) {
    if (file === ENTRY_NAME) continue;
    const full = resolve(process.cwd(), file);
    if (input.format === "cjs") reasons.push(`${full} is CommonJS (require or module.exports)`);
    if (!full.startsWith(PROJECT + sep))
      for (const i of input.imports)
        if (i.path === "module" || i.path === "node:module")
          reasons.push(`${full} imports ${i.path} (a require() of its own, which tsx would let load .ts files)`);
        else if (i.external && !isBuiltin(i.path) && !i.path.startsWith("<"))
          reasons.push(`${full} imports the package ${i.path}, which tsx resolves from its own folder`);
  }
  return reasons;
}

/**
 * One of esbuild's messages: file, line, text and the line's source.
 * @param {{ text: string; location?: { file: string; line: number; lineText: string } | null }} m
 */
const message = (m) =>
  m.location ? `${m.location.file}:${m.location.line}: ${m.text} (${withoutMeta(m.location.lineText).trim()})` : m.text;

/**
 * @param {string} entry
 * @param {string[] | null} trusted null: no `sameAsTsx` check
 */
async function bundleNow(entry, trusted) {
  const sameAsTsx = trusted !== null;
  const key = manifestName(sameAsTsx ? `${entry}\0same as tsx, trusting ${trusted.join("\0")}` : entry);
  const known = knownBundle(key);
  if (known) return pathToFileURL(known);
  const esbuild = await import("esbuild");
  /** @type {Map<string, string>} content hash of each module as esbuild was given it */
  const read = new Map();
  let text, inputs, unlike;
  try {
    const result = await esbuild.build({
      stdin: { contents: entry, resolveDir: process.cwd(), sourcefile: ENTRY_NAME, loader: "js" },
      absWorkingDir: process.cwd(),
      sourceRoot: pathToFileURL(process.cwd()).href + "/", // stack traces name the sources
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      packages: "external",
      write: false,
      logLevel: "silent",
      // Debug messages by default: a computed import() or require() esbuild leaves to run time.
      ...(sameAsTsx
        ? { logOverride: { "unsupported-dynamic-import": "warning", "unsupported-require-call": "warning" } }
        : {}),
      sourcemap: "inline",
      sourcesContent: false,
      legalComments: "none",
      metafile: true,
      define: Object.fromEntries(Object.keys(META).map((k) => [k, metaName(k)])),
      plugins: [
        {
          name: "import-meta-of-the-source",
          setup(build) {
            // Each module declares its own location on its first line (line numbers stay the same);
            // `define` points import.meta.url & co. at that declaration. Unused ones are dropped.
            build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
              const decl = Object.entries(META)
                .map(([k, f]) => `const ${metaName(k)} = ${JSON.stringify(f(args.path))};`)
                .join(" ");
              const loader = /\.[cm]?tsx?$/.test(args.path)
                ? args.path.endsWith("x")
                  ? "tsx"
                  : "ts"
                : args.path.endsWith("x")
                  ? "jsx"
                  : "js";
              const source = readFileSync(args.path);
              read.set(args.path, createHash("sha256").update(source).digest("hex"));
              return { contents: decl + source.toString("utf8"), loader };
            });
          },
        },
      ],
    });
    text = result.outputFiles[0].text;
    inputs = Object.keys(result.metafile.inputs).filter((f) => f !== ENTRY_NAME); // the entry: in the manifest's name
    unlike = sameAsTsx ? unlikeTsx(result.warnings, result.metafile, trusted) : [];
  } catch (e) {
    /** @type {{ text: string; location?: { file: string; line: number; lineText: string } | null }[] | undefined} */
    const errors = /** @type {any} */ (e).errors;
    if (!errors) throw e;
    throw new Error(`could not bundle the worker's modules: ${errors.map(message).join("; ")}`);
  } finally {
    await esbuild.stop(); // esbuild runs as a child process: do not leave it running
  }
  // Nothing is written: the next call bundles again and refuses again (the sources may have changed).
  if (unlike.length > 0)
    throw Object.assign(new Error(`the bundle could behave unlike tsx: ${unlike.join("; ")}`), { refused: true });
  const file = writeBundle(`${createHash("sha256").update(text).digest("hex").slice(0, 20)}.mjs`, text);
  rememberBundle(
    key,
    file,
    inputs.map((f) => resolve(process.cwd(), f)),
    read,
  );
  return pathToFileURL(file);
}

/**
 * The name of the manifest of `entry`'s bundle: a hash of everything besides the modules' contents
 * that the bundle depends on (the entry, the working directory its source map is relative to, this
 * file, esbuild's version, the project's tsconfig.json and package.json).
 * @param {string} entry
 */
function manifestName(entry) {
  const hash = createHash("sha256").update(entry).update("\0").update(process.cwd());
  for (const f of [SELF, join(NODE_MODULES, "esbuild", "package.json"), ...PROJECT_FILES]) {
    hash.update("\0");
    try {
      hash.update(readFileSync(f));
    } catch {
      hash.update("(missing)");
    }
  }
  return `${hash.digest("hex").slice(0, 20)}.inputs.json`;
}

/** @param {string} file */
const contentHash = (file) => createHash("sha256").update(readFileSync(file)).digest("hex");

/**
 * The bundle the manifest `key` names when every module it was made of still has the content it had
 * (so an unchanged command starts without esbuild, and an edited one is bundled again), else null.
 * @param {string} key
 * @returns {string | null}
 */
function knownBundle(key) {
  for (const dir of [BUNDLE_DIR, fallbackBundleDir()]) {
    try {
      /** @type {{ bundle: string; inputs: [string, string][] }} */
      const m = JSON.parse(readFileSync(join(dir, key), "utf8"));
      const file = join(dir, m.bundle);
      if (!existsSync(file) || !m.inputs.every(([f, h]) => contentHash(f) === h)) continue;
      try {
        const now = new Date();
        utimesSync(file, now, now);
        utimesSync(join(dir, key), now, now);
      } catch {
        // not ours to touch: still usable
      }
      return file;
    } catch {
      // no manifest, or a module removed or unreadable: bundle again
    }
  }
  return null;
}

/**
 * Writes the manifest `key` next to `file`: the bundle's name and each module's content hash (as
 * esbuild read it). Not being able to write it only costs a bundling on the next start.
 * @param {string} key
 * @param {string} file
 * @param {string[]} inputs
 * @param {Map<string, string>} read
 */
function rememberBundle(key, file, inputs, read) {
  const manifest = join(dirname(file), key);
  try {
    // A module esbuild did not load through the plugin (JSON, a path with a ?query) is hashed now;
    // one that cannot be read leaves no manifest.
    const hashes = inputs.map((f) => [f, read.get(f) ?? contentHash(f)]);
    const tmp = `${manifest}.${process.pid}-${threadId}-${written++}.tmp`;
    writeFileSync(tmp, JSON.stringify({ bundle: basename(file), inputs: hashes }));
    renameSync(tmp, manifest);
  } catch {
    // a read-only folder or an unreadable module: the next start bundles again
  }
}

/**
 * The bundle file `name` in BUNDLE_DIR, or in the fallback folder when BUNDLE_DIR cannot be written.
 * @param {string} name
 * @param {string} text
 * @returns {string}
 */
function writeBundle(name, text) {
  const dirs = [BUNDLE_DIR, fallbackBundleDir()];
  for (const dir of dirs) {
    const file = join(dir, name);
    if (!existsSync(file)) continue;
    try {
      const now = new Date();
      utimesSync(file, now, now); // reused: mark it as used (a read-only folder keeps its old time)
    } catch {
      // not ours to touch: still usable
    }
    return file;
  }
  /** @type {string[]} */
  const failures = [];
  for (const [k, dir] of dirs.entries()) {
    const file = join(dir, name);
    try {
      mkdirSync(dir, { recursive: true });
      if (k > 0) linkNodeModules(dir);
      const tmp = `${file}.${process.pid}-${threadId}-${written++}.tmp`;
      writeFileSync(tmp, text);
      renameSync(tmp, file); // atomic: a concurrent run never reads half a file
      prune(dir);
      return file;
    } catch (e) {
      failures.push(`${dir} (${/** @type {NodeJS.ErrnoException} */ (e).code ?? /** @type {Error} */ (e).message})`);
    }
  }
  throw new Error(
    `could not write the worker bundle to ${failures.join(" nor ")}; set XDG_CACHE_HOME to a writable folder`,
  );
}

/** Makes `dir/node_modules` a link to the project's node_modules, so the bundle's packages resolve from `dir`. */
/** @param {string} dir */
function linkNodeModules(dir) {
  const link = join(dir, "node_modules");
  /** @type {string | null} */
  let target = null;
  try {
    target = readlinkSync(link);
  } catch {
    // no link yet
  }
  if (target === NODE_MODULES) return;
  if (target !== null) rmSync(link, { force: true });
  try {
    symlinkSync(NODE_MODULES, link, "junction"); // "junction": a directory link on Windows, ignored elsewhere
  } catch (e) {
    if (/** @type {NodeJS.ErrnoException} */ (e).code !== "EEXIST") throw e; // made by a concurrent run
  }
}

/** Removes bundles unused for a week. */
/** @param {string} dir */
function prune(dir) {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(".mjs") && !name.endsWith(".json") && !name.endsWith(".tmp")) continue;
    const f = join(dir, name);
    try {
      if (now - statSync(f).mtimeMs > WEEK_MS) rmSync(f, { force: true });
    } catch {
      // removed by a concurrent run
    }
  }
}
