/**
 * The emails the digest offers ready to send: a thank-you, two follow-ups and a cancellation, written in the
 * language of the original email and following RULES.md ("What a good follow-up says", and the cancel advice
 * of [003]). Pure: everything is an argument.
 *
 * Names, company, position and subject come from a stranger's email. They are flattened to one line and capped
 * (`headerSafe`), names that do not read as a name are left out, and the recipient address goes into the
 * `mailto:` link only when it is one plain address, so no text can add a header or a recipient.
 */

import { MONTH_NAMES } from "../extract/when";
import { isZone, wallClock } from "../extract/zone";
import { Dates, headerSafe } from "../mail/reply";

export interface DraftContext {
  /** The language of the original email, not the account's. */
  language: "id" | "en";
  /** The candidate, for the signature. */
  personName: string | null;
  /** The interviewer or recruiter, for the greeting. */
  recipientName: string | null;
  /** The recruiter's address. */
  recipientAddress: string | null;
  company: string | null;
  position: string | null;
  /** UTC ms. */
  interviewAt: number | null;
  /** The person's IANA zone. */
  zone: string;
  originalSubject: string | null;
}

export type DraftKind = "thank_you" | "follow_up_1" | "follow_up_2" | "cancel";

export interface Draft {
  subject: string;
  body: string;
  /** Opens the draft in the person's mail app; null without a usable recipient address. */
  mailto: string | null;
}

type Language = "id" | "en";
type Gender = "m" | "f" | null;

// -----------------------------------------------------------------------------------------------------------
// Cleaning a stranger's text

// The titles the extractor strips (src/extract/parties.ts), with the gender they state. A stated title lets
// the greeting say "Ibu" / "Ms." instead of the "Bapak/Ibu" that must do when nothing is known.
const TITLES: Record<string, Gender> = {
  bapak: "m",
  bpk: "m",
  pak: "m",
  mr: "m",
  sdr: "m",
  saudara: "m",
  mas: "m",
  ibu: "f",
  bu: "f",
  mrs: "f",
  ms: "f",
  miss: "f",
  sdri: "f",
  saudari: "f",
  mbak: "f",
  mba: "f",
  kak: null,
  kakak: null,
  dr: null,
  prof: null,
  ir: null,
};
const TITLE = new RegExp(`^(${Object.keys(TITLES).join("|")})\\.?\\s+`, "i");
// Letters, marks, and what names and Indonesian degrees use ("Ratna Wijaya, S.Psi."). Anything else (markup,
// an address, a URL) means the extractor picked up something that is not a name: better no name than that.
const NAME = /^\p{L}[\p{L}\p{M}'’.,\- ]*$/u;
// A name longer than this is a sentence; cutting it would misspell it, which RULES.md warns against.
const MAX_NAME = 60;

interface Person {
  name: string;
  gender: Gender;
}

/** The name without its titles ("Ibu Dr. Ratna" → "Ratna", female), or null when it does not read as one. */
export function cleanName(raw: string | null): Person | null {
  let name = headerSafe(raw ?? "", MAX_NAME + 20);
  let gender: Gender = null;
  for (let m = TITLE.exec(name); m; m = TITLE.exec(name)) {
    gender ??= TITLES[m[1].toLowerCase()];
    name = name.slice(m[0].length);
  }
  name = name.replace(/[\s,]+$/, "");
  // A title on its own ("Pak") names nobody.
  if (name.toLowerCase().replace(/\.$/, "") in TITLES) return null;
  if (!name || Array.from(name).length > MAX_NAME || !NAME.test(name)) return null;
  return { name, gender };
}

/** One line of a stranger's text, or null when nothing is left of it. */
function line(value: string | null, max = 80): string | null {
  return headerSafe(value ?? "", max) || null;
}

// A conservative plain address: a mailto: link is built from it, so nothing may end the address or start
// another field (`?`, `&`, `,`, `%`, spaces, CR/LF); rarer but valid characters are refused rather than
// encoded, and the person can still copy the draft by hand.
const LOCAL = /^[A-Za-z0-9_+'-]+(?:\.[A-Za-z0-9_+'-]+)*$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** The address when it is one plain, valid mail address; null otherwise. */
export function plainAddress(value: string | null): string | null {
  if (!value || value.length > 254) return null;
  const at = value.lastIndexOf("@");
  if (at < 1 || value.indexOf("@") !== at) return null;
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split(".");
  if (local.length > 64 || !LOCAL.test(local)) return null;
  if (
    labels.length < 2 ||
    !labels.every((l) => LABEL.test(l)) ||
    !/^[A-Za-z]{2,}$/.test(labels.at(-1) ?? "")
  ) {
    return null;
  }
  return value;
}

/** RFC 6068: each header field value percent-encoded as UTF-8; line breaks in the body as %0D%0A. */
function mailto(address: string, subject: string, body: string): string {
  const enc = (v: string) => encodeURIComponent(v.replace(/\r?\n/g, "\r\n"));
  return `mailto:${address}?subject=${enc(subject)}&body=${enc(body)}`;
}

// -----------------------------------------------------------------------------------------------------------
// Dates

