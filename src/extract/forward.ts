/**
 * Finds the original message inside a forwarded mail's plain-text body.
 *
 * Pure: no I/O, no clock. Everything is read line by line with bounded look-ahead, so a hostile 1 MB body
 * costs a bounded scan, and nothing here throws.
 *
 * The first forward marker from the top decides (the most recent forward in a nest, never the deepest):
 * - a forward separator ("---------- Forwarded message ---------", "Begin forwarded message:", Thunderbird,
 *   Yahoo, HubSpot and their translations) followed by a header block;
 * - an Outlook rule ("________________________________", "-----Original Message-----") followed by a header
 *   block: Outlook writes the same thing above a quoted reply, so only the outer subject tells them apart;
 * - a bare header block (new Outlook): a run of lines with known labels, in any of the supported languages,
 *   that starts with a From-like label naming an address and has at least one more;
 * - an "On … wrote:" line in any language (Outlook 2019 forwards this way): a forward only when the outer
 *   subject carries a forward prefix, otherwise it is a quoted reply.
 * A message whose outer subject starts with a reply prefix (Re:, AW:, SV:, Antw: ...) is a reply: its quoted
 * history is never unwrapped.
 */
import type { Address, ForwardedOriginal, LocalDateTime } from "./types";

/** Lines examined when looking for the first forward marker; a forward below that is left alone. */
const MAX_SCAN_LINES = 1500;
/** Characters of one line that are examined (a 1 MB line with no break is read as its first 4,000). */
const MAX_LINE_CHARS = 4000;
/** Blank lines allowed between a separator and its header block (Apple Mail and Gmail put one). */
const MAX_GAP_AFTER_SEPARATOR = 6;
/** A header block longer than this is not a header block. */
const MAX_BLOCK_LINES = 40;
/** Nested quoting deeper than this is read as text. */
const MAX_QUOTE_DEPTH = 32;
/** Characters of a Yahoo one-line header block that are read (about 30 recipients). */
const MAX_INLINE_CHARS = 2000;
/** A header value (with its wrapped lines) longer than this is cut. */
const MAX_VALUE_CHARS = 8000;
/** The original's body is cut here: the extractor reads a capped text anyway, and a Worker has 10 ms. */
const MAX_BODY_CHARS = 100_000;
/** The forwarder's note is cut here. */
const MAX_NOTE_CHARS = 20_000;
/** Recipients read from one To or Cc line. */
const MAX_RECIPIENTS = 100;
/** Characters of a subject that are read: a hostile 1 MB Subject header is cut, not collapsed whole. */
const MAX_SUBJECT_CHARS = 2000;
/** "On … wrote:" lines longer than this are prose. */
const MAX_ATTRIBUTION_CHARS = 400;

type Field = "from" | "to" | "cc" | "bcc" | "subject" | "date" | "replyTo" | "other";
type SubjectKind = "forward" | "reply" | "none";

interface ScanLine {
  /** Offsets of the line in the text as given (end excludes the line break). */
  start: number;
  end: number;
  /** Number of leading `>` quote markers. */
  depth: number;
  /** The line without its quote markers (and the one space after them), capped to MAX_LINE_CHARS. */
  content: string;
  trimmed: string;
}

interface HeaderBlock {
  fields: Map<Field, string>;
  firstField: Field;
  /** Index of the first line after the block (for inline Yahoo blocks: the line after the separator). */
  endLine: number;
  depth: number;
}

// ---------------------------------------------------------------------------------------------------------
// Text folding: lower case without diacritics, so "Dátum", "Datum" and "DATUM" read alike.

const COMBINING_MARKS = /\p{M}/gu;

function fold(text: string): string {
  if (isAscii(text)) return text.toLowerCase();
  return text.toLowerCase().normalize("NFD").replace(COMBINING_MARKS, "").normalize("NFC");
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** Folds each character on its own so that positions in the result match positions in the input. */
function foldPerChar(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 128) {
      out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
      continue;
    }
    const folded = fold(ch);
    const one = folded.length > 0 ? (folded[0] ?? ch) : ch;
    // Astral characters are two code units: keep the length equal by padding.
    out += ch.length === 2 ? `${one} ` : one;
  }
  return out;
}

function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Word lists are written "a|b|c" to keep them readable one language after another. */
function words(...lists: string[]): readonly string[] {
  return lists.join("|").split("|");
}

// ---------------------------------------------------------------------------------------------------------
// Header labels in the languages mail clients localise them to.

const LABELS: Record<Field, readonly string[]> = {
  from: words(
    "from|sender|von|absender|de|da|od|fra|från|van|afzender|lähettäjä|feladó|kimden|gönderen|от|від",
    "від кого|отправитель|відправник|expeditor|expeditorul|de la|šalje|pošiljatelj|mittente|nadawca|saatja",
    "odesílatel|odosielateľ|remitente|remetente|expéditeur|送信元|差出人|发件人|寄件者|寄件人|dari|pengirim|από",
    "αποστολέας|보낸 사람|من|מאת|từ|จาก|nuo|siuntėjas",
  ),
  to: words(
    "to|an|empfänger|à|a|para|per|do|til|till|aan|vastaanottaja|címzett|kime|кому|komu|pre|prima|către",
    "destinatar|destinatarul|destinatario|destinatário|destinataire|destinataires|adresat|adresaci",
    "příjemce|送信先|宛先|收件人|收件者|kepada|untuk|προς|받는 사람|إلى|אל|đến|ถึง|saaja|pour|kam",
  ),
  cc: words(
    "cc|kopie|kopie (cc)|kopie an|kopi|kopia|kópia|kopio|másolat|másolatot kap|bilgi|копия|копія|dw",
    "do wiadomości|copie|copie à|cópia|con copia|cc.|tembusan|salinan|抄送|副本|koopia|kopija|κοινοποίηση|참조",
    "نسخة|עותק",
  ),
  bcc: words("bcc|bcc.|ccn|cco|blindkopie|bkopie|copie cachée|tembusan tersembunyi|密送"),
  subject: words(
    "subject|betreff|objet|sujet|asunto|oggetto|assunto|onderwerp|emne|ämne|aihe|tárgy|konu|тема|temat",
    "předmět|predmet|naslov|subiect|subiectul|件名|主题|主旨|subjek|perihal|θέμα|제목|الموضوع|נושא|chủ đề|เรื่อง",
    "teema|tema",
  ),
  date: words(
    "date|datum|dato|data|fecha|päivämäärä|päiväys|dátum|tarih|дата|dată|日付|日期|tanggal|kuupäev|ημερομηνία",
    "날짜|التاريخ|ngày|วันที่|datums|sent|gesendet|envoyé|envoyé le|enviado|enviada|enviado el|inviato",
    "verzonden|sendt|skickat|lähetetty|elküldve|gönderilen|gönderildi|gönderim tarihi|отправлено",
    "відправлено|wysłano|wysłane|odesláno|odoslané|poslano|poslané|trimis|dikirim|terkirim|送信日時|发送时间|發送時間",
    "saadetud|išsiųsta",
  ),
  replyTo: words(
    "reply-to|reply to|antwort an|répondre à|responder a|rispondi a|antwoord aan|svar til|svara till",
    "odgovori na|odpověď na|vastaus|válaszcím|odpowiedź-do|răspuns către|ответ-кому|odpovedať-pre",
    "yanıt adresi|кому відповісти|balas ke",
  ),
  // Lines that may sit inside a header block without ending it (Outlook appointments, priorities).
  other: words(
    "importance|priority|wichtigkeit|priorität|priorité|prioridad|priorità|kepentingan|attachments|anlagen",
    "pièces jointes|lampiran|when|where|wann|ort|waktu|lokasi|organizer|sent by",
  ),
};

