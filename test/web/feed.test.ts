// The calendar feed: the secret URL (made on /data, shown once, regenerable), the ICS it answers with, and text
// from strangers that must stay text (escaped, folded, unable to add properties or events).
import { env } from "cloudflare:workers";
import { and, eq, inArray } from "drizzle-orm";
import ICAL from "ical.js";
import { beforeEach, describe, expect, it } from "vitest";
import { database, insertApplication } from "../../src/db/queries";
import { accounts, applications, interviews, reminders } from "../../src/db/schema";
import { sha256Hex } from "../../src/web/crypto";
import { escapeText, foldLine, icsInstant } from "../../src/web/feed";
import { Browser } from "../helpers/browser";
import { ME } from "../helpers/email";
import { createBob, signedIn, startWithInvitation } from "../helpers/site";

const db = () => database(env.DB);
let browser: Browser;

beforeEach(async () => {
  await startWithInvitation();
  browser = await signedIn(ME);
});

/** Presses the button on /data and reads the URL shown once. */
async function makeFeed(): Promise<string> {
  const page = await browser.get("/data");
  expect(page.status).toBe(200);
  const response = await browser.post("/data/feed", { csrf: Browser.csrfOf(await page.text()) });
  expect(response.status).toBe(200);
  const m = /id="feed-url" value="([^"]+)"/.exec(await response.text());
  if (!m) throw new Error("no feed URL on the page");
  return new URL(m[1]).pathname;
}

async function feed(path: string): Promise<{ text: string; events: InstanceType<typeof ICAL.Event>[] }> {
  const response = await new Browser("192.0.2.50").get(path);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  const text = await response.text();
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
  expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("kabari");
  return { text, events: calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v)) };
}

async function theApplicationId(): Promise<number> {
  const [app] = await db().select().from(applications).all();
  return app.id;
}

