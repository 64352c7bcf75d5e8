/**
 * The queue consumer's work: claim the account's day, gather what is due, compose (pure, compose.ts), send to
 * the account's own digest address, and record it. Exactly once per account and local day: the claim is a
 * unique row taken with a lease; a failed send releases it for the queue's retry.
 */

import { and, asc, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import { type Account, accountById, type Db } from "../db/queries";
import { accountClock } from "../db/reminders";
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

/** Everything the digest shows, read in a handful of queries. */
export async function gatherDigest(
  db: Db,
  account: Account,
  now: number,
  settingsUrl: string,
  linkSecret: string | null = null,
): Promise<DigestInput> {
  const { clock } = await accountClock(db, account);
  const localToday = localDate(clock, now);
  const endOfToday = atLocalTime(clock, addDays(localToday, 1), 0);
  const endOfWeek = atLocalTime(clock, addDays(localToday, 7), 0);
  const apps = await db.select().from(applications).where(eq(applications.accountId, account.id)).all();
  const ids = apps.map((a) => a.id);
  // A subquery, not a list of ids: D1 binds at most 100 parameters, and an account may hold more applications.
  const ownIds = db
    .select({ id: applications.id })
    .from(applications)
    .where(eq(applications.accountId, account.id));
  const byId = new Map(apps.map((a) => [a.id, a]));
  const ivs = ids.length
    ? await db.select().from(interviews).where(inArray(interviews.applicationId, ownIds)).all()
    : [];
  const due = ids.length
    ? await db
        .select()
        .from(reminders)
        .where(
          and(
            inArray(reminders.applicationId, ownIds),
            or(eq(reminders.status, "pending"), eq(reminders.status, "snoozed")),
            lt(reminders.dueAt, endOfToday),
          ),
        )
        .orderBy(asc(reminders.dueAt))
        .all()
    : [];
  const lastSubjects = ids.length
    ? await db
        .select({ applicationId: messages.applicationId, subject: messages.subject })
        .from(messages)
        .where(and(inArray(messages.applicationId, ownIds), eq(messages.direction, "inbound")))
        .orderBy(desc(messages.receivedAt))
        .all()
    : [];
  const subjectOf = (id: number) => lastSubjects.find((m) => m.applicationId === id)?.subject ?? null;
  const ivOf = (id: number | null) => ivs.find((i) => i.id === id) ?? null;
  const itemOf = (r: (typeof due)[number]): DigestItem => {
    const app = byId.get(r.applicationId);
    const iv = ivOf(r.interviewId) ?? ivs.filter((i) => i.applicationId === r.applicationId).at(-1) ?? null;
    const kind = DRAFT_OF[r.kind as ReminderKind];
    return {
      reminderId: r.id,
      kind: r.kind as ReminderKind,
      dueAt: r.dueAt,
      required: r.required,
      applicationId: r.applicationId,
      company: app?.company ?? null,
      position: app?.position ?? null,
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
            language: app?.language ?? account.language,
            personName: null,
            recipientName: iv?.interviewer ?? null,
            recipientAddress: app?.contact ?? null,
            company: app?.company ?? null,
            position: app?.position ?? null,
            interviewAt: iv?.startAt ?? null,
            zone: account.zone,
            originalSubject: subjectOf(r.applicationId),
          })
        : null,
      actions: null,
    };
  };
  const review = await db
    .select({ id: messages.id, subject: messages.subject, reason: messages.reviewReason })
    .from(messages)
    .where(and(eq(messages.accountId, account.id), eq(messages.status, "review")))
    .orderBy(desc(messages.receivedAt))
    .limit(10)
    .all();
  const weekAgo = now - 7 * 86400000;
  const today = due
    // Preparing for, or cancelling, an interview that has begun is no longer a thing to do.
    .filter(
      (r) => !(r.kind === "prep" || r.kind === "cancel_by") || (ivOf(r.interviewId)?.startAt ?? 0) > now,
    )
    // A morning's list a person can act on; the oldest steps first. The rest stays on the settings site.
    .slice(0, MAX_TODAY)
    .map(itemOf);
  if (linkSecret) {
    for (const item of today) item.actions = await actionLinks(linkSecret, settingsUrl, item.reminderId, now);
  }
  return {
    language: account.language,
    zone: account.zone,
    now,
    settingsUrl,
    today,
    coming: ivs
      .filter((i) => i.status !== "cancelled" && i.startAt >= now && i.startAt < endOfWeek)
      .sort((a, b) => a.startAt - b.startAt)
      .map((iv) => ({
        reminderId: 0,
        kind: "prep" as const,
        dueAt: iv.startAt,
        required: true,
        applicationId: iv.applicationId,
        company: byId.get(iv.applicationId)?.company ?? null,
        position: byId.get(iv.applicationId)?.position ?? null,
        interview: iv,
        draft: null,
        actions: null,
      })),
    waiting: apps
      .filter(
        (a) => (a.status === "active" || a.status === "deferred") && a.respondBy && a.respondBy >= localToday,
      )
      .map((a) => ({ company: a.company, position: a.position, promisedBy: a.respondBy ?? "" })),
    stopped: apps
      .filter((a) => a.phase === "closed" && a.updatedAt >= weekAgo && a.status !== "offer")
      .map((a) => ({
        company: a.company,
        position: a.position,
        reason: a.status === "rejected" ? "rejected" : a.status === "deferred" ? "deferred" : "no_answer",
      })),
    review: review.map((m) => ({
      subject: m.subject,
      reason: m.reason ?? "",
      url: `${settingsUrl}/messages/${m.id}`,
    })),
    flags: [...new Set(apps.flatMap((a) => a.planFlags))],
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
    const { rules } = await accountClock(db, account);
    if (digest.empty && !rules.digestWhenEmpty) {
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
