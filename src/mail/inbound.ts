/**
 * The email() pipeline: find the account by the envelope recipient, check the sender, keep the raw message in R2,
 * then read it into D1. A stranger's mail is refused and not stored; an accepted message is never lost.
 */
import { EmailMessage } from "cloudflare:email";
import {
  type Account,
  accountById,
  accountByInbound,
  createAccount,
  type Db,
  database,
  insertMessage,
  type MessageRow,
  messageById,
  senderAddresses,
} from "../db/queries";
import type { Env } from "../env";
import { defaultCalendar } from "../plan/calendar";
import { READ_EVER_BYTES, READ_NOW_BYTES, READ_NOW_LINES, tooBigToRead } from "./limits";
import { type Outcome, processMessage } from "./process";
import { acknowledgement, buildReply } from "./reply";
import { normaliseAddress, verifySender } from "./sender";

/** Email Routing's own limit: anything larger cannot be a real delivery. */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

/** The queue (wrangler.toml) whose jobs read messages that were too large to read when they arrived. */
export const INBOUND_QUEUE = "kabari-inbound";

/** A job on the inbound queue: read a message that was too large to read when it arrived. */
export interface ReadLater {
  type: "read";
  accountId: number;
  messageId: number;
}

async function sha256(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The first account of a deployment comes from its vars, on first use. */
async function accountFor(db: Db, env: Env, to: string, now: number): Promise<Account | undefined> {
  const found = await accountByInbound(db, to);
  if (found || to !== normaliseAddress(env.INBOUND_ADDRESS)) return found;
  const owner = normaliseAddress(env.OWNER_EMAIL);
  if (!owner) throw new Error("OWNER_EMAIL is not an email address");
  return createAccount(
    db,
    {
      inboundAddress: to,
      senders: [owner],
      digestAddress: owner,
      zone: env.DEFAULT_ZONE,
      language: env.DEFAULT_LANGUAGE === "en" ? "en" : "id",
    },
    now,
  );
}

export function rawKey(accountId: number, deliveryKey: string): string {
  return `raw/${accountId}/${deliveryKey}.eml`;
}

/**
 * Stores the raw message, then its row. R2 first: a crash after it leaves the bytes, and the same delivery
 * writes the same object again. The row's unique key makes a redelivery (or a twin delivered at the same
 * moment) change nothing: only one insert wins.
 */
async function store(
  db: Db,
  bucket: R2Bucket,
  account: Account,
  raw: Uint8Array,
  envelopeFrom: string,
  messageIdHeader: string | null,
  now: number,
): Promise<MessageRow | undefined> {
  const deliveryKey = await sha256(messageIdHeader?.trim() ? `id:${messageIdHeader.trim()}` : raw);
  const key = rawKey(account.id, deliveryKey);
  await bucket.put(key, raw, { customMetadata: { envelopeFrom: envelopeFrom.slice(0, 320) } });
  return insertMessage(db, {
    accountId: account.id,
    deliveryKey,
    rawKey: key,
    rawSize: raw.length,
    envelopeFrom,
    receivedAt: now,
    updatedAt: now,
  });
}

export async function receiveEmail(message: ForwardableEmailMessage, env: Env, now: number): Promise<void> {
  const db = database(env.DB);
  const to = normaliseAddress(message.to);
  const account = to ? await accountFor(db, env, to, now) : undefined;
  if (!account) {
    message.setReject("No kabari account receives mail at this address.");
    console.log("email refused: unknown recipient");
    return;
  }
  if (message.rawSize > MAX_MESSAGE_BYTES) {
    message.setReject("The message is larger than 25 MiB, more than kabari can keep.");
    return;
  }
  const raw = new Uint8Array(await new Response(message.raw).arrayBuffer());
  const own = await senderAddresses(db, account.id);
  const verdict = verifySender(message.from, own, raw);
  if (!verdict.ok) {
    message.setReject(verdict.reason);
    console.log(`email refused for account ${account.id}: ${verdict.reason}`);
    return;
  }
  if (verdict.how === "envelope-only") {
    // Cloudflare stamps every routed message; only `wrangler dev` delivers without. Anywhere else the missing
    // header means the envelope is all there is, and an envelope is easy to forge.
    if (env.LOCAL_DEV !== "true") {
      message.setReject("The message carries no authentication result from Cloudflare Email Routing.");
      console.log(`email refused for account ${account.id}: no Authentication-Results`);
      return;
    }
    console.warn(
      "sender accepted by envelope only: local development (LOCAL_DEV), no Authentication-Results",
    );
  }
  const row = await store(db, env.RAW, account, raw, message.from, message.headers.get("message-id"), now);
  if (!row) {
    console.log(`email for account ${account.id} already received; nothing changes`);
    return;
  }
  const limits = { bytes: READ_NOW_BYTES, lines: READ_NOW_LINES };
  const outcome = await processMessage(db, account, own, row, raw, now, {
    calendar: defaultCalendar,
    limits,
  });
  if (tooBigToRead(raw, limits)) {
    await env.INBOUND_QUEUE.send({
      type: "read",
      accountId: account.id,
      messageId: row.id,
    } satisfies ReadLater);
  }
  console.log(
    `email ${row.id} for account ${account.id}: ${outcome.status}${outcome.reason ? ` (${outcome.reason})` : ""}`,
  );
  // Never answer an answer: our own acknowledgement forwarded back by the person's rules would loop.
  const autoReply = /auto-replied/i.test(message.headers.get("auto-submitted") ?? "");
  if (account.acknowledge && !autoReply && outcome.status !== "duplicate") {
    await acknowledge(message, env, account, outcome, now);
  }
}

/**
 * Reads a message that was too large to read when it arrived (a queue job, with its own CPU budget). It stays in
 * review if it still cannot be read.
 */
export async function readLater(env: Env, job: ReadLater, now: number): Promise<void> {
  const db = database(env.DB);
  const account = await accountById(db, job.accountId);
  const row = await messageById(db, job.messageId);
  if (!account || !row || row.step !== "stored") return;
  const object = await env.RAW.get(row.rawKey);
  if (!object) throw new Error(`raw message ${row.rawKey} is missing`);
  const raw = new Uint8Array(await object.arrayBuffer());
  const own = await senderAddresses(db, account.id);
  const limits = { bytes: READ_EVER_BYTES, lines: READ_EVER_BYTES / 32 };
  await processMessage(db, account, own, row, raw, now, { calendar: defaultCalendar, limits });
}

/** One line back to the person. Cloudflare allows a reply only once and only when DMARC passed: say so and go on. */
async function acknowledge(
  message: ForwardableEmailMessage,
  env: Env,
  account: Account,
  outcome: Outcome,
  now: number,
) {
  try {
    const { subject, text } = acknowledgement(
      { facts: outcome.facts, review: outcome.reason, followUp: null },
      account.language,
      account.zone,
    );
    const raw = buildReply({
      from: message.to,
      to: message.from,
      subject: outcome.subject ?? subject,
      text,
      inReplyTo: message.headers.get("message-id"),
      references: message.headers.get("references"),
      messageIdDomain: env.MAIL_FROM.split("@")[1] ?? "kabari.invalid",
      now,
    });
    await message.reply(new EmailMessage(message.to, message.from, raw));
  } catch (error) {
    console.log(`acknowledgement not sent: ${String(error).slice(0, 200)}`);
  }
}
