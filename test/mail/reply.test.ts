import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import type { Facts, Kind } from "../../src/extract/types";
import { acknowledgement, buildReply, headerSafe, type Understood } from "../../src/mail/reply";

const MITRA = { company: "PT Mitra Logistik Prima", position: "Staff Accounting" };

function facts(kind: Kind, over: Partial<Facts> = {}): Facts {
  return {
    kind,
    language: "id",
    company: MITRA.company,
    position: MITRA.position,
    interviewer: null,
    stage: null,
    interview: null,
    respondBy: null,
    respondByRule: null,
    dueBy: null,
    dueByRule: null,
    pastInterview: null,
    contact: null,
    original: null,
    confidence: { kind: 1, company: 1, position: 1, interviewer: 1, interview: 1, respondBy: 1, dueBy: 1 },
    ...over,
  };
}

function at(start: string): Partial<Facts> {
  return { interview: { start, end: null, zone: null, meetingUrl: null, place: null } };
}

interface LineCase {
  name: string;
  zone: string;
  understood: Understood;
  id: string;
  en: string;
}

const understood = (
  f: Facts | null,
  followUp: number | null = null,
  review: string | null = null,
): Understood => ({
  facts: f,
  review,
  followUp: followUp === null ? null : { at: followUp },
});

const lines: LineCase[] = [
  {
    name: "invitation in Jakarta with a follow-up",
    zone: "Asia/Jakarta",
    understood: understood(facts("invitation", at("2025-12-05T09:00:00+07:00")), Date.UTC(2025, 11, 10, 2)),
    id: "Interview PT Mitra Logistik Prima (Staff Accounting), Jumat 5 Des 2025 09.00 WIB; follow-up direncanakan Rabu 10 Des.",
    en: "Interview PT Mitra Logistik Prima (Staff Accounting), Fri 5 Dec 2025, 09:00 WIB; follow-up planned for Wed 10 Dec.",
  },
  {
    name: "confirmation written in WIB, read in Makassar",
    zone: "Asia/Makassar",
    understood: understood(facts("confirmation", at("2025-12-02T10:00:00+07:00"))),
    id: "Interview PT Mitra Logistik Prima (Staff Accounting) dikonfirmasi, Selasa 2 Des 2025 11.00 WITA.",
    en: "Interview PT Mitra Logistik Prima (Staff Accounting) confirmed, Tue 2 Dec 2025, 11:00 WITA.",
  },
  {
    name: "reschedule read in New York, the day before",
    zone: "America/New_York",
    understood: understood(
      facts("reschedule", {
        company: "Acme Corp",
        position: "Data Analyst",
        ...at("2025-12-02T10:00:00+07:00"),
      }),
      Date.UTC(2025, 11, 9, 14),
    ),
    id: "Interview Acme Corp (Data Analyst) dijadwalkan ulang ke Senin 1 Des 2025 22.00 EST; follow-up direncanakan Selasa 9 Des.",
    en: "Interview Acme Corp (Data Analyst) rescheduled to Mon 1 Dec 2025, 22:00 EST; follow-up planned for Tue 9 Dec.",
  },
  {
    name: "invitation in New York summer time",
    zone: "America/New_York",
    understood: understood(
      facts("invitation", { company: "Acme Corp", position: null, ...at("2025-07-15T14:00:00Z") }),
    ),
    id: "Interview Acme Corp, Selasa 15 Jul 2025 10.00 EDT.",
    en: "Interview Acme Corp, Tue 15 Jul 2025, 10:00 EDT.",
  },
  {
    name: "follow-up in the next year shows its year",
    zone: "Asia/Jakarta",
    understood: understood(facts("invitation", at("2025-12-30T14:30:00+07:00")), Date.UTC(2026, 0, 6, 2)),
    id: "Interview PT Mitra Logistik Prima (Staff Accounting), Selasa 30 Des 2025 14.30 WIB; follow-up direncanakan Selasa 6 Jan 2026.",
    en: "Interview PT Mitra Logistik Prima (Staff Accounting), Tue 30 Dec 2025, 14:30 WIB; follow-up planned for Tue 6 Jan 2026.",
  },
  {
    name: "invitation whose time could not be read",
    zone: "Asia/Jakarta",
    understood: understood(facts("invitation", { position: null, ...at("besok pagi") })),
    id: "Interview PT Mitra Logistik Prima, waktunya belum terbaca.",
    en: "Interview PT Mitra Logistik Prima, time not found.",
  },
  {
    name: "reschedule without a new time",
    zone: "Asia/Jakarta",
    understood: understood(facts("reschedule", { company: null })),
    id: "Interview Staff Accounting dijadwalkan ulang; waktunya belum terbaca.",
    en: "Interview Staff Accounting rescheduled; time not found.",
  },
  {
    name: "cancellation names the slot",
    zone: "Asia/Jayapura",
    understood: understood(facts("cancellation", at("2025-12-05T09:00:00+07:00"))),
    id: "Interview PT Mitra Logistik Prima (Staff Accounting) pada Jumat 5 Des 2025 11.00 WIT dibatalkan.",
    en: "Interview PT Mitra Logistik Prima (Staff Accounting) on Fri 5 Dec 2025, 11:00 WIT cancelled.",
  },
  {
    name: "cancellation without company or time",
    zone: "Asia/Jakarta",
    understood: understood(facts("cancellation", { company: null, position: null })),
    id: "Interview dibatalkan.",
    en: "Interview cancelled.",
  },
  {
    name: "rejection",
    zone: "Asia/Makassar",
    understood: understood(facts("rejection", at("2025-12-05T09:00:00+07:00"))),
    id: "Ditolak oleh PT Mitra Logistik Prima (Staff Accounting).",
    en: "Rejected by PT Mitra Logistik Prima (Staff Accounting).",
  },
  {
    name: "rejection from nobody named",
    zone: "Asia/Makassar",
    understood: understood(facts("rejection", { company: null, position: null })),
    id: "Lamaran ditolak.",
    en: "Application rejected.",
  },
  {
    name: "offer with an acceptance deadline (the interview's date does not take the year)",
    zone: "Asia/Jakarta",
    understood: understood(facts("offer", { dueBy: "2025-12-12", ...at("2025-12-05T09:00:00+07:00") })),
    id: "Tawaran kerja dari PT Mitra Logistik Prima (Staff Accounting); jawab paling lambat Jumat 12 Des 2025.",
    en: "Job offer from PT Mitra Logistik Prima (Staff Accounting); reply by Fri 12 Dec 2025.",
  },
  {
    name: "offer without a deadline",
    zone: "America/New_York",
    understood: understood(facts("offer", { company: "Acme Corp", position: null })),
    id: "Tawaran kerja dari Acme Corp.",
    en: "Job offer from Acme Corp.",
  },
  {
    name: "deferral with a promised date and a follow-up after it",
    zone: "Asia/Jakarta",
    understood: understood(facts("deferral", { respondBy: "2025-12-10" }), Date.UTC(2025, 11, 11, 2)),
    id: "Keputusan dari PT Mitra Logistik Prima (Staff Accounting) dijanjikan paling lambat Rabu 10 Des 2025; follow-up direncanakan Kamis 11 Des.",
    en: "Decision from PT Mitra Logistik Prima (Staff Accounting) promised by Wed 10 Dec 2025; follow-up planned for Thu 11 Dec.",
  },
  {
    name: "deferral without a date",
    zone: "Asia/Jakarta",
    understood: understood(facts("deferral", { respondBy: "2025-02-30" })),
    id: "Keputusan dari PT Mitra Logistik Prima (Staff Accounting) ditunda; belum ada tanggal.",
    en: "Decision from PT Mitra Logistik Prima (Staff Accounting) delayed; no date given.",
  },
  {
    name: "assignment with a deadline",
    zone: "Asia/Makassar",
    understood: understood(facts("assignment", { dueBy: "2025-12-08" })),
    id: "Tugas dari PT Mitra Logistik Prima (Staff Accounting); kumpulkan paling lambat Senin 8 Des 2025.",
    en: "Assignment from PT Mitra Logistik Prima (Staff Accounting); due Mon 8 Dec 2025.",
  },
  {
    name: "assignment without a deadline",
    zone: "America/New_York",
    understood: understood(facts("assignment", { company: null, position: null })),
    id: "Tugas; batas waktunya belum terbaca.",
    en: "Assignment; no deadline found.",
  },
  {
    name: "other, even with a stray follow-up",
    zone: "Asia/Jakarta",
    understood: understood(facts("other"), Date.UTC(2025, 11, 10, 2)),
    id: "Bukan email interview; tidak ada yang dijadwalkan.",
    en: "Not an interview email; nothing scheduled.",
  },
  {
    name: "needs review, whatever was read",
    zone: "Asia/Jakarta",
    understood: understood(
      facts("invitation", at("2025-12-05T09:00:00+07:00")),
      Date.UTC(2025, 11, 10, 2),
      "two different interview dates.",
    ),
    id: "Perlu ditinjau: two different interview dates.",
    en: "Needs review: two different interview dates.",
  },
  {
    name: "no company: the stored English reason is said in the reply's language",
    zone: "Asia/Jakarta",
    understood: understood(
      facts("invitation", { company: null, ...at("2025-12-05T09:00:00+07:00") }),
      null,
      "company not found",
    ),
    id: "Perlu ditinjau: nama perusahaan tidak ditemukan.",
    en: "Needs review: company not found.",
  },
  {
    name: "could not be read at all",
    zone: "Asia/Jakarta",
    understood: understood(null),
    id: "Perlu ditinjau: email ini tidak bisa dibaca.",
    en: "Needs review: this email could not be read.",
  },
  {
    name: "Pontianak is WIB too",
    zone: "Asia/Pontianak",
    understood: understood(facts("invitation", { position: null, ...at("2025-12-05T09:00:00+07:00") })),
    id: "Interview PT Mitra Logistik Prima, Jumat 5 Des 2025 09.00 WIB.",
    en: "Interview PT Mitra Logistik Prima, Fri 5 Dec 2025, 09:00 WIB.",
  },
  {
    name: "Makassar's old name is WITA",
    zone: "Asia/Ujung_Pandang",
    understood: understood(facts("invitation", { position: null, ...at("2025-12-05T09:00:00+07:00") })),
    id: "Interview PT Mitra Logistik Prima, Jumat 5 Des 2025 10.00 WITA.",
    en: "Interview PT Mitra Logistik Prima, Fri 5 Dec 2025, 10:00 WITA.",
  },
  {
    name: "another zone gets Intl's short name",
    zone: "Asia/Bangkok",
    understood: understood(facts("invitation", { position: null, ...at("2025-12-05T09:00:00+07:00") })),
    id: "Interview PT Mitra Logistik Prima, Jumat 5 Des 2025 09.00 GMT+7.",
    en: "Interview PT Mitra Logistik Prima, Fri 5 Dec 2025, 09:00 GMT+7.",
  },
  {
    name: "an unknown zone falls back to UTC",
    zone: "Mars/Olympus_Mons",
    understood: understood(facts("invitation", { position: null, ...at("2025-12-05T09:00:00+07:00") })),
    id: "Interview PT Mitra Logistik Prima, Jumat 5 Des 2025 02.00 UTC.",
    en: "Interview PT Mitra Logistik Prima, Fri 5 Dec 2025, 02:00 UTC.",
  },
];

