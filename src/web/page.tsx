/** The site's page frame and language choice, shared by every server-rendered page. */
import type { Context } from "hono";
import type { Child } from "hono/jsx";

export type Lang = "id" | "en";

/** `?lang=` first, then the account's own language, then Accept-Language; Indonesian when none says. */
export function pickLanguage(c: Context, accountLanguage?: Lang): Lang {
  const asked = c.req.query("lang");
  if (asked === "id" || asked === "en") return asked;
  if (accountLanguage) return accountLanguage;
  const ranked = (c.req.header("accept-language") ?? "")
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.split("-")[0], q: q === undefined ? 1 : Number(q), i };
    })
    .filter((t) => (t.tag === "id" || t.tag === "en") && t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return (ranked[0]?.tag as Lang | undefined) ?? "id";
}

export function Page(props: { lang: Lang; title: string; children: Child }) {
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{props.title}</title>
      </head>
      <body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5">
        {props.children}
      </body>
    </html>
  );
}

/** A field's error, next to the field: `id` is what the field's aria-describedby names. */
export function FieldError(props: { id: string; error?: string }) {
  if (!props.error) return null;
  return (
    <span id={props.id} role="alert" style="display:block;color:#b00020">
      {props.error}
    </span>
  );
}

const MAIL_KINDS: Record<string, Record<Lang, string>> = {
  invitation: { id: "undangan interview", en: "interview invitation" },
  reschedule: { id: "jadwal diubah", en: "rescheduled" },
  cancellation: { id: "interview dibatalkan", en: "interview cancelled" },
  confirmation: { id: "konfirmasi", en: "confirmation" },
  rejection: { id: "penolakan", en: "rejection" },
  offer: { id: "tawaran kerja", en: "offer" },
  deferral: { id: "keputusan ditunda", en: "decision deferred" },
  assignment: { id: "tugas / tes", en: "assignment or test" },
  other: { id: "lainnya", en: "other" },
  thank_you: { id: "ucapan terima kasih Anda", en: "your thank-you" },
  follow_up: { id: "follow-up Anda", en: "your follow-up" },
  sent: { id: "email Anda", en: "your mail" },
};

/** What kind of mail a message is, in the page's language (the stored kind when it is not known here). */
export function mailKind(kind: string | null, lang: Lang): string {
  if (!kind) return "—";
  return MAIL_KINDS[kind]?.[lang] ?? kind;
}

const LOOKALIKE: Record<Lang, string> = {
  id: "huruf tidak biasa; aslinya",
  en: "unusual letters; in plain ASCII",
};

/** The address with its domain in punycode and other non-ASCII letters as U+XXXX: what the letters really are. */
export function asciiAddress(address: string): string {
  const at = address.lastIndexOf("@");
  const local = at < 0 ? address : address.slice(0, at);
  let domain = at < 0 ? "" : address.slice(at + 1);
  try {
    if (domain) domain = new URL(`http://${domain}`).hostname;
  } catch {
    // Not a host name: escaped letter by letter like the local part.
  }
  const spelled = (text: string) =>
    [...text]
      .map((ch) => (/^[\x20-\x7e]$/.test(ch) ? ch : `U+${ch.codePointAt(0)?.toString(16).toUpperCase()}`))
      .join("");
  return at < 0 ? spelled(local) : `${spelled(local)}@${spelled(domain)}`;
}

/**
 * An address from mail, shown so that a look-alike cannot pass for the real one: one with any non-ASCII letter
 * (a Cyrillic "а" in "pаypal.com") is followed by what its letters really are.
 */
export function Address(props: { address: string | null; lang: Lang }) {
  if (!props.address) return <span class="address">—</span>;
  if (/^[\x20-\x7e]*$/.test(props.address)) return <span class="address">{props.address}</span>;
  return (
    <span class="address lookalike">
      {props.address}{" "}
      <strong style="color:#b00020">
        ({LOOKALIKE[props.lang]}: {asciiAddress(props.address)})
      </strong>
    </span>
  );
}
