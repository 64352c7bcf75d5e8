// The morning digest end to end in workerd: the cron picks the due accounts, the queue job sends once.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { like } from "drizzle-orm";
import PostalMime from "postal-mime";
import { beforeEach, describe, expect, it } from "vitest";
import { createAccount, database } from "../../src/db/queries";
import { applications, digests, reminders } from "../../src/db/schema";
import type { DigestJob } from "../../src/digest/due";
import { dueDigests } from "../../src/digest/due";
import { dueNudges, sendNudge } from "../../src/digest/nudge";
import { consumeDigestBatch, onSchedule } from "../../src/digest/schedule";
import { gatherDigest, MAX_TODAY, sendDigest } from "../../src/digest/send";
import type { SendMail } from "../../src/mail/send";
import { countingD1 } from "../helpers/d1-count";
import { authenticated, deliver } from "../helpers/email";
import { fromBase64 } from "../helpers/fixtures";
import { resetStorage } from "../helpers/storage";

const thread = import.meta.glob<string>("../fixtures/thread/*.eml", {
  query: "?bytes",
  import: "default",
  eager: true,
});
const invitation = () => authenticated(fromBase64(thread[Object.keys(thread).sort()[0]]));
const at = (iso: string) => Date.parse(iso);

interface Sent {
  from: string;
  to: string;
  raw: string;
}

function recorder(fail = 0): { send: SendMail; sent: Sent[] } {
  const sent: Sent[] = [];
  let failures = fail;
  return {
    sent,
    send: async (from, to, raw) => {
      if (failures-- > 0) throw new Error("send_email: temporary failure");
      sent.push({ from, to, raw });
    },
  };
}

const deps = (send: SendMail) => ({
  send,
  mailFrom: "kabari@example.com",
  settingsUrl: "https://kabari.example",
  linkSecret: "test-admin-token",
});

beforeEach(async () => {
  await resetStorage();
});

describe("which accounts are due", () => {
  beforeEach(async () => {
    await deliver(invitation());
  });

  it.each([
    ["before the digest time", "2025-12-05T06:59:00+07:00", []],
    ["at the digest time", "2025-12-05T07:00:00+07:00", ["2025-12-05"]],
    ["later the same morning", "2025-12-05T10:00:00+07:00", ["2025-12-05"]],
    ["on a Saturday", "2025-12-06T08:00:00+07:00", []],
    ["on Christmas", "2025-12-25T08:00:00+07:00", []],
    ["on cuti bersama", "2025-12-26T08:00:00+07:00", []],
  ])("%s", async (_name, when, dates) => {
    const jobs = await dueDigests(database(env.DB), at(when));
    expect(jobs.map((j) => j.localDate)).toEqual(dates);
  });

  it("follows each account's own zone across a DST change (New York)", async () => {
    const db = database(env.DB);
    await createAccount(
      db,
      {
        inboundAddress: "ny@example.com",
        senders: ["ny@example.net"],
        digestAddress: "ny@example.net",
        zone: "America/New_York",
        language: "en",
      },
      0,
    );
    const ny = async (iso: string) => (await dueDigests(db, at(iso))).filter((j) => j.accountId === 2).length;
    // Monday 3 Nov 2025, the day after clocks fell back: 07:00 EST is 12:00Z
    expect(await ny("2025-11-03T11:59:00Z")).toBe(0);
    expect(await ny("2025-11-03T12:00:00Z")).toBe(1);
    // Friday 31 Oct, still EDT: 07:00 is 11:00Z
    expect(await ny("2025-10-31T11:00:00Z")).toBe(1);
  });

  it("queues one job per due account from the cron", async () => {
    const batches: unknown[][] = [];
    const queue = { sendBatch: async (m: unknown[]) => void batches.push(m), send: async () => {} };
    const count = await onSchedule(new Date("2025-12-05T00:00:00Z"), {
      ...env,
      DIGEST_QUEUE: queue as unknown as Queue,
    });
    expect(count).toBe(1);
    expect(batches).toEqual([
      [
        {
          body: {
            type: "digest",
            accountId: 1,
            localDate: "2025-12-05",
            at: Date.parse("2025-12-05T00:00:00Z"),
          },
        },
      ],
    ]);
  });
});

