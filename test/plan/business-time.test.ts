// Business time in the six test zones, with concrete moments around weekends, Indonesian holidays and DST changes,
// and properties over random zones, calendars and working hours.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoInZone, wallClock } from "../../src/extract/zone";
import {
  atLocalTime,
  type BusinessClock,
  businessClock,
  businessDaysEarlier,
  businessDaysLater,
  isBusinessMoment,
  lastBusinessMomentBefore,
  localDate,
  nextBusinessMoment,
} from "../../src/plan/business-time";
import {
  addBusinessDays,
  addDays,
  type BusinessCalendar,
  businessCalendar,
  type OwnHoliday,
  personalCalendar,
  weekday,
} from "../../src/plan/calendar";
import { DEFAULT_RULES } from "../../src/plan/rules";

const MINUTE = 60_000;
const ZONES = [
  "Asia/Jakarta",
  "Asia/Makassar",
  "Asia/Jayapura",
  "America/New_York",
  "Europe/London",
  "Australia/Sydney",
] as const;

const shipped = personalCalendar([]);
const weekendsOnly = businessCalendar([]);
const calendars = { shipped, weekends: weekendsOnly };
type CalendarName = keyof typeof calendars;
// Lets the DST days (all Sundays in the test zones) be working days, so the hours around a jump are exercised.
const everyDay: BusinessCalendar = { isBusinessDay: () => true, holidayOn: () => undefined };
const noDay: BusinessCalendar = { isBusinessDay: () => false, holidayOn: () => undefined };

const at = (iso: string) => Date.parse(iso);
const office = (zone: string, calendar: BusinessCalendar = shipped) =>
  businessClock(zone, calendar, DEFAULT_RULES);
const hours = (zone: string, calendar: BusinessCalendar, workStart: string, workEnd: string) =>
  businessClock(zone, calendar, { workStart, workEnd });
const iso = (clock: BusinessClock, ms: number) => isoInZone(ms, clock.zone);
/** ISO in the clock's zone without zero seconds, the form the tables are written in. */
const short = (clock: BusinessClock, ms: number) => iso(clock, ms).replace(/:00(?=[+-]\d\d:\d\d$)/, "");
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

describe("businessClock", () => {
  it("turns the rule times into minutes after midnight", () => {
    expect(office("Asia/Jakarta")).toMatchObject({ zone: "Asia/Jakarta", workStart: 540, workEnd: 1020 });
    expect(hours("Asia/Jakarta", shipped, "00:00", "23:59")).toMatchObject({ workStart: 0, workEnd: 1439 });
  });

  it.each([
    ["Asia/Atlantis", "09:00", "17:00", /time zone/],
    ["Asia/Jakarta", "9:00", "17:00", /workStart/],
    ["Asia/Jakarta", "09:00", "24:00", /workEnd/],
    ["Asia/Jakarta", "17:00", "09:00", /not after/],
    ["Asia/Jakarta", "09:00", "09:00", /not after/],
  ])("rejects %s %s–%s", (zone, workStart, workEnd, message) => {
    expect(() => businessClock(zone, shipped, { workStart, workEnd })).toThrow(message);
  });
});

describe("localDate and atLocalTime", () => {
  it.each([
    ["Asia/Jakarta", "2025-12-24T17:30:00Z", "2025-12-25"],
    ["Asia/Jayapura", "2025-12-24T14:59:59Z", "2025-12-24"],
    ["Asia/Jayapura", "2025-12-24T15:00:00Z", "2025-12-25"],
    ["America/New_York", "2025-03-10T03:59:00Z", "2025-03-09"],
    ["America/New_York", "2025-03-10T04:00:00Z", "2025-03-10"],
    ["Australia/Sydney", "2025-10-04T14:00:00Z", "2025-10-05"],
  ])("in %s, %s is on %s", (zone, instant, date) => {
    expect(localDate(office(zone), at(instant))).toBe(date);
  });

  it.each([
    ["Asia/Makassar", "2025-12-24", 540, "2025-12-24T09:00:00+08:00"],
    ["America/New_York", "2025-03-07", 540, "2025-03-07T09:00:00-05:00"],
    ["America/New_York", "2025-03-10", 540, "2025-03-10T09:00:00-04:00"],
    ["Europe/London", "2025-10-27", 0, "2025-10-27T00:00:00+00:00"],
    ["Australia/Sydney", "2025-04-07", 1439, "2025-04-07T23:59:00+10:00"],
    // 02:30 never happens on 9 Mar 2025 in New York: the first moment after it is the jump to 03:00 EDT.
    ["America/New_York", "2025-03-09", 150, "2025-03-09T03:00:00-04:00"],
    ["Europe/London", "2025-03-30", 60, "2025-03-30T02:00:00+01:00"],
    ["Australia/Sydney", "2025-10-05", 135, "2025-10-05T03:00:00+11:00"],
    // 01:30 happens twice on 2 Nov 2025 in New York: the first is taken.
    ["America/New_York", "2025-11-02", 90, "2025-11-02T01:30:00-04:00"],
    ["America/New_York", "2026-11-01", 90, "2026-11-01T01:30:00-04:00"],
    ["Australia/Sydney", "2025-04-06", 150, "2025-04-06T02:30:00+11:00"],
  ])("in %s, %s at minute %i is %s", (zone, date, minutes, expected) => {
    const clock = office(zone);
    expect(iso(clock, atLocalTime(clock, date, minutes))).toBe(expected);
  });

  it.each([-1, 1440, 9.5, Number.NaN])("rejects minute %d", (minutes) => {
    expect(() => atLocalTime(office("Asia/Jakarta"), "2025-12-24", minutes)).toThrow(RangeError);
  });

  it.each(["2025-02-29", "24-12-2025", ""])("rejects the date %j", (date) => {
    expect(() => atLocalTime(office("Asia/Jakarta"), date, 540)).toThrow(RangeError);
  });
});

