import { describe, expect, it } from "vitest";
import { cleanName, type DraftContext, type DraftKind, draft, plainAddress } from "../../src/digest/drafts";

// Kamis 11 Desember 2025, 09.00 WIB.
const THURSDAY = Date.UTC(2025, 11, 11, 2);

const MITRA: DraftContext = {
  language: "id",
  personName: "Dimas Pratama",
  recipientName: "Ratna Wijaya",
  recipientAddress: "ratna.wijaya@mitralogistik.co.id",
  company: "PT Mitra Logistik Prima",
  position: "Staff Accounting",
  interviewAt: THURSDAY,
  zone: "Asia/Jakarta",
  originalSubject: "Undangan Interview - Staff Accounting",
};

const ctx = (over: Partial<DraftContext> = {}): DraftContext => ({ ...MITRA, ...over });

const KINDS: DraftKind[] = ["thank_you", "follow_up_1", "follow_up_2", "cancel"];
const LANGUAGES = ["id", "en"] as const;

/** The subject and body a mailto: link carries, read back as a mail client would (RFC 6068). */
function readMailto(link: string): { to: string; fields: [string, string][] } {
  expect(link.startsWith("mailto:")).toBe(true);
  // Only unreserved characters and percent-escapes: nothing a client could read as a second field or address.
  expect(link).toMatch(
    /^mailto:[A-Za-z0-9._+'-]+@[A-Za-z0-9.-]+\?subject=[A-Za-z0-9%._~!*'()-]*&body=[A-Za-z0-9%._~!*'()-]*$/,
  );
  const [to, query] = link.slice("mailto:".length).split("?");
  const fields = query.split("&").map((pair): [string, string] => {
    const [key, value] = pair.split("=");
    return [key, decodeURIComponent(value)];
  });
  return { to, fields };
}

describe("draft: the whole letter for each kind and language", () => {
  const cases: { kind: DraftKind; language: "id" | "en"; body: string }[] = [
    {
      kind: "thank_you",
      language: "id",
      body: `Kepada Bapak/Ibu Ratna Wijaya,

Terima kasih atas waktu dan kesempatan yang Bapak/Ibu berikan untuk wawancara posisi Staff Accounting di PT Mitra Logistik Prima pada Kamis, 11 Desember 2025.

Saya senang dapat mengenal lebih jauh posisi ini dan semakin tertarik untuk bergabung dengan PT Mitra Logistik Prima. Apabila ada informasi tambahan yang dapat membantu proses seleksi, dengan senang hati akan saya kirimkan.

Saya menantikan kabar selanjutnya dari Bapak/Ibu.

Hormat saya,
Dimas Pratama`,
    },
    {
      kind: "thank_you",
      language: "en",
      body: `Dear Ratna Wijaya,

Thank you for your time and for the opportunity to interview for the Staff Accounting position at PT Mitra Logistik Prima on Thursday, 11 December 2025.

I enjoyed learning more about the role, and I remain very interested in joining PT Mitra Logistik Prima. If there is any further information that would help your decision, I would be glad to provide it.

I look forward to hearing from you.

Best regards,
Dimas Pratama`,
    },
    {
      kind: "follow_up_1",
      language: "id",
      body: `Kepada Bapak/Ibu Ratna Wijaya,

Semoga Bapak/Ibu dalam keadaan baik. Saya Dimas Pratama, yang mengikuti wawancara untuk posisi Staff Accounting di PT Mitra Logistik Prima pada Kamis, 11 Desember 2025.

Apakah ada perkembangan terkait proses seleksi untuk posisi Staff Accounting? Saya masih sangat tertarik dengan posisi ini, dan apabila ada informasi tambahan yang Bapak/Ibu perlukan, dengan senang hati akan saya kirimkan.

Terima kasih atas waktu dan perhatian Bapak/Ibu.

Hormat saya,
Dimas Pratama`,
    },
    {
      kind: "follow_up_1",
      language: "en",
      body: `Dear Ratna Wijaya,

I hope you are well. My name is Dimas Pratama, and I interviewed for the Staff Accounting position at PT Mitra Logistik Prima on Thursday, 11 December 2025.

Is there any progress in the selection process for the Staff Accounting position? I remain very interested in the role, and I would be glad to provide any further information that would help your decision.

Thank you for your time and consideration.

Best regards,
Dimas Pratama`,
    },
    {
      kind: "follow_up_2",
      language: "id",
      body: `Kepada Bapak/Ibu Ratna Wijaya,

Semoga Bapak/Ibu dalam keadaan baik, dan mohon maaf bila saya menghubungi kembali. Saya Dimas Pratama, yang mengikuti wawancara untuk posisi Staff Accounting di PT Mitra Logistik Prima pada Kamis, 11 Desember 2025.

Saya memahami bahwa proses seleksi membutuhkan waktu. Jika berkenan, apakah ada perkembangan terkait proses seleksi untuk posisi Staff Accounting? Saya tetap tertarik dengan posisi ini dan siap memberikan informasi tambahan bila diperlukan.

Terima kasih atas waktu dan perhatian Bapak/Ibu.

Hormat saya,
Dimas Pratama`,
    },
    {
      kind: "follow_up_2",
      language: "en",
      body: `Dear Ratna Wijaya,

I hope you are well, and I apologise for writing again. My name is Dimas Pratama, and I interviewed for the Staff Accounting position at PT Mitra Logistik Prima on Thursday, 11 December 2025.

I understand the selection process takes time. Whenever convenient, could you let me know whether there is any progress in the selection process for the Staff Accounting position? I am still interested in the role and happy to provide any further information.

Thank you again for your time and consideration.

Best regards,
Dimas Pratama`,
    },
    {
      kind: "cancel",
      language: "id",
      body: `Kepada Bapak/Ibu Ratna Wijaya,

Menindaklanjuti telepon saya sebelumnya, saya tidak dapat menghadiri wawancara untuk posisi Staff Accounting di PT Mitra Logistik Prima pada Kamis, 11 Desember 2025 pukul 09.00 WIB karena [alasan singkat dan jujur, misalnya keadaan darurat keluarga]. Saya mohon maaf atas ketidaknyamanan ini.

Saya masih tertarik dengan posisi ini. Apabila memungkinkan, saya ingin menjadwalkan ulang wawancara pada waktu yang sesuai bagi Bapak/Ibu.

Terima kasih atas pengertian Bapak/Ibu.

Hormat saya,
Dimas Pratama`,
    },
    {
      kind: "cancel",
      language: "en",
      body: `Dear Ratna Wijaya,

Following up on my phone call, I am sorry to let you know that I am unable to attend the interview for the Staff Accounting position at PT Mitra Logistik Prima on Thursday, 11 December 2025 at 09:00 WIB because [a short, honest reason, e.g. a family emergency]. I apologise for the inconvenience.

I remain interested in the position and would be grateful for the chance to reschedule at a time that suits you.

Thank you for your understanding.

Best regards,
Dimas Pratama`,
    },
  ];

  for (const c of cases) {
    it(`${c.kind} in ${c.language}`, () => {
      const d = draft(c.kind, ctx({ language: c.language }));
      expect(d.body).toBe(c.body);
      expect(d.subject).toBe("Re: Undangan Interview - Staff Accounting");
    });
  }
});

describe("draft: what RULES.md asks of every letter", () => {
  const words = {
    id: {
      closing: "Hormat saya,",
      thanks: "Terima kasih",
      interest: "tertarik",
      more: "informasi tambahan",
      progress: "Apakah ada perkembangan terkait proses seleksi untuk posisi Staff Accounting?",
      date: "Kamis, 11 Desember 2025",
      pushy: /apakah saya (diterima|lolos)/i,
      gentle: ["mohon maaf bila saya menghubungi kembali", "Jika berkenan"],
      cancel: ["mohon maaf", "telepon", "menjadwalkan ulang", "[alasan singkat dan jujur"],
    },
    en: {
      closing: "Best regards,",
      thanks: "Thank you",
      interest: "interested",
      more: "further information",
      progress: "any progress in the selection process for the Staff Accounting position?",
      date: "Thursday, 11 December 2025",
      pushy: /am I (accepted|hired)|did I get/i,
      gentle: ["I apologise for writing again", "Whenever convenient"],
      cancel: ["apologise", "phone call", "reschedule", "[a short, honest reason"],
    },
  };

  for (const language of LANGUAGES) {
    for (const kind of KINDS) {
      it(`${kind} in ${language}`, () => {
        const w = words[language];
        const body = draft(kind, ctx({ language })).body;
        const lines = body.split("\n");
        expect(lines[0]).toMatch(/^(Kepada Bapak\/Ibu|Dear) Ratna Wijaya,$/);
        expect(lines.at(-2)).toBe(w.closing);
        expect(lines.at(-1)).toBe("Dimas Pratama");
        // The position and the interview date, so HR can place it.
        expect(body).toContain("Staff Accounting");
        expect(body).toContain(w.date);
        expect(body).toContain(w.thanks);
        expect(body).toContain(w.interest);
        expect(body).not.toMatch(w.pushy);
        // Short: a few sentences, not a cover letter.
        expect(body.split(/\s+/).length).toBeLessThan(110);
        if (kind === "follow_up_1" || kind === "follow_up_2") {
          expect(body.toLowerCase()).toContain(w.progress.toLowerCase());
          expect(body).toContain(w.more);
        }
        if (kind === "thank_you") expect(body).toContain(w.more);
        for (const phrase of w.gentle) {
          if (kind === "follow_up_2") expect(body).toContain(phrase);
          else expect(body).not.toContain(phrase);
        }
        for (const phrase of w.cancel) {
          if (kind === "cancel") expect(body.toLowerCase()).toContain(phrase.toLowerCase());
        }
      });
    }
  }
});

describe("draft: greeting, honorifics and missing facts", () => {
  const cases: { name: string | null; id: string; en: string; you: string }[] = [
    {
      name: "Ratna Wijaya",
      id: "Kepada Bapak/Ibu Ratna Wijaya,",
      en: "Dear Ratna Wijaya,",
      you: "Bapak/Ibu",
    },
    { name: "Ibu Ratna Wijaya", id: "Kepada Ibu Ratna Wijaya,", en: "Dear Ms. Ratna Wijaya,", you: "Ibu" },
    {
      name: "Pak Budi Santoso",
      id: "Kepada Bapak Budi Santoso,",
      en: "Dear Mr. Budi Santoso,",
      you: "Bapak",
    },
    { name: "Bpk. Budi", id: "Kepada Bapak Budi,", en: "Dear Mr. Budi,", you: "Bapak" },
    { name: "Ibu Dr. Ratna", id: "Kepada Ibu Ratna,", en: "Dear Ms. Ratna,", you: "Ibu" },
    { name: "Mrs. Jane Doe", id: "Kepada Ibu Jane Doe,", en: "Dear Ms. Jane Doe,", you: "Ibu" },
    {
      name: "Kak Nindya Paramitha",
      id: "Kepada Bapak/Ibu Nindya Paramitha,",
      en: "Dear Nindya Paramitha,",
      you: "Bapak/Ibu",
    },
    {
      name: "  Sdri   Ayu \t Lestari ",
      id: "Kepada Ibu Ayu Lestari,",
      en: "Dear Ms. Ayu Lestari,",
      you: "Ibu",
    },
    { name: null, id: "Kepada Bapak/Ibu,", en: "Dear Hiring Team,", you: "Bapak/Ibu" },
    { name: "", id: "Kepada Bapak/Ibu,", en: "Dear Hiring Team,", you: "Bapak/Ibu" },
    { name: "Pak", id: "Kepada Bapak/Ibu,", en: "Dear Hiring Team,", you: "Bapak/Ibu" },
    // Not names: markup, an address, an injected header line, a sentence.
    { name: "<script>alert(1)</script>", id: "Kepada Bapak/Ibu,", en: "Dear Hiring Team,", you: "Bapak/Ibu" },
    {
      name: '"><img src=x onerror=alert(1)>',
      id: "Kepada Bapak/Ibu,",
      en: "Dear Hiring Team,",
      you: "Bapak/Ibu",
    },
    { name: "hr@mitra.co.id", id: "Kepada Bapak/Ibu,", en: "Dear Hiring Team,", you: "Bapak/Ibu" },
    { name: "Ratna\r\nBcc: evil@x.test", id: "Kepada Bapak/Ibu,", en: "Dear Hiring Team,", you: "Bapak/Ibu" },
    { name: "Tim Rekrutmen ".repeat(6), id: "Kepada Bapak/Ibu,", en: "Dear Hiring Team,", you: "Bapak/Ibu" },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.name), () => {
      const id = draft("follow_up_1", ctx({ recipientName: c.name })).body;
      const en = draft("follow_up_1", ctx({ language: "en", recipientName: c.name })).body;
      expect(id.split("\n")[0]).toBe(c.id);
      expect(en.split("\n")[0]).toBe(c.en);
      expect(id).toContain(`Semoga ${c.you} dalam keadaan baik.`);
      expect(id).toContain(`Terima kasih atas waktu dan perhatian ${c.you}.`);
    });
  }

  it("cleanName keeps a degree and drops what is not a name", () => {
    expect(cleanName("Ratna Wijaya, S.Psi.")).toEqual({ name: "Ratna Wijaya, S.Psi.", gender: null });
    expect(cleanName("Mbak Siti Nur’aini")).toEqual({ name: "Siti Nur’aini", gender: "f" });
    expect(cleanName("Ratna Wijaya,")).toEqual({ name: "Ratna Wijaya", gender: null });
    expect(cleanName("https://evil.test")).toBeNull();
  });

  it("the candidate's own name signs the letter, or a placeholder asks for it", () => {
    for (const kind of KINDS) {
      expect(draft(kind, ctx({ personName: "Sdr. Dimas Pratama" })).body.endsWith("\nDimas Pratama")).toBe(
        true,
      );
      expect(draft(kind, ctx({ personName: null })).body.endsWith("Hormat saya,\n[Nama Anda]")).toBe(true);
      const en = draft(kind, ctx({ language: "en", personName: "<b>x</b>" })).body;
      expect(en.endsWith("Best regards,\n[Your name]")).toBe(true);
    }
    expect(draft("follow_up_1", ctx({ personName: null })).body).toContain(
      "Saya mengikuti wawancara untuk posisi Staff Accounting",
    );
    expect(draft("follow_up_1", ctx({ language: "en", personName: null })).body).toContain(
      "I hope you are well. I interviewed for the Staff Accounting position",
    );
  });

  it("without a position, company or date the sentences still read", () => {
    const bare = { position: null, company: null, interviewAt: null };
    expect(draft("follow_up_1", ctx(bare)).body).toContain(
      "yang mengikuti wawancara untuk posisi yang saya lamar.\n\nApakah ada perkembangan terkait proses seleksi untuk posisi tersebut?",
    );
    expect(draft("follow_up_1", ctx({ ...bare, language: "en" })).body).toContain(
      "I interviewed for the position I applied for.\n\nIs there any progress in the selection process for the position?",
    );
    expect(draft("thank_you", ctx(bare)).body).toContain("tertarik untuk bergabung. Apabila");
    expect(draft("thank_you", ctx({ ...bare, language: "en" })).body).toContain("joining the team.");
    expect(draft("cancel", ctx(bare)).body).toContain(
      "menghadiri wawancara untuk posisi yang saya lamar karena [alasan",
    );
  });

  it("the interview date is the person's calendar day, spelled out", () => {
    // 23.30 WIB on Thursday is already Friday in Makassar and still Thursday morning in New York.
    const late = Date.UTC(2025, 11, 11, 16, 30);
    expect(draft("thank_you", ctx({ interviewAt: late })).body).toContain("pada Kamis, 11 Desember 2025.");
    expect(draft("thank_you", ctx({ interviewAt: late, zone: "Asia/Makassar" })).body).toContain(
      "pada Jumat, 12 Desember 2025.",
    );
    const ny = draft("cancel", ctx({ interviewAt: late, zone: "America/New_York", language: "en" })).body;
    expect(ny).toContain("on Thursday, 11 December 2025 at 11:30 EST because");
    // An unknown zone reads as UTC rather than failing the digest.
    expect(draft("cancel", ctx({ zone: "Nowhere/Void" })).body).toContain("pukul 02.00 UTC karena");
  });
});

