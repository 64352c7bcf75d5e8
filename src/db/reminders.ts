/**
 * Keeps an application's reminders in step with its timeline: load, plan (pure, src/plan), write. Run whenever a
 * message arrives and whenever the person acts; for every application of the account when its rules or holidays
 * change. Idempotent: planning twice writes nothing new. Reads and writes go in D1 batches, because a Worker on
 * the Free plan may send only 50 queries per invocation and an account may hold hundreds of applications.
 */
import { and, desc, eq, inArray, lt } from "drizzle-orm";
import { type BusinessClock, businessClock } from "../plan/business-time";
import { personalCalendar } from "../plan/calendar";
import { type Plan, type PlanAction, type PlanInput, plan, type ReminderKind } from "../plan/plan";
import { DEFAULT_RULES, parseRules, type Rules } from "../plan/rules";
import type { Account, Application, Db, Interview } from "./queries";
import { accountHolidays, applications, interviews, messages, reminders } from "./schema";

type ReminderRow = typeof reminders.$inferSelect;
type OwnHoliday = typeof accountHolidays.$inferSelect;

/** The account's rules: its stored ones, or the defaults where they are missing or broken. */
export function rulesOf(account: Account): Rules {
  const parsed = parseRules(account.rules);
  return parsed.ok ? parsed.rules : DEFAULT_RULES;
}

/** The account's rules and business clock. */
function clockOf(account: Account, own: OwnHoliday[]): { rules: Rules; clock: BusinessClock } {
  const rules = rulesOf(account);
  const calendar = personalCalendar(own, { cutiBersama: rules.cutiBersamaAreHolidays });
  return { rules, clock: businessClock(account.zone, calendar, rules) };
}

const ownHolidays = (db: Db, account: Account) =>
  db.select().from(accountHolidays).where(eq(accountHolidays.accountId, account.id));

export async function accountClock(
  db: Db,
  account: Account,
): Promise<{ rules: Rules; clock: BusinessClock }> {
  return clockOf(account, await ownHolidays(db, account).all());
}

/** Only the columns the planner reads: an account-wide replan maps thousands of rows. */
const TIMELINE_MESSAGE = {
  applicationId: messages.applicationId,
  sentAt: messages.sentAt,
  receivedAt: messages.receivedAt,
  direction: messages.direction,
  kind: messages.kind,
  status: messages.status,
};
const TIMELINE_APPLICATION = {
  id: applications.id,
  status: applications.status,
  stage: applications.stage,
  phase: applications.phase,
  planFlags: applications.planFlags,
  respondBy: applications.respondBy,
  respondByRule: applications.respondByRule,
  dueBy: applications.dueBy,
};
const TIMELINE_INTERVIEW = {
  id: interviews.id,
  applicationId: interviews.applicationId,
  startAt: interviews.startAt,
  endAt: interviews.endAt,
  status: interviews.status,
  stage: interviews.stage,
};
const TIMELINE_STEP = {
  id: reminders.id,
  applicationId: reminders.applicationId,
  interviewId: reminders.interviewId,
  kind: reminders.kind,
  dueAt: reminders.dueAt,
  required: reminders.required,
  why: reminders.why,
  status: reminders.status,
  doneAt: reminders.doneAt,
  snoozedUntil: reminders.snoozedUntil,
  updatedAt: reminders.updatedAt,
};

/** What the planner needs of one application, as stored. */
interface Timeline {
  app: Pick<Application, keyof typeof TIMELINE_APPLICATION>;
  ivs: Pick<Interview, keyof typeof TIMELINE_INTERVIEW>[];
  msgs: Pick<typeof messages.$inferSelect, "sentAt" | "receivedAt" | "direction" | "kind" | "status">[];
  rows: Pick<ReminderRow, keyof typeof TIMELINE_STEP>[];
}

function planInputOf({ app, ivs, msgs, rows }: Timeline): PlanInput {
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
  };
}

