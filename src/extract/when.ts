/**
 * Finds dates and times in prose with chrono-node, on short lines that carry a date cue only: chrono over a whole
 * mail costs more than parsing the mail and explodes on long date-like text (ARCHITECTURE.md).
 */
import type { ParsedResult } from "chrono-node";
import * as en from "chrono-node/en";
import * as id from "chrono-node/id";
import type { Language } from "./types";
import { fromWallClock, offsetAt, wallClock } from "./zone";

export interface Moment {
  start: number;
  end: number | null;
  /** A time of day was written (not only a date). */
  hasTime: boolean;
  /** A day was written (a date, a weekday or a relative day), not only a time. */
  hasDay: boolean;
  /** Written as past ("Senin lalu", "last Monday", "kemarin"). */
  past: boolean;
  /** The offset or zone was written next to the time. */
  zoneGiven: boolean;
  line: number;
  /** Position of the match in its line. */
  column: number;
  text: string;
}

const MAX_LINES = 400;
const MAX_LINE = 300;

const MONTH =
  "jan(?:uary|uari)?|feb(?:ruary|ruari)?|mar(?:ch|et)?|apr(?:il)?|mei|june?|juni|july?|juli|agu(?:stus)?|agt|ags|aug(?:ust)?|sept?(?:ember)?|okt(?:ober)?|oct(?:ober)?|nov(?:ember)?|nop(?:ember)?|des(?:ember)?|dec(?:ember)?";
const DAY =
  "senin|selasa|rabu|kamis|jum.?at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun";
// A line is read for dates only when it has one of these; chrono is the slow part, and most lines have none.
const CUE = new RegExp(
  `\\d[.:/]\\d|\\d\\s*[ap]\\.?m\\b|\\b(?:${MONTH})\\b|\\bmay\\s+\\d|\\d\\s+may\\b|\\b(?:${DAY})\\b|\\b(?:besok|lusa|hari ini|tomorrow|today|tonight|pukul|pkl?|noon|setengah|jam\\s*\\d|jam (?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas))\\b`,
  "i",
);

const WORD_HOURS: Record<string, number> = {
  satu: 1,
  dua: 2,
  tiga: 3,
  empat: 4,
  lima: 5,
  enam: 6,
  tujuh: 7,
  delapan: 8,
  sembilan: 9,
  sepuluh: 10,
  sebelas: 11,
  "dua belas": 12,
};

/** Full month names, January first. */
export const MONTH_NAMES = {
  en: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
  ],
  id: [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
  ],
};

// 05/12/2025, 4/12, 05.12.2025, 05-12-2025; not a time (10.00), a phone number or part of a link.
const NUMERIC_DATE =
  /(?<![\w/.:-])(\d{1,2})(?:\/(\d{1,2})(?:\/(\d{4}|\d{2}))?|([.-])(\d{1,2})\4(\d{4}))(?![\w/]|[.:-]\d)/g;

/**
 * Numeric dates written out with the month's name, day first as Indonesia (and most of the world) writes them;
 * month first only when the day cannot be a month or the mail is American (`dayFirst` false).
 */
function spellNumericDates(line: string, lang: Language, dayFirst: boolean): string {
  return line.replace(
    NUMERIC_DATE,
    (whole, a: string, b?: string, y?: string, _sep?: string, b2?: string, y2?: string) => {
      let day = Number(a);
      let month = Number(b ?? b2);
      const year = y ?? y2;
      if (!dayFirst || month > 12) [day, month] = [month, day];
      if (month < 1 || month > 12 || day < 1 || day > 31) return whole;
      const fullYear = year ? (year.length === 2 ? `20${year}` : year) : "";
      return ` ${day} ${MONTH_NAMES[lang][month - 1]} ${fullYear} `;
    },
  );
}

