/**
 * The signed-in pages about applications: Today (`/`) with every application and the digest preview, and one
 * application's timeline, its editable facts and the buttons that act on it. Everything from mail is shown as
 * text (JSX escapes it); an application of another account answers 404, like one that does not exist.
 */

import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import type { Context } from "hono";
import { Hono } from "hono";
import { raw } from "hono/html";
import * as z from "zod/mini";
import {
  type Account,
  type Application,
  applicationOfAccount,
  type Db,
  database,
  stillToDo,
} from "../db/queries";
import { actOnReminder, replan } from "../db/reminders";
import {
  applications,
  digests,
  type INTERVIEW_STATUSES,
  interviews,
  messages,
  type REMINDER_STATUSES,
  reminders,
} from "../db/schema";
import { composeDigest, stepName } from "../digest/compose";
import { gatherDigest } from "../digest/send";
import { squash } from "../extract/parties";
import type { PromiseRule } from "../extract/types";
import { fromWallClock, isZone, minuteInZone } from "../extract/zone";
import { reviewReasonText } from "../mail/review-reasons";
import type { PlanState } from "../plan/plan";
import { CsrfField, checkCsrfToken, csrfToken, publicUrl, requireAccount, type WebEnv } from "./auth";
import { ActionButton, ConfirmDelete, idOf, NotFound } from "./forms";
import { type Lang, mailKind, Page, pickLanguage } from "./page";

const W = {
  today: { id: "Hari ini", en: "Today" },
  signedInAs: { id: "Masuk sebagai", en: "Signed in as" },
  logout: { id: "Keluar", en: "Sign out" },
  logoutEverywhere: { id: "Keluar dari semua perangkat", en: "Sign out everywhere" },
  applications: { id: "Lamaran", en: "Applications" },
  none: { id: "Belum ada lamaran. Teruskan email undangan ke kabari.", en: "No applications yet." },
  company: { id: "Perusahaan", en: "Company" },
  position: { id: "Posisi", en: "Position" },
  state: { id: "Status", en: "State" },
  next: { id: "Langkah berikutnya", en: "Next step" },
  nothing: { id: "—", en: "—" },
  preview: { id: "Pratinjau digest", en: "Digest preview" },
  previewSubject: { id: "Subjek", en: "Subject" },
  review: { id: "Email yang perlu ditinjau", en: "Mail to review" },
  noSubject: { id: "(tanpa subjek)", en: "(no subject)" },
  pages: { id: "Halaman daftar lamaran", en: "Pages of applications" },
  page: { id: "Halaman", en: "Page" },
  previous: { id: "Sebelumnya", en: "Previous" },
  search: { id: "Cari perusahaan atau posisi", en: "Find a company or position" },
  find: { id: "Cari", en: "Find" },
  all: { id: "Semua lamaran", en: "All applications" },
  noMatch: { id: "Tidak ada lamaran yang cocok.", en: "No application matches." },
  nextPage: { id: "Berikutnya", en: "Next" },
  navAdd: { id: "Tambah", en: "Add" },
  navRules: { id: "Aturan", en: "Rules" },
  navHolidays: { id: "Hari libur", en: "Holidays" },
  navAddresses: { id: "Alamat", en: "Addresses" },
  navData: { id: "Data Anda", en: "Your data" },
  failedDigests: { id: "Digest yang gagal terkirim", en: "Digests that could not be sent" },
  unknown: { id: "(tanpa nama)", en: "(no name)" },
  timeline: { id: "Linimasa", en: "Timeline" },
  received: { id: "Diterima", en: "Received" },
  sentMail: { id: "Dikirim", en: "Sent" },
  interview: { id: "Interview", en: "Interview" },
  reminder: { id: "Pengingat", en: "Reminder" },
  facts: { id: "Data lamaran", en: "Facts" },
  interviewer: { id: "Pewawancara", en: "Interviewer" },
  start: { id: "Waktu interview", en: "Interview time" },
  zone: { id: "Zona waktu interview", en: "Interview time zone" },
  meetingUrl: { id: "Tautan rapat", en: "Meeting link" },
  respondBy: { id: "Tanggal dijanjikan (YYYY-MM-DD)", en: "Promised date (YYYY-MM-DD)" },
  save: { id: "Simpan", en: "Save" },
  markSent: { id: "Tandai terkirim", en: "Mark sent" },
  snooze: { id: "Ingatkan besok", en: "Remind me tomorrow" },
  stop: { id: "Hentikan lamaran ini", en: "Stop this application" },
  reopen: { id: "Buka lagi", en: "Reopen" },
  remove: { id: "Hapus lamaran beserta emailnya", en: "Delete the application and its mail" },
  notFound: { id: "Lamaran ini tidak ditemukan.", en: "This application was not found." },
  fixErrors: { id: "Periksa kolom yang ditandai.", en: "Check the marked fields." },
  actions: { id: "Tindakan", en: "Actions" },
  passed: { id: "sudah lewat", en: "passed" },
  countedFrom: { id: "Dihitung dari janji di email:", en: "Counted from the promise in the mail:" },
  ownDate: {
    id: "Jika Anda mengubah tanggalnya, tanggal Anda yang dipakai.",
    en: "If you change the date, yours is used instead.",
  },
  in: { id: "zona", en: "zone" },
} satisfies Record<string, Record<Lang, string>>;

