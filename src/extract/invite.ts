/**
 * Reads calendar invitations (.ics) with ical.js: one Invite per VEVENT, times as instants with an offset.
 *
 * Pure and defensive: the text comes from strangers' mail, so it is capped, pre-filtered line by line before ical.js
 * sees it, and every failure turns into "no invite" rather than an exception.
 */
import ICAL from "ical.js";
import { findIana, IANA_ALIAS_MAP, WINDOWS_TO_IANA_MAP } from "windows-iana";
import type { Address, Invite } from "./types";
import { isoWithOffset, isZone, offsetAt } from "./zone";

type Component = InstanceType<typeof ICAL.Component>;
type Property = InstanceType<typeof ICAL.Property>;

// A real invite is a few KB and a hundred lines (Outlook's HTML description makes it tens of KB). ical.js needs
// ~10 ms for 3,000 lines, a Worker's whole CPU budget: what reaches it is capped well below that.
const MAX_INPUT = 256 * 1024;
const MAX_SEEN = 20_000;
const MAX_KEPT = 1000;
const MAX_EVENTS = 20;
const MAX_ATTENDEES = 100;
const MAX_LINKS = 300;
const MAX_CALENDARS = 20;
const MAX_ZONES = 32;
const MAX_ZONE_PARTS = 256;
const MAX_ONSETS = 2000;
const DAY_MS = 86_400_000;

/* ------------------------------------------------------------------------------------------------------------ */
/* Meeting links                                                                                                 */
/* ------------------------------------------------------------------------------------------------------------ */