describe("scale", () => {
  it("finds the due among 10,000 accounts in three queries", async () => {
    const zones = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "Asia/Kolkata", "America/New_York"];
    const values = Array.from(
      { length: 10_000 },
      (_, i) => `('a${i}@example.com', 'd${i}@example.net', '${zones[i % 5]}', 'id', 0)`,
    );
    for (let i = 0; i < values.length; i += 500) {
      await env.DB.exec(
        `INSERT INTO accounts (inbound_address, digest_address, zone, language, created_at) VALUES ${values.slice(i, i + 500).join(",")}`,
      );
    }
    let queries = 0;
    const counting = new Proxy(env.DB, {
      get(target, key) {
        const value = Reflect.get(target, key);
        if (key === "prepare") {
          return (sql: string) => {
            queries++;
            return target.prepare(sql);
          };
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    // 01:00Z: 08:00 in Jakarta, 09:00 Makassar, 10:00 Jayapura, 06:30 Kolkata (not yet), and 20:00 of
    // Thursday in New York (past its hour, and no digest yet that day)
    const jobs = await dueDigests(database(counting), Date.parse("2025-12-05T01:00:00Z"));
    expect(queries).toBeLessThanOrEqual(3);
    expect(jobs).toHaveLength(8000);
    expect(jobs.filter((j) => j.localDate === "2025-12-04")).toHaveLength(2000);
  });
});

describe("sending", () => {
  const morning = at("2025-12-05T07:00:00+07:00");
  const job: DigestJob = { type: "digest", accountId: 1, localDate: "2025-12-05", at: morning };

  beforeEach(async () => {
    await deliver(invitation());
  });

  it("sends the day's digest once, to the account's own address, with HTML and text", async () => {
    const r = recorder();
    const db = database(env.DB);
    expect(await sendDigest(db, job, deps(r.send), morning)).toBe("sent");
    expect(await sendDigest(db, job, deps(r.send), morning + 60_000)).toBe("not-claimed");
    expect(await dueDigests(db, morning + 3600_000)).toEqual([]);
    expect(r.sent).toHaveLength(1);
    expect(r.sent[0]).toMatchObject({ from: "kabari@example.com", to: "you@example.com" });
    const mail = await PostalMime.parse(r.sent[0].raw);
    expect(mail.to?.[0]).toMatchObject({ address: "you@example.com" });
    expect(mail.messageId).toMatch(/^<.+@example\.com>$/);
    expect(mail.text).toContain("Sinar Jaya Digital");
    expect(mail.html).toContain("Sinar Jaya Digital");
    expect(mail.html).not.toMatch(/<script/i);
    // one-click actions, signed, on the Worker's own site
    expect(mail.html).toMatch(/https:\/\/kabari\.example\/a\/[\w-]+\.[\w-]+/);
  });

  it("releases the day when sending fails, and sends on the queue's retry", async () => {
    const r = recorder(1);
    const db = database(env.DB);
    await expect(sendDigest(db, job, deps(r.send), morning)).rejects.toThrow(/temporary failure/);
    const [failed] = await db.select().from(digests).all();
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(await sendDigest(db, job, deps(r.send), morning + 120_000)).toBe("sent");
    expect(r.sent).toHaveLength(1);
  });

  it("gives up after three tries", async () => {
    const r = recorder(5);
    const db = database(env.DB);
    for (let i = 0; i < 3; i++)
      await expect(sendDigest(db, job, deps(r.send), morning + i)).rejects.toThrow();
    expect(await sendDigest(db, job, deps(r.send), morning + 10)).toBe("not-claimed");
    expect(r.sent).toHaveLength(0);
  });

  it("takes over a claim whose lease ran out", async () => {
    const db = database(env.DB);
    await db.insert(digests).values({
      accountId: 1,
      localDate: "2025-12-05",
      status: "claimed",
      leaseUntil: morning - 1,
      attempts: 1,
      createdAt: morning - 3600_000,
      updatedAt: morning - 3600_000,
    });
    expect((await dueDigests(db, morning)).length).toBe(1);
    const r = recorder();
    expect(await sendDigest(db, job, deps(r.send), morning)).toBe("sent");
  });

  it("sends nothing on a day with nothing to say", async () => {
    const db = database(env.DB);
    const quietAccount = await createAccount(
      db,
      {
        inboundAddress: "quiet@example.com",
        senders: ["q@example.net"],
        digestAddress: "q@example.net",
        zone: "Asia/Jakarta",
        language: "id",
      },
      0,
    );
    const r = recorder();
    const quiet: DigestJob = {
      type: "digest",
      accountId: quietAccount.id,
      localDate: "2025-12-05",
      at: morning,
    };
    expect(await sendDigest(db, quiet, deps(r.send), morning)).toBe("skipped");
    expect(r.sent).toHaveLength(0);
  });
});

describe("the same-day thank-you nudge", () => {
  beforeEach(async () => {
    await deliver(invitation());
  });

  it.each([
    ["half an hour after the interview", "2025-12-08T11:30:00+07:00", 0],
    ["an hour after it ended", "2025-12-08T12:00:00+07:00", 1],
    ["in the evening, outside working hours", "2025-12-08T18:00:00+07:00", 0],
    ["the next morning, within 24 hours", "2025-12-09T09:00:00+07:00", 1],
    ["two days later", "2025-12-10T10:00:00+07:00", 0],
  ])("%s", async (_name, when, count) => {
    expect(await dueNudges(database(env.DB), at(when))).toHaveLength(count);
  });

  it("sends the draft once, and never after the thank-you was sent", async () => {
    const db = database(env.DB);
    const [job] = await dueNudges(db, at("2025-12-08T12:00:00+07:00"));
    const r = recorder();
    const d = { send: r.send, mailFrom: "kabari@example.com" };
    expect(await sendNudge(db, job, d, at("2025-12-08T12:00:00+07:00"))).toBe(true);
    expect(await sendNudge(db, job, d, at("2025-12-08T13:00:00+07:00"))).toBe(false);
    expect(await dueNudges(db, at("2025-12-08T13:00:00+07:00"))).toEqual([]);
    expect(r.sent).toHaveLength(1);
    const mail = await PostalMime.parse(r.sent[0].raw);
    expect(mail.to?.[0]).toMatchObject({ address: "you@example.com" });
    expect(mail.text).toContain("Product Analyst");
    expect(mail.text).toMatch(/mailto:rekrutmen@sinarjayadigital\.co\.id\?/);
  });
});

describe("the right items on the right days, once", () => {
  async function tick(when: string, send: SendMail): Promise<string[]> {
    const jobs: unknown[] = [];
    const queue = {
      sendBatch: async (m: { body: unknown }[]) => void jobs.push(...m.map((x) => x.body)),
      send: async () => {},
    };
    const e = { ...env, DIGEST_QUEUE: queue as unknown as Queue, ADMIN_TOKEN: "test-admin-token" };
    await onSchedule(new Date(at(when)), e);
    const texts: string[] = [];
    const recordingSend: SendMail = async (from, to, raw) => {
      await send(from, to, raw);
      texts.push((await PostalMime.parse(raw)).text ?? "");
    };
    const batch = createMessageBatch(
      "kabari-digest",
      jobs.map((body, i) => ({ id: String(i), timestamp: new Date(), attempts: 1, body })),
    );
    await consumeDigestBatch(batch, e, recordingSend);
    return texts;
  }

  it("prep and cancel-by before the interview, the thank-you after it, nothing on the weekend", async () => {
    await deliver(invitation());
    const r = recorder();
    const friday = await tick("2025-12-05T07:05:00+07:00", r.send);
    expect(friday).toHaveLength(1);
    expect(friday[0]).toContain("Persiapan interview");
    expect(friday[0]).toContain("Batas waktu membatalkan interview");
    expect(friday[0]).not.toContain("Kirim ucapan terima kasih");
    expect(await tick("2025-12-05T08:05:00+07:00", r.send)).toEqual([]);
    expect(await tick("2025-12-06T07:05:00+07:00", r.send)).toEqual([]);
    const tuesday = await tick("2025-12-09T07:05:00+07:00", r.send);
    expect(tuesday).toHaveLength(1);
    expect(tuesday[0]).toContain("Kirim ucapan terima kasih");
    expect(tuesday[0]).not.toContain("Persiapan interview");
    expect(r.sent.every((m) => m.to === "you@example.com")).toBe(true);
  });

  it("lets nothing from a stranger's mail into the digest's headers or recipients", async () => {
    await deliver(invitation());
    const db = database(env.DB);
    await db.update(applications).set({
      company: "Evil\r\nBcc: victim@example.net\r\nX-Injected: 1",
      contact: "hr@evil.example\r\nCc: x@y.z",
    });
    const r = recorder();
    await tick("2025-12-05T07:05:00+07:00", r.send);
    expect(r.sent).toHaveLength(1);
    const head = r.sent[0].raw.split(/\r?\n\r?\n/)[0];
    expect(head).not.toMatch(/^(bcc|cc|x-injected):/im);
    const parsed = await PostalMime.parse(r.sent[0].raw);
    expect(parsed.bcc ?? []).toEqual([]);
    expect(parsed.cc ?? []).toEqual([]);
    expect(parsed.to?.map((a) => a.address)).toEqual(["you@example.com"]);
  });
});

describe("an account with many applications", () => {
  it("gathers the digest for 150 applications (D1 binds at most 100 parameters)", async () => {
    await deliver(invitation());
    const values = Array.from(
      { length: 150 },
      (_, i) => `(1, 'PT Contoh ${i}', 'Posisi ${i}', 'active', 'waiting', 0, 0)`,
    );
    await env.DB.exec(
      `INSERT INTO applications (account_id, company, position, status, phase, created_at, updated_at) VALUES ${values.join(",")}`,
    );
    const r = recorder();
    const job: DigestJob = {
      type: "digest",
      accountId: 1,
      localDate: "2025-12-05",
      at: at("2025-12-05T07:00:00+07:00"),
    };
    expect(await sendDigest(database(env.DB), job, deps(r.send), job.at)).toBe("sent");
  });
});

describe("a long backlog", () => {
  it("lists at most MAX_TODAY steps, the oldest first", async () => {
    await deliver(invitation());
    const [app] = await database(env.DB).select().from(applications).all();
    const base = at("2025-11-01T09:00:00+07:00");
    const rows = Array.from(
      { length: 40 },
      (_, i) => `(${app.id}, 'follow_up_1', ${base + i * 3600_000}, 'pending', 0, 0)`,
    );
    await env.DB.exec(
      `INSERT INTO reminders (application_id, kind, due_at, status, created_at, updated_at) VALUES ${rows.join(",")}`,
    );
    const [account] = await database(env.DB).query.accounts.findMany();
    const input = await gatherDigest(
      database(env.DB),
      account,
      at("2025-12-05T07:00:00+07:00"),
      "https://k.example",
    );
    expect(input.today).toHaveLength(MAX_TODAY);
    expect(input.today[0]?.dueAt).toBe(base);
  });

  it("reads 150 applications' steps in three D1 requests, each step with its own application", async () => {
    await deliver(invitation());
    const base = at("2025-11-01T09:00:00+07:00");
    const apps = Array.from(
      { length: 150 },
      (_, i) => `(1, 'PT Contoh ${i}', 'Posisi ${i}', 'active', 'waiting', 0, 0)`,
    );
    await env.DB.exec(
      `INSERT INTO applications (account_id, company, position, status, phase, created_at, updated_at) VALUES ${apps.join(",")}`,
    );
    const created = await database(env.DB)
      .select()
      .from(applications)
      .where(like(applications.company, "PT Contoh %"))
      .all();
    // Later applications fall due earlier, so the oldest steps are not simply the first rows.
    const rows = created.map(
      (app, i) => `(${app.id}, 'follow_up_1', ${base + (150 - i) * 3600_000}, 'pending', 0, 0)`,
    );
    await env.DB.exec(
      `INSERT INTO reminders (application_id, kind, due_at, status, created_at, updated_at) VALUES ${rows.join(",")}`,
    );
    const [account] = await database(env.DB).query.accounts.findMany();
    const counted = countingD1(env.DB);
    const input = await gatherDigest(
      database(counted.db),
      account,
      at("2025-12-05T07:00:00+07:00"),
      "https://k.example",
    );
    // One batch for the lists, one for today's interviews and subjects.
    expect(counted.requests()).toBe(2);
    expect(input.today).toHaveLength(MAX_TODAY);
    expect(input.today.map((item) => item.company)).toEqual(
      Array.from({ length: MAX_TODAY }, (_, k) => `PT Contoh ${149 - k}`),
    );
    expect(input.today[0]?.draft?.body).toContain("PT Contoh 149");
  });
});

describe("replan jobs on the queue", () => {
  it("plans the next chunk, queues the one after, and acks a job for an account deleted meanwhile", async () => {
    await deliver(invitation());
    const db = database(env.DB);
    const [account] = await db.query.accounts.findMany();
    const values = Array.from(
      { length: 120 },
      (_, i) => `(${account.id}, 'PT Antrean ${i}', 'Posisi', 'active', 'waiting', 0, 0)`,
    );
    await env.DB.exec(
      `INSERT INTO applications (account_id, company, position, status, phase, created_at, updated_at) VALUES ${values.join(",")}`,
    );
    const queued = await db
      .select()
      .from(applications)
      .where(like(applications.company, "PT Antrean %"))
      .all();
    // Each with an interview, and no steps yet: a planned application has some.
    await env.DB.exec(
      `INSERT INTO interviews (application_id, start_at, status, created_at, updated_at) VALUES ${queued
        .map((a) => `(${a.id}, ${at("2025-12-15T10:00:00+07:00")}, 'scheduled', 0, 0)`)
        .join(",")}`,
    );
    const ids = queued.map((a) => a.id).sort((a, b) => b - a);
    const sent: unknown[] = [];
    const queue = { send: async (body: unknown) => void sent.push(body) } as unknown as Queue;
    const when = at("2025-12-01T10:00:00+07:00");
    const jobs = [
      { type: "replan", accountId: account.id, before: ids[0], at: when },
      { type: "replan", accountId: 9999, before: 50, at: when },
    ];
    const batch = createMessageBatch(
      "kabari-digest",
      jobs.map((body, i) => ({ id: String(i), timestamp: new Date(), attempts: 1, body })),
    );
    const ctx = createExecutionContext();
    await consumeDigestBatch(batch, { ...env, DIGEST_QUEUE: queue }, recorder().send);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(["0", "1"]);
    expect(result.retryMessages).toEqual([]);
    const withSteps = new Set(
      (await db.select({ id: reminders.applicationId }).from(reminders).all()).map((r) => r.id),
    );
    // The 50 below `before`, newest first; not the newest itself, not the 69 left for the next job.
    expect(ids.filter((id) => withSteps.has(id))).toEqual(ids.slice(1, 51));
    expect(sent).toEqual([{ type: "replan", accountId: account.id, before: ids[50], at: when }]);
  });
});

describe("within the Free plan's 50 D1 queries per invocation", () => {
  it("sends a full queue batch of digests (max_batch_size in wrangler.toml) within the budget", async () => {
    await deliver(invitation());
    const db = database(env.DB);
    const toml = await import("../../wrangler.toml?raw").then((m) => m.default as string);
    const size = Number(/queue = "kabari-digest"\s*\nmax_batch_size = (\d+)/.exec(toml)?.[1]);
    expect(size).toBeGreaterThan(0);
    const accounts = [];
    for (let i = 0; i < size; i++) {
      accounts.push(
        await createAccount(
          db,
          {
            inboundAddress: `in${i}@example.com`,
            senders: [`p${i}@example.com`],
            digestAddress: `p${i}@example.com`,
            zone: "Asia/Jakarta",
            language: "id",
          },
          0,
        ),
      );
    }
    const when = at("2025-12-05T07:00:00+07:00");
    // Each with a step due today, so every digest is gathered in full and sent.
    for (const a of accounts) {
      const [app] = await db
        .insert(applications)
        .values({ accountId: a.id, company: "PT Contoh", position: "Analis", createdAt: 0, updatedAt: 0 })
        .returning();
      await db.insert(reminders).values({
        applicationId: app.id,
        kind: "follow_up_1",
        dueAt: when - 3_600_000,
        createdAt: 0,
        updatedAt: 0,
      });
    }
    const r = recorder();
    const batch = createMessageBatch(
      "kabari-digest",
      accounts.map((a, i) => ({
        id: String(i),
        timestamp: new Date(when),
        attempts: 1,
        body: { type: "digest", accountId: a.id, localDate: "2025-12-05", at: when },
      })),
    );
    const counted = countingD1(env.DB);
    await consumeDigestBatch(batch, { ...env, DB: counted.db }, r.send);
    expect(r.sent).toHaveLength(size);
    // Five requests a digest (account, claim, two reads, done); the invocation may send 50.
    expect(counted.requests()).toBe(5 * size);
    expect(counted.requests()).toBeLessThanOrEqual(50);
  });
});
