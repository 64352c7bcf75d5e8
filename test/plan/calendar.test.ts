import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  addDays,
  businessCalendar,
  defaultCalendar,
  type Holiday,
  indonesianHolidays,
  nextBusinessDay,
  weekday,
} from "../../src/plan/calendar";
import y2025 from "../../src/plan/holidays/id-2025.json";
import y2026 from "../../src/plan/holidays/id-2026.json";
import y2027 from "../../src/plan/holidays/id-2027.json";

const withoutCuti = businessCalendar(indonesianHolidays(), { cutiBersama: false });

describe("weekday", () => {
  it.each([
    ["1970-01-01", 4],
    ["1969-12-31", 3],
    ["2025-01-01", 3],
    ["2025-08-17", 0],
    ["2025-12-27", 6],
    ["2026-03-21", 6],
    ["2027-12-26", 0],
    ["2028-02-29", 2],
  ])("%s is day %i", (date, day) => {
    expect(weekday(date)).toBe(day);
  });
});

describe("addDays", () => {
  it.each([
    ["2025-12-31", 1, "2026-01-01"],
    ["2026-01-01", -1, "2025-12-31"],
    ["2026-02-28", 1, "2026-03-01"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2026-03-01", -1, "2026-02-28"],
    ["2025-03-30", 1, "2025-03-31"],
    ["2025-10-26", 0, "2025-10-26"],
    ["2025-01-01", 365, "2026-01-01"],
  ])("%s %+i days is %s", (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it.each(["2025-02-30", "2025-1-1", "2025-13-01", "20250101", "", "2025-01-01T00:00:00Z"])(
    "rejects %j",
    (date) => {
      expect(() => addDays(date, 1)).toThrow(RangeError);
    },
  );

  it("rejects a fractional count", () => {
    expect(() => addDays("2025-01-01", 1.5)).toThrow(RangeError);
  });
});

describe("isBusinessDay on the shipped calendar", () => {
  it.each([
    ["2025-12-17", true, "an ordinary Wednesday"],
    ["2025-12-20", false, "Saturday"],
    ["2025-12-21", false, "Sunday"],
    ["2025-12-25", false, "Christmas"],
    ["2025-12-26", false, "cuti bersama Christmas"],
    ["2025-08-18", false, "cuti bersama added by the August 2025 amendment"],
    ["2025-03-31", false, "Idulfitri 1446 H"],
    ["2025-04-07", false, "cuti bersama Idulfitri 1446 H"],
    ["2025-04-08", true, "first working day after Lebaran 2025"],
    ["2026-03-19", false, "Nyepi 2026"],
    ["2026-03-20", false, "cuti bersama Idulfitri 1447 H"],
    ["2026-03-21", false, "Idulfitri 1447 H (a Saturday)"],
    ["2026-03-22", false, "Idulfitri 1447 H (a Sunday)"],
    ["2026-03-23", false, "cuti bersama Idulfitri 1447 H"],
    ["2026-03-24", false, "cuti bersama Idulfitri 1447 H"],
    ["2026-03-25", true, "first working day after Lebaran 2026"],
    ["2026-08-17", false, "Independence Day on a Monday"],
    ["2026-08-18", true, "no 2026 counterpart of the 2025 amendment"],
    ["2027-03-25", false, "cuti bersama Wafat Yesus Kristus 2027"],
    ["2028-01-03", true, "a Monday past the shipped data"],
  ])("%s → %s (%s)", (date, expected) => {
    expect(defaultCalendar.isBusinessDay(date)).toBe(expected);
  });
});

describe("holidayOn", () => {
  it("names the holiday and its kind", () => {
    expect(defaultCalendar.holidayOn("2026-03-21")).toEqual({
      date: "2026-03-21",
      name: "Idulfitri 1447 Hijriah",
      kind: "national",
    });
    expect(defaultCalendar.holidayOn("2025-08-18")?.kind).toBe("cuti_bersama");
  });

  it("is undefined on a plain weekday and on a plain weekend", () => {
    expect(defaultCalendar.holidayOn("2025-12-17")).toBeUndefined();
    expect(defaultCalendar.holidayOn("2025-12-20")).toBeUndefined();
  });

  it("rejects a malformed date", () => {
    expect(() => defaultCalendar.holidayOn("2025-02-29")).toThrow(RangeError);
  });
});

describe("cuti bersama switched off", () => {
  it.each(["2025-08-18", "2025-12-26", "2026-03-20", "2026-03-23", "2027-03-25"])(
    "%s becomes a business day with no holiday reported",
    (date) => {
      expect(defaultCalendar.isBusinessDay(date)).toBe(false);
      expect(withoutCuti.isBusinessDay(date)).toBe(true);
      expect(withoutCuti.holidayOn(date)).toBeUndefined();
    },
  );

  it.each(["2025-12-25", "2026-03-19", "2026-08-17"])("%s stays a holiday", (date) => {
    expect(withoutCuti.isBusinessDay(date)).toBe(false);
    expect(withoutCuti.holidayOn(date)?.kind).toBe("national");
  });

  it("defaults to on", () => {
    const implicit = businessCalendar(indonesianHolidays());
    const explicit = businessCalendar(indonesianHolidays(), { cutiBersama: true });
    expect(implicit.isBusinessDay("2025-12-26")).toBe(false);
    expect(explicit.isBusinessDay("2025-12-26")).toBe(false);
  });
});

describe("addBusinessDays", () => {
  it.each([
    ["skips Christmas and its cuti bersama", "2025-12-17", 7, "2025-12-30"],
    ["skips a weekend", "2025-12-05", 3, "2025-12-10"],
    ["n = 0 is the date itself", "2025-12-17", 0, "2025-12-17"],
    ["n = 0 is the date itself, even on a Saturday", "2025-12-20", 0, "2025-12-20"],
    ["one from a Friday is Monday", "2025-12-12", 1, "2025-12-15"],
    ["one from a Saturday is Monday", "2025-12-13", 1, "2025-12-15"],
    ["crosses New Year", "2025-12-31", 1, "2026-01-02"],
    ["crosses the 2026/2027 boundary", "2026-12-23", 5, "2027-01-04"],
    ["ends on the last day of 2026", "2026-12-23", 4, "2026-12-31"],
    ["skips the whole of Lebaran 2026", "2026-03-17", 2, "2026-03-26"],
    ["skips the Independence Day bridge of 2025", "2025-08-15", 1, "2025-08-19"],
    ["a week-long promise from an interview", "2026-05-13", 5, "2026-05-22"],
  ])("%s: %s + %i → %s", (_label, date, n, expected) => {
    expect(addBusinessDays(defaultCalendar, date, n)).toBe(expected);
  });

  it.each([
    ["2025-12-17", 7, "2025-12-29"],
    ["2026-03-17", 2, "2026-03-20"],
    ["2025-08-15", 1, "2025-08-18"],
  ])("without cuti bersama: %s + %i → %s", (date, n, expected) => {
    expect(addBusinessDays(withoutCuti, date, n)).toBe(expected);
  });

  it("with no holidays only weekends are skipped", () => {
    const bare = businessCalendar([]);
    expect(addBusinessDays(bare, "2025-12-17", 7)).toBe("2025-12-26");
    expect(bare.isBusinessDay("2025-12-25")).toBe(true);
  });

  it.each([-1, 1.5, Number.NaN])("rejects n = %d", (n) => {
    expect(() => addBusinessDays(defaultCalendar, "2025-12-17", n)).toThrow(RangeError);
  });
});

describe("nextBusinessDay", () => {
  it.each([
    ["2025-12-17", "2025-12-18"],
    ["2025-12-19", "2025-12-22"],
    ["2025-12-24", "2025-12-29"],
    ["2025-12-31", "2026-01-02"],
    ["2026-03-18", "2026-03-25"],
    ["2026-12-31", "2027-01-04"],
    ["2027-03-05", "2027-03-16"],
  ])("after %s comes %s", (date, expected) => {
    expect(nextBusinessDay(defaultCalendar, date)).toBe(expected);
  });

  it("is strictly after, even when the date itself is a business day", () => {
    expect(defaultCalendar.isBusinessDay("2025-12-17")).toBe(true);
    expect(nextBusinessDay(defaultCalendar, "2025-12-17")).not.toBe("2025-12-17");
  });

  it("lands on a cuti bersama day when they are switched off", () => {
    expect(nextBusinessDay(withoutCuti, "2025-12-25")).toBe("2025-12-26");
  });
});

describe("a person's own holiday list", () => {
  const own: Holiday[] = [
    { date: "2025-12-26", name: "Cuti bersama Natal", kind: "cuti_bersama" },
    { date: "2025-12-26", name: "Company day", kind: "national" },
    { date: "2025-12-29", name: "Office closed", kind: "cuti_bersama" },
  ];

  it("prefers the national entry when a date is listed twice", () => {
    expect(businessCalendar(own).holidayOn("2025-12-26")?.name).toBe("Company day");
    expect(businessCalendar([...own].reverse()).holidayOn("2025-12-26")?.name).toBe("Company day");
  });

  it("keeps the national entry when cuti bersama is off", () => {
    const calendar = businessCalendar(own, { cutiBersama: false });
    expect(calendar.isBusinessDay("2025-12-26")).toBe(false);
    expect(calendar.isBusinessDay("2025-12-29")).toBe(true);
  });

  it("rejects a malformed date in the list", () => {
    expect(() => businessCalendar([{ date: "2025-12-32", name: "typo", kind: "national" }])).toThrow(
      RangeError,
    );
  });
});

describe("shipped holiday data", () => {
  const files = [
    { file: y2025, year: 2025, national: 17, cuti: 11 },
    { file: y2026, year: 2026, national: 17, cuti: 8 },
    { file: y2027, year: 2027, national: 18, cuti: 8 },
  ];

  describe.each(files)("id-$year.json", ({ file, year, national, cuti }) => {
    it("describes its own year and source", () => {
      expect(file.country).toBe("ID");
      expect(file.year).toBe(year);
      expect(file.source).toMatch(/SKB|Keputusan Bersama/);
      expect(typeof file.checked).toBe("boolean");
      if (!file.checked) expect(file.note.length).toBeGreaterThan(0);
    });

    it("has valid dates, sorted and unique, within its year", () => {
      const dates = file.days.map((day) => day.date);
      for (const date of dates) {
        expect(date.startsWith(`${year}-`)).toBe(true);
        expect(addDays(date, 0)).toBe(date);
      }
      expect(new Set(dates).size).toBe(dates.length);
      expect(dates).toEqual([...dates].sort());
    });

    it("has only known kinds and non-empty names", () => {
      for (const day of file.days) {
        expect(["national", "cuti_bersama"]).toContain(day.kind);
        expect(day.name.trim().length).toBeGreaterThan(0);
      }
    });

    it("matches the decree's counts", () => {
      expect(file.days.filter((day) => day.kind === "national")).toHaveLength(national);
      expect(file.days.filter((day) => day.kind === "cuti_bersama")).toHaveLength(cuti);
    });

    // Cuti bersama exists to bridge to a weekend or holiday; one on a weekend is a typo.
    it("puts every cuti bersama on a weekday next to another day off", () => {
      for (const day of file.days.filter((entry) => entry.kind === "cuti_bersama")) {
        expect([0, 6]).not.toContain(weekday(day.date));
        const before = addDays(day.date, -1);
        const after = addDays(day.date, 1);
        const offAround = [before, after].some((d) => !defaultCalendar.isBusinessDay(d));
        expect(offAround, day.date).toBe(true);
      }
    });
  });

  it("indonesianHolidays() returns every shipped day, sorted", () => {
    const all = indonesianHolidays();
    expect(all).toHaveLength(y2025.days.length + y2026.days.length + y2027.days.length);
    const dates = all.map((holiday) => holiday.date);
    expect(dates).toEqual([...dates].sort());
    expect(all[0]).toEqual({ date: "2025-01-01", name: "Tahun Baru 2025 Masehi", kind: "national" });
  });

  it("returns a fresh array each time", () => {
    const first = indonesianHolidays();
    first.pop();
    expect(indonesianHolidays()).toHaveLength(first.length + 1);
  });
});