const identity = (kind: string, interviewId: number | null) => `${kind}|${interviewId ?? ""}`;

/**
 * The writes are plain D1 statements over four fixed SQL texts: building a drizzle query costs ~40 µs of CPU,
 * and a rule change on a full account moves a thousand steps (measured by `npm run bench`).
 */
type Write = D1PreparedStatement;
const INSERT_STEP =
  "insert into reminders (application_id, interview_id, kind, due_at, required, why, status, done_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
const UPDATE_STEP =
  "update reminders set due_at = ?, required = ?, why = ?, status = ?, done_at = ?, updated_at = ? where id = ?";
const CANCEL_STEP =
  "update reminders set status = 'cancelled', updated_at = ? where id = ? and application_id = ?";
const SET_PLANNED = "update applications set phase = ?, plan_flags = ?, respond_by = ? where id = ?";

/** The writes that bring the stored steps to the plan: new steps, moved due times, steps no longer due. */
function writesFor(d1: D1Database, { app, rows }: Timeline, result: Plan, now: number): Write[] {
  const writes: Write[] = [];
  const existing = new Map(rows.map((r) => [identity(r.kind, r.interviewId), r]));
  const planned = new Set<string>();
  for (const r of result.reminders) {
    const id = identity(r.kind, r.interviewId);
    planned.add(id);
    const row = existing.get(id);
    // Done is a fact of the timeline (a mark, or the person's own mail seen by Bcc); else a step is pending,
    // or stays snoozed. A step planned again after it was dropped comes back pending.
    const status = r.doneAt !== null ? "done" : row?.status === "snoozed" ? "snoozed" : "pending";
    const required = r.required ? 1 : 0;
    if (!row) {
      writes.push(
        d1
          .prepare(INSERT_STEP)
          .bind(app.id, r.interviewId, r.kind, r.dueAt, required, r.why, status, r.doneAt, now, now),
      );
    } else if (
      row.status !== status ||
      row.dueAt !== r.dueAt ||
      row.why !== r.why ||
      row.required !== r.required ||
      row.doneAt !== r.doneAt
    ) {
      writes.push(d1.prepare(UPDATE_STEP).bind(r.dueAt, required, r.why, status, r.doneAt, now, row.id));
    }
  }
  const flags = JSON.stringify(result.flags);
  if (
    app.phase !== result.state ||
    JSON.stringify(app.planFlags) !== flags ||
    app.respondBy !== result.promisedBy
  ) {
    writes.push(d1.prepare(SET_PLANNED).bind(result.state, flags, result.promisedBy, app.id));
  }
  for (const row of rows) {
    if (
      planned.has(identity(row.kind, row.interviewId)) ||
      row.status === "done" ||
      row.status === "cancelled"
    )
      continue;
    writes.push(d1.prepare(CANCEL_STEP).bind(now, row.id, app.id));
  }
  return writes;
}

/** D1 takes a batch as one request; a hundred statements keep each request small. */
async function writeAll(db: Db, writes: Write[]): Promise<void> {
  for (let i = 0; i < writes.length; i += 100) await db.$client.batch(writes.slice(i, i + 100));
}

/** Plans the application again and writes the difference. */
export async function replan(
  db: Db,
  account: Account,
  applicationId: number,
  now: number,
): Promise<Plan | null> {
  const [found, ivs, msgs, rows, own] = await db.batch([
    db
      .select(TIMELINE_APPLICATION)
      .from(applications)
      .where(and(eq(applications.id, applicationId), eq(applications.accountId, account.id))),
    db.select(TIMELINE_INTERVIEW).from(interviews).where(eq(interviews.applicationId, applicationId)),
    db.select(TIMELINE_MESSAGE).from(messages).where(eq(messages.applicationId, applicationId)),
    db.select(TIMELINE_STEP).from(reminders).where(eq(reminders.applicationId, applicationId)),
    ownHolidays(db, account),
  ]);
  const app = found[0];
  if (!app) return null;
  const { rules, clock } = clockOf(account, own);
  const timeline = { app, ivs, msgs, rows };
  const result = plan(planInputOf(timeline), rules, clock, now);
  await writeAll(db, writesFor(db.$client, timeline, result, now));
  return result;
}

