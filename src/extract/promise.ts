/**
 * Promises and deadlines: the decision date the company promised (respondBy) and the candidate's own deadline
 * (dueBy), each kept also as a rule so the planner can recompute it with the person's own holidays.
 */
import { addBusinessDays, addDays, type BusinessCalendar, weekday } from "../plan/calendar";
import type { Kind, PromiseRule } from "./types";
import { findMoments, type Reading } from "./when";
import { dateInZone } from "./zone";

export interface Deadline {
  date: string;
  rule: PromiseRule;
}

export interface Promises {
  respondBy: Deadline | null;
  dueBy: Deadline | null;
}

export interface PromiseContext {
  kind: Kind;
  reading: Reading;
  zone: string;
  calendar: BusinessCalendar;
  /** When the message was written (UTC ms). */
  written: number;
  /** The interview's start (UTC ms), for promises counted "after the interview". */
  interview: number | null;
}

const NUMBER_WORDS: Record<string, number> = {
  satu: 1,
  se: 1,
  one: 1,
  a: 1,
  dua: 2,
  two: 2,
  tiga: 3,
  three: 3,
  empat: 4,
  four: 4,
  lima: 5,
  five: 5,
  enam: 6,
  six: 6,
  tujuh: 7,
  seven: 7,
  delapan: 8,
  eight: 8,
  sembilan: 9,
  nine: 9,
  sepuluh: 10,
  ten: 10,
  "empat belas": 14,
  fourteen: 14,
};
const NUMBER =
  "\\d{1,3}|empat belas|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|one|two|three|four|five|six|seven|eight|nine|ten|fourteen|a";

const DECISION =
  /\b(hasil|keputusan|\w*(?:kabar|ngabar)\w*|hasilnya|informasi(?:kan)?|diinformasikan|sampaikan|menghubungi|dihubungi|hubungi|pengumuman|feedback|decision|hear (?:back )?from us|get back to you|back to you|let you know|update you|reach out|notify|be in touch|follow up with you|hear from us|outcome|result)\b/i;
const OWN_DUTY =
  /\b(kirim\w*|dikirim\w*|submit\w*|unggah|diunggah|upload|kumpulkan|dikumpulkan|diserahkan|dikerjakan|diselesaikan|selesaikan|complete|return|konfirmasi|confirm|rsvp|accept|sign|tanda ?tangan\w*|balas|reply|deadline|batas waktu|due|mengerjakan|menyelesaikan|send (?:us|your|it|back)|share (?:your|the) (?:solution|work))\b/i;
const VAGUE =
  /\b(dalam waktu dekat|secepatnya|segera|soon|shortly|early next week|awal minggu depan|as soon as)\b/i;
const AFTER_INTERVIEW =
  /\b(?:setelah|sesudah|pasca|after|following|from) (?:your |the |sesi )?(?:\w+ )?(?:interview|wawancara|screening|sesi|meeting|call|chat|tes|test)\b/i;

const RELATIVE = new RegExp(
  `\\b(?:(${NUMBER})\\s*[x×]\\s*24\\s*jam|(?:(?:dalam|within|in|maksimal|maximum|max|paling lambat|the next)\\s+)(?:waktu\\s+|the next\\s+|maksimal\\s+)?(${NUMBER})\\s+(hari kerja|business days?|working days?|hari|days?|minggu|pekan|weeks?|jam|hours?)|(${NUMBER})\\s+(hari kerja|business days?|working days?))\\b`,
  "i",
);
const END_OF_WEEK =
  /\b(?:end of (next|this|the) week|akhir (?:minggu|pekan) (depan|ini)|by (next) friday)\b/i;
const END_OF_MONTH = /\b(?:end of (?:the|this) month|akhir bulan(?: ini)?)\b/i;

function number(word: string): number {
  const n = Number(word);
  return Number.isFinite(n) ? n : (NUMBER_WORDS[word.toLowerCase()] ?? 0);
}

function sentences(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+(?=[A-Z*])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && s.length < 600);
}

