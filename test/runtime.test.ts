// The parsing libraries must load and work inside workerd without nodejs_compat.
import { TZDate } from "@date-fns/tz";
import * as chronoId from "chrono-node/id";
import ICAL from "ical.js";
import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import { findIana } from "windows-iana";
import * as z from "zod/mini";

describe("runtime dependencies in workerd", () => {
  it("chrono-node reads an Indonesian date", () => {
    const [result] = chronoId.parse("Senin, 24 November 2025 pukul 10.00 WIB");
    expect(result?.start.date().toISOString()).toBe("2025-11-24T03:00:00.000Z");
  });

  it("postal-mime parses a message", async () => {
    const email = await PostalMime.parse(
      "From: hr@company.example\r\nSubject: =?UTF-8?B?VW5kYW5nYW4gd2F3YW5jYXJh?=\r\n\r\nHalo\r\n",
    );
    expect(email.subject).toBe("Undangan wawancara");
    expect(email.text?.trim()).toBe("Halo");
  });

  it("ical.js reads an event", () => {
    const ics = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "BEGIN:VEVENT",
      "UID:1",
      "DTSTART:20251124T030000Z",
      "SUMMARY:Interview",
      "END:VEVENT",
      "END:VCALENDAR",
    ].join("\r\n");
    const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent");
    if (!vevent) throw new Error("no VEVENT");
    const event = new ICAL.Event(vevent);
    expect(event.summary).toBe("Interview");
    expect(event.startDate.toJSDate().toISOString()).toBe("2025-11-24T03:00:00.000Z");
  });

  it("windows-iana, @date-fns/tz and zod/mini work", () => {
    expect(findIana("SE Asia Standard Time", "ID")).toContain("Asia/Jakarta");
    expect(new TZDate(Date.UTC(2025, 10, 24, 3), "Asia/Jakarta").getHours()).toBe(10);
    expect(z.parse(z.email(), "you@example.com")).toBe("you@example.com");
  });
});
