/**
 * Raw mail is kept RAW_MAIL_DAYS (180 unless the deployment says otherwise), then deleted from R2 by the hourly
 * cron: what was read from it stays in D1, the bytes go. Rows say when (`rawDeletedAt`), so a page can tell
 * "deleted after N days" from "lost", and a sweep never looks at the same message twice.
 */
import { and, asc, inArray, isNull, lt } from "drizzle-orm";
import type { Db } from "../db/queries";
import { messages } from "../db/schema";

export const DEFAULT_RAW_MAIL_DAYS = 180;
/** Messages forgotten per cron tick: one R2 call (at most 1,000 keys) and a few D1 statements. */
const PER_SWEEP = 500;
const DAY_MS = 86_400_000;

/** The var RAW_MAIL_DAYS as a number of days: a whole number from 1 to 3650, else the default. */
export function rawMailDays(value: string | undefined): number {
  const days = value && /^\d{1,4}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  return days >= 1 && days <= 3650 ? days : DEFAULT_RAW_MAIL_DAYS;
}

/** Deletes the raw mail received more than `days` days before `now`, oldest first. Returns how many. */
export async function forgetOldRawMail(db: Db, bucket: R2Bucket, now: number, days: number): Promise<number> {
  const old = await db
    .select({ id: messages.id, rawKey: messages.rawKey })
    .from(messages)
    .where(and(isNull(messages.rawDeletedAt), lt(messages.receivedAt, now - days * DAY_MS)))
    .orderBy(asc(messages.receivedAt))
    .limit(PER_SWEEP)
    .all();
  if (old.length === 0) return 0;
  // Bytes first: a crash between the two leaves rows that are swept again, never bytes nobody will delete.
  await bucket.delete(old.map((m) => m.rawKey));
  const ids = old.map((m) => m.id);
  const marks = [];
  // D1 binds at most 100 parameters per statement.
  for (let i = 0; i < ids.length; i += 90) {
    marks.push(
      db
        .update(messages)
        .set({ rawDeletedAt: now })
        .where(inArray(messages.id, ids.slice(i, i + 90))),
    );
  }
  await db.batch(marks as [(typeof marks)[number], ...typeof marks]);
  return old.length;
}
