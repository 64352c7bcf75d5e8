/**
 * The acknowledgement kabari sends back for each accepted message: one line of what it understood, as a reply
 * in the same thread.
 *
 * Cloudflare's rules for `message.reply(new EmailMessage(from, to, raw))` (Email Routing docs, "Reply to
 * emails from Workers"): the incoming message must have passed DMARC; a message can be replied to only once
 * per `email()` event; the reply's recipient must be the incoming envelope sender (`message.from`); the
 * reply's sender must be on the domain that received the message (`message.to`'s domain, e.g. MAIL_FROM);
 * both `In-Reply-To` (the incoming `Message-ID`) and `References` must be set; replies to a message carrying
 * more than 100 `References` entries are refused (a loop guard). When a condition fails, `reply()` throws:
 * the caller logs that and carries on.
 */
import { createMimeMessage } from "mimetext/browser";
import type { Facts } from "../extract/types";
import { isZone, wallClock } from "../extract/zone";
import { reviewReasonText } from "./review-reasons";

export interface Understood {
  /** null when the message could not be read. */
  facts: Facts | null;
  /** Why it needs review (plain words, as stored: worded in the reply's language here), or null. */
  review: string | null;
  /** When the first follow-up is planned (UTC ms), when known. */
  followUp: { at: number } | null;
}

type Language = "id" | "en";

// -----------------------------------------------------------------------------------------------------------
// Cleaning a stranger's text

// Line and paragraph separators end a line in some readers; bidi controls can make "moc.live" read as
// "evil.com". Neither has a place in a one-line summary or a header.
const BREAKING = /[\p{Cc}\u2028\u2029]+/gu;
const INVISIBLE = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Decoded header text made safe to copy into a header we send: CR/LF and other control characters removed,
 * length capped (in characters, with "…" when cut).
 */
export function headerSafe(value: string, max = 200): string {
  const limit = Number.isFinite(max) ? Math.floor(max) : 200;
  const flat = value.replace(INVISIBLE, "").replace(BREAKING, " ").replace(/\s+/g, " ").trim();
  // Cut by code point so that an emoji is never split into a lone surrogate.
  const chars = Array.from(flat);
  if (chars.length <= limit) return flat;
  if (limit < 1) return "";
  return `${chars
    .slice(0, limit - 1)
    .join("")
    .trimEnd()}…`;
}

// -----------------------------------------------------------------------------------------------------------
// Dates in the person's zone

const DAYS: Record<Language, string[]> = {
  id: ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
  en: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
};
const MONTHS: Record<Language, string[]> = {
  id: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
  en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
};

// Indonesians name their zones WIB/WITA/WIT in both languages; Intl's short names for them are "GMT+7" and
// the like. Pontianak is a zone of its own in tzdb but keeps WIB; Ujung_Pandang is the old name of Makassar.
const INDONESIAN_ZONES: Record<string, string> = {
  "asia/jakarta": "WIB",
  "asia/pontianak": "WIB",
  "asia/makassar": "WITA",
  "asia/ujung_pandang": "WITA",
  "asia/jayapura": "WIT",
};