const ERRORS = {
  company: {
    id: "Isi nama perusahaan (maks. 200 huruf).",
    en: "Enter the company (at most 200 characters).",
  },
  position: { id: "Posisi paling panjang 200 huruf.", en: "The position takes at most 200 characters." },
  interviewer: { id: "Nama paling panjang 200 huruf.", en: "The name takes at most 200 characters." },
  start: {
    id: "Tulis tanggal dan jam yang valid, misalnya 2025-12-08T10:00.",
    en: "Enter a valid date and time, e.g. 2025-12-08T10:00.",
  },
  zone: {
    id: "Tulis zona waktu IANA, misalnya Asia/Jakarta.",
    en: "Enter an IANA time zone, e.g. Asia/Jakarta.",
  },
  meetingUrl: {
    id: "Tautan harus diawali http:// atau https://.",
    en: "The link must start with http:// or https://.",
  },
  respondBy: { id: "Tulis tanggal yang valid: YYYY-MM-DD.", en: "Enter a valid date: YYYY-MM-DD." },
} satisfies Record<string, Record<Lang, string>>;

type Field = keyof typeof ERRORS;
type Values = Record<Field, string>;
type Errors = Partial<Record<Field, string>>;

/** The value of a datetime-local field showing `ms` in `zone`. */
function localInput(ms: number, zone: string): string {
  return minuteInZone(ms, zone).replace(" ", "T");
}

function validDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

function isDate(value: string): boolean {
  const m = DATE.exec(value);
  return !!m && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function isLocal(value: string): boolean {
  const m = LOCAL.exec(value);
  return !!m && validDate(Number(m[1]), Number(m[2]), Number(m[3])) && Number(m[4]) < 24 && Number(m[5]) < 60;
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && !!url.hostname;
  } catch {
    return false;
  }
}

const text = (max: number) => z.string().check(z.trim(), z.maxLength(max));
const optional = (check: (v: string) => boolean) =>
  z.string().check(
    z.trim(),
    z.refine((v) => v === "" || check(v)),
  );

const FactsForm = z.object({
  company: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  position: text(200),
  interviewer: text(200),
  start: optional(isLocal),
  zone: optional(isZone),
  meetingUrl: z.string().check(
    z.trim(),
    z.maxLength(2000),
    z.refine((v) => v === "" || isWebUrl(v)),
  ),
  respondBy: optional(isDate),
});

const FIELDS: Field[] = ["company", "position", "interviewer", "start", "zone", "meetingUrl", "respondBy"];

/** The account's application with this id, or undefined for a bad id or another account's application. */
async function ownApplication(db: Db, account: Account, param: string): Promise<Application | undefined> {
  const id = idOf(param);
  return id === null ? undefined : applicationOfAccount(db, account.id, id);
}

