/**
 * One stored message, the page the digest links for each message that needs review: what was read from it, why
 * it was doubted, its text, and the buttons that settle it (it looks right, it belongs to another application,
 * read it again, delete it). Everything from mail is shown as text (JSX escapes it) and no link is built from
 * it: the mail's HTML is never rendered, only the plain text parseMail makes of it. A message of another account
 * answers 404, like one that does not exist.
 */

import { and, eq, isNull, or } from "drizzle-orm";
import type { Context } from "hono";
import { Hono } from "hono";
import * as z from "zod/mini";
import {
  type Account,
  type Application,
  applicationOfAccount,
  type Db,
  database,
  type MessageRow,
  messageOfAccount,
  recentApplications,
  senderAddresses,
} from "../db/queries";
import { replan } from "../db/reminders";
import { interviews, messages } from "../db/schema";
import type { Facts } from "../extract/types";
import { minuteInZone } from "../extract/zone";
import { READ_NOW_BYTES, READ_NOW_LINES, tooBigToRead } from "../mail/limits";
import { parseMail } from "../mail/parse";
import { rereadMessage } from "../mail/reread";
import { reviewReasonText } from "../mail/review-reasons";
import { CsrfField, checkCsrfToken, csrfToken, requireAccount, type WebEnv } from "./auth";
import { ActionButton, ConfirmDelete, idOf, NotFound } from "./forms";
import { Address, FieldError, type Lang, mailKind, Page, pickLanguage } from "./page";

const W = {
  today: { id: "Hari ini", en: "Today" },
  title: { id: "Email", en: "Message" },
  noSubject: { id: "(tanpa subjek)", en: "(no subject)" },
  from: { id: "Pengirim asli", en: "Original sender" },
  received: { id: "Diterima", en: "Received" },
  written: { id: "Ditulis", en: "Written" },
  kind: { id: "Jenis", en: "Kind" },
  status: { id: "Status", en: "Status" },
  reason: { id: "Perlu ditinjau karena", en: "Needs review because" },
  facts: { id: "Yang terbaca", en: "What was read" },
  noFacts: { id: "Belum ada yang terbaca dari email ini.", en: "Nothing was read from this message yet." },
  company: { id: "Perusahaan", en: "Company" },
  position: { id: "Posisi", en: "Position" },
  interviewer: { id: "Pewawancara", en: "Interviewer" },
  start: { id: "Waktu interview", en: "Interview time" },
  meetingUrl: { id: "Tautan rapat", en: "Meeting link" },
  application: { id: "Lamaran", en: "Application" },
  noApplication: { id: "Belum terhubung ke lamaran mana pun.", en: "Not linked to any application." },
  unknown: { id: "(tanpa nama)", en: "(no name)" },
  text: { id: "Isi email", en: "Text" },
  cut: { id: "(dipotong)", en: "(cut short)" },
  rawMissing: {
    id: "Email aslinya tidak tersimpan lagi, jadi isinya tidak bisa ditampilkan.",
    en: "The original mail is no longer stored, so its text cannot be shown.",
  },
  unreadable: {
    id: "Email aslinya tidak bisa dibaca, jadi isinya tidak bisa ditampilkan.",
    en: "The original mail could not be read, so its text cannot be shown.",
  },
  tooBig: {
    id: "Email ini terlalu besar untuk ditampilkan di sini.",
    en: "This message is too large to show here.",
  },
  download: { id: "Unduh email aslinya (.eml)", en: "Download the original (.eml)" },
  settle: { id: "Tindakan", en: "What to do" },
  looksRight: { id: "Sudah benar", en: "Looks right" },
  moveTo: { id: "Pindahkan ke lamaran", en: "Move to application" },
  move: { id: "Pindahkan", en: "Move" },
  noApplications: { id: "Belum ada lamaran untuk dipilih.", en: "There is no application to choose." },
  readAgain: { id: "Baca ulang", en: "Read again" },
  remove: { id: "Hapus email ini", en: "Delete this message" },
  notFound: { id: "Email ini tidak ditemukan.", en: "This message was not found." },
  badApplication: {
    id: "Pilih salah satu lamaran Anda dari daftar.",
    en: "Choose one of your applications from the list.",
  },
  goneNow: {
    id: "Email aslinya tidak tersimpan lagi, jadi tidak bisa dibaca ulang.",
    en: "The original mail is no longer stored, so it cannot be read again.",
  },
} satisfies Record<string, Record<Lang, string>>;

const STATUSES: Record<MessageRow["status"], Record<Lang, string>> = {
  pending: { id: "belum dibaca", en: "not read yet" },
  done: { id: "beres", en: "done" },
  review: { id: "perlu ditinjau", en: "needs review" },
  duplicate: { id: "sama dengan email lain", en: "a duplicate" },
};