describe("the secret URL", () => {
  it("answers 404 for unknown or malformed secrets, without a session", async () => {
    const anonymous = new Browser("192.0.2.51");
    expect((await anonymous.get(`/calendar/${"A".repeat(43)}.ics`)).status).toBe(404);
    expect((await anonymous.get("/calendar/short.ics")).status).toBe(404);
    expect((await anonymous.get("/calendar/.ics")).status).toBe(404);
  });

  it("stores only a hash, and regenerating makes the old URL 404", async () => {
    const first = await makeFeed();
    const secret = /\/calendar\/([A-Za-z0-9_-]{43})\.ics$/.exec(first)?.[1] ?? "";
    const [row] = await db().select().from(accounts).all();
    expect(row.feedSecretHash).toBe(await sha256Hex(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect((await new Browser().get(first)).status).toBe(200);
    // Shown once: the page afterwards does not carry it.
    expect(await (await browser.get("/data")).text()).not.toContain(secret);

    const second = await makeFeed();
    expect(second).not.toBe(first);
    expect((await new Browser().get(first)).status).toBe(404);
    expect((await new Browser().get(second)).status).toBe(200);
  });
});

describe("the calendar", () => {
  it("has the interview at the right instant and the pending follow-ups", async () => {
    const { text, events } = await feed(await makeFeed());
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain("\r\nMETHOD:PUBLISH\r\n");
    expect(text).toContain("\r\nCALSCALE:GREGORIAN\r\n");
    const interview = events.filter((e) => e.summary.startsWith("Interview "));
    expect(interview).toHaveLength(1);
    expect(interview[0].summary).toMatch(/^Interview PT Sinar Jaya Digital — /);
    expect(interview[0].startDate.toJSDate().toISOString()).toBe("2025-12-08T03:00:00.000Z");
    expect(text).toMatch(/\r\nDTSTART:20251208T030000Z\r\n/);
    const [row] = await db().select().from(interviews).all();
    expect(interview[0].uid).toBe(`interview-${row.id}@kabari.test`);

    const due = await db()
      .select()
      .from(reminders)
      .where(
        and(
          eq(reminders.status, "pending"),
          inArray(reminders.kind, ["follow_up_1", "follow_up_2", "thank_you"]),
        ),
      )
      .all();
    expect(due.length).toBeGreaterThan(0);
    const others = events.filter((e) => !e.summary.startsWith("Interview "));
    expect(others.map((e) => e.uid).sort()).toEqual(due.map((r) => `reminder-${r.id}@kabari.test`).sort());
    for (const r of due) {
      const event = others.find((e) => e.uid === `reminder-${r.id}@kabari.test`);
      expect(event?.startDate.toJSDate().getTime()).toBe(r.dueAt);
    }
  });

  it("never shows another account's interviews", async () => {
    const bob = await createBob();
    const app = await insertApplication(db(), {
      accountId: bob.id,
      company: "Bob's Secret Employer",
      position: "Engineer",
      createdAt: Date.now(),
      updatedAt: Date.now(),
    });
    const at = Date.UTC(2025, 11, 10, 2);
    await db()
      .insert(interviews)
      .values({ applicationId: app.id, startAt: at, createdAt: at, updatedAt: at });
    const { text, events } = await feed(await makeFeed());
    expect(text).not.toContain("Bob");
    expect(events.filter((e) => e.summary.startsWith("Interview "))).toHaveLength(1);
  });

  it("leaves out cancelled interviews", async () => {
    await db().update(interviews).set({ status: "cancelled" });
    const { events } = await feed(await makeFeed());
    expect(events.filter((e) => e.summary.startsWith("Interview "))).toHaveLength(0);
  });

  it("escapes hostile text so that it stays inside its property", async () => {
    const company = 'Evil, Inc.; "x" \\ done\r\nATTENDEE:mailto:a@evil.example\nEND:VEVENT\rBEGIN:VEVENT';
    const interviewer = "Bu Rina\r\nLOCATION:https://evil.example";
    await db()
      .update(applications)
      .set({ company })
      .where(eq(applications.id, await theApplicationId()));
    await db().update(interviews).set({ interviewer, meetingUrl: "https://meet.example/x;y,z\r\nX-EVIL:1" });
    const { text, events } = await feed(await makeFeed());
    const interview = events.filter((e) => e.summary.startsWith("Interview "));
    expect(interview).toHaveLength(1);
    expect(interview[0].summary.startsWith(`Interview ${company.replace(/\r\n|\r/g, "\n")}`)).toBe(true);
    expect(interview[0].description).toBe("Interviewer: Bu Rina\nLOCATION:https://evil.example");
    expect(interview[0].location).toBe("https://meet.example/x;y,z\nX-EVIL:1");
    expect(interview[0].attendees).toHaveLength(0);
    expect(text).toContain('Evil\\, Inc.\\; "x" \\\\ done\\n');
    for (const line of text.split("\r\n")) {
      expect(line).not.toMatch(/^(ATTENDEE|X-EVIL)/);
      expect(line.includes("\r") || line.includes("\n")).toBe(false);
    }
    const reminderCount = (await db().select().from(reminders).all()).filter(
      (r) => r.status === "pending" && /^(follow_up|thank_you)/.test(r.kind),
    ).length;
    expect(events).toHaveLength(1 + reminderCount);
  });

  it("folds long lines at 75 octets without splitting a character", async () => {
    const company = "Perusahaan Ñusantara Ümum 日本語テキスト ".repeat(6).trim();
    await db()
      .update(applications)
      .set({ company })
      .where(eq(applications.id, await theApplicationId()));
    const { text, events } = await feed(await makeFeed());
    const lines = text.split("\r\n");
    expect(lines.some((l) => l.startsWith(" "))).toBe(true);
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const interview = events.find((e) => e.summary.startsWith("Interview "));
    expect(interview?.summary.startsWith(`Interview ${company} — `)).toBe(true);
  });
});

describe("the pieces of a feed", () => {
  it("writes instants as UTC basic format", () => {
    expect(icsInstant(Date.parse("2025-12-08T03:00:00Z"))).toBe("20251208T030000Z");
    expect(icsInstant(Date.parse("2026-01-02T23:59:59.999Z"))).toBe("20260102T235959Z");
  });

  it("leaves plain text alone, escapes the specials and drops every control character", () => {
    const plain = "Interview PT Sinar Jaya — Product Analyst";
    expect(escapeText(plain)).toBe(plain);
    expect(escapeText("a;b,c\\d\r\ne\u2028f")).toBe("a\\;b\\,c\\\\d\\ne\\nf");
    expect(escapeText("x\u0007y\u007fz\u0085w\tv")).toBe("xyzwv");
  });

  it("folds at 75 octets, counting 2-, 3- and 4-octet characters", () => {
    const short = "SUMMARY:Interview";
    expect(foldLine(short)).toBe(short);
    for (const char of ["é", "—", "😀"]) {
      const folded = foldLine(`SUMMARY:${char.repeat(60)}`);
      for (const part of folded.split("\r\n")) {
        expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
      }
      expect(folded.replaceAll("\r\n ", "")).toBe(`SUMMARY:${char.repeat(60)}`);
    }
  });
});
