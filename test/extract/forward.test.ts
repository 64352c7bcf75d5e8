// The forwarded-mail unwrapper: the peer suite (13 clients, 23 languages), Indonesian layouts, replies that
// must be left alone, nests, and hostile bodies.
import { describe, expect, it } from "vitest";
import { parseHeaderDate, stripSubjectPrefixes, unwrapForward } from "../../src/extract/forward";
import type { Address, ForwardedOriginal } from "../../src/extract/types";
import suite from "../fixtures/forwards/expected.json";

interface SuiteEntry {
  body: string;
  subjectFile: string | null;
  client: string;
  locale: string;
  variant: string | null;
  forwarded: boolean;
  from: { address: string | null; name: string | null } | null;
  to?: { address: string | null; name: string | null }[];
  cc?: { address: string | null; name: string | null }[];
  subject: string | null;
  date: string | null;
  outerSubject?: string;
}

const fixtureTexts = import.meta.glob<string>("../fixtures/forwards/fixtures/*.txt", {
  query: "?raw",
  import: "default",
  eager: true,
});

function fixture(path: string): string {
  const text = fixtureTexts[`../fixtures/forwards/${path}`];
  if (text === undefined) throw new Error(`missing fixture ${path}`);
  return text;
}

const squash = (text: string | null | undefined): string => (text ?? "").replace(/\s+/g, " ").trim();

/** The outer subject each case was sent with, as the scorer builds it. */
function outerSubjectOf(entry: SuiteEntry): string {
  if (entry.subjectFile) return squash(fixture(entry.subjectFile).replace(/^\uFEFF/, ""));
  return entry.outerSubject ?? `Fwd: ${entry.subject}`;
}

/** Addresses compare without case; a missing name is "" here and null upstream. */
function mailboxes(list: readonly (Address | { address: string | null; name: string | null })[]): string[] {
  return list.map((box) => `${(box.address ?? "").toLowerCase()} | ${squash(box.name)}`);
}

const cases = (suite as SuiteEntry[]).map((entry) => ({
  ...entry,
  name: `${entry.body.replace("fixtures/", "")}${entry.subjectFile ? ` + ${entry.subjectFile.replace("fixtures/", "")}` : ""}`,
}));

describe("unwrapForward over the email-forward-parser suite", () => {
  it("loads every case and its fixture", () => {
    expect(cases).toHaveLength(206);
    expect(new Set(cases.map((entry) => entry.client)).size).toBe(13);
    for (const entry of cases) expect(fixture(entry.body), entry.name).not.toBe("");
  });

  it.each(cases.filter((entry) => entry.forwarded))("$name", (entry) => {
    const found = unwrapForward(fixture(entry.body), outerSubjectOf(entry));
    expect(found).not.toBeNull();
    const original = found as ForwardedOriginal;
    expect(mailboxes(original.from ? [original.from] : [])).toEqual(
      mailboxes(entry.from ? [entry.from] : []),
    );
    expect(squash(original.subject)).toBe(squash(entry.subject));
    expect(mailboxes(original.to)).toEqual(mailboxes(entry.to ?? []));
    expect(mailboxes(original.cc)).toEqual(mailboxes(entry.cc ?? []));
    expect(original.dateText).not.toBeNull();
    expect(original.date).not.toBeNull();
    expect(original.body).toMatch(/^(Aenean quis diam urna\.|Unicum iter ad supremum\.)/);
  });

  it.each(cases.filter((entry) => !entry.forwarded))("leaves the reply $name alone", (entry) => {
    expect(unwrapForward(fixture(entry.body), outerSubjectOf(entry))).toBeNull();
  });

  it("keeps the forwarder's note and drops the separator and quote markers", () => {
    const found = unwrapForward(fixture("fixtures/apple_mail_en_body_variant_13.txt"), "Fwd: x");
    expect(found?.note).toBe("Praesent suscipit egestas hendrerit.\n\nAliquam eget dui dui.");
    expect(found?.body.startsWith("Aenean quis diam urna.")).toBe(true);
    expect(found?.body).toContain("\nFrom: Bessie Berry <bessie.berry@acme.com>\n");
    expect(found?.dateText).toBe("17 août 2022 à 09:06:24 UTC+2");
  });

  it("reads an Outlook 2019 'On … wrote:' forward, with its byte-order mark and CRLF", () => {
    const found = unwrapForward(
      fixture("fixtures/outlook_2019_en_body_variant_2.txt"),
      "FW: Integer consequat",
    );
    expect(found).toMatchObject({
      from: { name: "John Doe", address: "john.doe@acme.com" },
      subject: "Integer consequat",
      dateText: "28/10/2021 12:46",
      date: { year: 2021, month: 10, day: 28, hour: 12, minute: 46 },
      note: "Praesent suscipit egestas hendrerit.\n\nAliquam eget dui dui.",
    });
    expect(found?.body).not.toContain("\r");
    expect(found?.body.startsWith("Aenean")).toBe(true);
  });

  it("needs the forward prefix for an 'On … wrote:' line", () => {
    expect(unwrapForward(fixture("fixtures/outlook_2019_en_body.txt"), null)).toBeNull();
    expect(unwrapForward(fixture("fixtures/outlook_2019_en_body.txt"), "Integer consequat")).toBeNull();
  });
});

