/**
 * Add (`/add`): paste text (a WhatsApp invitation, a few messages copied with their prefixes, any message) or
 * upload `.eml` files. The preview shows what was understood and stores nothing; Save sends the same input again
 * and it goes through the pipeline of forwarded mail: R2 first, then the message row, then processMessage.
 * Pasted text is kept as a minimal message marked X-Kabari-Pasted, which processMessage reads as pasted text.
 */

import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import { Hono } from "hono";
import { type Account, database, insertMessage, type MessageRow, senderAddresses } from "../db/queries";
import { messages } from "../db/schema";
import { extract, extractPasted, type Facts } from "../extract";
import { isoInZone } from "../extract/zone";
import { type ReadLater, rawKey } from "../mail/inbound";
import { READ_NOW_BYTES, READ_NOW_LINES, tooBigToRead } from "../mail/limits";
import { parseMail } from "../mail/parse";
import { PASTED_ON_SITE, processMessage } from "../mail/process";
import { defaultCalendar } from "../plan/calendar";
import { CsrfField, checkCsrfToken, csrfToken, requireAccount, type WebEnv } from "./auth";
import { randomToken } from "./crypto";
import { type Lang, Page, pickLanguage } from "./page";

export const MAX_TEXT = 20_000;
export const MAX_FILES = 5;
export const MAX_FILE_BYTES = 1024 * 1024;

const W = {
  title: { id: "Tambah pesan", en: "Add a message" },
  pasteTitle: { id: "Tempel teks", en: "Paste text" },
  pasteHelp: {
    id: "Undangan WhatsApp, beberapa pesan yang disalin beserta awalannya, atau pesan apa saja.",
    en: "A WhatsApp invitation, several messages copied with their prefixes, or any message.",
  },
  uploadTitle: { id: "Unggah file .eml", en: "Upload .eml files" },
  uploadHelp: { id: "Paling banyak 5 file, masing-masing 1 MiB.", en: "At most 5 files, 1 MiB each." },
  preview: { id: "Lihat hasil baca", en: "Preview" },
  previewTitle: { id: "Yang terbaca", en: "What was understood" },
  previewNote: {
    id: "Belum ada yang disimpan. Tekan Simpan kalau sudah benar.",
    en: "Nothing is stored yet. Press Save if this looks right.",
  },
  save: { id: "Simpan", en: "Save" },
  back: { id: "Kembali", en: "Back" },
  pasted: { id: "Teks yang ditempel", en: "Pasted text" },
  kind: { id: "Jenis", en: "Kind" },
  company: { id: "Perusahaan", en: "Company" },
  position: { id: "Posisi", en: "Position" },
  interviewer: { id: "Pewawancara", en: "Interviewer" },
  start: { id: "Waktu interview", en: "Interview time" },
  link: { id: "Tautan rapat", en: "Meeting link" },
  respondBy: { id: "Tanggal dijanjikan", en: "Promised date" },
  dueBy: { id: "Tenggat", en: "Deadline" },
  none: { id: "—", en: "—" },
  unreadable: {
    id: "File ini tidak bisa dibaca sebagai email.",
    en: "This file could not be read as an email.",
  },
  savedOther: {
    id: "Tersimpan, tetapi tidak ada lamaran yang terkait dengan pesan ini.",
    en: "Saved, but no application came out of this message.",
  },
} satisfies Record<string, Record<Lang, string>>;

const ERRORS = {
  nothing: {
    id: "Tempel teks atau pilih file .eml.",
    en: "Paste some text or choose an .eml file.",
  },
  textLength: {
    id: `Teks harus 1 sampai ${MAX_TEXT.toLocaleString("id-ID")} huruf.`,
    en: `The text must be 1 to ${MAX_TEXT.toLocaleString("en-US")} characters.`,
  },
  tooManyFiles: {
    id: `Paling banyak ${MAX_FILES} file sekaligus.`,
    en: `At most ${MAX_FILES} files at once.`,
  },
  fileSize: { id: "Setiap file paling besar 1 MiB.", en: "Each file must be at most 1 MiB." },
  fileType: {
    id: "Hanya file berakhiran .eml yang diterima.",
    en: "Only files ending in .eml are accepted.",
  },
  fileEmpty: { id: "File ini kosong.", en: "This file is empty." },
} satisfies Record<string, Record<Lang, string>>;

