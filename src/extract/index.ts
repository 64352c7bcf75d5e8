/**
 * extract(): one parsed email (or pasted text) in, the facts out. Pure: no bindings, no clock of its own; `now`
 * stands in for a missing Date and the person's zone for times written without one.
 */
import type { BusinessCalendar } from "../plan/calendar";
import { stripSubjectPrefixes, unwrapForward } from "./forward";
import { findMeetingUrl, readInvites } from "./invite";
import { classify, stageOf } from "./kind";
import { findCompany, findInterviewer, findPosition } from "./parties";
import { findPromises } from "./promise";
import { cleanText, dropQuoted, guessLanguage } from "./text";
import type {
  Address,
  Facts,
  ForwardedOriginal,
  Interview,
  Invite,
  Kind,
  LocalDateTime,
  Mail,
  Original,
} from "./types";
import { readPasted } from "./whatsapp";
import { findDuration, findMoments, type Moment, newReading, type Reading } from "./when";
import { dateInZone, fromWallClock, isoInZone, wallClock } from "./zone";

export type { Facts, Mail } from "./types";

export interface ExtractOptions {
  /** The person's IANA zone: times written without a zone are in it. */
  zone: string;
  /** Stands in for a missing Date header (UTC ms). */
  now: number;
  calendar: BusinessCalendar;
}

/** Interview mail is short; what lies beyond this is signatures, legal text or an attack. */
const MAX_BODY = 20_000;

/** A stretch of text written at one moment: an email body, or one WhatsApp message. */
interface Segment {
  text: string;
  written: number;
  /** A later message that corrects an earlier one ("maaf ralat, jamnya 14.00"). */
  correction: boolean;
}

interface Content {
  subject: string;
  sender: Address | null;
  replyTo: Address | null;
  recipients: Address[];
  segments: Segment[];
  invites: Invite[];
  original: Facts["original"];
}

function localToInstant(d: LocalDateTime, zone: string): number {
  const wall = { year: d.year, month: d.month, day: d.day, hour: d.hour, minute: d.minute };
  if (d.offsetMinutes !== undefined) {
    return Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute) - d.offsetMinutes * 60000;
  }
  return fromWallClock(wall, zone);
}

function addressText(a: Address | null): string | null {
  if (!a) return null;
  return a.address ?? a.name;
}

function invitesOf(mail: Mail, zone: string): Invite[] {
  return mail.calendars.flatMap((ics) => readInvites(ics, zone));
}

function fromMail(mail: Mail, opts: ExtractOptions, depth = 0): Content {
  const written = mail.date ? Date.parse(mail.date) : opts.now;
  const ownText = cleanText(mail.text);
  const attached = mail.attached[0];
  // Forwarded as an attachment: the attached message is the original; what is around it is the forwarder's note.
  if (attached && depth < 3) {
    const inner = fromMail(attached, opts, depth + 1);
    if (!inner.invites.length) inner.invites = invitesOf(mail, opts.zone);
    return inner;
  }
  const forward: ForwardedOriginal | null = unwrapForward(ownText, mail.subject);
  if (forward) {
    const date = forward.date ? localToInstant(forward.date, opts.zone) : written;
    const at = Number.isFinite(date) ? date : written;
    return {
      subject: forward.subject ?? stripSubjectPrefixes(mail.subject),
      sender: forward.from,
      replyTo: null,
      recipients: forward.to,
      segments: [{ text: bodyOf(forward.body), written: at, correction: false }],
      invites: invitesOf(mail, opts.zone),
      original: original(
        forward.from,
        forward.subject ?? stripSubjectPrefixes(mail.subject),
        at,
        null,
        [],
        forward.body,
      ),
    };
  }
  return {
    subject: mail.subject,
    sender: mail.from,
    replyTo: mail.replyTo,
    recipients: mail.to,
    segments: [{ text: bodyOf(ownText), written, correction: false }],
    invites: invitesOf(mail, opts.zone),
    original: original(
      mail.from,
      mail.subject,
      written,
      mail.messageId,
      [mail.inReplyTo, ...mail.references].filter((x): x is string => !!x),
      ownText,
    ),
  };
}