/** [label, zone, instant, expected, calendar]: instants as ISO with offset, seconds left out when zero. */
type Case = [string, string, string, string, CalendarName?];

const nextCases: Case[] = [
  ["Friday after hours → Monday", "Asia/Jakarta", "2025-12-12T17:30+07:00", "2025-12-15T09:00+07:00"],
  ["Saturday → Monday", "Asia/Jakarta", "2025-12-13T11:00+07:00", "2025-12-15T09:00+07:00"],
  ["Sunday night → Monday", "Asia/Jakarta", "2025-12-14T23:59+07:00", "2025-12-15T09:00+07:00"],
  ["before hours → same day", "Asia/Jakarta", "2025-12-15T06:10+07:00", "2025-12-15T09:00+07:00"],
  ["inside hours → itself", "Asia/Jakarta", "2025-12-15T13:17:42+07:00", "2025-12-15T13:17:42+07:00"],
  ["16:59 → itself", "Asia/Jakarta", "2025-12-24T16:59+07:00", "2025-12-24T16:59+07:00"],
  ["17:00 before Natal → 29 Dec", "Asia/Jakarta", "2025-12-24T17:00+07:00", "2025-12-29T09:00+07:00"],
  ["Natal → 29 Dec", "Asia/Jakarta", "2025-12-25T10:00+07:00", "2025-12-29T09:00+07:00"],
  ["cuti bersama → 29 Dec", "Asia/Jakarta", "2025-12-26T10:00+07:00", "2025-12-29T09:00+07:00"],
  ["Lebaran 2025 → 8 Apr", "Asia/Jakarta", "2025-03-27T17:00+07:00", "2025-04-08T09:00+07:00"],
  ["Lebaran 2026 → 25 Mar", "Asia/Jakarta", "2026-03-17T20:00+07:00", "2026-03-25T09:00+07:00"],
  ["year end 2026 → 4 Jan 2027", "Asia/Jakarta", "2026-12-31T17:00+07:00", "2027-01-04T09:00+07:00"],
  ["WITA Friday → Monday", "Asia/Makassar", "2025-12-12T17:30+08:00", "2025-12-15T09:00+08:00"],
  ["WITA Natal → 29 Dec", "Asia/Makassar", "2025-12-24T17:00+08:00", "2025-12-29T09:00+08:00"],
  ["WIT Friday → Monday", "Asia/Jayapura", "2025-12-12T17:30+09:00", "2025-12-15T09:00+09:00"],
  ["WIT Saturday → Monday", "Asia/Jayapura", "2025-12-13T08:00+09:00", "2025-12-15T09:00+09:00"],
  // The same UTC instant is Thursday evening in Jakarta but already Friday (a business day) in Jayapura.
  ["WIB Thursday night is WIT Friday", "Asia/Jayapura", "2025-12-11T23:30+07:00", "2025-12-12T09:00+09:00"],
  ["NY: into DST", "America/New_York", "2025-03-07T17:30-05:00", "2025-03-10T09:00-04:00"],
  ["NY: out of DST", "America/New_York", "2025-10-31T17:30-04:00", "2025-11-03T09:00-05:00"],
  ["NY: into DST 2026", "America/New_York", "2026-03-06T17:30-05:00", "2026-03-09T09:00-04:00"],
  ["NY: out of DST 2026", "America/New_York", "2026-10-30T17:30-04:00", "2026-11-02T09:00-05:00"],
  ["NY: DST Sunday", "America/New_York", "2025-03-09T02:30-05:00", "2025-03-10T09:00-04:00"],
  ["NY: Indonesian Natal", "America/New_York", "2025-12-24T17:00-05:00", "2025-12-29T09:00-05:00"],
  ["London: into BST", "Europe/London", "2025-03-28T17:30+00:00", "2025-03-31T09:00+01:00", "weekends"],
  ["London: into BST, Lebaran", "Europe/London", "2025-03-27T17:30+00:00", "2025-04-08T09:00+01:00"],
  ["London: out of BST", "Europe/London", "2025-10-24T17:30+01:00", "2025-10-27T09:00+00:00"],
  ["Sydney: out of DST", "Australia/Sydney", "2025-04-04T17:30+11:00", "2025-04-07T09:00+10:00", "weekends"],
  ["Sydney: out of DST, Lebaran", "Australia/Sydney", "2025-04-04T17:30+11:00", "2025-04-08T09:00+10:00"],
  ["Sydney: into DST", "Australia/Sydney", "2025-10-03T17:30+10:00", "2025-10-06T09:00+11:00"],
  // No holiday data for 2031: New Year's Day (a Wednesday) is planned as a working day.
  ["2031: weekends only", "Asia/Jakarta", "2030-12-31T17:00+07:00", "2031-01-01T09:00+07:00"],
  ["2031: Saturday → Monday", "Asia/Jakarta", "2031-01-04T10:00+07:00", "2031-01-06T09:00+07:00"],
];