// http(s) links, plus the bare hosts people paste without a scheme ("meet.google.com/abc-defg-hij").
// Backslash ends a link because X- properties keep their iCalendar escapes ("\," after a URL).
const URL_TOKEN =
  /(?:https?:\/\/|(?<![\w@./-])(?=(?:[a-z0-9-]+\.)*(?:zoom\.us|zoomgov\.com|meet\.google\.com|teams\.microsoft\.com|teams\.live\.com|webex\.com|whereby\.com|meet\.jit\.si|8x8\.vc|meet\.goto\.com)\/))[^\s<>"'`\\]+/gi;
const TRAILING = new Set([...".,;:!?)]}'\"*|"]);
const WHEREBY_RESERVED = new Set([
  "information",
  "user",
  "org",
  "pricing",
  "login",
  "signup",
  "blog",
  "business",
  "embed",
]);

/** The first Zoom / Google Meet / Teams / Webex / Whereby / Jitsi / GoTo join link in `text`, else null. */
export function findMeetingUrl(text: string): string | null {
  if (!text) return null;
  const s = text.length > MAX_INPUT ? text.slice(0, MAX_INPUT) : text;
  let links = 0;
  for (const m of s.matchAll(URL_TOKEN)) {
    // Each candidate costs a URL parse; a real description has a few dozen links.
    if (++links > MAX_LINKS) break;
    let candidate = trimEnd(m[0].replace(/&amp;/gi, "&"), TRAILING);
    if (!/^https?:\/\//i.test(candidate)) candidate = `https://${candidate}`;
    const url = parseUrl(candidate);
    if (!url) continue;
    if (isJoinLink(url)) return candidate;
    // Outlook Safe Links, Google's /url redirect and Proofpoint wrap the real link.
    const inner = unwrapRedirect(url, candidate);
    if (inner) {
      const innerUrl = parseUrl(inner);
      if (innerUrl && isJoinLink(innerUrl)) return inner;
    }
  }
  return null;
}

/** Drops trailing characters in `set` (a loop: a `[...]+$` regex backtracks quadratically on hostile runs). */
function trimEnd(s: string, set: Set<string>): string {
  let end = s.length;
  while (end > 0 && set.has(s[end - 1])) end--;
  return s.slice(0, end);
}

function parseUrl(s: string): URL | null {
  try {
    return new URL(s);
  } catch {
    return null;
  }
}

function unwrapRedirect(url: URL, raw: string): string | null {
  const host = url.hostname.toLowerCase();
  if (host.endsWith("safelinks.protection.outlook.com")) return url.searchParams.get("url");
  if ((host === "www.google.com" || host === "google.com") && url.pathname === "/url") {
    return url.searchParams.get("q") ?? url.searchParams.get("url");
  }
  if (host === "urldefense.com" || host === "urldefense.proofpoint.com") {
    return raw.match(/__(https?:\/\/.+?)__/)?.[1] ?? null;
  }
  return null;
}

function isJoinLink(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  const path = url.pathname;
  if (/(?:^|\.)zoom(?:gov)?\.(?:us|com)$/.test(host)) {
    // Not /u/ (contact invites), /meetings/ (join instructions), /s/ (the host's start link) or support pages.
    return /^\/(?:j|w)\/\d{6,}|^\/my\/[\w.-]+|^\/wc\/(?:join\/\d+|\d+\/join)/i.test(path);
  }
  if (host === "meet.google.com") return /^\/(?:[a-z]{3}-[a-z]{4}-[a-z]{3}|lookup\/[\w-]+)\/?$/i.test(path);
  if (/(?:^|\.)teams\.microsoft\.(?:com|us)$|^teams\.live\.com$/.test(host)) {
    return /^\/l\/meetup-join\/|^\/meet\/\d+/i.test(path);
  }
  if (host.endsWith(".webex.com")) {
    if (/^(?:www|help|support|blog|community|cart|signin)\./.test(host)) return false;
    return /(?:^|\/)(?:j|e)\.php$|\/(?:meet|join|joinservice)\//i.test(path);
  }
  if (host === "whereby.com" || host.endsWith(".whereby.com")) {
    const room = path.match(/^\/([\w-]+)\/?$/)?.[1];
    return !!room && !WHEREBY_RESERVED.has(room.toLowerCase());
  }
  if (host === "meet.jit.si" || host === "8x8.vc") return /^\/[^/]+/.test(path) && path !== "/";
  if (host === "meet.goto.com") return /^\/\d{6,}/.test(path);
  if (host === "global.gotomeeting.com") return /^\/join\/\d+/i.test(path);
  return false;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Pre-filtering the text                                                                                        */
/* ------------------------------------------------------------------------------------------------------------ */

// Only what kabari reads goes to ical.js: less to parse, and odd properties (ATTACH blobs, broken RRULEs in
// VEVENTs, Zoom's stray TZID line) cannot trip it.
const KEEP: Record<string, Set<string>> = {
  vcalendar: new Set(["METHOD", "X-WR-TIMEZONE"]),
  vevent: new Set([
    "UID",
    "SEQUENCE",
    "STATUS",
    "SUMMARY",
    "DESCRIPTION",
    "LOCATION",
    "ORGANIZER",
    "ATTENDEE",
    "DTSTART",
    "DTEND",
    "DURATION",
    "URL",
    "CONFERENCE",
    "X-GOOGLE-CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "X-MICROSOFT-ONLINEMEETINGURL",
    "X-ALT-DESC",
  ]),
  vtimezone: new Set(["TZID", "X-LIC-LOCATION"]),
  standard: new Set(["DTSTART", "TZOFFSETFROM", "TZOFFSETTO", "RRULE", "RDATE"]),
  daylight: new Set(["DTSTART", "TZOFFSETFROM", "TZOFFSETTO", "RRULE", "RDATE"]),
};
const PARENT: Record<string, string> = {
  vevent: "vcalendar",
  vtimezone: "vcalendar",
  standard: "vtimezone",
  daylight: "vtimezone",
};
// Text properties a line that lost its folding space most likely belongs to.
const TEXT_PROPS = new Set(["DESCRIPTION", "SUMMARY", "LOCATION", "X-ALT-DESC"]);
const URI_SCHEMES = new Set(["HTTP", "HTTPS", "MAILTO", "TEL"]);

const PARAM = `;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*`;
const PROPERTY_LINE = new RegExp(`^([A-Za-z0-9-]+)(?:${PARAM})*:`);
// Some exporters leave a display-name TZID unquoted: DTSTART;TZID=(UTC+07:00) Bangkok, Hanoi, Jakarta:2025...
const UNQUOTED_TZID =
  /^(DTSTART|DTEND)((?:;[A-Za-z0-9-]+=[^;:"]*)*?);TZID=([^";]*:[^";]*?)((?:;[A-Za-z0-9-]+=[^;:"]*)*):(\d{8}(?:T\d{4,6}Z?)?)\s*$/i;

interface Block {
  lines: string[];
  /** Open components, outermost first. */
  stack: string[];
  /** Depth inside a component that is skipped (VALARM, VTODO, a nested VEVENT...). */
  skip: number;
  /** The last property kept, so a line that lost its folding space can be glued back. */
  last: string | null;
}

function finish(block: Block): string {
  for (let i = block.stack.length - 1; i >= 0; i--) block.lines.push(`END:${block.stack[i].toUpperCase()}`);
  return block.lines.join("\r\n");
}

/** Splits the text into cleaned VCALENDAR texts that ical.js can parse. */
function calendarTexts(input: string): string[] {
  let s = input.length > MAX_INPUT ? input.slice(0, MAX_INPUT) : input;
  s = s
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/\n[ \t]/g, "");
  const lines = s.split("\n");
  const hasCalendar = lines.some((l) => /^BEGIN:VCALENDAR\s*$/i.test(l));
  const out: string[] = [];
  let block: Block | null = null;
  let events = 0;
  let calendars = 0;
  let seen = 0;
  let kept = 0;
  let attendees = 0;

  for (const raw of lines) {
    const line = raw.trimEnd();
    if (!line) continue;
    const begin = /^BEGIN:([A-Za-z0-9-]+)$/i.exec(line)?.[1]?.toLowerCase();
    const end = /^END:([A-Za-z0-9-]+)$/i.exec(line)?.[1]?.toLowerCase();
    // A new calendar also ends one that never wrote END:VCALENDAR.
    if (begin === "vcalendar") {
      if (block) out.push(finish(block));
      block = null;
      if (++calendars > MAX_CALENDARS) break;
      block = { lines: ["BEGIN:VCALENDAR"], stack: ["vcalendar"], skip: 0, last: null };
      continue;
    }
    if (!block) {
      // A bare VEVENT with no calendar around it (cut out of a body); anything else outside a calendar is junk.
      if (hasCalendar || begin !== "vevent" || ++calendars > 1) continue;
      block = { lines: ["BEGIN:VCALENDAR"], stack: ["vcalendar"], skip: 0, last: null };
    }
    if (++seen > MAX_SEEN || kept >= MAX_KEPT) break;
    if (block.skip > 0) {
      if (begin) block.skip++;
      else if (end) block.skip--;
      continue;
    }
    if (begin) {
      const wanted =
        PARENT[begin] === block.stack[block.stack.length - 1] && (begin !== "vevent" || events < MAX_EVENTS);
      if (!wanted) {
        block.skip = 1;
        continue;
      }
      if (begin === "vevent") {
        events++;
        attendees = 0;
      }
      block.stack.push(begin);
      block.lines.push(`BEGIN:${begin.toUpperCase()}`);
      block.last = null;
      continue;
    }
    if (end) {
      const at = block.stack.lastIndexOf(end);
      if (at < 0) continue;
      while (block.stack.length > at) block.lines.push(`END:${(block.stack.pop() ?? "").toUpperCase()}`);
      block.last = null;
      if (block.stack.length === 0) {
        out.push(block.lines.join("\r\n"));
        block = null;
      }
      continue;
    }
    // The repair pattern backtracks: only on lines of a sane length.
    const fixed = line.length < 400 ? line.replace(UNQUOTED_TZID, '$1$2;TZID="$3"$4:$5') : line;
    const name = PROPERTY_LINE.exec(fixed)?.[1]?.toUpperCase();
    // "https://…" at the start of a line is the rest of a folded text whose space was lost, not a property.
    if (!name || URI_SCHEMES.has(name)) {
      if (block.last && TEXT_PROPS.has(block.last)) block.lines[block.lines.length - 1] += line;
      continue;
    }
    block.last = null;
    if (!KEEP[block.stack[block.stack.length - 1]]?.has(name)) continue;
    if (name === "ATTENDEE" && ++attendees > MAX_ATTENDEES) continue;
    kept++;
    block.lines.push(fixed);
    block.last = name;
  }
  if (block) out.push(finish(block));
  return out;
}

/** Parses one cleaned calendar; a line ical.js still rejects is dropped rather than losing the whole invite. */
function parseCalendar(text: string): Component | null {
  try {
    return new ICAL.Component(ICAL.parse(text));
  } catch {
    const kept = text.split("\r\n").filter((line) => {
      if (/^(?:BEGIN|END):/i.test(line)) return true;
      try {
        ICAL.parse.property(line);
        return true;
      } catch {
        return false;
      }
    });
    try {
      return new ICAL.Component(ICAL.parse(kept.join("\r\n")));
    } catch {
      return null;
    }
  }
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Zones                                                                                                         */
/* ------------------------------------------------------------------------------------------------------------ */

/** A date or date-time as written, with its wall clock as if it were UTC. */
interface Written {
  wall: number;
  date: boolean;
  utc: boolean;
}

/** Reads ical.js's jCal form ("2025-11-03T09:30:00", "2025-11-03T14:30:00Z", "2025-11-03"). */
function readWritten(value: unknown): Written | null {
  if (typeof value !== "string") return null;
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):?(\d\d):?(\d\d)?(Z)?)?$/.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  // Years far from now are garbage, and would make zone rules iterate for nothing.
  if (year < 1600 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  return {
    wall: Date.UTC(year, month - 1, day, hour, minute, second),
    date: m[4] === undefined,
    utc: !!m[7],
  };
}

/** The instant at which `zone`'s clock shows `wall`: the earlier one in an overlap, shifted forward in a gap (RFC 5545). */
function fromWall(wall: number, zone: string): number {
  const before = offsetAt(zone, wall - DAY_MS);
  const after = offsetAt(zone, wall + DAY_MS);
  let best: number | null = null;
  for (const o of before === after ? [before] : [before, after]) {
    const t = wall - o * 60000;
    if (offsetAt(zone, t) === o && (best === null || t < best)) best = t;
  }
  return best ?? wall - before * 60000;
}

const ianaNames = new Map<string, string | null>();

/** The name as Intl accepts it, in its proper case but kept as written (V8 turns Asia/Kolkata into Asia/Calcutta). */
function ianaName(name: string): string | null {
  const known = ianaNames.get(name);
  if (known !== undefined) return known;
  let result: string | null = null;
  if (name && !/^[+-]/.test(name) && isZone(name)) {
    const resolved = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
    result = resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
  }
  // Bounded: a hostile file can invent names faster than it can invent zones.
  if (ianaNames.size < 1000) ianaNames.set(name, result);
  return result;
}

let windowsNames: Map<string, string> | null = null;
const windowsZones = new Map<string, string[]>();

/** IANA zones for a Windows zone name, CLDR's choice first; findIana itself is case-sensitive (and scans its table). */
function windowsCandidates(name: string): string[] {
  if (!windowsNames) {
    windowsNames = new Map();
    for (const entry of WINDOWS_TO_IANA_MAP)
      windowsNames.set(entry.windowsName.toLowerCase(), entry.windowsName);
  }
  const key = name.toLowerCase();
  // Outlook numbers its copies of a zone: "Eastern Standard Time 1".
  const canonical = windowsNames.get(key) ?? windowsNames.get(key.replace(/\s+\d+$/, ""));
  if (!canonical) return [];
  let zones = windowsZones.get(canonical);
  if (!zones) {
    zones = findIana(canonical).filter((z) => isZone(z));
    windowsZones.set(canonical, zones);
  }
  return zones;
}

/** personZone when it is among the candidates and agrees at that moment, else the first candidate. */
function preferPerson(candidates: string[], personZone: string, wall: number): string | null {
  if (!candidates.length) return null;
  const first = candidates[0];
  if (candidates.includes(personZone)) {
    const at = wall - offsetAt(first, wall) * 60000;
    if (offsetAt(personZone, at) === offsetAt(first, at)) return personZone;
  }
  return first;
}

/** An IANA zone from a TZID that names one: IANA, Windows, or either behind a prefix ("/mozilla.org/…/Europe/Berlin"). */
function zoneFromName(raw: string, personZone: string, wall: number): string | null {
  const name = cleanName(raw);
  if (!name) return null;
  if (/^(?:z|utc|gmt)$/i.test(name)) return "UTC";
  const tries = [name];
  const parts = name.split("/").filter(Boolean);
  for (let k = Math.min(3, parts.length - 1); k >= 1; k--) tries.push(parts.slice(-k).join("/"));
  for (const t of tries) {
    const iana = ianaName(t);
    if (iana) return iana;
    const windows = preferPerson(windowsCandidates(t), personZone, wall);
    if (windows) return windows;
  }
  return null;
}

const QUOTES = new Set(['"', "'", " ", "\t"]);

/** A TZID or CN without quotes and blanks; "" when absurdly long (nothing real is, and regexes run on it). */
function cleanName(raw: string): string {
  if (raw.length > 200) return "";
  let start = 0;
  while (start < raw.length && QUOTES.has(raw[start])) start++;
  return trimEnd(raw.slice(start), QUOTES);
}

let cities: Map<string, string> | null = null;

// Windows display names that name no city ("(UTC-05:00) Eastern Time (US & Canada)").
const DISPLAY_NAMES: [RegExp, string][] = [
  [/\beastern time\b/i, "America/New_York"],
  [/\bcentral time\b/i, "America/Chicago"],
  [/\bmountain time\b/i, "America/Denver"],
  [/\bpacific time\b/i, "America/Los_Angeles"],
  [/\balaska\b/i, "America/Anchorage"],
  [/\bhawaii\b/i, "Pacific/Honolulu"],
  [/\batlantic time\b/i, "America/Halifax"],
  [/\barizona\b/i, "America/Phoenix"],
  [/\bcoordinated universal time\b/i, "UTC"],
];

/** A zone and/or offset from a display name such as "(UTC+07:00) Bangkok, Hanoi, Jakarta". */
function zoneFromLabel(
  name: string,
  personZone: string,
  wall: number,
): { zone: string | null; offset: number | null } {
  let offset: number | null = null;
  const m = /\b(?:UTC|GMT)\s*([+\-\u2212\u2013])\s*(\d{1,2})(?:[:.]?(\d{2}))?/i.exec(name);
  if (m) offset = (m[1] === "+" ? 1 : -1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
  else if (/\((?:UTC|GMT)\)/i.test(name)) offset = 0;
  if (offset !== null && Math.abs(offset) > 14 * 60) offset = null;

  if (!cities) {
    cities = new Map();
    for (const entry of IANA_ALIAS_MAP) {
      for (const alias of entry.alias) {
        const city = alias.split("/").pop()?.replace(/_/g, " ").toLowerCase();
        if (city && alias.includes("/") && !cities.has(city)) cities.set(city, alias);
      }
    }
  }
  const found: string[] = [];
  for (const [re, zone] of DISPLAY_NAMES) if (re.test(name)) found.push(zone);
  const text = name.replace(/\([^)]*\)/g, " ");
  for (const phrase of text.split(/[,;/&]|\band\b/i)) {
    const zone = cities.get(phrase.trim().toLowerCase());
    if (zone) found.push(zone);
  }
  const valid = found.filter((zone) => {
    if (!isZone(zone)) return false;
    if (offset === null) return true;
    // The label states the standard offset; in summer the zone may be ahead of it.
    const d = offsetAt(zone, wall - offset * 60000) - offset;
    return d === 0 || d === 30 || d === 60;
  });
  return { zone: preferPerson(valid, personZone, wall), offset };
}

interface Onset {
  at: number;
  from: number;
  to: number;
}

/**
 * The offset (minutes) a VTIMEZONE gives at wall clock `wall`. ical.js's own Timezone expands every rule from its
 * DTSTART (1601 for Outlook): 7-35 ms for one invite, over a Worker's CPU budget, and unbounded for a hostile rule.
 * Rules are yearly in practice, so only the onsets of the year before and the year itself matter.
 */
function vtimezoneOffset(vtz: Component, wall: number): number | null {
  const year = new Date(wall).getUTCFullYear();
  const onsets: Onset[] = [];
  for (const part of vtz.getAllSubcomponents().slice(0, MAX_ZONE_PARTS)) {
    if (part.name !== "standard" && part.name !== "daylight") continue;
    const from = readOffset(part.getFirstProperty("tzoffsetfrom"));
    const to = readOffset(part.getFirstProperty("tzoffsetto"));
    const start = readWritten(part.getFirstProperty("dtstart")?.jCal[3]);
    if (from === null || to === null || !start) continue;
    onsets.push({ at: start.wall, from, to });
    for (const rdate of part.getAllProperties("rdate")) {
      for (const value of rdate.jCal.slice(3)) {
        const w = readWritten(value);
        if (!w || onsets.length > MAX_ONSETS) continue;
        onsets.push({ at: w.date ? w.wall + (((start.wall % DAY_MS) + DAY_MS) % DAY_MS) : w.wall, from, to });
      }
    }
    const rule: unknown = part.getFirstProperty("rrule")?.jCal[3];
    if (rule && typeof rule === "object") {
      for (const at of yearlyOnsets(rule as Record<string, unknown>, start.wall, from, [year - 1, year])) {
        onsets.push({ at, from, to });
      }
    }
  }
  if (!onsets.length) return null;
  let best: Onset | null = null;
  let earliest = onsets[0];
  for (const o of onsets) {
    if (o.at <= wall && (!best || o.at > best.at)) best = o;
    if (o.at < earliest.at) earliest = o;
  }
  return best ? best.to : earliest.from;
}

function readOffset(prop: Property | null): number | null {
  const m = /^([+-])(\d\d):?(\d\d)/.exec(String(prop?.jCal[3] ?? ""));
  if (!m) return null;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

const WEEKDAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

function list(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

/** Onsets of a FREQ=YEARLY rule (BYMONTH, BYDAY like 2SU / -1SU / SU, BYMONTHDAY) in the given years. */
function yearlyOnsets(
  rule: Record<string, unknown>,
  dtstart: number,
  from: number,
  years: number[],
): number[] {
  if (String(rule.freq ?? "").toUpperCase() !== "YEARLY") return [];
  const first = new Date(dtstart);
  const startYear = first.getUTCFullYear();
  const interval = Math.max(1, Number(rule.interval) || 1);
  const count = Number(rule.count) || 0;
  const until = readWritten(rule.until);
  const months = list(rule.bymonth)
    .map(Number)
    .filter((n) => n >= 1 && n <= 12);
  const byDay = list(rule.byday).map((d) => /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/i.exec(String(d)));
  const byMonthDay = list(rule.bymonthday)
    .map(Number)
    .filter((n) => n !== 0 && Math.abs(n) <= 31);
  const timeOfDay = dtstart - Date.UTC(startYear, first.getUTCMonth(), first.getUTCDate());
  const out: number[] = [];
  for (const y of years) {
    if (y < startYear || (y - startYear) % interval !== 0) continue;
    if (count && (y - startYear) / interval >= count) continue;
    for (const month of months.length ? months : [first.getUTCMonth() + 1]) {
      const days = new Date(Date.UTC(y, month, 0)).getUTCDate();
      const weekdayOf = (d: number) => new Date(Date.UTC(y, month - 1, d)).getUTCDay();
      let chosen: number[] = [];
      if (byDay.length) {
        for (const m of byDay) {
          if (!m) continue;
          const wd = WEEKDAYS.indexOf(m[2].toUpperCase());
          const all: number[] = [];
          for (let d = 1; d <= days; d++) if (weekdayOf(d) === wd) all.push(d);
          const n = m[1] ? Number(m[1]) : 0;
          if (n === 0) chosen.push(...all);
          else if (n > 0 && all[n - 1]) chosen.push(all[n - 1]);
          else if (n < 0 && all[all.length + n]) chosen.push(all[all.length + n]);
        }
        if (byMonthDay.length) {
          const allowed = new Set(byMonthDay.map((d) => (d > 0 ? d : days + 1 + d)));
          chosen = chosen.filter((d) => allowed.has(d));
        }
      } else if (byMonthDay.length) {
        chosen = byMonthDay.map((d) => (d > 0 ? d : days + 1 + d)).filter((d) => d >= 1 && d <= days);
      } else {
        chosen = [first.getUTCDate()];
      }
      for (const d of chosen) {
        const at = Date.UTC(y, month - 1, d) + timeOfDay;
        if (at < dtstart) continue;
        if (until && (until.utc ? at - from * 60000 > until.wall : at > until.wall)) continue;
        out.push(at);
      }
    }
  }
  return out;
}

/* ------------------------------------------------------------------------------------------------------------ */
/* Events                                                                                                        */
/* ------------------------------------------------------------------------------------------------------------ */

interface Calendar {
  method: string | null;
  personZone: string;
  zones: Map<string, Component>;
  /** X-WR-TIMEZONE, or the only VTIMEZONE: the zone to show UTC times in. */
  zoneHint: string | null;
}

interface Instant {
  ms: number;
  /** The zone the time is written in, when the invite names one. */
  zone: string | null;
  /** Zone used to print the time (the event's, else the person's); null for a fixed offset. */
  shownIn: string | null;
  offset: number;
  date: boolean;
}

function instantOf(prop: Property | null, cal: Calendar): Instant | null {
  if (!prop) return null;
  const w = readWritten(prop.jCal[3]);
  if (!w) return null;
  const person = cal.personZone;
  const floating = (): Instant => {
    const ms = fromWall(w.wall, person);
    return { ms, zone: null, shownIn: person, offset: offsetAt(person, ms), date: w.date };
  };
  // All-day dates are rarely interviews: midnight where the person is.
  if (w.date) return floating();
  if (w.utc) {
    const zone = cal.zoneHint ? zoneFromName(cal.zoneHint, person, w.wall) : null;
    const shownIn = zone ?? person;
    return { ms: w.wall, zone, shownIn, offset: offsetAt(shownIn, w.wall), date: false };
  }
  const tzid = prop.getFirstParameter("tzid");
  if (typeof tzid !== "string" || !cleanName(tzid)) return floating();

  // Intl knows the zone's real rules and costs microseconds; a VTIMEZONE is only needed for names it cannot map.
  const vtz = cal.zones.get(cleanName(tzid).toLowerCase()) ?? null;
  const location = vtz?.getFirstPropertyValue("x-lic-location");
  const zone =
    zoneFromName(tzid, person, w.wall) ??
    (typeof location === "string" ? zoneFromName(location, person, w.wall) : null);
  if (zone) {
    const ms = fromWall(w.wall, zone);
    return { ms, zone, shownIn: zone, offset: offsetAt(zone, ms), date: false };
  }
  const label = zoneFromLabel(cleanName(tzid), person, w.wall);
  const own = vtz ? vtimezoneOffset(vtz, w.wall) : null;
  if (own !== null) {
    const ms = w.wall - own * 60000;
    const named = label.zone && offsetAt(label.zone, ms) === own ? label.zone : null;
    return { ms, zone: named, shownIn: named, offset: own, date: false };
  }
  if (label.zone) {
    const ms = fromWall(w.wall, label.zone);
    return { ms, zone: label.zone, shownIn: label.zone, offset: offsetAt(label.zone, ms), date: false };
  }
  if (label.offset !== null) {
    return {
      ms: w.wall - label.offset * 60000,
      zone: null,
      shownIn: null,
      offset: label.offset,
      date: false,
    };
  }
  return floating();
}

function show(ms: number, instant: Instant): string {
  return isoWithOffset(ms, instant.shownIn ? offsetAt(instant.shownIn, ms) : instant.offset);
}

function durationMs(prop: Property | null): number | null {
  const raw = prop?.jCal[3];
  if (typeof raw !== "string") return null;
  try {
    const seconds = ICAL.Duration.fromString(raw).toSeconds();
    return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
  } catch {
    return null;
  }
}

function text(ev: Component, name: string): string | null {
  const prop = ev.getFirstProperty(name);
  if (!prop) return null;
  const value = prop.jCal.slice(3).map(String).join(",").trim();
  return value || null;
}

function address(prop: Property): Address | null {
  const value = String(prop.jCal[3] ?? "").trim();
  const email = value.replace(/^mailto:/i, "").trim();
  const addr = /^[^\s@]+@[^\s@]+$/.test(email) ? email.toLowerCase() : null;
  const cn = prop.getFirstParameter("cn");
  let name = typeof cn === "string" ? cleanName(cn) : "";
  // Google writes the address as CN when it knows no name: that is not a name.
  if (addr && name.toLowerCase() === addr) name = "";
  if (!name && !addr) return null;
  return { name, address: addr };
}

function meetingUrl(ev: Component): string | null {
  const sources = [
    "location",
    "x-google-conference",
    "x-microsoft-skypeteamsmeetingurl",
    "x-microsoft-onlinemeetingurl",
    "conference",
    "url",
    "description",
    "x-alt-desc",
  ];
  for (const name of sources) {
    for (const prop of ev.getAllProperties(name)) {
      for (const value of prop.jCal.slice(3)) {
        const found = findMeetingUrl(String(value));
        if (found) return found;
      }
    }
  }
  return null;
}

function readEvent(ev: Component, cal: Calendar): Invite {
  const start = safe(() => instantOf(ev.getFirstProperty("dtstart"), cal));
  let end: string | null = null;
  if (start && !start.date) {
    const dtend = safe(() => instantOf(ev.getFirstProperty("dtend"), cal));
    if (dtend && !dtend.date && dtend.ms >= start.ms) end = show(dtend.ms, dtend);
    else if (!dtend) {
      const d = safe(() => durationMs(ev.getFirstProperty("duration")));
      if (d !== null) end = show(start.ms + d, start);
    }
  }
  const sequence = Number(ev.getFirstProperty("sequence")?.jCal[3]);
  const organizerProp = ev.getFirstProperty("organizer");
  const attendees: Address[] = [];
  const seen = new Set<string>();
  for (const prop of ev.getAllProperties("attendee")) {
    // Meeting rooms and equipment are attendees too, but not people.
    const cutype = String(prop.getFirstParameter("cutype") ?? "").toUpperCase();
    if (cutype === "ROOM" || cutype === "RESOURCE") continue;
    const a = safe(() => address(prop));
    const key = a ? (a.address ?? a.name.toLowerCase()) : "";
    if (!a || seen.has(key)) continue;
    seen.add(key);
    attendees.push(a);
  }
  return {
    method: cal.method,
    sequence: Number.isFinite(sequence) ? Math.max(0, Math.trunc(sequence)) : 0,
    status: text(ev, "status")?.toUpperCase() ?? null,
    summary: text(ev, "summary"),
    description: text(ev, "description"),
    location: text(ev, "location"),
    start: start ? show(start.ms, start) : null,
    end,
    zone: start?.zone ?? null,
    meetingUrl: safe(() => meetingUrl(ev)),
    organizer: organizerProp ? safe(() => address(organizerProp)) : null,
    attendees,
    uid: text(ev, "uid"),
  };
}

function safe<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

/**
 * Reads every VEVENT of an .ics text (several VCALENDARs, junk around them, LF or CRLF, a BOM are all fine).
 * `personZone` (IANA) applies to floating and all-day times. Returns [] on garbage; never throws.
 */
export function readInvites(icsText: string, personZone: string): Invite[] {
  try {
    if (typeof icsText !== "string" || !icsText) return [];
    const person = isZone(personZone) ? personZone : "UTC";
    const invites: Invite[] = [];
    for (const calText of calendarTexts(icsText)) {
      const root = parseCalendar(calText);
      if (root?.name !== "vcalendar") continue;
      const zones = new Map<string, Component>();
      for (const vtz of root.getAllSubcomponents("vtimezone").slice(0, MAX_ZONES)) {
        const tzid = vtz.getFirstPropertyValue("tzid");
        if (typeof tzid === "string" && cleanName(tzid)) zones.set(cleanName(tzid).toLowerCase(), vtz);
      }
      const wr = root.getFirstPropertyValue("x-wr-timezone");
      let zoneHint = typeof wr === "string" && wr.trim() ? wr.trim() : null;
      if (!zoneHint && zones.size === 1) {
        const only = [...zones.values()][0];
        const tzid = only.getFirstPropertyValue("tzid");
        const location = only.getFirstPropertyValue("x-lic-location");
        zoneHint = typeof location === "string" ? location : typeof tzid === "string" ? tzid : null;
      }
      const method = root.getFirstPropertyValue("method");
      const cal: Calendar = {
        method: typeof method === "string" && method.trim() ? method.trim().toUpperCase() : null,
        personZone: person,
        zones,
        zoneHint,
      };
      for (const ev of root.getAllSubcomponents("vevent")) {
        const invite = safe(() => readEvent(ev, cal));
        if (invite) invites.push(invite);
      }
    }
    return invites;
  } catch {
    return [];
  }
}
