// The page of one stored message (the digest links each message that needs review to it): what was read, why it
// was doubted, its text, and the buttons that settle it. Data arrives as mail through the real email() handler.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { type Account, database, insertApplication, type MessageRow } from "../../src/db/queries";
import { applications, interviews, messages, reminders } from "../../src/db/schema";
import { isoInZone } from "../../src/extract/zone";
import { Browser } from "../helpers/browser";
import { authenticated, deliver, ME } from "../helpers/email";
import { createBob, signedIn, startWithInvitation } from "../helpers/site";

const db = () => database(env.DB);
let browser: Browser;
let me: Account;

const CRLF = (lines: string[]) => `${lines.join("\r\n")}\r\n`;

/** An invitation from a free-mail address that names no company: it ends in review, "company not found". */
const NO_COMPANY = CRLF([
  "Date: Wed, 10 Dec 2025 09:00:00 +0700",
  "From: Rekrutmen <hr.recruit@gmail.com>",
  "To: Dewi Lestari <you@example.com>",
  "Subject: Undangan Interview",
  "Message-ID: <no-company-1@gmail.com>",
  "MIME-Version: 1.0",
  'Content-Type: text/plain; charset="UTF-8"',
  "",
  "Yth. Ibu Dewi,",
  "",
  "Kami mengundang Anda untuk interview pada:",
  "",
  "Hari/Tanggal : Senin, 15 Desember 2025",
  "Pukul        : 10.00 WIB",
  "Media        : Zoom",
  "",
  "Salam",
]);

/** The same, written after the Sinar Jaya interview's promised day (Mon 15 Dec 2025). */
const LATE_ANSWER = NO_COMPANY.replace("Wed, 10 Dec 2025", "Wed, 17 Dec 2025")
  .replace("no-company-1@", "late-answer-1@")
  .replace("Senin, 15 Desember 2025", "Senin, 22 Desember 2025");

/** The person's own thank-you to a company kabari knows nothing of: "sent by you, but no application matches it". */
const SENT_NO_MATCH = CRLF([
  "Date: Wed, 10 Dec 2025 09:00:00 +0700",
  "From: Dewi Lestari <you@example.com>",
  "To: hr@mitralogistik.co.id",
  "Subject: Terima kasih - Interview",
  "Message-ID: <sent-no-match-1@example.com>",
  "MIME-Version: 1.0",
  'Content-Type: text/plain; charset="UTF-8"',
  "",
  "Terima kasih atas waktu dan kesempatan interview hari ini.",
  "",
  "Dewi",
]);

/** A hostile message: script in the subject, a script and a javascript: link in the text and in the HTML. */
const HOSTILE = CRLF([
  "Date: Wed, 10 Dec 2025 09:00:00 +0700",
  'From: "\\"><img src=x onerror=alert(9)>" <hr.recruit@gmail.com>',
  "To: Dewi Lestari <you@example.com>",
  "Subject: <script>alert(1)</script> Undangan Interview",
  "Message-ID: <hostile-1@gmail.com>",
  "MIME-Version: 1.0",
  'Content-Type: multipart/alternative; boundary="b1"',
  "",
  "--b1",
  'Content-Type: text/plain; charset="UTF-8"',
  "",
  "Yth. Ibu Dewi,",
  "",
  "<script>alert(2)</script> Silakan buka javascript:alert(3) untuk mengonfirmasi kehadiran Anda.",
  '<a href="javascript:alert(4)">Konfirmasi</a>',
  "Kami mengundang Anda untuk interview pada Senin, 15 Desember 2025 pukul 10.00 WIB.",
  "Mohon konfirmasi kehadiran Anda paling lambat hari Jumat. Terima kasih atas perhatiannya.",
  "",
  "Salam",
  "--b1",
  'Content-Type: text/html; charset="UTF-8"',
  "",
  '<p>Yth. Ibu Dewi,</p><script>alert(5)</script><a href="javascript:alert(6)">Konfirmasi</a>',
  "--b1--",
]);

async function deliverText(mail: string): Promise<MessageRow> {
  const before = new Set((await db().select({ id: messages.id }).from(messages).all()).map((m) => m.id));
  const delivery = await deliver(authenticated(new TextEncoder().encode(mail)));
  expect(delivery.rejected).toEqual([]);
  const row = (await db().select().from(messages).all()).find((m) => !before.has(m.id));
  if (!row) throw new Error("the mail made no message");
  return row;
}

