/**
 * From a stored raw message to facts in D1: parse, extract, link, apply. Used for each new message and again
 * when the person re-reads stored mail after the extractor improved. Every step is recorded on the row, so a
 * crash leaves a row that says how far it got, and the raw message is already in R2.
 */
import {
  type Account,
  applicationById,
  type Db,
  type MessageRow,
  messageByOriginalKey,
  updateMessage,
} from "../db/queries";
import { replan } from "../db/reminders";
import { type ExtractOptions, extract, extractPasted } from "../extract";
import type { Facts, Mail } from "../extract/types";
import type { BusinessCalendar } from "../plan/calendar";
import { tooBigToRead } from "./limits";
import { applyInterview, findApplication, recruiterDomain, upsertApplication } from "./link";
import { PASTED_HEADER, parseMail } from "./parse";
import { normaliseAddress } from "./sender";

/** Bumped when extraction changes enough that stored messages are worth re-reading. */
export const EXTRACTOR_VERSION = 1;

export interface Outcome {
  /** The delivered message's subject, decoded; null when it could not be read. */
  subject: string | null;
  status: MessageRow["status"];
  reason: string | null;
  facts: Facts | null;
  applicationId: number | null;
}

async function review(db: Db, row: MessageRow, reason: string, now: number, facts: Facts | null = null) {
  await updateMessage(db, row.id, { status: "review", reviewReason: reason, updatedAt: now });
  return {
    subject: null,
    status: "review",
    reason,
    facts,
    applicationId: row.applicationId,
  } satisfies Outcome;
}

/** Doubtful facts go to review instead of being trusted. */
function doubt(facts: Facts): string | null {
  if (facts.confidence.kind < 0.55) return "not sure what kind of message this is";
  if (["invitation", "reschedule", "confirmation"].includes(facts.kind) && !facts.interview) {
    return "no interview date found";
  }
  if (!facts.company) return "company not found";
  return null;
}

export interface ProcessOptions {
  calendar: BusinessCalendar;
  limits: { bytes: number; lines: number };
}

/** The envelope sender recorded for text pasted on the /add page (no mail can arrive with it: not an address). */
export const PASTED_ON_SITE = "site:pasted";

/**
 * Text pasted on the /add page is kept as a minimal message marked with X-Kabari-Pasted, and its row says it came
 * from the site: it is read as pasted text (WhatsApp prefixes, corrections). Every other message, including a
 * forwarded one that carries the same header, is read as the email it is.
 */
export function extractStored(mail: Mail, row: MessageRow, opts: ExtractOptions): Facts {
  if (row.envelopeFrom === PASTED_ON_SITE && mail.headers[PASTED_HEADER] === "1") {
    return extractPasted(mail.text, opts);
  }
  return extract(mail, opts);
}

