/**
 * The same-day thank-you nudge: the best thank-you goes out the same day, and the next morning's digest is late
 * for it. The first tick in working hours at least an hour after an interview ends sends a short mail with the
 * draft, once.
 */
import { and, desc, eq, gte, isNull } from "drizzle-orm";
import { accountById, type Db } from "../db/queries";
import { accountClock } from "../db/reminders";
import { accounts, applications, interviews, messages, reminders } from "../db/schema";
import type { SendMail } from "../mail/send";
import { buildMail } from "../mail/send";
import { isBusinessMoment } from "../plan/business-time";
import { draft } from "./drafts";

export interface NudgeJob {
  type: "nudge";
  accountId: number;
  reminderId: number;
  /** The tick's time (see DigestJob). */
  at: number;
}

const HOUR = 3600000;

/** Pending thank-yous whose interview ended between 24 h and 1 h ago, not nudged yet: one query for all. */
export async function dueNudges(db: Db, now: number): Promise<NudgeJob[]> {
  const rows = await db
    .select({
      reminderId: reminders.id,
      accountId: applications.accountId,
      startAt: interviews.startAt,
      endAt: interviews.endAt,
      rules: accounts.rules,
    })
    .from(reminders)
    .innerJoin(interviews, eq(interviews.id, reminders.interviewId))
    .innerJoin(applications, eq(applications.id, reminders.applicationId))
    .innerJoin(accounts, eq(accounts.id, applications.accountId))
    .where(
      and(
        eq(reminders.kind, "thank_you"),
        eq(reminders.status, "pending"),
        isNull(reminders.nudgedAt),
        gte(interviews.startAt, now - 30 * HOUR),
      ),
    )
    .all();
  const jobs: NudgeJob[] = [];
  const clocks = new Map<number, Awaited<ReturnType<typeof accountClock>>>();
  for (const r of rows) {
    const end = r.endAt ?? r.startAt + HOUR;
    if (end > now - HOUR || end < now - 24 * HOUR) continue;
    if (!clocks.has(r.accountId)) {
      const account = await accountById(db, r.accountId);
      if (account) clocks.set(r.accountId, await accountClock(db, account));
    }
    const c = clocks.get(r.accountId);
    if (!c?.rules.thankYouNudge || !isBusinessMoment(c.clock, now)) continue;
    jobs.push({ type: "nudge", accountId: r.accountId, reminderId: r.reminderId, at: now });
  }
  return jobs;
}

export async function sendNudge(
  db: Db,
  job: NudgeJob,
  deps: { send: SendMail; mailFrom: string },
  now: number,
): Promise<boolean> {
  // Claimed by setting nudgedAt: a second tick or a redelivered job finds it set.
  const [claimed] = await db
    .update(reminders)
    .set({ nudgedAt: now })
    .where(and(eq(reminders.id, job.reminderId), isNull(reminders.nudgedAt), eq(reminders.status, "pending")))
    .returning();
  if (!claimed) return false;
  try {
    const account = await accountById(db, job.accountId);
    const app = await db.query.applications.findFirst({ where: eq(applications.id, claimed.applicationId) });
    const iv = claimed.interviewId
      ? await db.query.interviews.findFirst({ where: eq(interviews.id, claimed.interviewId) })
      : undefined;
    if (!account || !app || app.accountId !== account.id) return false;
    const [last] = await db
      .select({ subject: messages.subject })
      .from(messages)
      .where(and(eq(messages.applicationId, app.id), eq(messages.direction, "inbound")))
      .orderBy(desc(messages.receivedAt))
      .limit(1)
      .all();
    const d = draft("thank_you", {
      language: app.language ?? account.language,
      personName: null,
      recipientName: iv?.interviewer ?? null,
      recipientAddress: app.contact,
      company: app.company,
      position: app.position,
      interviewAt: iv?.startAt ?? null,
      zone: account.zone,
      originalSubject: last?.subject ?? null,
    });
    const intro =
      account.language === "id"
        ? "Interview hari ini sudah selesai. Terima kasih paling baik dikirim hari ini juga; ini drafnya:"
        : "Today's interview is over. A thank-you is best sent today; here is a draft:";
    const open = d.mailto ? `\n\n${d.mailto}` : "";
    const raw = buildMail({
      from: deps.mailFrom,
      to: account.digestAddress,
      subject:
        account.language === "id"
          ? "kabari: kirim terima kasih hari ini"
          : "kabari: send your thank-you today",
      text: `${intro}\n\n${d.subject}\n\n${d.body}${open}\n`,
      now,
    });
    await deps.send(deps.mailFrom, account.digestAddress, raw);
    return true;
  } catch (error) {
    await db.update(reminders).set({ nudgedAt: null }).where(eq(reminders.id, job.reminderId));
    throw error;
  }
}
