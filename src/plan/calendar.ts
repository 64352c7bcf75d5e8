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
function toEpochDay(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const ms = Date.UTC(year, month - 1, day);
    // Date.UTC silently rolls 2025-02-30 over to March; a round trip catches it.
    if (new Date(ms).toISOString().slice(0, 10) === date) return ms / DAY_MS;
  }
  throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
}

function fromEpochDay(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
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
