/** Text pasted from WhatsApp: one message, several copied with their prefixes, or a chat export (wa/FORMATS.md). */
import { fromWallClock } from "./zone";

export interface PastedMessage {
  /** When it was sent (UTC ms), from its prefix; null for a message copied without one. */
  at: number | null;
  author: string | null;
  text: string;
}

const AUTHOR = "([^:\\]\\n]{1,60}):\\s?";
const MERIDIEM = "(?:\\s*([ap])\\.?\\s?m\\.?)?";
// [09.12, 1/12/2025] Name:   (WhatsApp Web / Desktop: time first)
const WEB = new RegExp(
  `^\\[(\\d{1,2})[.:](\\d{2})${MERIDIEM},\\s*(\\d{1,2})[/.](\\d{1,2})[/.](\\d{2,4})\\]\\s*${AUTHOR}`,
  "i",
);
// [1/12, 09.12] Name:   [24/11/25 09.15.02] Name:   (phone copy and iOS export: date first)
const PHONE = new RegExp(
  `^\\[(\\d{1,2})[/.](\\d{1,2})\\.?(?:[/.](\\d{2,4}))?,?\\s+(\\d{1,2})[.:](\\d{2})(?:[.:]\\d{2})?${MERIDIEM}\\]\\s*${AUTHOR}`,
  "i",
);
// 30/08/25 18.00 - Name:   (Android export)
const EXPORT = new RegExp(
  `^(\\d{1,2})[/.](\\d{1,2})[/.](\\d{2,4}),?\\s+(\\d{1,2})[.:](\\d{2})${MERIDIEM}\\s+-\\s+${AUTHOR}`,
  "i",
);

interface Prefix {
  day: number;
  month: number;
  year: number | null;
  hour: number;
  minute: number;
  meridiem: string | undefined;
  author: string;
  length: number;
}

function readPrefix(line: string): Prefix | null {
  let m = WEB.exec(line);
  if (m) {
    return prefix(m[4], m[5], m[6], m[1], m[2], m[3], m[7], m[0].length);
  }
  m = PHONE.exec(line);
  if (m) return prefix(m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[0].length);
  m = EXPORT.exec(line);
  if (m) return prefix(m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[0].length);
  return null;
}

function prefix(
  a: string,
  b: string,
  year: string | undefined,
  hour: string,
  minute: string,
  meridiem: string | undefined,
  author: string,
  length: number,
): Prefix {
  let day = Number(a);
  let month = Number(b);
  // Day first, as the Indonesian UI writes it; an English-US UI writes the month first, which shows when the
  // second number cannot be a month.
  if (month > 12) [day, month] = [month, day];
  let y = year ? Number(year) : null;
  if (y !== null && y < 100) y += 2000;
  return {
    day,
    month,
    year: y,
    hour: Number(hour),
    minute: Number(minute),
    meridiem,
    author: author.trim(),
    length,
  };
}

function instant(p: Prefix, now: number, zone: string): number {
  let hour = p.hour % 12;
  if (!p.meridiem) hour = p.hour;
  else if (p.meridiem.toLowerCase() === "p") hour += 12;
  const year = p.year ?? new Date(now).getUTCFullYear();
  let at = fromWallClock({ year, month: p.month, day: p.day, hour, minute: p.minute }, zone);
  // A phone copy has no year: a date after the paste belongs to last year.
  if (p.year === null && at > now + 86400000) {
    at = fromWallClock({ year: year - 1, month: p.month, day: p.day, hour, minute: p.minute }, zone);
  }
  return at;
}

/** Splits pasted text into messages; a line without a prefix continues the message above it. */
export function readPasted(text: string, now: number, zone: string): PastedMessage[] {
  const messages: PastedMessage[] = [];
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const p = readPrefix(line);
    if (p) {
      messages.push({ at: instant(p, now, zone), author: p.author, text: line.slice(p.length) });
    } else if (messages.length) {
      messages[messages.length - 1].text += `\n${line}`;
    } else {
      messages.push({ at: null, author: null, text: line });
    }
  }
  return messages.filter((m) => m.text.trim().length > 0);
}