describe("nextBusinessMoment", () => {
  it.each(nextCases)("%s: in %s, %s → %s", (_label, zone, instant, expected, calendar = "shipped") => {
    const clock = office(zone, calendars[calendar]);
    const result = nextBusinessMoment(clock, at(instant));
    expect(short(clock, result)).toBe(expected);
    expect(isBusinessMoment(clock, result)).toBe(true);
  });
});

const lastCases: Case[] = [
  ["Monday 08:00 → Friday 16:59", "Asia/Jakarta", "2025-12-15T08:00+07:00", "2025-12-12T16:59+07:00"],
  ["Sunday → Friday 16:59", "Asia/Jakarta", "2025-12-14T10:00+07:00", "2025-12-12T16:59+07:00"],
  ["after hours → same day 16:59", "Asia/Jakarta", "2025-12-15T19:30+07:00", "2025-12-15T16:59+07:00"],
  ["17:00 → 16:59", "Asia/Jakarta", "2025-12-15T17:00+07:00", "2025-12-15T16:59+07:00"],
  ["inside hours → itself", "Asia/Jakarta", "2025-12-15T09:00+07:00", "2025-12-15T09:00+07:00"],
  ["after Natal → 24 Dec 16:59", "Asia/Jakarta", "2025-12-29T08:59+07:00", "2025-12-24T16:59+07:00"],
  ["after Lebaran 2026 → 17 Mar", "Asia/Jakarta", "2026-03-25T08:00+07:00", "2026-03-17T16:59+07:00"],
  ["WITA Monday 08:00", "Asia/Makassar", "2025-12-15T08:00+08:00", "2025-12-12T16:59+08:00"],
  ["WIT Monday 08:00", "Asia/Jayapura", "2025-12-15T08:00+09:00", "2025-12-12T16:59+09:00"],
  ["NY: back over DST", "America/New_York", "2025-03-10T08:00-04:00", "2025-03-07T16:59-05:00"],
  ["NY: back over DST end", "America/New_York", "2025-11-03T08:00-05:00", "2025-10-31T16:59-04:00"],
  ["NY: back over DST 2026", "America/New_York", "2026-03-09T08:00-04:00", "2026-03-06T16:59-05:00"],
  ["London: back over BST end", "Europe/London", "2025-10-27T08:00+00:00", "2025-10-24T16:59+01:00"],
  ["London: back over Lebaran", "Europe/London", "2025-04-08T08:00+01:00", "2025-03-27T16:59+00:00"],
  ["Sydney: back over DST start", "Australia/Sydney", "2025-10-06T08:00+11:00", "2025-10-03T16:59+10:00"],
  [
    "Sydney: back over DST end",
    "Australia/Sydney",
    "2025-04-07T08:00+10:00",
    "2025-04-04T16:59+11:00",
    "weekends",
  ],
];

describe("lastBusinessMomentBefore", () => {
  it.each(lastCases)("%s: in %s, %s → %s", (_label, zone, instant, expected, calendar = "shipped") => {
    const clock = office(zone, calendars[calendar]);
    const result = lastBusinessMomentBefore(clock, at(instant));
    expect(short(clock, result)).toBe(expected);
    expect(isBusinessMoment(clock, result)).toBe(true);
  });
});