export async function processMessage(
  db: Db,
  account: Account,
  own: string[],
  row: MessageRow,
  raw: Uint8Array,
  now: number,
  options: ProcessOptions,
): Promise<Outcome> {
  const tooBig = tooBigToRead(raw, options.limits);
  if (tooBig) return review(db, row, tooBig, now);
  let mail: Mail;
  try {
    mail = await parseMail(raw);
  } catch (error) {
    return review(db, row, `could not be read as an email (${String(error).slice(0, 120)})`, now);
  }
  await updateMessage(db, row.id, { step: "parsed", messageId: mail.messageId, updatedAt: now });
  let facts: Facts;
  try {
    facts = extractStored(mail, row, { zone: account.zone, now: row.receivedAt, calendar: options.calendar });
  } catch (error) {
    return review(db, row, `the extractor failed (${String(error).slice(0, 120)})`, now);
  }
  const original = facts.original;
  const threadIds = [mail.inReplyTo, ...mail.references, ...(original?.threadIds ?? [])].filter(
    (x): x is string => !!x,
  );
  const originalKey = original ? `${original.messageId ?? original.fingerprint}` : null;
  if (originalKey) {
    const twin = await messageByOriginalKey(db, account.id, originalKey);
    if (twin && twin.id !== row.id) {
      await updateMessage(db, row.id, {
        status: "duplicate",
        reviewReason: `the same message as #${twin.id}`,
        applicationId: twin.applicationId,
        updatedAt: now,
      });
      return {
        subject: mail.subject,
        status: "duplicate",
        reason: null,
        facts,
        applicationId: twin.applicationId,
      };
    }
  }
  const ownMail = isOwnMail(mail, facts, own);
  await updateMessage(db, row.id, {
    step: "extracted",
    originalKey,
    originalMessageId: original?.messageId ?? null,
    threadIds: [...new Set(threadIds)],
    subject: original?.subject ?? mail.subject,
    fromAddress: original?.from ?? null,
    sentAt: original?.date ? Date.parse(original.date) : null,
    direction: ownMail ? "outbound" : "inbound",
    kind: ownMail ? ownMailKind(mail.text) : facts.kind,
    facts,
    extractorVersion: EXTRACTOR_VERSION,
    updatedAt: now,
  });
  if (ownMail) return recordOwnMail(db, account, row, mail, facts, threadIds, now);
  if (facts.kind === "other") {
    await updateMessage(db, row.id, { status: "done", reviewReason: null, updatedAt: now });
    return { subject: mail.subject, status: "done", reason: null, facts, applicationId: null };
  }
  // Read again, a message stays with the application it is linked to (the person may have moved it there).
  const existing = row.applicationId
    ? await applicationById(db, row.applicationId)
    : await findApplication(db, account.id, facts, threadIds);
  const app = await upsertApplication(db, account.id, existing, facts, now);
  // "Upcoming" is judged from when the message was written, so re-reading old mail moves the same interview.
  const written = original?.date ? Date.parse(original.date) : row.receivedAt;
  await applyInterview(db, app, facts, row.id, written, now);
  await replan(db, account, app.id, now);
  const reason = doubt(facts);
  await updateMessage(db, row.id, {
    step: "linked",
    applicationId: app.id,
    status: reason ? "review" : "done",
    reviewReason: reason,
    updatedAt: now,
  });
  return { subject: mail.subject, status: reason ? "review" : "done", reason, facts, applicationId: app.id };
}

/**
 * The person's own thank-you or follow-up, sent with the Worker in Bcc: From is one of their addresses and the
 * mail carries no forwarded original.
 */
function isOwnMail(mail: Mail, facts: Facts, own: string[]): boolean {
  const from = mail.from?.address ? normaliseAddress(mail.from.address) : null;
  if (!from || !own.includes(from)) return false;
  const original = facts.original?.from ? normaliseAddress(facts.original.from) : null;
  return (
    original === from && mail.to.some((a) => a.address && !own.includes(normaliseAddress(a.address) ?? ""))
  );
}

function ownMailKind(text: string): "thank_you" | "follow_up" | "sent" {
  if (
    /\b(terima kasih atas (?:waktu|kesempatan)|thank you for (?:the|your) (?:time|opportunity)|thanks for (?:the|your) time)\b/i.test(
      text,
    )
  ) {
    return "thank_you";
  }
  if (
    /\b(perkembangan|menindaklanjuti|follow(?:ing)?[- ]up|any update|an update on|status of my application)\b/i.test(
      text,
    )
  ) {
    return "follow_up";
  }
  return "sent";
}

async function recordOwnMail(
  db: Db,
  account: Account,
  row: MessageRow,
  mail: Mail,
  facts: Facts,
  threadIds: string[],
  now: number,
): Promise<Outcome> {
  const recruiter = mail.to.find((a) => a.address && recruiterDomain(a.address))?.address ?? null;
  const asIfFromRecruiter: Facts = {
    ...facts,
    contact: recruiter,
    original: facts.original && { ...facts.original, from: recruiter },
  };
  const app = await findApplication(db, account.id, asIfFromRecruiter, threadIds);
  const reason = app ? null : "sent by you, but no application matches it";
  await updateMessage(db, row.id, {
    step: "linked",
    applicationId: app?.id ?? null,
    status: reason ? "review" : "done",
    reviewReason: reason,
    updatedAt: now,
  });
  // The planner sees the sent thank-you or follow-up in the timeline and marks its step done.
  if (app) await replan(db, account, app.id, now);
  return {
    subject: mail.subject,
    status: reason ? "review" : "done",
    reason,
    facts,
    applicationId: app?.id ?? null,
  };
}
