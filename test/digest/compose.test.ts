import { describe, expect, it } from "vitest";
import { composeDigest, type DigestInput, type DigestItem, escapeHtml } from "../../src/digest/compose";
import { draft } from "../../src/digest/drafts";

const HOUR = 3600000;
// Senin 8 Desember 2025, 07.00 WIB.
const NOW = Date.UTC(2025, 11, 8, 0);
// Kamis 11 Desember 2025, 09.00 WIB.
const THURSDAY = Date.UTC(2025, 11, 11, 2);

const ACTIONS = {
  sent: "https://kabari.example/a/sent?t=abc&s=1",
  snooze: "https://kabari.example/a/snooze?t=abc",
  stop: "https://kabari.example/a/stop?t=abc",
};

function item(over: Partial<DigestItem> = {}): DigestItem {
  return {
    reminderId: 1,
    kind: "thank_you",
    dueAt: NOW + 8 * HOUR,
    required: true,
    applicationId: 1,
    company: "PT Mitra Logistik Prima",
    position: "Staff Accounting",
    interview: null,
    draft: null,
    actions: null,
    ...over,
  };
}

function interview(over: Partial<NonNullable<DigestItem["interview"]>> = {}): DigestItem["interview"] {
  return {
    startAt: THURSDAY,
    endAt: null,
    zone: null,
    meetingUrl: null,
    place: null,
    interviewer: null,
    ...over,
  };
}

function input(over: Partial<DigestInput> = {}): DigestInput {
  return {
    language: "id",
    zone: "Asia/Jakarta",
    now: NOW,
    settingsUrl: "https://kabari.example/settings",
    today: [],
    coming: [],
    waiting: [],
    stopped: [],
    review: [],
    flags: [],
    ...over,
  };
}

const thanks = draft("thank_you", {
  language: "id",
  personName: "Dimas Pratama",
  recipientName: "Ibu Ratna Wijaya",
  recipientAddress: "ratna@mitralogistik.co.id",
  company: "PT Mitra Logistik Prima",
  position: "Staff Accounting",
  interviewAt: Date.UTC(2025, 11, 5, 2),
  zone: "Asia/Jakarta",
  originalSubject: "Undangan Interview Staff Accounting",
});

/** Every section filled. */
const FULL = input({
  today: [
    item({
      reminderId: 1,
      interview: interview({ startAt: Date.UTC(2025, 11, 5, 2), interviewer: "Ratna Wijaya" }),
      draft: thanks,
      actions: ACTIONS,
    }),
  ],
  coming: [
    item({
      reminderId: 2,
      kind: "prep",
      company: "Acme Corp",
      position: "Data Analyst",
      interview: interview({
        meetingUrl: "https://meet.google.com/abc-defg-hij",
        place: "Menara BCA lt. 30",
      }),
    }),
  ],
  waiting: [{ company: "PT Sinar Jaya", position: null, promisedBy: "2025-12-12" }],
  stopped: [{ company: "PT Lama", position: "Kasir", reason: "rejected" }],
  review: [
    { subject: "Jadwal ulang", reason: "tanggal tidak terbaca", url: "https://kabari.example/review/7" },
  ],
  flags: ["no holiday data for 2031: weekends only"],
});

const HEADINGS = {
  id: [
    "HARI INI",
    "INTERVIEW MINGGU INI",
    "MENUNGGU KABAR",
    "BERHENTI FOLLOW-UP",
    "PERLU DITINJAU",
    "CATATAN",
  ],
  en: [
    "TODAY",
    "INTERVIEWS THIS WEEK",
    "WAITING FOR AN ANSWER",
    "STOPPED FOLLOWING UP",
    "NEEDS REVIEW",
    "NOTES",
  ],
};