describe("isBusinessMoment", () => {
  it.each([
    ["Asia/Jakarta", "2025-12-24T16:59:00+07:00", true],
    ["Asia/Jakarta", "2025-12-24T16:59:59.999+07:00", true],
    ["Asia/Jakarta", "2025-12-24T17:00:00+07:00", false],
    ["Asia/Jakarta", "2025-12-24T09:00:00+07:00", true],
    ["Asia/Jakarta", "2025-12-24T08:59:59.999+07:00", false],
    ["Asia/Jakarta", "2025-12-25T10:00:00+07:00", false],
    ["Asia/Jakarta", "2025-12-26T10:00:00+07:00", false],
    ["Asia/Jakarta", "2025-12-27T10:00:00+07:00", false],
    ["Asia/Jakarta", "2025-12-29T10:00:00+07:00", true],
    // The same instants read in Jayapura, two hours ahead: 12:00 is inside the hours, 17:30 is past them.
    ["Asia/Jayapura", "2025-12-24T10:00:00+07:00", true],
    ["Asia/Jayapura", "2025-12-24T15:30:00+07:00", false],
    ["America/New_York", "2025-03-10T09:00:00-04:00", true],
    ["America/New_York", "2025-03-10T08:59:00-04:00", false],
    ["Europe/London", "2025-10-27T16:59:00+00:00", true],
    ["Australia/Sydney", "2025-10-06T09:00:00+11:00", true],
  ])("in %s, %s → %s", (zone, instant, expected) => {
    expect(isBusinessMoment(office(zone), at(instant))).toBe(expected);
  });
});

describe("businessDaysLater and businessDaysEarlier", () => {
  it.each([
    ["Asia/Jakarta", "2025-11-24T10:00:00+07:00", 7, "2025-12-03T09:00:00+07:00"],
    // "3 hari kerja setelah interview" on Tue 23 Dec 2025 skips 25 and 26 Dec.
    ["Asia/Jakarta", "2025-12-23T10:00:00+07:00", 3, "2025-12-30T09:00:00+07:00"],
    ["Asia/Jakarta", "2025-12-12T08:00:00+07:00", 1, "2025-12-15T09:00:00+07:00"],
    ["Asia/Jakarta", "2025-12-13T08:00:00+07:00", 1, "2025-12-15T09:00:00+07:00"],
    ["Asia/Jakarta", "2026-03-17T23:00:00+07:00", 2, "2026-03-26T09:00:00+07:00"],
    ["Asia/Makassar", "2025-12-24T20:00:00+08:00", 1, "2025-12-29T09:00:00+08:00"],
    ["Asia/Jayapura", "2025-12-31T10:00:00+09:00", 1, "2026-01-02T09:00:00+09:00"],
    ["America/New_York", "2025-03-07T12:00:00-05:00", 1, "2025-03-10T09:00:00-04:00"],
    ["Europe/London", "2025-10-24T12:00:00+01:00", 1, "2025-10-27T09:00:00+00:00"],
    ["Australia/Sydney", "2025-10-03T12:00:00+10:00", 1, "2025-10-06T09:00:00+11:00"],
    ["Asia/Jakarta", "2025-01-02T10:00:00+07:00", 90, "2025-05-28T09:00:00+07:00"],
  ])("in %s, %s + %i business days → %s", (zone, instant, n, expected) => {
    const clock = office(zone);
    expect(iso(clock, businessDaysLater(clock, at(instant), n))).toBe(expected);
  });

  it.each([
    ["Asia/Jakarta", "2025-11-24T10:00:00+07:00", 1, "2025-11-21T09:00:00+07:00"],
    ["Asia/Jakarta", "2025-12-29T10:00:00+07:00", 1, "2025-12-24T09:00:00+07:00"],
    ["Asia/Jakarta", "2025-12-29T10:00:00+07:00", 3, "2025-12-22T09:00:00+07:00"],
    ["Asia/Jakarta", "2026-03-25T07:00:00+07:00", 1, "2026-03-17T09:00:00+07:00"],
    ["Asia/Jayapura", "2026-01-02T10:00:00+09:00", 1, "2025-12-31T09:00:00+09:00"],
    ["America/New_York", "2025-03-10T12:00:00-04:00", 1, "2025-03-07T09:00:00-05:00"],
    ["Europe/London", "2025-03-31T12:00:00+01:00", 1, "2025-03-27T09:00:00+00:00"],
    ["Australia/Sydney", "2025-04-08T12:00:00+10:00", 1, "2025-03-27T09:00:00+11:00"],
  ])("in %s, %s − %i business days → %s", (zone, instant, n, expected) => {
    const clock = office(zone);
    expect(iso(clock, businessDaysEarlier(clock, at(instant), n))).toBe(expected);
  });

  it("counts from the local date, not the UTC one", () => {
    // Friday 12 Dec 2025 06:00 in Jayapura is still Thursday 11 Dec in UTC.
    const clock = office("Asia/Jayapura");
    expect(iso(clock, businessDaysLater(clock, at("2025-12-12T06:00:00+09:00"), 1))).toBe(
      "2025-12-15T09:00:00+09:00",
    );
  });

  it.each([0, -1, 1.5, Number.NaN, 1e9])("rejects n = %d", (n) => {
    const clock = office("Asia/Jakarta");
    expect(() => businessDaysLater(clock, at("2025-12-12T10:00:00+07:00"), n)).toThrow(RangeError);
    expect(() => businessDaysEarlier(clock, at("2025-12-12T10:00:00+07:00"), n)).toThrow(RangeError);
  });
});