async function rowOf(id: number): Promise<MessageRow | undefined> {
  const [row] = await db().select().from(messages).where(eq(messages.id, id)).all();
  return row;
}

async function sinarJaya() {
  const [app] = await db()
    .select()
    .from(applications)
    .where(eq(applications.company, "PT Sinar Jaya Digital"));
  if (!app) throw new Error("no application");
  return app;
}

async function reminderStatus(applicationId: number, kind: string): Promise<string | undefined> {
  const rows = await db().select().from(reminders).where(eq(reminders.applicationId, applicationId)).all();
  return rows.find((r) => r.kind === kind)?.status;
}

async function followUpDue(applicationId: number): Promise<string> {
  const rows = await db().select().from(reminders).where(eq(reminders.applicationId, applicationId)).all();
  const row = rows.find((r) => r.kind === "follow_up_1" && r.status === "pending");
  if (!row) throw new Error("no pending follow-up");
  return isoInZone(row.dueAt, "Asia/Jakarta");
}

async function tokenOf(id: number): Promise<string> {
  const response = await browser.get(`/messages/${id}`);
  expect(response.status).toBe(200);
  return Browser.csrfOf(await response.text());
}

/** A message of Bob's, stored like any other: a row and its raw bytes in R2. */
async function bobsMessage(): Promise<MessageRow> {
  const bob = await createBob();
  const rawKey = `raw/${bob.id}/bobs-secret.eml`;
  const raw = "Subject: Bob's secret offer\r\n\r\nBob's secret text\r\n";
  await env.RAW.put(rawKey, raw);
  const [row] = await db()
    .insert(messages)
    .values({
      accountId: bob.id,
      deliveryKey: "bobs-secret",
      rawKey,
      rawSize: raw.length,
      envelopeFrom: "bob@example.org",
      status: "review",
      reviewReason: "company not found",
      subject: "Bob's secret offer",
      receivedAt: Date.now(),
      updatedAt: Date.now(),
    })
    .returning();
  return row;
}

beforeEach(async () => {
  me = await startWithInvitation();
  browser = await signedIn(ME);
});