function original(
  from: Address | null,
  subject: string,
  at: number,
  messageId: string | null,
  threadIds: string[],
  body: string,
): Original {
  const date = new Date(at).toISOString();
  const sender = addressText(from);
  // Letters and digits only: two mail clients forward the same text with different wrapping and quoting.
  const text = body
    .slice(0, 4000)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "")
    .slice(0, 2000);
  return {
    from: sender,
    subject,
    date,
    messageId,
    threadIds: [...new Set(threadIds)],
    fingerprint: fingerprint(
      `${sender}|${stripSubjectPrefixes(subject).toLowerCase()}|${date.slice(0, 16)}|${text}`,
    ),
  };
}

/** 64-bit FNV-1a as hex: fast and stable; a fingerprint, not a defence against collisions. */
function fingerprint(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x85ebca6b) >>> 0;
  }
  return h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
}

function bodyOf(text: string): string {
  return dropQuoted(text.length > MAX_BODY ? text.slice(0, MAX_BODY) : text);
}

const CORRECTION = /\b(ralat|koreksi|revisi|maaf salah|salah ketik|correction|typo|update:)\b/i;

function fromPasted(text: string, opts: ExtractOptions): Content {
  const messages = readPasted(cleanText(text).slice(0, MAX_BODY), opts.now, opts.zone);
  // The recruiter is whoever wrote the most about the interview; the candidate's own replies don't set facts.
  const weight = new Map<string, number>();
  for (const m of messages) {
    const key = m.author ?? "";
    const cues = m.text.match(
      /\b(interview|wawancara|undangan|posisi|jadwal|pukul|jam|link|hari|tanggal|lokasi)\b/gi,
    );
    weight.set(key, (weight.get(key) ?? 0) + (cues?.length ?? 0) + m.text.length / 200);
  }
  let recruiter = "";
  let most = -1;
  for (const [author, w] of weight) {
    if (w > most) {
      recruiter = author;
      most = w;
    }
  }
  const own = messages.filter((m) => (m.author ?? "") === recruiter);
  const segments = own.map((m, i) => ({
    // WhatsApp marks bold with asterisks: "*UI/UX Designer*".
    text: m.text.replace(/\*([^*\n]{1,100})\*/g, "$1"),
    written: m.at ?? opts.now,
    correction: i > 0 && CORRECTION.test(m.text),
  }));
  return {
    subject: "",
    sender: recruiter ? { name: recruiter, address: null } : null,
    replyTo: null,
    recipients: [],
    segments,
    invites: [],
    original: null,
  };
}

const OLD_SLOT =
  /\b(semula|sebelumnya|previous(?:ly)?|originally|original (?:time|slot|date)|old (?:time|slot|date)|jadwal lama|was (?:originally )?scheduled|instead of|bukan|from|dari jadwal)\b[^.\n]{0,40}$/i;
const NEW_SLOT =
  /\b(menjadi|diubah|dipindah|jadwal baru|new (?:time|date|slot)|updated|moved to|to|ke)\b[^.\n]{0,25}$/i;
const NOT_INTERVIEW =
  /\b(paling lambat|selambat-lambatnya|sebelum|batas|deadline|due|by|before|no later than|konfirmasi|confirm|rsvp|hasil|keputusan|kabar|tanggal mulai|start date|mulai bekerja|first day|join(?:ing)? date|bergabung|submit|kirim\w*|published|dikirim|sent|posted|expires?)\b[^\n]{0,60}$/i;
const STRAY_DATE = /\b(wrote|menulis|sent|dikirim)\s*:?\s*$/i;

interface Candidate {
  moment: Moment;
  segment: Segment;
  old: boolean;
  fresh: boolean;
}

function contextBefore(text: string, m: Moment): string {
  const lines = text.split("\n", m.line + 1);
  const here = (lines[m.line] ?? "").slice(0, m.column);
  // The previous non-empty line sets the stage for a date standing alone on its line.
  let above = "";
  for (let i = m.line - 1; i >= 0 && i >= m.line - 3; i--) {
    if (lines[i]?.trim()) {
      above = lines[i];
      break;
    }
  }
  return here.trim() ? here : above;
}

function interviewCandidates(segments: Segment[], reading: Reading): Candidate[] {
  const out: Candidate[] = [];
  for (const segment of segments) {
    for (const moment of findMoments(segment.text, segment.written, reading)) {
      const before = contextBefore(segment.text, moment);
      if (NOT_INTERVIEW.test(before) || STRAY_DATE.test(before)) continue;
      out.push({ moment, segment, old: OLD_SLOT.test(before), fresh: NEW_SLOT.test(before) });
    }
  }
  return out;
}

