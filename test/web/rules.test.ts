// The rules page: shown, validated field by field, saved per account, and the reminders follow the new rules.
import { env } from "cloudflare:workers";
import { and, eq, ne } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { type Account, accountById, database, insertApplication } from "../../src/db/queries";
import { replan } from "../../src/db/reminders";
import { interviews, reminders } from "../../src/db/schema";
import { isoInZone } from "../../src/extract/zone";
import { DEFAULT_RULES, parseRules } from "../../src/plan/rules";
import { Browser } from "../helpers/browser";
import { ME } from "../helpers/email";
import { createBob, signedIn, startWithInvitation } from "../helpers/site";

let me: Account;
let bob: Account;

beforeEach(async () => {
  me = await startWithInvitation();
  bob = await createBob();
});

/** Every field as the form sends it, from the defaults; a ticked box sends "on", an unticked one nothing. */
function form(csrf: string, changes: Record<string, string | undefined> = {}): Record<string, string> {
  const fields: Record<string, string | undefined> = { csrf, zone: "Asia/Jakarta", language: "id" };
  for (const [key, value] of Object.entries(DEFAULT_RULES)) {
    fields[key] = typeof value === "boolean" ? (value ? "on" : undefined) : String(value);
  }
  Object.assign(fields, changes);
  return Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** The error line shown next to a field, or undefined when there is none. */
function errorOf(html: string, field: string): string | undefined {
  const text = new RegExp(`id="${field}-error"[^>]*>([^<]*)<`).exec(html)?.[1];
  return text
    ?.replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

async function prepDue(): Promise<string> {
  const rows = await database(env.DB)
    .select()
    .from(reminders)
    .where(and(eq(reminders.kind, "prep"), ne(reminders.status, "cancelled")))
    .all();
  expect(rows).toHaveLength(1);
  return isoInZone(rows[0].dueAt, "Asia/Jakarta");
}

async function storedRules(id: number) {
  return (await accountById(database(env.DB), id))?.rules;
}

describe("without a session", () => {
  it("sends a GET to /login and refuses a POST with 401, saving nothing", async () => {
    const browser = new Browser();
    const page = await browser.get("/rules");
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/login?next=%2Frules");
    const csrf = await browser.formToken();
    const post = await browser.post("/rules", form(csrf, { workStart: "10:00" }));
    expect(post.status).toBe(401);
    expect(await storedRules(me.id)).toEqual({});
  });
});

describe("the rules form", () => {
  it("shows every rule with its explanation, in the account's language", async () => {
    const browser = await signedIn(ME);
    const response = await browser.get("/rules");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    for (const key of Object.keys(DEFAULT_RULES)) expect(html).toContain(`name="${key}"`);
    expect(html).toContain('name="zone"');
    expect(html).toContain('name="language"');
    expect(html).toContain("Jam kerja mulai");
    expect(html).toContain("Pengingat tidak jatuh sebelum jam ini.");
    expect(html).toMatch(/id="workStart"[^>]*value="09:00"/);
    expect(html).toMatch(/id="zone"[^>]*value="Asia\/Jakarta"/);
    expect(html).not.toContain("Working hours start");

    const english = await (await (await signedIn("bob@example.org")).get("/rules")).text();
    expect(english).toContain("Working hours start");
    expect(english).toContain("No reminder falls before this time.");
  });

  it("refuses a save without the form token (403) and saves nothing", async () => {
    const browser = await signedIn(ME);
    await browser.get("/rules");
    const fields = form("x", { workStart: "10:00" });
    delete fields.csrf;
    const response = await browser.post("/rules", fields);
    expect(response.status).toBe(403);
    const wrong = await browser.post("/rules", form("A".repeat(43), { workStart: "10:00" }));
    expect(wrong.status).toBe(403);
    expect(await storedRules(me.id)).toEqual({});
  });
});

describe("saving", () => {
  it("saves the rules, zone and language, shows them again, and replans the reminders", async () => {
    const browser = await signedIn(ME);
    expect(await prepDue()).toBe("2025-12-05T09:00:00+07:00");
    const csrf = await browser.formToken("/rules");
    const response = await browser.post(
      "/rules",
      form(csrf, {
        workStart: "10:00",
        prepBusinessDaysBefore: " 2 ",
        digestWhenEmpty: "on",
        language: "en",
      }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/rules?saved=1");

    const stored = await accountById(database(env.DB), me.id);
    // Only the rules object: no form token, zone or language in it.
    expect(stored?.rules).toEqual({
      ...DEFAULT_RULES,
      workStart: "10:00",
      prepBusinessDaysBefore: 2,
      digestWhenEmpty: true,
    });
    expect(stored?.language).toBe("en");
    // Two business days before Mon 8 Dec, from the new start of the working day.
    expect(await prepDue()).toBe("2025-12-04T10:00:00+07:00");

    const html = await (await browser.get("/rules?saved=1")).text();
    expect(html).toContain("Saved. Reminders were planned again.");
    expect(html).toMatch(/id="workStart"[^>]*value="10:00"/);
    expect(html).toMatch(/id="prepBusinessDaysBefore"[^>]*value="2"/);
    expect(html).toMatch(/id="digestWhenEmpty"[^>]*checked/);
    expect(html).toMatch(/id="thankYouNudge"[^>]*checked/);
    expect(html).not.toMatch(/id="cutiBersamaAreHolidays"(?![^>]*checked)[^>]*>/);
    expect(html).toMatch(/<option value="en" selected/);
    expect(await (await browser.get("/rules")).text()).not.toContain("Saved. Reminders were planned again.");
  });

  it("saves an unticked box as false and a new zone, and plans in that zone", async () => {
    const browser = await signedIn(ME);
    const csrf = await browser.formToken("/rules");
    const response = await browser.post(
      "/rules",
      form(csrf, { zone: "Asia/Jayapura", thankYouNudge: undefined, cutiBersamaAreHolidays: undefined }),
    );
    expect(response.status).toBe(303);
    const stored = await accountById(database(env.DB), me.id);
    expect(stored?.zone).toBe("Asia/Jayapura");
    expect(stored?.rules).toMatchObject({ thankYouNudge: false, cutiBersamaAreHolidays: false });
    // 09:00 WIT (UTC+9) is 07:00 WIB.
    expect(await prepDue()).toBe("2025-12-05T07:00:00+07:00");
    const html = await (await browser.get("/rules")).text();
    expect(html).not.toMatch(/id="thankYouNudge"[^>]*checked/);
    expect(html).toMatch(/id="digestWhenEmpty"(?![^>]*checked)[^>]*>/);
  });
});

describe("nonsense", () => {
  const cases: [string, Record<string, string>, string, RegExp][] = [
    [
      "workEnd before workStart",
      { workEnd: "08:00" },
      "workEnd",
      /^Jam selesai harus setelah jam mulai \(09:00\)\.$/,
    ],
    ["an hour that does not exist", { workStart: "25:00" }, "workStart", /^Tulis jam dalam format HH:MM/],
    [
      "letters for a number",
      { thankYouWithinHours: "abc" },
      "thankYouWithinHours",
      /^Isi angka bulat 1–168\.$/,
    ],
    ["an empty number", { cancelNoticeHours: "" }, "cancelNoticeHours", /^Isi angka bulat 1–168\.$/],
    ["a fraction", { prepBusinessDaysBefore: "1.5" }, "prepBusinessDaysBefore", /^Isi angka bulat 1–90\.$/],
    ["a number out of range", { assumedInterviewMinutes: "601" }, "assumedInterviewMinutes", /5–600/],
    ["an unknown zone", { zone: "Mars/Olympus" }, "zone", /^Zona waktu tidak dikenal\./],
    ["an unknown language", { language: "fr" }, "language", /^Pilih Bahasa Indonesia atau English\.$/],
    [
      "an unknown screening choice",
      { thankYouAfterScreening: "never" },
      "thankYouAfterScreening",
      /^Pilih opsional atau wajib\.$/,
    ],
  ];
  for (const [what, changes, field, message] of cases) {
    it(`answers ${what} with 422, the message next to the field, and saves nothing`, async () => {
      const browser = await signedIn(ME);
      const csrf = await browser.formToken("/rules");
      // A valid change beside the bad one must not be saved either.
      const response = await browser.post("/rules", form(csrf, { digestTime: "06:30", ...changes }));
      expect(response.status).toBe(422);
      const html = await response.text();
      expect(errorOf(html, field)).toMatch(message);
      // Only that field is marked.
      for (const other of ["workStart", "workEnd", "digestTime", "zone"].filter((f) => f !== field)) {
        expect(errorOf(html, other)).toBeUndefined();
      }
      // The form comes back filled with what was sent.
      expect(html).toMatch(/id="digestTime"[^>]*value="06:30"/);
      if (field !== "language" && field !== "thankYouAfterScreening") {
        expect(html).toMatch(new RegExp(`id="${field}"[^>]*value="${changes[field].replace(".", "\\.")}"`));
      }
      const stored = await accountById(database(env.DB), me.id);
      expect(stored?.rules).toEqual({});
      expect(stored?.zone).toBe("Asia/Jakarta");
      expect(stored?.language).toBe("id");
      expect(await prepDue()).toBe("2025-12-05T09:00:00+07:00");
    });
  }

  it("escapes hostile values echoed back", async () => {
    const browser = await signedIn(ME);
    const csrf = await browser.formToken("/rules");
    const response = await browser.post(
      "/rules",
      form(csrf, {
        zone: '"><script>alert(1)</script>',
        workStart: "<img src=x onerror=alert(1)>",
        thankYouWithinHours: "javascript:alert(1)",
      }),
    );
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(errorOf(html, "workStart")).toContain("format HH:MM");
    expect(errorOf(html, "thankYouWithinHours")).toContain("angka bulat");
    expect(errorOf(html, "zone")).toBeDefined();
    expect(await storedRules(me.id)).toEqual({});
  });
});

describe("nonsense in the page's language", () => {
  // Text in a number, a number above its range, an hour that does not exist, and an end before the start.
  const nonsense = {
    thankYouWithinHours: "dua",
    secondFollowUpAfterDays: "99",
    digestTime: "25:99",
    workStart: "10:00",
    workEnd: "08:30",
  };
  const expected = {
    id: {
      thankYouWithinHours: "Isi angka bulat 1–168.",
      secondFollowUpAfterDays: "Isi angka bulat 1–90.",
      digestTime: "Tulis jam dalam format HH:MM (00:00–23:59), misalnya 09:00.",
      workEnd: "Jam selesai harus setelah jam mulai (10:00).",
      banner: "Ada isian yang perlu diperbaiki.",
    },
    en: {
      thankYouWithinHours: "Enter a whole number from 1 to 168.",
      secondFollowUpAfterDays: "Enter a whole number from 1 to 90.",
      digestTime: "Enter the time as HH:MM (00:00–23:59), for example 09:00.",
      workEnd: "The end must be after the start of working hours (10:00).",
      banner: "Some fields need fixing.",
    },
  };
  const who = [
    { lang: "id" as const, address: ME, account: () => me },
    { lang: "en" as const, address: "bob@example.org", account: () => bob },
  ];
  for (const { lang, address, account } of who) {
    it(`an ${lang} account gets ${lang} messages next to the right fields, 422, and nothing saved`, async () => {
      const browser = await signedIn(address);
      const csrf = await browser.formToken("/rules");
      const response = await browser.post("/rules", form(csrf, { ...nonsense, language: lang }));
      expect(response.status).toBe(422);
      const html = await response.text();
      const { banner, ...fields } = expected[lang];
      expect(html).toContain(banner);
      for (const [field, message] of Object.entries(fields)) expect(errorOf(html, field)).toBe(message);
      // The well-formed start, and every field not sent wrong, carry no message.
      for (const field of [...Object.keys(DEFAULT_RULES), "zone", "language"].filter((f) => !(f in fields))) {
        expect(errorOf(html, field)).toBeUndefined();
      }
      // No English schema words on the Indonesian page, none of the schema's keys on either.
      if (lang === "id") expect(html).not.toMatch(/whole number|must be|Too big|expected/);
      expect(html).not.toMatch(/must be after workStart|got "/);
      const stored = await accountById(database(env.DB), account().id);
      expect(stored?.rules).toEqual({});
      expect(stored?.language).toBe(lang);
      expect(await prepDue()).toBe("2025-12-05T09:00:00+07:00");
    });
  }

  it("names the range the rules accept: the number inputs' hint and error say the schema's bounds", async () => {
    const html = await (await (await signedIn(ME)).get("/rules")).text();
    const inputs = [...html.matchAll(/<input[^>]*inputmode="numeric"[^>]*>/g)].map((m) => m[0]);
    expect(inputs).toHaveLength(Object.values(DEFAULT_RULES).filter((v) => typeof v === "number").length);
    for (const input of inputs) {
      const key = /name="([^"]+)"/.exec(input)?.[1] ?? "";
      const [min, max] = (/placeholder="(\d+)–(\d+)"/.exec(input) ?? []).slice(1).map(Number);
      expect(parseRules({ [key]: min }).ok, `${key} ${min}`).toBe(true);
      expect(parseRules({ [key]: max }).ok, `${key} ${max}`).toBe(true);
      expect(parseRules({ [key]: min - 1 }).ok, `${key} ${min - 1}`).toBe(false);
      expect(parseRules({ [key]: max + 1 }).ok, `${key} ${max + 1}`).toBe(false);
    }
  });
});

describe("accounts", () => {
  it("one account never sees or changes another's rules", async () => {
    const mine = await signedIn(ME);
    const csrf = await mine.formToken("/rules");
    const saved = await mine.post("/rules", form(csrf, { workStart: "10:00", digestTime: "06:15" }));
    expect(saved.status).toBe(303);
    expect(await prepDue()).toBe("2025-12-05T10:00:00+07:00");

    const theirs = await signedIn("bob@example.org");
    const html = await (await theirs.get("/rules")).text();
    expect(html).toMatch(/id="workStart"[^>]*value="09:00"/);
    expect(html).not.toContain("06:15");

    const theirCsrf = await theirs.formToken("/rules");
    const theirSave = await theirs.post(
      "/rules",
      form(theirCsrf, { workStart: "08:00", zone: "Asia/Makassar" }),
    );
    expect(theirSave.status).toBe(303);
    const bobNow = await accountById(database(env.DB), bob.id);
    expect(bobNow?.rules).toMatchObject({ workStart: "08:00" });
    expect(bobNow?.zone).toBe("Asia/Makassar");
    const mineNow = await accountById(database(env.DB), me.id);
    expect(mineNow?.rules).toMatchObject({ workStart: "10:00", digestTime: "06:15" });
    expect(mineNow?.zone).toBe("Asia/Jakarta");
    // Bob's save replanned nothing of mine with his rules.
    expect(await prepDue()).toBe("2025-12-05T10:00:00+07:00");
    expect(await (await mine.get("/rules")).text()).toMatch(/id="workStart"[^>]*value="10:00"/);
  });
});

describe("an account with more applications than one request plans", () => {
  it("plans the newest 50 at once and the rest through the queue, and says so", async () => {
    const db = database(env.DB);
    const now = Date.now();
    for (let i = 0; i < 150; i++) {
      const app = await insertApplication(db, {
        accountId: me.id,
        company: `PT Antre ${i}`,
        createdAt: now,
        updatedAt: now,
      });
      await db.insert(interviews).values({
        applicationId: app.id,
        startAt: Date.parse("2025-12-15T03:00:00Z"),
        createdAt: now,
        updatedAt: now,
      });
      await replan(db, me, app.id, now);
    }
    const preps = async () =>
      (
        await db
          .select({ dueAt: reminders.dueAt })
          .from(reminders)
          .where(and(eq(reminders.kind, "prep"), ne(reminders.status, "cancelled")))
          .all()
      ).map((r) => isoInZone(r.dueAt, "Asia/Jakarta").slice(11, 16));
    expect(new Set(await preps())).toEqual(new Set(["09:00"]));

    const browser = await signedIn(ME);
    const response = await browser.post(
      "/rules",
      form(await browser.formToken("/rules"), { workStart: "10:00" }),
    );
    expect(response.headers.get("location")).toBe("/rules?saved=later");
    // The newest 50 are planned before the answer.
    const moved = (await preps()).filter((t) => t === "10:00").length;
    expect(moved).toBeGreaterThanOrEqual(50);
    expect(await (await browser.get("/rules?saved=later")).text()).toContain(
      "sisanya menyusul dalam satu menit",
    );
    // The queue's consumer (this Worker's) plans the other 101, a job of 50 at a time.
    await vi.waitFor(async () => expect(new Set(await preps())).toEqual(new Set(["10:00"])), {
      timeout: 15_000,
      interval: 200,
    });
    expect(await preps()).toHaveLength(151);
  });
});
