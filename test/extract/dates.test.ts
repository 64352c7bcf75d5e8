// The date and promise forms chrono-node misses on its own, and the rules the corpus labels follow.
import { describe, expect, it } from "vitest";
import { findPromises } from "../../src/extract/promise";
import type { Kind, Language } from "../../src/extract/types";
import { readPasted } from "../../src/extract/whatsapp";
import { findDuration, findMoments, newReading } from "../../src/extract/when";
import { isoInZone } from "../../src/extract/zone";
import { defaultCalendar } from "../../src/plan/calendar";

const ZONE = "Asia/Jakarta";
// Monday 1 December 2025, 09:00 WIB
const MONDAY = Date.parse("2025-12-01T09:00:00+07:00");

function firstMoment(text: string, lang: Language = "id", dayFirst = true) {
  const m = findMoments(text, MONDAY, newReading(ZONE, lang, dayFirst)).find((x) => x.hasDay && x.hasTime);
  return m ? { start: isoInZone(m.start, ZONE), end: m.end === null ? null : isoInZone(m.end, ZONE) } : null;
}

describe("dates and times in text", () => {
  it.each([
    ["Rabu (3/12) pk. 13.30", "2025-12-03T13:30:00+07:00", null],
    ["Tanggal : 05/12/2025\nWaktu   : jam 09:00 s/d selesai", "2025-12-05T09:00:00+07:00", null],
    ["Kamis, 4 Desember 2025 pkl 09:00", "2025-12-04T09:00:00+07:00", null],
    [
      "Jumat, 5 Desember 2025\nPukul : 10.00 - 11.00 WIB",
      "2025-12-05T10:00:00+07:00",
      "2025-12-05T11:00:00+07:00",
    ],
    ["besok jam 2 siang", "2025-12-02T14:00:00+07:00", null],
    ["lusa setengah tiga sore", "2025-12-03T14:30:00+07:00", null],
    ["hari ini pukul 15.30 WIB", "2025-12-01T15:30:00+07:00", null],
    ["Kamis, 4 Des pukul 10.00 WITA", "2025-12-04T10:00:00+08:00", null],
    ["Selasa, 9 Desember 2025 pukul 13.00 WIT", "2025-12-09T13:00:00+09:00", null],
    ["Jumat depan jam 10", "2025-12-12T10:00:00+07:00", null],
    ["12 Januari jam 10.00", "2026-01-12T10:00:00+07:00", null],
  ])("%s", (text, start, end) => {
    const m = firstMoment(text);
    expect(Date.parse(m?.start ?? "")).toBe(Date.parse(start));
    expect(m?.end == null ? null : Date.parse(m.end)).toBe(end === null ? null : Date.parse(end));
  });

  it.each([
    ["Tuesday, December 9 at 2:00 PM EST", "2025-12-09T14:00:00-05:00"],
    ["Dec 9, 2025, 10:00–10:45 AM PT", "2025-12-09T10:00:00-08:00"],
    ["Thursday 11 December at 1pm AEDT", "2025-12-11T13:00:00+11:00"],
    ["9:00 AM on Tuesday, December 16, 2025 (GMT+07:00)", "2025-12-16T09:00:00+07:00"],
    ["tomorrow at 3pm", "2025-12-02T15:00:00+07:00"],
    ["Monday, 8 December at 10:00 SGT", "2025-12-08T10:00:00+08:00"],
  ])("%s", (text, start) => {
    expect(Date.parse(firstMoment(text, "en")?.start ?? "")).toBe(Date.parse(start));
  });

  it("reads numeric dates day first, and month first for American mail", () => {
    expect(firstMoment("on 9/12/2025 at 10:00", "en", true)?.start).toBe("2025-12-09T10:00:00+07:00");
    expect(firstMoment("on 9/12/2025 at 10:00", "en", false)?.start).toBe("2025-09-12T10:00:00+07:00");
    expect(firstMoment("on 13/12/2025 at 10:00", "en", false)?.start).toBe("2025-12-13T10:00:00+07:00");
  });

  it("does not take a phone number, a price or a length of time for a moment", () => {
    expect(firstMoment("Telp. (021) 4608-2231, gaji Rp 9.500.000")).toBeNull();
    expect(findMoments("kami kabari dalam 2 hari", MONDAY, newReading(ZONE, "id"))).toEqual([]);
  });

  it("marks a past day as past", () => {
    const [m] = findMoments("interview pada Senin lalu", MONDAY, newReading(ZONE, "id"));
    expect(m?.past).toBe(true);
  });

  it.each([
    ["It'll take about 45 minutes", 45],
    ["a 60-minute interview", 60],
    ["selama 90 menit", 90],
    ["Mohon hadir 15 menit sebelum jadwal", null],
    ["no length given", null],
  ])("duration in %s", (text, minutes) => {
    expect(findDuration(text)).toBe(minutes);
  });
});