// en-US abbreviates only American zones ("GMT+11" for Sydney); the region's own English names the zone as its
// people do: AEDT, NZDT, GMT/BST, CET, IST, SGT, MYT.
const REGIONAL_ENGLISH: [RegExp, string][] = [
  [/^australia\//i, "en-AU"],
  [/^pacific\/(?:auckland|chatham)$/i, "en-NZ"],
  [/^europe\//i, "en-GB"],
  [/^asia\/(?:kolkata|calcutta)$/i, "en-IN"],
  [/^asia\/singapore$/i, "en-SG"],
  [/^asia\/kuala_lumpur$/i, "en-MY"],
];

const zoneNames = new Map<string, Intl.DateTimeFormat>();

/** "WIB", "EST", "AEDT", "GMT+7": the zone as a reader knows it at instant `ms` (EST and EDT differ by season). */
function zoneLabel(zone: string, ms: number): string {
  const indonesian = INDONESIAN_ZONES[zone.toLowerCase()];
  if (indonesian) return indonesian;
  let f = zoneNames.get(zone);
  if (!f) {
    const locale = REGIONAL_ENGLISH.find(([pattern]) => pattern.test(zone))?.[1] ?? "en-US";
    f = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" });
    zoneNames.set(zone, f);
  }
  return f.formatToParts(new Date(ms)).find((p) => p.type === "timeZoneName")?.value ?? zone;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The UTC midnight of a calendar date; unlike Date.UTC, years 0-99 stay themselves. */
function utcDate(year: number, month: number, day: number): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d;
}

/**
 * Formats the dates of one line. The first date carries its year, so a year the extractor guessed wrong
 * shows; later dates in the same year leave it out to keep the line short. `year`, when given, is the year
 * the reader already knows (the digest's own day), so only dates in another year carry one.
 */
export class Dates {
  private year: number | null;

  constructor(
    private readonly language: Language,
    private readonly zone: string,
    year: number | null = null,
  ) {
    this.year = year;
  }

  private day(year: number, month: number, day: number): string {
    const weekday = utcDate(year, month, day).getUTCDay();
    const showYear = this.year === null || this.year !== year;
    this.year ??= year;
    const date = `${DAYS[this.language][weekday]} ${day} ${MONTHS[this.language][month - 1]}`;
    return showYear ? `${date} ${year}` : date;
  }

  /** An instant with its time: "Jumat 5 Des 2025 09.00 WIB" / "Fri 5 Dec 2025, 09:00 WIB". */
  instant(ms: number): string {
    const date = this.dayOf(ms);
    return this.language === "id" ? `${date} ${this.time(ms)}` : `${date}, ${this.time(ms)}`;
  }

  /** The time of day with its zone: "09.00 WIB" / "09:00 WIB". */
  time(ms: number): string {
    const w = wallClock(ms, this.zone);
    const label = zoneLabel(this.zone, ms);
    return this.language === "id"
      ? `${pad(w.hour)}.${pad(w.minute)} ${label}`
      : `${pad(w.hour)}:${pad(w.minute)} ${label}`;
  }

  /** The calendar day of an instant in the person's zone: a follow-up is planned for a day, not a minute. */
  dayOf(ms: number): string {
    const w = wallClock(ms, this.zone);
    return this.day(w.year, w.month, w.day);
  }

  /** A date already in the person's zone (YYYY-MM-DD), or null when it does not read as one. */
  date(value: string): string | null {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!m) return null;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const check = utcDate(year, month, day);
    if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
    return this.day(year, month, day);
  }
}

// -----------------------------------------------------------------------------------------------------------
// The line

const WORDS = {
  id: {
    interview: "Interview",
    confirmed: "dikonfirmasi",
    rescheduled: "dijadwalkan ulang ke",
    rescheduledNoTime: "dijadwalkan ulang",
    noTime: "waktunya belum terbaca",
    cancelled: (who: string, when: string | null) =>
      `Interview${who ? ` ${who}` : ""}${when ? ` pada ${when}` : ""} dibatalkan`,
    rejected: (who: string) => (who ? `Ditolak oleh ${who}` : "Lamaran ditolak"),
    offer: (who: string) => (who ? `Tawaran kerja dari ${who}` : "Tawaran kerja"),
    acceptBy: (date: string) => `jawab paling lambat ${date}`,
    decisionBy: (who: string, date: string) =>
      who
        ? `Keputusan dari ${who} dijanjikan paling lambat ${date}`
        : `Keputusan dijanjikan paling lambat ${date}`,
    noDecisionDate: (who: string) =>
      who ? `Keputusan dari ${who} ditunda; belum ada tanggal` : "Keputusan ditunda; belum ada tanggal",
    assignment: (who: string) => (who ? `Tugas dari ${who}` : "Tugas"),
    dueBy: (date: string) => `kumpulkan paling lambat ${date}`,
    noDue: "batas waktunya belum terbaca",
    followUp: (date: string) => `follow-up direncanakan ${date}`,
    other: "Bukan email interview; tidak ada yang dijadwalkan.",
    review: (reason: string) => `Perlu ditinjau: ${reason}`,
    unreadable: "email ini tidak bisa dibaca",
    reviewSubject: "Perlu ditinjau",
    otherSubject: "Bukan email interview",
  },
  en: {
    interview: "Interview",
    confirmed: "confirmed",
    rescheduled: "rescheduled to",
    rescheduledNoTime: "rescheduled",
    noTime: "time not found",
    cancelled: (who: string, when: string | null) =>
      `Interview${who ? ` ${who}` : ""}${when ? ` on ${when}` : ""} cancelled`,
    rejected: (who: string) => (who ? `Rejected by ${who}` : "Application rejected"),
    offer: (who: string) => (who ? `Job offer from ${who}` : "Job offer"),
    acceptBy: (date: string) => `reply by ${date}`,
    decisionBy: (who: string, date: string) =>
      who ? `Decision from ${who} promised by ${date}` : `Decision promised by ${date}`,
    noDecisionDate: (who: string) =>
      who ? `Decision from ${who} delayed; no date given` : "Decision delayed; no date given",
    assignment: (who: string) => (who ? `Assignment from ${who}` : "Assignment"),
    dueBy: (date: string) => `due ${date}`,
    noDue: "no deadline found",
    followUp: (date: string) => `follow-up planned for ${date}`,
    other: "Not an interview email; nothing scheduled.",
    review: (reason: string) => `Needs review: ${reason}`,
    unreadable: "this email could not be read",
    reviewSubject: "Needs review",
    otherSubject: "Not an interview email",
  },
} as const;

/** "PT X (Staff Accounting)", "PT X", "Staff Accounting" or "": the company's words, made one short line. */
function who(facts: Facts): string {
  const company = headerSafe(facts.company ?? "", 80);
  const position = headerSafe(facts.position ?? "", 80);
  if (company && position) return `${company} (${position})`;
  return company || position;
}

function instantOf(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

/** The line without its follow-up part and final stop. */
function summary(facts: Facts, language: Language, dates: Dates): string {
  const w = WORDS[language];
  const name = who(facts);
  const interview = name ? `${w.interview} ${name}` : w.interview;
  const start = instantOf(facts.interview?.start);
  // Formatted only where it is shown: the first date printed is the one that carries the year.
  const when = () => (start === null ? w.noTime : dates.instant(start));
  switch (facts.kind) {
    case "invitation":
      return `${interview}, ${when()}`;
    case "confirmation":
      return `${interview} ${w.confirmed}, ${when()}`;
    case "reschedule":
      return start === null
        ? `${interview} ${w.rescheduledNoTime}; ${w.noTime}`
        : `${interview} ${w.rescheduled} ${when()}`;
    case "cancellation":
      // The cancelled slot is worth naming: it tells which interview of the application is gone.
      return w.cancelled(name, start === null ? null : when());
    case "rejection":
      return w.rejected(name);
    case "offer": {
      const due = facts.dueBy ? dates.date(facts.dueBy) : null;
      return due ? `${w.offer(name)}; ${w.acceptBy(due)}` : w.offer(name);
    }
    case "deferral": {
      const by = facts.respondBy ? dates.date(facts.respondBy) : null;
      return by ? w.decisionBy(name, by) : w.noDecisionDate(name);
    }
    case "assignment": {
      const due = facts.dueBy ? dates.date(facts.dueBy) : null;
      return `${w.assignment(name)}; ${due ? w.dueBy(due) : w.noDue}`;
    }
    case "other":
      return w.other;
  }
}

/**
 * One short line, e.g. "Interview PT X, Selasa 2 Des 2025 10.00 WIB; follow-up direncanakan Rabu 10 Des.", in
 * `language`, with dates in `zone` (an IANA name; an unknown one falls back to UTC rather than failing the
 * reply). The text is plain: a stranger's company name is shown as written, never as markup.
 *
 * `subject` ("kabari: Interview PT X, ...", without the follow-up) is a short label for a reply whose
 * original had no subject of its own.
 */
export function acknowledgement(
  u: Understood,
  language: Language,
  zone: string,
): { subject: string; text: string } {
  const w = WORDS[language];
  const dates = new Dates(language, isZone(zone) ? zone : "UTC");
  if (u.review !== null || u.facts === null) {
    const reason =
      headerSafe(reviewReasonText(u.review ?? "", language), 200).replace(/[.!?]+$/, "") || w.unreadable;
    return { subject: `kabari: ${w.reviewSubject}`, text: `${w.review(reason)}.` };
  }
  if (u.facts.kind === "other") return { subject: `kabari: ${w.otherSubject}`, text: w.other };
  const line = summary(u.facts, language, dates);
  const followUp =
    u.followUp && Number.isFinite(u.followUp.at) ? w.followUp(dates.dayOf(u.followUp.at)) : null;
  // The follow-up stays out of the subject: the subject names the message, the body says what comes next.
  return {
    subject: headerSafe(`kabari: ${line}`, 120),
    text: `${followUp ? `${line}; ${followUp}` : line}.`,
  };
}

// -----------------------------------------------------------------------------------------------------------
// The message

// Bare addresses only: a display name or a second address would come from somewhere it should not.
const ADDRESS = /^[^\s<>()[\]\\,;:"@\p{Cc}]+@[^\s<>()[\]\\,;:"@\p{Cc}]+$/u;
const DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;
// A msg-id as RFC 5322 writes it; anything else in In-Reply-To / References (comments, stray words) goes.
const MSG_ID = /<[^<>\s\p{Cc}]+>/gu;
// Within the 998-character line limit after "In-Reply-To: ".
const MAX_ID_LENGTH = 900;
// References only help threading; Cloudflare refuses replies to mail with more than 100 of them, so the
// thread must not grow it without bound. RFC 5322 suggests keeping the first and the most recent ones.
const MAX_REFERENCES = 20;
// RFC 2047: a header line holding encoded-words is at most 76 characters. 39 bytes make a 64-character word,
// which fits the first line after "Subject: " as well as each folded one.
const ENCODED_WORD_BYTES = 39;

function bareAddress(value: string, what: string): string {
  const trimmed = value.trim();
  if (!ADDRESS.test(trimmed)) throw new Error(`kabari: the reply's ${what} is not a plain mail address`);
  return trimmed;
}

function messageIds(value: string | null): string[] {
  if (!value) return [];
  return (value.match(MSG_ID) ?? []).filter((id) => id.length <= MAX_ID_LENGTH);
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * The subject as RFC 2047 encoded-words of whole characters, one per folded line. mimetext 3.0.28 writes the
 * whole subject as a single encoded-word on one line, which breaks the 75-character word limit and, for a
 * long subject in a non-Latin script, the 998-character line limit.
 */
function encodeSubject(value: string): string {
  const encoder = new TextEncoder();
  const words: string[] = [];
  let chunk: number[] = [];
  for (const char of Array.from(value)) {
    const bytes = encoder.encode(char);
    if (chunk.length + bytes.length > ENCODED_WORD_BYTES) {
      words.push(`=?utf-8?B?${base64(Uint8Array.from(chunk))}?=`);
      chunk = [];
    }
    chunk.push(...bytes);
  }
  if (chunk.length > 0 || words.length === 0) words.push(`=?utf-8?B?${base64(Uint8Array.from(chunk))}?=`);
  return words.join("\r\n ");
}

/** The body as MIME wants it: CRLF lines, no control characters, base64 unless ASCII in SMTP's line limit. */
function body(text: string): { data: string; encoding: "7bit" | "base64" } {
  const clean = text
    .replace(/\r\n?/g, "\n")
    .replace(INVISIBLE, "")
    .replace(/[^\P{Cc}\n\t]/gu, "")
    .replace(/\n/g, "\r\n");
  if (/^[\x20-\x7e\t\r\n]*$/.test(clean) && clean.split("\r\n").every((line) => line.length <= 998)) {
    return { data: clean, encoding: "7bit" };
  }
  const encoded = base64(new TextEncoder().encode(clean));
  return { data: encoded.replace(/.{76}(?=.)/g, "$&\r\n"), encoding: "base64" };
}

/**
 * A reply to the message with `inReplyTo` (its Message-ID), as raw MIME text for
 * `new EmailMessage(from, to, raw)`.
 *
 * - `from`, `to`: bare addresses; anything else throws. `from` must be on the domain that received the
 *   message (the inbound address or MAIL_FROM), `to` is the incoming envelope sender.
 * - `subject`: the incoming message's subject, decoded (postal-mime's, not the raw header with its
 *   encoded-words, which would be shown literally); "Re: " is added unless it starts with "Re:".
 * - `inReplyTo`, `references`: the incoming message's Message-ID and References header, as received. The
 *   reply's References is the incoming References followed by its Message-ID (RFC 5322 §3.6.4). With
 *   neither, the message carries no threading headers and Cloudflare will refuse it as a reply.
 * - `messageIdDomain`: the right-hand side of the new Message-ID (the domain of `from`).
 * - `now`: the Date header, UTC ms.
 */
export function buildReply(o: {
  from: string;
  to: string;
  subject: string;
  text: string;
  inReplyTo: string | null;
  references: string | null;
  messageIdDomain: string;
  now: number;
}): string {
  const from = bareAddress(o.from, "sender");
  const to = bareAddress(o.to, "recipient");
  const domain = o.messageIdDomain.trim();
  if (!DOMAIN.test(domain)) throw new Error("kabari: the Message-ID domain is not a host name");
  const date = new Date(o.now);
  if (Number.isNaN(date.getTime())) throw new RangeError("kabari: the reply's date is not a time");

  const original = headerSafe(o.subject, 200);
  const subject = /^re\s*:/i.test(original) ? original : `Re: ${original}`.trim();

  const msg = createMimeMessage();
  msg.setSender({ addr: from, name: "kabari" });
  msg.setTo({ addr: to });
  msg.setSubject(subject);
  const subjectField = msg.headers.fields.find((field) => field.name === "Subject");
  if (!subjectField) throw new Error("kabari: mimetext no longer has a Subject field to encode");
  subjectField.dump = (value) => (typeof value === "string" ? encodeSubject(value) : "");
  // mimetext would read the clock and Math.random for these two.
  msg.setHeader("Date", date.toUTCString().replace(/GMT$/, "+0000"));
  msg.setHeader("Message-ID", `<${crypto.randomUUID()}@${domain}>`);

  // Custom headers are written verbatim by mimetext: only validated msg-ids go into them.
  const parent = messageIds(o.inReplyTo)[0] ?? null;
  const chain = [...new Set([...messageIds(o.references), ...(parent ? [parent] : [])])];
  const references =
    chain.length > MAX_REFERENCES ? [chain[0], ...chain.slice(chain.length - (MAX_REFERENCES - 1))] : chain;
  if (parent) msg.setHeader("In-Reply-To", parent);
  if (references.length > 0) msg.setHeader("References", references.join("\r\n "));
  // RFC 3834: an automatic reply. Mail clients and forwarding rules should not answer or bounce it back to
  // the Worker, which would acknowledge its own acknowledgement.
  msg.setHeader("Auto-Submitted", "auto-replied");
  msg.setHeader("X-Auto-Response-Suppress", "All");

  msg.addMessage({ contentType: "text/plain", charset: "UTF-8", ...body(o.text) });
  return msg.asRaw();
}