const RAW_EXPIRED: Record<Lang, (date: string) => string> = {
  id: (date) => `Email aslinya sudah dihapus pada ${date}, sesuai masa simpan email asli (lihat Data Anda).`,
  en: (date) => `The original mail was deleted on ${date}, at the end of its keeping period (see Your data).`,
};

/** The move form: the id of one of the account's applications (checked against D1 after this). */
const MoveForm = z.object({
  applicationId: z.pipe(
    z.string().check(z.trim(), z.regex(/^\d{1,15}$/)),
    z.transform((v) => Number(v)),
  ),
});

/** How much of the text the page shows. */
const TEXT_CHARS = 3000;
/** How many applications the "move to" list offers, the most recently updated first. */
const PICKABLE = 200;

/** The account's message with this id, or undefined for a bad id or another account's message. */
async function ownMessage(db: Db, account: Account, param: string): Promise<MessageRow | undefined> {
  const id = idOf(param);
  return id === null ? undefined : messageOfAccount(db, account.id, id);
}

const str = (value: unknown): string | null => (typeof value === "string" && value ? value : null);

/** The stored facts, read defensively: the column holds whatever an older extractor wrote. */
function factsOf(row: MessageRow, zone: string) {
  const facts = (row.facts && typeof row.facts === "object" ? row.facts : null) as Partial<Facts> | null;
  if (!facts) return null;
  const interview = facts.interview && typeof facts.interview === "object" ? facts.interview : null;
  const startMs = Date.parse(str(interview?.start) ?? "");
  return {
    company: str(facts.company),
    position: str(facts.position),
    interviewer: str(facts.interviewer),
    start: Number.isNaN(startMs) ? null : minuteInZone(startMs, zone),
    meetingUrl: str(interview?.meetingUrl),
  };
}

type Body =
  | { text: string; cut: boolean }
  | { missing: true }
  | { unreadable: true }
  | { tooBig: true }
  | { expired: number };

/** The first part of the message's plain text, read from R2; a page load never parses a large message. */
async function bodyOf(bucket: R2Bucket, row: MessageRow): Promise<Body> {
  const limits = { bytes: READ_NOW_BYTES, lines: READ_NOW_LINES };
  // Deleted on purpose after the retention period (src/mail/retention.ts): no need to ask R2.
  if (row.rawDeletedAt !== null) return { expired: row.rawDeletedAt };
  if (row.rawSize > limits.bytes) return { tooBig: true };
  const object = await bucket.get(row.rawKey);
  if (!object) return { missing: true };
  const raw = new Uint8Array(await object.arrayBuffer());
  if (tooBigToRead(raw, limits)) return { tooBig: true };
  try {
    const mail = await parseMail(raw);
    const cut = mail.text.length > TEXT_CHARS;
    // Never end on half of a surrogate pair.
    const text = cut ? mail.text.slice(0, TEXT_CHARS).replace(/[\uD800-\uDBFF]$/, "") : mail.text;
    return { text, cut };
  } catch {
    return { unreadable: true };
  }
}

/** 404 for an message that is not there or is another account's: the same answer for both. */
function notFound(c: Context<WebEnv>, account: Account) {
  const lang = pickLanguage(c, account.language);
  return c.html(<NotFound lang={lang} message={W.notFound[lang]} />, 404);
}

/** Company · position; an application without a company also shows its number, or two would look the same. */
function appName(app: Application, lang: Lang): string {
  const company = app.company ?? `${W.unknown[lang]} #${app.id}`;
  return `${company}${app.position ? ` · ${app.position}` : ""}`;
}

