// A thread's reminders change as its emails arrive: planned in D1 by the real email() handler.
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { createAccount, database, insertApplication } from "../../src/db/queries";
import { actOnReminder, REPLAN_CHUNK, replan, replanAccount } from "../../src/db/reminders";
import { applications, interviews, reminders } from "../../src/db/schema";
import { isoInZone } from "../../src/extract/zone";
import { countingD1 } from "../helpers/d1-count";
import { authenticated, deliver } from "../helpers/email";
import { fromBase64 } from "../helpers/fixtures";
import { resetStorage } from "../helpers/storage";

const thread = import.meta.glob<string>("../fixtures/thread/*.eml", {
  query: "?bytes",
  import: "default",
  eager: true,
});
const files = Object.keys(thread).sort();

async function planned(): Promise<Record<string, string>> {
  const rows = await database(env.DB).select().from(reminders).all();
  return Object.fromEntries(
    rows
      .filter((r) => r.status !== "cancelled")
      .map((r) => [r.kind, `${isoInZone(r.dueAt, "Asia/Jakarta")} ${r.status}`]),
  );
}

async function promised(): Promise<string | null> {
  const [app] = await database(env.DB).select().from(applications).all();
  return app?.respondBy ?? null;
}

beforeEach(async () => {
  await resetStorage();
});

describe("reminders follow the thread", () => {
  it("plans, moves, completes and re-plans as the emails arrive", async () => {
    await deliver(authenticated(fromBase64(thread[files[0]])));
    // Interview Mon 8 Dec 10:00–11:00; "5 hari kerja setelah interview" → 15 Dec → follow-up 16 Dec
    expect(await planned()).toEqual({
      prep: "2025-12-05T09:00:00+07:00 pending",
      cancel_by: "2025-12-05T16:59:00+07:00 pending",
      thank_you: "2025-12-09T11:00:00+07:00 pending",
      follow_up_1: "2025-12-16T09:00:00+07:00 pending",
    });
    expect(await promised()).toBe("2025-12-15");

    await deliver(authenticated(fromBase64(thread[files[1]])));
    // Moved to Tue 9 Dec 14:00–15:00: everything moves with it, the promise counts from the new date
    expect(await planned()).toEqual({
      prep: "2025-12-08T09:00:00+07:00 pending",
      cancel_by: "2025-12-08T14:00:00+07:00 pending",
      thank_you: "2025-12-10T15:00:00+07:00 pending",
      follow_up_1: "2025-12-17T09:00:00+07:00 pending",
    });
    // The application says the recounted date too, not the one first read.
    expect(await promised()).toBe("2025-12-16");

    await deliver(authenticated(fromBase64(thread[files[2]])));
    // The thank-you, sent with kabari in Bcc, is done
    expect((await planned()).thank_you).toBe("2025-12-10T15:00:00+07:00 done");

    await deliver(authenticated(fromBase64(thread[files[3]])));
    // Deferred with a promise: "paling lambat Jumat, 19 Desember 2025" → follow-up Mon 22 Dec
    expect((await planned()).follow_up_1).toBe("2025-12-22T09:00:00+07:00 pending");
  });

  it("writes nothing new when planned twice", async () => {
    await deliver(authenticated(fromBase64(thread[files[0]])));
    const db = database(env.DB);
    const before = await db.select().from(reminders).all();
    const [account] = await db.query.accounts.findMany();
    await replan(db, account, before[0].applicationId, Date.now() + 1000);
    expect(await db.select().from(reminders).all()).toEqual(before);
  });

  it("applies the person's actions: sent, snooze, stop", async () => {
    await deliver(authenticated(fromBase64(thread[files[0]])));
    const db = database(env.DB);
    const [account] = await db.query.accounts.findMany();
    const rows = await db.select().from(reminders).all();
    const byKind = (kind: string) => rows.find((r) => r.kind === kind)?.id ?? 0;
    const now = Date.parse("2025-12-09T12:00:00+07:00");

    expect(await actOnReminder(db, account, byKind("thank_you"), { action: "done" }, now)).toBe(true);
    expect((await planned()).thank_you).toBe("2025-12-09T11:00:00+07:00 done");

    const saturday = Date.parse("2025-12-20T08:00:00+07:00");
    await actOnReminder(db, account, byKind("follow_up_1"), { action: "snooze", until: saturday }, now);
    // snoozed past the weekend: the next business moment, Monday 22 Dec 09:00
    expect((await planned()).follow_up_1).toBe("2025-12-22T09:00:00+07:00 snoozed");

    await actOnReminder(db, account, byKind("prep"), { action: "stop" }, now);
    const after = await db.select().from(reminders).all();
    expect(after.filter((r) => r.status === "pending" || r.status === "snoozed")).toEqual([]);
    const [app] = await db.select().from(applications).all();
    expect(app).toMatchObject({ status: "stopped", phase: "closed" });

    expect(
      await actOnReminder(db, { ...account, id: account.id + 1 }, byKind("prep"), { action: "done" }, now),
    ).toBe(false);
    expect(await actOnReminder(db, account, 99999, { action: "done" }, now)).toBe(false);
  });
});

describe("replanning a whole account", () => {
  it("plans 150 applications in chunks of 50, the newest first, each in a handful of D1 requests, the same as one by one", async () => {
    const db = database(env.DB);
    const account = await createAccount(
      db,
      {
        inboundAddress: "in@example.com",
        senders: ["me@example.com"],
        digestAddress: "me@example.com",
        zone: "Asia/Jakarta",
        language: "id",
      },
      0,
    );
    const now = Date.parse("2025-12-01T00:00:00Z");
    const day = 86_400_000;
    for (let i = 0; i < 150; i++) {
      const app = await insertApplication(db, {
        accountId: account.id,
        company: `PT Contoh ${i}`,
        position: "Analis",
        respondBy: i % 3 === 0 ? "2025-12-19" : null,
        createdAt: now,
        updatedAt: now,
      });
      await db.insert(interviews).values({
        applicationId: app.id,
        startAt: now + (i % 20) * day + 3 * 3_600_000,
        endAt: now + (i % 20) * day + 4 * 3_600_000,
        createdAt: now,
        updatedAt: now,
      });
    }
    const counted = countingD1(env.DB);
    const first = await replanAccount(database(counted.db), account, now);
    // 50 applications × (4 steps + the phase) = 250 writes, in batches of 100; one batch of reads.
    expect(first.written).toBe(250);
    expect(counted.requests()).toBe(1 + 3);
    const ids = (await db.select({ id: applications.id }).from(applications).all())
      .map((a) => a.id)
      .sort((a, b) => b - a);
    // The newest first: the next chunk starts below the 50th newest.
    expect(first.next).toBe(ids[REPLAN_CHUNK - 1]);
    const second = await replanAccount(db, account, now, first.next);
    expect(second).toEqual({ written: 250, next: ids[2 * REPLAN_CHUNK - 1] });
    expect(await replanAccount(db, account, now, second.next)).toEqual({ written: 250, next: null });
    const after = await db.select().from(reminders).orderBy(reminders.id).all();
    expect(after.filter((r) => r.status === "pending").length).toBe(600);
    // Planned again one by one, nothing changes: the same plan, already written.
    for (const id of ids) await replan(db, account, id, now + 1);
    expect(await db.select().from(reminders).orderBy(reminders.id).all()).toEqual(after);
    // And planned again as a whole, nothing is written.
    expect((await replanAccount(db, account, now + 2)).written).toBe(0);
  });
});
