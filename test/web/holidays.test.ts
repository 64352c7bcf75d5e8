// The holidays page: the shipped lists with their source, and a person's own days off and removals, which the
// planner follows at once.
import { env } from "cloudflare:workers";
import { and, eq, ne } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { type Account, database } from "../../src/db/queries";
import { accountHolidays, reminders } from "../../src/db/schema";
import { dateInZone, isoInZone } from "../../src/extract/zone";
import { indonesianHolidays, personalCalendar } from "../../src/plan/calendar";
import y2025 from "../../src/plan/holidays/id-2025.json";
import y2026 from "../../src/plan/holidays/id-2026.json";
import y2027 from "../../src/plan/holidays/id-2027.json";
import { Browser } from "../helpers/browser";
import { ME } from "../helpers/email";
import { createBob, signedIn, startWithInvitation } from "../helpers/site";

let me: Account;
let bob: Account;

beforeEach(async () => {
  me = await startWithInvitation();
  bob = await createBob();
});

function errorOf(html: string, field: string): string | undefined {
  return new RegExp(`id="${field}-error"[^>]*>([^<]*)<`).exec(html)?.[1];
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

async function ownOf(accountId: number) {
  return database(env.DB)
    .select({ date: accountHolidays.date, name: accountHolidays.name, change: accountHolidays.change })
    .from(accountHolidays)
    .where(eq(accountHolidays.accountId, accountId))
    .all();
}

describe("without a session", () => {
  it("sends a GET to /login and refuses every POST with 401", async () => {
    const browser = new Browser();
    const page = await browser.get("/holidays");
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/login?next=%2Fholidays");
    const csrf = await browser.formToken();
    for (const path of ["/holidays/add", "/holidays/remove", "/holidays/undo"]) {
      const response = await browser.post(path, { csrf, date: "2026-12-24", name: "Libur" });
      expect(response.status).toBe(401);
    }
    expect(await ownOf(me.id)).toEqual([]);
  });
});

describe("the list", () => {
  it("shows this year's and next year's holidays with kind and source, and flags an unchecked year", async () => {
    const browser = await signedIn(ME);
    const response = await browser.get("/holidays");
    expect(response.status).toBe(200);
    const html = await response.text();
    const year = Number(dateInZone(Date.now(), "Asia/Jakarta").slice(0, 4));
    const files = [y2025, y2026, y2027];
    for (const y of [year, year + 1]) {
      expect(html).toContain(`<h2>${y}</h2>`);
      const file = files.find((f) => f.year === y);
      if (file) expect(html).toContain(file.source.slice(0, 60));
      const first = indonesianHolidays().find((h) => h.date.startsWith(`${y}-`));
      if (first) expect(html).toContain(`<time datetime="${first.date}">${first.date}</time> ${first.name}`);
    }
    const unchecked = files.some((f) => (f.year === year || f.year === year + 1) && !f.checked);
    expect(html.includes("belum dicek dengan SKB resminya")).toBe(unchecked);
    expect(html).toContain("libur nasional");
    expect(html).toContain("cuti bersama");
    // The year before is not listed.
    expect(html).not.toContain(`<h2>${year - 1}</h2>`);
  });
});

describe("own changes", () => {
  it("adds a day off of your own that the planner then avoids, and undoes it", async () => {
    const browser = await signedIn(ME);
    expect(await prepDue()).toBe("2025-12-05T09:00:00+07:00");
    const csrf = await browser.formToken("/holidays");
    const added = await browser.post("/holidays/add", { csrf, date: " 2025-12-05 ", name: " Cuti pribadi " });
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe("/holidays");
    expect(await ownOf(me.id)).toEqual([{ date: "2025-12-05", name: "Cuti pribadi", change: "added" }]);
    // Fri 5 Dec is now a day off: the preparation moves to Thursday.
    expect(await prepDue()).toBe("2025-12-04T09:00:00+07:00");
    const html = await (await browser.get("/holidays")).text();
    expect(html).toContain('<time datetime="2025-12-05">2025-12-05</time> Cuti pribadi');
    expect(html).toMatch(/action="\/holidays\/undo"[\s\S]*?name="date" value="2025-12-05"/);

    const undone = await browser.post("/holidays/undo", { csrf, date: "2025-12-05" });
    expect(undone.status).toBe(303);
    expect(await ownOf(me.id)).toEqual([]);
    expect(await prepDue()).toBe("2025-12-05T09:00:00+07:00");
    expect(await (await browser.get("/holidays")).text()).not.toContain("Cuti pribadi");
  });

  it("removes a shipped holiday for you only, and undoes it", async () => {
    const browser = await signedIn(ME);
    const year = Number(dateInZone(Date.now(), "Asia/Jakarta").slice(0, 4));
    const day = indonesianHolidays().find((h) => h.date.startsWith(`${year}-`) && h.kind === "national");
    if (!day) throw new Error(`no shipped national holiday in ${year}`);
    const csrf = await browser.formToken("/holidays");
    const removed = await browser.post("/holidays/remove", { csrf, date: day.date });
    expect(removed.status).toBe(303);
    const own = await ownOf(me.id);
    expect(own).toEqual([{ date: day.date, name: day.name, change: "removed" }]);
    expect(personalCalendar(own).holidayOn(day.date)).toBeUndefined();
    expect(personalCalendar([]).holidayOn(day.date)).toBeDefined();
    const html = await (await browser.get("/holidays")).text();
    expect(html).toContain("dihapus: hari kerja bagi Anda");
    // Bob still has it.
    expect(await ownOf(bob.id)).toEqual([]);

    expect((await browser.post("/holidays/undo", { csrf, date: day.date })).status).toBe(303);
    expect(await ownOf(me.id)).toEqual([]);
    expect(await (await browser.get("/holidays")).text()).not.toContain("dihapus: hari kerja bagi Anda");
  });

  it("refuses to remove a day that is not a shipped holiday (422)", async () => {
    const browser = await signedIn(ME);
    const csrf = await browser.formToken("/holidays");
    const response = await browser.post("/holidays/remove", { csrf, date: "2026-06-02" });
    expect(response.status).toBe(422);
    expect(errorOf(await response.text(), "date")).toContain("bukan hari libur di daftar resmi");
    expect(await ownOf(me.id)).toEqual([]);
  });

  it("refuses a change without the form token (403)", async () => {
    const browser = await signedIn(ME);
    await browser.get("/holidays");
    const response = await browser.post("/holidays/add", { date: "2025-12-05", name: "Cuti" });
    expect(response.status).toBe(403);
    const wrong = await browser.post("/holidays/add", {
      csrf: "A".repeat(43),
      date: "2025-12-05",
      name: "Cuti",
    });
    expect(wrong.status).toBe(403);
    expect(await ownOf(me.id)).toEqual([]);
    expect(await prepDue()).toBe("2025-12-05T09:00:00+07:00");
  });
});

describe("nonsense", () => {
  const cases: [string, Record<string, string>, string, string][] = [
    ["a date that does not exist", { date: "2026-02-30", name: "Libur" }, "date", "Tulis tanggal yang ada"],
    ["a date in another format", { date: "24/12/2026", name: "Libur" }, "date", "Tulis tanggal yang ada"],
    ["an empty name", { date: "2026-12-24", name: "   " }, "name", "1–80"],
    ["a name too long", { date: "2026-12-24", name: "x".repeat(81) }, "name", "1–80"],
  ];
  for (const [what, fields, field, message] of cases) {
    it(`answers ${what} with 422 and the message next to the field, saving nothing`, async () => {
      const browser = await signedIn(ME);
      const csrf = await browser.formToken("/holidays");
      const response = await browser.post("/holidays/add", { csrf, ...fields });
      expect(response.status).toBe(422);
      const html = await response.text();
      expect(errorOf(html, field)).toContain(message);
      expect(errorOf(html, field === "date" ? "name" : "date")).toBeUndefined();
      expect(html).toMatch(new RegExp(`id="date"[^>]*value="${fields.date}"`));
      expect(await ownOf(me.id)).toEqual([]);
    });
  }

  it("escapes hostile names and dates", async () => {
    const browser = await signedIn(ME);
    const csrf = await browser.formToken("/holidays");
    const bad = await browser.post("/holidays/add", { csrf, date: '"><script>alert(1)</script>', name: "x" });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).not.toContain("<script>");
    expect(badHtml).toContain("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");

    const name = "<img src=x onerror=alert(1)>";
    expect((await browser.post("/holidays/add", { csrf, date: "2026-12-24", name })).status).toBe(303);
    const html = await (await browser.get("/holidays")).text();
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});

describe("accounts", () => {
  it("one account never sees or changes another's holidays", async () => {
    const mine = await signedIn(ME);
    const csrf = await mine.formToken("/holidays");
    expect((await mine.post("/holidays/add", { csrf, date: "2025-12-05", name: "Hari saya" })).status).toBe(
      303,
    );

    const theirs = await signedIn("bob@example.org");
    const html = await (await theirs.get("/holidays")).text();
    expect(html).not.toContain("Hari saya");
    expect(html).toContain("Add a day off of your own");
    const theirCsrf = await theirs.formToken("/holidays");
    // Undoing my day from Bob's session touches only Bob's (empty) list.
    expect((await theirs.post("/holidays/undo", { csrf: theirCsrf, date: "2025-12-05" })).status).toBe(303);
    expect(await ownOf(me.id)).toEqual([{ date: "2025-12-05", name: "Hari saya", change: "added" }]);
    // Bob's own day is his alone, and does not move my reminders.
    expect(
      (await theirs.post("/holidays/add", { csrf: theirCsrf, date: "2025-12-04", name: "Bob's day" })).status,
    ).toBe(303);
    expect(await ownOf(bob.id)).toEqual([{ date: "2025-12-04", name: "Bob's day", change: "added" }]);
    expect(await ownOf(me.id)).toHaveLength(1);
    expect(await prepDue()).toBe("2025-12-04T09:00:00+07:00");
    expect(await (await mine.get("/holidays")).text()).not.toContain("Bob");
  });
});