/** An interview lies ahead of the message announcing it; an hour of slack allows for clocks and "today". */
const AT_OR_AFTER = 3600000;

/** The interview among the dates in the text: not a deadline, not the past, for a reschedule the new slot. */
function isUpcoming(c: Candidate): boolean {
  return (
    c.moment.hasDay && c.moment.hasTime && !c.moment.past && c.moment.start >= c.segment.written - AT_OR_AFTER
  );
}

function pickInterview(candidates: Candidate[], kind: Kind, zone: string): Moment | null {
  const timed = candidates.filter(isUpcoming);
  let chosen: Candidate | undefined;
  if (kind === "reschedule") {
    chosen = [...timed].reverse().find((c) => c.fresh) ?? [...timed].reverse().find((c) => !c.old);
  } else {
    chosen = timed.find((c) => !c.old) ?? timed[0];
  }
  if (!chosen) return null;
  // A later correction ("maaf ralat, jamnya 14.00", "tanggalnya Kamis, 18 Des (bukan Rabu 17)") moves the day, the
  // time or both; what it negates ("bukan 13.00") is the old value.
  const correction = candidates.find(
    (c) => c.segment.correction && c.segment.written > chosen.segment.written && !c.old,
  );
  return correction ? corrected(chosen.moment, correction.moment, zone) : chosen.moment;
}

function corrected(moment: Moment, by: Moment, zone: string): Moment {
  if (by.hasDay && by.hasTime) return by;
  const was = wallClock(moment.start, zone);
  const now = wallClock(by.start, zone);
  const wall = by.hasDay
    ? { year: now.year, month: now.month, day: now.day, hour: was.hour, minute: was.minute }
    : { year: was.year, month: was.month, day: was.day, hour: now.hour, minute: now.minute };
  const start = fromWallClock(wall, zone);
  const shift = start - moment.start;
  return { ...moment, start, end: moment.end === null ? null : moment.end + shift };
}

const PLACE = /^\s*(?:tempat|lokasi|location|alamat|venue|address|📍)\s*[:：]?\s*(.{5,200})$/im;

function placeOf(text: string): string | null {
  const m = PLACE.exec(text);
  if (!m) return null;
  const place = m[1].trim();
  return /^https?:/i.test(place) ? null : place;
}

function interviewFromInvite(invite: Invite, body: string): Interview | null {
  if (!invite.start) return null;
  return {
    start: invite.start,
    end: invite.end,
    zone: invite.zone,
    meetingUrl: invite.meetingUrl ?? findMeetingUrl(body),
    place: invite.meetingUrl ? null : invite.location,
  };
}

/** The invite that counts: a cancellation, else the latest revision. */
function mainInvite(invites: Invite[]): Invite | null {
  let best: Invite | null = null;
  for (const i of invites) {
    if (!i.start) continue;
    if (!best || i.sequence > best.sequence || (i.method === "CANCEL" && best.method !== "CANCEL")) best = i;
  }
  return best;
}

// "PT" alone is an Indonesian company far more often than Pacific Time: bare zone letters count after a time only.
function openPeriod(m: Moment, zone: string): boolean {
  return m.end !== null && dateInZone(m.end, zone) !== dateInZone(m.start, zone);
}

const AMERICAN =
  /\b(?:E[SD]T|P[SD]T|C[SD]T|M[SD]T|Eastern Time|Pacific Time|Central Time)\b|\d\s*(?:[AaPp]\.?[Mm]\.?)?\s+[EPCM]T\b/;

const WITH_INTERVIEW: Kind[] = ["invitation", "reschedule", "cancellation", "confirmation"];