const rina = "rina.candidate@gmail.com";

interface IndonesianCase {
  name: string;
  text: string;
  subject: string;
  want: Partial<ForwardedOriginal>;
  body: string;
}

const indonesian: IndonesianCase[] = [
  {
    name: "Gmail (only From localised)",
    text: [
      "Tolong dicek ya.",
      "",
      "---------- Forwarded message ---------",
      "Dari: Budi Santoso <budi.santoso@majujaya.co.id>",
      "Date: Sen, 17 Nov 2025 pukul 09.00",
      "Subject: Undangan Interview - Staff Admin",
      `To: <${rina}>`,
      "",
      "",
      "Dengan hormat,",
    ].join("\n"),
    subject: "Fwd: Undangan Interview - Staff Admin",
    want: {
      from: { name: "Budi Santoso", address: "budi.santoso@majujaya.co.id" },
      to: [{ name: "", address: rina }],
      cc: [],
      subject: "Undangan Interview - Staff Admin",
      dateText: "Sen, 17 Nov 2025 pukul 09.00",
      date: { year: 2025, month: 11, day: 17, hour: 9, minute: 0 },
      note: "Tolong dicek ya.",
    },
    body: "Dengan hormat,",
  },
  {
    name: "Gmail (all labels localised)",
    text: [
      "---------- Forwarded message ---------",
      "Dari: Budi Santoso <budi.santoso@majujaya.co.id>",
      "Tanggal: Sel, 2 Des 2025 pukul 14.30",
      "Subjek: Jadwal Interview User",
      `Kepada: Rina Wulandari <${rina}>`,
      "Cc: HR Maju Jaya <hr@majujaya.co.id>",
      "",
      "Halo Rina,",
    ].join("\n"),
    subject: "Fwd: Jadwal Interview User",
    want: {
      from: { name: "Budi Santoso", address: "budi.santoso@majujaya.co.id" },
      to: [{ name: "Rina Wulandari", address: rina }],
      cc: [{ name: "HR Maju Jaya", address: "hr@majujaya.co.id" }],
      subject: "Jadwal Interview User",
      date: { year: 2025, month: 12, day: 2, hour: 14, minute: 30 },
      note: "",
    },
    body: "Halo Rina,",
  },
  {
    name: "Outlook on the web",
    text: [
      "Sekadar meneruskan, untuk arsip.",
      "",
      "________________________________",
      "Dari: Rekrutmen PT Kopi Senja <recruitment@kopisenja.co.id>",
      "Dikirim: Kamis, 11 Desember 2025 11.05",
      `Kepada: Rina Wulandari <${rina}>`,
      "Cc: Andreas Siregar <andreas@kopisenja.co.id>",
      "Subjek: Undangan Wawancara - Café Operations Supervisor",
      "",
      "Dengan hormat,",
    ].join("\r\n"),
    subject: "FW: Undangan Wawancara - Café Operations Supervisor",
    want: {
      from: { name: "Rekrutmen PT Kopi Senja", address: "recruitment@kopisenja.co.id" },
      cc: [{ name: "Andreas Siregar", address: "andreas@kopisenja.co.id" }],
      subject: "Undangan Wawancara - Café Operations Supervisor",
      dateText: "Kamis, 11 Desember 2025 11.05",
      date: { year: 2025, month: 12, day: 11, hour: 11, minute: 5 },
      note: "Sekadar meneruskan, untuk arsip.",
    },
    body: "Dengan hormat,",
  },
  {
    name: "Outlook desktop (Pesan Asli)",
    text: [
      "-----Pesan Asli-----",
      "Dari: Siti Rahma [mailto:siti.rahma@abc.co.id]",
      "Dikirim: Senin, 17 November 2025 9:00",
      `Kepada: ${rina}`,
      "Perihal: Jadwal Psikotes",
      "",
      "Halo Rina,",
    ].join("\n"),
    subject: "TRS: Jadwal Psikotes",
    want: {
      from: { name: "Siti Rahma", address: "siti.rahma@abc.co.id" },
      to: [{ name: "", address: rina }],
      subject: "Jadwal Psikotes",
      date: { year: 2025, month: 11, day: 17, hour: 9, minute: 0 },
    },
    body: "Halo Rina,",
  },
  {
    name: "Thunderbird",
    text: [
      "",
      "",
      "-------- Pesan Diteruskan --------",
      "Subjek: \tUndangan Interview User",
      "Tanggal: \tMon, 17 Nov 2025 09:00:00 +0700",
      "Dari: \tDewi Lestari <dewi@nusantara.id>",
      `Kepada: \t${rina}`,
      "",
      "",
      "",
      "Selamat pagi,",
    ].join("\n"),
    subject: "Fwd: Undangan Interview User",
    want: {
      from: { name: "Dewi Lestari", address: "dewi@nusantara.id" },
      subject: "Undangan Interview User",
      dateText: "Mon, 17 Nov 2025 09:00:00 +0700",
      date: { year: 2025, month: 11, day: 17, hour: 9, minute: 0, offsetMinutes: 420 },
    },
    body: "Selamat pagi,",
  },
  {
    name: "Apple Mail (quoted)",
    text: [
      "> Awal pesan yang diteruskan:",
      ">",
      "> Dari: Dewi Lestari <dewi@nusantara.id>",
      "> Subjek: Undangan Interview User",
      "> Tanggal: 17 November 2025 pukul 09.00.00 WIB",
      "> Kepada: Rina <rina.candidate@icloud.com>",
      ">",
      "> Selamat pagi Rina,",
      "> Kami mengundang Anda.",
    ].join("\n"),
    subject: "Fwd: Undangan Interview User",
    want: {
      from: { name: "Dewi Lestari", address: "dewi@nusantara.id" },
      to: [{ name: "Rina", address: "rina.candidate@icloud.com" }],
      subject: "Undangan Interview User",
      date: { year: 2025, month: 11, day: 17, hour: 9, minute: 0, offsetMinutes: 420 },
      note: "",
    },
    body: "Selamat pagi Rina,\nKami mengundang Anda.",
  },
  {
    name: "Yahoo (header block on one line)",
    text:
      "   ----- Pesan yang Diteruskan ----- Dari: Dewi Lestari <dewi@nusantara.id>Kepada: " +
      '"rina.candidate@yahoo.com" <rina.candidate@yahoo.com>Dikirim: Senin, 17 November 2025 09.00.00 WIB' +
      "Subjek: Undangan Interview User\n Selamat pagi,\n",
    subject: "Fwd: Undangan Interview User",
    want: {
      from: { name: "Dewi Lestari", address: "dewi@nusantara.id" },
      to: [{ name: "", address: "rina.candidate@yahoo.com" }],
      subject: "Undangan Interview User",
      dateText: "Senin, 17 November 2025 09.00.00 WIB",
      date: { year: 2025, month: 11, day: 17, hour: 9, minute: 0, offsetMinutes: 420 },
    },
    body: "Selamat pagi,",
  },
  {
    name: "Outlook 2019 (Pada … menulis:)",
    text: '\uFEFFPada 17/11/25 09.00, "Budi Santoso" <budi.santoso@majujaya.co.id> menulis:\r\n\r\n    Dengan hormat,\r\n    Kami mengundang Anda.\r\n',
    subject: "FW: Undangan Interview",
    want: {
      from: { name: "Budi Santoso", address: "budi.santoso@majujaya.co.id" },
      to: [],
      subject: "Undangan Interview",
      dateText: "17/11/25 09.00",
      date: { year: 2025, month: 11, day: 17, hour: 9, minute: 0 },
    },
    body: "Dengan hormat,\nKami mengundang Anda.",
  },
];

