/**
 * Re-reads every stored message of an account with the current extractor: after the extractor improves, the
 * facts improve too. Nothing is duplicated (each row is read again in place, in arrival order), and fields the
 * person corrected by hand are kept (see `fixedFields`).
 */
import {
  type Account,
  accountById,
  type Db,
  type MessageRow,
  messagesOfAccount,
  senderAddresses,
} from "../db/queries";
import { defaultCalendar } from "../plan/calendar";
import { READ_EVER_BYTES } from "./limits";
import { type Outcome, processMessage } from "./process";

export interface RereadSummary {
  read: number;
  done: number;
  review: number;
  duplicate: number;
  missing: number;
}

/**
 * Reads one stored message of the account again, in place; null when its raw object is no longer in R2.
 * `own` is the account's sender addresses (src/db/queries.ts `senderAddresses`).
 */
export async function rereadMessage(
  db: Db,
  bucket: R2Bucket,
  account: Account,
  own: string[],
  row: MessageRow,
  now: number,
): Promise<Outcome | null> {
  const object = await bucket.get(row.rawKey);
  if (!object) return null;
  const raw = new Uint8Array(await object.arrayBuffer());
  return processMessage(db, account, own, row, raw, now, {
    calendar: defaultCalendar,
    limits: { bytes: READ_EVER_BYTES, lines: READ_EVER_BYTES / 32 },
  });
}

/** Messages read again per request of `npm run reread`: each takes up to 16 D1 queries, the Free plan allows 50. */
export const REREAD_CHUNK = 2;

/**
 * Reads the account's stored mail again in arrival order: the messages from position `from`, at most `limit` of
 * them. `next` is the position to go on from, or null when none is left.
 */
export async function rereadAccount(
  db: Db,
  bucket: R2Bucket,
  accountId: number,
  now: number,
  { from = 0, limit }: { from?: number; limit?: number } = {},
): Promise<RereadSummary & { next: number | null }> {
  const summary: RereadSummary = { read: 0, done: 0, review: 0, duplicate: 0, missing: 0 };
  const account = await accountById(db, accountId);
  if (!account) return { ...summary, next: null };
  const own = await senderAddresses(db, account.id);
  // One more than asked: whether any is left.
  const rows = await messagesOfAccount(db, account.id, {
    offset: from,
    limit: limit === undefined ? undefined : limit + 1,
  });
  const chunk = rows.slice(0, limit);
  for (const row of chunk) {
    const outcome = await rereadMessage(db, bucket, account, own, row, now);
    if (!outcome) {
      summary.missing++;
      continue;
    }
    summary.read++;
    if (outcome.status === "done") summary.done++;
    else if (outcome.status === "review") summary.review++;
    else if (outcome.status === "duplicate") summary.duplicate++;
  }
  return { ...summary, next: rows.length > chunk.length ? from + chunk.length : null };
}