describe("the page", () => {
  it("shows a message in review: sender, dates, kind, status, the reason verbatim, facts, link and text", async () => {
    const row = await deliverText(NO_COMPANY);
    expect(row.status).toBe("review");
    expect(row.reviewReason).toBe("company not found");
    expect(row.applicationId).not.toBeNull();
    const response = await browser.get(`/messages/${row.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    expect(html).toContain('<html lang="id">');
    expect(html).toContain('<h1 class="subject">Undangan Interview</h1>');
    expect(html).toContain('<span class="from"><span class="address">hr.recruit@gmail.com</span></span>');
    const received = isoInZone(row.receivedAt, me.zone).slice(0, 16).replace("T", " ");
    expect(html).toContain(`Diterima: <time>${received}</time>`);
    expect(html).toContain("Ditulis: <time>2025-12-10 09:00</time>");
    expect(html).toContain('<span class="kind">undangan interview</span>');
    expect(html).toContain('<strong class="status">perlu ditinjau</strong>');
    expect(html).toMatch(
      /class="reason"[^>]*>Perlu ditinjau karena: <strong>nama perusahaan tidak ditemukan<\/strong>/,
    );
    expect(html).toContain(`Waktu interview (${me.zone}): 2025-12-15 10:00`);
    expect(html).toContain(`href="/applications/${row.applicationId}"`);
    const pre = /<pre class="text"[^>]*>([\s\S]*?)<\/pre>/.exec(html);
    expect(pre?.[1]).toContain("Kami mengundang Anda untuk interview pada:");
    expect(pre?.[1]).toContain("Hari/Tanggal : Senin, 15 Desember 2025");
    for (const action of ["done", "move", "reread"]) {
      expect(html).toContain(`action="/messages/${row.id}/${action}"`);
    }
    // Deleting asks first, on a page of its own.
    expect(html).toContain(`href="/messages/${row.id}/delete"`);
    // The list offers both applications of the account, the one it is linked to chosen.
    expect(html).toMatch(new RegExp(`<option value="${row.applicationId}" selected="">`));
    expect(html).toContain("PT Sinar Jaya Digital · Product Analyst</option>");

    const en = await (await browser.get(`/messages/${row.id}?lang=en`)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toMatch(/Needs review because: <strong>company not found<\/strong>/);
    expect(en).toContain("Looks right");
    expect(en).toContain("Move to application");
    expect(en).toContain("Read again");
  });

  it("shows the facts of a sent message that matched no application, and no application link", async () => {
    const row = await deliverText(SENT_NO_MATCH);
    expect(row.reviewReason).toBe("sent by you, but no application matches it");
    expect(row.applicationId).toBeNull();
    const html = await (await browser.get(`/messages/${row.id}?lang=en`)).text();
    expect(html).toContain("<strong>sent by you, but no application matches it</strong>");
    expect(html).toContain('<span class="kind">your thank-you</span>');
    expect(html).toContain("Not linked to any application.");
    expect(html).not.toContain('class="application"');
  });

  it("says so when the raw mail is gone from R2", async () => {
    const row = await deliverText(NO_COMPANY);
    await env.RAW.delete(row.rawKey);
    const html = await (await browser.get(`/messages/${row.id}?lang=en`)).text();
    expect(html).toContain("The original mail is no longer stored, so its text cannot be shown.");
    expect(html).not.toContain('<pre class="text"');
    expect(html).toContain("<strong>company not found</strong>");
  });

  it("cuts a long text short", async () => {
    const long = NO_COMPANY.replace("Salam", `${"Paragraf panjang. ".repeat(400)}AKHIR-YANG-TIDAK-TAMPAK`);
    const row = await deliverText(long);
    const html = await (await browser.get(`/messages/${row.id}`)).text();
    const pre = /<pre class="text"[^>]*>([\s\S]*?)<\/pre>/.exec(html)?.[1] ?? "";
    expect(pre.length).toBeLessThanOrEqual(3000);
    expect(pre.length).toBeGreaterThan(2900);
    expect(html).not.toContain("AKHIR-YANG-TIDAK-TAMPAK");
    expect(html).toContain("(dipotong)");
  });
});

describe("what mail says is escaped", () => {
  it("shows a hostile subject, sender, text and facts as text, and makes no link of them", async () => {
    const row = await deliverText(HOSTILE);
    // Whatever the extractor made of it, put hostile facts in as they would arrive from mail.
    await db()
      .update(messages)
      .set({
        facts: {
          company: "<script>alert(7)</script>",
          interviewer: '"><img src=x onerror=alert(8)>',
          interview: { start: "2025-12-15T10:00:00+07:00", meetingUrl: "javascript:alert(10)" },
        },
        fromAddress: '"><img src=x onerror=alert(9)>',
        reviewReason: "<b>company</b> not found",
      })
      .where(eq(messages.id, row.id));
    const response = await browser.get(`/messages/${row.id}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b>/);
    expect(html).not.toMatch(/href="\s*javascript:/i);
    // Every link on the page is one of the site's own.
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^\//);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; Undangan Interview");
    expect(html).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    expect(html).toContain("javascript:alert(3)");
    expect(html).toContain("&lt;a href=&quot;javascript:alert(4)&quot;&gt;Konfirmasi&lt;/a&gt;");
    expect(html).toContain("&lt;script&gt;alert(7)&lt;/script&gt;");
    expect(html).toContain("&quot;&gt;&lt;img src=x onerror=alert(8)&gt;");
    expect(html).toContain("Tautan rapat: javascript:alert(10)");
    expect(html).toContain("&lt;b&gt;company&lt;/b&gt; not found");
    // The HTML part is never shown.
    expect(html).not.toContain("alert(5)");
    expect(html).not.toContain("alert(6)");
  });

  it("shows what a look-alike sender's letters really are", async () => {
    const row = await deliverText(NO_COMPANY);
    // A Cyrillic "а" (U+0430) in the domain and in the local part: it reads as hr@paypal.com.
    await db().update(messages).set({ fromAddress: "hr@p\u0430ypal.com" }).where(eq(messages.id, row.id));
    const html = await (await browser.get(`/messages/${row.id}`)).text();
    expect(html).toContain("hr@p\u0430ypal.com");
    expect(html).toContain("(huruf tidak biasa; aslinya: hr@xn--pypal-4ve.com)");
    await db().update(messages).set({ fromAddress: "\u0430dmin@example.com" }).where(eq(messages.id, row.id));
    const english = await (await browser.get(`/messages/${row.id}?lang=en`)).text();
    expect(english).toContain("(unusual letters; in plain ASCII: U+430dmin@example.com)");
    // A plain ASCII address is shown as it is, without a warning.
    await db().update(messages).set({ fromAddress: "hr@paypal.com" }).where(eq(messages.id, row.id));
    expect(await (await browser.get(`/messages/${row.id}`)).text()).not.toContain("lookalike");
  });
});

describe("access", () => {
  it("answers 404 for Bob's message and for bad ids, alike, and changes nothing of Bob's", async () => {
    const bobs = await bobsMessage();
    const theirs = await browser.get(`/messages/${bobs.id}`);
    expect(theirs.status).toBe(404);
    const theirsText = await theirs.text();
    expect(theirsText).not.toContain("Bob's secret");
    for (const bad of ["99999", "abc", "1e3", "-1", "1.0", "1234567890123456"]) {
      const response = await browser.get(`/messages/${bad}`);
      expect(response.status, bad).toBe(404);
      expect(await response.text()).toBe(theirsText);
    }
    const mine = await deliverText(NO_COMPANY);
    const csrf = await tokenOf(mine.id);
    const app = await sinarJaya();
    for (const action of ["done", "move", "reread", "delete"]) {
      const response = await browser.post(`/messages/${bobs.id}/${action}`, {
        csrf,
        applicationId: String(app.id),
      });
      expect(response.status, action).toBe(404);
      expect(await response.text()).toBe(theirsText);
    }
    const after = await rowOf(bobs.id);
    expect(after).toMatchObject({ status: "review", reviewReason: "company not found", applicationId: null });
    expect(await env.RAW.head(bobs.rawKey)).not.toBeNull();
  });

  it("sends a signed-out GET to /login and answers its POSTs 401", async () => {
    const row = await deliverText(NO_COMPANY);
    const anonymous = new Browser("192.0.2.99");
    const page = await anonymous.get(`/messages/${row.id}`);
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe(`/login?next=%2Fmessages%2F${row.id}`);
    const csrf = await anonymous.formToken();
    for (const action of ["done", "move", "reread", "delete"]) {
      const response = await anonymous.post(`/messages/${row.id}/${action}`, { csrf, applicationId: "1" });
      expect(response.status, action).toBe(401);
    }
    expect(await rowOf(row.id)).toEqual(row);
    expect(await env.RAW.head(row.rawKey)).not.toBeNull();
  });

  it("refuses every action without the form token, or with a wrong one, with 403", async () => {
    const row = await deliverText(NO_COMPANY);
    const app = await sinarJaya();
    await tokenOf(row.id);
    for (const action of ["done", "move", "reread", "delete"]) {
      for (const fields of [{}, { csrf: "x".repeat(43) }] as Record<string, string>[]) {
        const response = await browser.post(`/messages/${row.id}/${action}`, {
          ...fields,
          applicationId: String(app.id),
        });
        expect(response.status, action).toBe(403);
      }
    }
    expect(await rowOf(row.id)).toEqual(row);
    expect(await env.RAW.head(row.rawKey)).not.toBeNull();
  });
});

describe("the buttons", () => {
  it("Looks right: done, the reason cleared", async () => {
    const row = await deliverText(NO_COMPANY);
    const csrf = await tokenOf(row.id);
    const response = await browser.post(`/messages/${row.id}/done`, { csrf });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/messages/${row.id}`);
    expect(await rowOf(row.id)).toMatchObject({ status: "done", reviewReason: null });
    const html = await (await browser.get(`/messages/${row.id}`)).text();
    expect(html).toContain('<strong class="status">beres</strong>');
    expect(html).not.toContain('class="reason"');
    expect(html).not.toContain(`action="/messages/${row.id}/done"`);
  });

  it("Move to application: links the message, and the application sees it", async () => {
    const app = await sinarJaya();
    expect(await reminderStatus(app.id, "thank_you")).toBe("pending");
    const row = await deliverText(SENT_NO_MATCH);
    const csrf = await tokenOf(row.id);
    const moved = await browser.post(`/messages/${row.id}/move`, { csrf, applicationId: String(app.id) });
    expect(moved.status).toBe(303);
    expect(moved.headers.get("location")).toBe(`/messages/${row.id}`);
    expect((await rowOf(row.id))?.applicationId).toBe(app.id);
    // Planned again, the application sees the person's thank-you in its timeline.
    expect(await reminderStatus(app.id, "thank_you")).toBe("done");
    const page = await (await browser.get(`/messages/${row.id}`)).text();
    expect(page).toContain(`<a class="application" href="/applications/${app.id}">`);
  });

  it("Move to application: plans both the old and the new application again", async () => {
    const app = await sinarJaya();
    const promised = await followUpDue(app.id);
    expect(promised).toBe("2025-12-16T09:00:00+07:00");
    const row = await deliverText(LATE_ANSWER);
    const old = row.applicationId;
    expect(old).not.toBeNull();
    expect(old).not.toBe(app.id);
    const csrf = await tokenOf(row.id);
    // An answer from the company after the promised day: the follow-up is counted from it instead.
    expect(
      (await browser.post(`/messages/${row.id}/move`, { csrf, applicationId: String(app.id) })).status,
    ).toBe(303);
    expect((await rowOf(row.id))?.applicationId).toBe(app.id);
    // The interview the mail made went with it.
    const made = await db().select().from(interviews).where(eq(interviews.createdByMessageId, row.id)).all();
    expect(made.map((i) => i.applicationId)).toEqual([app.id]);
    const moved = await followUpDue(app.id);
    expect(moved > promised).toBe(true);
    // Moved back, the application it left is planned again: the promise holds once more.
    expect(
      (await browser.post(`/messages/${row.id}/move`, { csrf, applicationId: String(old) })).status,
    ).toBe(303);
    expect((await rowOf(row.id))?.applicationId).toBe(old);
    const back = await db().select().from(interviews).where(eq(interviews.createdByMessageId, row.id)).all();
    expect(back.map((i) => i.applicationId)).toEqual([old]);
    expect(await followUpDue(app.id)).toBe(promised);
  });

  it("refuses to move to Bob's application, or to nonsense, with 422 next to the field, and changes nothing", async () => {
    const { id: bobId } = await createBob();
    const bobsApp = await insertApplication(db(), {
      accountId: bobId,
      company: "Bob's Secret Employer",
      createdAt: Date.now(),
      updatedAt: Date.now(),
    });
    const row = await deliverText(NO_COMPANY);
    const app = await sinarJaya();
    const before = await db().select().from(reminders).all();
    const csrf = await tokenOf(row.id);
    for (const applicationId of [String(bobsApp.id), "", "abc", "99999", "-1", undefined]) {
      const fields: Record<string, string> = { csrf };
      if (applicationId !== undefined) fields.applicationId = applicationId;
      const response = await browser.post(`/messages/${row.id}/move`, fields);
      expect(response.status, String(applicationId)).toBe(422);
      const html = await response.text();
      const at = html.indexOf('name="applicationId"');
      expect(at).toBeGreaterThan(-1);
      const after = html.slice(at, html.indexOf("</form>", at));
      expect(after).toMatch(/role="alert"/);
      expect(after).toContain("Pilih salah satu lamaran Anda dari daftar.");
      expect(html).toContain('aria-invalid="true"');
      expect(html).not.toContain("Bob's Secret Employer");
    }
    const en = await browser.post(`/messages/${row.id}/move?lang=en`, {
      csrf,
      applicationId: String(bobsApp.id),
    });
    expect(en.status).toBe(422);
    expect(await en.text()).toContain("Choose one of your applications from the list.");
    expect(await rowOf(row.id)).toEqual(row);
    expect(row.applicationId).not.toBe(app.id);
    expect(await db().select().from(reminders).all()).toEqual(before);
    const [bobs] = await db().select().from(applications).where(eq(applications.id, bobsApp.id)).all();
    expect(bobs.updatedAt).toBe(bobsApp.updatedAt);
  });

  it("Read again: runs the pipeline on this message, in place", async () => {
    const app = await sinarJaya();
    const [invitation] = await db().select().from(messages).where(eq(messages.applicationId, app.id)).all();
    // As if an older extractor had doubted it and read nothing.
    await db()
      .update(messages)
      .set({
        status: "review",
        reviewReason: "not sure what kind of message this is",
        facts: null,
        kind: null,
      })
      .where(eq(messages.id, invitation.id));
    const interviewsBefore = await db().select().from(interviews).all();
    const csrf = await tokenOf(invitation.id);
    const response = await browser.post(`/messages/${invitation.id}/reread`, { csrf });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/messages/${invitation.id}`);
    const after = await rowOf(invitation.id);
    expect(after).toMatchObject({
      status: "done",
      reviewReason: null,
      kind: "invitation",
      applicationId: app.id,
      step: "linked",
    });
    expect(after?.facts).toMatchObject({ company: "PT Sinar Jaya Digital" });
    expect(await db().select().from(applications).all()).toHaveLength(1);
    expect((await db().select().from(interviews).all()).map((i) => [i.id, i.startAt])).toEqual(
      interviewsBefore.map((i) => [i.id, i.startAt]),
    );
  });

  it("Read again: says so, and changes nothing, when the raw mail is gone", async () => {
    const row = await deliverText(NO_COMPANY);
    await env.RAW.delete(row.rawKey);
    const csrf = await tokenOf(row.id);
    const response = await browser.post(`/messages/${row.id}/reread?lang=en`, { csrf });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain(
      "The original mail is no longer stored, so it cannot be read again.",
    );
    expect(await rowOf(row.id)).toEqual(row);
  });

  it("Delete: removes the raw mail and the row, and plans its application again", async () => {
    const app = await sinarJaya();
    const promised = await followUpDue(app.id);
    const row = await deliverText(LATE_ANSWER);
    const csrf = await tokenOf(row.id);
    await browser.post(`/messages/${row.id}/move`, { csrf, applicationId: String(app.id) });
    expect(await followUpDue(app.id)).not.toBe(promised);
    expect(await env.RAW.head(row.rawKey)).not.toBeNull();
    const response = await browser.post(`/messages/${row.id}/delete`, { csrf });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/");
    expect(await rowOf(row.id)).toBeUndefined();
    expect(await env.RAW.head(row.rawKey)).toBeNull();
    expect(await followUpDue(app.id)).toBe(promised);
    // The interview only that mail announced is gone with it; the application's own stays.
    const ivsLeft = await db().select().from(interviews).where(eq(interviews.applicationId, app.id)).all();
    expect(ivsLeft.map((i) => i.startAt)).toEqual([Date.parse("2025-12-08T10:00:00+07:00")]);
    expect((await browser.get(`/messages/${row.id}`)).status).toBe(404);
    // The application and its other mail stay.
    const left = await db().select().from(messages).where(eq(messages.applicationId, app.id)).all();
    expect(left).toHaveLength(1);
    expect(await env.RAW.head(left[0].rawKey)).not.toBeNull();
  });

  it("Delete: a message with no application", async () => {
    const row = await deliverText(SENT_NO_MATCH);
    const csrf = await tokenOf(row.id);
    const response = await browser.post(`/messages/${row.id}/delete`, { csrf });
    expect(response.status).toBe(303);
    expect(await rowOf(row.id)).toBeUndefined();
    expect(await env.RAW.head(row.rawKey)).toBeNull();
  });
});