function promises(text: string, kind: Kind = "invitation", interview: number | null = null) {
  const p = findPromises(text, {
    kind,
    reading: newReading(ZONE, /\b(the|we|you)\b/i.test(text) ? "en" : "id"),
    zone: ZONE,
    calendar: defaultCalendar,
    written: MONDAY,
    interview,
  });
  return {
    respondBy: p.respondBy?.date ?? null,
    dueBy: p.dueBy?.date ?? null,
    rule: p.respondBy?.rule ?? p.dueBy?.rule,
  };
}

describe("promises and deadlines", () => {
  const friday = Date.parse("2025-12-19T10:00:00+07:00");
  it.each([
    ["Keputusan akan kami sampaikan selambat-lambatnya tanggal 12 Desember 2025.", "2025-12-12"],
    ["Hasil interview akan kami informasikan paling lambat 3 hari kerja.", "2025-12-04"],
    ["Kami akan mengabari Anda kembali dalam waktu satu minggu.", "2025-12-08"],
    ["Hasilnya kami kabari 2x24 jam.", "2025-12-03"],
    ["You can expect to hear back from us within 5 business days.", "2025-12-08"],
    ["We expect to get back to you by end of next week.", "2025-12-12"],
    ["We will let you know by December 12.", "2025-12-12"],
    ["Hasilnya kami kabari paling lambat Jumat depan ya", "2025-12-12"],
    ["Kami akan menghubungi Anda dalam waktu dekat.", null],
    ["We'll be in touch soon.", null],
  ])("%s", (text, respondBy) => {
    expect(promises(text).respondBy).toBe(respondBy);
  });

  it("counts business days after the interview, skipping Christmas and cuti bersama", () => {
    const p = promises(
      "Hasil interview akan kami informasikan paling lambat 7 hari kerja setelah interview.",
      "invitation",
      friday,
    );
    expect(p.respondBy).toBe("2026-01-02");
    expect(p.rule).toMatchObject({
      from: "interview",
      fromDate: "2025-12-19",
      amount: 7,
      unit: "business_days",
    });
  });

  it("keeps the candidate's own deadline apart from the company's promise", () => {
    const p = promises(
      "Kirimkan hasil pekerjaan Anda paling lambat Kamis, 4 Desember 2025 pukul 23.59 WIB. Hasilnya akan kami kabari dalam 3 hari kerja.",
      "assignment",
    );
    expect(p).toMatchObject({ dueBy: "2025-12-04", respondBy: "2025-12-04" });
  });
});

describe("text pasted from WhatsApp", () => {
  it.each([
    ["[09.12, 1/12/2025] Kak Rina: Halo", "2025-12-01T09:12:00+07:00", "Kak Rina"],
    ["[1/12, 09.12] Kak Rina: Halo", "2025-12-01T09:12:00+07:00", "Kak Rina"],
    ["[2:47 PM, 11/28/2025] Rina: Hello", "2025-11-28T14:47:00+07:00", "Rina"],
    ["30/11/25 18.00 - Rina: Halo", "2025-11-30T18:00:00+07:00", "Rina"],
    ["[30/11/25 18.00.05] Rina: Halo", "2025-11-30T18:00:00+07:00", "Rina"],
  ])("%s", (line, at, author) => {
    const [m] = readPasted(line, MONDAY, ZONE);
    expect(m && isoInZone(m.at ?? 0, ZONE)).toBe(at);
    expect(m?.author).toBe(author);
  });

  it("joins continuation lines and keeps a message without a prefix", () => {
    const messages = readPasted("Halo Kak\n[09.12, 1/12/2025] Rina: baris satu\nbaris dua", MONDAY, ZONE);
    expect(messages.map((m) => m.text)).toEqual(["Halo Kak", "baris satu\nbaris dua"]);
    expect(messages[0]?.at).toBeNull();
  });

  it("puts a yearless date after the paste in the year before", () => {
    const [m] = readPasted("[28/12, 10.00] Rina: Halo", MONDAY, ZONE);
    expect(isoInZone(m?.at ?? 0, ZONE)).toBe("2024-12-28T10:00:00+07:00");
  });
});
