/**
 * The mutation table of docs/mutation.md, made from data rather than typed: Stryker's
 * mutation.json of a chunk is cut down to a small summary (counts per module and every mutant
 * that was not killed, with its source snippet), the summaries are checked in under
 * mutation/summaries/, and the table is rendered from them and mutation/equivalents.json.
 * scripts/mutation.ts writes a summary after each chunk; scripts/mutation-table.ts renders the
 * table; a spec checks the document holds what the renderer gives.
 */

export const STATUSES = ["Killed", "Timeout", "Survived", "NoCoverage"] as const;

/** One module's counts in one chunk (errors: CompileError/RuntimeError/Ignored, outside the score, as Stryker counts). */
export interface ModuleCounts {
  killed: number;
  timedOut: number;
  survived: number;
  noCoverage: number;
  errors: number;
}

/**
 * A mutant that no test failed on: survived, not covered, or timed out (a timeout counts as
 * detected in Stryker's score, but on a loaded machine it can also be a slow run of a mutant no
 * test tells apart, so an equivalent mutant that timed out is set aside like one that survived).
 * Keyed by what it changes rather than where (lines move).
 */
export interface Unkilled {
  file: string;
  line: number;
  mutator: string;
  original: string;
  replacement: string;
  /** The whole source line the mutant starts on (a snippet), to tell apart equal snippets on different lines. */
  lineText: string;
  status: "Survived" | "NoCoverage" | "Timeout";
}

export interface ChunkSummary {
  chunk: string;
  /** When the run ended (ISO). */
  date: string;
  /** Wall time of the run. */
  seconds: number;
  /** os.loadavg()[0] at the start and the end (the machine is shared; 2 cores). */
  load: [number, number];
  /** Whether Stryker reused earlier results for unchanged mutants and tests (incremental mode). */
  incremental: boolean;
  modules: Record<string, ModuleCounts>;
  unkilled: Unkilled[];
}

/** An equivalent mutant: no input can tell it from the original. Matched by file, mutator and snippets. */
export interface Equivalent {
  file: string;
  mutator: string;
  original: string;
  replacement: string;
  /** When the same snippet is mutated on several lines: text the mutant's source line must contain. */
  context?: string;
  reason: string;
}

/** The parts of Stryker's mutation.json (mutation-testing-report-schema) this module reads. */
export interface MutationReport {
  files: Record<
    string,
    {
      source: string;
      mutants: {
        mutatorName: string;
        replacement?: string;
        status: string;
        location: { start: { line: number; column: number }; end: { line: number; column: number } };
      }[];
    }
  >;
}

/** A snippet on one line: whitespace runs collapsed, cut at 120 characters. */
export function snippet(text: string): string {
  const s = text.replace(/\s+/g, " ").trim();
  return s.length > 120 ? `${s.slice(0, 119)}…` : s;
}

/** The source text between two 1-based line / 1-based column positions (Stryker's locations). */
function sliceSource(source: string, loc: MutationReport["files"][string]["mutants"][number]["location"]): string {
  const lines = source.split("\n");
  const offset = (p: { line: number; column: number }) => {
    let o = 0;
    for (let i = 0; i < p.line - 1; i++) o += lines[i].length + 1;
    return o + p.column - 1;
  };
  return source.slice(offset(loc.start), offset(loc.end));
}

export function emptyCounts(): ModuleCounts {
  return { killed: 0, timedOut: 0, survived: 0, noCoverage: 0, errors: 0 };
}

/** Cuts a mutation.json down to a chunk summary. */
export function summarize(report: MutationReport, meta: Omit<ChunkSummary, "modules" | "unkilled">): ChunkSummary {
  const modules: Record<string, ModuleCounts> = {};
  const unkilled: Unkilled[] = [];
  for (const file of Object.keys(report.files).sort()) {
    const { source, mutants } = report.files[file];
    const c = (modules[file] = emptyCounts());
    for (const m of mutants) {
      if (m.status === "Killed") c.killed++;
      else if (m.status === "Survived" || m.status === "NoCoverage" || m.status === "Timeout") {
        if (m.status === "Survived") c.survived++;
        else if (m.status === "Timeout") c.timedOut++;
        else c.noCoverage++;
        unkilled.push({
          file,
          line: m.location.start.line,
          mutator: m.mutatorName,
          original: snippet(sliceSource(source, m.location)),
          replacement: snippet(m.replacement ?? ""),
          lineText: snippet(source.split("\n")[m.location.start.line - 1]),
          status: m.status,
        });
      } else c.errors++;
    }
  }
  unkilled.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.mutator.localeCompare(b.mutator));
  return { ...meta, modules, unkilled };
}

