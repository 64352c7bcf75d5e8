/** Decodes a raw message with postal-mime into the Mail the extractor reads. */
import PostalMime, { type Email, type Address as PostalAddress } from "postal-mime";
import { cleanText, htmlToText } from "../extract/text";
import type { Address, Mail } from "../extract/types";

/** Attached messages nested deeper than this are left unparsed: a forward of a forward of a forward is plenty. */
const MAX_DEPTH = 3;
const MAX_CALENDAR_BYTES = 256 * 1024;
const MAX_HTML_CHARS = 300_000;
const AUTO_FORWARD_HEADERS = [
  "x-forwarded-to",
  "x-forwarded-for",
  "auto-submitted",
  "x-ms-exchange-inbox-rules-loop",
];
/** Set on text pasted on the site's /add page and stored as a minimal message (src/web/add.tsx). */
export const PASTED_HEADER = "x-kabari-pasted";
const KEPT_HEADERS = [...AUTO_FORWARD_HEADERS, PASTED_HEADER];

function address(a: PostalAddress | undefined): Address | null {
  if (!a || a.group) return null;
  return { name: a.name ?? "", address: a.address ? a.address.toLowerCase() : null };
}

function addresses(list: PostalAddress[] | undefined): Address[] {
  const out: Address[] = [];
  for (const a of list ?? []) {
    if (a.group) {
      for (const g of a.group) out.push({ name: g.name ?? "", address: g.address?.toLowerCase() ?? null });
    } else {
      const one = address(a);
      if (one) out.push(one);
    }
  }
  return out;
}

function decode(content: ArrayBuffer | Uint8Array | string): string {
  if (typeof content === "string") return content;
  return new TextDecoder("utf-8").decode(content);
}

function isoDate(value: string | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function idList(value: string | undefined): string[] {
  return (value ?? "").match(/<[^<>\s]{1,998}>/g) ?? [];
}

/**
 * The text part, unless it is a stub ("see the HTML version", or next to nothing) and the HTML part says much
 * more. HTML is converted only then: it is the slower read.
 */
function bodyText(email: Email): string {
  const text = email.text?.trim() ?? "";
  if (!email.html) return text;
  const stub = text.length < 200 || (text.length < 1500 && /\bHTML\b/.test(text));
  if (!stub) return text;
  const fromHtml = htmlToText(email.html.slice(0, MAX_HTML_CHARS));
  return fromHtml.length > text.length * 2 ? fromHtml : text;
}

async function toMail(email: Email, depth: number): Promise<Mail> {
  const headers: Record<string, string> = {};
  for (const h of email.headers) {
    if (KEPT_HEADERS.includes(h.key) && !(h.key in headers)) headers[h.key] = h.value;
  }
  const calendars: string[] = [];
  const attached: Mail[] = [];
  for (const a of email.attachments) {
    const type = a.mimeType.toLowerCase();
    const name = (a.filename ?? "").toLowerCase();
    if (type === "text/calendar" || type === "application/ics" || name.endsWith(".ics")) {
      const text = decode(a.content);
      if (text.length <= MAX_CALENDAR_BYTES) calendars.push(text);
    } else if ((type === "message/rfc822" || name.endsWith(".eml")) && depth < MAX_DEPTH) {
      attached.push(await parseMail(a.content, depth + 1));
    }
  }
  return {
    from: address(email.from),
    to: addresses(email.to),
    replyTo: addresses(email.replyTo)[0] ?? null,
    subject: (email.subject ?? "").replace(/\s+/g, " ").trim(),
    date: isoDate(email.date),
    messageId: email.messageId ?? null,
    inReplyTo: idList(email.inReplyTo)[0] ?? null,
    references: idList(email.references),
    headers,
    text: cleanText(bodyText(email)),
    calendars,
    attached,
  };
}

/** Parses one raw message. Throws what postal-mime throws on input it cannot read; callers decide what that means. */
export async function parseMail(raw: ArrayBuffer | Uint8Array | string, depth = 0): Promise<Mail> {
  const email = await PostalMime.parse(raw, {
    forceRfc822Attachments: true,
    attachmentEncoding: "arraybuffer",
  });
  return toMail(email, depth);
}
