// The real email() handler, inside workerd, against real D1 and R2.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { database } from "../../src/db/queries";
import { accountSenders, applications, interviews, messages, reminders } from "../../src/db/schema";
import worker from "../../src/index";
import { countingD1 } from "../helpers/d1-count";
import { authenticated, CLOUDFLARE_PASS, deliver, INBOX, ME } from "../helpers/email";
import { fromBase64 } from "../helpers/fixtures";
import { resetStorage } from "../helpers/storage";

const fixtures = import.meta.glob<string>("../fixtures/{corpus,mail,thread}/*/*.eml", {
  query: "?bytes",
  import: "default",
  eager: true,
});
const thread = import.meta.glob<string>("../fixtures/thread/*.eml", {
  query: "?bytes",
  import: "default",
  eager: true,
});
const labelFiles = import.meta.glob<{ file: string; kind: string; company: string | null }[]>(
  "../fixtures/{corpus,mail}/{id,en}/labels.json",
  { import: "default", eager: true },
);

const db = () => database(env.DB);
const rows = () => db().select().from(messages).all();
async function rawObjects(): Promise<number> {
  return (await env.RAW.list()).objects.length;
}

function plain(subject: string, body: string, extra = ""): string {
  return `From: HR <hr@company.example>\r\nTo: ${ME}\r\nSubject: ${subject}\r\nDate: Mon, 1 Dec 2025 09:00:00 +0700\r\nMessage-ID: <${crypto.randomUUID()}@company.example>\r\n${extra}MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`;
}

beforeEach(async () => {
  await resetStorage();
});

describe("accounts and senders", () => {
  it("creates the first account from the vars on first use", async () => {
    const result = await deliver(authenticated(fromBase64(Object.values(thread)[0])));
    expect(result.rejected).toEqual([]);
    const accounts = await db().query.accounts.findMany();
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ inboundAddress: INBOX, digestAddress: ME, zone: "Asia/Jakarta" });
    const senders = await db().select().from(accountSenders).all();
    expect(senders.map((s) => s.address)).toEqual([ME]);
  });

  it("refuses a stranger and stores nothing", async () => {
    const result = await deliver(plain("Interview", "Halo"), "stranger@example.net");
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatch(/stranger@example\.net|not one of/);
    expect(await rows()).toHaveLength(0);
    expect(await rawObjects()).toBe(0);
  });

  it("refuses mail for an address no account receives", async () => {
    const result = await deliver(plain("Interview", "Halo"), ME, "someone-else@example.com");
    expect(result.rejected[0]).toMatch(/no kabari account/i);
    expect(await rows()).toHaveLength(0);
  });

  it("refuses the right envelope when SPF and DKIM failed", async () => {
    const failing =
      "Authentication-Results: mx.cloudflare.net; dkim=fail header.d=example.com; spf=fail smtp.mailfrom=you@example.com; dmarc=fail\r\n";
    const result = await deliver(failing + plain("Interview", "Halo"));
    expect(result.rejected).toHaveLength(1);
    expect(await rows()).toHaveLength(0);
    expect(await rawObjects()).toBe(0);
  });

  it("refuses a forged passing header hidden below Cloudflare's failing one", async () => {
    const failing =
      "Authentication-Results: mx.cloudflare.net; dkim=none; spf=fail smtp.mailfrom=you@example.com; dmarc=fail\r\n";
    const result = await deliver(failing + CLOUDFLARE_PASS + plain("Interview", "Halo"));
    expect(result.rejected).toHaveLength(1);
    expect(await rows()).toHaveLength(0);
  });

  it("refuses mail without Cloudflare's Authentication-Results outside local development", async () => {
    const result = await deliver(fromBase64(Object.values(thread)[0]));
    expect(result.rejected[0]).toMatch(/no authentication result/i);
    expect(await rows()).toHaveLength(0);
    expect(await rawObjects()).toBe(0);
  });

  it("accepts the same by envelope under `npm run dev` (LOCAL_DEV)", async () => {
    const result = await deliver(fromBase64(Object.values(thread)[0]), ME, INBOX, { LOCAL_DEV: "true" });
    expect(result.rejected).toEqual([]);
    expect(await rows()).toHaveLength(1);
  });

  it("accepts a Gmail auto-forward envelope of one of the person's addresses", async () => {
    const result = await deliver(
      authenticated(fromBase64(Object.values(thread)[0])),
      "you+caf_=interviews=example.com@example.com",
    );
    expect(result.rejected).toEqual([]);
    expect(await rows()).toHaveLength(1);
  });
});