// A letter spells the month out ("Kamis, 11 Desember 2025"); the digest's own short forms are in reply.ts.
const DAYS: Record<Language, string[]> = {
  id: ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
};
const MONTHS: Record<Language, readonly string[]> = MONTH_NAMES;

function letterDate(ms: number, zone: string, language: Language): string {
  const w = wallClock(ms, zone);
  const weekday = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
  return `${DAYS[language][weekday]}, ${w.day} ${MONTHS[language][w.month - 1]} ${w.year}`;
}

// -----------------------------------------------------------------------------------------------------------
// The letters

interface Parts {
  language: Language;
  recipient: Person | null;
  person: string | null;
  company: string | null;
  position: string | null;
  /** The interview's day as a letter writes it, or null. */
  date: string | null;
  /** Its time with the zone ("09.00 WIB"), for the cancellation, or null. */
  time: string | null;
}

const SUBJECT_PREFIX = /^(?:(?:re|fwd?|fw|aw|wg|tr|balas|terusan)\s*:\s*)+/i;

/** `Re:` the original subject, as the recruiter's own thread shows it; a forward's prefix is ours, not theirs. */
function replySubject(original: string | null): string | null {
  const rest = headerSafe(original ?? "", 150)
    .replace(SUBJECT_PREFIX, "")
    .trim();
  return rest ? `Re: ${rest}` : null;
}

const ID = {
  /** "Bapak/Ibu" when nothing says which: a wrong guess is worse than both. */
  you: (p: Parts) =>
    p.recipient?.gender === "m" ? "Bapak" : p.recipient?.gender === "f" ? "Ibu" : "Bapak/Ibu",
  greeting: (p: Parts) => (p.recipient ? `Kepada ${ID.you(p)} ${p.recipient.name},` : "Kepada Bapak/Ibu,"),
  position: (p: Parts) => (p.position ? `posisi ${p.position}` : "posisi yang saya lamar"),
  asked: (p: Parts) => (p.position ? `posisi ${p.position}` : "posisi tersebut"),
  at: (p: Parts) => (p.company ? ` di ${p.company}` : ""),
  on: (p: Parts) => (p.date ? ` pada ${p.date}` : ""),
  onAt: (p: Parts) => (p.date ? ` pada ${p.date}${p.time ? ` pukul ${p.time}` : ""}` : ""),
  intro: (p: Parts) => (p.person ? `Saya ${p.person}, yang mengikuti` : "Saya mengikuti"),
  closing: (p: Parts) => `Hormat saya,\n${p.person ?? "[Nama Anda]"}`,
  subject: {
    thank_you: (p: Parts) =>
      p.position
        ? `Terima kasih atas wawancara posisi ${p.position}`
        : "Terima kasih atas kesempatan wawancara",
    follow_up: (p: Parts) =>
      p.position ? `Tindak lanjut wawancara posisi ${p.position}` : "Tindak lanjut wawancara",
    cancel: (p: Parts) => (p.position ? `Pembatalan wawancara posisi ${p.position}` : "Pembatalan wawancara"),
  },
};

const EN = {
  greeting: (p: Parts) => {
    if (!p.recipient) return "Dear Hiring Team,";
    const title = p.recipient.gender === "m" ? "Mr. " : p.recipient.gender === "f" ? "Ms. " : "";
    return `Dear ${title}${p.recipient.name},`;
  },
  position: (p: Parts) => (p.position ? `the ${p.position} position` : "the position I applied for"),
  asked: (p: Parts) => (p.position ? `the ${p.position} position` : "the position"),
  at: (p: Parts) => (p.company ? ` at ${p.company}` : ""),
  on: (p: Parts) => (p.date ? ` on ${p.date}` : ""),
  onAt: (p: Parts) => (p.date ? ` on ${p.date}${p.time ? ` at ${p.time}` : ""}` : ""),
  intro: (p: Parts) => (p.person ? `My name is ${p.person}, and I interviewed` : "I interviewed"),
  closing: (p: Parts) => `Best regards,\n${p.person ?? "[Your name]"}`,
  subject: {
    thank_you: (p: Parts) =>
      p.position ? `Thank you: ${p.position} interview` : "Thank you for the interview",
    follow_up: (p: Parts) =>
      p.position ? `Following up: ${p.position} interview` : "Following up on my interview",
    cancel: (p: Parts) =>
      p.position ? `Unable to attend: ${p.position} interview` : "Unable to attend the interview",
  },
};