/** The date a promise in `sentence` points to, with the rule behind it; null when it names no date. */
function dateOf(sentence: string, ctx: PromiseContext): Deadline | null {
  const afterInterview = AFTER_INTERVIEW.test(sentence) && ctx.interview !== null;
  const base = afterInterview && ctx.interview !== null ? ctx.interview : ctx.written;
  const from: PromiseRule["from"] = afterInterview ? "interview" : "message";
  const fromDate = dateInZone(base, ctx.zone);
  const rel = RELATIVE.exec(sentence);
  if (rel) {
    const text = rel[0];
    if (rel[1]) {
      const hours = number(rel[1]) * 24;
      const date = dateInZone(base + hours * 3600000, ctx.zone);
      return { date, rule: { from, fromDate, amount: hours, unit: "hours", text } };
    }
    const amount = number(rel[2] ?? rel[4]);
    const unitWord = (rel[3] ?? rel[5]).toLowerCase();
    if (amount <= 0 || amount > 90) return null;
    if (/kerja|business|working/.test(unitWord)) {
      return {
        date: addBusinessDays(ctx.calendar, fromDate, amount),
        rule: { from, fromDate, amount, unit: "business_days", text },
      };
    }
    if (/jam|hour/.test(unitWord)) {
      return {
        date: dateInZone(base + amount * 3600000, ctx.zone),
        rule: { from, fromDate, amount, unit: "hours", text },
      };
    }
    const days = /minggu|pekan|week/.test(unitWord) ? amount * 7 : amount;
    return { date: addDays(fromDate, days), rule: { from, fromDate, amount: days, unit: "days", text } };
  }
  const eow = END_OF_WEEK.exec(sentence);
  if (eow) {
    const which = (eow[1] ?? eow[2] ?? eow[3]).toLowerCase();
    const next = which === "next" || which === "depan";
    // The Friday of this working week, or of the following one (on a weekend the coming week is "next").
    const day = weekday(fromDate);
    const toFriday = (5 - day + 7) % 7;
    const weekend = day === 0 || day === 6;
    const date = addDays(fromDate, toFriday + (next && !weekend ? 7 : 0));
    return { date, rule: { from, fromDate, amount: 0, unit: "date", text: eow[0] } };
  }
  const eom = END_OF_MONTH.exec(sentence);
  if (eom) {
    const [y, m] = fromDate.split("-").map(Number);
    const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    return { date: last, rule: { from, fromDate, amount: 0, unit: "date", text: eom[0] } };
  }
  if (VAGUE.test(sentence)) return null;
  // The date that follows the deadline word: "Saat ini ... paling lambat Jumat depan" means Friday, not now.
  const cue = DEADLINE_WORDS.exec(sentence)?.index ?? 0;
  const moment = findMoments(sentence, ctx.written, ctx.reading).find(
    (m) => m.hasDay && !m.past && m.column >= cue,
  );
  if (moment) {
    const date = dateInZone(moment.start, ctx.zone);
    if (date < dateInZone(ctx.written, ctx.zone)) return null;
    return { date, rule: { from: "message", fromDate: date, amount: 0, unit: "date", text: moment.text } };
  }
  return null;
}

const DEADLINE_WORDS =
  /\b(paling lambat|selambat-lambatnya|sebelum|maksimal|batas|deadline|by|before|no later than|within|dalam|in the next|due|until|hingga|sampai|end of|akhir)\b/i;

/** Reads every sentence that promises or demands something by a date. */
export function findPromises(body: string, ctx: PromiseContext): Promises {
  let respondBy: Deadline | null = null;
  let dueBy: Deadline | null = null;
  const offerOrTask = ctx.kind === "assignment" || ctx.kind === "offer";
  for (const sentence of sentences(body)) {
    if (!DEADLINE_WORDS.test(sentence) && !/\d\s*[x×]\s*24/.test(sentence)) continue;
    const decision = DECISION.test(sentence);
    const duty = OWN_DUTY.test(sentence);
    if (!decision && !duty && ctx.kind !== "deferral") continue;
    const found = dateOf(sentence, ctx);
    if (!found) continue;
    // "kirimkan hasil ... paling lambat": a task's result is the candidate's to send.
    const isDuty = duty && (!decision || offerOrTask);
    if (isDuty) dueBy ??= found;
    else respondBy ??= found;
  }
  return { respondBy, dueBy };
}