const LABEL_FIELDS: ReadonlyMap<string, Field> = buildLabelIndex();
const LONGEST_LABEL = Math.max(...[...LABEL_FIELDS.keys()].map((label) => label.length));
/** Labels by their first folded character, longest first, for finding them inside one Yahoo line. */
const LABELS_BY_INITIAL: ReadonlyMap<string, readonly string[]> = buildInitialIndex();

function buildLabelIndex(): Map<string, Field> {
  const index = new Map<string, Field>();
  for (const [field, labels] of Object.entries(LABELS) as [Field, readonly string[]][]) {
    for (const label of labels) {
      const key = fold(label);
      if (!index.has(key)) index.set(key, field);
    }
  }
  return index;
}

function buildInitialIndex(): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const label of LABEL_FIELDS.keys()) {
    const initial = label[0] ?? "";
    const list = index.get(initial) ?? [];
    list.push(label);
    index.set(initial, list);
  }
  for (const list of index.values()) list.sort((a, b) => b.length - a.length);
  return index;
}

// ---------------------------------------------------------------------------------------------------------
// Separators.

/** Words (folded) that say "forwarded" in a separator phrase. */
const FORWARD_WORDS = words(
  "forward|fwd|weitergeleitet|transfere|transmis|reexpedie|reenviado|inoltrat|encaminhad|doorgestuurd",
  "videresendt|vidarebefordra|edelleenlahetetty|valitetty|tovabbitott|przekaz|preposlan|preposilan",
  "proslije|redirectionat|redirecţionat|пересыла|пересила|переадрес|перенаправлен|переслан|iletil",
  "ileti baslangıcı|diteruskan|teruskan|転送|转发|轉寄|προωθ|전달",
);

interface Separator {
  forward: boolean;
  /** Text after the closing dashes on the same line (Yahoo writes the whole header block there). */
  inline: string | null;
}

function separatorOf(trimmed: string): Separator | null {
  const first = trimmed[0];
  if (first === "-" || first === "—" || first === "–") return dashedSeparator(trimmed);
  if (isRule(trimmed)) return { forward: false, inline: null };
  return phraseSeparator(trimmed);
}

/** "__________", "==========": Outlook's rule above a header block. */
function isRule(trimmed: string): boolean {
  if (trimmed.length < 8) return false;
  const ch = trimmed[0];
  if (ch !== "_" && ch !== "=" && ch !== "─" && ch !== "━") return false;
  for (let i = 1; i < trimmed.length; i++) if (trimmed[i] !== ch) return false;
  return true;
}

function isDash(ch: string | undefined): boolean {
  return ch === "-" || ch === "—" || ch === "–";
}

/** "---------- Forwarded message ---------", "-----Original Message-----", "----- X ----- From: ...". */
function dashedSeparator(trimmed: string): Separator | null {
  let i = 0;
  while (isDash(trimmed[i])) i++;
  if (i < 2) return null;
  if (i === trimmed.length) return i >= 5 ? { forward: false, inline: null } : null;
  const phraseStart = i;
  let phraseEnd = -1;
  for (let j = i; j < trimmed.length - 1 && j < i + 120; j++) {
    if (isDash(trimmed[j]) && isDash(trimmed[j + 1])) {
      phraseEnd = j;
      break;
    }
  }
  if (phraseEnd < 0) return null;
  const phrase = fold(trimmed.slice(phraseStart, phraseEnd)).trim();
  if (!/\p{L}/u.test(phrase)) return null;
  let k = phraseEnd;
  while (isDash(trimmed[k])) k++;
  const rest = trimmed.slice(k).trim();
  const forward = includesAny(phrase, FORWARD_WORDS);
  // Thunderbird (sk) writes "-------- Preposlaná správa --- Forwarded Message --------": a second phrase.
  if (rest.endsWith("--"))
    return { forward: forward || includesAny(fold(rest), FORWARD_WORDS), inline: null };
  return { forward, inline: rest === "" ? null : rest };
}

/** "Begin forwarded message:", "Awal pesan yang diteruskan:", "Forwarded message:" (Apple Mail, MailMate). */
function phraseSeparator(trimmed: string): Separator | null {
  if (trimmed.length > 80 || !endsWithColon(trimmed) || trimmed.includes("@")) return null;
  const phrase = fold(trimmed);
  if (!includesAny(phrase, FORWARD_WORDS)) return null;
  return { forward: true, inline: null };
}

function includesAny(text: string, words: readonly string[]): boolean {
  for (const word of words) if (text.includes(word)) return true;
  return false;
}

function endsWithColon(text: string): boolean {
  const last = text[text.length - 1];
  return last === ":" || last === "：";
}

// ---------------------------------------------------------------------------------------------------------
// Reading lines.

/** Line breaks as LF and no byte-order marks (Outlook 2019 leaves them mid-text), for a note or a body. */
function normalizeText(text: string): string {
  let out = text;
  if (out.includes("\uFEFF")) out = out.replaceAll("\uFEFF", "");
  if (out.includes("\r")) out = out.replaceAll("\r\n", "\n").replaceAll("\r", "\n");
  return out;
}

/**
 * The first `maxLines` lines, split at LF, CRLF or CR without rewriting the whole text first (1 MB of
 * CRLF costs tens of milliseconds to normalize): offsets stay those of `text`.
 */
function readLines(text: string, maxLines: number): ScanLine[] {
  const lines: ScanLine[] = [];
  let start = 0;
  let nextLf = text.indexOf("\n");
  let nextCr = text.indexOf("\r");
  while (start <= text.length && lines.length < maxLines) {
    if (nextLf >= 0 && nextLf < start) nextLf = text.indexOf("\n", start);
    if (nextCr >= 0 && nextCr < start) nextCr = text.indexOf("\r", start);
    const end = firstOf(nextLf, nextCr, text.length);
    lines.push(scanLine(text, start, end));
    start = end + (text[end] === "\r" && text[end + 1] === "\n" ? 2 : 1);
  }
  return lines;
}

function firstOf(a: number, b: number, otherwise: number): number {
  if (a < 0) return b < 0 ? otherwise : b;
  return b < 0 ? a : Math.min(a, b);
}

function scanLine(text: string, start: number, end: number): ScanLine {
  let raw = text.slice(start, Math.min(end, start + MAX_LINE_CHARS));
  if (raw.includes("\uFEFF")) raw = raw.replaceAll("\uFEFF", "");
  const { depth, rest } = splitQuotePrefix(raw);
  return { start, end, depth, content: rest, trimmed: rest.trim() };
}

/** Counts leading `>` markers ("> > text" too) and drops them with the one space that follows. */
function splitQuotePrefix(line: string): { depth: number; rest: string } {
  let i = 0;
  let depth = 0;
  while (depth < MAX_QUOTE_DEPTH) {
    let j = i;
    while ((line[j] === " " || line[j] === "\t") && j - i < 3) j++;
    if (line[j] !== ">") break;
    depth++;
    i = j + 1;
  }
  if (depth > 0 && line[i] === " ") i++;
  return { depth, rest: depth > 0 ? line.slice(i) : line };
}

