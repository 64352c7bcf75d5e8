/**
 * Keeps an application's reminders in step with its timeline: load, plan (pure, src/plan), write. Run whenever a
 * message arrives and whenever the person acts. Idempotent: planning twice writes nothing new.
 */
import { and, eq } from "drizzle-orm";
import { type BusinessClock, businessClock } from "../plan/business-time";
import { personalCalendar } from "../plan/calendar";
import { type Plan, type PlanAction, type PlanInput, plan, type ReminderKind } from "../plan/plan";
import { DEFAULT_RULES, parseRules, type Rules } from "../plan/rules";
import type { Account, Db } from "./queries";
import { accountHolidays, applications, interviews, messages, reminders } from "./schema";

export type ReminderRow = typeof reminders.$inferSelect;

/** The account's rules (defaults where its stored ones are missing or broken) and business clock. */
export async function accountClock(
  db: Db,
  account: Account,
): Promise<{ rules: Rules; clock: BusinessClock }> {
  const parsed = parseRules(account.rules);
  const rules = parsed.ok ? parsed.rules : DEFAULT_RULES;
  const own = await db.select().from(accountHolidays).where(eq(accountHolidays.accountId, account.id)).all();
  const calendar = personalCalendar(own, { cutiBersama: rules.cutiBersamaAreHolidays });
  return { rules, clock: businessClock(account.zone, calendar, rules) };
}

async function planInput(
  db: Db,
  applicationId: number,
): Promise<{ input: PlanInput; rows: ReminderRow[] } | null> {
  const app = await db.query.applications.findFirst({ where: eq(applications.id, applicationId) });
  if (!app) return null;
  const ivs = await db.select().from(interviews).where(eq(interviews.applicationId, applicationId)).all();
  const msgs = await db
    .select({
      sentAt: messages.sentAt,
      receivedAt: messages.receivedAt,
      direction: messages.direction,
      kind: messages.kind,
      status: messages.status,
    })
    .from(messages)
    .where(eq(messages.applicationId, applicationId))
    .all();
  const rows = await db.select().from(reminders).where(eq(reminders.applicationId, applicationId)).all();
  const actions: PlanAction[] = rows.flatMap((r): PlanAction[] => {
    const kind = r.kind as ReminderKind;
    if (r.status === "done")
      return [{ kind, interviewId: r.interviewId, action: "done", at: r.doneAt ?? r.updatedAt }];
    if (r.status === "snoozed" && r.snoozedUntil) {
      return [
        { kind, interviewId: r.interviewId, action: "snoozed", at: r.updatedAt, until: r.snoozedUntil },
      ];
    }
    return [];
  });
  return {
    rows,
    input: {
      status: app.status,
      stage: app.stage,
      respondBy: app.respondBy,
      respondByRule: (app.respondByRule ?? null) as PlanInput["respondByRule"],
      dueBy: app.dueBy,
      interviews: ivs.map((i) => ({
        id: i.id,
        startAt: i.startAt,
        endAt: i.endAt,
        status: i.status,
        stage: i.stage,
      })),
      messages: msgs
        .filter((m) => m.status !== "duplicate")
        .map((m) => ({ at: m.sentAt ?? m.receivedAt, direction: m.direction, kind: m.kind })),
      actions,
    },
  };
}

const identity = (kind: string, interviewId: number | null) => `${kind}|${interviewId ?? ""}`;

/** Plans the application again and writes the difference: new steps, moved due times, steps no longer due. */
export async function replan(
  db: Db,
  account: Account,
  applicationId: number,
  now: number,
): Promise<Plan | null> {
  const loaded = await planInput(db, applicationId);
  if (!loaded) return null;
  const { rules, clock } = await accountClock(db, account);
  const result = plan(loaded.input, rules, clock, now);
  const existing = new Map(loaded.rows.map((r) => [identity(r.kind, r.interviewId), r]));
  const planned = new Set<string>();
  for (const r of result.reminders) {
    const id = identity(r.kind, r.interviewId);
    planned.add(id);
    const row = existing.get(id);
    // Done is a fact of the timeline (a mark, or the person's own mail seen by Bcc); else a step is pending,
    // or stays snoozed. A step planned again after it was dropped comes back pending.
    const status = r.doneAt !== null ? "done" : row?.status === "snoozed" ? "snoozed" : "pending";
    const values = { dueAt: r.dueAt, required: r.required, why: r.why, status, doneAt: r.doneAt } as const;
    if (!row) {
      await db.insert(reminders).values({
        applicationId,
        interviewId: r.interviewId,
        kind: r.kind,
        ...values,
        createdAt: now,
        updatedAt: now,
      });
    } else if (
      row.status !== status ||
      row.dueAt !== r.dueAt ||
      row.why !== r.why ||
      row.required !== r.required ||
      row.doneAt !== r.doneAt
    ) {
      await db
        .update(reminders)
        .set({ ...values, updatedAt: now })
        .where(eq(reminders.id, row.id));
    }
  }
  await db
    .update(applications)
    .set({ phase: result.state, planFlags: result.flags })
    .where(eq(applications.id, applicationId));
  for (const row of loaded.rows) {
    if (
      planned.has(identity(row.kind, row.interviewId)) ||
      row.status === "done" ||
      row.status === "cancelled"
    )
      continue;
    await db
      .update(reminders)
      .set({ status: "cancelled", updatedAt: now })
      .where(and(eq(reminders.id, row.id), eq(reminders.applicationId, applicationId)));
  }
  return result;
}

/** What the person can do with a step (from the digest's links or the settings site). */
export type ReminderAction = { action: "done" } | { action: "snooze"; until: number } | { action: "stop" };

/**
 * Applies the person's action and plans the application again. "done" marks the step sent; "snooze" moves it to
 * a later business moment; "stop" ends the application's reminders. Returns false for an unknown reminder.
 */
export async function actOnReminder(
  db: Db,
  account: Account,
  reminderId: number,
  act: ReminderAction,
  now: number,
): Promise<boolean> {
  const row = await db.query.reminders.findFirst({ where: eq(reminders.id, reminderId) });
  if (!row) return false;
  const app = await db.query.applications.findFirst({ where: eq(applications.id, row.applicationId) });
  if (!app || app.accountId !== account.id) return false;
  if (act.action === "done") {
    await db
      .update(reminders)
      .set({ status: "done", doneAt: now, updatedAt: now })
      .where(eq(reminders.id, row.id));
  } else if (act.action === "snooze") {
    await db
      .update(reminders)
      .set({ status: "snoozed", snoozedUntil: act.until, updatedAt: now })
      .where(eq(reminders.id, row.id));
  } else {
    await db
      .update(applications)
      .set({ status: "stopped", updatedAt: now })
      .where(eq(applications.id, app.id));
  }
  await replan(db, account, app.id, now);
  return true;
}
