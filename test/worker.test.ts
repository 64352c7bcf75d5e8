import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { accountSenders, accounts, messages } from "../src/db/schema";
import worker from "../src/index";
import { resetStorage } from "./helpers/storage";

afterEach(() => {
  vi.restoreAllMocks();
});

async function get(path: string): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request<unknown, IncomingRequestCfProperties>(`http://kabari.test${path}`),
    env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

describe("fetch", () => {
  it("serves a page saying kabari is running", async () => {
    const response = await get("/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain("kabari is running");
    expect(html).toContain(env.INBOUND_ADDRESS);
  });

  it("answers /health with ok", async () => {
    const response = await get("/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("answers 404 for an unknown path", async () => {
    expect((await get("/nope")).status).toBe(404);
  });
});

/** A ForwardableEmailMessage as Email Routing hands it over, recording what the handler did with it. */
function inboundMessage(from: string, to: string, raw: string) {
  const bytes = new TextEncoder().encode(raw);
  const calls = { rejected: [] as string[], forwarded: [] as string[] };
  const message: ForwardableEmailMessage = {
    from,
    to,
    raw: new Blob([bytes]).stream(),
    rawSize: bytes.byteLength,
    headers: new Headers({ "Message-ID": "<abc@example.com>", Subject: "Interview invitation" }),
    setReject(reason) {
      calls.rejected.push(reason);
    },
    async forward(rcptTo) {
      calls.forwarded.push(rcptTo);
      return { messageId: "forwarded" };
    },
    async reply() {
      return { messageId: "reply" };
    },
  };
  return { message, calls };
}

describe("email", () => {
  beforeEach(async () => {
    await resetStorage();
  });

  it("keeps a message from the owner and logs what became of it, never forwarding", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const raw = [
      "From: Recruiter <hr@company.example>",
      "To: interviews@example.com",
      "Subject: Interview invitation",
      "Message-ID: <abc@example.com>",
      "Date: Mon, 20 Apr 2026 09:00:00 +0700",
      "",
      "Dear candidate, we would like to invite you to an interview at Company Example on Tuesday, 21 April 2026 at 10:00 WIB.",
      "",
    ].join("\r\n");
    const { message, calls } = inboundMessage("you@example.com", "interviews@example.com", raw);

    // As under `npm run dev`: wrangler's local endpoint adds no Authentication-Results.
    await worker.email(message, { ...env, LOCAL_DEV: "true" });

    expect(calls).toEqual({ rejected: [], forwarded: [] });
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^email 1 for account 1: (done|review)/));
    const stored = await drizzle(env.DB).select().from(messages).all();
    expect(stored.map((m) => m.kind)).toEqual(["invitation"]);
  });
});

describe("scheduled", () => {
  beforeEach(async () => {
    await resetStorage();
  });

  it("runs with the event's time", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const scheduledTime = Date.UTC(2026, 3, 20, 1, 0);
    const controller = createScheduledController({ scheduledTime, cron: "0 * * * *" });

    await worker.scheduled(controller, env);

    expect(log).toHaveBeenCalledWith(
      "cron tick",
      "2026-04-20T01:00:00.000Z",
      "0 jobs queued, 0 raw mails past keeping deleted",
    );
  });
});

describe("queue", () => {
  beforeEach(async () => {
    await resetStorage();
  });

  it("acks every message in the batch", async () => {
    const batch = createMessageBatch("kabari-digest", [
      // Jobs for accounts that do not exist, and a body that is no job at all: acked, never retried.
      {
        id: "m1",
        timestamp: new Date(),
        attempts: 1,
        body: { type: "digest", accountId: 998, localDate: "2026-04-20" },
      },
      { id: "m2", timestamp: new Date(), attempts: 1, body: { accountId: 2 } },
    ]);
    const ctx = createExecutionContext();

    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);

    expect(result.outcome).toBe("ok");
    expect([...result.explicitAcks].sort()).toEqual(["m1", "m2"]);
    expect(result.retryMessages).toEqual([]);
  });
});

// drizzle wraps D1's error ("Failed query: ...") and keeps SQLite's message in `cause`.
const sqliteError = (pattern: RegExp) => ({ cause: { message: expect.stringMatching(pattern) } });

describe("D1 schema", () => {
  beforeEach(resetStorage);

  const demo = {
    inboundAddress: "interviews@example.com",
    digestAddress: "you@example.com",
    zone: "Asia/Jakarta",
    language: "id",
    createdAt: Date.UTC(2026, 3, 20),
  } as const;

  it("starts each test empty", async () => {
    const db = drizzle(env.DB);
    expect(await db.select().from(accounts)).toEqual([]);
    await db.insert(accounts).values(demo);
  });

  it("stores an account and its senders", async () => {
    const db = drizzle(env.DB);
    const [account] = await db.insert(accounts).values(demo).returning();
    expect(account).toMatchObject({ id: expect.any(Number), ...demo });
    if (!account) throw new Error("insert returned no row");

    await db.insert(accountSenders).values({ accountId: account.id, address: "you@example.com" });
    const senders = await db.select().from(accountSenders).where(eq(accountSenders.accountId, account.id));
    expect(senders).toEqual([{ accountId: account.id, address: "you@example.com" }]);
  });

  it("refuses a duplicate inbound address, a duplicate sender and an unknown language", async () => {
    const db = drizzle(env.DB);
    const [account] = await db.insert(accounts).values(demo).returning();
    if (!account) throw new Error("insert returned no row");
    await db.insert(accountSenders).values({ accountId: account.id, address: "you@example.com" });

    await expect(db.insert(accounts).values(demo)).rejects.toMatchObject(sqliteError(/UNIQUE/));
    await expect(
      db.insert(accountSenders).values({ accountId: account.id, address: "you@example.com" }),
    ).rejects.toMatchObject(sqliteError(/UNIQUE/));
    await expect(
      env.DB.prepare(
        "INSERT INTO accounts (inbound_address, digest_address, zone, language, created_at) VALUES (?, ?, ?, 'fr', 0)",
      )
        .bind("other@example.com", "you@example.com", "Asia/Jakarta")
        .run(),
    ).rejects.toThrow(/CHECK/);
  });

  it("refuses a sender for an account that does not exist", async () => {
    const db = drizzle(env.DB);
    await expect(
      db.insert(accountSenders).values({ accountId: 999, address: "x@example.com" }),
    ).rejects.toMatchObject(sqliteError(/FOREIGN KEY/));
  });
});