describe("unwrapForward on Indonesian clients", () => {
  it.each(indonesian)("$name", ({ text, subject, want, body }) => {
    const found = unwrapForward(text, subject);
    expect(found).toMatchObject(want);
    expect(found?.body).toBe(body);
  });
});

describe("unwrapForward leaves replies and plain mail alone", () => {
  const outlookReply = [
    "Baik, saya bersedia hadir.",
    "",
    "________________________________",
    "Dari: HRD PT Maju Jaya <hr@majujaya.co.id>",
    "Dikirim: Senin, 17 November 2025 09.00",
    `Kepada: ${rina}`,
    "Subjek: Undangan Interview",
    "",
    "Dengan hormat,",
  ].join("\n");

  it.each([
    ["RE:", outlookReply, "RE: Undangan Interview"],
    ["Balas:", outlookReply, "Balas: Undangan Interview"],
    [
      "AW: over a quoted forward",
      "Danke.\n\n---------- Forwarded message ---------\nVon: A <a@b.de>\nDate: x\n",
      "AW: x",
    ],
    [
      "a Gmail reply quoting a forward, subject without prefix",
      [
        "Baik, saya hadir.",
        "",
        "Pada tanggal Sen, 17 Nov 2025 pukul 09.00 Budi Santoso <budi@majujaya.co.id>",
        "menulis:",
        "",
        "> ---------- Forwarded message ---------",
        "> Dari: X <x@majujaya.co.id>",
        "> Date: Sen, 17 Nov 2025 pukul 08.00",
      ].join("\n"),
      "Undangan Interview",
    ],
    [
      "a letter's Dari / Tanggal lines",
      "Kepada Yth. Sdr. Budi\n\nDari: HRD PT ABC\nTanggal: Senin, 24 November 2025\nWaktu: 10.00 WIB\n",
      "Fwd: Undangan Interview",
    ],
    ["an interview slot written From / To", "Jadwal:\nFrom: 10:00\nTo: 11:00\n", "Interview schedule"],
    ["an empty body", "", "Fwd: x"],
  ])("%s", (_name, text, subject) => {
    expect(unwrapForward(text, subject)).toBeNull();
  });

  it("still unwraps an Outlook block when the subject has no prefix and From names an address", () => {
    expect(unwrapForward(outlookReply, "Undangan Interview")?.from?.address).toBe("hr@majujaya.co.id");
  });
});