const PHASES: Record<PlanState, Record<Lang, string>> = {
  scheduled: { id: "interview dijadwalkan", en: "interview scheduled" },
  interviewed: { id: "sudah interview", en: "interviewed" },
  waiting: { id: "menunggu kabar", en: "waiting for an answer" },
  followed_up_1: { id: "sudah follow-up sekali", en: "followed up once" },
  followed_up_2: { id: "sudah follow-up dua kali", en: "followed up twice" },
  closed: { id: "selesai", en: "closed" },
};

const STATUSES: Record<Application["status"], Record<Lang, string>> = {
  active: { id: "aktif", en: "active" },
  offer: { id: "tawaran kerja", en: "offer" },
  rejected: { id: "ditolak", en: "rejected" },
  deferred: { id: "keputusan ditunda", en: "decision deferred" },
  withdrawn: { id: "Anda mundur", en: "withdrawn" },
  stopped: { id: "dihentikan", en: "stopped" },
};

const INTERVIEW_STATES: Record<(typeof INTERVIEW_STATUSES)[number], Record<Lang, string>> = {
  scheduled: { id: "terjadwal", en: "scheduled" },
  confirmed: { id: "dikonfirmasi", en: "confirmed" },
  cancelled: { id: "dibatalkan", en: "cancelled" },
};

const STEP_STATES: Record<(typeof REMINDER_STATUSES)[number], Record<Lang, string>> = {
  pending: { id: "belum dilakukan", en: "to do" },
  done: { id: "sudah", en: "done" },
  snoozed: { id: "ditunda", en: "snoozed" },
  cancelled: { id: "tidak perlu lagi", en: "no longer needed" },
};

/** Where an application stands, in the page's language: the planner's phase, and its status unless active. */
function stateOf(app: Pick<Application, "status" | "phase">, lang: Lang): string {
  const phase = PHASES[app.phase as PlanState]?.[lang] ?? app.phase;
  return app.status === "active" ? phase : `${STATUSES[app.status][lang]} (${phase})`;
}

const ADDED: Record<Lang, (n: number) => string> = {
  id: (n) =>
    `${n} email disimpan. Yang pertama sudah dibaca; sisanya dibaca dalam satu menit dan muncul di sini.`,
  en: (n) => `${n} mails saved. The first is read; the others are read within a minute and show here.`,
};

/** Applications per page of Today. */
export const PAGE_SIZE = 50;
/** Messages to review listed on Today, the newest first; each has its own page. */
const REVIEW_SHOWN = 20;

/**
 * One page of the account's applications with their next open step, the soonest first; those with nothing
 * planned after, the most recently changed first. With the count and the failed digests: one D1 batch.
 */
