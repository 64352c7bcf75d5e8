// /addresses and /data: signed-out and CSRF refusals, adding and removing forwarding addresses, the digest
// address, the export and raw downloads (never another account's), and deleting the account.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { type Account, database, insertApplication, senderAddresses } from "../../src/db/queries";
import { accounts, applications, interviews, messages, reminders, sessions } from "../../src/db/schema";
import { Browser } from "../helpers/browser";
import { ME } from "../helpers/email";
import { createBob, signedIn, startWithInvitation } from "../helpers/site";

const db = () => database(env.DB);
let browser: Browser;
let me: Account;

beforeEach(async () => {
  me = await startWithInvitation();
  browser = await signedIn(ME);
});

async function otherAccount(): Promise<{ account: Account; messageId: number }> {
  const account = await createBob();
  const app = await insertApplication(db(), {
    accountId: account.id,
    company: "Bob's Secret Employer",
    position: "Engineer",
    createdAt: Date.now(),
    updatedAt: Date.now(),
  });
  await env.RAW.put("bob/raw-1.eml", "Subject: Bob's secret\r\n\r\nsecret body\r\n");
  const [message] = await db()
    .insert(messages)
    .values({
      accountId: account.id,
      deliveryKey: "bob-delivery",
      rawKey: "bob/raw-1.eml",
      rawSize: 40,
      envelopeFrom: "bob@example.org",
      subject: "Bob's secret",
      applicationId: app.id,
      receivedAt: Date.now(),
      updatedAt: Date.now(),
    })
    .returning();
  return { account, messageId: message.id };
}

async function tokenOf(path: string): Promise<string> {
  const response = await browser.get(path);
  expect(response.status).toBe(200);
  return Browser.csrfOf(await response.text());
}

