/**
 * sharedRun(key, compute): a deterministic computation (a reduced MNIST training, a figure's data)
 * done once per test run and handed to every spec file that asks for the same key, in whichever of
 * vitest's worker processes it runs. The golden suite and the claim specs train the same reduced
 * runs this way once instead of once each (docs/testing.md).
 *
 * The results live in a folder that spec/setup/run-once-dir.ts (vitest globalSetup) makes empty
 * for each test run and removes at its end: nothing is reused from an earlier run, so a change to
 * the code is always trained anew. The key must name everything the result depends on besides the
 * code (the experiment and its settings). The first process to ask computes (holding a lock file
 * with its pid); the others wait for its file, or compute themselves if it died. Values travel as
 * JSON with NaN, ±Infinity and −0 kept exactly; anything but plain objects, arrays, strings,
 * numbers, booleans and null is refused with an Error naming where it was. Without the global
 * setup (a spec run by other means), each process computes once for itself.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { inject } from "vitest";
import type { FigureEntry } from "../src/figures/registry.js";

/** How long a process waits for another one computing the same key before computing it itself. */
const WAIT_MS = 300_000;

const NUMS: Record<string, number> = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity, "-0": -0 };

/** JSON text of `value`, exact for every number; throws on what JSON cannot carry back unchanged. */
export function encodeExact(value: unknown, key: string): string {
  const check = (v: unknown, where: string): void => {
    if (v === null || typeof v === "string" || typeof v === "boolean" || typeof v === "number") return;
    if (Array.isArray(v)) return v.forEach((x, i) => check(x, `${where}[${i}]`));
    if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
      for (const [k, x] of Object.entries(v)) check(x, `${where}.${k}`);
      return;
    }
    const what = typeof v === "object" ? (v.constructor?.name ?? "object") : typeof v;
    throw new Error(
      `sharedRun(${JSON.stringify(key)}): argument 'compute' expected to return plain data (objects, arrays, strings, numbers, booleans, null), received a ${what} at ${where}`,
    );
  };
  check(value, "result");
  return JSON.stringify(value, (_, v: unknown) =>
    typeof v === "number" && (!Number.isFinite(v) || Object.is(v, -0))
      ? { $num: Object.is(v, -0) ? "-0" : String(v) }
      : v,
  );
}

export function decodeExact(text: string): unknown {
  return JSON.parse(text, (_, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && "$num" in v
      ? NUMS[(v as { $num: string }).$num]
      : v,
  );
}

const local = new Map<string, string>();
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleepSync = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** `compute()`'s result for `key`, computed once per test run across all spec files (a fresh copy each call). */
export function sharedRun<T>(key: string, compute: () => T): T {
  const known = local.get(key);
  if (known !== undefined) return decodeExact(known) as T;
  const dir = inject("sharedRunsDir");
  const text = dir ? fromFolder(dir, key, compute) : encodeExact(compute(), key);
  local.set(key, text);
  return decodeExact(text) as T;
}

function fromFolder(dir: string, key: string, compute: () => unknown): string {
  const base = join(dir, createHash("sha256").update(key).digest("hex").slice(0, 32));
  const file = `${base}.json`,
    lock = `${base}.lock`;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (existsSync(file)) return readFileSync(file, "utf8");
    let fd: number | null = null;
    try {
      fd = openSync(lock, "wx");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    if (fd !== null) {
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let text: string;
      try {
        text = encodeExact(compute(), key);
      } catch (e) {
        rmSync(lock, { force: true }); // the next asker computes (and fails) for itself
        throw e;
      }
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, text);
      renameSync(tmp, file); // atomic: a waiting process never reads half a file
      return text;
    }
    // Another process is computing it: wait for its file, unless that process is gone.
    let owner = NaN;
    try {
      owner = Number(readFileSync(lock, "utf8"));
    } catch {
      continue; // the lock just went away
    }
    if (owner > 0 && !alive(owner)) rmSync(lock, { force: true });
    else if (Date.now() > deadline) return encodeExact(compute(), key);
    else sleepSync(50);
  }
}

/** A registered figure's data (fig.data()), computed once per test run: the golden suite's and the claims' runs. */
export const figureData = (fig: FigureEntry<unknown>): unknown => sharedRun(`figure ${fig.name}`, () => fig.data());
