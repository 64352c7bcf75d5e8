/** Plain text from what strangers send: HTML reduced to text, quoted history dropped, language guessed. */
import type { Language } from "./types";

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
  bull: "•",
  middot: "·",
  eacute: "é",
  copy: "©",
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, code: string) => {
    if (code[0] === "#") {
      const n =
        code[1] === "x" || code[1] === "X" ? Number.parseInt(code.slice(2), 16) : Number(code.slice(1));
      return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** HTML to readable text: block elements become line breaks, links keep their address. Never runs anything. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style|head|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, " ")
      .replace(/<!--[\s\S]*?-->/g, " ")
      .replace(
        /<a\b[^>]*?\bhref\s*=\s*["']?(https?:[^"'\s>]+)["']?[^>]*>([^<]*)<\/a\s*>/gi,
        (_, href, label) =>
          label.includes(href) || /^https?:/i.test(label.trim()) ? label : `${label} ${href}`,
      )
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(
        /<\/?(p|div|tr|table|h[1-6]|li|ul|ol|blockquote|section|article|header|footer)\b[^>]*>/gi,
        "\n",
      )
      .replace(/<\/t[dh]\s*>/gi, " \t")
      .replace(/<[^>]{0,2000}>/g, "")
      .replace(/[ \t\u00a0]+/g, " ")
      .replace(/ ?\n ?/g, "\n")
      .replace(/\n{3,}/g, "\n\n"),
  ).trim();
}

/** Line endings, BOM, non-breaking and zero-width spaces normalised. */
export function cleanText(s: string): string {
  return s
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00a0\u2007\u202f]/g, " ")
    .replace(/[\u200b-\u200d\u2060]/g, "");
}

const REPLY_HEADER =
  /^(?:On|Pada|Am|Le|El|Il|Op|Em|W dniu|Den|På)\b.{0,200}\b(?:wrote|menulis|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|napisał|skrev):\s*$/i;

/** Drops the quoted history of a reply: `>` lines and everything from an "On ... wrote:" line on. */
export function dropQuoted(text: string): string {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    if (REPLY_HEADER.test(line.trim())) break;
    if (/^\s*>/.test(line)) continue;
    out.push(line);
  }
  return out.join("\n");
}

const ID_WORDS =
  /\b(yang|dan|untuk|dengan|kami|anda|dalam|pada|akan|ini|tidak|sebagai|terima|kasih|mohon|hormat|posisi|bapak|ibu|kak|jadwal|bersama|sudah|belum|silakan|melalui|tanggal|pukul|hari)\b/gi;
const EN_WORDS =
  /\b(the|and|for|with|we|you|your|our|will|this|not|as|thank|thanks|please|regards|position|role|schedule|interview|would|to|of|is|are|be)\b/gi;

export function guessLanguage(text: string): Language {
  const sample = text.slice(0, 4000);
  const idCount = sample.match(ID_WORDS)?.length ?? 0;
  const enCount = sample.match(EN_WORDS)?.length ?? 0;
  return idCount * 1.3 >= enCount ? "id" : "en";
}