async function messagePage(
  c: Context<WebEnv>,
  account: Account,
  row: MessageRow,
  problem?: { status: 409 | 422; moveError?: string; notice?: string; chosen?: string },
) {
  const db = database(c.env.DB);
  const lang = pickLanguage(c, account.language);
  const zone = account.zone;
  const [linked, apps, body] = await Promise.all([
    row.applicationId ? applicationOfAccount(db, account.id, row.applicationId) : undefined,
    recentApplications(db, account.id, PICKABLE),
    bodyOf(c.env.RAW, row),
  ]);
  const facts = factsOf(row, zone);
  const csrf = csrfToken(c);
  const base = `/messages/${row.id}`;
  const chosen = problem?.chosen ?? String(row.applicationId ?? "");
  const fact = (label: string, value: string | null) => (
    <li>
      {label}: {value ?? "—"}
    </li>
  );
  c.header("Cache-Control", "no-store");
  return c.html(
    <Page lang={lang} title={`kabari · ${row.subject ?? W.title[lang]}`}>
      <p>
        <a href="/">← {W.today[lang]}</a>
      </p>
      <h1 class="subject">{row.subject ?? W.noSubject[lang]}</h1>
      {problem?.notice && (
        <p role="alert" style="color:#b00020">
          {problem.notice}
        </p>
      )}
      <ul style="padding-left:1rem">
        <li>
          {W.from[lang]}:{" "}
          <span class="from">
            <Address address={row.fromAddress} lang={lang} />
          </span>
        </li>
        <li>
          {W.received[lang]}: <time>{minuteInZone(row.receivedAt, zone)}</time>
        </li>
        {row.sentAt !== null && (
          <li>
            {W.written[lang]}: <time>{minuteInZone(row.sentAt, zone)}</time>
          </li>
        )}
        <li>
          {W.kind[lang]}: <span class="kind">{mailKind(row.kind, lang)}</span>
        </li>
        <li>
          {W.status[lang]}: <strong class="status">{STATUSES[row.status][lang]}</strong>
        </li>
      </ul>
      {row.reviewReason && (
        <p class="reason" style="background:#fff4e5;padding:.5rem">
          {W.reason[lang]}: <strong>{reviewReasonText(row.reviewReason, lang)}</strong>
        </p>
      )}
      <h2>{W.facts[lang]}</h2>
      {facts ? (
        <ul class="facts" style="padding-left:1rem">
          {fact(W.company[lang], facts.company)}
          {fact(W.position[lang], facts.position)}
          {fact(W.interviewer[lang], facts.interviewer)}
          {fact(`${W.start[lang]} (${zone})`, facts.start)}
          {fact(W.meetingUrl[lang], facts.meetingUrl)}
        </ul>
      ) : (
        <p>{W.noFacts[lang]}</p>
      )}
      <h2>{W.application[lang]}</h2>
      {linked ? (
        <p>
          <a class="application" href={`/applications/${linked.id}`}>
            {appName(linked, lang)}
          </a>
        </p>
      ) : (
        <p>{W.noApplication[lang]}</p>
      )}
      <h2>{W.text[lang]}</h2>
      {"text" in body ? (
        <>
          <pre
            class="text"
            style="white-space:pre-wrap;word-break:break-word;background:#f4f4f4;padding:.5rem"
          >
            {body.text}
          </pre>
          {body.cut && <p>{W.cut[lang]}</p>}
        </>
      ) : (
        <p class="no-text">
          {"expired" in body
            ? RAW_EXPIRED[lang](minuteInZone(body.expired, account.zone))
            : "missing" in body
              ? W.rawMissing[lang]
              : "tooBig" in body
                ? W.tooBig[lang]
                : W.unreadable[lang]}
        </p>
      )}
      {!("missing" in body || "expired" in body) && (
        <p>
          <a href={`/data/raw/${row.id}.eml`}>{W.download[lang]}</a>
        </p>
      )}
      <h2>{W.settle[lang]}</h2>
      {row.status !== "done" && (
        <div style="margin:.6rem 0">
          <ActionButton action={`${base}/done`} csrf={csrf} label={W.looksRight[lang]} />
        </div>
      )}
      {apps.length > 0 ? (
        <form method="post" action={`${base}/move`} style="margin:.6rem 0">
          <CsrfField token={csrf} />
          <label for="applicationId">{W.moveTo[lang]}</label>
          <br />
          <select
            id="applicationId"
            name="applicationId"
            aria-invalid={problem?.moveError ? "true" : undefined}
            aria-describedby={problem?.moveError ? "applicationId-error" : undefined}
            style="font-size:1rem;padding:.3rem;max-width:100%"
          >
            {apps.map((app) => (
              <option value={String(app.id)} selected={String(app.id) === chosen}>
                {appName(app, lang)}
              </option>
            ))}
          </select>{" "}
          <button type="submit">{W.move[lang]}</button>
          <FieldError id="applicationId-error" error={problem?.moveError} />
        </form>
      ) : (
        <p>{W.noApplications[lang]}</p>
      )}
      <div style="margin:.6rem 0">
        <ActionButton action={`${base}/reread`} csrf={csrf} label={W.readAgain[lang]} />
      </div>
      <div style="margin:.6rem 0">
        <a href={`${base}/delete`}>{W.remove[lang]}</a>
      </div>
    </Page>,
    problem?.status ?? 200,
  );
}

