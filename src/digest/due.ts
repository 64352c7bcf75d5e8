/**
 * Which accounts get their digest now: at or past their digest time, on a business day in their own zone and
 * calendar, with no digest yet that local day (or only a claim whose lease ran out). A bounded number of
 * queries whatever the number of accounts: all accounts, today's claims, today's own holidays.
 */
import { inArray } from "drizzle-orm";
import type { Db } from "../db/queries";
import { accountHolidays, accounts, digests } from "../db/schema";
import { dateInZone, wallClock } from "../extract/zone";
import { personalCalendar } from "../plan/calendar";
import { DEFAULT_RULES, parseRules, type Rules, timeToMinutes } from "../plan/rules";

/** A queue job: build and send one account's digest for one local day. */
export interface DigestJob {
  type: "digest";
  accountId: number;
  localDate: string;
  /** The tick's time: the digest is written for that moment, so a played moment (`npm run dev`) is honoured. */
  at: number;
}

/** How long a claim holds before a later tick may take it over (the sender died mid-way). */
export const DIGEST_LEASE_MS = 15 * 60_000;
/** After this many tries in a day the day is given up (the failure shows on the settings site). */
export const DIGEST_MAX_ATTEMPTS = 3;

export async function dueDigests(db: Db, now: number): Promise<DigestJob[]> {
  const all = await db
    .select({ id: accounts.id, zone: accounts.zone, rules: accounts.rules })
    .from(accounts)
    .all();
  // Work per zone and per distinct rules, not per account: a deployment may hold thousands of accounts that share
  // a handful of zones and mostly the default rules.
  const zones = new Map<string, { date: string; minutes: number }>();
  for (const a of all) {
    if (zones.has(a.zone)) continue;
    const w = wallClock(now, a.zone);
    zones.set(a.zone, { date: dateInZone(now, a.zone), minutes: w.hour * 60 + w.minute });
  }
  const dates = [...new Set([...zones.values()].map((z) => z.date))];
  if (!dates.length) return [];
  const claims = await db.select().from(digests).where(inArray(digests.localDate, dates)).all();
  const own = await db.select().from(accountHolidays).where(inArray(accountHolidays.date, dates)).all();
  const claimed = new Map(claims.map((c) => [`${c.accountId}|${c.localDate}`, c]));
  const ownOf = new Map<number, typeof own>();
  for (const h of own) ownOf.set(h.accountId, [...(ownOf.get(h.accountId) ?? []), h]);
  const rulesOf = new Map<string, Rules>();
  const shared = { true: personalCalendar([]), false: personalCalendar([], { cutiBersama: false }) };
  const jobs: DigestJob[] = [];
  for (const a of all) {
    const zone = zones.get(a.zone);
    if (!zone) continue;
    const key = JSON.stringify(a.rules ?? {});
    let rules = rulesOf.get(key);
    if (!rules) {
      const parsed = parseRules(a.rules);
      rules = parsed.ok ? parsed.rules : DEFAULT_RULES;
      rulesOf.set(key, rules);
    }
    if (zone.minutes < (timeToMinutes(rules.digestTime) ?? 420)) continue;
    const mine = ownOf.get(a.id);
    const calendar = mine
      ? personalCalendar(mine, { cutiBersama: rules.cutiBersamaAreHolidays })
      : shared[rules.cutiBersamaAreHolidays ? "true" : "false"];
    if (!calendar.isBusinessDay(zone.date)) continue;
    const claim = claimed.get(`${a.id}|${zone.date}`);
    if (claim && !claimable(claim, now)) continue;
    jobs.push({ type: "digest", accountId: a.id, localDate: zone.date, at: now });
  }
  return jobs;
}

/** A day's claim may be taken (again) when it failed or its lease ran out, within the tries allowed. */
export function claimable(claim: typeof digests.$inferSelect, now: number): boolean {
  if (claim.attempts >= DIGEST_MAX_ATTEMPTS) return false;
  if (claim.status === "failed") return true;
  return claim.status === "claimed" && (claim.leaseUntil ?? 0) < now;
}
