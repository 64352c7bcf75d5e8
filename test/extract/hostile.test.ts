// Strangers write these emails: whatever arrives, extraction answers and never throws.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extract, extractPasted } from "../../src/extract";
import { parseMail } from "../../src/mail/parse";
import { defaultCalendar } from "../../src/plan/calendar";

const options = {
  zone: "Asia/Jakarta",
  now: Date.parse("2025-12-01T09:00:00+07:00"),
  calendar: defaultCalendar,
};
const fixtures = Object.values(
  import.meta.glob<string>("../fixtures/corpus/*/*.{eml,txt}", {
    query: "?raw",
    import: "default",
    eager: true,
  }),
);

const dateWords = fc.constantFrom(
  "Senin, 1 Desember 2025",
  "pukul 10.00 WIB",
  "jam 2 siang",
  "besok",
  "Jumat depan",
  "12/12/2025",
  "10.00 - 11.00",
  "paling lambat",
  "dalam 3 hari kerja",
  "2x24 jam",
  "---------- Forwarded message ---------\nFrom: A <a@b.c>\nDate: Mon, Dec 1, 2025 at 10:00 AM\nSubject: x\n",
  "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=Nowhere:2025\n",
  "=?UTF-8?B?",
  "PT ",
  "\n> ",
  "\u0000",
  "\ud800",
);
const hostileText = fc
  .array(fc.oneof(fc.string({ maxLength: 40 }), dateWords), { maxLength: 60 })
  .map((parts) => parts.join(" "));

/** A fixture with a slice cut out, a slice repeated, or hostile text spliced in. */
const mutatedFixture = fc
  .tuple(
    fc.constantFrom(...fixtures),
    fc.nat(),
    fc.nat(),
    hostileText,
    fc.constantFrom("cut", "repeat", "splice"),
  )
  .map(([text, a, b, noise, how]) => {
    const i = a % (text.length + 1);
    const j = i + (b % 400);
    if (how === "cut") return text.slice(0, i) + text.slice(j);
    if (how === "repeat") return text.slice(0, j) + text.slice(i, j).repeat(3) + text.slice(j);
    return text.slice(0, i) + noise + text.slice(i);
  });

describe("hostile input", () => {
  it("extract answers for mutated fixtures", async () => {
    await fc.assert(
      fc.asyncProperty(mutatedFixture, async (text) => {
        let mail: Awaited<ReturnType<typeof parseMail>>;
        try {
          mail = await parseMail(text);
        } catch {
          return; // the inbound path keeps unparseable mail for review; extraction never sees it
        }
        const facts = extract(mail, options);
        expect(facts.kind).toMatch(/^[a-z]+$/);
      }),
      { numRuns: 150 },
    );
  });

  it("pasted text of any shape gives facts", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const facts = extractPasted(text, options);
        expect(facts.kind).toMatch(/^[a-z]+$/);
        if (facts.interview) expect(Date.parse(facts.interview.start)).not.toBeNaN();
      }),
      { numRuns: 300 },
    );
  });

  it("reads a date buried in a megabyte of date-like noise without backtracking", () => {
    const noise = "1234567890 12/12/2025 12.30 Senin Desember pukul ".repeat(20000);
    const facts = extractPasted(
      `Interview Kamis, 4 Desember 2025 pukul 10.00 WIB di PT Contoh Jaya\n${noise}`,
      options,
    );
    expect(facts.interview?.start).toBe("2025-12-04T10:00:00+07:00");
  });
});