export function isEquivalent(u: Unkilled, e: Equivalent): boolean {
  return (
    u.status !== "NoCoverage" &&
    u.file === e.file &&
    u.mutator === e.mutator &&
    u.original === e.original &&
    u.replacement === e.replacement &&
    (e.context === undefined || u.lineText.includes(e.context))
  );
}

const pct = (num: number, den: number) => (den === 0 ? "–" : `${((100 * num) / den).toFixed(1)}%`);

function row(cells: (string | number)[]): string {
  return `| ${cells.join(" | ")} |`;
}

/** Counts plus the equivalent mutants among them (and how many of those timed out). */
type Tally = ModuleCounts & { eq: number; eqTimedOut: number };

function tallyOf(s: ChunkSummary, file: string, equivalents: Equivalent[]): Tally {
  const eqs = s.unkilled.filter((u) => u.file === file && equivalents.some((e) => isEquivalent(u, e)));
  return { ...s.modules[file], eq: eqs.length, eqTimedOut: eqs.filter((u) => u.status === "Timeout").length };
}

function addTo(t: Tally, u: Tally): void {
  for (const k of ["killed", "timedOut", "survived", "noCoverage", "errors", "eq", "eqTimedOut"] as const) t[k] += u[k];
}

const COLUMNS = ["killed", "timed out", "survived", "no coverage", "score", "equivalent", "score without equivalents"];

/** killed … score without equivalents: an equivalent is left out of the total, and out of the detected when it timed out. */
function cells(t: Tally, bold = false): (string | number)[] {
  const detected = t.killed + t.timedOut,
    all = detected + t.survived + t.noCoverage;
  const b = (x: string) => (bold ? `**${x}**` : x);
  return [
    t.killed,
    t.timedOut,
    t.survived,
    t.noCoverage,
    b(pct(detected, all)),
    t.eq,
    b(pct(detected - t.eqTimedOut, all - t.eq)),
  ];
}

const emptyTally = (): Tally => ({ ...emptyCounts(), eq: 0, eqTimedOut: 0 });

/**
 * The per-chunk, per-module table: killed, timed out, survived, no coverage, Stryker's score
 * (killed + timed out) / (all but errors), the equivalent mutants listed in equivalents.json,
 * and the score with those set aside (left out of the denominator).
 */
export function renderTable(summaries: ChunkSummary[], equivalents: Equivalent[]): string {
  const out = [row(["chunk", "module", ...COLUMNS]), row(["---", "---", ...COLUMNS.map(() => "---:")])];
  const total = emptyTally();
  for (const s of [...summaries].sort((a, b) => a.chunk.localeCompare(b.chunk)))
    for (const file of Object.keys(s.modules)) {
      const t = tallyOf(s, file, equivalents);
      out.push(row([s.chunk, `\`${file}\``, ...cells(t)]));
      addTo(total, t);
    }
  out.push(row(["**all**", "", ...cells(total, true)]));
  return out.join("\n");
}

/**
 * The same counts per module, summed over the chunks that mutate it (a file split by line ranges
 * is one module here), sorted by module: the "every module ≥ 90%" view.
 */
export function renderModules(summaries: ChunkSummary[], equivalents: Equivalent[]): string {
  const out = [row(["module", ...COLUMNS]), row(["---", ...COLUMNS.map(() => "---:")])];
  const byFile = new Map<string, Tally>();
  for (const s of summaries)
    for (const file of Object.keys(s.modules)) {
      const t = byFile.get(file) ?? emptyTally();
      addTo(t, tallyOf(s, file, equivalents));
      byFile.set(file, t);
    }
  for (const file of [...byFile.keys()].sort()) out.push(row([`\`${file}\``, ...cells(byFile.get(file)!)]));
  return out.join("\n");
}

/**
 * One sentence for the README: the overall scores, raw and without the equivalents, and the module
 * with the lowest score without equivalents (the "every module ≥ 90%" promise at a glance).
 */
