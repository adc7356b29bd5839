/**
 * The conformance report: grouped by book section, pass/fail/not provided per check, and for each
 * failure the check's message: expected vs received, the hint from evidence (the catalogued
 * mistake or variant whose numbers equal the received ones, or "no catalogued mistake matches"
 * with the largest differences) and how to replay it against the implementation.
 * As text for the terminal, Markdown for a PR comment or a docs page, and JSON for tools.
 */
import { GROUPS } from "./check.js";
import type { CheckResult } from "./engine.js";

export interface Report {
  adapter: string;
  provides: readonly string[];
  date: string;
  warnings: string[];
  totals: { pass: number; fail: number; notProvided: number };
  groups: { key: string; title: string; results: CheckResult[] }[];
  /** Why the run is incomplete (a check that hung, crashed or exited; the run's time limit). Absent or empty: complete. */
  incomplete?: string[];
  /** For an implementation behind a host (e.g. Python): how each contract name was resolved. */
  implementation?: {
    host: string;
    modules: string[];
    resolution: { name: string; target?: string; how?: string }[];
    stubbed: string[];
    warnings: string[];
  };
}

/** Marks a report incomplete and attaches what the host found. */
export function withRun(r: Report, incomplete: string[], implementation?: Report["implementation"]): Report {
  return { ...r, incomplete, ...(implementation ? { implementation } : {}) };
}

function implementationLines(r: Report): string[] {
  const out: string[] = [];
  if (r.incomplete?.length) out.push("INCOMPLETE RUN:", ...r.incomplete.map((w) => `  - ${w}`), "");
  const i = r.implementation;
  if (!i) return out;
  out.push(`Host: ${i.host}; modules loaded: ${i.modules.join(", ") || "none"}`);
  for (const n of i.resolution)
    out.push(`  ${n.name.padEnd(20)} ${n.target ? `${n.target} (${n.how})` : "not provided"}`);
  if (i.stubbed.length) out.push(`Stubbed (absent or display-only packages): ${i.stubbed.join(", ")}`);
  for (const w of i.warnings) out.push(`warning: ${w}`);
  out.push("");
  return out;
}

export function buildReport(
  adapter: string,
  provides: readonly string[],
  results: CheckResult[],
  warnings: string[],
): Report {
  const count = (s: CheckResult["status"]) => results.filter((r) => r.status === s).length;
  return {
    adapter,
    provides,
    date: new Date().toISOString(),
    warnings,
    totals: { pass: count("pass"), fail: count("fail"), notProvided: count("not provided") },
    groups: GROUPS.map((g) => ({
      key: g.key,
      title: g.title,
      results: results.filter((r) => r.group === g.key),
    })).filter((g) => g.results.length > 0),
  };
}

const MARK = { pass: "PASS", fail: "FAIL", "not provided": "n/p " } as const;

function indent(s: string, pad: string): string {
  return s
    .split("\n")
    .map((l) => pad + l)
    .join("\n");
}

export function toText(r: Report): string {
  const out: string[] = [`Conformance of "${r.adapter}" (provides: ${r.provides.join(", ") || "nothing"})`, ""];
  out.push(...implementationLines(r));
  for (const w of r.warnings) out.push(`warning: ${w}`);
  if (r.warnings.length) out.push("");
  for (const g of r.groups) {
    out.push(g.title);
    for (const c of g.results) {
      out.push(
        `  ${MARK[c.status]}  ${c.id}: ${c.title}${c.status === "not provided" ? `  [needs ${c.needs?.join(", ")}]` : ""}`,
      );
      if (c.status === "fail") out.push(indent(c.message ?? "", "        | "));
    }
    out.push("");
  }
  const t = r.totals;
  out.push(
    `${t.pass} passed, ${t.fail} failed, ${t.notProvided} not provided${r.incomplete?.length ? " (INCOMPLETE run)" : ""}`,
  );
  return out.join("\n");
}

function mdEscape(s: string): string {
  return s.replace(/\|/g, "\\|");
}

export function toMarkdown(r: Report): string {
  const t = r.totals;
  const out: string[] = [
    `# Conformance report: ${r.adapter}`,
    "",
    `Provides: ${r.provides.map((p) => `\`${p}\``).join(", ") || "nothing"}. ${r.date}.`,
    "",
    `**${t.pass} passed, ${t.fail} failed, ${t.notProvided} not provided.**`,
    "",
  ];
  const extra = implementationLines(r);
  if (extra.length) out.push("```", ...extra, "```", "");
  if (r.warnings.length) out.push(...r.warnings.map((w) => `- warning: ${w}`), "");
  for (const g of r.groups) {
    out.push(`## ${g.title}`, "", "| result | check | claim |", "|---|---|---|");
    for (const c of g.results)
      out.push(
        `| ${c.status === "pass" ? "pass" : c.status === "fail" ? "**FAIL**" : "not provided"} | \`${c.id}\` | ${mdEscape(c.title)}${c.status === "not provided" ? ` (needs ${mdEscape(c.needs?.join(", ") ?? "")})` : ""} |`,
      );
    out.push("");
    for (const c of g.results.filter((x) => x.status === "fail"))
      out.push(`### FAIL \`${c.id}\``, "", "```", c.message ?? "", "```", "");
  }
  return out.join("\n");
}

export function toJson(r: Report): string {
  return JSON.stringify(r, null, 2);
}
