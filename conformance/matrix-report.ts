/**
 * The many-implementations report: one conformance run per implementation (a Python repository,
 * or a TypeScript adapter), put side by side as a matrix of implementations × checks. For a
 * teacher with a class, or a survey of public ports. As JSON for tools, Markdown for a job summary
 * and a self-contained HTML page (no scripts, no external files) to open in a browser.
 *
 * This module only builds and renders; scripts/conformance-matrix.ts runs the implementations.
 */
import { GROUPS, type GroupKey } from "./check.js";
import type { CheckResult, Status } from "./engine.js";
import type { Report } from "./report.js";

/** A cell: the check's status in that implementation's report, or "missing" when the report lacks it (the run ended early, or --only). */
export type Cell = Status | "missing";
/** A row's verdict: every applicable check passed, some failed, or the run itself broke (no report, bad arguments, incomplete, timed out). */
export type RunStatus = "pass" | "fail" | "error";

/** What running one implementation produced. */
export interface RunOutcome {
  name: string;
  /** The directory or adapter file given. */
  source: string;
  kind: "python" | "adapter";
  /** The runner's exit code; null when it was killed (time limit) or never started. */
  exitCode: number | null;
  /** Its report.json, or null when none was written. */
  report: Report | null;
  /** Why the run broke, when it did (time limit, crash, bad arguments: the runner's last lines). */
  error?: string;
  ms?: number;
  /** Where its report.json / report.md are, relative to the matrix's folder. */
  reportDir?: string;
}

export interface MatrixColumn {
  id: string;
  group: GroupKey;
  section: string;
  title: string;
}

export interface MatrixRow {
  name: string;
  source: string;
  kind: "python" | "adapter";
  status: RunStatus;
  exitCode: number | null;
  /** Why the run did not finish (a check that hung, crashed or exited; the run's time limit); empty when it finished. */
  incomplete: string[];
  totals: { pass: number; fail: number; notProvided: number; missing: number };
  error?: string;
  ms?: number;
  reportDir?: string;
  /** check id → cell, one per column. */
  cells: Record<string, Cell>;
  /** check id → the failure message, for failing cells. */
  messages: Record<string, string>;
}

export interface Matrix {
  version: 1;
  date: string;
  columns: MatrixColumn[];
  rows: MatrixRow[];
  totals: { implementations: number; pass: number; fail: number; error: number };
}

/**
 * Why a report says its run is incomplete: the runner writes `incomplete` as a list of reasons
 * (absent or empty: the run finished); `true` is read as one unnamed reason.
 */
export function incompleteReasons(r: Report | null): string[] {
  const v = (r as { incomplete?: unknown } | null)?.incomplete;
  if (Array.isArray(v)) return v.map(String);
  if (v === true) return ["the run ended early"];
  return [];
}

/** The row verdict: never "pass" unless the run finished with exit 0 and no failing check. */
export function runStatus(o: Pick<RunOutcome, "exitCode" | "report">): RunStatus {
  if (o.report === null || incompleteReasons(o.report).length > 0) return "error";
  if (o.exitCode !== 0 && o.exitCode !== 1) return "error";
  if (o.exitCode === 1 || o.report.totals.fail > 0) return "fail";
  return "pass";
}

function resultsOf(r: Report): CheckResult[] {
  return r.groups.flatMap((g) => g.results);
}

/** Columns: every check seen in any report, grouped in book order, first-seen order inside a group. */
function columnsOf(reports: Report[]): MatrixColumn[] {
  const seen = new Map<string, MatrixColumn>();
  for (const r of reports)
    for (const c of resultsOf(r))
      if (!seen.has(c.id)) seen.set(c.id, { id: c.id, group: c.group, section: c.section, title: c.title });
  const order = GROUPS.map((g) => g.key as GroupKey);
  return [...seen.values()].sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
}

function uniqueNames(outcomes: RunOutcome[]): string[] {
  const count = new Map<string, number>();
  return outcomes.map((o) => {
    const n = (count.get(o.name) ?? 0) + 1;
    count.set(o.name, n);
    return n === 1 ? o.name : `${o.name} (${n})`;
  });
}

