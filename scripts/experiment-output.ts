/**
 * Where `npm run experiment` writes, and how. `checkOutDir` runs before any training: the folder
 * must be one that can be created and written, not a file, and not on a pseudo-filesystem such as
 * /proc or /sys (where mkdir can loop for ever). `writeOutputs` writes every file under a temporary
 * name first and renames them only when all are written, the JSON last: no file is ever half
 * written, a failed write replaces nothing, and as the JSON names each PNG's SHA-256, a PNG left
 * from another run (a kill between two renames) shows.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync, statfsSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve, sep } from "node:path";

export class OutDirError extends Error {}

/** statfs magic numbers of Linux's pseudo-filesystems (man 2 statfs): not places for results. */
const PSEUDO_FILESYSTEMS: Record<number, string> = {
  0x9fa0: "proc",
  0x62656572: "sysfs",
  0x27e0eb: "cgroup",
  0x63677270: "cgroup2",
  0x64626720: "debugfs",
  0x74726163: "tracefs",
  0x73636673: "securityfs",
  0x6165676c: "pstore",
  0xcafe4a11: "bpf",
  0x62656570: "configfs",
  0x65735543: "fusectl",
  0x1cd1: "devpts",
  0x19800202: "mqueue",
  0x42494e4d: "binfmt_misc",
  0x6e736673: "nsfs",
};

/** Paths refused by name too (for systems where statfs does not tell). */
const PSEUDO_ROOTS = ["/proc", "/sys"];

let written = 0;
const tempName = (file: string) => join(dirname(file), `.${basename(file)}.${process.pid}-${written++}.tmp`);

/** Temporary files not yet renamed: removed if the process exits first (a second Ctrl-C quits at once). */
const pending = new Set<string>();
process.on("exit", () => {
  for (const tmp of pending) rmSync(tmp, { force: true });
});

/**
 * Checks and creates the output folder `out`; returns its absolute path or throws an OutDirError
 * saying what is wrong. Writes and removes one probe file, so "writable" means what it says.
 */
export function checkOutDir(out: string): string {
  const dir = resolve(out);
  const bad = (why: string): never => {
    throw new OutDirError(`--out ${JSON.stringify(out)}: ${why}`);
  };
  for (const root of PSEUDO_ROOTS)
    if (dir === root || dir.startsWith(root + sep))
      bad(`${root} is a pseudo-filesystem of the kernel, not a place for results; expected a folder on a disk`);
  let existing = dir;
  while (!existsSync(existing)) existing = dirname(existing);
  if (!statSync(existing).isDirectory())
    bad(existing === dir ? "is a file, expected a folder" : `${existing} is a file, so no folder can be made under it`);
  let type: number | undefined;
  try {
    type = statfsSync(existing).type;
  } catch {
    // statfs unsupported: the probe below still decides
  }
  if (type !== undefined && PSEUDO_FILESYSTEMS[type])
    bad(
      `${existing} is on the ${PSEUDO_FILESYSTEMS[type]} pseudo-filesystem, not a place for results; expected a folder on a disk`,
    );
  try {
    mkdirSync(dir, { recursive: true });
    const probe = tempName(join(dir, "write-probe"));
    writeFileSync(probe, "");
    rmSync(probe);
  } catch (e) {
    bad(
      `cannot be created or written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); expected a writable folder`,
    );
  }
  return dir;
}

export const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

/**
 * Writes `files` ([path, contents]) into place together: each to a temporary name beside its path,
 * then, once all are written, each renamed to its path in the given order (put the JSON that names
 * the others last). If a write fails, the temporary files are removed and nothing is replaced.
 */
export function writeOutputs(files: readonly (readonly [string, Uint8Array | string])[]): void {
  const temps: [string, string][] = [];
  try {
    for (const [file, contents] of files) {
      const tmp = tempName(file);
      temps.push([tmp, file]);
      pending.add(tmp);
      writeFileSync(tmp, contents);
    }
  } catch (e) {
    for (const [tmp] of temps) {
      rmSync(tmp, { force: true });
      pending.delete(tmp);
    }
    throw e;
  }
  for (const [tmp, file] of temps) {
    renameSync(tmp, file); // rename(2): atomic within one folder
    pending.delete(tmp);
  }
}