export function renderSummary(summaries: ChunkSummary[], equivalents: Equivalent[]): string {
  const total = emptyTally();
  const byFile = new Map<string, Tally>();
  for (const s of summaries)
    for (const file of Object.keys(s.modules)) {
      const t = tallyOf(s, file, equivalents);
      addTo(total, t);
      addTo(byFile.get(file) ?? byFile.set(file, emptyTally()).get(file)!, t);
    }
  const scores = (t: Tally) => {
    const detected = t.killed + t.timedOut,
      all = detected + t.survived + t.noCoverage;
    return {
      all,
      raw: pct(detected, all),
      net: pct(detected - t.eqTimedOut, all - t.eq),
      netValue: (detected - t.eqTimedOut) / (all - t.eq),
    };
  };
  const sum = scores(total);
  const [lowest, low] = [...byFile.entries()]
    .map(([file, t]) => [file, scores(t)] as const)
    .sort((a, b) => a[1].netValue - b[1].netValue || a[0].localeCompare(b[0]))[0];
  return (
    `**${sum.raw}** of ${sum.all.toLocaleString("en-US")} mutants over ${byFile.size} modules of the reference are ` +
    `detected, **${sum.net}** with the ${total.eq} equivalent mutants set aside (each listed with its reason); ` +
    `the lowest module, \`${lowest}\`, is at ${low.net} without equivalents (${low.raw} raw).`
  );
}

/** The runs behind the table: chunk, date, wall time, load, incremental or full. */
export function renderRuns(summaries: ChunkSummary[]): string {
  const out = [
    row(["chunk", "run ended (UTC)", "wall time", "load (1-min avg, start → end)", "mode"]),
    row(["---", "---", "---:", "---", "---"]),
  ];
  for (const s of [...summaries].sort((a, b) => a.chunk.localeCompare(b.chunk)))
    out.push(
      row([
        s.chunk,
        s.date.slice(0, 16).replace("T", " "),
        `${Math.floor(s.seconds / 60)} min ${String(Math.round(s.seconds % 60)).padStart(2, "0")} s`,
        `${s.load[0].toFixed(2)} → ${s.load[1].toFixed(2)}`,
        s.incremental ? "incremental" : "full",
      ]),
    );
  return out.join("\n");
}

/** The equivalent mutants, with how many of the checked-in summaries' survivors each one covers. */
export function renderEquivalents(summaries: ChunkSummary[], equivalents: Equivalent[]): string {
  const out = [
    row(["module", "mutator", "original → replacement", "mutants", "why no input can tell"]),
    row(["---", "---", "---", "---:", "---"]),
  ];
  const code = (s: string) => `\`${s.replace(/\|/g, "\\|").replace(/`/g, "'")}\``;
  for (const e of equivalents) {
    const n = summaries.flatMap((s) => s.unkilled).filter((u) => isEquivalent(u, e)).length;
    out.push(
      row([
        `\`${e.file}\``,
        e.mutator,
        `${code(e.original)} → ${code(e.replacement)}`,
        n,
        e.reason.replace(/\|/g, "\\|"),
      ]),
    );
  }
  return out.join("\n");
}

/** The mutants neither killed nor listed as equivalent: what the tests still miss. */
export function renderOpen(summaries: ChunkSummary[], equivalents: Equivalent[]): string {
  const open = summaries
    .flatMap((s) => s.unkilled)
    .filter((u) => u.status !== "Timeout" && !equivalents.some((e) => isEquivalent(u, e)))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  if (open.length === 0) return "None: every mutant not killed is a listed equivalent.";
  const code = (s: string) => `\`${s.replace(/\|/g, "\\|").replace(/`/g, "'")}\``;
  return [
    row(["module", "line", "status", "mutator", "original → replacement"]),
    row(["---", "---:", "---", "---", "---"]),
    ...open.map((u) =>
      row([`\`${u.file}\``, u.line, u.status, u.mutator, `${code(u.original)} → ${code(u.replacement)}`]),
    ),
  ].join("\n");
}

/** Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->` (markers kept). */
export function replaceBetween(doc: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`,
    end = `<!-- ${name}:end -->`;
  const i = doc.indexOf(start),
    j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`markers ${start} … ${end} not found`);
  return `${doc.slice(0, i + start.length)}\n${body}\n${doc.slice(j)}`;
}

/** The document with its five generated sections rewritten. */
export function regenerate(doc: string, summaries: ChunkSummary[], equivalents: Equivalent[]): string {
  let d = replaceBetween(doc, "mutation-table", renderTable(summaries, equivalents));
  d = replaceBetween(d, "mutation-modules", renderModules(summaries, equivalents));
  d = replaceBetween(d, "mutation-runs", renderRuns(summaries));
  d = replaceBetween(d, "mutation-equivalents", renderEquivalents(summaries, equivalents));
  return replaceBetween(d, "mutation-open", renderOpen(summaries, equivalents));
}