describe("nested forwards give the most recent one", () => {
  function nest(depth: number): string {
    const parts = ["Catatan saya di atas."];
    for (let level = 0; level < depth; level++) {
      parts.push(
        "",
        "---------- Forwarded message ---------",
        `From: Person ${level} <p${level}@example.co.id>`,
        "Date: Wed, Oct 27, 2021 at 9:31 AM",
        `Subject: Level ${level}`,
        "To: <someone@example.co.id>",
        "",
        `Body ${level}`,
      );
    }
    return parts.join("\n");
  }

  it("50 deep", () => {
    const found = unwrapForward(nest(50), "Fwd: Level 0");
    expect(found?.from).toEqual({ name: "Person 0", address: "p0@example.co.id" });
    expect(found?.subject).toBe("Level 0");
    expect(found?.note).toBe("Catatan saya di atas.");
    expect(found?.body.startsWith("Body 0\n\n---------- Forwarded message ---------\nFrom: Person 1")).toBe(
      true,
    );
  });

  it.each(["gmail", "outlook_live", "new_outlook_2019", "thunderbird"])("%s variant 15", (client) => {
    const found = unwrapForward(fixture(`fixtures/${client}_en_body_variant_15.txt`), "Fwd: x");
    expect(found?.subject).toBe("Integer consequat non purus");
    expect(found?.body).toContain("TR: ***URGENT*** 2028/22/kb Integer consequat non purus");
  });
});

describe("From lines that name no address", () => {
  it.each([
    [
      "-----Original Message-----\nFrom: John Doe\nSent: 23 July 2022 07:53\nTo: Bessie Berry\nSubject: Hi\n",
      "FW: Hi",
    ],
    [
      "---------- Forwarded message ---------\nDari: Tim Rekrutmen\nDate: Sen, 17 Nov 2025 pukul 09.00\nSubject: Hi\n",
      "Fwd: Hi",
    ],
  ])("%#", (text, subject) => {
    const found = unwrapForward(text, subject);
    expect(found?.from?.address).toBeNull();
    expect(found?.from?.name).toMatch(/^(John Doe|Tim Rekrutmen)$/);
    expect(found?.subject).toBe("Hi");
  });
});