describe("working hours other than 09:00–17:00", () => {
  const early = hours("Asia/Jakarta", shipped, "07:30", "15:45");

  it("moves to the person's own start and end", () => {
    expect(iso(early, nextBusinessMoment(early, at("2025-12-12T15:45:00+07:00")))).toBe(
      "2025-12-15T07:30:00+07:00",
    );
    expect(iso(early, nextBusinessMoment(early, at("2025-12-12T15:44:00+07:00")))).toBe(
      "2025-12-12T15:44:00+07:00",
    );
    expect(iso(early, lastBusinessMomentBefore(early, at("2025-12-15T07:29:00+07:00")))).toBe(
      "2025-12-12T15:44:00+07:00",
    );
    expect(iso(early, businessDaysLater(early, at("2025-12-12T10:00:00+07:00"), 1))).toBe(
      "2025-12-15T07:30:00+07:00",
    );
  });
});

describe("hours that a DST change cuts through", () => {
  // Every day a working day, so the Sunday of the change is one; hours are set inside the jump.
  it("starts at the jump when the start of work is skipped", () => {
    const clock = hours("America/New_York", everyDay, "02:30", "03:30");
    expect(iso(clock, nextBusinessMoment(clock, at("2025-03-09T00:00:00-05:00")))).toBe(
      "2025-03-09T03:00:00-04:00",
    );
    expect(iso(clock, businessDaysLater(clock, at("2025-03-08T12:00:00-05:00"), 1))).toBe(
      "2025-03-09T03:00:00-04:00",
    );
    expect(iso(clock, lastBusinessMomentBefore(clock, at("2025-03-09T05:00:00-04:00")))).toBe(
      "2025-03-09T03:29:00-04:00",
    );
  });

  it("skips a day whose working hours never happen", () => {
    const clock = hours("America/New_York", everyDay, "02:10", "02:50");
    expect(iso(clock, nextBusinessMoment(clock, at("2025-03-09T00:00:00-05:00")))).toBe(
      "2025-03-10T02:10:00-04:00",
    );
    expect(iso(clock, lastBusinessMomentBefore(clock, at("2025-03-10T00:00:00-04:00")))).toBe(
      "2025-03-08T02:49:00-05:00",
    );
    expect(iso(clock, businessDaysLater(clock, at("2025-03-08T12:00:00-05:00"), 1))).toBe(
      "2025-03-10T02:10:00-04:00",
    );
  });

  it("sees both runs of hours that happen twice when clocks fall back", () => {
    const clock = hours("America/New_York", everyDay, "01:15", "01:30");
    // Between the two runs: forwards to the second, backwards to the end of the first.
    const between = at("2025-11-02T01:45:00-04:00");
    expect(iso(clock, nextBusinessMoment(clock, between))).toBe("2025-11-02T01:15:00-05:00");
    expect(iso(clock, lastBusinessMomentBefore(clock, between))).toBe("2025-11-02T01:29:00-04:00");
    expect(iso(clock, lastBusinessMomentBefore(clock, at("2025-11-02T03:00:00-05:00")))).toBe(
      "2025-11-02T01:29:00-05:00",
    );
    expect(iso(clock, businessDaysLater(clock, at("2025-11-01T12:00:00-04:00"), 1))).toBe(
      "2025-11-02T01:15:00-04:00",
    );
    expect(iso(clock, businessDaysEarlier(clock, at("2025-11-03T12:00:00-05:00"), 1))).toBe(
      "2025-11-02T01:15:00-04:00",
    );
    expect(isBusinessMoment(clock, at("2025-11-02T01:20:00-04:00"))).toBe(true);
    expect(isBusinessMoment(clock, at("2025-11-02T01:20:00-05:00"))).toBe(true);
  });

  it("handles a change on a working day (Cairo springs forward on a Friday at midnight)", () => {
    const clock = hours("Africa/Cairo", shipped, "00:15", "17:00");
    expect(iso(clock, nextBusinessMoment(clock, at("2025-04-24T23:30:00+02:00")))).toBe(
      "2025-04-25T01:00:00+03:00",
    );
  });
});

