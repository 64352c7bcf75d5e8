/**
 * The morning digest as one message: a subject, an HTML part for Gmail, Outlook and Apple Mail, and a plain
 * text part with the same content. Pure: the caller passes the items, the person's zone and `now`.
 *
 * Company, position, names, places, subjects and meeting links come from strangers' email. In HTML every one
 * is escaped and a link is made only from an http(s) or mailto URL; in text each is flattened to one line so it
 * cannot fake a section of its own; none goes into the subject.
 */
import { dateInZone, isZone, offsetAt } from "../extract/zone";
import { Dates, headerSafe } from "../mail/reply";
import { reviewReasonText } from "../mail/review-reasons";
import type { ReminderKind } from "../plan/plan";
import type { Draft } from "./drafts";

export interface DigestInterview {
  startAt: number;
  endAt: number | null;
  /** The zone the interview was written in (the interviewer's own), when known. */
  zone: string | null;
  meetingUrl: string | null;
  place: string | null;
  interviewer: string | null;
}

export interface DigestItem {
  reminderId: number;
  kind: ReminderKind;
  dueAt: number;
  required: boolean;
  applicationId: number;
  company: string | null;
  position: string | null;
  interview: DigestInterview | null;
  /** From drafts.ts, for thank_you / follow_up_* / cancel_by. */
  draft: Draft | null;
  /** Signed links, made elsewhere. */
  actions: { sent: string; snooze: string; stop: string } | null;
}

export interface DigestInput {
  language: "id" | "en";
  zone: string;
  now: number;
  settingsUrl: string;
  /** Due by the end of today; sorted here. */
  today: DigestItem[];
  /** Interviews this week. */
  coming: DigestItem[];
  waiting: { company: string | null; position: string | null; promisedBy: string }[];
  stopped: {
    company: string | null;
    position: string | null;
    reason: "rejected" | "deferred" | "no_answer";
  }[];
  review: { subject: string | null; reason: string; url: string }[];
  flags: string[];
}

export interface Digest {
  subject: string;
  text: string;
  html: string;
  /** Nothing today, no interview coming, nothing to review: the caller may skip sending. */
  empty: boolean;
}

type Language = "id" | "en";
type StopReason = DigestInput["stopped"][number]["reason"];

