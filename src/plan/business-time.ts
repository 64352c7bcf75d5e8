/**
 * Business time: the working hours of business days in a person's zone, on UTC milliseconds. Pure: no clock, no
 * bindings; the zone, calendar and hours come in a BusinessClock.
 *
 * Everything is built on one question, "which instants of local date D show a wall time in [from, to)?", answered
 * exactly from the zone's offsets: on a day when clocks spring forward some wall times never occur, and when they
 * fall back some occur twice, so the working hours of a day are not always one interval of `workEnd − workStart`.
 */
import { dateInZone, fromWallClock, isZone, offsetAt, wallClock } from "../extract/zone";
import { addDays, type BusinessCalendar } from "./calendar";
import { type Rules, timeToMinutes } from "./rules";

export interface BusinessClock {
  /** IANA zone name. */
  zone: string;
  calendar: BusinessCalendar;
  /** Minutes after local midnight, e.g. 540 for 09:00. */
  workStart: number;
  /** Minutes after local midnight, e.g. 1020 for 17:00; after workStart. */
  workEnd: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** How far to look for a business day before giving up: past any real run of holidays (Lebaran is ~10 days). */
const SEARCH_DAYS = 400;

export function businessClock(
  zone: string,
  calendar: BusinessCalendar,
  rules: Pick<Rules, "workStart" | "workEnd">,
): BusinessClock {
  if (!isZone(zone)) throw new RangeError(`not an IANA time zone: ${JSON.stringify(zone)}`);
  const workStart = timeToMinutes(rules.workStart);
  const workEnd = timeToMinutes(rules.workEnd);
  if (workStart === undefined)
    throw new RangeError(`workStart is not HH:MM: ${JSON.stringify(rules.workStart)}`);
  if (workEnd === undefined) throw new RangeError(`workEnd is not HH:MM: ${JSON.stringify(rules.workEnd)}`);
  if (workEnd <= workStart)
    throw new RangeError(`workEnd ${rules.workEnd} is not after workStart ${rules.workStart}`);
  return { zone, calendar, workStart, workEnd };
}

/** YYYY-MM-DD in the clock's zone at instant `ms`. */
export function localDate(clock: Pick<BusinessClock, "zone">, ms: number): string {
  requireInstant(ms);
  return dateInZone(ms, clock.zone);
}

/**
 * The first instant on `date` at which the wall clock shows `minutes` after midnight or later: the earlier one when
 * clocks fall back, and for a time skipped when clocks spring forward, the moment of the jump (moves forward).
 */
export function atLocalTime(clock: Pick<BusinessClock, "zone">, date: string, minutes: number): number {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes >= 1440) {
    throw new RangeError(`minutes must be a whole number in 0..1439, got ${minutes}`);
  }
  // Validate first: the fallback below would read a malformed date without complaint.
  utcMidnight(date);
  const first = wallSpans(clock.zone, date, minutes, 1440)[0];
  if (first) return first.from;
  // Only a zone that skips the rest of the day (Samoa on 30 Dec 2011) gets here: take the old offset's reading.
  const [year, month, day] = date.split("-").map(Number);
  return fromWallClock(
    { year, month, day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
    clock.zone,
  );
}

/** A business day and workStart <= local time < workEnd. */
export function isBusinessMoment(clock: BusinessClock, ms: number): boolean {
  requireInstant(ms);
  // Deliberately not built on wallSpans: the tests check each against the other.
  const w = wallClock(ms, clock.zone);
  const date = `${w.year}-${pad(w.month)}-${pad(w.day)}`;
  const minutes = w.hour * 60 + w.minute;
  return clock.calendar.isBusinessDay(date) && clock.workStart <= minutes && minutes < clock.workEnd;
}

/** `ms` itself when it is a business moment, else the start of working hours of the next business day on/after it (moves LATER). */
export function nextBusinessMoment(clock: BusinessClock, ms: number): number {
  requireInstant(ms);
  let date = localDate(clock, ms);
  for (let searched = 0; searched <= SEARCH_DAYS; searched += 1) {
    for (const span of businessSpans(clock, date)) {
      if (ms < span.to) return Math.max(ms, span.from);
    }
    date = addDays(date, 1);
  }
  throw noBusinessDay("after", clock, ms);
}

/** `ms` itself when it is a business moment, else the last business moment before it: one minute before workEnd of the latest business day before it (moves EARLIER). Used for cancel-by. */
export function lastBusinessMomentBefore(clock: BusinessClock, ms: number): number {
  requireInstant(ms);
  let date = localDate(clock, ms);
  for (let searched = 0; searched <= SEARCH_DAYS; searched += 1) {
    for (const span of businessSpans(clock, date).reverse()) {
      if (ms >= span.to) return span.to - MINUTE;
      if (ms >= span.from) return ms;
    }
    date = addDays(date, -1);
  }
  throw noBusinessDay("before", clock, ms);
}

/** Start of working hours on the n-th business day after the local date of `ms` (n >= 1). */
export function businessDaysLater(clock: BusinessClock, ms: number, n: number): number {
  return nthBusinessDay(clock, ms, n, 1);
}

/** Start of working hours on the n-th business day before the local date of `ms` (n >= 1). */
export function businessDaysEarlier(clock: BusinessClock, ms: number, n: number): number {
  return nthBusinessDay(clock, ms, n, -1);
}

function nthBusinessDay(clock: BusinessClock, ms: number, n: number, step: 1 | -1): number {
  requireInstant(ms);
  // Ten years of business days is far past any rule (at most 90); the cap keeps a typo from spinning for minutes.
  if (!Number.isInteger(n) || n < 1 || n > 2600) {
    throw new RangeError(`n must be a whole number from 1 to 2600, got ${n}`);
  }
  let date = localDate(clock, ms);
  let counted = 0;
  // The bound is on the gap between business days, so a long count is fine and only a calendar with no business
  // day at all reaches it.
  let sinceLast = 0;
  while (sinceLast < SEARCH_DAYS) {
    date = addDays(date, step);
    sinceLast += 1;
    const spans = businessSpans(clock, date);
    if (spans.length === 0) continue;
    counted += 1;
    if (counted === n) return spans[0].from;
    sinceLast = 0;
  }
  throw noBusinessDay(step > 0 ? "after" : "before", clock, ms);
}

interface Span {
  /** First instant, inclusive. */
  from: number;
  /** End, exclusive. */
  to: number;
}

/**
 * The working hours of `date` as instants, in order: empty on a day that is not a business day, and also on the
 * rare day whose working hours are all skipped by a DST jump (then it is not a business day in practice either).
 */
function businessSpans(clock: BusinessClock, date: string): Span[] {
  if (!clock.calendar.isBusinessDay(date)) return [];
  return wallSpans(clock.zone, date, clock.workStart, clock.workEnd);
}

/** The instants, in order, at which the wall clock in `zone` shows `date` at a time in [fromMinutes, toMinutes). */
function wallSpans(zone: string, date: string, fromMinutes: number, toMinutes: number): Span[] {
  const midnight = utcMidnight(date);
  const spans: Span[] = [];
  for (const piece of offsetPieces(zone, midnight)) {
    // Within a piece the offset is constant, so wall time = instant + offset and the bounds are linear.
    const shift = piece.offset * MINUTE;
    const from = Math.max(piece.from, midnight + fromMinutes * MINUTE - shift);
    const to = Math.min(piece.to, midnight + toMinutes * MINUTE - shift);
    if (from < to) spans.push({ from, to });
  }
  return spans;
}

interface Piece extends Span {
  /** Minutes east of UTC throughout the piece. */
  offset: number;
}

// Pieces depend only on zone and date, and planning asks about the same few weeks over and over.
const pieceCache = new Map<string, Piece[]>();
/** No zone changes its offset twice within this, so comparing samples this far apart finds every change. */
const SAMPLE_STEP = 13 * HOUR;

/**
 * The stretches of constant offset covering every instant whose local date could be the day starting at
 * `midnight` (UTC ms of that date): offsets run from −12 h to +14 h, so 15 h before to 37 h after is enough.
 */
function offsetPieces(zone: string, midnight: number): Piece[] {
  const key = `${zone}|${midnight}`;
  const cached = pieceCache.get(key);
  if (cached) return cached;
  const start = midnight - 15 * HOUR;
  const end = midnight + 37 * HOUR;
  const pieces: Piece[] = [];
  let from = start;
  let offset = offsetAt(zone, start);
  for (let sample = start + SAMPLE_STEP; sample <= end; sample += SAMPLE_STEP) {
    const next = offsetAt(zone, sample);
    if (next === offset) continue;
    const change = firstMinuteWithOffset(zone, sample - SAMPLE_STEP, sample, offset);
    pieces.push({ from, to: change, offset });
    from = change;
    offset = next;
  }
  pieces.push({ from, to: end, offset });
  if (pieceCache.size > 5000) pieceCache.clear();
  pieceCache.set(key, pieces);
  return pieces;
}

/** Binary search, to the minute, for the instant in (lo, hi] where the offset stops being `before`. */
function firstMinuteWithOffset(zone: string, lo: number, hi: number, before: number): number {
  let low = lo;
  let high = hi;
  while (high - low > MINUTE) {
    const mid = low + Math.floor((high - low) / MINUTE / 2) * MINUTE;
    if (offsetAt(zone, mid) === before) low = mid;
    else high = mid;
  }
  return high;
}

function utcMidnight(date: string): number {
  // addDays validates (format and real calendar date) and throws a RangeError naming the bad value.
  addDays(date, 0);
  return Date.parse(`${date}T00:00:00Z`);
}

function requireInstant(ms: number): void {
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant (UTC ms): ${ms}`);
}

function noBusinessDay(direction: "after" | "before", clock: BusinessClock, ms: number): Error {
  return new Error(
    `no business day within ${SEARCH_DAYS} days ${direction} ${new Date(ms).toISOString()} in ${clock.zone}: ` +
      "does the holiday calendar mark every day?",
  );
}

const pad = (n: number) => String(n).padStart(2, "0");
