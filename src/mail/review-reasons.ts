/**
 * Review reasons in the reader's language. process.ts and limits.ts store them in English (messages.reviewReason)
 * and the stored text stays as it is: it is matched here by its stable wording, so that an Indonesian reply or
 * digest line carries no English words. A reason not known here (an old or new wording) is shown unchanged.
 */

type Language = "id" | "en";

/** Each known reason: its stored English form, and the words for each language given what the form captured. */
const REASONS: { stored: RegExp; text: Record<Language, (detail: string) => string> }[] = [
  {
    stored: /^company not found$/,
    text: { id: () => "nama perusahaan tidak ditemukan", en: () => "company not found" },
  },
  {
    stored: /^no interview date found$/,
    text: { id: () => "tanggal interview tidak ditemukan", en: () => "no interview date found" },
  },
  {
    stored: /^not sure what kind of message this is$/,
    text: {
      id: () => "belum jelas ini email jenis apa",
      en: () => "not sure what kind of message this is",
    },
  },
  {
    stored: /^sent by you, but no application matches it$/,
    text: {
      id: () => "dikirim oleh Anda, tetapi tidak cocok dengan lamaran mana pun",
      en: () => "sent by you, but no application matches it",
    },
  },
  {
    stored: /^the same message as (#\d+)$/,
    text: { id: (n) => `sama dengan pesan ${n}`, en: (n) => `the same message as ${n}` },
  },
  {
    // The error text is cut at 120 characters and may hold anything, parentheses and line breaks included.
    stored: /^could not be read as an email \(([\s\S]*)\)$/,
    text: {
      id: (error) => `tidak bisa dibaca sebagai email (${error})`,
      en: (error) => `could not be read as an email (${error})`,
    },
  },
  {
    stored: /^the extractor failed \(([\s\S]*)\)$/,
    text: {
      id: (error) => `isi email gagal diurai (${error})`,
      en: (error) => `the extractor failed (${error})`,
    },
  },
  {
    stored: /^too large to read right away \((\d+(?:\.\d+)?) MB\); kept for review$/,
    text: {
      // Indonesian writes the decimal separator as a comma: 1,5 MB.
      id: (mb) => `terlalu besar untuk langsung dibaca (${mb.replace(".", ",")} MB); disimpan untuk ditinjau`,
      en: (mb) => `too large to read right away (${mb} MB); kept for review`,
    },
  },
  {
    stored: /^too many lines to read right away; kept for review$/,
    text: {
      id: () => "terlalu banyak baris untuk langsung dibaca; disimpan untuk ditinjau",
      en: () => "too many lines to read right away; kept for review",
    },
  },
];

/** A stored review reason in `language`: details such as `#12` or the error in parentheses are kept. */
export function reviewReasonText(reason: string, language: Language): string {
  for (const { stored, text } of REASONS) {
    const match = stored.exec(reason);
    if (match) return text[language](match[1] ?? "");
  }
  return reason;
}