const WORDS = {
  id: {
    subject: {
      today: (n: number) => `${n} hal untuk hari ini`,
      coming: (n: number) => `${n} interview minggu ini`,
      review: (n: number) => `${n} pesan perlu ditinjau`,
      nothing: "tidak ada yang perlu dilakukan",
    },
    heading: "Ringkasan pagi",
    sections: {
      today: "Hari ini",
      coming: "Interview minggu ini",
      waiting: "Menunggu kabar",
      stopped: "Berhenti follow-up",
      review: "Perlu ditinjau",
      notes: "Catatan",
    },
    kinds: {
      prep: "Persiapan interview",
      cancel_by: "Batas waktu membatalkan interview",
      thank_you: "Kirim ucapan terima kasih",
      follow_up_1: "Kirim follow-up pertama",
      follow_up_2: "Kirim follow-up kedua",
      stop: "Berhenti follow-up",
      deadline: "Tenggat sudah dekat",
    } satisfies Record<ReminderKind, string>,
    optional: "disarankan, tidak wajib",
    overdue: (when: string) => `terlambat sejak ${when}`,
    dueBy: (when: string) => `paling lambat ${when}`,
    sendFrom: (when: string) => `kirim mulai ${when}`,
    sendNow: "bisa dikirim sekarang",
    waitingSince: (when: string) => `tertunda sejak ${when}`,
    cancelNote: "Hanya jika Anda tidak bisa hadir: telepon dulu, lalu kirim email ini.",
    secondNote: "Ini follow-up terakhir; setelah ini kabari berhenti mengingatkan.",
    deadlineNote: "Periksa tanggalnya di email aslinya (tugas, konfirmasi kehadiran, atau jawaban tawaran).",
    interview: "Interview",
    place: "Tempat",
    link: "Link",
    with: "Dengan",
    draft: "Draf",
    draftSubject: "Subjek",
    openDraft: "Buka di aplikasi email",
    noAddress: "Alamat perekrut tidak diketahui: salin teks ini ke balasan email Anda.",
    sent: "Sudah dikirim",
    done: "Selesai",
    snooze: "Tunda sampai besok",
    stop: "Berhenti follow-up",
    promised: (date: string) => `kabar dijanjikan paling lambat ${date}`,
    stopReason: {
      rejected: "lamaran ditolak",
      deferred: "keputusan ditunda tanpa tanggal",
      no_answer: "tidak ada jawaban setelah dua follow-up",
    } satisfies Record<StopReason, string>,
    stopAdvice:
      "Tidak perlu follow-up lagi. Jaga hubungan baik, misalnya terhubung dengan pewawancara di LinkedIn, lalu fokus pada lowongan lain.",
    fix: "Perbaiki",
    noSubject: "(tanpa subjek)",
    unknown: "(perusahaan belum diketahui)",
    noHolidays: (year: string) => `Belum ada data hari libur untuk ${year}: hanya akhir pekan yang dilewati.`,
    settings: "Pengaturan",
    footer: "Ubah jam digest dan bahasa, atau berhenti menerima email ini:",
  },
  en: {
    subject: {
      today: (n: number) => `${n} ${n === 1 ? "thing" : "things"} for today`,
      coming: (n: number) => `${n} ${n === 1 ? "interview" : "interviews"} this week`,
      review: (n: number) => `${n} ${n === 1 ? "message" : "messages"} to review`,
      nothing: "nothing to do today",
    },
    heading: "Morning digest",
    sections: {
      today: "Today",
      coming: "Interviews this week",
      waiting: "Waiting for an answer",
      stopped: "Stopped following up",
      review: "Needs review",
      notes: "Notes",
    },
    kinds: {
      prep: "Get ready for the interview",
      cancel_by: "Last moment to cancel the interview",
      thank_you: "Send a thank-you",
      follow_up_1: "Send the first follow-up",
      follow_up_2: "Send the second follow-up",
      stop: "Stop following up",
      deadline: "A deadline is near",
    } satisfies Record<ReminderKind, string>,
    optional: "recommended, not required",
    overdue: (when: string) => `overdue since ${when}`,
    dueBy: (when: string) => `by ${when}`,
    sendFrom: (when: string) => `send from ${when}`,
    sendNow: "can go out now",
    waitingSince: (when: string) => `due since ${when}`,
    cancelNote: "Only if you cannot attend: call first, then send this email.",
    secondNote: "This is the last follow-up; after it kabari stops reminding you.",
    deadlineNote: "Check the date in the original email (an assignment, an RSVP or an offer reply).",
    interview: "Interview",
    place: "Place",
    link: "Link",
    with: "With",
    draft: "Draft",
    draftSubject: "Subject",
    openDraft: "Open in your mail app",
    noAddress: "No recruiter address known: copy this text into a reply.",
    sent: "Sent",
    done: "Done",
    snooze: "Snooze until tomorrow",
    stop: "Stop following up",
    promised: (date: string) => `answer promised by ${date}`,
    stopReason: {
      rejected: "rejected",
      deferred: "decision put off with no date",
      no_answer: "no answer after two follow-ups",
    } satisfies Record<StopReason, string>,
    stopAdvice:
      "No more follow-ups. Keep the relationship, for example by connecting with the interviewer on LinkedIn, and move on to other openings.",
    fix: "Fix it",
    noSubject: "(no subject)",
    unknown: "(company not known yet)",
    noHolidays: (year: string) => `No holiday data for ${year} yet: only weekends are skipped.`,
    settings: "Settings",
    footer: "Change the digest hour or language, or stop these emails:",
  },
};

/** What a step is called, in the person's language: the digest's words, used by the settings site too. */
export function stepName(kind: string, language: Language): string {
  return (WORDS[language].kinds as Record<string, string>)[kind] ?? kind;
}

type Words = (typeof WORDS)[Language];

// Most urgent first when two are due at the same moment.
const RANK: Record<ReminderKind, number> = {
  cancel_by: 0,
  deadline: 1,
  thank_you: 2,
  follow_up_1: 3,
  follow_up_2: 4,
  prep: 5,
  stop: 6,
};