describe("every fixture becomes part of an application", () => {
  const cases = Object.entries(labelFiles).flatMap(([path, labels]) => {
    const dir = path.slice(0, path.lastIndexOf("/"));
    return labels
      .filter((l) => l.file.endsWith(".eml"))
      .map((l) => ({
        name: `${dir.replace("../fixtures/", "")}/${l.file}`,
        label: l,
        bytes: fixtures[`${dir}/${l.file}`],
      }));
  });

  it("has the fixtures", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(cases)("$name", async ({ label, bytes }) => {
    const result = await deliver(authenticated(fromBase64(bytes)));
    expect(result.rejected).toEqual([]);
    const [row] = await rows();
    expect(row?.step).not.toBe("stored");
    expect(await env.RAW.head(row?.rawKey ?? "")).not.toBeNull();
    expect(row?.kind).toBe(label.kind);
    const apps = await db().select().from(applications).all();
    if (label.kind === "other") {
      expect(apps).toHaveLength(0);
    } else {
      expect(apps).toHaveLength(1);
      expect(row?.applicationId).toBe(apps[0]?.id);
    }
  });
});

describe("a thread", () => {
  it("invitation → reschedule → thank-you by Bcc → deferral is one application, deferred, one interview moved", async () => {
    const files = Object.keys(thread).sort();
    expect(files).toHaveLength(4);
    const d = db();
    // The planner (a later step) would have planned a thank-you; seeing it sent by Bcc completes it.
    for (const [i, file] of files.entries()) {
      const result = await deliver(authenticated(fromBase64(thread[file])));
      expect(result.rejected, file).toEqual([]);
      if (i === 1) {
        const [app] = await d.select().from(applications).all();
        await d.insert(reminders).values({
          applicationId: app.id,
          kind: "thank_you",
          dueAt: Date.parse("2025-12-10T15:00:00+07:00"),
          createdAt: 0,
          updatedAt: 0,
        });
      }
    }
    const apps = await d.select().from(applications).all();
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({
      company: "PT Sinar Jaya Digital",
      position: "Product Analyst",
      status: "deferred",
      respondBy: "2025-12-19",
      recruiterDomain: "sinarjayadigital.co.id",
    });
    const ivs = await d.select().from(interviews).all();
    expect(ivs).toHaveLength(1);
    expect(ivs[0]).toMatchObject({
      startAt: Date.parse("2025-12-09T14:00:00+07:00"),
      endAt: Date.parse("2025-12-09T15:00:00+07:00"),
      meetingUrl: "https://meet.google.com/abc-defg-hij",
      interviewer: "Arif Wibowo",
      status: "scheduled",
    });
    const all = await rows();
    expect(all.map((m) => [m.direction, m.kind, m.applicationId])).toEqual([
      ["inbound", "invitation", apps[0].id],
      ["inbound", "reschedule", apps[0].id],
      ["outbound", "thank_you", apps[0].id],
      ["inbound", "deferral", apps[0].id],
    ]);
    const [thankYou] = await d.select().from(reminders).where(eq(reminders.kind, "thank_you")).all();
    expect(thankYou?.status).toBe("done");
  });
});

describe("nothing is lost, nothing is doubled", () => {
  const invitation = () => authenticated(fromBase64(Object.values(thread)[0]));

  it("changes nothing when the same message is delivered twice", async () => {
    await deliver(invitation());
    const before = await rows();
    const again = await deliver(invitation());
    expect(again.rejected).toEqual([]);
    expect(await rows()).toEqual(before);
    expect(await db().select().from(applications).all()).toHaveLength(1);
  });

  it("keeps one row when two deliveries of the same message arrive at once", async () => {
    await Promise.all([deliver(invitation()), deliver(invitation()), deliver(invitation())]);
    expect(await rows()).toHaveLength(1);
    expect(await db().select().from(interviews).all()).toHaveLength(1);
  });

  it("treats the same original forwarded from two of the person's addresses as one message", async () => {
    const body =
      "Dear Dewi,\n\nWe would like to invite you to an interview for the Data Engineer role at Nimbus Labs on Tuesday, December 9, 2025 at 10:00 AM (GMT+07:00).\n\nBest,\nRita\nNimbus Labs";
    const forward = (from: string, id: string) =>
      plain(
        "Fwd: Interview – Data Engineer",
        `---------- Forwarded message ---------\nFrom: Rita <rita@nimbuslabs.example>\nDate: Mon, Dec 1, 2025 at 9:00 AM\nSubject: Interview – Data Engineer\nTo: <dewi@x.example>\n\n${body}`,
      )
        .replace("From: HR <hr@company.example>", `From: Dewi <${from}>`)
        .replace(/Message-ID: <[^>]+>/, `Message-ID: <${id}>`);
    await deliver(authenticated(new TextEncoder().encode(forward(ME, "a@example.com"))));
    // the work address is set up after the first account exists
    await db()
      .insert(accountSenders)
      .values({ accountId: 1, address: "dewi@work.example" })
      .onConflictDoNothing();
    const second = `Authentication-Results: mx.cloudflare.net; spf=pass smtp.mailfrom=dewi@work.example\r\n${forward("dewi@work.example", "b@work.example")}`;
    const result = await deliver(second, "dewi@work.example");
    expect(result.rejected).toEqual([]);
    const all = await rows();
    expect(all.map((m) => m.status)).toEqual(["done", "duplicate"]);
    expect(await db().select().from(interviews).all()).toHaveLength(1);
  });

  const hostile: [string, () => string | Uint8Array][] = [
    [
      "malformed MIME",
      () =>
        plain(
          "Interview",
          "--b\r\nContent-Type: multipart/mixed; boundary=\r\n\r\n--",
          'Content-Type: multipart/mixed; boundary="b"\r\n',
        ),
    ],
    [
      "a bad encoding",
      () =>
        plain(
          "=?x-unknown?Q?=FF=FE?=",
          "=FF=FE=\r\n\u0000\u0001 undangan interview",
          "Content-Transfer-Encoding: quoted-printable\r\n",
        ),
    ],
    ["an empty body", () => plain("", "")],
    [
      "a 20 MiB attachment",
      () =>
        plain(
          "Offering letter",
          `--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n${"QUFBQUFB".repeat(20 * 131072).replace(/(.{76})/g, "$1\r\n")}\r\n--b--`,
          'Content-Type: multipart/mixed; boundary="b"\r\n',
        ),
    ],
    ["2 MB of blank lines", () => plain("Interview", "\r\n".repeat(1_000_000))],
    [
      "300 nested parts",
      () => {
        let body = "Interview Senin";
        for (let i = 0; i < 300; i++)
          body = `--n${i}\r\nContent-Type: multipart/mixed; boundary="n${i + 1}"\r\n\r\n${body}\r\n--n${i}--`;
        return plain("Interview", body, 'Content-Type: multipart/mixed; boundary="n0"\r\n');
      },
    ],
    ["a 2.3 MB header", () => plain("Interview", "Halo", `X-Junk: ${"a".repeat(2_300_000)}\r\n`)],
  ];

  it.each(hostile)("keeps %s without crashing", async (_name, make) => {
    const made = make();
    const bytes = typeof made === "string" ? new TextEncoder().encode(made) : made;
    const result = await deliver(authenticated(bytes));
    expect(result.rejected).toEqual([]);
    const all = await rows();
    expect(all).toHaveLength(1);
    expect(["review", "done"]).toContain(all[0]?.status);
    expect(await env.RAW.head(all[0]?.rawKey ?? "")).not.toBeNull();
  });

  it("keeps a large message for later and reads it in the queue job", async () => {
    const big = plain(
      "Undangan Interview - Data Analyst",
      `Yth. Dewi,\r\n\r\nKami mengundang Anda interview posisi Data Analyst di PT Besar Sekali pada Kamis, 4 Desember 2025 pukul 10.00 WIB.\r\n\r\n${"Lampiran: ketentuan umum perusahaan.\r\n".repeat(16000)}`,
    );
    await deliver(authenticated(new TextEncoder().encode(big)));
    const [kept] = await rows();
    expect(kept).toMatchObject({ step: "stored", status: "review" });
    expect(kept?.reviewReason).toMatch(/too (large|many lines)/);

    const batch = createMessageBatch("kabari-inbound", [
      {
        id: "1",
        timestamp: new Date(),
        attempts: 1,
        body: { type: "read", accountId: 1, messageId: kept?.id },
      },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["1"]);
    const [read] = await rows();
    expect(read).toMatchObject({ step: "linked", status: "done", kind: "invitation" });
    expect(await db().select().from(applications).all()).toHaveLength(1);
  });

  it("refuses a message over Email Routing's 25 MiB", async () => {
    const done: string[] = [];
    const message = {
      from: ME,
      to: INBOX,
      raw: new Blob([]).stream(),
      rawSize: 26 * 1024 * 1024,
      headers: new Headers(),
      setReject: (reason: string) => done.push(reason),
      forward: async () => ({ messageId: "" }),
      reply: async () => ({ messageId: "" }),
    } satisfies ForwardableEmailMessage;
    await worker.email(message, env);
    expect(done[0]).toMatch(/25 MiB/);
  });
});

describe("acknowledgement", () => {
  it("answers once with what was understood", async () => {
    const result = await deliver(authenticated(fromBase64(Object.values(thread)[0])));
    expect(result.replies).toHaveLength(1);
    expect(result.replies[0]?.to).toBe(ME);
  });

  it("never answers an automatic reply, so an acknowledgement forwarded back cannot loop", async () => {
    const result = await deliver(
      authenticated(
        new TextEncoder().encode(
          plain("Re: Undangan", "kabari: Interview ...", "Auto-Submitted: auto-replied\r\n"),
        ),
      ),
    );
    expect(result.rejected).toEqual([]);
    expect(result.replies).toHaveLength(0);
    expect(await rows()).toHaveLength(1);
  });

  it("carries on when Cloudflare refuses the reply", async () => {
    const bytes = authenticated(fromBase64(Object.values(thread)[0]));
    const message: ForwardableEmailMessage = {
      from: ME,
      to: INBOX,
      raw: new Blob([bytes]).stream(),
      rawSize: bytes.byteLength,
      headers: new Headers({ "message-id": "<x@y>" }),
      setReject: () => {},
      forward: async () => ({ messageId: "" }),
      reply: async () => {
        throw new Error("reply not allowed: DMARC did not pass");
      },
    };
    await worker.email(message, env);
    expect((await rows())[0]?.status).toBe("done");
  });
});

describe("within the Free plan's 50 D1 queries per invocation", () => {
  it("reads each mail of a thread in a bounded number of D1 requests", async () => {
    const files = Object.keys(thread).sort();
    const counts: number[] = [];
    for (const file of files) {
      const counted = countingD1(env.DB);
      const delivery = await deliver(authenticated(fromBase64(thread[file])), ME, INBOX, { DB: counted.db });
      expect(delivery.rejected).toEqual([]);
      counts.push(counted.requests());
    }
    // Measured: 16, 14, 11, 12 (the first one also makes the account). Room is left for what mail may add.
    for (const n of counts) expect(n).toBeLessThanOrEqual(25);
  });
});
