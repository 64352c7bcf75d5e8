/** Sign-in links, sessions and the sign-in rate limit. Tokens and session ids arrive hashed. */
import { and, asc, count, eq, gt, inArray, isNull, lt, lte, sql } from "drizzle-orm";
import type { Account, Db } from "./queries";
import { accounts, loginAttempts, loginTokens, sessions } from "./schema";

export const LOGIN_TOKEN_MS = 15 * 60 * 1000;
export const SESSION_MS = 30 * 86400 * 1000;
export const ATTEMPT_WINDOW_MS = 15 * 60 * 1000;
export const ATTEMPT_LIMIT = 5;

/** The account a sign-in address belongs to (addresses compared without case); the oldest if several share it. */
export async function accountByDigestAddress(db: Db, address: string): Promise<Account | undefined> {
  return db.query.accounts.findFirst({
    where: sql`lower(${accounts.digestAddress}) = ${address.toLowerCase()}`,
    orderBy: asc(accounts.id),
  });
}

/** True when any key has had `ATTEMPT_LIMIT` sign-in requests in the window ending now. */
export async function overAttemptLimit(db: Db, keys: string[], now: number): Promise<boolean> {
  const rows = await db
    .select({ key: loginAttempts.key, n: count() })
    .from(loginAttempts)
    .where(and(inArray(loginAttempts.key, keys), gt(loginAttempts.at, now - ATTEMPT_WINDOW_MS)))
    .groupBy(loginAttempts.key)
    .all();
  return rows.some((r) => r.n >= ATTEMPT_LIMIT);
}

/** Counts a sign-in request against each key, and forgets this key's attempts older than the window. */
export async function recordAttempt(db: Db, keys: string[], now: number): Promise<void> {
  await db.batch([
    db
      .delete(loginAttempts)
      .where(and(inArray(loginAttempts.key, keys), lte(loginAttempts.at, now - ATTEMPT_WINDOW_MS))),
    db.insert(loginAttempts).values(keys.map((key) => ({ key, at: now }))),
  ]);
}

export async function createLoginToken(db: Db, accountId: number, tokenHash: string, now: number) {
  await db.batch([
    db.delete(loginTokens).where(and(eq(loginTokens.accountId, accountId), lt(loginTokens.expiresAt, now))),
    db.insert(loginTokens).values({ tokenHash, accountId, expiresAt: now + LOGIN_TOKEN_MS }),
  ]);
}

/** Whether the link would still sign in, without using it (the confirmation page). */
export async function loginTokenUsable(db: Db, tokenHash: string, now: number): Promise<boolean> {
  const row = await db.query.loginTokens.findFirst({
    where: and(
      eq(loginTokens.tokenHash, tokenHash),
      isNull(loginTokens.usedAt),
      gt(loginTokens.expiresAt, now),
    ),
  });
  return row !== undefined;
}

/** Uses the link once: of two requests racing, only one gets the account id back. */
export async function consumeLoginToken(db: Db, tokenHash: string, now: number): Promise<number | null> {
  const [row] = await db
    .update(loginTokens)
    .set({ usedAt: now })
    .where(
      and(eq(loginTokens.tokenHash, tokenHash), isNull(loginTokens.usedAt), gt(loginTokens.expiresAt, now)),
    )
    .returning({ accountId: loginTokens.accountId });
  return row?.accountId ?? null;
}

export async function createSession(db: Db, accountId: number, idHash: string, now: number): Promise<void> {
  await db.batch([
    db.delete(sessions).where(and(eq(sessions.accountId, accountId), lte(sessions.expiresAt, now))),
    db.insert(sessions).values({ idHash, accountId, createdAt: now, expiresAt: now + SESSION_MS }),
  ]);
}

/** The signed-in account of an unexpired session. */
export async function accountBySession(db: Db, idHash: string, now: number): Promise<Account | undefined> {
  const [row] = await db
    .select({ account: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now)))
    .limit(1)
    .all();
  return row?.account;
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

export async function deleteAccountSessions(db: Db, accountId: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.accountId, accountId));
}
