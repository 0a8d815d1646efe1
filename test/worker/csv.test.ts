/**
 * The one CSV writer (worker/api/csv.ts), used by the API's exports and the dashboard's
 * downloads: every cell quoted, formula-like text neutralised, numbers left alone.
 */
import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "../../worker/api/csv";
import { expectEach } from "./maps-to";

describe("CSV writer", () => {
  it("quotes every cell, doubling quotes, so , ; and line breaks stay inside their cell", () => {
    expectEach(csvCell, [
      ["plain", '"plain"'],
      ["a;b", '"a;b"'],
      ["a,b", '"a,b"'],
      ['say "hi"', '"say ""hi"""'],
      ["two\r\nlines", '"two\r\nlines"'],
      [null, '""'],
      [undefined, '""'],
      [12.5, '"12.5"'],
    ]);
  });

  it("neutralises text a spreadsheet would run as a formula", () => {
    for (const s of [
      '=HYPERLINK("http://evil")',
      "+1+1",
      "-2+3",
      "@SUM(A1)",
      "\t=1",
      "\r=1",
      "\n=1",
      "＝1+1",
      "＋1",
      "－1",
      "＠x",
    ])
      expect(csvCell(s), JSON.stringify(s)).toBe(`"'${s.replace(/"/g, '""')}"`);
    // Numbers from the database are not text from strangers.
    expect(csvCell(-5)).toBe('"-5"');
    expect(csvCell("a=1")).toBe('"a=1"');
  });

  it("writes CRLF records (the dashboard re-exports this writer: dashboard/csv.ts)", () => {
    const csv = toCsv(
      ["name", "n"],
      [
        ["=cmd", 1],
        ["x;y", null],
      ],
    );
    expect(csv).toBe('"name","n"\r\n"\'=cmd","1"\r\n"x;y",""\r\n');
  });
});
