// The Today page and an application's page: timeline, corrections, the buttons, and one account never seeing
// another's applications. Data arrives as mail through the real email() handler.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { database } from "../../src/db/queries";
import { applications, digests, interviews, messages, reminders } from "../../src/db/schema";
import { isoInZone } from "../../src/extract/zone";
import { rereadAccount } from "../../src/mail/reread";
import { Browser } from "../helpers/browser";
import { authenticated, deliver, ME } from "../helpers/email";
import { fromBase64 } from "../helpers/fixtures";
import { bobWithApplication, signedIn, startWithInvitation } from "../helpers/site";

const thread = import.meta.glob<string>("../fixtures/thread/*.eml", {
  query: "?bytes",
  import: "default",
  eager: true,
});
const files = Object.keys(thread).sort();
const invitation = () => fromBase64(thread[files[0]]);

const db = () => database(env.DB);
let browser: Browser;

async function theApplication() {
  const [app] = await db().select().from(applications).all();
  if (!app) throw new Error("no application");
  return app;
}

async function planned(applicationId: number): Promise<Record<string, string>> {
  const rows = await db().select().from(reminders).where(eq(reminders.applicationId, applicationId)).all();
  return Object.fromEntries(
    rows
      .filter((r) => r.status !== "cancelled")
      .map((r) => [r.kind, `${isoInZone(r.dueAt, "Asia/Jakarta")} ${r.status}`]),
  );
}

/** The form token of an application's page. */
async function tokenOf(id: number): Promise<string> {
  const response = await browser.get(`/applications/${id}`);
  expect(response.status).toBe(200);
  return Browser.csrfOf(await response.text());
}

async function formOf(id: number): Promise<Record<string, string>> {
  const html = await (await browser.get(`/applications/${id}`)).text();
  const fields: Record<string, string> = { csrf: Browser.csrfOf(html) };
  for (const name of ["company", "position", "interviewer", "start", "zone", "meetingUrl", "respondBy"]) {
    const m = new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html);
    fields[name] = m ? m[1].replace(/&amp;/g, "&") : "";
  }
  return fields;
}

beforeEach(async () => {
  await startWithInvitation();
  browser = await signedIn(ME);
});

describe("signed out", () => {
  it("sends a GET to /login and refuses a POST with 401", async () => {
    const app = await theApplication();
    const anonymous = new Browser("192.0.2.99");
    const page = await anonymous.get(`/applications/${app.id}`);
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe(`/login?next=%2Fapplications%2F${app.id}`);
    const csrf = await anonymous.formToken();
    for (const path of [
      `/applications/${app.id}`,
      `/applications/${app.id}/stop`,
      `/applications/${app.id}/delete`,
    ]) {
      const response = await anonymous.post(path, { csrf, company: "Hacked" });
      expect(response.status).toBe(401);
    }
    const after = await theApplication();
    expect(after.company).toBe("PT Sinar Jaya Digital");
    expect(after.status).toBe("active");
  });

  it("keeps the public page at / for a browser without a session", async () => {
    const response = await new Browser("192.0.2.98").get("/");
    const html = await response.text();
    expect(html).toContain("kabari is running");
    expect(html).not.toContain("PT Sinar Jaya Digital");
  });
});

describe("another account's application", () => {
  it("answers 404 to GET and to every POST, like an id that does not exist, and changes nothing", async () => {
    const { appId } = await bobWithApplication();
    const csrf = await tokenOf((await theApplication()).id);
    const missing = await browser.get("/applications/99999");
    expect(missing.status).toBe(404);
    const missingText = await missing.text();
    const theirs = await browser.get(`/applications/${appId}`);
    expect(theirs.status).toBe(404);
    const theirsText = await theirs.text();
    expect(theirsText).toBe(missingText);
    expect(theirsText).not.toContain("Bob's Secret Employer");
    for (const path of ["", "/stop", "/reopen", "/delete", "/reminders/1/sent"]) {
      const response = await browser.post(`/applications/${appId}${path}`, {
        csrf,
        company: "Taken over",
        position: "",
        interviewer: "",
        start: "",
        zone: "",
        meetingUrl: "",
        respondBy: "",
      });
      expect(response.status, path).toBe(404);
    }
    const [row] = await db().select().from(applications).where(eq(applications.id, appId)).all();
    expect(row.company).toBe("Bob's Secret Employer");
    expect(row.status).toBe("active");
    expect(row.fixedFields).toEqual([]);
  });

  it("cannot act on this account's reminder through its own application's address", async () => {
    const mine = await theApplication();
    const { appId } = await bobWithApplication();
    const [reminder] = await db().select().from(reminders).where(eq(reminders.applicationId, mine.id)).all();
    const csrf = await tokenOf(mine.id);
    const response = await browser.post(`/applications/${appId}/reminders/${reminder.id}/sent`, { csrf });
    expect(response.status).toBe(404);
    const [after] = await db().select().from(reminders).where(eq(reminders.id, reminder.id)).all();
    expect(after.status).toBe("pending");
  });
});