export function buildMatrix(outcomes: RunOutcome[], date: string = new Date().toISOString()): Matrix {
  const columns = columnsOf(outcomes.flatMap((o) => (o.report ? [o.report] : [])));
  const names = uniqueNames(outcomes);
  const rows = outcomes.map((o, i): MatrixRow => {
    const byId = new Map((o.report ? resultsOf(o.report) : []).map((c) => [c.id, c]));
    const cells: Record<string, Cell> = {};
    const messages: Record<string, string> = {};
    const totals = { pass: 0, fail: 0, notProvided: 0, missing: 0 };
    for (const col of columns) {
      const c = byId.get(col.id);
      const cell: Cell = c ? c.status : "missing";
      cells[col.id] = cell;
      if (cell === "pass") totals.pass++;
      else if (cell === "fail") totals.fail++;
      else if (cell === "not provided") totals.notProvided++;
      else totals.missing++;
      if (c?.status === "fail") messages[col.id] = c.message ?? "";
    }
    const row: MatrixRow = {
      name: names[i],
      source: o.source,
      kind: o.kind,
      status: runStatus(o),
      exitCode: o.exitCode,
      incomplete: incompleteReasons(o.report),
      totals,
      cells,
      messages,
    };
    if (o.error !== undefined) row.error = o.error;
    if (o.ms !== undefined) row.ms = o.ms;
    if (o.reportDir !== undefined) row.reportDir = o.reportDir;
    return row;
  });
  return { version: 1, date, columns, rows, totals: tally(rows) };
}

function tally(rows: MatrixRow[]): Matrix["totals"] {
  return {
    implementations: rows.length,
    pass: rows.filter((r) => r.status === "pass").length,
    fail: rows.filter((r) => r.status === "fail").length,
    error: rows.filter((r) => r.status === "error").length,
  };
}

/** Joins matrices (one per CI shard) into one: rows in the order given, columns the union. */
export function mergeMatrices(parts: Matrix[], date: string = new Date().toISOString()): Matrix {
  const seen = new Map<string, MatrixColumn>();
  for (const m of parts) for (const c of m.columns) if (!seen.has(c.id)) seen.set(c.id, c);
  const order = GROUPS.map((g) => g.key as GroupKey);
  const columns = [...seen.values()].sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
  const taken = new Map<string, number>();
  const rows = parts
    .flatMap((m) => m.rows)
    .map((r): MatrixRow => {
      const cells: Record<string, Cell> = {};
      let missing = 0;
      for (const c of columns) {
        cells[c.id] = r.cells[c.id] ?? "missing";
        if (cells[c.id] === "missing") missing++;
      }
      const n = (taken.get(r.name) ?? 0) + 1;
      taken.set(r.name, n);
      return { ...r, name: n === 1 ? r.name : `${r.name} (${n})`, cells, totals: { ...r.totals, missing } };
    });
  return { version: 1, date, columns, rows, totals: tally(rows) };
}

// ---------------------------------------------------------------------------------------------
// Rendering

const SYMBOL: Record<Cell, string> = { pass: "✓", fail: "✗", "not provided": "·", missing: "?" };
const VERDICT: Record<RunStatus, string> = { pass: "pass", fail: "**FAIL**", error: "**ERROR**" };

/** What broke a run, for an "error" row. */
function whyBroken(r: MatrixRow): string {
  const parts: string[] = [];
  if (r.error) parts.push(r.error);
  if (r.incomplete.length) parts.push(`incomplete: ${r.incomplete.join("; ")}`);
  if (!parts.length) parts.push(r.exitCode === null ? "no exit code" : `the runner exited with code ${r.exitCode}`);
  return parts.join("\n");
}