// -----------------------------------------------------------------------------------------------------------
// Stranger's text

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** One short line of a stranger's text (no line breaks, no bidi tricks), or null when nothing is left. */
function flat(value: string | null | undefined, max = 80): string | null {
  return headerSafe(value ?? "", max) || null;
}

/** An http(s) URL as the WHATWG parser normalises it, or null: `javascript:` and the like never become links. */
export function webUrl(value: string | null | undefined): string | null {
  if (!value || /[\p{Cc}\s]/u.test(value)) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

/** A mailto: link as drafts.ts builds it (percent-encoded, no spaces), or null. */
function mailtoUrl(value: string | null): string | null {
  return value && /^mailto:[^\p{Cc}\s<>"]+$/u.test(value) ? value : null;
}

function link(href: string, text: string): string {
  return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${escapeHtml(text)}</a>`;
}

// -----------------------------------------------------------------------------------------------------------
// Wording

interface Ctx {
  language: Language;
  w: Words;
  zone: string;
  now: number;
  year: number;
  dates: Dates;
  today: string;
}

/** "PT X (Staff Accounting)", "PT X", "Staff Accounting", or a placeholder. */
function label(ctx: Ctx, company: string | null, position: string | null): string {
  const c = flat(company);
  const p = flat(position);
  if (c && p) return `${c} (${p})`;
  return c ?? p ?? ctx.w.unknown;
}

/** A moment today is its time; any other day carries the day too. */
function moment(ctx: Ctx, ms: number): string {
  return dateInZone(ms, ctx.zone) === ctx.today ? ctx.dates.time(ms) : ctx.dates.instant(ms);
}

/**
 * The interview's time in the person's zone, and in the interviewer's own when its clock differs:
 * "Kamis 11 Des 09.00 WIB (13.00 AEDT)", with the other day when it is not the same day there.
 */
function interviewTime(ctx: Ctx, startAt: number, zone: string | null): string {
  const main = ctx.dates.instant(startAt);
  if (!zone || !isZone(zone) || offsetAt(zone, startAt) === offsetAt(ctx.zone, startAt)) return main;
  const other = new Dates(ctx.language, zone, ctx.year);
  const sameDay = dateInZone(startAt, zone) === dateInZone(startAt, ctx.zone);
  return `${main} (${sameDay ? other.time(startAt) : other.instant(startAt)})`;
}

/** What is said about when a due step should happen, or null when its time says nothing useful. */
function when(ctx: Ctx, item: DigestItem): string | null {
  const w = ctx.w;
  switch (item.kind) {
    case "thank_you":
    case "cancel_by":
      return item.dueAt < ctx.now ? w.overdue(moment(ctx, item.dueAt)) : w.dueBy(moment(ctx, item.dueAt));
    case "follow_up_1":
    case "follow_up_2":
      if (item.dueAt > ctx.now) return w.sendFrom(moment(ctx, item.dueAt));
      return dateInZone(item.dueAt, ctx.zone) === ctx.today
        ? w.sendNow
        : w.waitingSince(ctx.dates.dayOf(item.dueAt));
    default:
      return null;
  }
}

function note(ctx: Ctx, kind: ReminderKind): string | null {
  if (kind === "cancel_by") return ctx.w.cancelNote;
  if (kind === "follow_up_2") return ctx.w.secondNote;
  if (kind === "stop") return ctx.w.stopAdvice;
  if (kind === "deadline") return ctx.w.deadlineNote;
  return null;
}

/** Overdue first, then by due time; at the same moment, required before optional, then by urgency. */
function byUrgency(now: number) {
  return (a: DigestItem, b: DigestItem) =>
    Number(b.dueAt < now) - Number(a.dueAt < now) ||
    a.dueAt - b.dueAt ||
    Number(b.required) - Number(a.required) ||
    RANK[a.kind] - RANK[b.kind] ||
    a.reminderId - b.reminderId;
}

// -----------------------------------------------------------------------------------------------------------
// Both parts are built from the same blocks, so they cannot say different things.

type Inline = string | { href: string; text: string };

interface Block {
  /** Lines of inline pieces: each piece text, or a link. */
  lines: Inline[][];
  draft?: { subject: string; body: string; mailto: string | null };
  links?: { href: string; text: string }[];
}

interface Section {
  title: string;
  intro?: string;
  blocks: Block[];
}

function interviewLines(ctx: Ctx, iv: DigestInterview): Inline[][] {
  const w = ctx.w;
  const lines: Inline[][] = [[`${w.interview}: ${interviewTime(ctx, iv.startAt, iv.zone)}`]];
  const place = flat(iv.place, 200);
  if (place) lines.push([`${w.place}: ${place}`]);
  const url = webUrl(iv.meetingUrl);
  if (url) lines.push([`${w.link}: `, { href: url, text: new URL(url).host }]);
  const interviewer = flat(iv.interviewer);
  if (interviewer) lines.push([`${w.with}: ${interviewer}`]);
  return lines;
}

function todayBlock(ctx: Ctx, item: DigestItem): Block {
  const w = ctx.w;
  const extras = [item.kind === "thank_you" && !item.required ? w.optional : null, when(ctx, item)].filter(
    (x): x is string => x !== null,
  );
  const title = `${w.kinds[item.kind]}: ${label(ctx, item.company, item.position)}`;
  const lines: Inline[][] = [[extras.length ? `${title} (${extras.join("; ")})` : title]];
  if (item.interview) lines.push(...interviewLines(ctx, item.interview));
  const n = note(ctx, item.kind);
  if (n) lines.push([n]);
  const block: Block = { lines };
  if (item.draft) {
    block.draft = {
      subject: headerSafe(item.draft.subject, 200),
      // Line breaks are the draft's own; any other control character has no place in a mail body.
      body: item.draft.body.replace(/\r\n?/g, "\n").replace(/[^\P{Cc}\n]/gu, ""),
      mailto: mailtoUrl(item.draft.mailto),
    };
  }
  if (item.actions) {
    const sends = item.kind === "thank_you" || item.kind === "cancel_by" || item.kind.startsWith("follow_up");
    const links = [
      { href: webUrl(item.actions.sent), text: sends ? w.sent : w.done },
      { href: webUrl(item.actions.snooze), text: w.snooze },
      { href: webUrl(item.actions.stop), text: w.stop },
    ];
    block.links = links.filter((l): l is { href: string; text: string } => l.href !== null);
  }
  return block;
}

function sections(ctx: Ctx, d: DigestInput): Section[] {
  const w = ctx.w;
  const out: Section[] = [];
  if (d.today.length) {
    const items = [...d.today].sort(byUrgency(ctx.now));
    out.push({ title: w.sections.today, blocks: items.map((item) => todayBlock(ctx, item)) });
  }
  if (d.coming.length) {
    const items = [...d.coming].sort(
      (a, b) =>
        (a.interview?.startAt ?? a.dueAt) - (b.interview?.startAt ?? b.dueAt) || a.reminderId - b.reminderId,
    );
    out.push({
      title: w.sections.coming,
      blocks: items.map((item) => {
        const lines: Inline[][] = [[label(ctx, item.company, item.position)]];
        if (item.interview) lines.push(...interviewLines(ctx, item.interview));
        return { lines };
      }),
    });
  }
  if (d.waiting.length) {
    out.push({
      title: w.sections.waiting,
      blocks: d.waiting.map((x) => {
        const date = ctx.dates.date(x.promisedBy) ?? flat(x.promisedBy, 40) ?? "?";
        return { lines: [[`${label(ctx, x.company, x.position)}: ${w.promised(date)}`]] };
      }),
    });
  }
  if (d.stopped.length) {
    out.push({
      title: w.sections.stopped,
      intro: w.stopAdvice,
      blocks: d.stopped.map((x) => ({
        lines: [[`${label(ctx, x.company, x.position)}: ${w.stopReason[x.reason] ?? ""}`]],
      })),
    });
  }
  if (d.review.length) {
    out.push({
      title: w.sections.review,
      blocks: d.review.map((x) => {
        const subject = flat(x.subject, 120);
        const first: Inline[] = [
          `${subject ? `“${subject}”` : w.noSubject}: ${flat(reviewReasonText(x.reason, ctx.language), 200) ?? ""}`,
        ];
        const url = webUrl(x.url);
        return { lines: [first], links: url ? [{ href: url, text: w.fix }] : [] };
      }),
    });
  }
  if (d.flags.length) {
    out.push({
      title: w.sections.notes,
      blocks: d.flags.map((flag) => {
        const year = /^no holiday data for (\d{4}): weekends only$/.exec(flag)?.[1];
        return { lines: [[year ? w.noHolidays(year) : (flat(flag, 200) ?? "")]] };
      }),
    });
  }
  return out;
}

// -----------------------------------------------------------------------------------------------------------
// Plain text

function inlineText(pieces: Inline[]): string {
  return pieces.map((p) => (typeof p === "string" ? p : `${p.text} <${p.href}>`)).join("");
}

function renderText(ctx: Ctx, title: string, list: Section[], settings: string | null): string {
  const w = ctx.w;
  const out: string[] = [title, ""];
  for (const s of list) {
    out.push(s.title.toUpperCase(), "");
    if (s.intro) out.push(s.intro, "");
    for (const b of s.blocks) {
      out.push(`- ${inlineText(b.lines[0])}`);
      for (const l of b.lines.slice(1)) out.push(`  ${inlineText(l)}`);
      if (b.draft) {
        out.push("", `  ${w.draft}`, `  ${w.draftSubject}: ${b.draft.subject}`, "");
        for (const l of b.draft.body.split("\n")) out.push(l ? `  | ${l}` : "  |");
        out.push("", `  ${b.draft.mailto ? `${w.openDraft}: ${b.draft.mailto}` : w.noAddress}`);
      }
      if (b.links?.length) {
        out.push("");
        for (const l of b.links) out.push(`  ${l.text}: ${l.href}`);
      }
      out.push("");
    }
  }
  out.push("--", settings ? `${w.footer} ${settings}` : w.footer.replace(/:$/, "."));
  return `${out.join("\n")}\n`;
}

// -----------------------------------------------------------------------------------------------------------
// HTML

// Colours are set in pairs (text and background) or not at all, so a client's dark mode that changes one
// cannot leave the other: no white-on-white. Links keep the client's own colour for the same reason.
const FONT = "font-family:-apple-system,BlinkMacSystemFont,Segoe UI,Roboto,Helvetica,Arial,sans-serif";
const PAGE = "background-color:#f4f4f5;color:#18181b";
const CARD = "background-color:#ffffff;color:#18181b";
const QUOTE = "background-color:#f4f4f5;color:#27272a";
const BUTTON = "background-color:#1d4ed8;color:#ffffff";
const MUTED = "background-color:#ffffff;color:#52525b";

function inlineHtml(pieces: Inline[]): string {
  return pieces.map((p) => (typeof p === "string" ? escapeHtml(p) : link(p.href, p.text))).join("");
}

function draftHtml(ctx: Ctx, d: NonNullable<Block["draft"]>): string {
  const w = ctx.w;
  const paragraphs = d.body
    .split(/\n{2,}/)
    .map((p) => `<p style="margin:0 0 10px 0;">${p.split("\n").map(escapeHtml).join("<br>")}</p>`)
    .join("");
  const open = d.mailto
    ? `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin-top:4px;"><tr>` +
      `<td style="${BUTTON};border-radius:6px;padding:10px 16px;">` +
      `<a href="${escapeHtml(d.mailto)}" style="${BUTTON};text-decoration:none;font-weight:bold;">` +
      `${escapeHtml(w.openDraft)}</a></td></tr></table>`
    : `<p style="margin:4px 0 0 0;">${escapeHtml(w.noAddress)}</p>`;
  return (
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:10px 0;">` +
    `<tr><td style="${QUOTE};border-left:3px solid #a1a1aa;padding:12px 14px;font-size:15px;line-height:1.5;">` +
    `<p style="margin:0 0 10px 0;"><strong>${escapeHtml(w.draftSubject)}:</strong> ${escapeHtml(d.subject)}</p>` +
    `${paragraphs}</td></tr></table>${open}`
  );
}

function blockHtml(ctx: Ctx, b: Block, first: boolean): string {
  const [head, ...rest] = b.lines;
  const parts = [`<p style="margin:0 0 4px 0;font-weight:bold;">${inlineHtml(head)}</p>`];
  for (const l of rest) parts.push(`<p style="margin:0 0 2px 0;">${inlineHtml(l)}</p>`);
  if (b.draft) parts.push(draftHtml(ctx, b.draft));
  if (b.links?.length) {
    const links = b.links.map((l) => link(l.href, l.text)).join(" &nbsp;·&nbsp; ");
    parts.push(`<p style="margin:10px 0 0 0;font-size:14px;">${links}</p>`);
  }
  const border = first ? "" : "border-top:1px solid #e4e4e7;";
  return `<tr><td style="${border}padding:12px 0;">${parts.join("")}</td></tr>`;
}

function renderHtml(ctx: Ctx, title: string, list: Section[], settings: string | null): string {
  const w = ctx.w;
  const body = list
    .map((s) => {
      const intro = s.intro ? `<p style="margin:0 0 4px 0;">${escapeHtml(s.intro)}</p>` : "";
      const blocks = s.blocks.map((b, i) => blockHtml(ctx, b, i === 0)).join("");
      return (
        `<tr><td style="padding:20px 20px 0 20px;">` +
        `<h2 style="margin:0 0 8px 0;font-size:18px;line-height:1.3;">${escapeHtml(s.title)}</h2>${intro}` +
        `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${blocks}</table>` +
        `</td></tr>`
      );
    })
    .join("");
  const footer = settings
    ? `${escapeHtml(w.footer)} ${link(settings, w.settings)}`
    : escapeHtml(w.footer.replace(/:$/, "."));
  // Outlook for Windows ignores max-width: its conditional table holds the column at 600px there.
  return (
    `<!DOCTYPE html><html lang="${ctx.language}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">` +
    `<title>${escapeHtml(title)}</title></head>` +
    `<body style="margin:0;padding:0;${PAGE};">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="${PAGE};">` +
    `<tr><td align="center" style="padding:16px 8px;">` +
    `<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" ` +
    `style="max-width:600px;${CARD};${FONT};font-size:16px;line-height:1.5;border-radius:8px;">` +
    `<tr><td style="padding:20px 20px 0 20px;"><h1 style="margin:0;font-size:22px;line-height:1.3;">` +
    `${escapeHtml(title)}</h1></td></tr>${body}` +
    `<tr><td style="${MUTED};padding:24px 20px 20px 20px;font-size:13px;">${footer}</td></tr>` +
    `</table><!--[if mso]></td></tr></table><![endif]--></td></tr></table></body></html>`
  );
}

// -----------------------------------------------------------------------------------------------------------

export function composeDigest(d: DigestInput): Digest {
  const language: Language = d.language === "id" ? "id" : "en";
  const zone = isZone(d.zone) ? d.zone : "UTC";
  const today = dateInZone(d.now, zone);
  const year = Number(today.slice(0, 4));
  const ctx: Ctx = {
    language,
    w: WORDS[language],
    zone,
    now: d.now,
    year,
    // The digest's own year is known to the reader: only dates in another year carry theirs.
    dates: new Dates(language, zone, year),
    today,
  };
  const w = ctx.w;
  const day = ctx.dates.dayOf(d.now);
  // Only counts and our own words: a stranger's text in a subject could be a phishing line in the inbox.
  const what = d.today.length
    ? w.subject.today(d.today.length)
    : d.coming.length
      ? w.subject.coming(d.coming.length)
      : d.review.length
        ? w.subject.review(d.review.length)
        : w.subject.nothing;
  const subject = `kabari: ${what} (${day})`;
  const title = `kabari · ${w.heading} · ${day}`;
  const list = sections(ctx, d);
  const settings = webUrl(d.settingsUrl);
  return {
    subject,
    text: renderText(ctx, title, list, settings),
    html: renderHtml(ctx, title, list, settings),
    empty: d.today.length === 0 && d.coming.length === 0 && d.review.length === 0,
  };
}
