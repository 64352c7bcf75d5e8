/**
 * The rules page: every number of RULES.md with a line saying what it does, plus the account's zone and language.
 * Saving replans every application of the account, so the reminders follow the new rules at once.
 */
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { type Account, database } from "../db/queries";
import { replanAll } from "../db/reminders";
import { accounts } from "../db/schema";
import { isZone } from "../extract/zone";
import { DEFAULT_RULES, parseRules, type Rules, timeToMinutes } from "../plan/rules";
import { CsrfField, checkCsrfToken, csrfToken, requireAccount, type WebEnv } from "./auth";
import { FieldError, type Lang, Page, pickLanguage } from "./page";

type Text = Record<Lang, string>;

type Field =
  | { key: keyof Rules; type: "time"; label: Text; help: Text }
  | { key: keyof Rules; type: "number"; min: number; max: number; label: Text; help: Text }
  | { key: keyof Rules; type: "bool"; label: Text; help: Text }
  | { key: "thankYouAfterScreening"; type: "screening"; label: Text; help: Text };

const FIELDS: readonly Field[] = [
  {
    key: "workStart",
    type: "time",
    label: { id: "Jam kerja mulai", en: "Working hours start" },
    help: {
      id: "Pengingat tidak jatuh sebelum jam ini.",
      en: "No reminder falls before this time.",
    },
  },
  {
    key: "workEnd",
    type: "time",
    label: { id: "Jam kerja selesai", en: "Working hours end" },
    help: {
      id: "Pengingat tidak jatuh setelah jam ini; harus setelah jam mulai.",
      en: "No reminder falls after this time; must be after the start.",
    },
  },
  {
    key: "digestTime",
    type: "time",
    label: { id: "Jam digest", en: "Digest time" },
    help: { id: "Jam ringkasan harian dikirim.", en: "When the daily digest is sent." },
  },
  {
    key: "thankYouWithinHours",
    type: "number",
    min: 1,
    max: 168,
    label: { id: "Ucapan terima kasih dalam (jam)", en: "Thank-you within (hours)" },
    help: {
      id: "Berapa jam setelah interview email terima kasih sebaiknya terkirim.",
      en: "How many hours after an interview the thank-you should be sent.",
    },
  },
  {
    key: "thankYouAfterScreening",
    type: "screening",
    label: { id: "Terima kasih setelah screening", en: "Thank-you after screening" },
    help: {
      id: "Apakah terima kasih setelah screening HR wajib atau opsional.",
      en: "Whether a thank-you after an HR screening is required or optional.",
    },
  },
  {
    key: "cancelNoticeHours",
    type: "number",
    min: 1,
    max: 168,
    label: { id: "Batas pembatalan (jam)", en: "Cancel notice (hours)" },
    help: {
      id: "Kalau harus membatalkan, beri tahu paling lambat sekian jam sebelum interview.",
      en: "If you must cancel, tell them at least this many hours before the interview.",
    },
  },
  {
    key: "followUpWithoutPromiseBusinessDays",
    type: "number",
    min: 1,
    max: 90,
    label: { id: "Follow-up tanpa janji (hari kerja)", en: "Follow-up without a promise (business days)" },
    help: {
      id: "Kalau tidak dijanjikan tanggal kabar, follow-up setelah sekian hari kerja.",
      en: "When no answer date was promised, follow up after this many business days.",
    },
  },
  {
    key: "secondFollowUpAfterDays",
    type: "number",
    min: 1,
    max: 90,
    label: { id: "Follow-up kedua setelah (hari)", en: "Second follow-up after (days)" },
    help: {
      id: "Hari setelah follow-up pertama tanpa jawaban.",
      en: "Days after an unanswered first follow-up.",
    },
  },
  {
    key: "stopAfterSecondFollowUpDays",
    type: "number",
    min: 1,
    max: 90,
    label: { id: "Berhenti setelah follow-up kedua (hari)", en: "Stop after the second follow-up (days)" },
    help: {
      id: "Tanpa jawaban sekian hari setelah follow-up kedua, lamaran dianggap selesai.",
      en: "No answer this many days after the second follow-up: the application is closed.",
    },
  },
  {
    key: "assumedInterviewMinutes",
    type: "number",
    min: 5,
    max: 600,
    label: { id: "Lama interview (menit)", en: "Assumed interview length (minutes)" },
    help: {
      id: "Dipakai kalau undangan tidak menyebut jam selesai.",
      en: "Used when an invitation gives no end time.",
    },
  },
  {
    key: "prepBusinessDaysBefore",
    type: "number",
    min: 1,
    max: 90,
    label: { id: "Persiapan (hari kerja sebelum)", en: "Preparation (business days before)" },
    help: {
      id: "Pengingat persiapan sekian hari kerja sebelum interview.",
      en: "The preparation reminder comes this many business days before the interview.",
    },
  },
  {
    key: "cutiBersamaAreHolidays",
    type: "bool",
    label: { id: "Cuti bersama adalah hari libur", en: "Cuti bersama are holidays" },
    help: {
      id: "Matikan kalau kantor tujuan tetap bekerja saat cuti bersama.",
      en: "Turn off when employers keep working on cuti bersama days.",
    },
  },
  {
    key: "thankYouNudge",
    type: "bool",
    label: { id: "Pengingat terima kasih hari itu juga", en: "Same-day thank-you nudge" },
    help: {
      id: "Email singkat berisi draf terima kasih, sejam setelah interview selesai.",
      en: "A short mail with the thank-you draft, an hour after the interview ends.",
    },
  },
  {
    key: "digestWhenEmpty",
    type: "bool",
    label: { id: "Digest di hari kosong", en: "Digest on empty days" },
    help: {
      id: "Tetap kirim digest walau tidak ada yang perlu dilakukan.",
      en: "Send the digest even on a day with nothing to do.",
    },
  },
];