function read(content: Content, opts: ExtractOptions): Facts {
  const body = content.segments.map((s) => s.text).join("\n");
  const language = guessLanguage(`${content.subject}\n${body}`);
  const invite = mainInvite(content.invites);
  // An American mail writes 12/9 for December 9; everyone else means 12 September.
  const reading = newReading(opts.zone, language, !AMERICAN.test(body));
  const candidates = interviewCandidates(content.segments, reading);
  const anyDate = candidates.some(isUpcoming);
  const kindResult = classify(content.subject, body, content.invites, anyDate);
  const kind = kindResult.kind;

  let interview: Interview | null = null;
  let interviewConfidence = 0.3;
  if (WITH_INTERVIEW.includes(kind)) {
    if (invite) {
      interview = interviewFromInvite(invite, body);
      interviewConfidence = 0.95;
    } else {
      const moment = pickInterview(candidates, kind, opts.zone);
      if (moment) {
        const minutes = moment.end === null ? findDuration(body) : null;
        const end = moment.end ?? (minutes ? moment.start + minutes * 60000 : null);
        const meetingUrl = findMeetingUrl(body);
        interview = {
          start: isoInZone(moment.start, opts.zone),
          end: end === null ? null : isoInZone(end, opts.zone),
          zone: null,
          meetingUrl,
          place: meetingUrl ? null : placeOf(body),
        };
        interviewConfidence = moment.zoneGiven ? 0.85 : 0.75;
      }
    }
  }
  const pastMoment = candidates.find(
    (c) => c.moment.hasDay && (c.moment.past || c.moment.start < c.segment.written),
  );
  const interviewStart = interview ? Date.parse(interview.start) : null;
  let respondBy: Facts["respondBy"] = null;
  let dueBy: Facts["dueBy"] = null;
  let respondByRule: Facts["respondByRule"] = null;
  let dueByRule: Facts["dueByRule"] = null;
  if (kind !== "other" && kind !== "rejection") {
    for (const segment of content.segments) {
      const promises = findPromises(segment.text, {
        kind,
        reading,
        zone: opts.zone,
        calendar: opts.calendar,
        written: segment.written,
        interview: interviewStart,
      });
      if (promises.respondBy) ({ date: respondBy, rule: respondByRule } = promises.respondBy);
      if (promises.dueBy) ({ date: dueBy, rule: dueByRule } = promises.dueBy);
    }
  }
  // A test open for a period ("Senin 17 Nop 13.00 s.d. Kamis 20 Nop 23.59") is due when the period ends.
  const period =
    kind === "assignment" && !dueBy ? candidates.find((c) => openPeriod(c.moment, opts.zone)) : undefined;
  if (period?.moment.end) {
    dueBy = dateInZone(period.moment.end, opts.zone);
    dueByRule = { from: "message", fromDate: dueBy, amount: 0, unit: "date", text: period.moment.text };
  }
  // An assignment's deadline is the candidate's even when written as "we need your result by".
  if (kind === "assignment" && !dueBy && respondBy) {
    [dueBy, dueByRule, respondBy, respondByRule] = [respondBy, respondByRule, null, null];
  }
  // An offer's acceptance date is the candidate's to meet, never a promise from the company.
  if (kind === "offer" && respondBy) {
    dueBy ??= respondBy;
    dueByRule ??= respondByRule;
    respondBy = null;
    respondByRule = null;
  }

  const hasParties = kind !== "other";
  const company = hasParties ? findCompany({ subject: content.subject, body, sender: content.sender }) : null;
  const position = hasParties ? findPosition(content.subject, body) : null;
  const interviewer =
    interview && hasParties
      ? findInterviewer({
          body,
          sender: content.sender,
          candidate: content.recipients,
          invites: content.invites,
        })
      : null;
  const contact = content.replyTo?.address ?? content.sender?.address ?? null;
  return {
    kind,
    language,
    company: company?.value ?? null,
    position: position?.value ?? null,
    interviewer: interviewer?.value ?? null,
    stage: hasParties ? stageOf(`${content.subject}\n${body}`) : null,
    interview,
    respondBy,
    respondByRule,
    dueBy,
    dueByRule,
    pastInterview: pastMoment && !interview ? dateInZone(pastMoment.moment.start, opts.zone) : null,
    contact: contact && !/no-?reply|notifi|do-not-reply/i.test(contact) ? contact : null,
    original: content.original,
    confidence: {
      kind: kindResult.confidence,
      company: company?.confidence ?? 0.9,
      position: position?.confidence ?? 0.9,
      interviewer: interviewer?.confidence ?? 0.5,
      interview: interview ? interviewConfidence : 0.6,
      respondBy: respondBy ? 0.8 : 0.6,
      dueBy: dueBy ? 0.8 : 0.6,
    },
  };
}

/** The facts of one email. */
export function extract(mail: Mail, opts: ExtractOptions): Facts {
  return read(fromMail(mail, opts), opts);
}

/** The facts of pasted text (a WhatsApp message or a few copied together). */
export function extractPasted(text: string, opts: ExtractOptions): Facts {
  return read(fromPasted(text, opts), opts);
}