describe("the personal calendar", () => {
  const natal = at("2025-12-24T17:00:00+07:00");

  it("makes cuti bersama working days when switched off", () => {
    const clock = office("Asia/Jakarta", personalCalendar([], { cutiBersama: false }));
    expect(iso(clock, nextBusinessMoment(clock, natal))).toBe("2025-12-26T09:00:00+07:00");
    expect(isBusinessMoment(clock, at("2025-12-26T10:00:00+07:00"))).toBe(true);
    expect(isBusinessMoment(clock, at("2025-12-25T10:00:00+07:00"))).toBe(false);
    expect(iso(clock, lastBusinessMomentBefore(clock, at("2025-12-29T08:00:00+07:00")))).toBe(
      "2025-12-26T16:59:00+07:00",
    );
  });

  it("defaults to cuti bersama as holidays", () => {
    const explicit = personalCalendar([], { cutiBersama: true });
    expect(shipped.isBusinessDay("2025-12-26")).toBe(false);
    expect(explicit.isBusinessDay("2025-12-26")).toBe(false);
    expect(shipped.holidayOn("2025-12-26")?.kind).toBe("cuti_bersama");
  });

  it("adds the person's own day off", () => {
    const calendar = personalCalendar([{ date: "2025-12-29", name: "Cuti tahunan", change: "added" }]);
    const clock = office("Asia/Jakarta", calendar);
    expect(iso(clock, nextBusinessMoment(clock, natal))).toBe("2025-12-30T09:00:00+07:00");
    expect(calendar.holidayOn("2025-12-29")?.name).toBe("Cuti tahunan");
    expect(shipped.isBusinessDay("2025-12-29")).toBe(true);
  });

  it("keeps an own day off when cuti bersama are switched off", () => {
    const calendar = personalCalendar([{ date: "2025-12-26", name: "Libur kantor", change: "added" }], {
      cutiBersama: false,
    });
    expect(calendar.isBusinessDay("2025-12-26")).toBe(false);
    expect(calendar.holidayOn("2025-12-26")?.name).toBe("Libur kantor");
  });

  it("removes a shipped holiday the person works on", () => {
    const calendar = personalCalendar([
      { date: "2025-12-25", name: "Kelahiran Yesus Kristus", change: "removed" },
    ]);
    const clock = office("Asia/Jakarta", calendar);
    expect(iso(clock, nextBusinessMoment(clock, natal))).toBe("2025-12-25T09:00:00+07:00");
    expect(calendar.holidayOn("2025-12-25")).toBeUndefined();
    // Only that date: the cuti bersama next to it stays.
    expect(calendar.isBusinessDay("2025-12-26")).toBe(false);
  });

  it("removes a shipped cuti bersama", () => {
    const calendar = personalCalendar([{ date: "2025-12-26", name: "", change: "removed" }]);
    expect(calendar.isBusinessDay("2025-12-26")).toBe(true);
    expect(calendar.isBusinessDay("2025-12-25")).toBe(false);
  });

  it("cannot remove a weekend", () => {
    const calendar = personalCalendar([{ date: "2025-12-27", name: "Sabtu", change: "removed" }]);
    expect(calendar.isBusinessDay("2025-12-27")).toBe(false);
  });

  it("lets a later change to the same date win", () => {
    const added: OwnHoliday = { date: "2025-12-25", name: "Natal", change: "added" };
    const removed: OwnHoliday = { date: "2025-12-25", name: "Natal", change: "removed" };
    expect(personalCalendar([added, removed]).isBusinessDay("2025-12-25")).toBe(true);
    expect(personalCalendar([removed, added]).isBusinessDay("2025-12-25")).toBe(false);
  });

  it("rejects a malformed own date", () => {
    expect(() => personalCalendar([{ date: "2025-12-32", name: "typo", change: "added" }])).toThrow(
      RangeError,
    );
    expect(() => personalCalendar([{ date: "2025-13-01", name: "typo", change: "removed" }])).toThrow(
      RangeError,
    );
  });

  it("knows the shipped years and years with own additions only", () => {
    expect([2024, 2025, 2026, 2027, 2028, 2031].map((year) => shipped.knowsYear(year))).toEqual([
      false,
      true,
      true,
      true,
      false,
      false,
    ]);
    const own = personalCalendar([
      { date: "2031-01-01", name: "Tahun Baru", change: "added" },
      { date: "2032-01-01", name: "Tahun Baru", change: "removed" },
    ]);
    expect(own.knowsYear(2031)).toBe(true);
    expect(own.knowsYear(2032)).toBe(false);
    // Called off the object, as a caller holding only the function would.
    const { knowsYear } = own;
    expect(knowsYear(2025)).toBe(true);
  });

  it("plans a year without data with weekends only", () => {
    const clock = office("Asia/Jakarta");
    expect(shipped.knowsYear(2031)).toBe(false);
    // Christmas 2031 is a Thursday: an ordinary day without data, but Saturday 27 Dec is still off.
    expect(isBusinessMoment(clock, at("2031-12-25T10:00:00+07:00"))).toBe(true);
    expect(isBusinessMoment(clock, at("2031-12-27T10:00:00+07:00"))).toBe(false);
    expect(iso(clock, businessDaysLater(clock, at("2031-12-24T10:00:00+07:00"), 2))).toBe(
      "2031-12-26T09:00:00+07:00",
    );
  });
});

