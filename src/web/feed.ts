/**
 * The calendar feed: `/calendar/<secret>.ics`, subscribed to from Google Calendar or Apple Calendar. The secret
 * is the credential (no session); only its SHA-256 is stored, and making a new one replaces the old.
 * Everything from mail goes through `escapeText`, so a stranger's company name cannot add a line or a property.
 */

import { and, asc, eq, like, ne, or } from "drizzle-orm";
import { Hono } from "hono";
import type { Db } from "../db/queries";
import { database } from "../db/queries";
import { accounts, applications, interviews, reminders } from "../db/schema";
import type { WebEnv } from "./auth";
import { randomToken, sha256Hex, TOKEN_SHAPE } from "./crypto";

const INTERVIEW_MS = 60 * 60 * 1000;
const REMINDER_MS = 15 * 60 * 1000;

/** Makes a new secret for the account's feed and returns it; the previous one stops working. */
export async function newFeedSecret(db: Db, accountId: number): Promise<string> {
  const secret = randomToken();
  await db
    .update(accounts)
    .set({ feedSecretHash: await sha256Hex(secret) })
    .where(eq(accounts.id, accountId));
  return secret;
}

export function feedUrl(base: string, secret: string): string {
  return `${base}/calendar/${secret}.ics`;
}

/** RFC 5545 TEXT: backslash, semicolon, comma and line breaks escaped; other control characters dropped. */
export function escapeText(value: string): string {
  if (!/[\\;,\r\n\u2028\u2029\p{Cc}]/u.test(value)) return value;
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, "\\n")
    .replace(/\p{Cc}/gu, "");
}

/** UTF-8 octets of one code point. */
const octetsOf = (codePoint: number) =>
  codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;

/**
 * Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 sequence. Most lines are short ASCII
 * and go as they are: a feed of 500 applications has ten thousand of them.
 */
export function foldLine(line: string): string {
  if (line.length <= 75 && !/[^\x20-\x7e]/.test(line)) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = octetsOf(char.codePointAt(0) ?? 0);
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** 20251208T030000Z */
export function icsInstant(ms: number): string {
  const d = new Date(ms);
  return (
    `${String(d.getUTCFullYear()).padStart(4, "0")}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}` +
    `T${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}Z`
  );
}

export interface FeedInterview {
  id: number;
  startAt: number;
  endAt: number | null;
  meetingUrl: string | null;
  place: string | null;
  interviewer: string | null;
  company: string | null;
  position: string | null;
}

export interface FeedReminder {
  id: number;
  kind: string;
  dueAt: number;
  company: string | null;
  position: string | null;
}

const REMINDER_TITLE: Record<string, string> = {
  follow_up_1: "Follow up",
  follow_up_2: "Second follow-up",
  thank_you: "Thank-you note",
};

function title(company: string | null, position: string | null): string {
  return [company || "(no name)", position].filter(Boolean).join(" — ");
}

export function buildCalendar(
  host: string,
  now: number,
  list: { interviews: FeedInterview[]; reminders: FeedReminder[] },
): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "PRODID:-//kabari//calendar feed//EN",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "X-WR-CALNAME:kabari",
  ];
  const stamp = icsInstant(now);
  for (const i of list.interviews) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:interview-${i.id}@${host}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${icsInstant(i.startAt)}`,
      `DTEND:${icsInstant(i.endAt && i.endAt > i.startAt ? i.endAt : i.startAt + INTERVIEW_MS)}`,
      `SUMMARY:${escapeText(`Interview ${title(i.company, i.position)}`)}`,
    );
    const location = i.meetingUrl || i.place;
    if (location) lines.push(`LOCATION:${escapeText(location)}`);
    if (i.interviewer) lines.push(`DESCRIPTION:${escapeText(`Interviewer: ${i.interviewer}`)}`);
    lines.push("END:VEVENT");
  }
  for (const r of list.reminders) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:reminder-${r.id}@${host}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${icsInstant(r.dueAt)}`,
      `DTEND:${icsInstant(r.dueAt + REMINDER_MS)}`,
      `SUMMARY:${escapeText(`${REMINDER_TITLE[r.kind] ?? "Reminder"}: ${title(r.company, r.position)}`)}`,
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}

async function feedOf(db: Db, accountId: number) {
  const interviewRows = await db
    .select({
      id: interviews.id,
      startAt: interviews.startAt,
      endAt: interviews.endAt,
      meetingUrl: interviews.meetingUrl,
      place: interviews.place,
      interviewer: interviews.interviewer,
      company: applications.company,
      position: applications.position,
    })
    .from(interviews)
    .innerJoin(applications, eq(interviews.applicationId, applications.id))
    .where(and(eq(applications.accountId, accountId), ne(interviews.status, "cancelled")))
    .orderBy(asc(interviews.startAt))
    .all();
  const reminderRows = await db
    .select({
      id: reminders.id,
      kind: reminders.kind,
      dueAt: reminders.dueAt,
      company: applications.company,
      position: applications.position,
    })
    .from(reminders)
    .innerJoin(applications, eq(reminders.applicationId, applications.id))
    .where(
      and(
        eq(applications.accountId, accountId),
        eq(reminders.status, "pending"),
        or(like(reminders.kind, "follow_up%"), eq(reminders.kind, "thank_you")),
      ),
    )
    .orderBy(asc(reminders.dueAt))
    .all();
  return { interviews: interviewRows, reminders: reminderRows };
}

export const feedRoutes = new Hono<WebEnv>();

feedRoutes.get("/calendar/:file", async (c) => {
  const m = /^([A-Za-z0-9_-]+)\.ics$/.exec(c.req.param("file"));
  if (!m || !TOKEN_SHAPE.test(m[1])) return c.text("Not Found", 404);
  const db = database(c.env.DB);
  const account = await db.query.accounts.findFirst({
    where: eq(accounts.feedSecretHash, await sha256Hex(m[1])),
  });
  if (!account) return c.text("Not Found", 404);
  const host = new URL(c.env.PUBLIC_URL || c.req.url).hostname || "kabari";
  const body = buildCalendar(host, Date.now(), await feedOf(db, account.id));
  return c.body(body, 200, {
    "Content-Type": "text/calendar; charset=utf-8",
    "Cache-Control": "private, no-store",
  });
});
