/**
 * Business hours of the agents (widget/agents/hours.ts, reply-text.ts), pure functions
 * run with Node's full ICU: the grammar; open and closed at each boundary (08:59:59 closed,
 * 09:00 open, 17:59:59 open, 18:00 closed) on the day before, of and after each DST change of
 * 2026 (Europe/Berlin 03-29 and 10-25, America/New_York 03-08 and 11-01) and in a zone without
 * DST (America/Sao_Paulo); overnight windows; the next opening across a change; and the
 * "Replies …" line in the visitor's language and clock.
 */
import { describe, expect, test } from "vitest";
import { AGENTS_STRINGS, agentsStrings } from "../../widget/agents/agents-strings";
import { isOpen, nextOpening, parseHours, type Window } from "../../widget/agents/hours";
import { replyText } from "../../widget/agents/reply-text";
import { STRINGS } from "../../widget/i18n";

const DAILY = parseHours("mo-su 09:00-18:00") as Window[];

/** The instant at which `zone`'s clock reads `date` `time` (found by asking Intl, not assumed). */
function at(zone: string, date: string, time: string): number {
  const wanted = `${date} ${time}`;
  const format = new Intl.DateTimeFormat("sv-SE", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  // Every offset the zones have: -5 h … +2 h, in whole hours.
  for (let offset = -12; offset <= 14; offset++) {
    const t = Date.parse(`${date}T${time}Z`) - offset * 3_600_000;
    if (format.format(t) === wanted) return t;
  }
  throw new Error(`${wanted} does not exist in ${zone}`);
}

const BOUNDARIES: [string, boolean][] = [
  ["08:59:59", false],
  ["09:00:00", true],
  ["17:59:59", true],
  ["18:00:00", false],
];

describe("the grammar", () => {
  test("days, ranges, wrapping ranges, lists and several windows", () => {
    expect(parseHours("mo-fr 09:00-18:00; sa 10:00-14:00")).toHaveLength(6);
    expect(parseHours("fr-mo 10:00-12:00")?.map((w) => w.day)).toEqual([4, 5, 6, 0]);
    expect(parseHours("mo,we 09:00-13:00,14:00-18:00")).toEqual([
      { day: 0, start: 540, end: 780 },
      { day: 2, start: 540, end: 780 },
      { day: 0, start: 840, end: 1080 },
      { day: 2, start: 840, end: 1080 },
    ]);
    expect(parseHours("Mon-Tue 00:00-24:00")).toEqual([
      { day: 0, start: 0, end: 1440 },
      { day: 1, start: 0, end: 1440 },
    ]);
  });

  test("anything else is invalid, never half read", () => {
    for (const bad of [
      "",
      "mo",
      "09:00-18:00",
      "xx 09:00-18:00",
      "mo-tu-we 09:00-18:00",
      "mo 09:00-25:00",
      "mo 9-18",
      "mo 09:60-18:00",
      "mo 09:00-09:00",
      "mo 24:00-02:00",
      "mo 09:00-18:00; funday 10:00-12:00",
    ])
      expect([bad, parseHours(bad)]).toEqual([bad, undefined]);
  });
});

describe("open at the boundaries, on both sides of each DST change", () => {
  const CASES: [string, string[]][] = [
    // The day before, of and after the change (the change itself is at night).
    [
      "Europe/Berlin",
      ["2026-03-28", "2026-03-29", "2026-03-30", "2026-10-24", "2026-10-25", "2026-10-26"],
    ],
    [
      "America/New_York",
      ["2026-03-07", "2026-03-08", "2026-03-09", "2026-10-31", "2026-11-01", "2026-11-02"],
    ],
    ["America/Sao_Paulo", ["2026-03-28", "2026-10-25", "2026-12-31"]],
  ];
  for (const [zone, dates] of CASES)
    test(zone, () => {
      for (const date of dates)
        for (const [time, open] of BOUNDARIES)
          expect([date, time, isOpen(DAILY, zone, at(zone, date, time))]).toEqual([
            date,
            time,
            open,
          ]);
    });

  test("the offsets really changed: 09:00 is another UTC hour after the change", () => {
    const utcHour = (zone: string, date: string) =>
      new Date(at(zone, date, "09:00:00")).getUTCHours();
    expect([
      utcHour("Europe/Berlin", "2026-03-28"),
      utcHour("Europe/Berlin", "2026-03-30"),
    ]).toEqual([8, 7]);
    expect([
      utcHour("America/New_York", "2026-10-31"),
      utcHour("America/New_York", "2026-11-02"),
    ]).toEqual([13, 14]);
    expect(utcHour("America/Sao_Paulo", "2026-03-28")).toBe(12);
  });

  test("only on the days listed: a Saturday window is closed on Friday at the same hour", () => {
    const sat = parseHours("sa 10:00-14:00") as Window[];
    const zone = "Europe/Berlin";
    expect(isOpen(sat, zone, at(zone, "2026-03-28", "11:00:00"))).toBe(true);
    expect(isOpen(sat, zone, at(zone, "2026-03-27", "11:00:00"))).toBe(false);
  });
});

describe("overnight windows (22:00-02:00)", () => {
  const night = parseHours("fr 22:00-02:00") as Window[];
  const zone = "Europe/Berlin";
  test("open from Friday 22:00 into Saturday, closed at 02:00 and on Thursday night", () => {
    const cases: [string, string, boolean][] = [
      ["2026-10-23", "21:59:59", false],
      ["2026-10-23", "22:00:00", true],
      ["2026-10-23", "23:59:59", true],
      ["2026-10-24", "00:00:00", true],
      ["2026-10-24", "01:59:59", true],
      ["2026-10-24", "02:00:00", false],
      ["2026-10-22", "23:00:00", false],
      ["2026-10-25", "01:00:00", false],
    ];
    for (const [date, time, open] of cases)
      expect([date, time, isOpen(night, zone, at(zone, date, time))]).toEqual([date, time, open]);
  });
});

describe("the next opening", () => {
  const week = parseHours("mo-fr 09:00-18:00") as Window[];
  test("after a weekend with a DST change: Monday 09:00 at the new offset", () => {
    const zone = "Europe/Berlin";
    const sat = at(zone, "2026-03-28", "20:00:00");
    expect(nextOpening(week, zone, sat)).toBe(at(zone, "2026-03-30", "09:00:00"));
    const ny = "America/New_York";
    expect(nextOpening(week, ny, at(ny, "2026-10-31", "12:00:00"))).toBe(
      at(ny, "2026-11-02", "09:00:00"),
    );
  });

  test("later today, tomorrow, and a week on when today's window has passed", () => {
    const zone = "America/Sao_Paulo";
    expect(nextOpening(week, zone, at(zone, "2026-06-01", "07:00:00"))).toBe(
      at(zone, "2026-06-01", "09:00:00"),
    );
    expect(nextOpening(week, zone, at(zone, "2026-06-01", "18:00:00"))).toBe(
      at(zone, "2026-06-02", "09:00:00"),
    );
    const monday = parseHours("mo 09:00-10:00") as Window[];
    expect(nextOpening(monday, zone, at(zone, "2026-06-01", "12:00:00"))).toBe(
      at(zone, "2026-06-08", "09:00:00"),
    );
    expect(nextOpening([], zone, Date.now())).toBeUndefined();
  });
});

describe("when an away agent replies, in the visitor's language and clock", () => {
  const zone = "Europe/Berlin";
  const now = at(zone, "2026-03-27", "19:00:00"); // a Friday evening
  test("today, tomorrow, and a weekday", () => {
    const en = agentsStrings("en");
    expect(replyText(en, "en", at(zone, "2026-03-27", "21:30:00"), now, zone)).toBe(
      "Replies from 9:30 PM",
    );
    expect(replyText(en, "en", at(zone, "2026-03-28", "10:00:00"), now, zone)).toBe(
      "Replies tomorrow from 10:00 AM",
    );
    expect(replyText(en, "en", at(zone, "2026-03-30", "09:00:00"), now, zone)).toBe(
      "Replies Monday from 9:00 AM",
    );
    const ru = agentsStrings("ru");
    expect(replyText(ru, "ru", at(zone, "2026-03-30", "09:00:00"), now, zone)).toBe(
      "Ответит: понедельник, с 9:00",
    );
  });

  test("a visitor in another zone reads the opening in their own clock", () => {
    const en = agentsStrings("en");
    // Monday 09:00 in Berlin is Monday 04:00 in São Paulo (-3 h, Berlin +2 h after the change).
    expect(replyText(en, "en", at(zone, "2026-03-30", "09:00:00"), now, "America/Sao_Paulo")).toBe(
      "Replies Monday from 4:00 AM",
    );
  });

  test("its texts exist, translated, for every widget language", () => {
    expect(Object.keys(AGENTS_STRINGS).sort()).toEqual(Object.keys(STRINGS).sort());
    const en = { ...AGENTS_STRINGS.en } as Record<string, string>;
    for (const [lang, strings] of Object.entries(AGENTS_STRINGS)) {
      for (const [key, text] of Object.entries(strings)) {
        expect(text.trim()).not.toBe("");
        if (key !== "online" && lang !== "en")
          expect([lang, key, text]).not.toEqual([lang, key, en[key]]);
      }
      for (const key of ["today", "tomorrow", "later"])
        expect(strings[key as "today"]).toContain("{time}");
      expect(strings.later).toContain("{day}");
    }
  });
});