/** Removes up to `levels` quote markers from every line of `text`. */
function stripQuoteLevels(text: string, levels: number): string {
  if (levels <= 0) return text;
  const lines = text.split("\n");
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] ?? "";
    let at = 0;
    for (let level = 0; level < levels; level++) {
      let marker = at;
      while ((line[marker] === " " || line[marker] === "\t") && marker - at < 3) marker++;
      if (line[marker] !== ">") break;
      at = line[marker + 1] === " " ? marker + 2 : marker + 1;
    }
    if (at > 0) lines[n] = line.slice(at);
  }
  return lines.join("\n");
}

/** Outlook 2019 indents the forwarded text by four spaces. */
function dedentFourSpaces(text: string): string {
  if (!everyLine(text, (line) => line.trim() === "" || line.startsWith("    "))) return text;
  return text
    .split("\n")
    .map((line) => line.slice(Math.min(4, line.length - line.trimStart().length)))
    .join("\n");
}

// ---------------------------------------------------------------------------------------------------------
// Header lines and blocks.

interface LabelLine {
  field: Field;
  value: string;
}

/** "From: x", "*From:* x", "De : x", "送信元：x", "Subject: \tx" when the label is a known one. */
function labelLineOf(trimmed: string): LabelLine | null {
  let colon = -1;
  const limit = Math.min(trimmed.length, LONGEST_LABEL + 6);
  for (let i = 1; i < limit; i++) {
    const ch = trimmed[i];
    if (ch === ":" || ch === "：") {
      colon = i;
      break;
    }
  }
  if (colon < 0) return null;
  const rawLabel = trimmed.slice(0, colon);
  const label = collapseSpaces(fold(rawLabel.replace(/\*/g, "")));
  if (label === "" || /\d/.test(label)) return null;
  const field = LABEL_FIELDS.get(label);
  if (!field) return null;
  let value = trimmed.slice(colon + 1);
  if (rawLabel.trimStart().startsWith("*")) value = value.replace(/^\s*\*+/, "");
  return { field, value: value.trim() };
}

/** Reads the run of header lines that starts at `start`; null when the first line is not one. */
function readBlock(lines: readonly ScanLine[], start: number): HeaderBlock | null {
  const first = lines[start];
  if (!first) return null;
  const firstLabel = labelLineOf(first.trimmed);
  if (!firstLabel) return null;
  const fields = new Map<Field, string>();
  let last: Field = firstLabel.field;
  let i = start;
  for (; i < lines.length && i < start + MAX_BLOCK_LINES; i++) {
    const line = lines[i] as ScanLine;
    if (line.depth !== first.depth || line.trimmed === "") break;
    const labelled = labelLineOf(line.trimmed);
    if (labelled) {
      if (!fields.has(labelled.field)) fields.set(labelled.field, labelled.value);
      last = labelled.field;
      continue;
    }
    if (!continuesAddressList(line, last, fields)) break;
    fields.set(last, `${fields.get(last) ?? ""} ${line.trimmed}`.slice(0, MAX_VALUE_CHARS));
  }
  return { fields, firstField: firstLabel.field, endLine: i, depth: first.depth };
}

/** A long To/Cc list wrapped onto an indented next line, or after a trailing comma. */
function continuesAddressList(line: ScanLine, last: Field, fields: Map<Field, string>): boolean {
  if (last !== "to" && last !== "cc" && last !== "bcc") return false;
  const previous = fields.get(last) ?? "";
  const indented = line.content.startsWith(" ") || line.content.startsWith("\t");
  return (indented || /[,;]$/.test(previous)) && line.trimmed.includes("@");
}

/** The header block that follows a separator at `index`, skipping a few blank lines. */
function blockAfter(lines: readonly ScanLine[], index: number): HeaderBlock | null {
  let seen = 0;
  for (let i = index + 1; i < lines.length && seen <= MAX_GAP_AFTER_SEPARATOR; i++) {
    const line = lines[i] as ScanLine;
    if (line.trimmed === "") {
      seen++;
      continue;
    }
    return readBlock(lines, i);
  }
  return null;
}

function isHeaderBlock(block: HeaderBlock): boolean {
  if (!block.fields.get("from")) return false;
  for (const field of ["to", "cc", "date", "subject", "replyTo"] as const) {
    if (block.fields.has(field)) return true;
  }
  return false;
}

/**
 * Yahoo writes the block on the separator's line with no breaks:
 * "From: John <j@x>To: "b@x" <b@x>Cc: ...Sent: Tuesday, ... GMT+1Subject: ...". Labels are found where a
 * known label starts with a capital (or a caseless script) and is followed by a colon.
 */
function inlineBlock(inline: string, endLine: number, depth: number): HeaderBlock | null {
  // Cheap test first: Yahoo's inline block starts with its From label.
  if (labelLineOf(inline.slice(0, LONGEST_LABEL + 8))?.field !== "from") return null;
  const text = inline.slice(0, MAX_INLINE_CHARS);
  const folded = foldPerChar(text);
  const hits = inlineLabelHits(text, folded, true);
  const missing = (["subject", "cc"] as const).filter((field) => !hits.some((hit) => hit.field === field));
  // Yahoo (pt, pl) drops the colon after "Assunto" and "Dw": look for those labels followed by a space.
  if (missing.length > 0) {
    for (const hit of inlineLabelHits(text, folded, false)) {
      if (missing.includes(hit.field as "subject" | "cc") && !overlapsAny(hit, hits)) hits.push(hit);
    }
    hits.sort((a, b) => a.at - b.at);
  }
  const firstHit = hits[0];
  if (firstHit?.at !== 0) return null;
  const fields = new Map<Field, string>();
  hits.forEach((hit, n) => {
    const next = hits[n + 1];
    const value = text.slice(hit.valueAt, next ? next.at : text.length).trim();
    if (!fields.has(hit.field)) fields.set(hit.field, value);
  });
  return { fields, firstField: firstHit.field, endLine, depth };
}

interface InlineHit {
  at: number;
  valueAt: number;
  field: Field;
}

function inlineLabelHits(text: string, folded: string, withColon: boolean): InlineHit[] {
  const hits: InlineHit[] = [];
  for (let at = 0; at < text.length; at++) {
    if (!mayStartInlineLabel(text, at)) continue;
    const hit = inlineLabelAt(text, folded, at, withColon);
    if (!hit) continue;
    hits.push(hit);
    at = hit.valueAt - 1;
  }
  return hits;
}

/** A label starts the line, or starts with a capital letter, or is written in a script without case. */
function mayStartInlineLabel(text: string, at: number): boolean {
  if (at === 0) return true;
  const ch = text[at] ?? "";
  if (!/\p{L}/u.test(ch)) return false;
  const upper = ch.toUpperCase();
  const lower = ch.toLowerCase();
  if (upper === lower) return true;
  return ch === upper && ch !== lower;
}

