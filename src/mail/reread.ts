/**
 * Re-reads every stored message of an account with the current extractor: after the extractor improves, the
 * facts improve too. Nothing is duplicated (each row is read again in place, in arrival order), and fields the
 * person corrected by hand are kept (see `fixedFields`).
 */
import { accountById, type Db, messagesOfAccount, senderAddresses } from "../db/queries";
import { defaultCalendar } from "../plan/calendar";
import { READ_EVER_BYTES } from "./limits";
import { processMessage } from "./process";

export interface RereadSummary {
  read: number;
  done: number;
  review: number;
  duplicate: number;
  missing: number;
}

export async function rereadAccount(
  db: Db,
  bucket: R2Bucket,
  accountId: number,
  now: number,
): Promise<RereadSummary> {
  const summary: RereadSummary = { read: 0, done: 0, review: 0, duplicate: 0, missing: 0 };
  const account = await accountById(db, accountId);
  if (!account) return summary;
  const own = await senderAddresses(db, account.id);
  const limits = { bytes: READ_EVER_BYTES, lines: READ_EVER_BYTES / 32 };
  for (const row of await messagesOfAccount(db, account.id)) {
    const object = await bucket.get(row.rawKey);
    if (!object) {
      summary.missing++;
      continue;
    }
    const raw = new Uint8Array(await object.arrayBuffer());
    const outcome = await processMessage(db, account, own, row, raw, now, {
      calendar: defaultCalendar,
      limits,
    });
    summary.read++;
    if (outcome.status === "done") summary.done++;
    else if (outcome.status === "review") summary.review++;
    else if (outcome.status === "duplicate") summary.duplicate++;
  }
  return summary;
}