describe("a calendar with no business day", () => {
  const clock = office("Asia/Jakarta", noDay);
  const moment = at("2025-12-15T10:00:00+07:00");

  it("fails clearly instead of looping", () => {
    expect(() => nextBusinessMoment(clock, moment)).toThrow(/no business day within 400 days after/);
    expect(() => lastBusinessMomentBefore(clock, moment)).toThrow(/no business day within 400 days before/);
    expect(() => businessDaysLater(clock, moment, 1)).toThrow(/no business day within 400 days/);
    expect(() => businessDaysEarlier(clock, moment, 1)).toThrow(/no business day within 400 days/);
  });

  it("still finds a business day after a long run of holidays", () => {
    const own: OwnHoliday[] = [];
    for (let i = 1; i <= 300; i += 1)
      own.push({ date: addDays("2025-12-15", i), name: "sabbatical", change: "added" });
    const sabbatical = office("Asia/Jakarta", personalCalendar(own));
    expect(iso(sabbatical, nextBusinessMoment(sabbatical, moment))).toBe("2025-12-15T10:00:00+07:00");
    expect(iso(sabbatical, businessDaysLater(sabbatical, moment, 1))).toBe("2026-10-12T09:00:00+07:00");
  });
});

describe("instants that are not numbers", () => {
  it.each([Number.NaN, Number.POSITIVE_INFINITY])("rejects %d", (ms) => {
    const clock = office("Asia/Jakarta");
    expect(() => nextBusinessMoment(clock, ms)).toThrow(RangeError);
    expect(() => lastBusinessMomentBefore(clock, ms)).toThrow(RangeError);
    expect(() => isBusinessMoment(clock, ms)).toThrow(RangeError);
  });
});

// --- properties ---

const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2028, 0, 1);
const instant = fc.integer({ min: FROM, max: TO - 1 });
const day = fc.integer({ min: 0, max: (TO - FROM) / 86_400_000 - 1 }).map((n) => addDays("2025-01-01", n));
const ownChanges = fc.array(
  fc.record({
    date: day,
    name: fc.constant("own"),
    change: fc.constantFrom<OwnHoliday["change"]>("added", "removed"),
  }),
  { maxLength: 40 },
);
// Any two distinct minutes of the day, the earlier one the start.
const workingHours = fc
  .uniqueArray(fc.integer({ min: 0, max: 1439 }), { minLength: 2, maxLength: 2 })
  .map(([a, b]) => (a < b ? [a, b] : [b, a]));
const randomClock = fc
  .record({ zone: fc.constantFrom(...ZONES), own: ownChanges, cuti: fc.boolean(), hours: workingHours })
  .map(({ zone, own, cuti, hours: [start, end] }) =>
    businessClock(zone, personalCalendar(own, { cutiBersama: cuti }), {
      workStart: hhmm(start),
      workEnd: hhmm(end),
    }),
  );

/** Local minutes after midnight at `ms`. */
const minutesAt = (clock: BusinessClock, ms: number) => {
  const w = wallClock(ms, clock.zone);
  return w.hour * 60 + w.minute;
};

function expectWorkingDay(clock: BusinessClock, ms: number): void {
  const date = localDate(clock, ms);
  expect([0, 6], date).not.toContain(weekday(date));
  expect(clock.calendar.holidayOn(date), date).toBeUndefined();
  expect(clock.calendar.isBusinessDay(date), date).toBe(true);
}

/** The reference: the n-th business day before `date`, one day at a time. */
function businessDaysBefore(calendar: BusinessCalendar, date: string, n: number): string {
  let current = date;
  for (let counted = 0; counted < n; ) {
    current = addDays(current, -1);
    if (calendar.isBusinessDay(current)) counted += 1;
  }
  return current;
}