/** Rewrites what chrono's parsers miss or misread into forms they read. */
export function normaliseLine(line: string, lang: Language, dayFirst: boolean): string {
  return spellNumericDates(line, lang, dayFirst)
    .replace(/\bpk[l]?\.?\s*(?=\d)/gi, "pukul ")
    .replace(/\bjum'at\b/gi, "Jumat")
    .replace(/\bjamnya\b/gi, "jam")
    .replace(/\s(?:s\.d\.?|s\/d|sd|sampai dengan)\s/gi, " - ")
    .replace(/\(\s*(\d{1,2} \p{L}+ (?:\d{4})?)\s*\)/gu, " $1 ")
    .replace(/\bsetengah\s+(dua belas|[a-z]+|\d{1,2})\b/gi, (whole, h: string) => {
      const hour = /^\d+$/.test(h) ? Number(h) : WORD_HOURS[h.toLowerCase()];
      return hour ? `pukul ${hour - 1}.30` : whole;
    })
    .replace(/[⋅•·]/g, " ");
}

const PAST = /\b(lalu|kemarin|yesterday|last|tadi)\b/i;
/** "in the next 48 hours", "one hour": a length of time, not a moment. */
const DURATION_TEXT =
  /\b(?:\d+|one|two|a|an|satu|dua)\s*(?:hours?|days?|weeks?|minutes?|mins?|jam|hari|minggu|menit|pekan)\b/i;
const NIGHT_OR_MORNING = /\b(am|a\.m\.|pagi|malam)\b/i;

interface Day {
  year: number;
  month: number;
  day: number;
}

interface Piece {
  result: ParsedResult;
  line: number;
  hasDay: boolean;
  hasTime: boolean;
  /** The day, where chrono's reading is replaced by ours. */
  day: Day | null;
}

const NEXT_WEEK = /\b(depan|next)\b/i;

/**
 * "Jumat depan" / "next Friday": that weekday in the following week (Monday to Sunday), so on a Friday it is
 * a week away, never today. chrono reads it as the coming one.
 */
function weekdayNextWeek(weekdayWanted: number, ref: number, zone: string): Day {
  const w = wallClock(ref, zone);
  const today = new Date(Date.UTC(w.year, w.month - 1, w.day));
  const mondayOffset = (today.getUTCDay() + 6) % 7;
  const target = new Date(today.getTime() + (7 - mondayOffset + ((weekdayWanted + 6) % 7)) * 86400000);
  return { year: target.getUTCFullYear(), month: target.getUTCMonth() + 1, day: target.getUTCDate() };
}

function toPiece(result: ParsedResult, line: number, ref: number, zone: string): Piece {
  const s = result.start;
  const weekdayOnly = !s.isCertain("day") && s.isCertain("weekday");
  const day =
    weekdayOnly && NEXT_WEEK.test(result.text) ? weekdayNextWeek(s.get("weekday") ?? 1, ref, zone) : null;
  return {
    result,
    line,
    hasDay: s.isCertain("day") || s.isCertain("weekday"),
    hasTime: s.isCertain("hour"),
    day,
  };
}

// Words only the other language's parser reads: worth a second pass when the first found nothing.
const ENGLISH_ONLY =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\d\s*[ap]\.?m\b|\b(?:tomorrow|today|noon)\b/i;
const INDONESIAN_ONLY =
  /\b(?:januari|februari|maret|mei|juni|juli|agustus|oktober|desember|agu|okt|des|nop|senin|selasa|rabu|kamis|jumat|sabtu|minggu|besok|lusa|pukul|jam)\b/i;

/** How one message's dates are read: its language, the person's zone, the order of numeric dates. */
export interface Reading {
  zone: string;
  lang: Language;
  /** 05/12 is 5 December unless the mail is American. */
  dayFirst: boolean;
  /** chrono's answers per line: promises are read again sentence by sentence over the same lines. */
  parsed: Map<string, ParsedResult[]>;
}

export function newReading(zone: string, lang: Language, dayFirst = true): Reading {
  return { zone, lang, dayFirst, parsed: new Map() };
}

function parseLine(line: string, ref: Date, refOffset: number, reading: Reading): ParsedResult[] {
  const { lang, parsed } = reading;
  const key = `${ref.getTime()}|${line}`;
  const known = parsed.get(key);
  if (known) return known;
  const reference = { instant: ref, timezone: refOffset };
  let found = (lang === "id" ? id : en).parse(line, reference, { forwardDate: true });
  if (found.length === 0 && (lang === "id" ? ENGLISH_ONLY : INDONESIAN_ONLY).test(line)) {
    found = (lang === "id" ? en : id).parse(line, reference, { forwardDate: true });
  }
  parsed.set(key, found);
  return found;
}

/** Business hours: "jam 2" or "2.30" alone means the afternoon; interviews are not at 2 a.m. */
function afternoonIfBare(hour: number, text: string, meridiemKnown: boolean): number {
  if (!meridiemKnown && hour >= 1 && hour <= 6 && !NIGHT_OR_MORNING.test(text)) return hour + 12;
  return hour;
}

function instantOf(component: ParsedResult["start"], zone: string, text: string, date: Piece): number {
  const day = date.day ?? {
    year: date.result.start.get("year") ?? 1970,
    month: date.result.start.get("month") ?? 1,
    day: date.result.start.get("day") ?? 1,
  };
  const wall = {
    ...day,
    hour: afternoonIfBare(component.get("hour") ?? 0, text, component.isCertain("meridiem")),
    minute: component.get("minute") ?? 0,
  };
  const offset = component.isCertain("timezoneOffset") ? component.get("timezoneOffset") : null;
  if (offset !== null && offset !== undefined) {
    return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) - offset * 60000;
  }
  return fromWallClock(wall, zone);
}