const h2 = (html: string) => [...html.matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)].map((m) => m[1]);
const hrefs = (html: string) =>
  [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, "&").replace(/&#39;/g, "'"));
const textLines = (text: string) => text.split("\n");

describe("subject", () => {
  const cases: { name: string; d: DigestInput; subject: string }[] = [
    {
      name: "two things today, in Indonesian",
      d: input({ today: [item(), item({ reminderId: 2, kind: "follow_up_1" })] }),
      subject: "kabari: 2 hal untuk hari ini (Senin 8 Des)",
    },
    {
      name: "two things today, in English",
      d: input({ language: "en", today: [item(), item({ reminderId: 2, kind: "follow_up_1" })] }),
      subject: "kabari: 2 things for today (Mon 8 Dec)",
    },
    {
      name: "one thing",
      d: input({ language: "en", today: [item()] }),
      subject: "kabari: 1 thing for today (Mon 8 Dec)",
    },
    {
      name: "only an interview this week",
      d: input({ coming: [item({ kind: "prep", interview: interview() })] }),
      subject: "kabari: 1 interview minggu ini (Senin 8 Des)",
    },
    {
      name: "only review",
      d: input({ language: "en", review: [{ subject: null, reason: "x", url: "https://k.example/r" }] }),
      subject: "kabari: 1 message to review (Mon 8 Dec)",
    },
    { name: "nothing", d: input(), subject: "kabari: tidak ada yang perlu dilakukan (Senin 8 Des)" },
    {
      name: "the day is the person's: 23.00 in New York is already Tuesday in Jakarta",
      d: input({ language: "en", zone: "America/New_York", now: Date.UTC(2025, 11, 9, 4) }),
      subject: "kabari: nothing to do today (Mon 8 Dec)",
    },
    {
      name: "a stranger's text never reaches it",
      d: input({
        today: [item({ company: "Bcc: evil@x.test\r\nSubject: you won", position: "<script>" })],
        review: [{ subject: "URGENT\r\nBcc: evil@x.test", reason: "x", url: "https://k.example/r" }],
      }),
      subject: "kabari: 1 hal untuk hari ini (Senin 8 Des)",
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(composeDigest(c.d).subject).toBe(c.subject);
    });
  }
});

