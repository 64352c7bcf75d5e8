// Raw mail is deleted from R2 after RAW_MAIL_DAYS by the hourly cron; what was read from it stays in D1.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createAccount, database } from "../../src/db/queries";
import { messages } from "../../src/db/schema";
import { onSchedule } from "../../src/digest/schedule";
import { DEFAULT_RAW_MAIL_DAYS, forgetOldRawMail, rawMailDays } from "../../src/mail/retention";
import type { Browser } from "../helpers/browser";
import { signedIn } from "../helpers/site";
import { resetStorage } from "../helpers/storage";

const DAY = 86_400_000;
const NOW = Date.parse("2026-06-01T00:00:00Z");
const db = () => database(env.DB);
let accountId: number;

beforeEach(async () => {
  await resetStorage();
  const account = await createAccount(
    db(),
    {
      inboundAddress: "interviews@example.com",
      senders: ["you@example.com"],
      digestAddress: "you@example.com",
      zone: "Asia/Jakarta",
      language: "id",
    },
    0,
  );
  accountId = account.id;
});

/** Stored mail received `ageDays` before NOW: a row and its bytes in R2. */
async function stored(ageDays: number[]): Promise<{ id: number; rawKey: string }[]> {
  const rows = ageDays.map((age, i) => ({
    accountId,
    deliveryKey: `d-${i}-${age}`,
    rawKey: `raw/${accountId}/${i}-${age}.eml`,
    rawSize: 20,
    envelopeFrom: "you@example.com",
    status: "done" as const,
    subject: `Mail ${i}`,
    receivedAt: NOW - age * DAY,
    updatedAt: NOW,
  }));
  for (const row of rows) await env.RAW.put(row.rawKey, `Subject: ${row.subject}\r\n\r\nhi\r\n`);
  const out: { id: number; rawKey: string }[] = [];
  for (let i = 0; i < rows.length; i += 8) {
    out.push(
      ...(await db()
        .insert(messages)
        .values(rows.slice(i, i + 8))
        .returning({ id: messages.id, rawKey: messages.rawKey })),
    );
  }
  return out;
}

describe("the keeping period", () => {
  it("reads RAW_MAIL_DAYS as whole days from 1 to 3650, else 180", () => {
    expect(DEFAULT_RAW_MAIL_DAYS).toBe(180);
    expect(rawMailDays(undefined)).toBe(180);
    expect(rawMailDays("30")).toBe(30);
    expect(rawMailDays(" 45 ")).toBe(45);
    expect(rawMailDays("3650")).toBe(3650);
    for (const nonsense of ["", "0", "-5", "abc", "12.5", "3651", "99999", "1e3"]) {
      expect(rawMailDays(nonsense)).toBe(180);
    }
  });
});

describe("forgetting old raw mail", () => {
  it("deletes the bytes of mail older than the period, keeps the rows, and never looks twice", async () => {
    const [old, older, recent, edge] = await stored([181, 400, 10, 179]);
    expect(await forgetOldRawMail(db(), env.RAW, NOW, 180)).toBe(2);
    for (const gone of [old, older]) {
      expect(await env.RAW.head(gone.rawKey)).toBeNull();
      const [row] = await db().select().from(messages).where(eq(messages.id, gone.id)).all();
      expect(row.rawDeletedAt).toBe(NOW);
      expect(row.subject).toMatch(/^Mail /);
    }
    for (const kept of [recent, edge]) {
      expect(await env.RAW.head(kept.rawKey)).not.toBeNull();
      const [row] = await db().select().from(messages).where(eq(messages.id, kept.id)).all();
      expect(row.rawDeletedAt).toBeNull();
    }
    expect(await forgetOldRawMail(db(), env.RAW, NOW + 1, 180)).toBe(0);
    // Two days later the 179-day-old one is past the period too.
    expect(await forgetOldRawMail(db(), env.RAW, NOW + 2 * DAY, 180)).toBe(1);
    expect(await env.RAW.head(edge.rawKey)).toBeNull();
  });

  it("goes 500 at a time, oldest first, marking more rows than D1 binds in one statement", async () => {
    const ages = Array.from({ length: 620 }, (_, i) => 200 + i);
    const rows = await stored(ages);
    expect(await forgetOldRawMail(db(), env.RAW, NOW, 180)).toBe(500);
    // The oldest 500 (the last ones stored) are gone; the 120 youngest wait for the next tick.
    expect(await env.RAW.head(rows[619].rawKey)).toBeNull();
    expect(await env.RAW.head(rows[0].rawKey)).not.toBeNull();
    expect(await forgetOldRawMail(db(), env.RAW, NOW, 180)).toBe(120);
    const left = await db().select().from(messages).all();
    expect(left.every((m) => m.rawDeletedAt === NOW)).toBe(true);
  });

  it("runs on the hourly cron with the deployment's period", async () => {
    const [old, recent] = await stored([40, 20]);
    const queue = { sendBatch: async () => {}, send: async () => {} } as unknown as Queue;
    await onSchedule(new Date(NOW), { ...env, DIGEST_QUEUE: queue, RAW_MAIL_DAYS: "30" });
    expect(await env.RAW.head(old.rawKey)).toBeNull();
    expect(await env.RAW.head(recent.rawKey)).not.toBeNull();
  });

  it("says on the message's page and on Your data when and after how long", async () => {
    const [old] = await stored([200]);
    await forgetOldRawMail(db(), env.RAW, NOW, 180);
    const browser: Browser = await signedIn("you@example.com");
    const page = await (await browser.get(`/messages/${old.id}`)).text();
    expect(page).toContain("Email aslinya sudah dihapus pada 2026-06-01 07:00");
    expect(page).not.toContain(`/data/raw/${old.id}.eml`);
    const data = await (await browser.get("/data")).text();
    expect(data).toContain("Email asli disimpan di R2 selama 180 hari, lalu dihapus oleh kabari sendiri");
  });
});