function toMoment(date: Piece, time: Piece | null, zone: string): Moment {
  const timeComponent = time ? time.result.start : date.result.start;
  const endComponent = time ? time.result.end : date.result.end;
  const text = time && time !== date ? `${date.result.text} ${time.result.text}` : date.result.text;
  const start = instantOf(timeComponent, zone, text, date);
  let end: number | null = null;
  if (endComponent?.isCertain("hour")) {
    end = instantOf(endComponent, zone, text, date);
    if (end <= start) end = null;
  }
  return {
    start,
    end,
    hasTime: time ? time.hasTime : date.hasTime,
    hasDay: date.hasDay,
    past: PAST.test(date.result.text),
    zoneGiven: timeComponent.isCertain("timezoneOffset"),
    line: date.line,
    column: date.result.index,
    text,
  };
}

/**
 * The moments written in `text`, in order. `ref` is the instant the text was written (relative days and a missing
 * year count from it); times without a zone are in `zone`.
 */
export function findMoments(text: string, ref: number, reading: Reading): Moment[] {
  const { zone, lang, dayFirst } = reading;
  const lines = text.split("\n", MAX_LINES);
  const refDate = new Date(ref);
  const refOffset = offsetAt(zone, ref);
  const pieces: Piece[] = [];
  const read: string[] = [];
  lines.forEach((raw, i) => {
    const line = raw.length > MAX_LINE ? raw.slice(0, MAX_LINE) : raw;
    if (!CUE.test(line)) return;
    read[i] = normaliseLine(line, lang, dayFirst);
    for (const r of parseLine(read[i], refDate, refOffset, reading)) {
      if (DURATION_TEXT.test(r.text)) continue;
      const piece = toPiece(r, i, ref, zone);
      if (piece.hasDay || piece.hasTime) pieces.push(piece);
    }
  });
  return joinRanges(joinDatesWithTimes(pieces, read, zone), read);
}

const RANGE_JOIN = /^\s*(?:-|–|—|to|until|till|through|sampai|hingga)\s*$/i;

/** "Senin, 17 Nop 13.00 s.d. Kamis, 20 Nop 23.59": two full moments joined by "to" are one period. */
function joinRanges(moments: Moment[], read: string[]): Moment[] {
  const out: Moment[] = [];
  for (const m of moments) {
    const prev = out[out.length - 1];
    const between =
      prev && prev.line === m.line && prev.end === null && m.hasDay
        ? (read[m.line] ?? "").slice(prev.column + prev.text.length, m.column)
        : null;
    if (prev && between !== null && RANGE_JOIN.test(between) && m.start > prev.start) {
      out[out.length - 1] = { ...prev, end: m.end ?? m.start };
    } else {
      out.push(m);
    }
  }
  return out;
}

/** Where a time may start on its line to belong to a date above it: after a label such as "Pukul   : ". */
const LABELLED_TIME_COLUMN = 25;

/**
 * A date and its time on the same line, or a date ending its line and the time opening one of the next lines
 * ("Tanggal: ..." / "Waktu: ..."), belong together.
 */
function joinDatesWithTimes(pieces: Piece[], read: string[], zone: string): Moment[] {
  const moments: Moment[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    if (p.hasDay && p.hasTime) {
      moments.push(toMoment(p, null, zone));
      continue;
    }
    if (p.hasDay) {
      const next = pieces[i + 1];
      const rest = (read[p.line] ?? "").slice(p.result.index + p.result.text.length);
      const endsLine = next && next.line > p.line ? !/[\p{L}\d]{3}/u.test(rest) : true;
      const opensLine = next && (next.line === p.line || next.result.index <= LABELLED_TIME_COLUMN);
      if (next && !next.hasDay && next.hasTime && next.line - p.line <= 3 && endsLine && opensLine) {
        moments.push(toMoment(p, next, zone));
        i++;
      } else {
        moments.push(toMoment(p, null, zone));
      }
      continue;
    }
    // A time with no day: kept, so that a correction ("ralat, jamnya 14.00") can move an earlier moment.
    moments.push({ ...toMoment(p, null, zone), hasDay: false });
  }
  return moments;
}

const DURATION =
  /\b(\d{2,3})[- ]?(?:minutes?|mins?|menit)\b(?!\s+(?:sebelum|before|early|lebih|prior|earlier))/i;
const HOURS =
  /\b(?:(1|one|satu)[- ]?(?:hour|jam)|(1[.,]5|one and a half)[- ]?(?:hours?|jam))\b(?!\s+(?:sebelum|before))/i;

/** "about 45 minutes", "a 60-minute interview", "selama 90 menit": the length of a meeting in minutes. */
export function findDuration(text: string): number | null {
  const m = DURATION.exec(text);
  if (m) {
    const minutes = Number(m[1]);
    return minutes >= 15 && minutes <= 240 ? minutes : null;
  }
  const h = HOURS.exec(text);
  if (h) return h[1] ? 60 : 90;
  return null;
}
