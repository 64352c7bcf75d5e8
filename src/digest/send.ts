/**
 * The queue consumer's work: claim the account's day, gather what is due, compose (pure, compose.ts), send to
 * the account's own digest address, and record it. Exactly once per account and local day: the claim is a
 * unique row taken with a lease; a failed send releases it for the queue's retry.
 */

import { and, asc, desc, eq, gte, inArray, lt, ne, sql } from "drizzle-orm";
import { type Account, accountById, type Db, stillToDo } from "../db/queries";
import { rulesOf } from "../db/reminders";
import { applications, digests, interviews, messages, reminders } from "../db/schema";
import { buildMail, type SendMail } from "../mail/send";
import { atLocalTime, localDate } from "../plan/business-time";
import { addDays } from "../plan/calendar";
import type { ReminderKind } from "../plan/plan";
import { composeDigest, type Digest, type DigestInput, type DigestItem } from "./compose";
import { type DraftKind, draft } from "./drafts";
import { DIGEST_LEASE_MS, type DigestJob } from "./due";
import { actionLinks } from "./links";

export interface DigestDeps {
  send: SendMail;
  mailFrom: string;
  settingsUrl: string;
  /** Signs the one-click links; without it the digest has none. */
  linkSecret: string | null;
}

const DRAFT_OF: Partial<Record<ReminderKind, DraftKind>> = {
  thank_you: "thank_you",
  follow_up_1: "follow_up_1",
  follow_up_2: "follow_up_2",
  cancel_by: "cancel",
};

/** Takes the day for this account, or returns null when it is sent, being sent, or given up. */
async function claim(db: Db, job: DigestJob, now: number): Promise<number | null> {
  const [row] = await db
    .insert(digests)
    .values({
      accountId: job.accountId,
      localDate: job.localDate,
      status: "claimed",
      leaseUntil: now + DIGEST_LEASE_MS,
      attempts: 1,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [digests.accountId, digests.localDate],
      set: {
        status: "claimed",
        leaseUntil: now + DIGEST_LEASE_MS,
        attempts: sql`${digests.attempts} + 1`,
        updatedAt: now,
      },
      setWhere: sql`${digests.attempts} < 3 and (${digests.status} = 'failed' or (${digests.status} = 'claimed' and ${digests.leaseUntil} < ${now}))`,
    })
    .returning({ id: digests.id });
  return row?.id ?? null;
}

/** At most this many steps in one digest (and its preview): drafts for hundreds help no one. */
export const MAX_TODAY = 25;

/**
 * Everything the digest shows, read in two D1 batches whatever the account's size: the steps due today (at most
 * MAX_TODAY, the oldest first), this week's interviews, the promises being waited on, what stopped this week,
 * the planner's warnings and the mail to review; then the interviews and last subjects of today's steps.
 */