describe("correcting the facts", () => {
  it("moves the interview and its reminders, and keeps the corrected company through a re-read", async () => {
    const app = await theApplication();
    expect((await planned(app.id)).prep).toBe("2025-12-05T09:00:00+07:00 pending");
    const form = await formOf(app.id);
    expect(form.start).toBe("2025-12-08T10:00");
    const response = await browser.post(`/applications/${app.id}`, {
      ...form,
      company: "PT Sinar Jaya Digital Indonesia",
      start: "2025-12-09T14:00",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/applications/${app.id}`);
    const [iv] = await db().select().from(interviews).where(eq(interviews.applicationId, app.id)).all();
    expect(isoInZone(iv.startAt, "Asia/Jakarta")).toBe("2025-12-09T14:00:00+07:00");
    expect(isoInZone(iv.endAt ?? 0, "Asia/Jakarta")).toBe("2025-12-09T15:00:00+07:00");
    expect(await planned(app.id)).toEqual({
      prep: "2025-12-08T09:00:00+07:00 pending",
      cancel_by: "2025-12-08T14:00:00+07:00 pending",
      thank_you: "2025-12-10T15:00:00+07:00 pending",
      follow_up_1: "2025-12-17T09:00:00+07:00 pending",
    });
    const saved = await theApplication();
    expect(saved.company).toBe("PT Sinar Jaya Digital Indonesia");
    expect(saved.fixedFields).toEqual(expect.arrayContaining(["company", "interviewStart"]));
    expect(saved.fixedFields).not.toContain("position");

    await rereadAccount(db(), env.RAW, saved.accountId, Date.now());
    const reread = await theApplication();
    expect(reread.company).toBe("PT Sinar Jaya Digital Indonesia");
    expect(reread.position).toBe("Product Analyst");
    // the corrected interview time survives too, and so do the reminders planned from it
    const [after] = await db().select().from(interviews).where(eq(interviews.applicationId, app.id)).all();
    expect(isoInZone(after.startAt, "Asia/Jakarta")).toBe("2025-12-09T14:00:00+07:00");
    expect((await planned(app.id)).prep).toBe("2025-12-08T09:00:00+07:00 pending");
    const page = await (await browser.get(`/applications/${app.id}`)).text();
    expect(page).toContain('value="PT Sinar Jaya Digital Indonesia"');
  });

  it("says how a counted promise was counted, and that a date of one's own replaces it", async () => {
    const app = await theApplication();
    const before = await (await browser.get(`/applications/${app.id}`)).text();
    expect(before).toMatch(
      /class="promise-rule"[\s\S]*Dihitung dari janji di email: “[^”]*5 hari kerja[^”]*”/,
    );
    expect(before).toContain('value="2025-12-15"');
    // Saving the form as shown keeps the rule: the date only moves with the interview.
    expect((await browser.post(`/applications/${app.id}`, await formOf(app.id))).status).toBe(303);
    expect((await theApplication()).respondByRule).not.toBeNull();
    const after = await browser.post(`/applications/${app.id}`, {
      ...(await formOf(app.id)),
      respondBy: "2025-12-19",
    });
    expect(after.status).toBe(303);
    expect(await (await browser.get(`/applications/${app.id}`)).text()).not.toContain('class="promise-rule"');
  });

  it("saves the interviewer, the zone, the link and the promised date", async () => {
    const app = await theApplication();
    const form = await formOf(app.id);
    const response = await browser.post(`/applications/${app.id}`, {
      ...form,
      interviewer: "Ibu Sari",
      zone: "Asia/Makassar",
      meetingUrl: "https://zoom.us/j/123",
      respondBy: "2025-12-19",
    });
    expect(response.status).toBe(303);
    const [iv] = await db().select().from(interviews).where(eq(interviews.applicationId, app.id)).all();
    expect([iv.interviewer, iv.zone, iv.meetingUrl]).toEqual([
      "Ibu Sari",
      "Asia/Makassar",
      "https://zoom.us/j/123",
    ]);
    const saved = await theApplication();
    expect(saved.respondBy).toBe("2025-12-19");
    expect(saved.respondByRule).toBeNull();
    // Promised Fri 19 Dec → the first follow-up the next business day
    expect((await planned(app.id)).follow_up_1).toBe("2025-12-22T09:00:00+07:00 pending");
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    ["a javascript: link", { meetingUrl: "javascript:alert(1)" }, /http:\/\/ atau https:\/\//],
    ["a bad promised date", { respondBy: "2025-02-30" }, /YYYY-MM-DD/],
    ["a bad interview time", { start: "2025-13-01T10:00" }, /tanggal dan jam yang valid/],
    ["an unknown zone", { zone: "Mars/Olympus" }, /zona waktu IANA/],
    ["an empty company", { company: "   " }, /Isi nama perusahaan/],
  ];
  for (const [name, change, message] of bad) {
    it(`answers 422 with the error next to the field for ${name}, and saves nothing`, async () => {
      const app = await theApplication();
      const form = await formOf(app.id);
      const response = await browser.post(`/applications/${app.id}`, {
        ...form,
        ...change,
        position: "Changed",
      });
      expect(response.status).toBe(422);
      const html = await response.text();
      const field = Object.keys(change)[0];
      const at = html.indexOf(`name="${field}"`);
      expect(at).toBeGreaterThan(-1);
      const after = html.slice(at, html.indexOf("</p>", at));
      expect(after).toMatch(/role="alert"/);
      expect(after).toMatch(message);
      expect(html).toContain('value="Changed"');
      const row = await theApplication();
      expect(row.position).toBe("Product Analyst");
      expect(row.fixedFields).toEqual([]);
    });
  }

  it("refuses a form without its token with 403", async () => {
    const app = await theApplication();
    const form = await formOf(app.id);
    const { csrf: _, ...noToken } = form;
    for (const fields of [noToken, { ...noToken, csrf: "x".repeat(43) }]) {
      const response = await browser.post(`/applications/${app.id}`, { ...fields, company: "No token" });
      expect(response.status).toBe(403);
    }
    for (const path of ["/stop", "/delete"]) {
      expect((await browser.post(`/applications/${app.id}${path}`, {})).status).toBe(403);
    }
    const row = await theApplication();
    expect(row.company).toBe("PT Sinar Jaya Digital");
    expect(row.status).toBe("active");
  });
});

describe("the buttons", () => {
  async function reminderOf(applicationId: number, kind: string) {
    const rows = await db().select().from(reminders).where(eq(reminders.applicationId, applicationId)).all();
    const row = rows.find((r) => r.kind === kind);
    if (!row) throw new Error(`no ${kind} reminder`);
    return row;
  }

  it("marks a reminder sent and snoozes another until tomorrow", async () => {
    const app = await theApplication();
    const thankYou = await reminderOf(app.id, "thank_you");
    const followUp = await reminderOf(app.id, "follow_up_1");
    const csrf = await tokenOf(app.id);
    const sent = await browser.post(`/applications/${app.id}/reminders/${thankYou.id}/sent`, { csrf });
    expect(sent.status).toBe(303);
    expect((await reminderOf(app.id, "thank_you")).status).toBe("done");
    const before = Date.now();
    const snoozed = await browser.post(`/applications/${app.id}/reminders/${followUp.id}/snooze`, { csrf });
    expect(snoozed.status).toBe(303);
    const row = await reminderOf(app.id, "follow_up_1");
    expect(row.status).toBe("snoozed");
    expect(row.snoozedUntil).toBeGreaterThanOrEqual(before + 86400000);
    expect(row.snoozedUntil).toBeLessThan(before + 2 * 86400000);
    // The timeline says it in the page's language.
    const page = await (await browser.get(`/applications/${app.id}`)).text();
    expect(page).toContain("Kirim ucapan terima kasih · sudah");
    expect(page).toMatch(/Kirim follow-up pertama · ditunda → \d{4}-\d\d-\d\d \d\d:\d\d/);
    expect(page).toContain("undangan interview · Undangan Interview");
    const english = await (await browser.get(`/applications/${app.id}?lang=en`)).text();
    expect(english).toContain("Send a thank-you · done");
  });

  it("offers no buttons for preparing or cancelling an interview already held", async () => {
    const app = await theApplication();
    const prep = await reminderOf(app.id, "prep");
    const thankYou = await reminderOf(app.id, "thank_you");
    const page = await (await browser.get(`/applications/${app.id}`)).text();
    expect(page).toContain("Persiapan interview · sudah lewat");
    expect(page).not.toContain(`/reminders/${prep.id}/sent`);
    expect(page).toContain(`/reminders/${thankYou.id}/sent`);
    expect(page).toContain("<h2>Tindakan</h2>");
  });

  it("stops the application and reopens it", async () => {
    const app = await theApplication();
    const csrf = await tokenOf(app.id);
    const stop = await browser.post(`/applications/${app.id}/stop`, { csrf });
    expect(stop.status).toBe(303);
    expect((await theApplication()).status).toBe("stopped");
    expect(await planned(app.id)).toEqual({});
    const page = await (await browser.get(`/applications/${app.id}`)).text();
    expect(page).toContain(`action="/applications/${app.id}/reopen"`);
    const reopen = await browser.post(`/applications/${app.id}/reopen`, { csrf });
    expect(reopen.status).toBe(303);
    const row = await theApplication();
    expect(row.status).toBe("active");
    expect(row.fixedFields).toContain("status");
    expect((await planned(app.id)).thank_you).toBe("2025-12-09T11:00:00+07:00 pending");
  });

  it("asks before deleting: GET shows what would go and changes nothing; 404 for another account's", async () => {
    const app = await theApplication();
    const page = await browser.get(`/applications/${app.id}/delete`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("PT Sinar Jaya Digital · Product Analyst");
    expect(html).toContain(`action="/applications/${app.id}/delete"`);
    expect((await theApplication()).id).toBe(app.id);
    const { appId } = await bobWithApplication();
    expect((await browser.get(`/applications/${appId}/delete`)).status).toBe(404);
    expect((await browser.get(`/applications/${app.id}`)).status).toBe(200);
    expect(await (await browser.get(`/applications/${app.id}`)).text()).toContain(
      `href="/applications/${app.id}/delete"`,
    );
  });

  it("deletes the application with its rows and its raw messages in R2", async () => {
    const app = await theApplication();
    const rows = await db().select().from(messages).where(eq(messages.applicationId, app.id)).all();
    expect(rows.length).toBe(1);
    expect(await env.RAW.head(rows[0].rawKey)).not.toBeNull();
    const csrf = await tokenOf(app.id);
    const response = await browser.post(`/applications/${app.id}/delete`, { csrf });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/");
    expect(await env.RAW.head(rows[0].rawKey)).toBeNull();
    expect(await db().select().from(applications).all()).toEqual([]);
    expect(await db().select().from(messages).all()).toEqual([]);
    expect(await db().select().from(interviews).all()).toEqual([]);
    expect(await db().select().from(reminders).all()).toEqual([]);
    expect((await browser.get(`/applications/${app.id}`)).status).toBe(404);
  });

  it("deletes nothing of another account", async () => {
    const { appId } = await bobWithApplication();
    const mine = await theApplication();
    const csrf = await tokenOf(mine.id);
    await browser.post(`/applications/${mine.id}/delete`, { csrf });
    const left = await db().select().from(applications).all();
    expect(left.map((a) => a.id)).toEqual([appId]);
  });
});

describe("what mail says is escaped", () => {
  it("shows hostile subjects and names as text", async () => {
    const hostile = new TextDecoder()
      .decode(invitation())
      .replace(/^Subject: .*$/m, "Subject: <script>alert(1)</script> Undangan Interview - Product Analyst")
      .replace(/^Message-ID: .*$/m, "Message-ID: <hostile-1@sinarjayadigital.co.id>")
      .replace(/^From: .*$/m, 'From: "\\"><img src=x onerror=alert(3)>" <rekrutmen@sinarjayadigital.co.id>')
      .replace(/Pewawancara {2}: .*$/m, 'Pewawancara  : Bapak "><img src=x onerror=alert(2)>');
    const delivery = await deliver(authenticated(new TextEncoder().encode(hostile)));
    expect(delivery.rejected).toEqual([]);
    const subjects = (await db().select().from(messages).all()).map((m) => m.subject);
    expect(subjects).toContain("<script>alert(1)</script> Undangan Interview - Product Analyst");
    const [iv] = await db().select().from(interviews).all();
    // Whatever the extractor made of the name, put a hostile one in as it would arrive from mail
    await db()
      .update(interviews)
      .set({ interviewer: '"><img src=x onerror=alert(2)>' })
      .where(eq(interviews.id, iv.id));
    const app = await theApplication();
    await db()
      .update(applications)
      .set({ company: "<script>alert(4)</script>", position: '"><img src=x onerror=alert(5)>' })
      .where(eq(applications.id, app.id));
    for (const path of [`/applications/${app.id}`, "/"]) {
      const html = await (await browser.get(path)).text();
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      expect(html).toContain("&lt;script&gt;alert(4)&lt;/script&gt;");
      expect(html).toContain("&quot;&gt;&lt;img src=x onerror=alert(5)&gt;");
    }
    const page = await (await browser.get(`/applications/${app.id}`)).text();
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt; Undangan Interview");
    expect(page).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"');
  });
});

describe("today", () => {
  it("lists the application with its state and next step, and shows the digest preview as text", async () => {
    const app = await theApplication();
    const response = await browser.get("/");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    expect(html).toContain(`<a href="/applications/${app.id}">PT Sinar Jaya Digital · Product Analyst</a>`);
    expect(html).toContain('<span class="state">sudah interview</span>');
    // The interview is over: not its preparation, but the thank-you is next.
    expect(html).toContain('<span class="next">Kirim ucapan terima kasih 2025-12-09 11:00</span>');
    // The digest as it would go out now, in its own HTML: the step, its draft, and the mailto: link.
    const preview = /<div class="digest-preview"[^>]*>([\s\S]*)<form method="post" action="\/logout"/.exec(
      html,
    )?.[1];
    expect(preview).toContain("Kirim ucapan terima kasih");
    expect(preview).toContain("PT Sinar Jaya Digital");
    expect(preview).toMatch(/href="mailto:rekrutmen@sinarjayadigital\.co\.id\?subject=/);
    expect(preview).toContain('href="https://meet.google.com/abc-defg-hij"');
    expect(preview).not.toMatch(/<(html|body|head)\b/);
    expect(html).toContain('action="/logout"');
    expect(html).toContain('action="/logout/everywhere"');
  });

  it("shows a digest that could not be sent, and no section when none failed", async () => {
    const app = await theApplication();
    expect(await (await browser.get("/")).text()).not.toContain('class="failed-digests"');
    await db().insert(digests).values({
      accountId: app.accountId,
      localDate: "2025-12-05",
      status: "failed",
      attempts: 3,
      error: "send_email: <b>destination not verified</b>",
      createdAt: 0,
      updatedAt: 0,
    });
    const html = await (await browser.get("/")).text();
    expect(html).toContain('class="failed-digests"');
    expect(html).toContain("2025-12-05 · 3× · send_email: &lt;b&gt;destination not verified&lt;/b&gt;");
  });

  it("shows another account only its own applications", async () => {
    await bobWithApplication();
    const html = await (await browser.get("/")).text();
    expect(html).not.toContain("Bob's Secret Employer");
    expect(html).toContain("PT Sinar Jaya Digital");
  });
});

describe("Today with many applications", () => {
  async function addApplications(n: number): Promise<void> {
    const [account] = await db().query.accounts.findMany();
    const rows = Array.from(
      { length: n },
      (_, i) => `(${account.id}, 'PT Banyak ${i}', 'Posisi', 'active', 'waiting', 0, ${i})`,
    );
    await env.DB.exec(
      `INSERT INTO applications (account_id, company, position, status, phase, created_at, updated_at) VALUES ${rows.join(",")}`,
    );
    // Every third one has a step; the later the application, the sooner its step.
    const created = await db().select().from(applications).all();
    const steps = created
      .filter((a) => a.company?.startsWith("PT Banyak ") && Number(a.company.slice(10)) % 3 === 0)
      .map((a) => `(${a.id}, 'follow_up_1', ${Date.UTC(2026, 0, 1) - a.id * 60_000}, 'pending', 0, 0)`);
    await env.DB.exec(
      `INSERT INTO reminders (application_id, kind, due_at, status, created_at, updated_at) VALUES ${steps.join(",")}`,
    );
  }

  const companies = (html: string) =>
    [...html.matchAll(/href="\/applications\/\d+">([^<·]+)/g)].map((m) => m[1].trim());

  it("shows 50 a page, the soonest next step first, and every application once across the pages", async () => {
    await addApplications(119);
    const first = await (await browser.get("/")).text();
    const page1 = companies(first);
    expect(page1).toHaveLength(50);
    // The invitation's application has the soonest step (December 2025); then the later Banyak applications.
    expect(page1[0]).toBe("PT Sinar Jaya Digital");
    expect(page1.slice(1, 4)).toEqual(["PT Banyak 117", "PT Banyak 114", "PT Banyak 111"]);
    expect(first).toContain('href="/?page=2"');
    expect(first).not.toContain('href="/?page=0"');
    const page2 = companies(await (await browser.get("/?page=2")).text());
    const last = await (await browser.get("/?page=3")).text();
    const page3 = companies(last);
    expect(page3).toHaveLength(20);
    expect(last).not.toContain('href="/?page=4"');
    expect(last).toContain('href="/?page=2"');
    const all = [...page1, ...page2, ...page3];
    expect(new Set(all).size).toBe(120);
    // Those with nothing planned come after every one with a step, the most recently changed first.
    expect(page3.at(-1)).toBe("PT Banyak 1");
  });

  it("finds applications by part of the company or position, pages within what it found, and escapes the words", async () => {
    await addApplications(119);
    const found = await (await browser.get("/?q=banyak%2011")).text();
    // "PT Banyak 11" and "PT Banyak 110" … "PT Banyak 118": case does not matter.
    expect(companies(found).sort()).toEqual(
      ["PT Banyak 11", ...Array.from({ length: 9 }, (_, i) => `PT Banyak 11${i}`)].sort(),
    );
    expect(found).toContain('value="banyak 11"');
    expect(companies(await (await browser.get("/?q=ANALYST")).text())).toEqual(["PT Sinar Jaya Digital"]);
    // Across pages the words stay: 119 Banyak applications, 3 pages.
    const first = await (await browser.get("/?q=banyak")).text();
    expect(first).toContain('href="/?q=banyak&amp;page=2"');
    // LIKE's wildcards are letters like any other; nothing matches them.
    for (const wild of ["%25", "_", "%5C"]) {
      const html = await (await browser.get(`/?q=${wild}`)).text();
      expect(companies(html)).toEqual([]);
      expect(html).toContain("Tidak ada lamaran yang cocok.");
    }
    // Hostile words are shown as text, and long ones are cut, never refused by D1.
    const hostile = await browser.get(`/?q=${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(hostile.status).toBe(200);
    const text = await hostile.text();
    expect(text).not.toContain("<script>alert(1)");
    expect(text).toContain("&quot;&gt;&lt;script&gt;");
    expect((await browser.get(`/?q=${"é".repeat(300)}`)).status).toBe(200);
  });

  it("reads a page number it does not understand as the first page, and one past the end as the last", async () => {
    await addApplications(60);
    const first = companies(await (await browser.get("/")).text());
    for (const nonsense of ["abc", "0", "-1", "1.5", "9999999999"]) {
      const response = await browser.get(`/?page=${nonsense}`);
      expect(response.status).toBe(200);
      expect(companies(await response.text())).toEqual(first);
    }
    const past = await (await browser.get("/?page=7")).text();
    expect(companies(past)).toHaveLength(11);
    expect(past).toContain("2 / 2");
  });
});