const W = {
  title: { id: "Aturan", en: "Rules" },
  saved: { id: "Tersimpan. Pengingat sudah dihitung ulang.", en: "Saved. Reminders were planned again." },
  savedLater: {
    id: "Tersimpan. Pengingat lamaran terbaru sudah dihitung ulang; sisanya menyusul dalam satu menit.",
    en: "Saved. The newest applications' reminders were planned again; the rest follow within a minute.",
  },
  fix: { id: "Ada isian yang perlu diperbaiki.", en: "Some fields need fixing." },
  save: { id: "Simpan", en: "Save" },
  zone: { id: "Zona waktu", en: "Time zone" },
  zoneHelp: {
    id: "Nama zona IANA, misalnya Asia/Jakarta, Asia/Makassar, Asia/Jayapura.",
    en: "An IANA zone name, e.g. Asia/Jakarta, Asia/Makassar, Asia/Jayapura.",
  },
  badZone: {
    id: "Zona waktu tidak dikenal. Tulis nama zona IANA, misalnya Asia/Jakarta.",
    en: "Unknown time zone. Enter an IANA zone name, e.g. Asia/Jakarta.",
  },
  language: { id: "Bahasa", en: "Language" },
  languageHelp: { id: "Bahasa situs dan email.", en: "The language of the site and the mail." },
  badLanguage: { id: "Pilih Bahasa Indonesia atau English.", en: "Choose Bahasa Indonesia or English." },
  optional: { id: "opsional", en: "optional" },
  required: { id: "wajib", en: "required" },
  home: { id: "Beranda", en: "Home" },
  holidays: { id: "Hari libur", en: "Holidays" },
} satisfies Record<string, Text>;

/**
 * What a refused field expects, as a sentence in the page's language. parseRules's own lines are English and
 * name the schema's keys; the page says the allowed range or format instead, and the form shows what was sent.
 */
const FIX = {
  number: {
    id: (min: number, max: number) => `Isi angka bulat ${min}–${max}.`,
    en: (min: number, max: number) => `Enter a whole number from ${min} to ${max}.`,
  },
  time: {
    id: "Tulis jam dalam format HH:MM (00:00–23:59), misalnya 09:00.",
    en: "Enter the time as HH:MM (00:00–23:59), for example 09:00.",
  },
  // The start is named: it may be one the person did not change and so did not look at.
  endBeforeStart: {
    id: (start: string) => `Jam selesai harus setelah jam mulai (${start}).`,
    en: (start: string) => `The end must be after the start of working hours (${start}).`,
  },
  screening: { id: "Pilih opsional atau wajib.", en: "Choose optional or required." },
  bool: { id: "Centang atau kosongkan kotak ini.", en: "Tick or clear this box." },
};

