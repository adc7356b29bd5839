/**
 * docs/next-to-the-book.md promises, for each book file, the line of the TypeScript file that
 * keeps each of the book's quirks. Lines move when code is edited: every `src/…:N` in its table
 * must still point at a line of that file marked "Book quirk", and every other reference at an
 * existing line.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const doc = readFileSync(new URL("../../docs/next-to-the-book.md", import.meta.url), "utf8");
const REF = /`(src\/[\w/.-]+\.ts):(\d+)`/g;
const lineOf = (file: string, n: number) =>
  readFileSync(new URL(`../../${file}`, import.meta.url), "utf8").split("\n")[n - 1];

describe("docs/next-to-the-book.md points at the lines that keep the book's quirks", () => {
  const table = doc.split("\n").filter((l) => l.startsWith("| `common/"));
  it("has a row for each of the book's common/*.py files the chapter uses", () => {
    for (const book of [
      "functions",
      "gradient",
      "layers",
      "optimizer",
      "multi_layer_net",
      "multi_layer_net_extend",
      "trainer",
      "util",
    ])
      expect(
        table.some((row) => row.startsWith(`| \`common/${book}.py\``)),
        `no row for common/${book}.py`,
      ).toBe(true);
  });

  it("every reference in the quirk table is a line marked 'Book quirk' in that file", () => {
    const refs = table.flatMap((row) => [...row.matchAll(REF)]);
    expect(refs.length).toBeGreaterThan(10);
    for (const [, file, n] of refs)
      expect(
        lineOf(file, Number(n)) ?? "",
        `${file}:${n} is not the line with its "Book quirk" comment any more: update docs/next-to-the-book.md`,
      ).toMatch(/book quirk/i);
  });

  it("every other reference points at an existing, non-empty line", () => {
    const rest = doc.split("\n").filter((l) => !l.startsWith("| `common/"));
    for (const [, file, n] of rest.flatMap((l) => [...l.matchAll(REF)]))
      expect((lineOf(file, Number(n)) ?? "").trim(), `${file}:${n} does not exist or is empty`).not.toBe("");
  });
});