export async function gatherDigest(
  db: Db,
  account: Account,
  now: number,
  settingsUrl: string,
  linkSecret: string | null = null,
): Promise<DigestInput> {
  // Days here are the account's calendar days, not business days: the zone is all it takes.
  const clock = { zone: account.zone };
  const localToday = localDate(clock, now);
  const endOfToday = atLocalTime(clock, addDays(localToday, 1), 0);
  const endOfWeek = atLocalTime(clock, addDays(localToday, 7), 0);
  const weekAgo = now - 7 * 86400000;
  const own = eq(applications.accountId, account.id);
  // Joined selects name no column twice: drizzle reads D1's batch results by column name.
  const [due, coming, waiting, stopped, flagged, review] = await db.batch([
    db
      .select({
        reminder: reminders,
        company: applications.company,
        position: applications.position,
        language: applications.language,
        contact: applications.contact,
      })
      .from(reminders)
      .innerJoin(applications, eq(applications.id, reminders.applicationId))
      .leftJoin(interviews, eq(interviews.id, reminders.interviewId))
      .where(and(own, stillToDo(now), lt(reminders.dueAt, endOfToday)))
      // A morning's list a person can act on; the oldest steps first. The rest stays on the settings site.
      .orderBy(asc(reminders.dueAt), asc(reminders.id))
      .limit(MAX_TODAY),
    db
      .select({ interview: interviews, company: applications.company, position: applications.position })
      .from(interviews)
      .innerJoin(applications, eq(applications.id, interviews.applicationId))
      .where(
        and(
          own,
          ne(interviews.status, "cancelled"),
          gte(interviews.startAt, now),
          lt(interviews.startAt, endOfWeek),
        ),
      )
      .orderBy(asc(interviews.startAt)),
    db
      .select({
        company: applications.company,
        position: applications.position,
        promisedBy: applications.respondBy,
      })
      .from(applications)
      .where(
        and(
          own,
          inArray(applications.status, ["active", "deferred"]),
          gte(applications.respondBy, localToday),
        ),
      )
      .orderBy(asc(applications.respondBy)),
    db
      .select({ company: applications.company, position: applications.position, status: applications.status })
      .from(applications)
      .where(
        and(
          own,
          eq(applications.phase, "closed"),
          gte(applications.updatedAt, weekAgo),
          ne(applications.status, "offer"),
        ),
      ),
    db
      .selectDistinct({ flags: applications.planFlags })
      .from(applications)
      .where(and(own, sql`${applications.planFlags} <> '[]'`)),
    db
      .select({ id: messages.id, subject: messages.subject, reason: messages.reviewReason })
      .from(messages)
      .where(and(eq(messages.accountId, account.id), eq(messages.status, "review")))
      .orderBy(desc(messages.receivedAt))
      .limit(10),
  ]);
  // At most MAX_TODAY applications: few enough to name their ids (D1 binds at most 100 parameters).
  const dueApps = [...new Set(due.map((d) => d.reminder.applicationId))];
  const [ivs, subjects] = dueApps.length
    ? await db.batch([
        db
          .select()
          .from(interviews)
          .where(inArray(interviews.applicationId, dueApps))
          .orderBy(asc(interviews.startAt)),
        db
          .select({ applicationId: messages.applicationId, subject: messages.subject })
          .from(messages)
          .where(and(inArray(messages.applicationId, dueApps), eq(messages.direction, "inbound")))
          .orderBy(desc(messages.receivedAt)),
      ])
    : [[], []];
  const today = due.map(({ reminder: r, ...app }): DigestItem => {
    const iv =
      ivs.find((i) => i.id === r.interviewId) ??
      ivs.filter((i) => i.applicationId === r.applicationId).at(-1) ??
      null;
    const kind = DRAFT_OF[r.kind as ReminderKind];
    return {
      reminderId: r.id,
      kind: r.kind as ReminderKind,
      dueAt: r.dueAt,
      required: r.required,
      applicationId: r.applicationId,
      company: app.company,
      position: app.position,
      interview: iv && {
        startAt: iv.startAt,
        endAt: iv.endAt,
        zone: iv.zone,
        meetingUrl: iv.meetingUrl,
        place: iv.place,
        interviewer: iv.interviewer,
      },
      draft: kind
        ? draft(kind, {
            language: app.language ?? account.language,
            personName: null,
            recipientName: iv?.interviewer ?? null,
            recipientAddress: app.contact,
            company: app.company,
            position: app.position,
            interviewAt: iv?.startAt ?? null,
            zone: account.zone,
            originalSubject: subjects.find((m) => m.applicationId === r.applicationId)?.subject ?? null,
          })
        : null,
      actions: null,
    };
  });
  if (linkSecret) {
    for (const item of today) item.actions = await actionLinks(linkSecret, settingsUrl, item.reminderId, now);
  }
  return {
    language: account.language,
    zone: account.zone,
    now,
    settingsUrl,
    today,
    coming: coming.map(({ interview, company, position }) => ({
      reminderId: 0,
      kind: "prep" as const,
      dueAt: interview.startAt,
      required: true,
      applicationId: interview.applicationId,
      company,
      position,
      interview,
      draft: null,
      actions: null,
    })),
    waiting: waiting.map((a) => ({ ...a, promisedBy: a.promisedBy ?? "" })),
    stopped: stopped.map((a) => ({
      company: a.company,
      position: a.position,
      reason: a.status === "rejected" ? "rejected" : a.status === "deferred" ? "deferred" : "no_answer",
    })),
    review: review.map((m) => ({
      subject: m.subject,
      reason: m.reason ?? "",
      url: `${settingsUrl}/messages/${m.id}`,
    })),
    flags: [...new Set(flagged.flatMap((a) => a.flags))],
  };
}

/** The digest as a MIME message: HTML and text, to the account's own address only. */
export function digestMime(
  digest: Digest,
  from: string,
  to: string,
  settingsUrl: string,
  now: number,
): string {
  return buildMail({
    from,
    to,
    subject: digest.subject,
    text: digest.text,
    html: digest.html,
    now,
    headers: { "List-Unsubscribe": `<${settingsUrl}>` },
  });
}

export type DigestOutcome = "sent" | "skipped" | "not-claimed";

export async function sendDigest(
  db: Db,
  job: DigestJob,
  deps: DigestDeps,
  now: number,
): Promise<DigestOutcome> {
  const account = await accountById(db, job.accountId);
  if (!account) return "not-claimed";
  const id = await claim(db, job, now);
  if (id === null) return "not-claimed";
  try {
    const input = await gatherDigest(db, account, now, deps.settingsUrl, deps.linkSecret);
    const digest = composeDigest(input);
    if (digest.empty && !rulesOf(account).digestWhenEmpty) {
      await db.update(digests).set({ status: "skipped", items: 0, updatedAt: now }).where(eq(digests.id, id));
      return "skipped";
    }
    await deps.send(
      deps.mailFrom,
      account.digestAddress,
      digestMime(digest, deps.mailFrom, account.digestAddress, deps.settingsUrl, now),
    );
    await db
      .update(digests)
      .set({ status: "sent", sentAt: now, items: input.today.length, error: null, updatedAt: now })
      .where(eq(digests.id, id));
    return "sent";
  } catch (error) {
    // Released for the queue's retry; after the last try it stays failed and shows on the settings site.
    await db
      .update(digests)
      .set({ status: "failed", error: String(error).slice(0, 500), updatedAt: now })
      .where(eq(digests.id, id));
    throw error;
  }
}