function fixFor(field: Field, lang: Lang, values: Values): string {
  switch (field.type) {
    case "number":
      return FIX.number[lang](field.min, field.max);
    case "time": {
      // A well-formed end that is refused fails only the order check (a malformed time gets no order error).
      if (field.key === "workEnd" && timeToMinutes(values.workEnd ?? "") !== undefined) {
        return FIX.endBeforeStart[lang](values.workStart ?? "");
      }
      return FIX.time[lang];
    }
    case "screening":
      return FIX.screening[lang];
    case "bool":
      return FIX.bool[lang];
  }
}

/** The form's values as text, as the inputs show them. */
type Values = Record<string, string>;

function valuesOf(rules: Rules, account: Pick<Account, "zone" | "language">): Values {
  const values: Values = { zone: account.zone, language: account.language };
  for (const field of FIELDS) {
    const value = rules[field.key];
    values[field.key] = typeof value === "boolean" ? (value ? "on" : "") : String(value);
  }
  return values;
}

const INTEGER = /^-?\d+$/;

/** The form's strings → the input of parseRules: numbers become numbers, ticked boxes true. */
function rulesInput(body: Record<string, unknown>): { values: Values; input: Record<string, unknown> } {
  const values: Values = {};
  const input: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const raw = body[field.key];
    const text = typeof raw === "string" ? raw.trim() : "";
    values[field.key] = text;
    if (field.type === "bool") input[field.key] = text !== "";
    // Anything but an integer stays text, so that the schema rejects it with that field's own message.
    else if (field.type === "number") input[field.key] = INTEGER.test(text) ? Number(text) : text;
    else input[field.key] = text;
  }
  for (const key of ["zone", "language"]) {
    const raw = body[key];
    values[key] = typeof raw === "string" ? raw.trim() : "";
  }
  return { values, input };
}

const box = "font-size:1rem;padding:.3rem;box-sizing:border-box";

function FieldRow(props: { field: Field; lang: Lang; value: string; error?: string }) {
  const { field, lang, value, error } = props;
  const errorId = `${field.key}-error`;
  const described = error ? `${field.key}-help ${errorId}` : `${field.key}-help`;
  let input: unknown;
  if (field.type === "bool") {
    input = (
      <input
        id={field.key}
        name={field.key}
        type="checkbox"
        checked={value !== ""}
        aria-describedby={described}
      />
    );
  } else if (field.type === "screening") {
    input = (
      <select id={field.key} name={field.key} style={box} aria-describedby={described}>
        <option value="optional" selected={value === "optional"}>
          {W.optional[lang]}
        </option>
        <option value="required" selected={value === "required"}>
          {W.required[lang]}
        </option>
      </select>
    );
  } else {
    input = (
      <input
        id={field.key}
        name={field.key}
        type="text"
        inputmode={field.type === "number" ? "numeric" : undefined}
        placeholder={field.type === "time" ? "HH:MM" : `${field.min}–${field.max}`}
        value={value}
        style={`${box};width:8rem`}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described}
      />
    );
  }
  return (
    <p>
      <label for={field.key}>
        <strong>{field.label[lang]}</strong>
      </label>
      <br />
      {input}
      <br />
      <small id={`${field.key}-help`}>{field.help[lang]}</small>
      <FieldError id={errorId} error={error} />
    </p>
  );
}

