// Every review reason process.ts and limits.ts can store, worded for an Indonesian and an English reader.
import { describe, expect, it } from "vitest";
import { tooBigToRead } from "../../src/mail/limits";
import { reviewReasonText } from "../../src/mail/review-reasons";

// The reasons as the code stores them (grep reviewReason / review( in src/mail): the English text is the key.
const REASONS: { stored: string; id: string; en: string }[] = [
  { stored: "company not found", id: "nama perusahaan tidak ditemukan", en: "company not found" },
  {
    stored: "no interview date found",
    id: "tanggal interview tidak ditemukan",
    en: "no interview date found",
  },
  {
    stored: "not sure what kind of message this is",
    id: "belum jelas ini email jenis apa",
    en: "not sure what kind of message this is",
  },
  {
    stored: "sent by you, but no application matches it",
    id: "dikirim oleh Anda, tetapi tidak cocok dengan lamaran mana pun",
    en: "sent by you, but no application matches it",
  },
  { stored: "the same message as #42", id: "sama dengan pesan #42", en: "the same message as #42" },
  {
    stored: "could not be read as an email (Error: Unexpected end of header)",
    id: "tidak bisa dibaca sebagai email (Error: Unexpected end of header)",
    en: "could not be read as an email (Error: Unexpected end of header)",
  },
  {
    // The error may hold parentheses of its own.
    stored: "the extractor failed (TypeError: Cannot read properties of null (reading 'start'))",
    id: "isi email gagal diurai (TypeError: Cannot read properties of null (reading 'start'))",
    en: "the extractor failed (TypeError: Cannot read properties of null (reading 'start'))",
  },
  {
    stored: "too large to read right away (1.5 MB); kept for review",
    id: "terlalu besar untuk langsung dibaca (1,5 MB); disimpan untuk ditinjau",
    en: "too large to read right away (1.5 MB); kept for review",
  },
  {
    stored: "too many lines to read right away; kept for review",
    id: "terlalu banyak baris untuk langsung dibaca; disimpan untuk ditinjau",
    en: "too many lines to read right away; kept for review",
  },
];

describe("reviewReasonText", () => {
  it.each(REASONS)("$stored (id)", ({ stored, id }) => {
    expect(reviewReasonText(stored, "id")).toBe(id);
  });

  it.each(REASONS)("$stored (en)", ({ stored, en }) => {
    expect(reviewReasonText(stored, "en")).toBe(en);
  });

  it("words the reasons limits.ts actually writes", () => {
    const big = tooBigToRead(new Uint8Array(1572864), { bytes: 1024, lines: 10 });
    expect(big).toBe("too large to read right away (1.5 MB); kept for review");
    expect(reviewReasonText(big ?? "", "id")).toBe(
      "terlalu besar untuk langsung dibaca (1,5 MB); disimpan untuk ditinjau",
    );
    const long = tooBigToRead(new Uint8Array(20).fill(10), { bytes: 1024, lines: 10 });
    expect(long).toBe("too many lines to read right away; kept for review");
    expect(reviewReasonText(long ?? "", "id")).toBe(
      "terlalu banyak baris untuk langsung dibaca; disimpan untuk ditinjau",
    );
  });

  it("keeps a multi-line error, as String(error) can be", () => {
    expect(reviewReasonText("could not be read as an email (Error: bad\nheader)", "id")).toBe(
      "tidak bisa dibaca sebagai email (Error: bad\nheader)",
    );
  });

  it("returns an unknown reason unchanged, in both languages", () => {
    for (const reason of [
      "two different interview dates",
      "",
      "company not found, twice",
      "the same message as #x",
      "Company Not Found",
    ]) {
      expect(reviewReasonText(reason, "id")).toBe(reason);
      expect(reviewReasonText(reason, "en")).toBe(reason);
    }
  });
});