function inlineLabelAt(text: string, folded: string, at: number, withColon: boolean): InlineHit | null {
  const candidates = LABELS_BY_INITIAL.get(folded[at] ?? "") ?? [];
  for (const label of candidates) {
    const field = LABEL_FIELDS.get(label);
    if (!field || !folded.startsWith(label, at)) continue;
    let k = at + label.length;
    if (withColon) {
      while ((text[k] === " " || text[k] === "\u00A0") && k - (at + label.length) < 2) k++;
      if (text[k] !== ":" && text[k] !== "：") continue;
      k++;
    } else if (text[k] !== " " || label.length < 2 || (field !== "subject" && field !== "cc")) {
      continue;
    }
    return { at, valueAt: k, field };
  }
  return null;
}

function overlapsAny(hit: InlineHit, hits: readonly InlineHit[]): boolean {
  return hits.some((other) => hit.at < other.valueAt && other.at < hit.valueAt);
}

// ---------------------------------------------------------------------------------------------------------
// "On … wrote:" lines.

/** Folded verbs that end an attribution line ("wrote", "a écrit", "menulis"...). */
const WROTE_WORDS = words(
  "wrote|schrieb|a ecrit|escribio|ha scritto|scrisse|geschreven|schreef|skrev|napsal|napisał|napisala",
  "написал|написав|написала|napisal|kirjoitti|irta|escreveu|yazdı|yazdi|menulis|scrise|kirjutas|rašė|写道",
  "のメッセージ|書きました|έγραψε|작성",
);

interface Attribution {
  /** Index of the last line of the attribution (Gmail wraps "wrote:" onto its own line). */
  lastLine: number;
  text: string;
}

function attributionAt(lines: readonly ScanLine[], index: number): Attribution | null {
  const line = lines[index] as ScanLine;
  const text = line.trimmed;
  if (text.length > MAX_ATTRIBUTION_CHARS || !/\d/.test(text)) return null;
  if (endsWithColon(text)) return hasWroteVerb(text) ? { lastLine: index, text } : null;
  const next = lines[index + 1];
  if (!next || next.trimmed.length > 40 || !endsWithColon(next.trimmed)) return null;
  const joined = `${text} ${next.trimmed}`;
  return hasWroteVerb(joined) ? { lastLine: index + 1, text: joined } : null;
}

function hasWroteVerb(text: string): boolean {
  return includesAny(fold(text), WROTE_WORDS);
}

interface AddressSpan {
  address: string;
  start: number;
  end: number;
}

/** The first e-mail address in `text` with any brackets around it ("(<x@y>)" counts as one span). */
function findAddressSpan(text: string): AddressSpan | null {
  const at = text.indexOf("@");
  if (at <= 0) return null;
  let start = at;
  while (start > 0 && isAddressChar(text[start - 1])) start--;
  let end = at + 1;
  while (end < text.length && isAddressChar(text[end])) end++;
  const address = text.slice(start, end).replace(/^mailto:/i, "");
  if (!isAddress(address)) return null;
  while (start > 0 && "<[(".includes(text[start - 1] ?? "x") && ">])".includes(text[end] ?? "x")) {
    start--;
    end++;
  }
  return { address, start, end };
}

function isAddressChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}._%+\-=!#$&*/?^`{|}~@]/u.test(ch);
}

function isAddress(text: string): boolean {
  const at = text.indexOf("@");
  return at > 0 && at === text.lastIndexOf("@") && at < text.length - 1 && !/\s/.test(text);
}

const QUOTE_PAIRS: Record<string, string> = { '"': '"', "”": "“„", "»": "«", "«": "»", "'": "'", "’": "‘'" };

/** The sender of an "On … wrote:" line: the quoted or capitalised words just before the address. */
function attributionSender(text: string): {
  from: Address | null;
  nameStart: number;
  span: AddressSpan | null;
} {
  const span = findAddressSpan(text);
  if (!span) return { from: null, nameStart: -1, span: null };
  const before = text.slice(0, span.start).trimEnd();
  const quoted = quotedNameAtEnd(before);
  if (quoted) return { from: { name: quoted.name, address: span.address }, nameStart: quoted.start, span };
  const words = before.split(/\s+/);
  const nameWords: string[] = [];
  for (let n = words.length - 1; n >= 0 && nameWords.length < 5; n--) {
    const word = words[n] ?? "";
    if (!isNameWord(word)) break;
    nameWords.unshift(word);
  }
  const name = nameWords.join(" ");
  const nameStart = name === "" ? span.start : before.length - name.length;
  return { from: { name: cleanName(name, span.address), address: span.address }, nameStart, span };
}

function quotedNameAtEnd(before: string): { name: string; start: number } | null {
  const close = before[before.length - 1] ?? "";
  const opens = QUOTE_PAIRS[close];
  if (!opens) return null;
  for (let i = before.length - 2; i >= 0 && i >= before.length - 120; i--) {
    if (opens.includes(before[i] ?? "")) {
      return { name: collapseSpaces(before.slice(i + 1, before.length - 1)), start: i };
    }
  }
  return null;
}

const NAME_PARTICLES = new Set(words("van|de|der|den|von|da|di|del|la|le|bin|binti"));