describe("properties", () => {
  it("nextBusinessMoment moves later, to a business moment, and is idempotent", () => {
    fc.assert(
      fc.property(randomClock, instant, (clock, x) => {
        const next = nextBusinessMoment(clock, x);
        expect(next).toBeGreaterThanOrEqual(x);
        expect(isBusinessMoment(clock, next)).toBe(true);
        expectWorkingDay(clock, next);
        expect(nextBusinessMoment(clock, next)).toBe(next);
        if (isBusinessMoment(clock, x)) expect(next).toBe(x);
        else {
          // Nothing was skipped: the moment just before is not working time, and it is the start of the hours.
          expect(isBusinessMoment(clock, next - 1)).toBe(false);
          expect(minutesAt(clock, next)).toBe(clock.workStart);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("lastBusinessMomentBefore moves earlier, to a business moment, and is idempotent", () => {
    fc.assert(
      fc.property(randomClock, instant, (clock, x) => {
        const last = lastBusinessMomentBefore(clock, x);
        expect(last).toBeLessThanOrEqual(x);
        expect(isBusinessMoment(clock, last)).toBe(true);
        expectWorkingDay(clock, last);
        expect(lastBusinessMomentBefore(clock, last)).toBe(last);
        if (isBusinessMoment(clock, x)) expect(last).toBe(x);
        else {
          // The last working minute: the next one is past the hours and not after x.
          expect(last + MINUTE).toBeLessThanOrEqual(x);
          expect(isBusinessMoment(clock, last + MINUTE)).toBe(false);
          expect(minutesAt(clock, last)).toBe(clock.workEnd - 1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("businessDaysLater and businessDaysEarlier land on the n-th business day at workStart", () => {
    fc.assert(
      fc.property(randomClock, instant, fc.integer({ min: 1, max: 15 }), (clock, x, n) => {
        const start = localDate(clock, x);
        const later = businessDaysLater(clock, x, n);
        expect(localDate(clock, later)).toBe(addBusinessDays(clock.calendar, start, n));
        expect(later).toBe(nextBusinessMoment(clock, atLocalTime(clock, localDate(clock, later), 0)));
        expect(minutesAt(clock, later)).toBe(clock.workStart);
        expect(isBusinessMoment(clock, later)).toBe(true);
        expectWorkingDay(clock, later);
        const earlier = businessDaysEarlier(clock, x, n);
        expect(localDate(clock, earlier)).toBe(businessDaysBefore(clock.calendar, start, n));
        expect(minutesAt(clock, earlier)).toBe(clock.workStart);
        expect(isBusinessMoment(clock, earlier)).toBe(true);
        expectWorkingDay(clock, earlier);
        expect(earlier).toBeLessThan(x);
        expect(later).toBeGreaterThan(x);
      }),
      { numRuns: 300 },
    );
  });

  // Half the dates are DST days and half the times fall in the small hours, where the jumps are.
  const dstDays = ["2025-03-09", "2025-11-02", "2026-03-08", "2026-11-01", "2025-03-30", "2025-10-26"];
  const someDay = fc.oneof(day, fc.constantFrom(...dstDays, "2025-04-06", "2025-10-05"));
  const someMinute = fc.oneof(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 240 }));

  it("atLocalTime is the first instant of that date at or after that wall time", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), someDay, someMinute, (zone, date, minutes) => {
        const clock = office(zone);
        const t = atLocalTime(clock, date, minutes);
        expect(localDate(clock, t)).toBe(date);
        expect(minutesAt(clock, t)).toBeGreaterThanOrEqual(minutes);
        const before = t - MINUTE;
        expect(localDate(clock, before) !== date || minutesAt(clock, before) < minutes).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  // Working every day, near the DST changes, with any hours: the days when wall times are skipped or repeated.
  const changes = [
    ["America/New_York", "2025-03-09T07:00:00Z"],
    ["America/New_York", "2025-11-02T06:00:00Z"],
    ["America/New_York", "2026-03-08T07:00:00Z"],
    ["America/New_York", "2026-11-01T06:00:00Z"],
    ["Europe/London", "2025-03-30T01:00:00Z"],
    ["Europe/London", "2025-10-26T01:00:00Z"],
    ["Australia/Sydney", "2025-04-05T16:00:00Z"],
    ["Australia/Sydney", "2025-10-04T16:00:00Z"],
  ] as const;
  const nearChange = fc
    .record({
      change: fc.constantFrom(...changes),
      delta: fc.integer({ min: -36 * 60, max: 36 * 60 }),
      hours: workingHours,
    })
    .map(({ change: [zone, moment], delta, hours: [start, end] }) => ({
      clock: hours(zone, everyDay, hhmm(start), hhmm(end)),
      x: at(moment) + delta * MINUTE,
    }));

  it("near DST changes, both directions still give business moments on the right side", () => {
    fc.assert(
      fc.property(nearChange, ({ clock, x }) => {
        const next = nextBusinessMoment(clock, x);
        expect(next).toBeGreaterThanOrEqual(x);
        expect(isBusinessMoment(clock, next)).toBe(true);
        expect(nextBusinessMoment(clock, next)).toBe(next);
        if (next > x) expect(isBusinessMoment(clock, next - 1)).toBe(false);
        const last = lastBusinessMomentBefore(clock, x);
        expect(last).toBeLessThanOrEqual(x);
        expect(isBusinessMoment(clock, last)).toBe(true);
        expect(lastBusinessMomentBefore(clock, last)).toBe(last);
        if (last < x) expect(isBusinessMoment(clock, last + MINUTE)).toBe(false);
        // The next day, unless a jump skips all its hours; then the day after.
        const later = businessDaysLater(clock, x, 1);
        expect(isBusinessMoment(clock, later)).toBe(true);
        expect([1, 2].map((n) => addDays(localDate(clock, x), n))).toContain(localDate(clock, later));
        // The first working moment of its day.
        expect(later).toBe(nextBusinessMoment(clock, atLocalTime(clock, localDate(clock, later), 0)));
        const earlier = businessDaysEarlier(clock, x, 1);
        expect(isBusinessMoment(clock, earlier)).toBe(true);
        expect(earlier).toBe(nextBusinessMoment(clock, atLocalTime(clock, localDate(clock, earlier), 0)));
        expect([1, 2].map((n) => addDays(localDate(clock, x), -n))).toContain(localDate(clock, earlier));
      }),
      { numRuns: 500 },
    );
  });
});