describe("deleting asks first", () => {
  it("shows what would be deleted, changes nothing on GET, and is 404 for Bob's", async () => {
    const row = await deliverText(NO_COMPANY);
    const page = await browser.get(`/messages/${row.id}/delete`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<p class="what"><strong>Undangan Interview</strong></p>');
    expect(html).toContain(`action="/messages/${row.id}/delete"`);
    expect(html).toContain(`href="/messages/${row.id}"`);
    expect(await rowOf(row.id)).toBeDefined();
    expect(await env.RAW.head(row.rawKey)).not.toBeNull();
    const bobs = await bobsMessage();
    expect((await browser.get(`/messages/${bobs.id}/delete`)).status).toBe(404);
    // The confirmation page's own button deletes.
    const done = await browser.post(`/messages/${row.id}/delete`, { csrf: Browser.csrfOf(html) });
    expect(done.status).toBe(303);
    expect(await rowOf(row.id)).toBeUndefined();
  });
});

describe("finding it", () => {
  it("lists the account's mail to review on Today with a link each, and Bob's never", async () => {
    const row = await deliverText(NO_COMPANY);
    const bobs = await bobsMessage();
    const today = await (await browser.get("/")).text();
    const section = /<section class="review">([\s\S]*?)<\/section>/.exec(today)?.[1] ?? "";
    expect(section).toContain("Email yang perlu ditinjau (1)");
    expect(section).toContain(`href="/messages/${row.id}"`);
    expect(section).toContain("nama perusahaan tidak ditemukan");
    expect(today).not.toContain(`/messages/${bobs.id}"`);
    expect(today).not.toContain("Bob&#39;s secret offer");
    await browser.post(`/messages/${row.id}/done`, { csrf: await tokenOf(row.id) });
    expect(await (await browser.get("/")).text()).not.toContain('<section class="review">');
  });

  it("links every mail on an application's timeline to its page", async () => {
    const app = await sinarJaya();
    const [mail] = await db().select().from(messages).where(eq(messages.applicationId, app.id)).all();
    const page = await (await browser.get(`/applications/${app.id}`)).text();
    expect(page).toContain(`<a href="/messages/${mail.id}">`);
    expect((await browser.get(`/messages/${mail.id}`)).status).toBe(200);
  });
});
