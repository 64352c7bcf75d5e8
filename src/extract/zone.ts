/** Time-zone arithmetic on UTC milliseconds with Intl: zones are IANA names, instants are UTC ms. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(zone, f);
  }
  return f;
}

export function isZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The wall clock in `zone` at instant `ms`. */
export function wallClock(ms: number, zone: string): WallClock {
  const d = new Date(ms + offsetAt(zone, ms) * 60000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

function intlWallClock(ms: number, zone: string): WallClock & { second: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour % 24,
    minute: parts.minute,
    second: parts.second,
  };
}

// Offsets change only at quarter hours (UTC) and rarely: remember them per zone and quarter hour, because Intl
// formatting is the slowest step of reading a date.
const QUARTER_HOUR = 900000;
const offsets = new Map<string, number>();

/** Minutes east of UTC that `zone` observes at instant `ms`. */
export function offsetAt(zone: string, ms: number): number {
  const key = `${zone}|${Math.floor(ms / QUARTER_HOUR)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const w = intlWallClock(ms, zone);
    const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    offset = Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
    if (offsets.size > 10000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

const DAY = 86400000;

/**
 * The instant at which the wall clock in `zone` shows `w`: the earlier one when clocks fall back, and for a time
 * skipped when clocks spring forward, the moment it would have been under the old offset (RFC 5545).
 */
export function fromWallClock(w: WallClock, zone: string): number {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  const before = offsetAt(zone, guess - DAY);
  let found = Number.NaN;
  for (const offset of new Set([before, offsetAt(zone, guess), offsetAt(zone, guess + DAY)])) {
    const t = guess - offset * 60000;
    if (offsetAt(zone, t) === offset && !(t >= found)) found = t;
  }
  return Number.isNaN(found) ? guess - before * 60000 : found;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

/** ISO 8601 with the given offset, e.g. 2025-12-05T09:00:00+07:00. */
export function isoWithOffset(ms: number, offsetMinutes: number): string {
  const d = new Date(ms + offsetMinutes * 60000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    `${sign}${pad(Math.trunc(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`
  );
}

/** ISO 8601 in the zone's own offset at that instant. */
export function isoInZone(ms: number, zone: string): string {
  return isoWithOffset(ms, offsetAt(zone, ms));
}

/** The date and minute in `zone` at instant `ms`, as people read it: `2025-12-08 10:00`. */
export function minuteInZone(ms: number, zone: string): string {
  const w = wallClock(ms, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}

/** The calendar date (YYYY-MM-DD) in `zone` at instant `ms`. */
export function dateInZone(ms: number, zone: string): string {
  const w = wallClock(ms, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}