/** A capitalised word (or one in a script without case) that is not a time, a zone or punctuation. */
function isNameWord(word: string): boolean {
  if (word === "" || /[\d,:;]/.test(word) || /^[ap]\.?m\.?$/i.test(word)) return false;
  if (ZONE_OFFSETS.has(word)) return false;
  if (NAME_PARTICLES.has(word)) return true;
  const first = word.replace(/^["'“„«(]+/, "")[0] ?? "";
  if (!/\p{L}/u.test(first)) return false;
  return first !== first.toLowerCase() || first === first.toUpperCase();
}

/** The date part of an attribution: from its first date-like word to its last word with a digit. */
function attributionDate(text: string, nameStart: number, span: AddressSpan | null): string | null {
  const withoutSender = span && nameStart >= 0 ? `${text.slice(0, nameStart)} ${text.slice(span.end)}` : text;
  const words = withoutSender
    .replace(/[:：]\s*$/, "")
    .split(/\s+/)
    .filter((word) => word !== "");
  let first = -1;
  let last = -1;
  words.forEach((word, n) => {
    const dateLike = /\d/.test(word) || monthOf(word, false) !== null;
    if (dateLike && first < 0) first = n;
    if (/\d/.test(word)) last = n;
  });
  if (first < 0 || last < 0) return null;
  while (last + 1 < words.length && isTimeSuffix(words[last + 1] ?? "")) last++;
  const date = words
    .slice(first, last + 1)
    .join(" ")
    .replace(/[,:]+$/, "");
  return date === "" ? null : date;
}

function isTimeSuffix(word: string): boolean {
  return /^[ap]\.?m\.?,?$/i.test(word) || ZONE_OFFSETS.has(word.replace(/,$/, ""));
}

// ---------------------------------------------------------------------------------------------------------
// Addresses.

/** One mailbox: `"Name" <x@y>`, `Name [mailto:x@y]`, `x@y <x@y>`, `x@y (Name)`, `Name` (no address). */
function parseMailbox(text: string): Address | null {
  const segment = unwrapMailto(text).trim();
  if (segment === "") return null;
  const group = bracketedAddress(segment);
  if (group) {
    let name = cleanName(segment.slice(0, group.start), group.address);
    if (name === "") name = cleanName(segment.slice(group.end), group.address);
    return { name, address: group.address };
  }
  const bare = findAddressSpan(segment);
  if (bare) {
    const rest = `${segment.slice(0, bare.start)} ${segment.slice(bare.end)}`;
    return { name: cleanName(rest, bare.address), address: bare.address };
  }
  const name = cleanName(segment, null);
  return name === "" ? null : { name, address: null };
}

/** A list of mailboxes separated by commas or semicolons outside quotes and brackets (the first 100). */
function parseMailboxList(text: string): Address[] {
  const segments = mergeSplitNames(splitMailboxes(unwrapMailto(text)));
  const out: Address[] = [];
  for (const segment of segments) {
    if (out.length >= MAX_RECIPIENTS) break;
    const mailbox = parseMailbox(segment);
    if (mailbox) out.push(mailbox);
  }
  return out;
}

const MAILTO = /[<[]\s*mailto:([^<>[\]\s]*)\s*[>\]]/gi;

/**
 * Outlook and Gmail write links next to addresses: `x@y<mailto:x@y>`, `<x@y<mailto:x@y>>`,
 * `Name [mailto:x@y]`. Links are dropped when the text names the address anyway, else they become `<x@y>`.
 */
function unwrapMailto(text: string): string {
  if (!/mailto:/i.test(text)) return text;
  const stripped = text.replace(MAILTO, "");
  const out = stripped.includes("@") ? stripped : text.replace(MAILTO, "<$1>");
  return out.replace(/mailto:/gi, "");
}

function splitMailboxes(text: string): { text: string; separator: string }[] {
  const parts: { text: string; separator: string }[] = [];
  let current = "";
  let closer = "";
  for (const ch of text) {
    if (closer !== "") {
      current += ch;
      if (ch === closer) closer = "";
      continue;
    }
    if (ch === "," || ch === ";") {
      parts.push({ text: current, separator: ch });
      current = "";
      continue;
    }
    closer = openerCloser(ch, current);
    current += ch;
  }
  parts.push({ text: current, separator: "" });
  return parts;
}

/** The character that closes a quote or bracket opened by `ch`, or "" (an apostrophe inside a name is text). */
function openerCloser(ch: string, current: string): string {
  switch (ch) {
    case '"':
      return '"';
    case "<":
      return ">";
    case "[":
      return "]";
    case "(":
      return ")";
    case "«":
      return "»";
    case "„":
    case "“":
      return "”";
    case "'":
      return current.trim() === "" ? "'" : "";
    default:
      return "";
  }
}

/** Outlook's "Doe, John <j@x>": a one-word piece without an address belongs to the next piece. */
function mergeSplitNames(parts: { text: string; separator: string }[]): string[] {
  const out: string[] = [];
  for (let n = 0; n < parts.length; n++) {
    const part = parts[n] as { text: string; separator: string };
    const next = parts[n + 1];
    const word = part.text.trim();
    if (next && part.separator === "," && word !== "" && !/[\s@]/.test(word) && hasAngleAddress(next.text)) {
      next.text = `${part.text},${next.text}`;
      continue;
    }
    out.push(part.text);
  }
  return out;
}

/** Whether the first `<…>` of `text` holds an address (no regex: "<<<<…" must stay linear). */
function hasAngleAddress(text: string): boolean {
  const open = text.indexOf("<");
  if (open < 0) return false;
  const at = text.indexOf("@", open);
  const close = text.indexOf(">", open);
  return at >= 0 && (close < 0 || at < close);
}

/** Brackets tried per kind: a hostile "<<<<…>" must not cost a search per bracket. */
const MAX_BRACKET_TRIES = 16;

function bracketedAddress(text: string): { address: string; start: number; end: number } | null {
  for (const [open, close] of [
    ["<", ">"],
    ["[", "]"],
    ["(", ")"],
  ] as const) {
    let from = 0;
    for (let tries = 0; tries < MAX_BRACKET_TRIES && from < text.length; tries++) {
      const start = text.indexOf(open, from);
      if (start < 0) break;
      const end = text.indexOf(close, start + 1);
      if (end < 0) break;
      const inner = text
        .slice(start + 1, end)
        .trim()
        .replace(/^<|>$/g, "")
        .replace(/^["']|["']$/g, "");
      if (isAddress(inner)) return { address: inner, start, end: end + 1 };
      from = start + 1;
    }
  }
  return null;
}

const NAME_EDGE_CHARS = new Set([..."\"'“”„«»‘’()[]<>,;:*"]);

/** Drops quotes, brackets and punctuation around a name (a loop: an edge regex is quadratic on "((((x"). */
function trimNameEdges(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (NAME_EDGE_CHARS.has(text[start] ?? "") || /\s/.test(text[start] ?? ""))) start++;
  while (end > start && (NAME_EDGE_CHARS.has(text[end - 1] ?? "") || /\s/.test(text[end - 1] ?? ""))) end--;
  return text.slice(start, end);
}

function cleanName(text: string, address: string | null): string {
  const name = collapseSpaces(trimNameEdges(text));
  if (name === "") return "";
  if (address !== null && name.toLowerCase() === address.toLowerCase()) return "";
  if (isAddress(name)) return "";
  return name;
}

// ---------------------------------------------------------------------------------------------------------
// Subjects.

/** Forward prefixes (folded): Outlook, Gmail, Apple Mail and webmail in the languages they ship. */
const FORWARD_PREFIXES = new Set(
  words(
    "fw|fwd|tr|trs|teruskan|wg|vs|vb|vl|rv|i|enc|pd|İLT|redir|doorst|videresend|videresendt",
    "vidarebefordrat|továbbítás|inoltro|πρθ|转发|轉寄|転送",
  ).map(fold),
);

/** Reply prefixes (folded). VS is read as a forward (Danish, Norwegian), as the peer suite has it. */
const REPLY_PREFIXES = new Set(
  words(
    "re|aw|sv|antw|antwort|odp|ynt|vá|r|rif|res|atb|ats|odg|bls|balas|отв|απ|σχετ|回复|回覆|答复|返信|svar",
  ).map(fold),
);

const PREFIX = /^\s*([\p{L}\p{M}]{1,12}\.?)\s?(?:[[(]\d{1,3}[\])])?\s?[:：]\s*/u;
const LEADING_TAG = /^\s*\[[^\]]{1,40}\]\s*/;

type PrefixKind = "forward" | "reply";

function prefixAt(subject: string): { kind: PrefixKind; length: number } | null {
  const match = PREFIX.exec(subject);
  if (!match) return null;
  const word = fold(match[1] ?? "").replace(/\.$/, "");
  if (FORWARD_PREFIXES.has(word)) return { kind: "forward", length: match[0].length };
  if (REPLY_PREFIXES.has(word)) return { kind: "reply", length: match[0].length };
  return null;
}

/** "Fwd: RE: FW: x" → "x"; localised prefixes too (AW, WG, TR, RV, VS, SV, Antw, İLT, Redir. ...). */
export function stripSubjectPrefixes(subject: string): string {
  let rest = String(subject ?? "").slice(0, MAX_SUBJECT_CHARS);
  for (let n = 0; n < 50; n++) {
    const prefix = prefixAt(rest);
    if (!prefix) break;
    rest = rest.slice(prefix.length);
  }
  return collapseSpaces(rest);
}

/** Whether the outer subject calls the message a forward or a reply (a leading "[EXTERNAL]" tag is skipped). */
function subjectKind(subject: string | null): SubjectKind {
  if (!subject) return "none";
  const prefix = prefixAt(subject.slice(0, 200).replace(LEADING_TAG, ""));
  return prefix ? prefix.kind : "none";
}

/**
 * The original's subject when its header block has none (Outlook 2019): the outer subject without the
 * forward prefixes the forwarding added. A "RE:" after them stays: the original was a reply.
 */
function subjectFromOuter(subject: string | null): string | null {
  if (subject === null) return null;
  let rest = subject.slice(0, MAX_SUBJECT_CHARS).replace(LEADING_TAG, "");
  for (let n = 0; n < 50; n++) {
    const prefix = prefixAt(rest);
    if (prefix?.kind !== "forward") break;
    rest = rest.slice(prefix.length);
  }
  return collapseSpaces(rest);
}

// ---------------------------------------------------------------------------------------------------------
// Dates as mail clients write them in forward headers.

/** Month names and abbreviations (as written; folded when indexed), month by month. */
const MONTH_WORDS: readonly (readonly string[])[] = [
  // 1
  words(
    "january|jan|januari|januar|jänner|janvier|janv|enero|ene|janeiro|gennaio|gen|januára|január|stycznia",
    "styczeń|sty|ledna|leden|led|siječnja|siječanj|sij|ianuarie|ian|января|январь|янв|січня|січень|січ",
    "ocak|oca|tammikuuta|tammikuu|tammik|jaanuar|jaan",
  ),
  // 2
  words(
    "february|feb|februari|februar|février|févr|fév|febrero|fevereiro|fev|febbraio|februára|február",
    "febr|lutego|luty|lut|února|únor|úno|veljače|veljača|velj|februarie|февраля|февраль|февр|фев|лютого",
    "лютий|лют|şubat|şub|helmikuuta|helmikuu|helmik|veebruar|veebr",
  ),
  // 3
  words(
    "march|mar|maret|märz|mär|mrz|maart|mrt|mars|marzo|março|marca|marec|marzec|března|březen|bře|ožujka",
    "ožujak|ožu|március|márc|martie|марта|март|мар|березня|березень|бер|mart|maaliskuuta|maaliskuu|maalisk",
    "märts|marts",
  ),
  // 4
  words(
    "april|apr|avril|avr|abril|abr|aprile|kwietnia|kwiecień|kwi|apríla|apríl|dubna|duben|dub|travnja",
    "travanj|tra|április|ápr|aprilie|апреля|апрель|апр|квітня|квітень|квіт|кві|nisan|nis|huhtikuuta",
    "huhtikuu|huhtik|aprill",
  ),
  // 5
  words(
    "may|mei|mai|mayo|maio|maggio|mag|maja|maj|mája|máj|května|květen|kvě|svibnja|svibanj|svi|május|мая",
    "май|травня|травень|трав|тра|mayıs|toukokuuta|toukokuu|toukok",
  ),
  // 6
  words(
    "june|jun|juni|juin|junio|junho|giugno|giu|czerwca|czerwiec|cze|júna|jún|června|červen|čvn|lipnja",
    "lipanj|június|iunie|iun|июня|июнь|июн|червня|червень|черв|чер|haziran|haz|kesäkuuta|kesäkuu|kesäk",
    "juuni",
  ),
  // 7
  words(
    "july|jul|juli|juillet|juil|julio|julho|luglio|lug|lipca|lipiec|júla|júl|července|červenec|čvc|srpnja",
    "srpanj|július|iulie|iul|июля|июль|июл|липня|липень|лип|temmuz|tem|heinäkuuta|heinäkuu|heinäk|juuli",
  ),
  // 8
  words(
    "august|aug|agustus|agu|agt|ags|augustus|août|aout|agosto|ago|sierpnia|sierpień|sie|augusta|srpna",
    "srpen|kolovoza|kolovoz|kol|augusztus|августа|август|авг|серпня|серпень|серп|сер|ağustos|ağu|elokuuta",
    "elokuu|elok|augusti",
  ),
  // 9
  words(
    "september|sep|sept|septembre|septiembre|setiembre|setembro|set|settembre|września|wrzesień|wrz",
    "septembra|září|zář|rujna|rujan|ruj|szeptember|szept|septembrie|сентября|сентябрь|сент|сен|вересня",
    "вересень|вер|eylül|eyl|syyskuuta|syyskuu|syysk",
  ),
  // 10
  words(
    "october|oct|oktober|okt|octobre|octubre|outubro|out|ottobre|ott|października|październik|paź|októbra",
    "október|října|říjen|říj|octombrie|октября|октябрь|окт|жовтня|жовтень|жовт|жов|ekim|eki|lokakuuta",
    "lokakuu|lokak|oktoober",
  ),
  // 11
  words(
    "november|nov|novembre|noviembre|novembro|listopada|listopad|lis|novembra|listopadu|studenoga|studenog",
    "studeni|stu|noiembrie|noi|ноября|ноябрь|нояб|ноя|листопада|листопад|лист|kasım|kas|marraskuuta",
    "marraskuu|marrask",
  ),
  // 12
  words(
    "december|dec|desember|des|dezember|dez|décembre|déc|diciembre|dic|dezembro|dicembre|grudnia|grudzień",
    "gru|decembra|prosince|prosinec|pro|prosinca|prosinac|decembrie|декабря|декабрь|дек|грудня|грудень",
    "груд|ara|aralık|joulukuuta|joulukuu|jouluk|detsember|dets",
  ),
];

/** Croatian names that other languages use for the next month (listopad is October in Croatian). */
const CROATIAN_MONTHS: ReadonlyMap<string, number> = new Map([
  ["lis", 10],
  ["listopad", 10],
  ["listopada", 10],
  ["lip", 6],
  ["srp", 7],
]);

const MONTHS: ReadonlyMap<string, number> = buildMonthIndex();

function buildMonthIndex(): Map<string, number> {
  const index = new Map<string, number>();
  MONTH_WORDS.forEach((list, n) => {
    for (const word of list) {
      const key = fold(word);
      if (!index.has(key)) index.set(key, n + 1);
    }
  });
  return index;
}

function monthOf(word: string, croatian: boolean): number | null {
  const key = fold(word).replace(/[.,]+$/, "");
  if (croatian) {
    const hr = CROATIAN_MONTHS.get(key);
    if (hr !== undefined) return hr;
  }
  return MONTHS.get(key) ?? null;
}

/** Zone names clients write after a time, in minutes east of UTC. */
const ZONE_OFFSETS: ReadonlyMap<string, number> = new Map([
  ["UTC", 0],
  ["GMT", 0],
  ["WIB", 420],
  ["WITA", 480],
  ["WIT", 540],
  ["EEST", 180],
  ["EET", 120],
  ["OESZ", 180],
  ["OEZ", 120],
  ["CEST", 120],
  ["CET", 60],
  ["MESZ", 120],
  ["MEZ", 60],
  ["SELČ", 120],
  ["SEČ", 60],
  ["BST", 60],
  ["WEST", 60],
  ["WET", 0],
  ["EST", -300],
  ["EDT", -240],
  ["CST", -360],
  ["CDT", -300],
  ["MST", -420],
  ["MDT", -360],
  ["PST", -480],
  ["PDT", -420],
  ["JST", 540],
  ["KST", 540],
  ["SGT", 480],
  ["HKT", 480],
  ["ICT", 420],
  ["PHT", 480],
  ["MYT", 480],
  ["AEST", 600],
  ["AEDT", 660],
]);

interface DateParts {
  year: number;
  month: number;
  day: number;
  /** Where the date was written, so that the time is looked for elsewhere. */
  start: number;
  end: number;
}

const MAX_DATE_CHARS = 200;

/**
 * A date as a mail client writes it in a forward header, in any of the supported languages:
 * "Wed, Oct 27, 2021 at 9:31 AM", "Sen, 17 Nov 2025 pukul 09.00", "26. října 2021 14:25:08 GMT+3",
 * "2021. okt. 27., Sze, 9:31", "28/10/2021 12:46", "2022年9月19日月曜日 17:55:44 -0400".
 * Numeric dates are day first unless that cannot be (or a 12-hour clock says the writer is American).
 */
export function parseHeaderDate(text: string): LocalDateTime | null {
  if (typeof text !== "string") return null;
  const source = text.slice(0, MAX_DATE_CHARS).replace(/\u00A0/g, " ");
  const time = findTime(source);
  const date =
    eastAsianDate(source) ?? namedMonthDate(source) ?? numericDate(source, time?.twelveHour ?? false);
  if (!date) return null;
  const clock = time && !overlaps(time, date) ? time : findTime(blank(source, date.start, date.end));
  if (!clock) return null;
  const result: LocalDateTime = {
    year: date.year,
    month: date.month,
    day: date.day,
    hour: clock.hour,
    minute: clock.minute,
  };
  const offset = findOffset(source.slice(clock.end));
  if (offset !== null) result.offsetMinutes = offset;
  return result;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + " ".repeat(end - start) + text.slice(end);
}

interface Clock {
  hour: number;
  minute: number;
  twelveHour: boolean;
  start: number;
  end: number;
}

const TIME = /(?<![\d.:/])(\d{1,2})([:.])(\d{2})(?:\2(\d{2}))?(?![\d/])(?:\s?([ap])\.?\s?m\b\.?)?/gi;

function findTime(text: string): Clock | null {
  TIME.lastIndex = 0;
  for (let match = TIME.exec(text); match; match = TIME.exec(text)) {
    let hour = Number(match[1]);
    const minute = Number(match[3]);
    const meridiem = match[5]?.toLowerCase();
    // A dotted triple like "27.10.21" is a date, not a time.
    if (match[2] === "." && match[4] !== undefined && Number(match[4]) > 59) continue;
    if (minute > 59 || hour > 24) continue;
    if (meridiem) {
      if (hour < 1 || hour > 12) continue;
      hour = (hour % 12) + (meridiem === "p" ? 12 : 0);
    }
    if (hour === 24) hour = 0;
    const start = match.index;
    return { hour, minute, twelveHour: meridiem !== undefined, start, end: start + match[0].length };
  }
  return null;
}

function eastAsianDate(text: string): DateParts | null {
  const match = /(\d{4})\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?日/.exec(text);
  if (!match) return null;
  return validDate(Number(match[1]), Number(match[2]), Number(match[3]), match.index, match[0].length);
}

interface Word {
  text: string;
  start: number;
  end: number;
}

function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  const pattern = /[^\s,]+/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    words.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return words;
}

/** "27 Oct 2021", "October 27, 2021", "2021. október 26.", "26 de octubre de 2021". */
function namedMonthDate(text: string): DateParts | null {
  const words = wordsOf(text);
  const yearAt = words.findIndex(
    (word) => /^\d{4}\.?$/.test(word.text) && isPlausibleYear(Number.parseInt(word.text, 10)),
  );
  if (yearAt < 0) return null;
  // Croatian writes "26. listopada 2021." (a dot after the year that follows the month); Hungarian puts the
  // dotted year first. In Croatian "listopad" is October, in Czech and Polish it is November.
  const yearDotted = (words[yearAt]?.text ?? "").endsWith(".");
  let monthAt = -1;
  let month = 0;
  words.forEach((word, n) => {
    const found = monthOf(word.text, yearDotted && n < yearAt);
    if (found === null) return;
    // Weekday abbreviations can spell a month ("mar" is Tuesday in Spanish): the month sits nearest the year.
    if (monthAt < 0 || Math.abs(n - yearAt) < Math.abs(monthAt - yearAt)) {
      monthAt = n;
      month = found;
    }
  });
  if (monthAt < 0) return null;
  const dayAt = nearestDay(words, monthAt, yearAt);
  if (dayAt < 0) return null;
  const day = Number.parseInt(words[dayAt]?.text ?? "", 10);
  const year = Number.parseInt(words[yearAt]?.text ?? "", 10);
  const first = words[Math.min(monthAt, dayAt, yearAt)] as Word;
  const last = words[Math.max(monthAt, dayAt, yearAt)] as Word;
  return validDate(year, month, day, first.start, last.end - first.start);
}

function nearestDay(words: readonly Word[], monthAt: number, yearAt: number): number {
  let best = -1;
  words.forEach((word, n) => {
    if (n === yearAt || !/^\d{1,2}\.?$/.test(word.text)) return;
    const day = Number.parseInt(word.text, 10);
    if (day < 1 || day > 31) return;
    if (best < 0 || Math.abs(n - monthAt) < Math.abs(best - monthAt)) best = n;
  });
  return best;
}

/** "28/10/2021", "27. 10. 2021", "2021-10-27", "02/10/2023 4:52 PM" (American when the clock is 12-hour). */
function numericDate(text: string, twelveHour: boolean): DateParts | null {
  const pattern = /(?<!\d)(\d{1,4})\s?([./-])\s?(\d{1,2})\s?\2\s?(\d{2,4})(?!\d)/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const [a, b, c] = [match[1] ?? "", Number(match[3]), match[4] ?? ""];
    let parts: [number, number, number] | null = null;
    if (a.length === 4) parts = [Number(a), b, Number(c)];
    else if (c.length === 4 || c.length === 2) {
      const year = c.length === 2 ? 2000 + Number(c) : Number(c);
      const first = Number(a);
      const monthFirst = first <= 12 && (b > 12 || (twelveHour && b <= 12));
      parts = monthFirst ? [year, first, b] : [year, b, first];
    }
    if (!parts) continue;
    const date = validDate(parts[0], parts[1], parts[2], match.index, match[0].length);
    if (date) return date;
  }
  return null;
}

