/**
 * The learn command as a spec drives it: throw-away workspaces, and `learn(ws, …argv)` running
 * learn/cli.ts's main in this process with captured output (no terminal, no colour), through the
 * runner the spec chooses (TypeScript checks in this process, or one warm Python host).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main, type Io, type Runner } from "../../learn/cli.js";

export interface Learner {
  /** A fresh workspace folder (not created yet: the command makes it), named `leaf` in a temp folder. */
  workspace(): string;
  /** Runs `npm run learn -- …prefix …argv` with LEARN_DIR = ws; its exit code and what it printed. */
  learn(ws: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }>;
  /** A fresh empty temp folder (a class of students, an output folder), removed by cleanUp. */
  folder(tmp: string): string;
  /** Removes every workspace and folder made (for afterAll). */
  cleanUp(): void;
}

export function learner(
  runner: Runner,
  { prefix = [] as string[], leaf = ".learn", tmp = "learn-spec-" } = {},
): Learner {
  const dirs: string[] = [];
  return {
    workspace() {
      const d = mkdtempSync(join(tmpdir(), tmp));
      dirs.push(d);
      return join(d, leaf);
    },
    folder(prefix) {
      const d = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(d);
      return d;
    },
    async learn(ws, ...argv) {
      let out = "",
        err = "";
      const io: Io = {
        out: (t) => (out += `${t}\n`),
        err: (t) => (err += `${t}\n`),
        env: { LEARN_DIR: ws },
        color: false,
        tty: false,
      };
      const code = await main([...prefix, ...argv], io, runner);
      return { code, out, err };
    },
    cleanUp() {
      dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
    },
  };
}