async function todayList(db: Db, accountId: number, page: number, now: number, search: string) {
  const own = eq(applications.accountId, accountId);
  // `\` escapes LIKE's own wildcards in what the person typed; lower() on both sides, as LIKE folds ASCII only.
  const pattern = `%${search.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const shown = search
    ? and(
        own,
        sql`(lower(${applications.company}) like ${pattern} escape '\\' or lower(${applications.position}) like ${pattern} escape '\\')`,
      )
    : own;
  // SQLite takes the bare `kind` from the row holding min(due_at): the next step itself.
  const next = db
    .select({
      applicationId: reminders.applicationId,
      nextKind: sql<string>`${reminders.kind}`.as("next_kind"),
      nextDue: sql<number>`min(${reminders.dueAt})`.as("next_due"),
    })
    .from(reminders)
    .innerJoin(applications, eq(applications.id, reminders.applicationId))
    .leftJoin(interviews, eq(interviews.id, reminders.interviewId))
    .where(and(own, stillToDo(now)))
    .groupBy(reminders.applicationId)
    .as("next");
  const inReview = and(eq(messages.accountId, accountId), eq(messages.status, "review"));
  const [rows, [total], failed, review, [reviewCount]] = await db.batch([
    db
      .select({
        id: applications.id,
        company: applications.company,
        position: applications.position,
        status: applications.status,
        phase: applications.phase,
        nextKind: next.nextKind,
        nextDue: next.nextDue,
      })
      .from(applications)
      .leftJoin(next, eq(next.applicationId, applications.id))
      .where(shown)
      .orderBy(
        sql`${next.nextDue} is null`,
        asc(next.nextDue),
        desc(applications.updatedAt),
        desc(applications.id),
      )
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ count: count() }).from(applications).where(shown),
    // A digest the queue gave up on (or is still retrying) shows here: the person would otherwise never know.
    db
      .select({ localDate: digests.localDate, attempts: digests.attempts, error: digests.error })
      .from(digests)
      .where(and(eq(digests.accountId, accountId), eq(digests.status, "failed")))
      .orderBy(desc(digests.localDate))
      .limit(5),
    db
      .select({ id: messages.id, subject: messages.subject, reason: messages.reviewReason })
      .from(messages)
      .where(inReview)
      .orderBy(desc(messages.receivedAt), desc(messages.id))
      .limit(REVIEW_SHOWN),
    db.select({ count: count() }).from(messages).where(inReview),
  ]);
  return { rows, total: total?.count ?? 0, failed, review, reviewCount: reviewCount?.count ?? 0 };
}

/** What is inside the digest document's body, to show it within a page. */
function digestBody(html: string): string {
  const start = html.indexOf(">", html.indexOf("<body")) + 1;
  const end = html.lastIndexOf("</body>");
  return start > 0 && end > start ? html.slice(start, end) : "";
}

/**
 * `?q=`: part of a company or position to look for. D1 refuses LIKE patterns over 50 bytes: the words are cut
 * to 40 (escapes and the two `%` fit in the rest).
 */
function searchParam(value: string | undefined): string {
  const trimmed = (value ?? "").trim().replace(/\s+/g, " ");
  let cut = "";
  for (const ch of trimmed) {
    if (new TextEncoder().encode(cut + ch).length > 40) break;
    cut += ch;
  }
  return cut;
}

/** `?page=` as a page number from 1; anything else is the first page. */
function pageParam(value: string | undefined): number {
  return value && /^[1-9]\d{0,5}$/.test(value) ? Number(value) : 1;
}

/** 404 for an application that is not there or is another account's: the same answer for both. */
function notFound(c: Context<WebEnv>, account: Account) {
  const lang = pickLanguage(c, account.language);
  return c.html(<NotFound lang={lang} message={W.notFound[lang]} />, 404);
}

/** Today: the applications with their state and next step, a page at a time, and the digest as it would go out now. */
export async function todayPage(c: Context<WebEnv>, account: Account) {
  const db = database(c.env.DB);
  const lang = pickLanguage(c, account.language);
  const now = Date.now();
  const asked = pageParam(c.req.query("page"));
  const search = searchParam(c.req.query("q"));
  let list = await todayList(db, account.id, asked, now, search);
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  // Past the end (applications deleted since the link was made): the last page.
  if (asked > pages) list = await todayList(db, account.id, pages, now, search);
  const pageLink = (n: number) =>
    `/?${new URLSearchParams({ ...(search ? { q: search } : {}), page: String(n) })}`;
  const page = Math.min(asked, pages);
  const { rows: apps, failed, review, reviewCount } = list;
  // After several mails were added at once (/add): the first is read, the others follow by queue jobs.
  const addedParam = c.req.query("added") ?? "";
  const added = /^[2-9]$/.test(addedParam) ? Number(addedParam) : null;
  const preview = composeDigest(await gatherDigest(db, account, now, publicUrl(c)));
  const csrf = csrfToken(c);
  c.header("Cache-Control", "no-store");
  return c.html(
    <Page lang={lang} title={`kabari · ${W.today[lang]}`}>
      <h1>{W.today[lang]}</h1>
      {added && (
        <p role="status" class="added">
          {ADDED[lang](added)}
        </p>
      )}
      <p>
        {W.signedInAs[lang]} <strong>{account.digestAddress}</strong>
      </p>
      <nav style="margin-bottom:1rem">
        <a href="/add">{W.navAdd[lang]}</a> · <a href="/rules">{W.navRules[lang]}</a> ·{" "}
        <a href="/holidays">{W.navHolidays[lang]}</a> · <a href="/addresses">{W.navAddresses[lang]}</a> ·{" "}
        <a href="/data">{W.navData[lang]}</a>
      </nav>
      <h2>{W.applications[lang]}</h2>
      <form method="get" action="/" class="search" style="margin-bottom:.8rem">
        <label for="q">{W.search[lang]}</label>{" "}
        <input
          id="q"
          name="q"
          type="search"
          value={search}
          maxlength={40}
          style="font-size:1rem;padding:.3rem"
        />{" "}
        <button type="submit">{W.find[lang]}</button>
        {search && (
          <>
            {" "}
            <a href="/">{W.all[lang]}</a>
          </>
        )}
      </form>
      {apps.length === 0 ? (
        <p>{search ? W.noMatch[lang] : W.none[lang]}</p>
      ) : (
        <ul style="padding-left:1rem">
          {apps.map((app) => (
            <li style="margin-bottom:.5rem">
              <a href={`/applications/${app.id}`}>
                {app.company ?? W.unknown[lang]}
                {app.position ? ` · ${app.position}` : ""}
              </a>
              <br />
              <small>
                {W.state[lang]}: <span class="state">{stateOf(app, lang)}</span> · {W.next[lang]}:{" "}
                <span class="next">
                  {app.nextKind && app.nextDue !== null
                    ? `${stepName(app.nextKind, lang)} ${minuteInZone(app.nextDue, account.zone)}`
                    : W.nothing[lang]}
                </span>
              </small>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav class="pages" aria-label={W.pages[lang]}>
          {page > 1 && <a href={pageLink(page - 1)}>← {W.previous[lang]}</a>}{" "}
          <span>
            {W.page[lang]} {page} / {pages} ({list.total} {W.applications[lang].toLowerCase()})
          </span>{" "}
          {page < pages && <a href={pageLink(page + 1)}>{W.nextPage[lang]} →</a>}
        </nav>
      )}
      {review.length > 0 && (
        <section class="review">
          <h2>
            {W.review[lang]} ({reviewCount})
          </h2>
          <ul style="padding-left:1rem">
            {review.map((m) => (
              <li>
                <a href={`/messages/${m.id}`}>{m.subject || W.noSubject[lang]}</a>
                <br />
                <small>{reviewReasonText(m.reason ?? "", lang)}</small>
              </li>
            ))}
          </ul>
        </section>
      )}
      {failed.length > 0 && (
        <section class="failed-digests">
          <h2>{W.failedDigests[lang]}</h2>
          <ul>
            {failed.map((d) => (
              <li>
                {d.localDate} · {d.attempts}× · {(d.error ?? "").slice(0, 200)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2>{W.preview[lang]}</h2>
      <p>
        {W.previewSubject[lang]}: <strong>{preview.subject}</strong>
      </p>
      {/* The digest's own HTML: compose.ts escapes everything from mail and links only http(s) and mailto. */}
      <div class="digest-preview" style="margin:0 -1rem">
        {raw(digestBody(preview.html))}
      </div>
      <form method="post" action="/logout">
        <CsrfField token={csrf} />
        <button type="submit">{W.logout[lang]}</button>
      </form>
      <form method="post" action="/logout/everywhere" style="margin-top:.5rem">
        <CsrfField token={csrf} />
        <button type="submit">{W.logoutEverywhere[lang]}</button>
      </form>
    </Page>,
  );
}

type Entry = {
  at: number;
  what: string;
  detail: string;
  /** A message's own page. */
  href?: string;
  reminderId?: number;
  open?: boolean;
};

async function applicationPage(
  c: Context<WebEnv>,
  account: Account,
  app: Application,
  form?: { values: Values; errors: Errors },
) {
  const db = database(c.env.DB);
  const lang = pickLanguage(c, account.language);
  const zone = account.zone;
  const now = Date.now();
  const msgs = await db.select().from(messages).where(eq(messages.applicationId, app.id)).all();
  const ivs = await db
    .select()
    .from(interviews)
    .where(eq(interviews.applicationId, app.id))
    .orderBy(asc(interviews.startAt))
    .all();
  const rems = await db.select().from(reminders).where(eq(reminders.applicationId, app.id)).all();
  const entries: Entry[] = [
    ...msgs.map((m) => ({
      at: m.sentAt ?? m.receivedAt,
      what: m.direction === "outbound" ? W.sentMail[lang] : W.received[lang],
      detail: `${mailKind(m.kind, lang)} · ${m.subject ?? ""}`,
      href: `/messages/${m.id}`,
    })),
    ...ivs.map((i) => ({
      at: i.startAt,
      what: W.interview[lang],
      detail: [INTERVIEW_STATES[i.status][lang], i.interviewer, i.zone, i.meetingUrl ?? i.place]
        .filter(Boolean)
        .join(" · "),
    })),
    ...rems.map((r) => {
      // As in the digest: preparing for, or cancelling, an interview that has begun is no longer a step.
      const begun = ivs.find((i) => i.id === r.interviewId)?.startAt ?? Number.POSITIVE_INFINITY;
      const passed = (r.kind === "prep" || r.kind === "cancel_by") && begun <= now && r.status !== "done";
      const state = passed ? W.passed[lang] : STEP_STATES[r.status][lang];
      const until =
        r.snoozedUntil && r.status === "snoozed" ? ` → ${minuteInZone(r.snoozedUntil, zone)}` : "";
      return {
        at: r.dueAt,
        what: W.reminder[lang],
        detail: `${stepName(r.kind, lang)} · ${state}${until}`,
        reminderId: r.id,
        open: !passed && (r.status === "pending" || r.status === "snoozed"),
      };
    }),
  ].sort((a, b) => a.at - b.at);
  const latest = ivs.at(-1);
  const values: Values = form?.values ?? {
    company: app.company ?? "",
    position: app.position ?? "",
    interviewer: latest?.interviewer ?? "",
    start: latest ? localInput(latest.startAt, zone) : "",
    zone: latest?.zone ?? "",
    meetingUrl: latest?.meetingUrl ?? "",
    respondBy: app.respondBy ?? "",
  };
  const errors = form?.errors ?? {};
  const csrf = csrfToken(c);
  const base = `/applications/${app.id}`;
  // A promise counted from the interview moves with it; the planner keeps the date above up to date.
  const promise = app.respondByRule as PromiseRule | null;
  const input = (field: Field, type = "text") => (
    <p>
      <label for={field}>
        {field === "start" ? `${W.start[lang]} (${W.in[lang]} ${zone})` : W[field][lang]}
      </label>
      <br />
      <input
        id={field}
        name={field}
        type={type}
        value={values[field]}
        aria-invalid={errors[field] ? "true" : undefined}
        style="font-size:1rem;padding:.3rem;width:100%;box-sizing:border-box"
      />
      {errors[field] && (
        <span role="alert" class="error" style="color:#b00020">
          {errors[field]}
        </span>
      )}
    </p>
  );
  c.header("Cache-Control", "no-store");
  return c.html(
    <Page lang={lang} title={`kabari · ${app.company ?? W.unknown[lang]}`}>
      <p>
        <a href="/">← {W.today[lang]}</a>
      </p>
      <h1>
        {app.company ?? W.unknown[lang]}
        {app.position ? ` · ${app.position}` : ""}
      </h1>
      <p>
        {W.state[lang]}: <strong class="state">{stateOf(app, lang)}</strong>
      </p>
      <h2>{W.timeline[lang]}</h2>
      <ul style="padding-left:1rem">
        {entries.map((e) => (
          <li style="margin-bottom:.4rem">
            <time>{minuteInZone(e.at, zone)}</time> <strong>{e.what}</strong>:{" "}
            {e.href ? <a href={e.href}>{e.detail}</a> : e.detail}
            {e.open && e.reminderId !== undefined && (
              <div>
                <ActionButton
                  action={`${base}/reminders/${e.reminderId}/sent`}
                  csrf={csrf}
                  label={W.markSent[lang]}
                />
                <ActionButton
                  action={`${base}/reminders/${e.reminderId}/snooze`}
                  csrf={csrf}
                  label={W.snooze[lang]}
                />
              </div>
            )}
          </li>
        ))}
      </ul>
      <h2>{W.facts[lang]}</h2>
      {Object.keys(errors).length > 0 && (
        <p role="alert" style="color:#b00020">
          {W.fixErrors[lang]}
        </p>
      )}
      <form method="post" action={base}>
        <CsrfField token={csrf} />
        {input("company")}
        {input("position")}
        {input("interviewer")}
        {input("start", "datetime-local")}
        {input("zone")}
        {input("meetingUrl", "url")}
        {input("respondBy")}
        {promise && (
          <p class="promise-rule" style="margin-top:-.5rem">
            <small>
              {W.countedFrom[lang]} “{promise.text}”. {W.ownDate[lang]}
            </small>
          </p>
        )}
        <button type="submit">{W.save[lang]}</button>
      </form>
      <h2>{W.actions[lang]}</h2>
      <p>
        {app.status === "active" ? (
          <ActionButton action={`${base}/stop`} csrf={csrf} label={W.stop[lang]} />
        ) : (
          <ActionButton action={`${base}/reopen`} csrf={csrf} label={W.reopen[lang]} />
        )}
      </p>
      <p>
        <a href={`${base}/delete`}>{W.remove[lang]}</a>
      </p>
    </Page>,
    form ? 422 : 200,
  );
}

function withFixed(app: Application, fields: string[]): string[] {
  return [...new Set([...app.fixedFields, ...fields])];
}

async function saveFacts(db: Db, account: Account, app: Application, v: Values, now: number): Promise<void> {
  const changed: string[] = [];
  const company = v.company;
  const position = v.position || null;
  const respondBy = v.respondBy || null;
  const patch: Partial<typeof applications.$inferInsert> = { updatedAt: now };
  if (company !== app.company) {
    changed.push("company");
    patch.company = company;
    patch.companyKey = squash(company) || null;
  }
  if (position !== app.position) {
    changed.push("position");
    patch.position = position;
    patch.positionKey = position ? squash(position) || null : null;
  }
  if (respondBy !== app.respondBy) {
    changed.push("respondBy");
    patch.respondBy = respondBy;
    // The person's date replaces a counted promise ("5 hari kerja setelah interview").
    patch.respondByRule = null;
  }
  const ivs = await db
    .select()
    .from(interviews)
    .where(eq(interviews.applicationId, app.id))
    .orderBy(asc(interviews.startAt))
    .all();
  const latest = ivs.at(-1);
  const m = LOCAL.exec(v.start);
  const startAt = m
    ? fromWallClock({ year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5] }, account.zone)
    : null;
  const ivPatch: Partial<typeof interviews.$inferInsert> = {};
  if (startAt !== null && startAt !== latest?.startAt) {
    changed.push("interviewStart");
    ivPatch.startAt = startAt;
    if (latest?.endAt != null) ivPatch.endAt = latest.endAt + (startAt - latest.startAt);
  }
  const interviewer = v.interviewer || null;
  if (interviewer !== (latest?.interviewer ?? null)) {
    changed.push("interviewer");
    ivPatch.interviewer = interviewer;
  }
  const zone = v.zone || null;
  if (zone !== (latest?.zone ?? null)) {
    changed.push("interviewZone");
    ivPatch.zone = zone;
  }
  const meetingUrl = v.meetingUrl || null;
  if (meetingUrl !== (latest?.meetingUrl ?? null)) {
    changed.push("meetingUrl");
    ivPatch.meetingUrl = meetingUrl;
  }
  if (Object.keys(ivPatch).length) {
    if (latest) {
      await db
        .update(interviews)
        .set({ ...ivPatch, updatedAt: now })
        .where(eq(interviews.id, latest.id));
    } else if (startAt !== null) {
      await db.insert(interviews).values({
        applicationId: app.id,
        startAt,
        zone,
        meetingUrl,
        interviewer,
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  if (changed.length) patch.fixedFields = withFixed(app, changed);
  await db.update(applications).set(patch).where(eq(applications.id, app.id));
  await replan(db, account, app.id, now);
}

export function applicationRoutes() {
  const r = new Hono<WebEnv>();

  r.get("/applications/:id", requireAccount, async (c) => {
    const account = c.get("account");
    const app = await ownApplication(database(c.env.DB), account, c.req.param("id"));
    if (!app) return notFound(c, account);
    return applicationPage(c, account, app);
  });

  r.post("/applications/:id", requireAccount, checkCsrfToken, async (c) => {
    const account = c.get("account");
    const lang = pickLanguage(c, account.language);
    const db = database(c.env.DB);
    const app = await ownApplication(db, account, c.req.param("id"));
    if (!app) return notFound(c, account);
    const body = await c.req.parseBody();
    const raw = Object.fromEntries(
      FIELDS.map((f) => [f, typeof body[f] === "string" ? (body[f] as string) : ""]),
    ) as Values;
    const parsed = FactsForm.safeParse(raw);
    if (!parsed.success) {
      const errors: Errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        if (FIELDS.includes(field)) errors[field] = ERRORS[field][lang];
      }
      return applicationPage(c, account, app, { values: raw, errors });
    }
    await saveFacts(db, account, app, parsed.data, Date.now());
    return c.redirect(`/applications/${app.id}`, 303);
  });

  r.post(
    "/applications/:id/reminders/:rid/:action{sent|snooze}",
    requireAccount,
    checkCsrfToken,
    async (c) => {
      const account = c.get("account");
      const db = database(c.env.DB);
      const app = await ownApplication(db, account, c.req.param("id"));
      const rid = idOf(c.req.param("rid"));
      const reminder =
        app && rid !== null
          ? await db.query.reminders.findFirst({
              where: and(eq(reminders.id, rid), eq(reminders.applicationId, app.id)),
            })
          : undefined;
      if (!app || !reminder) return notFound(c, account);
      const now = Date.now();
      await actOnReminder(
        db,
        account,
        reminder.id,
        c.req.param("action") === "sent" ? { action: "done" } : { action: "snooze", until: now + 86400000 },
        now,
      );
      return c.redirect(`/applications/${app.id}`, 303);
    },
  );

  r.post("/applications/:id/:action{stop|reopen}", requireAccount, checkCsrfToken, async (c) => {
    const account = c.get("account");
    const db = database(c.env.DB);
    const app = await ownApplication(db, account, c.req.param("id"));
    if (!app) return notFound(c, account);
    const now = Date.now();
    // The person's choice wins over what later mail says (src/mail/link.ts keeps a fixed status).
    await db
      .update(applications)
      .set({
        status: c.req.param("action") === "stop" ? "stopped" : "active",
        fixedFields: withFixed(app, ["status"]),
        updatedAt: now,
      })
      .where(eq(applications.id, app.id));
    await replan(db, account, app.id, now);
    return c.redirect(`/applications/${app.id}`, 303);
  });

  r.get("/applications/:id/delete", requireAccount, async (c) => {
    const account = c.get("account");
    const lang = pickLanguage(c, account.language);
    const app = await ownApplication(database(c.env.DB), account, c.req.param("id"));
    if (!app) return notFound(c, account);
    c.header("Cache-Control", "no-store");
    return c.html(
      <ConfirmDelete
        lang={lang}
        title={W.remove[lang]}
        what={`${app.company ?? W.unknown[lang]}${app.position ? ` · ${app.position}` : ""}`}
        action={`/applications/${app.id}/delete`}
        back={`/applications/${app.id}`}
        csrf={csrfToken(c)}
        label={W.remove[lang]}
      />,
    );
  });

  r.post("/applications/:id/delete", requireAccount, checkCsrfToken, async (c) => {
    const account = c.get("account");
    const db = database(c.env.DB);
    const app = await ownApplication(db, account, c.req.param("id"));
    if (!app) return notFound(c, account);
    const rows = await db
      .select({ rawKey: messages.rawKey })
      .from(messages)
      .where(and(eq(messages.applicationId, app.id), eq(messages.accountId, account.id)))
      .all();
    const keys = rows.map((m) => m.rawKey);
    for (let i = 0; i < keys.length; i += 1000) await c.env.RAW.delete(keys.slice(i, i + 1000));
    await db.batch([
      db.delete(reminders).where(eq(reminders.applicationId, app.id)),
      db.delete(interviews).where(eq(interviews.applicationId, app.id)),
      db.delete(messages).where(and(eq(messages.applicationId, app.id), eq(messages.accountId, account.id))),
      db.delete(applications).where(and(eq(applications.id, app.id), eq(applications.accountId, account.id))),
    ]);
    return c.redirect("/", 303);
  });

  return r;
}