describe("signed out", () => {
  it("sends GETs to /login and refuses POSTs with 401", async () => {
    const anonymous = new Browser("192.0.2.99");
    for (const path of ["/addresses", "/data", "/data/export.json", "/data/raw/1.eml"]) {
      const response = await anonymous.get(path);
      expect(response.status, path).toBe(303);
      expect(response.headers.get("location")).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
    const csrf = await anonymous.formToken();
    for (const [path, fields] of [
      ["/addresses/add", { address: "evil@example.net" }],
      ["/addresses/remove", { address: ME }],
      ["/addresses/digest", { digestAddress: "evil@example.net" }],
      ["/data/feed", {}],
      ["/data/delete", { confirm: ME }],
    ] as const) {
      const response = await anonymous.post(path, { ...fields, csrf });
      expect(response.status, path).toBe(401);
    }
    expect(await senderAddresses(db(), me.id)).toEqual([ME]);
    const [after] = await db().select().from(accounts).all();
    expect(after.digestAddress).toBe(me.digestAddress);
  });
});

describe("CSRF", () => {
  it("refuses every form without the token with 403 and changes nothing", async () => {
    const csrf = await tokenOf("/addresses");
    for (const [path, fields] of [
      ["/addresses/add", { address: "new@example.net" }],
      ["/addresses/digest", { digestAddress: "new@example.net" }],
      ["/data/feed", {}],
      ["/data/delete", { confirm: ME }],
    ] as const) {
      const missing = await browser.post(path, { ...fields });
      expect(missing.status, path).toBe(403);
      const wrong = await browser.post(path, { ...fields, csrf: `${csrf.slice(0, -1)}x` });
      expect(wrong.status, path).toBe(403);
    }
    expect(await senderAddresses(db(), me.id)).toEqual([ME]);
    const [after] = await db().select().from(accounts).all();
    expect(after.digestAddress).toBe(me.digestAddress);
    expect(after.feedSecretHash).toBeNull();
  });
});

describe("/addresses", () => {
  it("lists the senders, the digest address and how to verify a destination", async () => {
    const html = await (await browser.get("/addresses")).text();
    expect(html).toContain(ME);
    expect(html).toContain(`value="${me.digestAddress}"`);
    expect(html).toMatch(/Destination addresses/);
  });

  it("adds an address normalised, and removes one but never the last", async () => {
    const csrf = await tokenOf("/addresses");
    const added = await browser.post("/addresses/add", { address: "  Second@Example.NET ", csrf });
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe("/addresses");
    expect((await senderAddresses(db(), me.id)).sort()).toEqual([ME, "second@example.net"].sort());
    expect(await (await browser.get("/addresses")).text()).toContain("second@example.net");

    const removed = await browser.post("/addresses/remove", { address: ME, csrf });
    expect(removed.status).toBe(303);
    expect(await senderAddresses(db(), me.id)).toEqual(["second@example.net"]);

    const last = await browser.post("/addresses/remove", { address: "second@example.net", csrf });
    expect(last.status).toBe(422);
    expect(await last.text()).toMatch(/cannot be removed|tidak bisa dihapus/);
    expect(await senderAddresses(db(), me.id)).toEqual(["second@example.net"]);
  });

  it.each([
    ["no at sign", "not-an-address"],
    ["two at signs", "a@b@example.com"],
    ["no domain", "someone@"],
    ["a line break", "a@example.com\r\nBcc: x@example.com"],
  ])("answers 422 next to the field for %s", async (_label, address) => {
    const csrf = await tokenOf("/addresses");
    const response = await browser.post("/addresses/add", { address, csrf });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toMatch(/id="address-error"[^>]*>[^<]*(full email address|alamat email yang lengkap)/);
    expect(await senderAddresses(db(), me.id)).toEqual([ME]);
  });

  it("changes the digest address, and refuses garbage with 422", async () => {
    const csrf = await tokenOf("/addresses");
    const bad = await browser.post("/addresses/digest", { digestAddress: "nope", csrf });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(/id="digest-error"/);
    let [row] = await db().select().from(accounts).all();
    expect(row.digestAddress).toBe(me.digestAddress);

    const good = await browser.post("/addresses/digest", { digestAddress: " Digest@Example.ORG ", csrf });
    expect(good.status).toBe(303);
    [row] = await db().select().from(accounts).all();
    expect(row.digestAddress).toBe("digest@example.org");
  });

  it("never touches another account's senders", async () => {
    const { account } = await otherAccount();
    const csrf = await tokenOf("/addresses");
    await browser.post("/addresses/add", { address: "second@example.net", csrf });
    await browser.post("/addresses/remove", { address: "bob@example.org", csrf });
    expect(await senderAddresses(db(), account.id)).toEqual(["bob@example.org"]);
    expect(await (await browser.get("/addresses")).text()).not.toContain("bob@example.org");
  });
});

describe("/data export", () => {
  it("downloads the account's data without secrets and without another account's", async () => {
    const { messageId: bobMessage } = await otherAccount();
    const csrf = await tokenOf("/data");
    expect((await browser.post("/data/feed", { csrf })).status).toBe(200);
    const response = await browser.get("/data/export.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment/);
    const data = (await response.json()) as {
      account: Record<string, unknown>;
      senders: string[];
      applications: { company: string }[];
      interviews: unknown[];
      reminders: unknown[];
      messages: { id: number; rawKey: string; rawUrl: string; facts: unknown }[];
    };
    expect(data.account.digestAddress).toBe(me.digestAddress);
    expect(data.account).not.toHaveProperty("feedSecretHash");
    expect(data.senders).toEqual([ME]);
    expect(data.applications.map((a) => a.company)).toEqual(["PT Sinar Jaya Digital"]);
    expect(data.interviews).toHaveLength(1);
    expect(data.reminders.length).toBeGreaterThan(0);
    expect(data.messages).toHaveLength(1);
    expect(data.messages[0].facts).toBeTruthy();
    expect(data.messages[0].rawUrl).toMatch(new RegExp(`/data/raw/${data.messages[0].id}\\.eml$`));
    // D1 builds the rows' JSON: the same as the rows read through drizzle (JSON columns as JSON, booleans).
    const same = (rows: unknown[]) => JSON.parse(JSON.stringify(rows));
    const apps = await db().select().from(applications).where(eq(applications.accountId, me.id)).all();
    expect(data.applications).toEqual(same(apps));
    const ids = apps.map((a) => a.id);
    const all = async <T extends { applicationId: number | null }>(rows: Promise<T[]>) =>
      (await rows).filter((r) => r.applicationId !== null && ids.includes(r.applicationId));
    expect(data.interviews).toEqual(
      same(await all(db().select().from(interviews).orderBy(interviews.id).all())),
    );
    expect(data.reminders).toEqual(
      same(await all(db().select().from(reminders).orderBy(reminders.id).all())),
    );
    expect(typeof (data.reminders[0] as { required: unknown }).required).toBe("boolean");
    const mine = await db().select().from(messages).where(eq(messages.accountId, me.id)).all();
    expect(data.messages.map(({ rawUrl: _url, ...m }) => m)).toEqual(same(mine));
    const text = JSON.stringify(data);
    expect(text).not.toContain("Bob's");
    expect(text).not.toContain(`/data/raw/${bobMessage}.eml`);

    const raw = await browser.get(new URL(data.messages[0].rawUrl).pathname);
    expect(raw.status).toBe(200);
    expect(raw.headers.get("content-disposition")).toMatch(/^attachment/);
    const stored = await env.RAW.get(data.messages[0].rawKey);
    const bytes = new Uint8Array(await raw.arrayBuffer());
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(bytes).toEqual(new Uint8Array((await stored?.arrayBuffer()) ?? new ArrayBuffer(0)));
  });

  it("answers 404 for another account's raw message and for nonsense", async () => {
    const { messageId } = await otherAccount();
    const theirs = await browser.get(`/data/raw/${messageId}.eml`);
    expect(theirs.status).toBe(404);
    expect(new TextDecoder().decode(await theirs.arrayBuffer())).not.toContain("secret body");
    expect((await browser.get("/data/raw/99999.eml")).status).toBe(404);
    expect((await browser.get("/data/raw/abc.eml")).status).toBe(404);
  });
});

describe("deleting the account", () => {
  it("wants the digest address typed, else 422 and nothing deleted", async () => {
    const csrf = await tokenOf("/data");
    const response = await browser.post("/data/delete", { confirm: "someone@else.com", csrf });
    expect(response.status).toBe(422);
    expect(await response.text()).toMatch(/id="confirm-error"/);
    expect(await db().select().from(accounts).all()).toHaveLength(1);
    expect(await db().select().from(messages).all()).toHaveLength(1);
  });

  it("deletes rows, R2 objects and sessions, keeps another account's, and signs out", async () => {
    const { account: bob } = await otherAccount();
    const [mine] = await db().select().from(messages).where(eq(messages.accountId, me.id)).all();
    expect(await env.RAW.get(mine.rawKey)).not.toBeNull();
    const csrf = await tokenOf("/data");
    const response = await browser.post("/data/delete", { confirm: me.digestAddress.toUpperCase(), csrf });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/login");
    expect(await env.RAW.get(mine.rawKey)).toBeNull();
    expect(await env.RAW.get("bob/raw-1.eml")).not.toBeNull();
    expect((await db().select().from(accounts).all()).map((a) => a.id)).toEqual([bob.id]);
    expect(await db().select().from(messages).where(eq(messages.accountId, me.id)).all()).toEqual([]);
    expect(await db().select().from(applications).where(eq(applications.accountId, me.id)).all()).toEqual([]);
    expect(await db().select().from(interviews).all()).toEqual([]);
    expect(await db().select().from(reminders).all()).toEqual([]);
    expect(await db().select().from(sessions).where(eq(sessions.accountId, me.id)).all()).toEqual([]);
    expect(browser.cookies.has("kabari_session")).toBe(false);
    const after = await browser.get("/data");
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toBe("/login?next=%2Fdata");
  });
});