export function RulesPage(props: {
  lang: Lang;
  csrf: string;
  values: Values;
  errors?: Record<string, string>;
  saved?: "now" | "later";
}) {
  const { lang, values } = props;
  const errors = props.errors ?? {};
  return (
    <Page lang={lang} title={`${W.title[lang]} · kabari`}>
      <p>
        <a href="/">{W.home[lang]}</a> · <a href="/holidays">{W.holidays[lang]}</a>
      </p>
      <h1>{W.title[lang]}</h1>
      {props.saved && <p role="status">{props.saved === "now" ? W.saved[lang] : W.savedLater[lang]}</p>}
      {Object.keys(errors).length > 0 && (
        <p role="alert" style="color:#b00020">
          {W.fix[lang]}
        </p>
      )}
      <form method="post" action="/rules">
        <CsrfField token={props.csrf} />
        {FIELDS.map((field) => (
          <FieldRow field={field} lang={lang} value={values[field.key] ?? ""} error={errors[field.key]} />
        ))}
        <p>
          <label for="zone">
            <strong>{W.zone[lang]}</strong>
          </label>
          <br />
          <input
            id="zone"
            name="zone"
            type="text"
            value={values.zone ?? ""}
            style={`${box};width:100%`}
            aria-invalid={errors.zone ? "true" : undefined}
            aria-describedby={errors.zone ? "zone-help zone-error" : "zone-help"}
          />
          <br />
          <small id="zone-help">{W.zoneHelp[lang]}</small>
          <FieldError id="zone-error" error={errors.zone} />
        </p>
        <p>
          <label for="language">
            <strong>{W.language[lang]}</strong>
          </label>
          <br />
          <select id="language" name="language" style={box} aria-describedby="language-help">
            <option value="id" selected={values.language === "id"}>
              Bahasa Indonesia
            </option>
            <option value="en" selected={values.language === "en"}>
              English
            </option>
          </select>
          <br />
          <small id="language-help">{W.languageHelp[lang]}</small>
          <FieldError id="language-error" error={errors.language} />
        </p>
        <p>
          <button type="submit" style="font-size:1.1rem;padding:.6rem 1rem">
            {W.save[lang]}
          </button>
        </p>
      </form>
    </Page>
  );
}

/** The "field: message" lines of parseRules → the page's own sentence for each refused field. */
function errorsByField(lines: readonly string[], lang: Lang, values: Values): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines) {
    const key = line.slice(0, Math.max(line.indexOf(": "), 0));
    const field = FIELDS.find((f) => f.key === key);
    // Only a whole rules object can fail without a field, and the form always sends one; still, say so.
    if (field) out[field.key] ??= fixFor(field, lang, values);
    else out.rules ??= W.fix[lang];
  }
  return out;
}

export const rulesRoutes = new Hono<WebEnv>();

rulesRoutes.get("/rules", requireAccount, (c) => {
  c.header("Cache-Control", "no-store");
  const account = c.get("account");
  const parsed = parseRules(account.rules);
  const rules = parsed.ok ? parsed.rules : DEFAULT_RULES;
  return c.html(
    <RulesPage
      lang={pickLanguage(c, account.language)}
      csrf={csrfToken(c)}
      values={valuesOf(rules, account)}
      saved={c.req.query("saved") === "1" ? "now" : c.req.query("saved") === "later" ? "later" : undefined}
    />,
  );
});

rulesRoutes.post("/rules", requireAccount, checkCsrfToken, async (c) => {
  c.header("Cache-Control", "no-store");
  const account = c.get("account");
  const lang = pickLanguage(c, account.language);
  const { values, input } = rulesInput(await c.req.parseBody());
  const parsed = parseRules(input);
  const errors = parsed.ok ? {} : errorsByField(parsed.errors, lang, values);
  const zone = values.zone;
  if (!zone || zone.length > 64 || !isZone(zone)) errors.zone = W.badZone[lang];
  const language = values.language;
  if (language !== "id" && language !== "en") errors.language = W.badLanguage[lang];
  if (!parsed.ok || Object.keys(errors).length > 0 || (language !== "id" && language !== "en")) {
    return c.html(<RulesPage lang={lang} csrf={csrfToken(c)} values={values} errors={errors} />, 422);
  }
  const db = database(c.env.DB);
  const now = Date.now();
  await db
    .update(accounts)
    .set({ rules: { ...parsed.rules }, zone, language })
    .where(eq(accounts.id, account.id));
  const updated: Account = { ...account, rules: { ...parsed.rules }, zone, language };
  const { queued } = await replanAll(db, c.env.DIGEST_QUEUE, updated, now);
  return c.redirect(queued ? "/rules?saved=later" : "/rules?saved=1", 303);
});