type Input = { type: "text"; text: string } | { type: "file"; name: string; bytes: Uint8Array };

type Parsed = { ok: true; inputs: Input[] } | { ok: false; error: string };

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array | null {
  try {
    const binary = atob(text.replace(/\s+/g, ""));
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

function all(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * The input of a form, validated. The first form sends `text` or `files` (File parts); the preview's Save form
 * sends the same text, or each file as `name` and `eml` (base64), checked against the same limits.
 */
async function readInput(c: Context<WebEnv>, lang: Lang): Promise<Parsed> {
  const body = await c.req.parseBody({ all: true });
  const texts = all(body.text).filter((t): t is string => typeof t === "string");
  const files = all(body.files).filter((f): f is File => f instanceof File && (f.name !== "" || f.size > 0));
  const names = all(body.name).filter((t): t is string => typeof t === "string");
  const encoded = all(body.eml).filter((t): t is string => typeof t === "string");
  const text = texts.join("\n");
  if (files.length === 0 && encoded.length === 0) {
    if (texts.length === 0) return { ok: false, error: ERRORS.nothing[lang] };
    if (text.trim().length === 0 || text.length > MAX_TEXT)
      return { ok: false, error: ERRORS.textLength[lang] };
    return { ok: true, inputs: [{ type: "text", text }] };
  }
  if (text.trim() !== "") return { ok: false, error: ERRORS.nothing[lang] };
  const count = files.length + encoded.length;
  if (count > MAX_FILES || names.length > MAX_FILES) return { ok: false, error: ERRORS.tooManyFiles[lang] };
  const inputs: Input[] = [];
  for (const file of files) {
    if (!file.name.toLowerCase().endsWith(".eml")) return { ok: false, error: ERRORS.fileType[lang] };
    if (file.size > MAX_FILE_BYTES) return { ok: false, error: ERRORS.fileSize[lang] };
    if (file.size === 0) return { ok: false, error: ERRORS.fileEmpty[lang] };
    inputs.push({ type: "file", name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
  }
  for (const [i, data] of encoded.entries()) {
    const name = names[i] ?? "";
    if (!name.toLowerCase().endsWith(".eml") || name.length > 255) {
      return { ok: false, error: ERRORS.fileType[lang] };
    }
    if (data.length > Math.ceil(MAX_FILE_BYTES / 3) * 4 + 8)
      return { ok: false, error: ERRORS.fileSize[lang] };
    const bytes = fromBase64(data);
    if (!bytes || bytes.length > MAX_FILE_BYTES) return { ok: false, error: ERRORS.fileSize[lang] };
    if (bytes.length === 0) return { ok: false, error: ERRORS.fileEmpty[lang] };
    inputs.push({ type: "file", name, bytes });
  }
  return { ok: true, inputs };
}

interface Understood {
  input: Input;
  facts: Facts | null;
}

async function understand(input: Input, account: Account, now: number): Promise<Understood> {
  const opts = { zone: account.zone, now, calendar: defaultCalendar };
  if (input.type === "text") return { input, facts: extractPasted(input.text, opts) };
  try {
    return { input, facts: extract(await parseMail(input.bytes), opts) };
  } catch {
    return { input, facts: null };
  }
}

function FactsList(props: { lang: Lang; facts: Facts; zone: string }) {
  const { lang, facts, zone } = props;
  const row = (label: string, value: string | null | undefined, name: string) => (
    <>
      <dt>{label}</dt>
      <dd data-fact={name}>{value || W.none[lang]}</dd>
    </>
  );
  const start = facts.interview ? Date.parse(facts.interview.start) : Number.NaN;
  return (
    <dl>
      {row(W.kind[lang], facts.kind, "kind")}
      {row(W.company[lang], facts.company, "company")}
      {row(W.position[lang], facts.position, "position")}
      {row(W.interviewer[lang], facts.interviewer, "interviewer")}
      {row(
        W.start[lang],
        Number.isNaN(start) ? null : `${isoInZone(start, zone).slice(0, 16).replace("T", " ")} (${zone})`,
        "start",
      )}
      {row(W.link[lang], facts.interview?.meetingUrl, "link")}
      {row(W.respondBy[lang], facts.respondBy, "respondBy")}
      {row(W.dueBy[lang], facts.dueBy, "dueBy")}
    </dl>
  );
}

function AddPage(props: { lang: Lang; csrf: string; text?: string; error?: string; notice?: string }) {
  const { lang } = props;
  return (
    <Page lang={lang} title={W.title[lang]}>
      <h1>{W.title[lang]}</h1>
      {props.notice && <p role="status">{props.notice}</p>}
      {props.error && (
        <p role="alert" style="color:#b00020">
          {props.error}
        </p>
      )}
      <h2>{W.pasteTitle[lang]}</h2>
      <form method="post" action="/add/preview">
        <CsrfField token={props.csrf} />
        <label for="text">{W.pasteHelp[lang]}</label>
        <br />
        <textarea
          id="text"
          name="text"
          rows={10}
          maxlength={MAX_TEXT}
          required
          style="font-size:1rem;width:100%;box-sizing:border-box"
        >
          {props.text ?? ""}
        </textarea>
        <p>
          <button type="submit">{W.preview[lang]}</button>
        </p>
      </form>
      <h2>{W.uploadTitle[lang]}</h2>
      <form method="post" action="/add/preview" enctype="multipart/form-data">
        <CsrfField token={props.csrf} />
        <label for="files">{W.uploadHelp[lang]}</label>
        <br />
        <input id="files" name="files" type="file" accept=".eml,message/rfc822" multiple required />
        <p>
          <button type="submit">{W.preview[lang]}</button>
        </p>
      </form>
      <p>
        <a href="/">{W.back[lang]}</a>
      </p>
    </Page>
  );
}

function PreviewPage(props: { lang: Lang; csrf: string; zone: string; results: Understood[] }) {
  const { lang } = props;
  return (
    <Page lang={lang} title={W.previewTitle[lang]}>
      <h1>{W.previewTitle[lang]}</h1>
      <p role="status">{W.previewNote[lang]}</p>
      {props.results.map((r) => (
        <section>
          <h2>{r.input.type === "text" ? W.pasted[lang] : r.input.name}</h2>
          {r.facts ? (
            <FactsList lang={lang} facts={r.facts} zone={props.zone} />
          ) : (
            <p>{W.unreadable[lang]}</p>
          )}
        </section>
      ))}
      <form method="post" action="/add/save" enctype="multipart/form-data">
        <CsrfField token={props.csrf} />
        {props.results.map((r) =>
          r.input.type === "text" ? (
            <textarea name="text" hidden>
              {r.input.text}
            </textarea>
          ) : (
            <>
              <input type="hidden" name="name" value={r.input.name} />
              <input type="hidden" name="eml" value={toBase64(r.input.bytes)} />
            </>
          ),
        )}
        <p>
          <button type="submit" style="font-size:1.1rem;padding:.6rem 1rem">
            {W.save[lang]}
          </button>
        </p>
      </form>
      <p>
        <a href="/add">{W.back[lang]}</a>
      </p>
    </Page>
  );
}

async function sha256Bytes(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Pasted text as a minimal RFC 5322 message, so that R2, the pipeline and re-reading handle it like mail. */
export function pastedMessage(text: string, to: string, now: number): Uint8Array {
  const body = (toBase64(new TextEncoder().encode(text)).match(/.{1,76}/g) ?? []).join("\r\n");
  const id = randomToken().replace(/[^A-Za-z0-9]/g, "x");
  const head = [
    "From: kabari <pasted@kabari.invalid>",
    `To: <${to.replace(/[<>\r\n]/g, "")}>`,
    "Subject: Pasted text",
    `Date: ${new Date(now).toUTCString()}`,
    `Message-ID: <pasted-${id}@kabari.invalid>`,
    "X-Kabari-Pasted: 1",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
  ];
  return new TextEncoder().encode(`${head.join("\r\n")}\r\n\r\n${body}\r\n`);
}

/**
 * R2 first, then the row, then the pipeline (as receiveEmail does) when `readNow`; otherwise the row is read by
 * a queue job. Returns the row's application, if it was read and has one.
 */
async function saveOne(
  c: Context<WebEnv>,
  account: Account,
  own: string[],
  input: Input,
  now: number,
  readNow: boolean,
): Promise<number | null> {
  const db = database(c.env.DB);
  const raw = input.type === "text" ? pastedMessage(input.text, account.inboundAddress, now) : input.bytes;
  let messageId: string | null = null;
  if (input.type === "file") {
    try {
      messageId = (await parseMail(raw)).messageId?.trim() || null;
    } catch {
      messageId = null;
    }
  }
  const deliveryKey = await sha256Bytes(messageId ? `id:${messageId}` : raw);
  const key = rawKey(account.id, deliveryKey);
  await c.env.RAW.put(key, raw, { customMetadata: { envelopeFrom: "web:/add" } });
  const row: MessageRow | undefined = await insertMessage(db, {
    accountId: account.id,
    deliveryKey,
    rawKey: key,
    rawSize: raw.length,
    // Only text pasted here is read as pasted text: the header alone could come in any forwarded mail.
    envelopeFrom: input.type === "text" ? PASTED_ON_SITE : account.digestAddress,
    receivedAt: now,
    updatedAt: now,
  });
  if (!row) {
    // Already received (forwarded before, or saved twice): nothing changes.
    const known = await db
      .select({ applicationId: messages.applicationId })
      .from(messages)
      .where(and(eq(messages.accountId, account.id), eq(messages.deliveryKey, deliveryKey)))
      .get();
    return known?.applicationId ?? null;
  }
  const later: ReadLater = { type: "read", accountId: account.id, messageId: row.id };
  if (!readNow) {
    await c.env.INBOUND_QUEUE.send(later);
    return null;
  }
  const limits = { bytes: READ_NOW_BYTES, lines: READ_NOW_LINES };
  const outcome = await processMessage(db, account, own, row, raw, now, {
    calendar: defaultCalendar,
    limits,
  });
  if (tooBigToRead(raw, limits)) await c.env.INBOUND_QUEUE.send(later);
  return outcome.applicationId;
}

export const addRoutes = new Hono<WebEnv>();

addRoutes.get("/add", requireAccount, (c) => {
  const account = c.get("account");
  const lang = pickLanguage(c, account.language);
  c.header("Cache-Control", "no-store");
  const notice = c.req.query("saved") === "other" ? W.savedOther[lang] : undefined;
  return c.html(<AddPage lang={lang} csrf={csrfToken(c)} notice={notice} />);
});

addRoutes.post("/add/preview", requireAccount, checkCsrfToken, async (c) => {
  const account = c.get("account");
  const lang = pickLanguage(c, account.language);
  c.header("Cache-Control", "no-store");
  const parsed = await readInput(c, lang);
  if (!parsed.ok) {
    const body = await c.req.parseBody();
    const text = typeof body.text === "string" ? body.text.slice(0, MAX_TEXT) : "";
    return c.html(<AddPage lang={lang} csrf={csrfToken(c)} text={text} error={parsed.error} />, 422);
  }
  const now = Date.now();
  const results = await Promise.all(parsed.inputs.map((input) => understand(input, account, now)));
  return c.html(<PreviewPage lang={lang} csrf={csrfToken(c)} zone={account.zone} results={results} />);
});

addRoutes.post("/add/save", requireAccount, checkCsrfToken, async (c) => {
  const account = c.get("account");
  const lang = pickLanguage(c, account.language);
  const parsed = await readInput(c, lang);
  if (!parsed.ok) return c.html(<AddPage lang={lang} csrf={csrfToken(c)} error={parsed.error} />, 422);
  const own = await senderAddresses(database(c.env.DB), account.id);
  const now = Date.now();
  // One is read before the answer; the others by queue jobs, each in its own invocation: a mail takes up to
  // 16 D1 queries, and the Free plan allows 50 per invocation.
  const [first, ...rest] = parsed.inputs;
  const applicationId = first ? await saveOne(c, account, own, first, now, true) : null;
  for (const input of rest) await saveOne(c, account, own, input, now, false);
  if (rest.length > 0) return c.redirect(`/?added=${parsed.inputs.length}`, 303);
  if (applicationId !== null) return c.redirect(`/applications/${applicationId}`, 303);
  return c.redirect("/add?saved=other", 303);
});