function isPlausibleYear(year: number): boolean {
  return year >= 1970 && year <= 2100;
}

function validDate(
  year: number,
  month: number,
  day: number,
  start: number,
  length: number,
): DateParts | null {
  if (!isPlausibleYear(year) || month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return { year, month, day, start, end: start + length };
}

/** "+0100", "-04:00", "GMT+3", "UTC+05:30", "GMT", "EEST", "WIB". */
function findOffset(text: string): number | null {
  const numeric = /(?:^|[\s(])(?:GMT|UTC)?\s?([+\-−])(\d{1,2})(?::?(\d{2}))?(?![\d])/.exec(text);
  if (numeric) {
    const hours = Number(numeric[2]);
    const minutes = Number(numeric[3] ?? "0");
    if (hours <= 14 && minutes < 60) return (numeric[1] === "+" ? 1 : -1) * (hours * 60 + minutes);
  }
  for (const word of text.split(/[\s,()]+/)) {
    const zone = ZONE_OFFSETS.get(word.replace(/\.$/, ""));
    if (zone !== undefined) return zone;
    const glued = /^(?:GMT|UTC)([+\-−])(\d{1,2})(?::?(\d{2}))?$/.exec(word);
    if (glued) return (glued[1] === "+" ? 1 : -1) * (Number(glued[2]) * 60 + Number(glued[3] ?? "0"));
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Unwrapping.

/**
 * The original message inside a forward, or null when `text` is not a forward (a reply that quotes an
 * earlier mail is never unwrapped). `outerSubject` is the forwarding message's Subject header: its prefix
 * tells a forward ("Fwd:", "WG:", "RV:") from a reply ("Re:", "AW:"), and it supplies the original's subject
 * when the forwarded header block has none.
 */
export function unwrapForward(text: string, outerSubject: string | null): ForwardedOriginal | null {
  try {
    if (typeof text !== "string") return null;
    return findForward(text, typeof outerSubject === "string" ? outerSubject : null);
  } catch {
    // Malformed input must never break the mail pipeline: the message is then read as it is.
    return null;
  }
}

function findForward(text: string, outerSubject: string | null): ForwardedOriginal | null {
  const kind = subjectKind(outerSubject);
  if (kind === "reply") return null;
  const lines = readLines(text, MAX_SCAN_LINES + MAX_BLOCK_LINES + MAX_GAP_AFTER_SEPARATOR);
  const scanEnd = Math.min(lines.length, MAX_SCAN_LINES);
  for (let i = 0; i < scanEnd; i++) {
    const line = lines[i] as ScanLine;
    if (line.trimmed === "") continue;
    const separator = separatorOf(line.trimmed);
    if (separator) {
      const block = separatorBlock(lines, i, separator, line.depth);
      if (block && isSeparatedHeaderBlock(block, separator, kind)) {
        return fromBlock(text, lines, i, block, outerSubject);
      }
      continue;
    }
    const block = readBlock(lines, i);
    if (block) {
      if (isBareHeaderBlock(block, kind)) return fromBlock(text, lines, i, block, outerSubject);
      i = Math.max(i, block.endLine - 1);
      continue;
    }
    const attribution = attributionAt(lines, i);
    if (attribution) {
      // Outside a forward an "On … wrote:" line starts quoted history: this message is a reply.
      if (kind !== "forward") return null;
      const found = fromAttribution(text, lines, i, attribution, outerSubject);
      if (found) return found;
    }
  }
  return null;
}

function separatorBlock(
  lines: readonly ScanLine[],
  index: number,
  separator: Separator,
  depth: number,
): HeaderBlock | null {
  if (separator.inline !== null) {
    const inline = inlineBlock(separator.inline, index + 1, depth);
    if (inline && isHeaderBlock(inline)) return inline;
  }
  return blockAfter(lines, index);
}

/**
 * A header block under a separator. Under an Outlook rule or "Original Message" (which also sit above
 * quoted replies) and without a forward prefix on the subject, the From must name an address.
 */
function isSeparatedHeaderBlock(block: HeaderBlock, separator: Separator, kind: SubjectKind): boolean {
  if (!isHeaderBlock(block)) return false;
  return separator.forward || kind === "forward" || fromHasAddress(block);
}

function fromHasAddress(block: HeaderBlock): boolean {
  return (block.fields.get("from") ?? "").includes("@");
}

/**
 * A header block with no separator above it (new Outlook) starts with From, and its From names an address,
 * or the subject says forward and the block reads like a mail header (a date, and a To or a Subject): a
 * letter's "Dari: HRD / Tanggal: Senin / Waktu: 10.00" is not a forwarded message.
 */
function isBareHeaderBlock(block: HeaderBlock, kind: SubjectKind): boolean {
  if (!isHeaderBlock(block) || block.firstField !== "from") return false;
  if (fromHasAddress(block)) return true;
  const fields = block.fields;
  return kind === "forward" && fields.has("date") && (fields.has("to") || fields.has("subject"));
}

function fromBlock(
  text: string,
  lines: readonly ScanLine[],
  markerLine: number,
  block: HeaderBlock,
  outerSubject: string | null,
): ForwardedOriginal {
  const fields = block.fields;
  const fromValue = fields.get("from") ?? "";
  const dateText = fields.get("date") ?? null;
  const subject = fields.has("subject")
    ? collapseSpaces(fields.get("subject") ?? "")
    : subjectFromOuter(outerSubject);
  return {
    from: firstMailbox(fromValue),
    to: parseMailboxList(fields.get("to") ?? ""),
    cc: parseMailboxList(fields.get("cc") ?? ""),
    subject,
    dateText: dateText === "" ? null : dateText,
    date: dateText ? parseHeaderDate(dateText) : null,
    body: bodyFrom(text, lines, block.endLine, block.depth, false),
    note: noteAbove(text, lines, markerLine),
  };
}

/** The From value names one sender; a comma inside an unquoted name ("Doe, John <j@x>") is kept. */
function firstMailbox(value: string): Address | null {
  if (!value.includes("@")) return parseMailbox(value.replace(/[,;]+\s*$/, ""));
  return parseMailboxList(value)[0] ?? null;
}

function fromAttribution(
  text: string,
  lines: readonly ScanLine[],
  index: number,
  attribution: Attribution,
  outerSubject: string | null,
): ForwardedOriginal | null {
  const sender = attributionSender(attribution.text);
  if (!sender.from) return null;
  const dateText = attributionDate(attribution.text, sender.nameStart, sender.span);
  const depth = (lines[index] as ScanLine).depth;
  return {
    from: sender.from,
    to: [],
    cc: [],
    subject: subjectFromOuter(outerSubject),
    dateText,
    date: dateText ? parseHeaderDate(dateText) : null,
    body: bodyFrom(text, lines, attribution.lastLine + 1, depth, true),
    note: noteAbove(text, lines, index),
  };
}

function bodyFrom(
  text: string,
  lines: readonly ScanLine[],
  lineIndex: number,
  depth: number,
  outlookIndent: boolean,
): string {
  const start = lineStart(text, lines, lineIndex);
  let body = stripQuoteLevels(normalizeText(text.slice(start, start + MAX_BODY_CHARS)), depth);
  // Missive quotes the forwarded text under an unquoted header block.
  if (isWhollyQuoted(body)) body = stripQuoteLevels(body, 1);
  if (outlookIndent) body = dedentFourSpaces(body);
  return body.trim();
}

function isWhollyQuoted(text: string): boolean {
  return everyLine(text, (line) => line.trim() === "" || line.trimStart().startsWith(">")) && /\S/.test(text);
}

/** Whether every line passes `test`, stopping at the first that does not (no split of a 1 MB body). */
function everyLine(text: string, test: (line: string) => boolean): boolean {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    if (!test(text.slice(start, end))) return false;
    start = end + 1;
  }
  return true;
}

/** Where line `index` starts, also when it lies past the lines that were scanned. */
function lineStart(text: string, lines: readonly ScanLine[], index: number): number {
  const line = lines[index];
  if (line) return line.start;
  const last = lines[lines.length - 1];
  if (!last) return text.length;
  return Math.min(text.length, last.end + (text[last.end] === "\r" && text[last.end + 1] === "\n" ? 2 : 1));
}

function noteAbove(text: string, lines: readonly ScanLine[], lineIndex: number): string {
  const line = lines[lineIndex];
  return line ? normalizeText(text.slice(0, Math.min(line.start, MAX_NOTE_CHARS))).trim() : "";
}