describe("addresses as clients write them", () => {
  it.each([
    ["Name <x@y>", "Budi <budi@x.id>", { name: "Budi", address: "budi@x.id" }],
    ["quoted name", '"Santoso, Budi" <budi@x.id>', { name: "Santoso, Budi", address: "budi@x.id" }],
    ["Outlook 'Last, First'", "Santoso, Budi <budi@x.id>", { name: "Santoso, Budi", address: "budi@x.id" }],
    ["mailto in brackets", "Budi [mailto:budi@x.id]", { name: "Budi", address: "budi@x.id" }],
    [
      "mailto link twice",
      "Budi<mailto:budi@x.id> <budi@x.id<mailto:budi@x.id>>",
      { name: "Budi", address: "budi@x.id" },
    ],
    ["address as name", "budi@x.id <budi@x.id>", { name: "", address: "budi@x.id" }],
    ["bare address", "budi@x.id", { name: "", address: "budi@x.id" }],
    ["bold label", "*From:* Budi <budi@x.id>", { name: "Budi", address: "budi@x.id" }],
  ])("%s", (_name, from, want) => {
    const line = from.startsWith("*From:*") ? from : `From: ${from}`;
    const found = unwrapForward(`${line}\nSent: Monday, 1 December 2025 10:03\nSubject: x\n\nbody`, "FW: x");
    expect(found?.from).toEqual(want);
  });
});

describe("hostile bodies are read without throwing", () => {
  const megabyte = 1 << 20;
  const fill = (unit: string) => unit.repeat(Math.ceil(megabyte / unit.length));

  it.each([
    ["From lines", fill("From: a\n")],
    ["one dashed line", fill("-")],
    ["nested quote markers", fill(">")],
    ["separators with no header", fill("---------- Forwarded message ---------\n")],
    ["'wrote:' lines", fill("On 28/10/2021 12:46 somebody wrote:\n")],
    ["line breaks only", fill("\r\n")],
    ["byte-order marks", fill("\uFEFF")],
  ])("%s → null", (_name, text) => {
    expect(unwrapForward(text, "Fwd: x")).toBeNull();
  });

  it("cuts a 1 MB forwarded body", () => {
    const text = `---------- Forwarded message ---------\nFrom: A <a@b.id>\nSubject: s\n\n${fill("isi surat\n")}`;
    const found = unwrapForward(text, "Fwd: s");
    expect(found?.from?.address).toBe("a@b.id");
    expect(found?.body.length).toBeLessThanOrEqual(100_000);
    expect(found?.body.startsWith("isi surat\nisi surat")).toBe(true);
  });

  it("reads a Yahoo header whose From is a run of brackets", () => {
    const found = unwrapForward(
      `----- Forwarded Message ----- From: ${"<".repeat(1500)}To: x@y.z\nbody`,
      "Fwd: x",
    );
    expect(found?.from).toBeNull();
    expect(found?.to).toEqual([{ name: "", address: "x@y.z" }]);
    expect(found?.body).toBe("body");
  });

  it("reads only the start of a Yahoo header line", () => {
    expect(
      unwrapForward(`----- Forwarded Message ----- From: ${"<".repeat(3000)}To: x@y.z\n`, "Fwd: x"),
    ).toBeNull();
  });

  it("answers null for values that are not strings", () => {
    expect(unwrapForward(undefined as unknown as string, null)).toBeNull();
    expect(unwrapForward(42 as unknown as string, 7 as unknown as string)).toBeNull();
  });
});

describe("stripSubjectPrefixes", () => {
  it.each([
    ["Fwd: RE: FW: x", "x"],
    ["Fwd: Undangan Interview", "Undangan Interview"],
    ["AW: WG: Einladung", "Einladung"],
    ["TR: RE: Entretien", "Entretien"],
    ["RV: Entrevista", "Entrevista"],
    ["VS: Sv: Haastattelu", "Haastattelu"],
    ["Antw: Doorst.: Gesprek", "Gesprek"],
    ["İLT: Görüşme", "Görüşme"],
    ["Redir.: Interviu", "Interviu"],
    ["I: Colloquio", "Colloquio"],
    ["Videresend: Intervju", "Intervju"],
    ["PD: Rozmowa", "Rozmowa"],
    ["ENC: Entrevista", "Entrevista"],
    ["VB: Intervju", "Intervju"],
    ["Trs: Balas: Jadwal", "Jadwal"],
    ["RE[2]: Fwd (3): x", "x"],
    ["Re : Fwd：x", "x"],
    ["  FW:   Interview   schedule ", "Interview schedule"],
    ["[EXTERNAL] RE: x", "[EXTERNAL] RE: x"],
    ["Interview: Budi", "Interview: Budi"],
    ["Recap: Interview", "Recap: Interview"],
  ])("%s → %s", (subject, want) => {
    expect(stripSubjectPrefixes(subject)).toBe(want);
  });
});

