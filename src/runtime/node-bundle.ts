/**
 * bundleForNode: turns an entry (JavaScript that imports TypeScript modules of the project) into
 * one plain-JavaScript file that Node runs without tsx: the entry of runJobs' worker threads
 * (src/runtime/parallel.ts), of `npm run experiment`'s workers and of the benchmark's comparison processes.
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
 * one reuses the old; files unused for a week are removed. Bundling takes tens of milliseconds.
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
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
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
export function fallbackBundleDir(): string {
  const base =
    process.env.XDG_CACHE_HOME && process.env.XDG_CACHE_HOME.trim() !== "" ? process.env.XDG_CACHE_HOME : tmpdir();
  return join(base, "dlfs-workers", createHash("sha256").update(NODE_MODULES).digest("hex").slice(0, 16));
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** `import.meta` properties replaced by the module's own source location, and their values. */
const META = {
  "import.meta.url": (file: string) => pathToFileURL(file).href,
  "import.meta.filename": (file: string) => file,
  "import.meta.dirname": (file: string) => dirname(file),
};
const metaName = (key: string) => `__dlfs_${key.replace(/\./g, "_")}`;

let queue: Promise<unknown> = Promise.resolve();
let written = 0;

/**
 * Bundles `entry` (JavaScript source; its imports are absolute paths or packages) into a file in
 * BUNDLE_DIR and returns the file's URL. Rejects with esbuild's messages (file, line, text) when a
 * module cannot be resolved or parsed. Calls made at the same time are served one after another.
 */
export function bundleForNode(entry: string): Promise<URL> {
  const result = queue.then(() => bundleNow(entry));
  queue = result.catch(() => undefined);
  return result;
}

async function bundleNow(entry: string): Promise<URL> {
  const esbuild = await import("esbuild");
  let text: string;
  try {
    const result = await esbuild.build({
      stdin: { contents: entry, resolveDir: process.cwd(), sourcefile: "worker-entry.js", loader: "js" },
      absWorkingDir: process.cwd(),
      sourceRoot: pathToFileURL(process.cwd()).href + "/", // stack traces name the sources
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      packages: "external",
      write: false,
      logLevel: "silent",
      sourcemap: "inline",
      sourcesContent: false,
      legalComments: "none",
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
              return { contents: decl + readFileSync(args.path, "utf8"), loader };
            });
          },
        },
      ],
    });
    text = result.outputFiles[0].text;
  } catch (e) {
    const errors = (
      e as { errors?: { text: string; location?: { file: string; line: number; lineText: string } | null }[] }
    ).errors;
    if (!errors) throw e;
    const lines = errors.map((m) =>
      m.location ? `${m.location.file}:${m.location.line}: ${m.text} (${m.location.lineText.trim()})` : m.text,
    );
    throw new Error(`could not bundle the worker's modules: ${lines.join("; ")}`);
  } finally {
    await esbuild.stop(); // esbuild runs as a child process: do not leave it running
  }
  return pathToFileURL(writeBundle(`${createHash("sha256").update(text).digest("hex").slice(0, 20)}.mjs`, text));
}

/** The bundle file `name` in BUNDLE_DIR, or in the fallback folder when BUNDLE_DIR cannot be written. */
function writeBundle(name: string, text: string): string {
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
  const failures: string[] = [];
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
      failures.push(`${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  throw new Error(
    `could not write the worker bundle to ${failures.join(" nor ")}; set XDG_CACHE_HOME to a writable folder`,
  );
}

/** Makes `dir/node_modules` a link to the project's node_modules, so the bundle's packages resolve from `dir`. */
function linkNodeModules(dir: string): void {
  const link = join(dir, "node_modules");
  let target: string | null = null;
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
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e; // made by a concurrent run
  }
}

/** Removes bundles unused for a week. */
function prune(dir: string): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(".mjs") && !name.endsWith(".tmp")) continue;
    const f = join(dir, name);
    try {
      if (now - statSync(f).mtimeMs > WEEK_MS) rmSync(f, { force: true });
    } catch {
      // removed by a concurrent run
    }
  }
}
