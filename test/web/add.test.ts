// The Add page: paste text or upload .eml files, see what was understood without storing anything, then save
// through the pipeline of forwarded mail (R2, the message row, processMessage).
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { type Account, createAccount, database } from "../../src/db/queries";
import { applications, interviews, messages } from "../../src/db/schema";
import { parseMail } from "../../src/mail/parse";
import { Browser, clearSent, fetchSite, ORIGIN, signIn } from "../helpers/browser";
import { INBOX, ME } from "../helpers/email";
import { fromBase64 } from "../helpers/fixtures";
import { resetStorage } from "../helpers/storage";

const wa = Object.values(
  import.meta.glob<string>("../fixtures/corpus/wa/wa02-web-copy-meet-ralat-jam.txt", {
    query: "?raw",
    import: "default",
    eager: true,
  }),
)[0];
const invitationEml = Object.values(
  import.meta.glob<string>("../fixtures/thread/01-invitation.eml", {
    query: "?bytes",
    import: "default",
    eager: true,
  }),
)[0];
const invitation = () => fromBase64(invitationEml);

const db = () => database(env.DB);
let me: Account;
let browser: Browser;

beforeEach(async () => {
  await resetStorage();
  clearSent();
  me = await createAccount(
    db(),
    { inboundAddress: INBOX, senders: [ME], digestAddress: ME, zone: "Asia/Jakarta", language: "en" },
    Date.now(),
  );
  browser = new Browser();
  expect((await signIn(browser, ME)).status).toBe(303);
});

async function token(): Promise<string> {
  const response = await browser.get("/add");
  expect(response.status).toBe(200);
  return Browser.csrfOf(await response.text());
}