export function messageRoutes() {
  const r = new Hono<WebEnv>();

  r.get("/messages/:id", requireAccount, async (c) => {
    const account = c.get("account");
    const row = await ownMessage(database(c.env.DB), account, c.req.param("id"));
    if (!row) return notFound(c, account);
    return messagePage(c, account, row);
  });

  r.post("/messages/:id/done", requireAccount, checkCsrfToken, async (c) => {
    const account = c.get("account");
    const db = database(c.env.DB);
    const row = await ownMessage(db, account, c.req.param("id"));
    if (!row) return notFound(c, account);
    const now = Date.now();
    await db
      .update(messages)
      .set({ status: "done", reviewReason: null, updatedAt: now })
      .where(and(eq(messages.id, row.id), eq(messages.accountId, account.id)));
    // The planner leaves duplicates out of the timeline: one marked right counts from now on.
    if (row.applicationId && row.status === "duplicate") await replan(db, account, row.applicationId, now);
    return c.redirect(`/messages/${row.id}`, 303);
  });

  r.post("/messages/:id/move", requireAccount, checkCsrfToken, async (c) => {
    const account = c.get("account");
    const lang = pickLanguage(c, account.language);
    const db = database(c.env.DB);
    const row = await ownMessage(db, account, c.req.param("id"));
    if (!row) return notFound(c, account);
    const form = MoveForm.safeParse(await c.req.parseBody());
    // Another account's application is as unknown as one that does not exist.
    const target = form.success
      ? await applicationOfAccount(db, account.id, form.data.applicationId)
      : undefined;
    if (!target) {
      const given = form.success ? String(form.data.applicationId) : "";
      return messagePage(c, account, row, { status: 422, moveError: W.badApplication[lang], chosen: given });
    }
    if (target.id !== row.applicationId) {
      const now = Date.now();
      // The interviews this mail made go with it: an invitation linked to the wrong application brought its date.
      await db.batch([
        db
          .update(messages)
          .set({ applicationId: target.id, updatedAt: now })
          .where(and(eq(messages.id, row.id), eq(messages.accountId, account.id))),
        db
          .update(interviews)
          .set({ applicationId: target.id, updatedAt: now })
          .where(
            and(
              eq(interviews.createdByMessageId, row.id),
              row.applicationId === null ? undefined : eq(interviews.applicationId, row.applicationId),
            ),
          ),
      ]);
      if (row.applicationId) await replan(db, account, row.applicationId, now);
      await replan(db, account, target.id, now);
    }
    return c.redirect(`/messages/${row.id}`, 303);
  });

  r.post("/messages/:id/reread", requireAccount, checkCsrfToken, async (c) => {
    const account = c.get("account");
    const lang = pickLanguage(c, account.language);
    const db = database(c.env.DB);
    const row = await ownMessage(db, account, c.req.param("id"));
    if (!row) return notFound(c, account);
    const own = await senderAddresses(db, account.id);
    const outcome = await rereadMessage(db, c.env.RAW, account, own, row, Date.now());
    if (!outcome) return messagePage(c, account, row, { status: 409, notice: W.goneNow[lang] });
    return c.redirect(`/messages/${row.id}`, 303);
  });

  r.get("/messages/:id/delete", requireAccount, async (c) => {
    const account = c.get("account");
    const lang = pickLanguage(c, account.language);
    const row = await ownMessage(database(c.env.DB), account, c.req.param("id"));
    if (!row) return notFound(c, account);
    c.header("Cache-Control", "no-store");
    return c.html(
      <ConfirmDelete
        lang={lang}
        title={W.remove[lang]}
        what={row.subject || W.noSubject[lang]}
        action={`/messages/${row.id}/delete`}
        back={`/messages/${row.id}`}
        csrf={csrfToken(c)}
        label={W.remove[lang]}
      />,
    );
  });

  r.post("/messages/:id/delete", requireAccount, checkCsrfToken, async (c) => {
    const account = c.get("account");
    const db = database(c.env.DB);
    const row = await ownMessage(db, account, c.req.param("id"));
    if (!row) return notFound(c, account);
    // R2 first: a failure after it leaves a row whose page says the mail is gone, never bytes nobody can reach.
    await c.env.RAW.delete(row.rawKey);
    // What the mail alone made goes with it: an interview no later mail has set since.
    await db.batch([
      db
        .delete(interviews)
        .where(
          and(
            eq(interviews.createdByMessageId, row.id),
            or(isNull(interviews.messageId), eq(interviews.messageId, row.id)),
          ),
        ),
      db.delete(messages).where(and(eq(messages.id, row.id), eq(messages.accountId, account.id))),
    ]);
    if (row.applicationId) await replan(db, account, row.applicationId, Date.now());
    return c.redirect("/", 303);
  });

  return r;
}