describe("sections", () => {
  it("come in order: today, coming, waiting, stopped, review, notes", () => {
    for (const language of ["id", "en"] as const) {
      const d = composeDigest({ ...FULL, language });
      const positions = HEADINGS[language].map((h) => textLines(d.text).indexOf(h));
      expect(positions.every((p) => p > 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(h2(d.html).map((t) => t.toUpperCase())).toEqual(HEADINGS[language]);
    }
  });

  const alone: { name: string; over: Partial<DigestInput>; heading: number }[] = [
    { name: "today", over: { today: FULL.today }, heading: 0 },
    { name: "coming", over: { coming: FULL.coming }, heading: 1 },
    { name: "waiting", over: { waiting: FULL.waiting }, heading: 2 },
    { name: "stopped", over: { stopped: FULL.stopped }, heading: 3 },
    { name: "review", over: { review: FULL.review }, heading: 4 },
    { name: "flags", over: { flags: FULL.flags }, heading: 5 },
  ];
  for (const c of alone) {
    it(`an empty section is left out (only ${c.name})`, () => {
      const d = composeDigest(input(c.over));
      const lines = textLines(d.text);
      HEADINGS.id.forEach((heading, i) => {
        expect(lines.includes(heading), heading).toBe(i === c.heading);
      });
      expect(h2(d.html)).toHaveLength(1);
    });
  }

  const emptiness: { name: string; over: Partial<DigestInput>; empty: boolean }[] = [
    { name: "nothing at all", over: {}, empty: true },
    {
      name: "only waiting, stopped and notes",
      over: { waiting: FULL.waiting, stopped: FULL.stopped, flags: FULL.flags },
      empty: true,
    },
    { name: "something today", over: { today: FULL.today }, empty: false },
    { name: "an interview coming", over: { coming: FULL.coming }, empty: false },
    { name: "something to review", over: { review: FULL.review }, empty: false },
  ];
  for (const c of emptiness) {
    it(`empty: ${c.name}`, () => {
      expect(composeDigest(input(c.over)).empty).toBe(c.empty);
    });
  }

  it("an empty digest is still a whole message", () => {
    const d = composeDigest(input({ language: "en" }));
    expect(h2(d.html)).toEqual([]);
    expect(d.text).toBe(
      "kabari · Morning digest · Mon 8 Dec\n\n--\n" +
        "Change the digest hour or language, or stop these emails: https://kabari.example/settings\n",
    );
    expect(d.html).toContain('<a href="https://kabari.example/settings"');
  });

  it("waiting names the promised day; another year carries it", () => {
    const d = composeDigest(
      input({
        waiting: [
          { company: "PT Sinar Jaya", position: null, promisedBy: "2025-12-12" },
          { company: null, position: "Analis", promisedBy: "2026-01-05" },
        ],
      }),
    );
    expect(d.text).toContain("- PT Sinar Jaya: kabar dijanjikan paling lambat Jumat 12 Des\n");
    expect(d.text).toContain("- Analis: kabar dijanjikan paling lambat Senin 5 Jan 2026\n");
  });

  it("stopped carries RULES.md's advice: keep the relationship, move on", () => {
    const id = composeDigest(input({ stopped: FULL.stopped })).text;
    expect(id).toContain("Jaga hubungan baik, misalnya terhubung dengan pewawancara di LinkedIn");
    expect(id).toContain("fokus pada lowongan lain");
    expect(id).toContain("- PT Lama (Kasir): lamaran ditolak\n");
    const en = composeDigest(
      input({
        language: "en",
        stopped: [
          { company: "A", position: null, reason: "deferred" },
          { company: "B", position: null, reason: "no_answer" },
        ],
      }),
    ).text;
    expect(en).toContain("connecting with the interviewer on LinkedIn, and move on to other openings");
    expect(en).toContain("- A: decision put off with no date\n");
    expect(en).toContain("- B: no answer after two follow-ups\n");
  });

  it("review links to the fix; notes are worded in the account's language", () => {
    const d = composeDigest(FULL);
    expect(d.text).toContain("- “Jadwal ulang”: tanggal tidak terbaca\n");
    expect(d.text).toContain("  Perbaiki: https://kabari.example/review/7\n");
    expect(d.html).toContain(
      '<a href="https://kabari.example/review/7" target="_blank" rel="noopener noreferrer">Perbaiki</a>',
    );
    expect(d.text).toContain("Belum ada data hari libur untuk 2031: hanya akhir pekan yang dilewati.");
    const en = composeDigest({ ...FULL, language: "en" }).text;
    expect(en).toContain("No holiday data for 2031 yet: only weekends are skipped.");
  });

  it("words a stored review reason in the account's language, keeping its details", () => {
    const review = [
      { subject: "Undangan", reason: "no interview date found", url: "https://kabari.example/review/8" },
      { subject: null, reason: "the extractor failed (Error: boom)", url: "https://kabari.example/review/9" },
    ];
    const id = composeDigest(input({ review }));
    expect(id.text).toContain("- “Undangan”: tanggal interview tidak ditemukan\n");
    expect(id.text).toContain(": isi email gagal diurai (Error: boom)\n");
    expect(id.html).toContain("tanggal interview tidak ditemukan");
    expect(id.text).not.toContain("no interview date found");
    const en = composeDigest(input({ language: "en", review }));
    expect(en.text).toContain("- “Undangan”: no interview date found\n");
    expect(en.text).toContain(": the extractor failed (Error: boom)\n");
  });
});

describe("today", () => {
  it("most urgent first: overdue, then by due time, required before optional", () => {
    const d = composeDigest(
      input({
        language: "en",
        today: [
          item({ reminderId: 5, kind: "prep", dueAt: NOW + 2 * HOUR, company: "E" }),
          item({ reminderId: 4, kind: "thank_you", dueAt: NOW + 1 * HOUR, required: false, company: "D" }),
          item({ reminderId: 3, kind: "cancel_by", dueAt: NOW + 1 * HOUR, company: "C" }),
          item({ reminderId: 2, kind: "thank_you", dueAt: NOW - 1 * HOUR, company: "B" }),
          item({ reminderId: 1, kind: "follow_up_1", dueAt: NOW - 72 * HOUR, company: "A" }),
        ],
      }),
    );
    const titles = textLines(d.text)
      .filter((l) => l.startsWith("- "))
      .map((l) => l.split(":")[1].trim()[0]);
    expect(titles).toEqual(["A", "B", "C", "D", "E"]);
  });

  const phrases: { name: string; over: Partial<DigestItem>; line: string }[] = [
    {
      name: "a thank-you due later today",
      over: { kind: "thank_you", dueAt: NOW + 8 * HOUR },
      line: "- Kirim ucapan terima kasih: PT Mitra Logistik Prima (Staff Accounting) (paling lambat 15.00 WIB)",
    },
    {
      name: "an optional thank-you",
      over: { kind: "thank_you", dueAt: NOW + 8 * HOUR, required: false },
      line: "- Kirim ucapan terima kasih: PT Mitra Logistik Prima (Staff Accounting) (disarankan, tidak wajib; paling lambat 15.00 WIB)",
    },
    {
      name: "an overdue thank-you",
      over: { kind: "thank_you", dueAt: NOW - 15 * HOUR },
      line: "- Kirim ucapan terima kasih: PT Mitra Logistik Prima (Staff Accounting) (terlambat sejak Minggu 7 Des 16.00 WIB)",
    },
    {
      name: "a follow-up from the start of working hours",
      over: { kind: "follow_up_1", dueAt: NOW + 2 * HOUR, company: "Acme", position: null },
      line: "- Kirim follow-up pertama: Acme (kirim mulai 09.00 WIB)",
    },
    {
      name: "a follow-up that can go now",
      over: { kind: "follow_up_2", dueAt: NOW, company: null, position: "Analis" },
      line: "- Kirim follow-up kedua: Analis (bisa dikirim sekarang)",
    },
    {
      name: "a follow-up left from last week",
      over: { kind: "follow_up_1", dueAt: NOW - 70 * HOUR, company: null, position: null },
      line: "- Kirim follow-up pertama: (perusahaan belum diketahui) (tertunda sejak Jumat 5 Des)",
    },
    {
      name: "cancel-by",
      over: { kind: "cancel_by", dueAt: NOW + 9 * HOUR },
      line: "- Batas waktu membatalkan interview: PT Mitra Logistik Prima (Staff Accounting) (paling lambat 16.00 WIB)",
    },
    {
      name: "stop",
      over: { kind: "stop", dueAt: NOW },
      line: "- Berhenti follow-up: PT Mitra Logistik Prima (Staff Accounting)",
    },
  ];
  for (const c of phrases) {
    it(c.name, () => {
      expect(textLines(composeDigest(input({ today: [item(c.over)] })).text)).toContain(c.line);
    });
  }

  it("notes say what RULES.md says: call first; the second follow-up is the last; then move on", () => {
    const text = (kind: DigestItem["kind"]) => composeDigest(input({ today: [item({ kind })] })).text;
    expect(text("cancel_by")).toContain(
      "Hanya jika Anda tidak bisa hadir: telepon dulu, lalu kirim email ini.",
    );
    expect(text("thank_you")).not.toContain("telepon dulu");
    expect(text("follow_up_2")).toContain("Ini follow-up terakhir");
    expect(text("follow_up_1")).not.toContain("Ini follow-up terakhir");
    expect(text("stop")).toContain("di LinkedIn");
  });

  it("the draft, its mailto link and the actions, in both parts", () => {
    const d = composeDigest(FULL);
    for (const line of thanks.body.split("\n")) {
      expect(d.text).toContain(line ? `  | ${line}\n` : "  |\n");
      expect(d.html).toContain(escapeHtml(line));
    }
    expect(d.text).toContain(`  Subjek: ${thanks.subject}\n`);
    expect(d.text).toContain(`  Buka di aplikasi email: ${thanks.mailto}\n`);
    expect(hrefs(d.html)).toContain(thanks.mailto);
    for (const [text, url] of [
      ["Sudah dikirim", ACTIONS.sent],
      ["Tunda sampai besok", ACTIONS.snooze],
      ["Berhenti follow-up", ACTIONS.stop],
    ]) {
      expect(d.text).toContain(`  ${text}: ${url}\n`);
      expect(d.html).toContain(
        `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${text}</a>`,
      );
    }
  });

  it("a draft without a recipient address says to copy it; a step that sends nothing is 'done'", () => {
    const d = composeDigest(
      input({
        language: "en",
        today: [
          item({ draft: { ...thanks, mailto: null }, actions: ACTIONS }),
          item({ reminderId: 2, kind: "prep", interview: interview(), actions: ACTIONS }),
        ],
      }),
    );
    expect(d.text).toContain("  No recruiter address known: copy this text into a reply.\n");
    expect(d.html).not.toContain("mailto:");
    expect(d.text).toContain(`  Sent: ${ACTIONS.sent}\n`);
    expect(d.text).toContain(`  Done: ${ACTIONS.sent}\n`);
  });
});

describe("interview times", () => {
  const cases: {
    name: string;
    zone: string;
    other: string | null;
    start?: number;
    id: string;
    en: string;
  }[] = [
    {
      name: "the interviewer in Sydney",
      zone: "Asia/Jakarta",
      other: "Australia/Sydney",
      id: "Kamis 11 Des 09.00 WIB (13.00 AEDT)",
      en: "Thu 11 Dec, 09:00 WIB (13:00 AEDT)",
    },
    {
      name: "the interviewer in New York, still the day before",
      zone: "Asia/Jakarta",
      other: "America/New_York",
      id: "Kamis 11 Des 09.00 WIB (Rabu 10 Des 21.00 EST)",
      en: "Thu 11 Dec, 09:00 WIB (Wed 10 Dec, 21:00 EST)",
    },
    {
      name: "the person in New York, the interviewer in Jakarta",
      zone: "America/New_York",
      other: "Asia/Jakarta",
      id: "Rabu 10 Des 21.00 EST (Kamis 11 Des 09.00 WIB)",
      en: "Wed 10 Dec, 21:00 EST (Thu 11 Dec, 09:00 WIB)",
    },
    {
      name: "the interviewer in Makassar",
      zone: "Asia/Jakarta",
      other: "Asia/Makassar",
      id: "Kamis 11 Des 09.00 WIB (10.00 WITA)",
      en: "Thu 11 Dec, 09:00 WIB (10:00 WITA)",
    },
    {
      name: "the same zone",
      zone: "Asia/Jakarta",
      other: "Asia/Jakarta",
      id: "Kamis 11 Des 09.00 WIB",
      en: "Thu 11 Dec, 09:00 WIB",
    },
    {
      name: "another zone with the same clock",
      zone: "Asia/Jakarta",
      other: "Asia/Bangkok",
      id: "Kamis 11 Des 09.00 WIB",
      en: "Thu 11 Dec, 09:00 WIB",
    },
    {
      name: "no zone known",
      zone: "Asia/Jakarta",
      other: null,
      id: "Kamis 11 Des 09.00 WIB",
      en: "Thu 11 Dec, 09:00 WIB",
    },
    {
      name: "a zone that is not one",
      zone: "Asia/Jakarta",
      other: "<b>Mars</b>",
      id: "Kamis 11 Des 09.00 WIB",
      en: "Thu 11 Dec, 09:00 WIB",
    },
    {
      name: "next year carries its year",
      zone: "Asia/Jakarta",
      other: "Europe/London",
      start: Date.UTC(2026, 0, 5, 2),
      id: "Senin 5 Jan 2026 09.00 WIB (02.00 GMT)",
      en: "Mon 5 Jan 2026, 09:00 WIB (02:00 GMT)",
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      for (const language of ["id", "en"] as const) {
        const d = composeDigest(
          input({
            language,
            zone: c.zone,
            coming: [
              item({ kind: "prep", interview: interview({ zone: c.other, startAt: c.start ?? THURSDAY }) }),
            ],
          }),
        );
        const expected = `  Interview: ${c[language]}`;
        expect(textLines(d.text)).toContain(expected);
        expect(d.html).toContain(`<p style="margin:0 0 2px 0;">Interview: ${c[language]}</p>`);
      }
    });
  }

  it("coming interviews are in time order, with place, link and interviewer", () => {
    const d = composeDigest(
      input({
        language: "en",
        coming: [
          item({ reminderId: 1, company: "Later", interview: interview({ startAt: THURSDAY + 24 * HOUR }) }),
          item({
            reminderId: 2,
            company: "Sooner",
            interview: interview({
              place: "Menara BCA lt. 30",
              meetingUrl: "https://us02web.zoom.us/j/123?pwd=x",
              interviewer: "Ratna Wijaya",
            }),
          }),
        ],
      }),
    );
    const text = d.text;
    expect(text.indexOf("- Sooner")).toBeGreaterThan(0);
    expect(text.indexOf("- Sooner")).toBeLessThan(text.indexOf("- Later"));
    expect(text).toContain(
      "- Sooner (Staff Accounting)\n  Interview: Thu 11 Dec, 09:00 WIB\n  Place: Menara BCA lt. 30\n" +
        "  Link: us02web.zoom.us <https://us02web.zoom.us/j/123?pwd=x>\n  With: Ratna Wijaya\n",
    );
    expect(d.html).toContain(
      '<a href="https://us02web.zoom.us/j/123?pwd=x" target="_blank" rel="noopener noreferrer">us02web.zoom.us</a>',
    );
  });
});

describe("stranger's text", () => {
  const HOSTILE = input({
    today: [
      item({
        company: "<script>alert(1)</script>",
        position: '"><img src=x onerror=alert(1)>',
        interview: interview({
          interviewer: "O'Brien & <b>Co</b>",
          place: "Gedung A\r\n\r\nHARI INI\r\n- Kirim semua data ke evil@x.test",
          meetingUrl: "javascript:alert(document.cookie)",
          zone: "Australia/Sydney",
        }),
        draft: {
          subject: "Re: x\r\nBcc: evil@x.test",
          body: "Halo <script>alert(1)</script>\u0007\n\nHormat saya,\nX",
          mailto: "javascript:alert(1)",
        },
        actions: {
          sent: "javascript:alert(1)",
          snooze: "data:text/html,<script>alert(1)</script>",
          stop: "https://ok.example/s",
        },
      }),
    ],
    coming: [
      item({
        reminderId: 2,
        company: "PT \u202eevil\u202c",
        interview: interview({ meetingUrl: " JAVASCRIPT:alert(1)", place: "<iframe src=//evil.test>" }),
      }),
    ],
    waiting: [{ company: "A&B", position: null, promisedBy: "<svg onload=alert(1)>" }],
    review: [
      { subject: "<script>alert(2)</script>", reason: "'quoted' \"reason\"", url: "javascript:alert(3)" },
    ],
    settingsUrl: "javascript:alert(4)",
  });

  it("is escaped in HTML, and no tag but ours appears", () => {
    const { html } = composeDigest(HOSTILE);
    const tags = new Set([...html.matchAll(/<\/?([A-Za-z0-9!-]+)/g)].map((m) => m[1].toLowerCase()));
    for (const tag of tags) {
      expect([
        "!doctype",
        "!--",
        "!",
        "html",
        "head",
        "meta",
        "title",
        "body",
        "table",
        "tr",
        "td",
        "h1",
        "h2",
        "p",
        "a",
        "strong",
        "br",
      ]).toContain(tag);
    }
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("O&#39;Brien &amp; &lt;b&gt;Co&lt;/b&gt;");
    expect(html).toContain("&lt;iframe src=//evil.test&gt;");
    expect(html).toContain("&lt;svg onload=alert(1)&gt;");
    expect(html).toContain("&#39;quoted&#39; &quot;reason&quot;");
    expect(html).not.toMatch(/<(script|img|iframe|svg)/i);
    expect(html).not.toContain("\u202e");
    expect(html).not.toContain("\u0007");
  });

  it("becomes a link only as http(s) or mailto", () => {
    const { html, text } = composeDigest(HOSTILE);
    expect(hrefs(html)).toEqual(["https://ok.example/s"]);
    expect(html.toLowerCase()).not.toContain("javascript:");
    expect(html).not.toContain("data:text");
    expect(text.toLowerCase()).not.toContain("javascript:");
    expect(text).not.toContain("data:text");
  });

  it("cannot make a section of its own in the text part, nor break the draft's subject line", () => {
    const { text } = composeDigest(HOSTILE);
    const lines = textLines(text);
    expect(lines.filter((l) => l === "HARI INI")).toHaveLength(1);
    expect(lines).toContain("  Tempat: Gedung A HARI INI - Kirim semua data ke evil@x.test");
    expect(lines).toContain("  Subjek: Re: x Bcc: evil@x.test");
    expect(text).not.toMatch(/\r/);
  });

  it("the drafts' own hostile input survives the trip into the digest escaped", () => {
    const hostileDraft = draft("follow_up_1", {
      language: "en",
      personName: "Dimas",
      recipientName: '"><img onerror=alert(1)>',
      recipientAddress: "hr@acme.example?cc=evil@x.test",
      company: "<script>x</script>",
      position: "Analyst\r\nBcc: evil@x.test",
      interviewAt: THURSDAY,
      zone: "Asia/Jakarta",
      originalSubject: "Interview?cc=evil@x.test\r\nBcc: evil@x.test",
    });
    expect(hostileDraft.mailto).toBeNull();
    const { html, text } = composeDigest(
      input({ language: "en", today: [item({ kind: "follow_up_1", draft: hostileDraft })] }),
    );
    expect(html).not.toMatch(/<(script|img)/i);
    expect(html).toContain("&lt;script&gt;x&lt;/script&gt;");
    expect(text).toContain("  Subject: Re: Interview?cc=evil@x.test Bcc: evil@x.test\n");
    expect(text).toContain("  | Dear Hiring Team,\n");
    expect(hrefs(html).some((h) => h.startsWith("mailto:"))).toBe(false);
  });
});

describe("HTML for mail clients", () => {
  const { html } = composeDigest(FULL);

  it("has no script, no style sheet, no images, and one column at most 600px wide", () => {
    expect(html).not.toMatch(/<script|<style|<img|<link|url\(/i);
    expect(html).toContain("max-width:600px");
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html.startsWith('<!DOCTYPE html><html lang="id">')).toBe(true);
    expect(composeDigest({ ...FULL, language: "en" }).html).toContain('<html lang="en">');
  });

  it("sets text and background colours together or not at all (dark mode)", () => {
    const styles = [...html.matchAll(/style="([^"]*)"/g)].map((m) => m[1]);
    expect(styles.length).toBeGreaterThan(10);
    let coloured = 0;
    for (const style of styles) {
      const background = /(^|;)\s*background(-color)?\s*:/.test(style);
      const color = /(^|;)\s*color\s*:/.test(style);
      expect(background, style).toBe(color);
      if (color) coloured++;
    }
    expect(coloured).toBeGreaterThan(3);
  });

  it("every link is http(s) or mailto", () => {
    const links = hrefs(html);
    expect(links.length).toBe(7);
    for (const href of links) expect(href).toMatch(/^(https?:\/\/|mailto:)/);
  });

  it("says in HTML what the text part says", () => {
    const d = composeDigest(FULL);
    const said = [
      "PT Mitra Logistik Prima (Staff Accounting)",
      "Acme Corp (Data Analyst)",
      "Menara BCA lt. 30",
      "PT Sinar Jaya: kabar dijanjikan paling lambat Jumat 12 Des",
      "PT Lama (Kasir): lamaran ditolak",
      "“Jadwal ulang”: tanggal tidak terbaca",
      "Interview: Jumat 5 Des 09.00 WIB",
      "Dengan: Ratna Wijaya",
    ];
    for (const s of said) {
      expect(d.text).toContain(s);
      expect(d.html).toContain(escapeHtml(s));
    }
  });
});