/** Posts a multipart form as the browser would, with its cookies and Origin. */
async function postMultipart(path: string, form: FormData, who: Browser = browser): Promise<Response> {
  const headers = new Headers({ origin: ORIGIN });
  if (who.cookies.size) headers.set("cookie", [...who.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
  return fetchSite(
    new Request(`${ORIGIN}${path}`, { method: "POST", headers, body: form, redirect: "manual" }),
  );
}

function emlFile(bytes: Uint8Array = invitation(), name = "01-invitation.eml"): File {
  return new File([bytes], name, { type: "message/rfc822" });
}

async function stored() {
  const rows = await db().select().from(messages).all();
  const apps = await db().select().from(applications).all();
  const objects = (await env.RAW.list()).objects;
  return { rows, apps, objects };
}

async function expectNothingStored() {
  const { rows, apps, objects } = await stored();
  expect(rows).toEqual([]);
  expect(apps).toEqual([]);
  expect(objects).toEqual([]);
}

/** The hidden fields of the preview's Save form, as a browser would send them back. */
function saveFormOf(html: string): FormData {
  const form = new FormData();
  form.set("csrf", Browser.csrfOf(html));
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&");
  const save = html.slice(html.indexOf('action="/add/save"'));
  for (const m of save.matchAll(/<textarea name="text" hidden="">([\s\S]*?)<\/textarea>/g)) {
    form.append("text", decode(m[1]));
  }
  for (const m of save.matchAll(/name="(name|eml)" value="([^"]*)"/g)) form.append(m[1], decode(m[2]));
  return form;
}

describe("access", () => {
  it("sends an anonymous GET to /login and answers an anonymous POST 401", async () => {
    const anonymous = new Browser("192.0.2.99");
    const page = await anonymous.get("/add");
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/login?next=%2Fadd");
    const csrf = await anonymous.formToken();
    const preview = await anonymous.post("/add/preview", { csrf, text: wa });
    expect(preview.status).toBe(401);
    const save = await anonymous.post("/add/save", { csrf, text: wa });
    expect(save.status).toBe(401);
    await expectNothingStored();
  });

  it("refuses a form without its token (403), urlencoded or multipart", async () => {
    expect((await browser.post("/add/preview", { text: wa })).status).toBe(403);
    expect((await browser.post("/add/save", { text: wa, csrf: "x".repeat(43) })).status).toBe(403);
    const form = new FormData();
    form.append("files", emlFile());
    expect((await postMultipart("/add/save", form)).status).toBe(403);
    await expectNothingStored();
  });

  it("shows both forms with the token", async () => {
    const html = await (await browser.get("/add")).text();
    expect(html).toContain('action="/add/preview"');
    expect(html).toContain('name="text"');
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('type="file"');
    expect(html.match(/name="csrf"/g)?.length).toBe(2);
  });
});

describe("pasted text", () => {
  it("previews a WhatsApp invitation with its corrected time and stores nothing", async () => {
    const response = await browser.post("/add/preview", { csrf: await token(), text: wa });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/data-fact="company">[^<]*Arunika Digital Kreatif/);
    expect(html).toContain('data-fact="start">2025-12-04 14:00 (Asia/Jakarta)');
    expect(html).not.toContain("2025-12-04 13:00");
    expect(html).toContain('data-fact="link">https://meet.google.com/wvd-qmtz-hpa');
    expect(html).toContain('action="/add/save"');
    await expectNothingStored();
  });

  it("saves through the pipeline: R2 object, message row, application with its interview", async () => {
    const preview = await browser.post("/add/preview", { csrf: await token(), text: wa });
    const form = saveFormOf(await preview.text());
    expect(form.get("text")).toBe(wa);
    const response = await postMultipart("/add/save", form);
    expect(response.status).toBe(303);
    const { rows, apps, objects } = await stored();
    expect(rows).toHaveLength(1);
    expect(apps).toHaveLength(1);
    expect(response.headers.get("location")).toBe(`/applications/${apps[0].id}`);
    expect(apps[0].accountId).toBe(me.id);
    expect(apps[0].company).toMatch(/Arunika Digital Kreatif/);
    expect(rows[0].applicationId).toBe(apps[0].id);
    expect(objects.map((o) => o.key)).toEqual([rows[0].rawKey]);
    expect(rows[0].rawKey).toMatch(new RegExp(`^raw/${me.id}/[0-9a-f]{64}\\.eml$`));
    // The stored raw is an email that carries the pasted text.
    const object = await env.RAW.get(rows[0].rawKey);
    const mail = await parseMail(new Uint8Array(await (object as R2ObjectBody).arrayBuffer()));
    expect(mail.headers["x-kabari-pasted"]).toBe("1");
    expect(mail.text).toContain("Maaf ralat Kak, jamnya 14.00");
    const ivs = await db().select().from(interviews).where(eq(interviews.applicationId, apps[0].id)).all();
    expect(ivs.map((i) => i.startAt)).toEqual([Date.parse("2025-12-04T14:00:00+07:00")]);
    // The application's page shows it.
    const page = await browser.get(`/applications/${apps[0].id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Arunika Digital Kreatif");
  });

  it("saves text with no application and says so", async () => {
    const form = new FormData();
    form.set("csrf", await token());
    form.set("text", "Halo, apa kabar? Besok makan siang bareng yuk.");
    const response = await postMultipart("/add/save", form);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/add?saved=other");
    const { rows, apps, objects } = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0].kind).toBe("other");
    expect(apps).toEqual([]);
    expect(objects).toHaveLength(1);
    expect(await (await browser.get("/add?saved=other")).text()).toContain("no application came out");
  });

  it("escapes hostile text in the preview", async () => {
    const hostile = `<script>alert(1)</script> "><img src=x onerror=alert(2)> PT Jahat`;
    const response = await browser.post("/add/preview", { csrf: await token(), text: hostile });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;");
    await expectNothingStored();
  });

  it("answers 422 for empty text and for text over 20,000 characters", async () => {
    const csrf = await token();
    const empty = await browser.post("/add/preview", { csrf, text: "" });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("The text must be 1 to 20,000 characters.");
    expect((await browser.post("/add/preview", { csrf, text: "   \n " })).status).toBe(422);
    const big = await browser.post("/add/preview", { csrf, text: "a".repeat(2_000_000) });
    expect(big.status).toBe(422);
    expect(await big.text()).toContain("The text must be 1 to 20,000 characters.");
    expect((await browser.post("/add/save", { csrf, text: "a".repeat(20_001) })).status).toBe(422);
    // The limit itself is accepted.
    expect((await browser.post("/add/preview", { csrf, text: "a".repeat(20_000) })).status).toBe(200);
    await expectNothingStored();
  });

  it("answers in the account's language", async () => {
    await db()
      .update((await import("../../src/db/schema")).accounts)
      .set({ language: "id" })
      .run();
    const response = await browser.post("/add/preview", { csrf: await token(), text: "" });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("Teks harus 1 sampai 20.000 huruf.");
  });
});

describe(".eml files", () => {
  it("previews an uploaded invitation and stores nothing, then saves it", async () => {
    const form = new FormData();
    form.set("csrf", await token());
    form.append("files", emlFile());
    const response = await postMultipart("/add/preview", form);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("01-invitation.eml");
    expect(html).toMatch(/data-fact="company">[^<]*Sinar Jaya Digital/);
    expect(html).toContain('data-fact="start">2025-12-08 10:00 (Asia/Jakarta)');
    await expectNothingStored();

    const save = await postMultipart("/add/save", saveFormOf(html));
    expect(save.status).toBe(303);
    const { rows, apps, objects } = await stored();
    expect(apps).toHaveLength(1);
    expect(save.headers.get("location")).toBe(`/applications/${apps[0].id}`);
    expect(apps[0].company).toMatch(/Sinar Jaya Digital/);
    expect(rows).toHaveLength(1);
    expect(rows[0].applicationId).toBe(apps[0].id);
    expect(objects.map((o) => o.key)).toEqual([rows[0].rawKey]);
    const object = await env.RAW.get(rows[0].rawKey);
    expect(new Uint8Array(await (object as R2ObjectBody).arrayBuffer())).toEqual(invitation());
    const ivs = await db().select().from(interviews).where(eq(interviews.applicationId, apps[0].id)).all();
    expect(ivs.map((i) => i.startAt)).toEqual([Date.parse("2025-12-08T10:00:00+07:00")]);

    // Saving the same file again changes nothing and leads to the same application.
    const again = await postMultipart("/add/save", saveFormOf(html));
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe(`/applications/${apps[0].id}`);
    expect((await stored()).rows).toHaveLength(1);
  });

  it("saves several files: the first read at once, the others by queue jobs, and Today says so", async () => {
    // Three different companies' invitations: the same mail under other names and Message-IDs.
    const copy = (company: string, n: number) =>
      new TextEncoder().encode(
        new TextDecoder()
          .decode(invitation())
          .replace(/^Message-ID: .*$/m, `Message-ID: <several-${n}@example.com>`)
          .replaceAll("Sinar Jaya Digital", company)
          .replaceAll("sinarjayadigital", `perusahaan${n}`),
      );
    const form = new FormData();
    form.set("csrf", await token());
    form.append("files", emlFile(copy("Sinar Jaya Digital", 1), "a.eml"));
    form.append("files", emlFile(copy("Mitra Logistik", 2), "b.eml"));
    form.append("files", emlFile(copy("Kopi Senja", 3), "c.eml"));
    const html = await (await postMultipart("/add/preview", form)).text();
    const save = await postMultipart("/add/save", saveFormOf(html));
    expect(save.status).toBe(303);
    expect(save.headers.get("location")).toBe("/?added=3");
    const rows = await db().select().from(messages).orderBy(messages.id).all();
    expect(rows).toHaveLength(3);
    expect(rows[0].step).toBe("linked");
    const today = await (await browser.get("/?added=3")).text();
    expect(today).toContain("3 mails saved. The first is read; the others are read within a minute");
    // This Worker's own inbound queue consumer reads the other two.
    await vi.waitFor(
      async () => {
        const companies = (await db().select().from(applications).all()).map((a) => a.company ?? "");
        expect(companies.sort()).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/Kopi Senja/),
            expect.stringMatching(/Mitra Logistik/),
            expect.stringMatching(/Sinar Jaya Digital/),
          ]),
        );
      },
      { timeout: 15_000, interval: 200 },
    );
    // A page number it does not understand in ?added= shows no notice.
    expect(await (await browser.get("/?added=<b>")).text()).not.toContain('class="added"');
  });

  it("answers 422 for a file that is not .eml, for six files and for a file over 1 MiB", async () => {
    const csrf = await token();
    const notEml = new FormData();
    notEml.set("csrf", csrf);
    notEml.append("files", emlFile(invitation(), "invitation.txt"));
    const wrong = await postMultipart("/add/preview", notEml);
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain("Only files ending in .eml are accepted.");

    const six = new FormData();
    six.set("csrf", csrf);
    for (let i = 0; i < 6; i++) six.append("files", emlFile(invitation(), `m${i}.eml`));
    const many = await postMultipart("/add/preview", six);
    expect(many.status).toBe(422);
    expect(await many.text()).toContain("At most 5 files at once.");

    const five = new FormData();
    five.set("csrf", csrf);
    for (let i = 0; i < 5; i++) five.append("files", emlFile(invitation(), `m${i}.eml`));
    expect((await postMultipart("/add/preview", five)).status).toBe(200);

    const large = new FormData();
    large.set("csrf", csrf);
    large.append("files", emlFile(new Uint8Array(1024 * 1024 + 1).fill(65), "big.eml"));
    const big = await postMultipart("/add/preview", large);
    expect(big.status).toBe(422);
    expect(await big.text()).toContain("Each file must be at most 1 MiB.");

    // Save checks the base64 copies again.
    const forged = new FormData();
    forged.set("csrf", csrf);
    forged.append("name", "big.eml");
    forged.append("eml", btoa("A".repeat(1024 * 1024 + 1)));
    expect((await postMultipart("/add/save", forged)).status).toBe(422);
    const forgedName = new FormData();
    forgedName.set("csrf", csrf);
    forgedName.append("name", "evil.html");
    forgedName.append("eml", btoa("hello"));
    expect((await postMultipart("/add/save", forgedName)).status).toBe(422);
    await expectNothingStored();
  });
});