describe("draft: subject", () => {
  const cases: { original: string | null; kind: DraftKind; language: "id" | "en"; subject: string }[] = [
    { original: "Undangan Interview", kind: "thank_you", language: "id", subject: "Re: Undangan Interview" },
    {
      original: "RE: Re: Undangan Interview",
      kind: "follow_up_1",
      language: "id",
      subject: "Re: Undangan Interview",
    },
    {
      original: "Fwd: Interview invitation",
      kind: "follow_up_2",
      language: "en",
      subject: "Re: Interview invitation",
    },
    {
      original: null,
      kind: "thank_you",
      language: "id",
      subject: "Terima kasih atas wawancara posisi Staff Accounting",
    },
    {
      original: "  ",
      kind: "follow_up_1",
      language: "id",
      subject: "Tindak lanjut wawancara posisi Staff Accounting",
    },
    {
      original: "Re:",
      kind: "cancel",
      language: "id",
      subject: "Pembatalan wawancara posisi Staff Accounting",
    },
    { original: null, kind: "thank_you", language: "en", subject: "Thank you: Staff Accounting interview" },
    {
      original: null,
      kind: "follow_up_2",
      language: "en",
      subject: "Following up: Staff Accounting interview",
    },
    {
      original: null,
      kind: "cancel",
      language: "en",
      subject: "Unable to attend: Staff Accounting interview",
    },
    {
      original: "Interview\r\nBcc: evil@x.test",
      kind: "thank_you",
      language: "en",
      subject: "Re: Interview Bcc: evil@x.test",
    },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.original)} → ${c.subject}`, () => {
      expect(draft(c.kind, ctx({ originalSubject: c.original, language: c.language })).subject).toBe(
        c.subject,
      );
    });
  }

  it("without a position the subject is still a sentence", () => {
    expect(draft("follow_up_1", ctx({ originalSubject: null, position: null })).subject).toBe(
      "Tindak lanjut wawancara",
    );
    expect(draft("thank_you", ctx({ originalSubject: null, position: null, language: "en" })).subject).toBe(
      "Thank you for the interview",
    );
  });

  it("a long subject is cut to one short line", () => {
    const d = draft("thank_you", ctx({ originalSubject: `Undangan ${"sangat ".repeat(60)}panjang` }));
    expect(Array.from(d.subject).length).toBeLessThanOrEqual(154);
    expect(d.subject.endsWith("…")).toBe(true);
  });
});

describe("draft: mailto", () => {
  for (const language of LANGUAGES) {
    for (const kind of KINDS) {
      it(`${kind} in ${language} round-trips`, () => {
        const d = draft(kind, ctx({ language }));
        expect(d.mailto).not.toBeNull();
        const { to, fields } = readMailto(d.mailto ?? "");
        expect(to).toBe("ratna.wijaya@mitralogistik.co.id");
        expect(fields).toEqual([
          ["subject", d.subject],
          // RFC 6068: line breaks in a body are CRLF.
          ["body", d.body.replace(/\n/g, "\r\n")],
        ]);
        // The WHATWG parser reads it the same way (no "+" for spaces that it would turn into spaces).
        const url = new URL(d.mailto ?? "");
        expect(url.protocol).toBe("mailto:");
        expect(url.pathname).toBe("ratna.wijaya@mitralogistik.co.id");
        expect(url.searchParams.get("subject")).toBe(d.subject);
        expect(url.searchParams.get("body")).toBe(d.body.replace(/\n/g, "\r\n"));
      });
    }
  }

  it("hostile subjects and names stay inside their own field", () => {
    const d = draft(
      "follow_up_1",
      ctx({
        originalSubject: "Jadwal?cc=evil@x.test&bcc=evil2@x.test\r\nBcc: evil3@x.test",
        company: "PT A&B <script>alert(1)</script>",
        position: "Staff%0D%0ABcc:evil@x.test",
        recipientName: "Ratna&to=evil@x.test",
      }),
    );
    expect(d.subject).toBe("Re: Jadwal?cc=evil@x.test&bcc=evil2@x.test Bcc: evil3@x.test");
    const { to, fields } = readMailto(d.mailto ?? "");
    expect(to).toBe("ratna.wijaya@mitralogistik.co.id");
    expect(fields.map(([key]) => key)).toEqual(["subject", "body"]);
    expect(fields[0][1]).toBe(d.subject);
    expect(fields[1][1]).toBe(d.body.replace(/\n/g, "\r\n"));
    expect(fields[1][1]).toContain("PT A&B <script>alert(1)</script>");
    // The name with "&to=" is not a name: the greeting falls back.
    expect(d.body.startsWith("Kepada Bapak/Ibu,\n")).toBe(true);
  });

  it("non-ASCII text is UTF-8 percent-encoded", () => {
    const d = draft(
      "thank_you",
      ctx({ company: "PT Kopi Nusantara — Café", recipientName: "Siti Nur’aini" }),
    );
    expect(d.mailto).toContain("%E2%80%94%20Caf%C3%A9");
    expect(readMailto(d.mailto ?? "").fields[1][1]).toContain("PT Kopi Nusantara — Café");
  });

  const refused = [
    null,
    "",
    "ratna@mitra.co.id?cc=evil@x.test",
    "ratna@mitra.co.id&bcc=evil@x.test",
    "ratna@mitra.co.id,evil@x.test",
    "hr?cc=evil@mitra.co.id",
    "hr&body=x@mitra.co.id",
    "hr%0D%0Abcc@mitra.co.id",
    "ratna@mitra.co.id\r\nBcc: evil@x.test",
    "ratna@mitra.co.id\n",
    " ratna@mitra.co.id",
    "ratna wijaya@mitra.co.id",
    "Ratna <ratna@mitra.co.id>",
    "ratna%40evil.test@mitra.co.id",
    "ratna@evil.test@mitra.co.id",
    "javascript:alert(1)//@x.test",
    "ratna@localhost",
    "ratna@-mitra.co.id",
    "ratna..wijaya@mitra.co.id",
    ".ratna@mitra.co.id",
    "ratna@mitra.co.id#x",
    "ratna@mitra.co.1",
  ];
  for (const address of refused) {
    it(`no link to ${JSON.stringify(address)}`, () => {
      expect(plainAddress(address)).toBeNull();
      const d = draft("thank_you", ctx({ recipientAddress: address }));
      expect(d.mailto).toBeNull();
      // The draft itself is still there to copy by hand.
      expect(d.body).toContain("Terima kasih atas waktu");
    });
  }

  it("plain addresses are accepted as written", () => {
    for (const address of ["hr@mitra.co.id", "o'neil+jobs@mail.example.com", "A.B-C_d@Sub-1.Example.ID"]) {
      expect(plainAddress(address)).toBe(address);
    }
  });
});
