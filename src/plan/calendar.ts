import y2025 from "./holidays/id-2025.json";
import y2026 from "./holidays/id-2026.json";
import y2027 from "./holidays/id-2027.json";

export type HolidayKind = "national" | "cuti_bersama";

export interface Holiday {
  date: string;
  name: string;
  kind: HolidayKind;
}

export interface BusinessCalendar {
  isBusinessDay(date: string): boolean;
  holidayOn(date: string): Holiday | undefined;
}

interface HolidayFile {
  year: number;
  days: readonly { date: string; name: string; kind: string }[];
}

const SHIPPED: readonly HolidayFile[] = [y2025, y2026, y2027];
const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function isHolidayKind(kind: string): kind is HolidayKind {
  return kind === "national" || kind === "cuti_bersama";
}

// Days since the epoch of a calendar date. Going through UTC keeps DST and the
// runtime's zone out of date arithmetic.
// Planning an account walks the same few hundred dates thousands of times, and the validating round trip
// through Date is most of a plan's CPU (npm run bench): both directions are remembered, valid dates only.
const epochDays = new Map<string, number>();
const dates = new Map<number, string>();
const REMEMBERED = 20_000;

function toEpochDay(date: string): number {
  const known = epochDays.get(date);
  if (known !== undefined) return known;
  const match = DATE_PATTERN.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const ms = Date.UTC(year, month - 1, day);
    // Date.UTC silently rolls 2025-02-30 over to March; a round trip catches it.
    if (new Date(ms).toISOString().slice(0, 10) === date) {
      if (epochDays.size >= REMEMBERED) epochDays.clear();
      epochDays.set(date, ms / DAY_MS);
      return ms / DAY_MS;
    }
  }
  throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
}

function fromEpochDay(epochDay: number): string {
  const known = dates.get(epochDay);
  if (known !== undefined) return known;
  const date = new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
  if (dates.size >= REMEMBERED) dates.clear();
  dates.set(epochDay, date);
  return date;
}

function requireCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be an integer, got ${n}`);
}

/** The shipped Indonesian lists for all years, sorted. */
export function indonesianHolidays(): Holiday[] {
  const all: Holiday[] = [];
  for (const file of SHIPPED) {
    for (const { date, name, kind } of file.days) {
      // The JSON is meant to be edited by hand: refuse a typo rather than guess.
      if (!isHolidayKind(kind)) throw new TypeError(`unknown holiday kind ${kind} on ${date}`);
      all.push({ date, name, kind });
    }
  }
  return all.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function businessCalendar(
  holidays: readonly Holiday[],
  options: { cutiBersama?: boolean } = {},
): BusinessCalendar {
  const cutiBersama = options.cutiBersama ?? true;
  const byDate = new Map<string, Holiday>();
  for (const holiday of holidays) {
    toEpochDay(holiday.date);
    // With cuti bersama switched off (a private employer that works on them),
    // those days are ordinary days, so they are not reported as holidays either.
    if (holiday.kind === "cuti_bersama" && !cutiBersama) continue;
    const existing = byDate.get(holiday.date);
    // A person's own list may name one date twice; the national holiday is the stronger fact.
    if (!existing || (existing.kind === "cuti_bersama" && holiday.kind === "national")) {
      byDate.set(holiday.date, holiday);
    }
  }
  return {
    holidayOn(date) {
      toEpochDay(date);
      return byDate.get(date);
    },
    isBusinessDay(date) {
      const day = weekday(date);
      return day !== 0 && day !== 6 && !byDate.has(date);
    },
  };
}

export function addDays(date: string, n: number): string {
  requireCount(n, "n");
  return fromEpochDay(toEpochDay(date) + n);
}

export function addBusinessDays(calendar: BusinessCalendar, date: string, n: number): string {
  requireCount(n, "n");
  if (n < 0) throw new RangeError(`n must be >= 0, got ${n}`);
  let current = date;
  toEpochDay(current);
  for (let counted = 0; counted < n; ) {
    current = addDays(current, 1);
    if (calendar.isBusinessDay(current)) counted += 1;
  }
  return current;
}

export function nextBusinessDay(calendar: BusinessCalendar, date: string): string {
  let current = addDays(date, 1);
  while (!calendar.isBusinessDay(current)) current = addDays(current, 1);
  return current;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((toEpochDay(date) + 4) % 7) + 7) % 7;
}

export const defaultCalendar = businessCalendar(indonesianHolidays());

/** A person's own change to the shipped lists: a day off of their own, or a shipped holiday they work on. */
export interface OwnHoliday {
  date: string;
  name: string;
  change: "added" | "removed";
}

const SHIPPED_YEARS: ReadonlySet<number> = new Set(SHIPPED.map((file) => file.year));

/** The shipped lists plus the person's own additions and removals; `cutiBersama` false makes cuti bersama business days. */
export function personalCalendar(
  own: readonly OwnHoliday[],
  options: { cutiBersama?: boolean } = {},
): BusinessCalendar & {
  /** Whether holiday data exists for that year (shipped or own); a year without is planned with weekends only and flagged. */
  knowsYear(year: number): boolean;
} {
  // The list is a series of edits: a later entry for a date overrides an earlier one.
  const changes = new Map<string, OwnHoliday>();
  for (const change of own) {
    toEpochDay(change.date);
    changes.set(change.date, change);
  }
  const holidays = indonesianHolidays().filter((holiday) => !changes.has(holiday.date));
  const ownYears = new Set<number>();
  for (const { date, name, change } of changes.values()) {
    if (change !== "added") continue;
    // The person's own day off is not switched back on with cuti bersama: they said they are off.
    holidays.push({ date, name, kind: "national" });
    ownYears.add(Number(date.slice(0, 4)));
  }
  const calendar = businessCalendar(holidays, options);
  return {
    isBusinessDay: calendar.isBusinessDay,
    holidayOn: calendar.holidayOn,
    // A closure, not a method: callers may take it off the object. Only additions count as data for a year: a
    // removal in a year nothing was shipped for removes nothing.
    knowsYear: (year) => SHIPPED_YEARS.has(year) || ownYears.has(year),
  };
}