describe("the original's subject taken from the outer subject", () => {
  const text = '\uFEFFOn 28/10/2021 12:46, "John Doe" <john.doe@acme.com> wrote:\n\nHello';
  it.each([
    ["FW: Interview", "Interview"],
    ["[EXT] FW: Interview", "Interview"],
    ["FW: Fwd: Interview", "Interview"],
    ["FW: RE: Interview", "RE: Interview"],
    ["Videresend: Intervju", "Intervju"],
  ])("%s → %s", (outer, want) => {
    expect(unwrapForward(text, outer)?.subject).toBe(want);
  });
});

describe("parseHeaderDate", () => {
  it.each([
    ["Wed, Oct 27, 2021 at 9:31 AM", { year: 2021, month: 10, day: 27, hour: 9, minute: 31 }],
    ["Monday, 1 August 2022 11:11 pm", { year: 2022, month: 8, day: 1, hour: 23, minute: 11 }],
    ["Sen, 17 Nov 2025 pukul 09.00", { year: 2025, month: 11, day: 17, hour: 9, minute: 0 }],
    ["Kamis, 11 Desember 2025 11.05", { year: 2025, month: 12, day: 11, hour: 11, minute: 5 }],
    [
      "17 Agustus 2025 pukul 08.00 WIB",
      { year: 2025, month: 8, day: 17, hour: 8, minute: 0, offsetMinutes: 420 },
    ],
    [
      "Wed, 3 Nov 2021 15:51:30 +0100",
      { year: 2021, month: 11, day: 3, hour: 15, minute: 51, offsetMinutes: 60 },
    ],
    [
      "Tuesday, November 2, 2021, 09:26:50 AM GMT+1",
      { year: 2021, month: 11, day: 2, hour: 9, minute: 26, offsetMinutes: 60 },
    ],
    [
      "26. října 2021 14:25:08 GMT+3",
      { year: 2021, month: 10, day: 26, hour: 14, minute: 25, offsetMinutes: 180 },
    ],
    [
      "26. listopada 2021. u 14:25:08 EEST",
      { year: 2021, month: 10, day: 26, hour: 14, minute: 25, offsetMinutes: 180 },
    ],
    [
      "wtorek, 2 listopada 2021, 09:26:50 CET",
      { year: 2021, month: 11, day: 2, hour: 9, minute: 26, offsetMinutes: 60 },
    ],
    ["2021. okt. 27., Sze, 9:31", { year: 2021, month: 10, day: 27, hour: 9, minute: 31 }],
    ["st 27. 10. 2021 v 9:31", { year: 2021, month: 10, day: 27, hour: 9, minute: 31 }],
    [
      "martes, 2 de noviembre de 2021 09:26:50 CET",
      { year: 2021, month: 11, day: 2, hour: 9, minute: 26, offsetMinutes: 60 },
    ],
    ["ср, 27 окт. 2021 г. в 09:31", { year: 2021, month: 10, day: 27, hour: 9, minute: 31 }],
    [
      "2022年9月19日月曜日 17:55:44 -0400",
      { year: 2022, month: 9, day: 19, hour: 17, minute: 55, offsetMinutes: -240 },
    ],
    ["28/10/2021 12:46", { year: 2021, month: 10, day: 28, hour: 12, minute: 46 }],
    ["02/10/2023 4:52 PM EST", { year: 2023, month: 2, day: 10, hour: 16, minute: 52, offsetMinutes: -300 }],
    [
      "tiistaina 2. marraskuuta 2021 klo 09.26.50 UTC+1",
      { year: 2021, month: 11, day: 2, hour: 9, minute: 26, offsetMinutes: 60 },
    ],
  ])("%s", (text, want) => {
    expect(parseHeaderDate(text)).toEqual(want);
  });

  it.each([
    ["Senin, 24 November 2025"],
    ["31/02/2025 10:00"],
    ["yesterday at noon"],
    [""],
    ["Mon, Nov 24 at 10:05"],
  ])("%s → null", (text) => {
    expect(parseHeaderDate(text)).toBeNull();
  });
});
