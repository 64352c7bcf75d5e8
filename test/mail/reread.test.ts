// Re-reading stored mail after the extractor improves: no duplicates, hand corrections kept.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { database } from "../../src/db/queries";
import { applications, interviews, messages } from "../../src/db/schema";
import worker from "../../src/index";
import { authenticated, deliver } from "../helpers/email";
import { fromBase64 } from "../helpers/fixtures";
import { resetStorage } from "../helpers/storage";

const thread = import.meta.glob<string>("../fixtures/thread/*.eml", {
  query: "?bytes",
  import: "default",
  eager: true,
});

async function reread(token: string | null, from = 0): Promise<Response> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return worker.fetch(
    new Request<unknown, IncomingRequestCfProperties>(
      `http://kabari.test/admin/reread?account=1&from=${from}`,
      {
        method: "POST",
        headers,
      },
    ),
    env,
    { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext,
  );
}

beforeEach(async () => {
  await resetStorage();
});

describe("re-reading stored mail", () => {
  it("refuses without the admin token", async () => {
    expect((await reread(null)).status).toBe(401);
    expect((await reread("wrong")).status).toBe(401);
  });

  it("reads every message again without duplicates and keeps what the person fixed", async () => {
    for (const file of Object.keys(thread).sort()) await deliver(authenticated(fromBase64(thread[file])));
    const db = database(env.DB);
    const [app] = await db.select().from(applications).all();
    await db
      .update(applications)
      .set({ company: "Sinar Jaya (my spelling)", fixedFields: ["company"] })
      .where(eq(applications.id, app.id));
    const before = await db.select().from(messages).all();

    // Two messages a request, as `npm run reread` asks: from 0, then from where the answer says.
    const first = await reread("test-admin-token");
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ read: 2, done: 2, review: 0, duplicate: 0, missing: 0, next: 2 });
    const second = await reread("test-admin-token", 2);
    expect(await second.json()).toEqual({
      read: 2,
      done: 2,
      review: 0,
      duplicate: 0,
      missing: 0,
      next: null,
    });

    const after = await db.select().from(messages).all();
    expect(after.map((m) => [m.id, m.applicationId, m.kind, m.status])).toEqual(
      before.map((m) => [m.id, m.applicationId, m.kind, m.status]),
    );
    const apps = await db.select().from(applications).all();
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({
      company: "Sinar Jaya (my spelling)",
      position: "Product Analyst",
      status: "deferred",
    });
    expect(await db.select().from(interviews).all()).toHaveLength(1);
  });

  it("reads a message whose raw copy is gone as missing, and goes on", async () => {
    for (const file of Object.keys(thread).sort().slice(0, 2))
      await deliver(authenticated(fromBase64(thread[file])));
    const [first] = await database(env.DB).select().from(messages).all();
    await env.RAW.delete(first.rawKey);
    expect(await (await reread("test-admin-token")).json()).toMatchObject({ read: 1, missing: 1 });
  });
});