describe("acknowledgement", () => {
  it.each(lines)("$name (id)", ({ zone, understood: u, id }) => {
    expect(acknowledgement(u, "id", zone).text).toBe(id);
  });

  it.each(lines)("$name (en)", ({ zone, understood: u, en }) => {
    expect(acknowledgement(u, "en", zone).text).toBe(en);
  });

  it("gives a short subject: the line without its follow-up", () => {
    expect(acknowledgement(lines[0].understood, "id", "Asia/Jakarta").subject).toBe(
      "kabari: Interview PT Mitra Logistik Prima (Staff Accounting), Jumat 5 Des 2025 09.00 WIB",
    );
    expect(acknowledgement(lines[2].understood, "en", "America/New_York").subject).toBe(
      "kabari: Interview Acme Corp (Data Analyst) rescheduled to Mon 1 Dec 2025, 22:00 EST",
    );
    const review = understood(facts("invitation"), null, "Subject: x\r\nBcc: evil@x.com");
    expect(acknowledgement(review, "id", "Asia/Jakarta").subject).toBe("kabari: Perlu ditinjau");
    expect(acknowledgement(understood(facts("other")), "en", "Asia/Jakarta").subject).toBe(
      "kabari: Not an interview email",
    );
    const long = acknowledgement(
      understood(facts("assignment", { company: "X".repeat(79), position: "Y".repeat(79) })),
      "en",
      "UTC",
    );
    expect(Array.from(long.subject)).toHaveLength(120);
    expect(long.subject).toMatch(/^kabari: Assignment from X{79} \(Y{14}…$/);
  });

  it("keeps a stranger's company and position on one plain line", () => {
    const hostile = facts("invitation", {
      company: "PT Evil\r\nBcc: victim@example.com\u0000\u202e",
      position: "<b>Boss</b>\u2028Subject: hi",
      ...at("2025-12-05T09:00:00+07:00"),
    });
    const ack = acknowledgement(understood(hostile), "en", "Asia/Jakarta");
    expect(ack.text).toBe(
      "Interview PT Evil Bcc: victim@example.com (<b>Boss</b> Subject: hi), Fri 5 Dec 2025, 09:00 WIB.",
    );
    expect(ack.subject).not.toMatch(/[\p{Cc}\u2028\u202e]/u);
  });

  it("caps a company name that would swamp the line", () => {
    const ack = acknowledgement(
      understood(facts("rejection", { company: `PT ${"Panjang ".repeat(40)}`, position: null })),
      "id",
      "Asia/Jakarta",
    );
    // 80 characters at most: "PT " and nine "Panjang " are 75, then four letters and the ellipsis.
    expect(ack.text).toBe(`Ditolak oleh PT ${"Panjang ".repeat(9)}Panj….`);
  });
});

describe("headerSafe", () => {
  it.each([
    ["CR/LF become a space", "Hi\r\nBcc: evil@x.com", "Hi Bcc: evil@x.com"],
    ["a bare LF or CR too", "a\nb\rc", "a b c"],
    ["NUL, DEL, C1 and tab", "a\u0000b\u007fc\u0085d\te", "a b c d e"],
    ["line and paragraph separators", "a\u2028b\u2029c", "a b c"],
    ["bidi controls vanish", "moc.\u202elive\u202c.example", "moc.live.example"],
    ["whitespace runs collapse and ends trim", "  a \u00a0  b  ", "a b"],
    [
      "plain text is kept as is",
      "Undangan Interview — PT Mitra (Jakarta) ✓",
      "Undangan Interview — PT Mitra (Jakarta) ✓",
    ],
  ])("%s", (_name, input, expected) => {
    expect(headerSafe(input)).toBe(expected);
  });

  it("caps the length with an ellipsis", () => {
    expect(headerSafe("abcdefghij", 5)).toBe("abcd…");
    expect(headerSafe("abcde", 5)).toBe("abcde");
    expect(headerSafe("a".repeat(250))).toBe(`${"a".repeat(199)}…`);
    expect(headerSafe("abc", 0)).toBe("");
  });

  it("never splits a character made of two code units", () => {
    const capped = headerSafe("😀😀😀😀", 3);
    expect(capped).toBe("😀😀…");
    expect(capped).not.toMatch(/\p{Cs}/u);
  });
});

const BASE = {
  from: "kabari@example.com",
  to: "you@example.com",
  subject: "Fwd: Undangan Interview PT Mitra Logistik Prima",
  text: "Interview PT Mitra Logistik Prima (Staff Accounting), Jumat 5 Des 2025 09.00 WIB.",
  inReplyTo: "<CAF=abc123@mail.gmail.com>",
  references: "<first@recruiter.example> <second@recruiter.example>",
  messageIdDomain: "example.com",
  now: Date.UTC(2025, 10, 24, 3, 4, 5),
};

/** The header names of the raw block, unfolded: a smuggled line shows up as a header of its own. */
function headerNames(raw: string): string[] {
  const block = raw.slice(0, raw.indexOf("\r\n\r\n"));
  return block
    .replace(/\r\n[ \t]/g, " ")
    .split("\r\n")
    .map((line) => line.slice(0, line.indexOf(":")).toLowerCase());
}

describe("buildReply", () => {
  it("builds a reply postal-mime reads back", async () => {
    const raw = buildReply(BASE);
    const mail = await PostalMime.parse(raw);
    expect(mail.from).toEqual({ name: "kabari", address: "kabari@example.com" });
    expect(mail.to).toEqual([{ name: "", address: "you@example.com" }]);
    expect(mail.subject).toBe("Re: Fwd: Undangan Interview PT Mitra Logistik Prima");
    expect(mail.inReplyTo).toBe("<CAF=abc123@mail.gmail.com>");
    expect(mail.references).toBe(
      "<first@recruiter.example> <second@recruiter.example> <CAF=abc123@mail.gmail.com>",
    );
    expect(mail.messageId).toMatch(
      /^<[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}@example\.com>$/,
    );
    expect(mail.date).toBe("2025-11-24T03:04:05.000Z");
    expect(mail.text?.trim()).toBe(BASE.text);
    expect(mail.html).toBeUndefined();
    expect(mail.attachments).toEqual([]);
    expect(raw).toMatch(/^Date: Mon, 24 Nov 2025 03:04:05 \+0000\r\n/m);
    expect(raw).toMatch(/^Content-Type: text\/plain; charset=UTF-8\r\n/m);
    expect(raw).toMatch(/^Auto-Submitted: auto-replied\r\n/m);
  });

  it("uses a fresh Message-ID each time", async () => {
    const a = await PostalMime.parse(buildReply(BASE));
    const b = await PostalMime.parse(buildReply(BASE));
    expect(a.messageId).not.toBe(b.messageId);
  });

  it.each([
    ["Re: Undangan", "Re: Undangan"],
    ["RE: Undangan", "RE: Undangan"],
    ["re : Undangan", "re : Undangan"],
    ["Undangan Re: besok", "Re: Undangan Re: besok"],
    ["Reminder: Interview", "Re: Reminder: Interview"],
    ["", "Re:"],
  ])("subject %j becomes %j", async (subject, expected) => {
    const mail = await PostalMime.parse(buildReply({ ...BASE, subject }));
    expect(mail.subject).toBe(expected);
  });

  it("encodes a long non-Latin subject in words and lines within the RFC limits", async () => {
    const subject = `Undangan 面接 ${"🚀".repeat(190)} selesai`;
    const raw = buildReply({ ...BASE, subject });
    const mail = await PostalMime.parse(raw);
    expect(mail.subject).toBe(`Re: ${headerSafe(subject)}`);
    const block = raw.slice(0, raw.indexOf("\r\n\r\n"));
    for (const line of block.split("\r\n")) expect(line.length).toBeLessThanOrEqual(76);
    for (const word of block.match(/=\?[^?]+\?B\?[^?]*\?=/g) ?? [])
      expect(word.length).toBeLessThanOrEqual(75);
    expect(block.match(/=\?utf-8\?B\?/g)?.length).toBeGreaterThan(10);
  });

  it("sends short ASCII text as 7bit and anything else as base64", async () => {
    const ascii = buildReply(BASE);
    expect(ascii).toMatch(/^Content-Transfer-Encoding: 7bit\r\n/m);
    expect(ascii.endsWith(`\r\n\r\n${BASE.text}`)).toBe(true);

    const text = "Interview Café Ünïcode 株式会社, Jumat 5 Des 2025 09.00 WIB.\nBaris kedua ✓";
    const utf8 = buildReply({ ...BASE, text });
    expect(utf8).toMatch(/^Content-Transfer-Encoding: base64\r\n/m);
    expect(utf8).not.toContain("Café");
    const body = utf8.slice(utf8.indexOf("\r\n\r\n") + 4);
    for (const line of body.split("\r\n")) expect(line.length).toBeLessThanOrEqual(76);
    // Text is CRLF in its canonical form (RFC 2046), also inside base64.
    expect((await PostalMime.parse(utf8)).text?.trim()).toBe(text.replace(/\n/g, "\r\n"));
  });

  it("drops control characters from the body but keeps its lines", async () => {
    const mail = await PostalMime.parse(
      buildReply({ ...BASE, text: "satu\u0000\u001b[31m\r\ndua\rtiga\u202e" }),
    );
    expect(mail.text?.trim()).toBe("satu[31m\ndua\ntiga");
  });

  it("leaves out the threading headers when there is nothing to thread on", async () => {
    const raw = buildReply({ ...BASE, inReplyTo: null, references: null });
    const names = headerNames(raw);
    expect(names).not.toContain("in-reply-to");
    expect(names).not.toContain("references");
    expect(names).toContain("message-id");
  });

  it("starts References with the parent when the original had none", async () => {
    const mail = await PostalMime.parse(buildReply({ ...BASE, references: null }));
    expect(mail.inReplyTo).toBe("<CAF=abc123@mail.gmail.com>");
    expect(mail.references).toBe("<CAF=abc123@mail.gmail.com>");
  });

  it("keeps the first and the latest references of a long thread, once each", async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `<m${i}@x.example>`);
    const references = `${ids.join(" ")} (a comment) ${ids[5]} <bad id@x> <${"a".repeat(1000)}@x>`;
    const mail = await PostalMime.parse(buildReply({ ...BASE, references }));
    const kept = mail.references?.split(" ") ?? [];
    expect(kept).toHaveLength(20);
    expect(kept[0]).toBe("<m0@x.example>");
    expect(kept.slice(1, 19)).toEqual(ids.slice(132));
    expect(kept[19]).toBe("<CAF=abc123@mail.gmail.com>");
  });

  describe("header injection", () => {
    it("a subject with CR/LF adds no Bcc header", async () => {
      const raw = buildReply({ ...BASE, subject: "Hi\r\nBcc: evil@x.com" });
      const mail = await PostalMime.parse(raw);
      expect(mail.bcc).toBeUndefined();
      expect(mail.headers.map((h) => h.key)).not.toContain("bcc");
      expect(headerNames(raw)).not.toContain("bcc");
      expect(mail.subject).toBe("Re: Hi Bcc: evil@x.com");
    });

    it.each([
      ["LF only", "Hi\nBcc: evil@x.com"],
      ["CR only", "Hi\rBcc: evil@x.com"],
      ["a blank line that would start the body", "Hi\r\n\r\nForged body"],
      ["an encoded-word that decodes to CR/LF", "=?utf-8?B?SGkNCkJjYzogZXZpbEB4LmNvbQ==?="],
    ])("a subject with %s stays one header", async (_name, subject) => {
      const raw = buildReply({ ...BASE, subject });
      const names = headerNames(raw);
      expect(names).not.toContain("bcc");
      expect(names.filter((name) => name === "subject")).toHaveLength(1);
      const mail = await PostalMime.parse(raw);
      expect(mail.bcc).toBeUndefined();
      expect(mail.text?.trim()).toBe(BASE.text);
    });

    it("In-Reply-To and References keep only their message ids", async () => {
      const raw = buildReply({
        ...BASE,
        inReplyTo: "<orig@mail.example>\r\nBcc: evil@x.com",
        references: "<a@x.example>\r\nBcc: evil@x.com\r\n <b@x.example>\nX-Evil: 1",
      });
      const names = headerNames(raw);
      expect(names).not.toContain("bcc");
      expect(names).not.toContain("x-evil");
      const mail = await PostalMime.parse(raw);
      expect(mail.inReplyTo).toBe("<orig@mail.example>");
      expect(mail.references).toBe("<a@x.example> <b@x.example> <orig@mail.example>");
    });

    it.each([
      ["from", { from: "kabari@example.com\r\nBcc: evil@x.com" }],
      ["to", { to: "you@example.com\r\nBcc: evil@x.com" }],
      ["to with a display name", { to: "Evil <evil@x.com>" }],
      ["to with two addresses", { to: "you@example.com, evil@x.com" }],
      ["messageIdDomain", { messageIdDomain: "example.com>\r\nBcc: evil@x.com" }],
      ["now", { now: Number.NaN }],
    ])("refuses a bad %s instead of writing it", (_name, over) => {
      expect(() => buildReply({ ...BASE, ...over })).toThrow();
    });
  });

  it("accepts the envelope senders Gmail and Microsoft forwards use", async () => {
    const to = "you+caf_=interviews=example.com@gmail.com";
    const mail = await PostalMime.parse(buildReply({ ...BASE, to }));
    expect(mail.to?.[0]?.address).toBe(to);
  });
});
