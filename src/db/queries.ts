/** The named queries the handlers use. Each takes `db`; tests run them against real D1. */
import { and, asc, desc, eq, gt, inArray, isNotNull, notInArray, or } from "drizzle-orm";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";
import { accountSenders, accounts, applications, interviews, messages, reminders } from "./schema";

/**
 * Steps still to do at `now`: pending or snoozed, and not the preparation for, or cancelling of, an interview
 * that has begun. For a query that left-joins `interviews` on the step's interview; the digest and Today share it.
 */
export function stillToDo(now: number) {
  return and(
    inArray(reminders.status, ["pending", "snoozed"]),
    or(notInArray(reminders.kind, ["prep", "cancel_by"]), gt(interviews.startAt, now)),
  );
}

export type Db = DrizzleD1Database<typeof schema> & { $client: D1Database };
export type Account = typeof accounts.$inferSelect;
export type Application = typeof applications.$inferSelect;
export type Interview = typeof interviews.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

export function database(d1: D1Database): Db {
  return drizzle(d1, { schema });
}

export async function accountByInbound(db: Db, inboundAddress: string): Promise<Account | undefined> {
  return db.query.accounts.findFirst({ where: eq(accounts.inboundAddress, inboundAddress) });
}

export async function accountById(db: Db, id: number): Promise<Account | undefined> {
  return db.query.accounts.findFirst({ where: eq(accounts.id, id) });
}

export interface NewAccount {
  inboundAddress: string;
  senders: string[];
  digestAddress: string;
  zone: string;
  language: "id" | "en";
}

/** Creates the account, or returns the one that already has this inbound address. */
export async function createAccount(db: Db, a: NewAccount, now: number): Promise<Account> {
  await db
    .insert(accounts)
    .values({
      inboundAddress: a.inboundAddress,
      digestAddress: a.digestAddress,
      zone: a.zone,
      language: a.language,
      createdAt: now,
    })
    .onConflictDoNothing();
  const account = await accountByInbound(db, a.inboundAddress);
  if (!account) throw new Error(`account ${a.inboundAddress} could not be created`);
  if (a.senders.length) {
    await db
      .insert(accountSenders)
      .values(a.senders.map((address) => ({ accountId: account.id, address })))
      .onConflictDoNothing();
  }
  return account;
}

export async function senderAddresses(db: Db, accountId: number): Promise<string[]> {
  const rows = await db
    .select({ address: accountSenders.address })
    .from(accountSenders)
    .where(eq(accountSenders.accountId, accountId));
  return rows.map((r) => r.address);
}

/** Inserts the message row; undefined when this delivery is already known (a redelivery, or a twin in flight). */
export async function insertMessage(
  db: Db,
  row: typeof messages.$inferInsert,
): Promise<MessageRow | undefined> {
  const [created] = await db.insert(messages).values(row).onConflictDoNothing().returning();
  return created;
}

export async function updateMessage(
  db: Db,
  id: number,
  patch: Partial<typeof messages.$inferInsert>,
): Promise<void> {
  await db.update(messages).set(patch).where(eq(messages.id, id));
}

export async function messageById(db: Db, id: number): Promise<MessageRow | undefined> {
  return db.query.messages.findFirst({ where: eq(messages.id, id) });
}

/** The account's messages in arrival order, for re-reading them; `offset` and `limit` take a slice of it. */
export async function messagesOfAccount(
  db: Db,
  accountId: number,
  slice: { offset?: number; limit?: number } = {},
): Promise<MessageRow[]> {
  return db.query.messages.findMany({
    where: eq(messages.accountId, accountId),
    orderBy: [asc(messages.receivedAt), asc(messages.id)],
    offset: slice.offset,
    limit: slice.limit,
  });
}

/** Another message of the account with the same original: the first one wins. */
export async function messageByOriginalKey(
  db: Db,
  accountId: number,
  originalKey: string,
): Promise<MessageRow | undefined> {
  return db.query.messages.findFirst({
    where: and(eq(messages.accountId, accountId), eq(messages.originalKey, originalKey)),
  });
}

/** The application of an earlier message in the same thread (its Message-ID among `threadIds`). */
export async function applicationInThread(
  db: Db,
  accountId: number,
  threadIds: string[],
): Promise<number | undefined> {
  const ids = threadIds.slice(0, 40);
  if (!ids.length) return undefined;
  const row = await db.query.messages.findFirst({
    columns: { applicationId: true },
    where: and(
      eq(messages.accountId, accountId),
      isNotNull(messages.applicationId),
      or(inArray(messages.messageId, ids), inArray(messages.originalMessageId, ids)),
    ),
    orderBy: [desc(messages.receivedAt)],
  });
  return row?.applicationId ?? undefined;
}

export async function applicationsOfAccount(db: Db, accountId: number): Promise<Application[]> {
  return db.query.applications.findMany({
    where: eq(applications.accountId, accountId),
    orderBy: [desc(applications.updatedAt)],
  });
}

export async function applicationById(db: Db, id: number): Promise<Application | undefined> {
  return db.query.applications.findFirst({ where: eq(applications.id, id) });
}

export async function insertApplication(db: Db, row: typeof applications.$inferInsert): Promise<Application> {
  const [created] = await db.insert(applications).values(row).returning();
  return created;
}

export async function updateApplication(
  db: Db,
  id: number,
  patch: Partial<typeof applications.$inferInsert>,
): Promise<void> {
  await db.update(applications).set(patch).where(eq(applications.id, id));
}

export async function interviewsOf(db: Db, applicationId: number): Promise<Interview[]> {
  return db.query.interviews.findMany({
    where: eq(interviews.applicationId, applicationId),
    orderBy: [asc(interviews.startAt)],
  });
}

export async function insertInterview(db: Db, row: typeof interviews.$inferInsert): Promise<Interview> {
  const [created] = await db.insert(interviews).values(row).returning();
  return created;
}

export async function updateInterview(
  db: Db,
  id: number,
  patch: Partial<typeof interviews.$inferInsert>,
): Promise<void> {
  await db.update(interviews).set(patch).where(eq(interviews.id, id));
}

/** The account's message with this id; undefined when it belongs to another account or does not exist. */
export async function messageOfAccount(
  db: Db,
  accountId: number,
  id: number,
): Promise<MessageRow | undefined> {
  return db.query.messages.findFirst({ where: and(eq(messages.id, id), eq(messages.accountId, accountId)) });
}

/** The account's application with this id; undefined when it belongs to another account or does not exist. */
export async function applicationOfAccount(
  db: Db,
  accountId: number,
  id: number,
): Promise<Application | undefined> {
  return db.query.applications.findFirst({
    where: and(eq(applications.id, id), eq(applications.accountId, accountId)),
  });
}

/** The account's most recently updated applications, for a picker. */
export async function recentApplications(db: Db, accountId: number, limit: number): Promise<Application[]> {
  return db.query.applications.findMany({
    where: eq(applications.accountId, accountId),
    orderBy: [desc(applications.updatedAt), desc(applications.id)],
    limit,
  });
}