/** Applications planned in one go when a whole account is planned again: ~3 ms of CPU (`npm run bench`). */
export const REPLAN_CHUNK = 50;

/**
 * Plans the account's applications again (after its rules, zone or holidays changed), the newest first: at most
 * REPLAN_CHUNK of them, those with ids below `before` when given. Five reads and the writes in batches. Returns
 * how many statements were written and the id to go on below, or null when no application is left.
 */
export async function replanAccount(
  db: Db,
  account: Account,
  now: number,
  before: number | null = null,
): Promise<{ written: number; next: number | null }> {
  const ofChunk = and(
    eq(applications.accountId, account.id),
    before === null ? undefined : lt(applications.id, before),
  );
  const chunk = db
    .select({ id: applications.id })
    .from(applications)
    .where(ofChunk)
    .orderBy(desc(applications.id))
    .limit(REPLAN_CHUNK);
  const [found, ivs, msgs, rows, holidays] = await db.batch([
    // One more than the chunk: whether any is left.
    db
      .select(TIMELINE_APPLICATION)
      .from(applications)
      .where(ofChunk)
      .orderBy(desc(applications.id))
      .limit(REPLAN_CHUNK + 1),
    db.select(TIMELINE_INTERVIEW).from(interviews).where(inArray(interviews.applicationId, chunk)),
    db.select(TIMELINE_MESSAGE).from(messages).where(inArray(messages.applicationId, chunk)),
    db.select(TIMELINE_STEP).from(reminders).where(inArray(reminders.applicationId, chunk)),
    ownHolidays(db, account),
  ]);
  const apps = found.slice(0, REPLAN_CHUNK);
  const { rules, clock } = clockOf(account, holidays);
  const byApp = <T extends { applicationId: number | null }>(list: T[]) => {
    const map = new Map<number, T[]>();
    for (const item of list) {
      if (item.applicationId === null) continue;
      const bucket = map.get(item.applicationId);
      if (bucket) bucket.push(item);
      else map.set(item.applicationId, [item]);
    }
    return map;
  };
  const ivsOf = byApp(ivs);
  const msgsOf = byApp(msgs);
  const rowsOf = byApp(rows);
  const writes: Write[] = [];
  for (const app of apps) {
    const timeline = {
      app,
      ivs: ivsOf.get(app.id) ?? [],
      msgs: msgsOf.get(app.id) ?? [],
      rows: rowsOf.get(app.id) ?? [],
    };
    writes.push(...writesFor(db.$client, timeline, plan(planInputOf(timeline), rules, clock, now), now));
  }
  await writeAll(db, writes);
  return { written: writes.length, next: found.length > REPLAN_CHUNK ? (apps.at(-1)?.id ?? null) : null };
}

/** The rest of an account-wide replan, for the queue: the applications with ids below `before`. */
export interface ReplanJob {
  type: "replan";
  accountId: number;
  before: number;
  at: number;
}

/**
 * Plans the whole account again: the newest REPLAN_CHUNK applications now, so the pages show them at once, and
 * the rest as queue jobs of one chunk each, so no request or job outgrows the Free plan's 10 ms of CPU.
 */
export async function replanAll(
  db: Db,
  queue: Queue,
  account: Account,
  now: number,
  before: number | null = null,
): Promise<{ written: number; queued: boolean }> {
  const { written, next } = await replanAccount(db, account, now, before);
  if (next === null) return { written, queued: false };
  await queue.send({ type: "replan", accountId: account.id, before: next, at: now } satisfies ReplanJob);
  return { written, queued: true };
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