function mdCell(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function matrixToMarkdown(m: Matrix): string {
  const t = m.totals;
  const out: string[] = [
    "# Conformance matrix",
    "",
    `${t.implementations} implementation(s) × ${m.columns.length} checks, ${m.date}. **${t.pass} pass, ${t.fail} fail, ${t.error} error.**`,
    "",
    "| implementation | result | pass | fail | not provided | failing checks |",
    "|---|---|---|---|---|---|",
  ];
  for (const r of m.rows) {
    const failing = m.columns
      .filter((c) => r.cells[c.id] === "fail")
      .map((c) => `\`${c.id}\``)
      .join(", ");
    const extra = r.status === "error" ? ` ${mdCell(whyBroken(r))}` : "";
    out.push(
      `| ${mdCell(r.name)} | ${VERDICT[r.status]} | ${r.totals.pass} | ${r.totals.fail} | ${r.totals.notProvided} | ${failing}${extra} |`,
    );
  }
  out.push(
    "",
    "## Checks × implementations",
    "",
    `✓ pass, ✗ fail, · not provided, ? missing (the run ended before this check).`,
    "",
  );
  out.push(`| check | ${m.rows.map((r) => mdCell(r.name)).join(" | ")} |`, `|---|${m.rows.map(() => "---|").join("")}`);
  let group: string | null = null;
  for (const c of m.columns) {
    if (c.group !== group) {
      group = c.group;
      const title = GROUPS.find((g) => g.key === c.group)?.title ?? c.group;
      out.push(`| **${mdCell(title)}** |${m.rows.map(() => " |").join("")}`);
    }
    out.push(`| \`${c.id}\` | ${m.rows.map((r) => SYMBOL[r.cells[c.id] ?? "missing"]).join(" | ")} |`);
  }
  out.push("");
  return out.join("\n");
}

function esc(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}
table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:2px 5px}
th.check{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;font-family:ui-monospace,monospace;font-size:12px;white-space:nowrap;max-height:16em}
th.group{background:#eef;font-weight:600}
th.impl{text-align:left;white-space:nowrap}
td.c{text-align:center;min-width:1.2em}
td.pass{background:#d7f5d7;color:#155d15}td.fail{background:#f8c9c9;color:#8b0000;font-weight:bold}
td.notprovided{background:#f2f2f2;color:#999}td.missing{background:#fff3c4;color:#7a5b00}
.v-pass{color:#155d15}.v-fail{color:#8b0000;font-weight:bold}.v-error{color:#8b4500;font-weight:bold}
pre{background:#f6f6f6;padding:.5em;white-space:pre-wrap;max-width:110ch}
.legend span{display:inline-block;padding:0 .5em;margin-right:.5em;border:1px solid #ccc}
`;

const CLASS: Record<Cell, string> = { pass: "pass", fail: "fail", "not provided": "notprovided", missing: "missing" };

export function matrixToHtml(m: Matrix): string {
  const t = m.totals;
  const groups: { title: string; n: number }[] = [];
  for (const c of m.columns) {
    const title = GROUPS.find((g) => g.key === c.group)?.title ?? c.group;
    const last = groups[groups.length - 1];
    if (last && last.title === title) last.n++;
    else groups.push({ title, n: 1 });
  }
  const h: string[] = [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8"><title>Conformance matrix</title>',
    `<style>${CSS}</style></head><body>`,
    "<h1>Conformance matrix</h1>",
    `<p>${t.implementations} implementation(s) × ${m.columns.length} checks, ${esc(m.date)}. <b>${t.pass} pass, ${t.fail} fail, ${t.error} error.</b></p>`,
    '<p class="legend"><span class="c pass" style="background:#d7f5d7">✓ pass</span><span style="background:#f8c9c9">✗ fail</span><span style="background:#f2f2f2">· not provided</span><span style="background:#fff3c4">? missing (the run ended before this check)</span> Hover a cell for the check and its message.</p>',
    "<table>",
    `<tr><th rowspan="2">implementation</th><th rowspan="2">result</th><th rowspan="2">pass</th><th rowspan="2">fail</th><th rowspan="2">n/p</th>${groups.map((g) => `<th class="group" colspan="${g.n}">${esc(g.title)}</th>`).join("")}</tr>`,
    `<tr>${m.columns.map((c) => `<th class="check" title="${esc(`${c.section}: ${c.title}`)}">${esc(c.id)}</th>`).join("")}</tr>`,
  ];
  for (const r of m.rows) {
    const name = r.reportDir ? `<a href="${esc(`${r.reportDir}/report.md`)}">${esc(r.name)}</a>` : esc(r.name);
    const cells = m.columns.map((c) => {
      const cell = r.cells[c.id] ?? "missing";
      const msg = r.messages[c.id];
      const tip = `${r.name} · ${c.id}: ${cell}${msg ? `\n${msg.slice(0, 600)}` : ""}`;
      return `<td class="c ${CLASS[cell]}" title="${esc(tip)}">${SYMBOL[cell]}</td>`;
    });
    h.push(
      `<tr><th class="impl" title="${esc(r.source)}">${name}</th><td class="v-${r.status}">${r.status}</td><td>${r.totals.pass}</td><td>${r.totals.fail}</td><td>${r.totals.notProvided}</td>${cells.join("")}</tr>`,
    );
  }
  h.push("</table>");
  const broken = m.rows.filter((r) => r.status !== "pass");
  if (broken.length) h.push("<h2>Failures and errors</h2>");
  for (const r of broken) {
    h.push(
      `<details${broken.length <= 5 ? " open" : ""}><summary><b>${esc(r.name)}</b> — ${r.status} (${esc(r.source)})</summary>`,
    );
    if (r.status === "error") h.push(`<pre>${esc(whyBroken(r))}</pre>`);
    for (const c of m.columns.filter((col) => r.cells[col.id] === "fail"))
      h.push(
        `<h3>✗ <code>${esc(c.id)}</code> <small>${esc(c.section)}</small></h3><pre>${esc(r.messages[c.id] ?? "")}</pre>`,
      );
    h.push("</details>");
  }
  h.push("</body></html>", "");
  return h.join("\n");
}

export function matrixToJson(m: Matrix): string {
  return JSON.stringify(m, null, 2);
}
