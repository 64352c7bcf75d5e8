// One-click actions: signed, expiring, single-use, and a GET never acts (mail scanners fetch every link).
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { database } from "../../src/db/queries";
import { reminders } from "../../src/db/schema";
import { readLink, signLink } from "../../src/digest/links";
import worker from "../../src/index";
import { authenticated, deliver } from "../helpers/email";
import { fromBase64 } from "../helpers/fixtures";
import { resetStorage } from "../helpers/storage";

const SECRET = "test-admin-token";
const claim = { reminderId: 7, action: "sent" as const, expires: 2_000_000_000_000, nonce: "n-1" };

describe("signed links", () => {
  it("reads back what was signed", async () => {
    expect(await readLink(SECRET, await signLink(SECRET, claim), 0)).toEqual(claim);
  });

  it.each([
    ["another secret", async () => readLink("other", await signLink(SECRET, claim), 0)],
    ["an expired link", async () => readLink(SECRET, await signLink(SECRET, claim), claim.expires + 1)],
    [
      "a changed payload",
      async () => {
        // another claim's payload under this claim's signature
        const sig = (await signLink(SECRET, claim)).split(".")[1];
        const other = (await signLink(SECRET, { ...claim, reminderId: 8 })).split(".")[0];
        return readLink(SECRET, `${other}.${sig}`, 0);
      },
    ],
    ["garbage", async () => readLink(SECRET, "not.a.token", 0)],
    ["an empty token", async () => readLink(SECRET, "", 0)],
  ])("refuses %s", async (_name, read) => {
    expect(await read()).toBeNull();
  });
});

const thread = import.meta.glob<string>("../fixtures/thread/*.eml", {
  query: "?bytes",
  import: "default",
  eager: true,
});

async function call(method: "GET" | "POST", path: string): Promise<Response> {
  return worker.fetch(
    new Request<unknown, IncomingRequestCfProperties>(`http://kabari.test${path}`, { method }),
    env,
    { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext,
  );
}

describe("the action pages", () => {
  beforeEach(async () => {
    await resetStorage();
    await deliver(authenticated(fromBase64(thread[Object.keys(thread).sort()[0]])));
  });

  it("confirms on GET, acts once on POST", async () => {
    const db = database(env.DB);
    const thankYou = (await db.select().from(reminders).all()).find((r) => r.kind === "thank_you");
    const token = await signLink(SECRET, {
      reminderId: thankYou?.id ?? 0,
      action: "sent",
      expires: Date.now() + 60_000,
      nonce: "x",
    });

    const page = await call("GET", `/a/${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form method="post">');
    expect(html).toContain('<strong class="step">Kirim ucapan terima kasih</strong>: PT Sinar Jaya Digital');
    expect((await db.select().from(reminders).all()).find((r) => r.id === thankYou?.id)?.status).toBe(
      "pending",
    );

    const done = await call("POST", `/a/${token}`);
    expect(done.status).toBe(200);
    expect((await db.select().from(reminders).all()).find((r) => r.id === thankYou?.id)?.status).toBe("done");

    expect((await call("POST", `/a/${token}`)).status).toBe(410);
  });

  it("answers a forged or expired link with a plain page and changes nothing", async () => {
    const expired = await signLink(SECRET, {
      reminderId: 1,
      action: "stop",
      expires: Date.now() - 1,
      nonce: "y",
    });
    expect((await call("POST", `/a/${expired}`)).status).toBe(404);
    expect((await call("GET", "/a/forged.token")).status).toBe(404);
    const rows = await database(env.DB).select().from(reminders).all();
    expect(rows.every((r) => r.status === "pending")).toBe(true);
  });
});