function body(kind: DraftKind, p: Parts): string {
  if (p.language === "id") {
    const w = ID;
    const you = w.you(p);
    const applied = `${w.position(p)}${w.at(p)}${w.on(p)}`;
    switch (kind) {
      case "thank_you":
        return [
          w.greeting(p),
          `Terima kasih atas waktu dan kesempatan yang ${you} berikan untuk wawancara ${applied}.`,
          `Saya senang dapat mengenal lebih jauh posisi ini dan semakin tertarik untuk bergabung${p.company ? ` dengan ${p.company}` : ""}. Apabila ada informasi tambahan yang dapat membantu proses seleksi, dengan senang hati akan saya kirimkan.`,
          `Saya menantikan kabar selanjutnya dari ${you}.`,
          w.closing(p),
        ].join("\n\n");
      case "follow_up_1":
        return [
          w.greeting(p),
          `Semoga ${you} dalam keadaan baik. ${w.intro(p)} wawancara untuk ${applied}.`,
          `Apakah ada perkembangan terkait proses seleksi untuk ${w.asked(p)}? Saya masih sangat tertarik dengan posisi ini, dan apabila ada informasi tambahan yang ${you} perlukan, dengan senang hati akan saya kirimkan.`,
          `Terima kasih atas waktu dan perhatian ${you}.`,
          w.closing(p),
        ].join("\n\n");
      case "follow_up_2":
        // Gentler than the first ([001]): an apology for writing again, patience with the process, "jika berkenan".
        return [
          w.greeting(p),
          `Semoga ${you} dalam keadaan baik, dan mohon maaf bila saya menghubungi kembali. ${w.intro(p)} wawancara untuk ${applied}.`,
          `Saya memahami bahwa proses seleksi membutuhkan waktu. Jika berkenan, apakah ada perkembangan terkait proses seleksi untuk ${w.asked(p)}? Saya tetap tertarik dengan posisi ini dan siap memberikan informasi tambahan bila diperlukan.`,
          `Terima kasih atas waktu dan perhatian ${you}.`,
          w.closing(p),
        ].join("\n\n");
      case "cancel":
        // [003]: phone first, then this email; apologise, a short honest reason, offer to reschedule.
        return [
          w.greeting(p),
          `Menindaklanjuti telepon saya sebelumnya, saya tidak dapat menghadiri wawancara untuk ${w.position(p)}${w.at(p)}${w.onAt(p)} karena [alasan singkat dan jujur, misalnya keadaan darurat keluarga]. Saya mohon maaf atas ketidaknyamanan ini.`,
          `Saya masih tertarik dengan posisi ini. Apabila memungkinkan, saya ingin menjadwalkan ulang wawancara pada waktu yang sesuai bagi ${you}.`,
          `Terima kasih atas pengertian ${you}.`,
          w.closing(p),
        ].join("\n\n");
    }
  }
  const w = EN;
  const applied = `${w.position(p)}${w.at(p)}${w.on(p)}`;
  switch (kind) {
    case "thank_you":
      return [
        w.greeting(p),
        `Thank you for your time and for the opportunity to interview for ${applied}.`,
        `I enjoyed learning more about the role, and I remain very interested in joining${p.company ? ` ${p.company}` : " the team"}. If there is any further information that would help your decision, I would be glad to provide it.`,
        "I look forward to hearing from you.",
        w.closing(p),
      ].join("\n\n");
    case "follow_up_1":
      return [
        w.greeting(p),
        `I hope you are well. ${w.intro(p)} for ${applied}.`,
        `Is there any progress in the selection process for ${w.asked(p)}? I remain very interested in the role, and I would be glad to provide any further information that would help your decision.`,
        "Thank you for your time and consideration.",
        w.closing(p),
      ].join("\n\n");
    case "follow_up_2":
      return [
        w.greeting(p),
        `I hope you are well, and I apologise for writing again. ${w.intro(p)} for ${applied}.`,
        `I understand the selection process takes time. Whenever convenient, could you let me know whether there is any progress in the selection process for ${w.asked(p)}? I am still interested in the role and happy to provide any further information.`,
        "Thank you again for your time and consideration.",
        w.closing(p),
      ].join("\n\n");
    case "cancel":
      return [
        w.greeting(p),
        `Following up on my phone call, I am sorry to let you know that I am unable to attend the interview for ${w.position(p)}${w.at(p)}${w.onAt(p)} because [a short, honest reason, e.g. a family emergency]. I apologise for the inconvenience.`,
        "I remain interested in the position and would be grateful for the chance to reschedule at a time that suits you.",
        "Thank you for your understanding.",
        w.closing(p),
      ].join("\n\n");
  }
}

export function draft(kind: DraftKind, ctx: DraftContext): Draft {
  const language: Language = ctx.language === "id" ? "id" : "en";
  const zone = isZone(ctx.zone) ? ctx.zone : "UTC";
  const at = ctx.interviewAt !== null && Number.isFinite(ctx.interviewAt) ? ctx.interviewAt : null;
  const parts: Parts = {
    language,
    recipient: cleanName(ctx.recipientName),
    person: cleanName(ctx.personName)?.name ?? null,
    company: line(ctx.company),
    position: line(ctx.position),
    date: at === null ? null : letterDate(at, zone, language),
    time: at === null ? null : new Dates(language, zone).time(at),
  };
  const words = language === "id" ? ID : EN;
  const own = words.subject[kind === "thank_you" || kind === "cancel" ? kind : "follow_up"](parts);
  const subject = replySubject(ctx.originalSubject) ?? own;
  const text = body(kind, parts);
  const address = plainAddress(ctx.recipientAddress);
  return { subject, body: text, mailto: address ? mailto(address, subject, text) : null };
}
