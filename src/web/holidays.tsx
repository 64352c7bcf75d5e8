/**
 * The holidays page: this year's and next year's shipped lists with their source, and the person's own changes
 * (a day off of their own, a shipped day they work on). Every change replans the account's applications.
 */
import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import { Hono } from "hono";
import * as z from "zod/mini";
import { type Account, database } from "../db/queries";
import { replanAll } from "../db/reminders";
import { accountHolidays } from "../db/schema";
import { dateInZone } from "../extract/zone";
import { type Holiday, indonesianHolidays, type OwnHoliday } from "../plan/calendar";
import y2025 from "../plan/holidays/id-2025.json";
import y2026 from "../plan/holidays/id-2026.json";
import y2027 from "../plan/holidays/id-2027.json";
import { DEFAULT_RULES, parseRules } from "../plan/rules";
import { CsrfField, checkCsrfToken, csrfToken, requireAccount, type WebEnv } from "./auth";
import { FieldError, type Lang, Page, pickLanguage } from "./page";

type Text = Record<Lang, string>;

const YEAR_FILES: readonly { year: number; source: string; checked: boolean }[] = [y2025, y2026, y2027];

const W = {
  title: { id: "Hari libur", en: "Holidays" },
  home: { id: "Beranda", en: "Home" },
  rules: { id: "Aturan", en: "Rules" },
  source: { id: "Sumber", en: "Source" },
  unchecked: {
    id: "Daftar tahun ini belum dicek dengan SKB resminya: periksa tanggalnya sendiri.",
    en: "This year's list has not been checked against the official decree: check the dates yourself.",
  },
  noList: {
    id: "Belum ada daftar resmi untuk tahun ini: hanya Sabtu, Minggu dan hari libur Anda sendiri yang dihitung.",
    en: "No official list for this year yet: only weekends and your own days off count.",
  },
  national: { id: "libur nasional", en: "national holiday" },
  cutiBersama: { id: "cuti bersama", en: "cuti bersama" },
  cutiOff: {
    id: "bukan hari libur bagi Anda (cuti bersama dimatikan di Aturan)",
    en: "not a holiday for you (cuti bersama are off in Rules)",
  },
  own: { id: "hari libur Anda sendiri", en: "your own day off" },
  removedNote: { id: "dihapus: hari kerja bagi Anda", en: "removed: a working day for you" },
  remove: { id: "Hapus untuk saya", en: "Remove for me" },
  undo: { id: "Batalkan", en: "Undo" },
  yours: { id: "Perubahan Anda", en: "Your changes" },
  none: { id: "Belum ada.", en: "None yet." },
  added: { id: "ditambahkan", en: "added" },
  removed: { id: "dihapus", en: "removed" },
  addTitle: { id: "Tambah hari libur sendiri", en: "Add a day off of your own" },
  date: { id: "Tanggal (YYYY-MM-DD)", en: "Date (YYYY-MM-DD)" },
  name: { id: "Nama", en: "Name" },
  add: { id: "Tambah", en: "Add" },
  badDate: {
    id: "Tulis tanggal yang ada, dengan format YYYY-MM-DD, misalnya 2026-12-24.",
    en: "Enter a real date as YYYY-MM-DD, e.g. 2026-12-24.",
  },
  badName: { id: "Tulis nama 1–80 karakter.", en: "Enter a name of 1–80 characters." },
  notShipped: {
    id: "Tanggal itu bukan hari libur di daftar resmi.",
    en: "That date is not a holiday in the official lists.",
  },
} satisfies Record<string, Text>;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function realDate(date: string): boolean {
  const m = DATE_PATTERN.exec(date);
  if (!m) return false;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number(m[1]) >= 1970 && new Date(ms).toISOString().slice(0, 10) === date;
}

const DateField = z.string().check(z.trim(), z.refine(realDate, "date"));
const AddForm = z.object({
  date: DateField,
  name: z.string().check(z.trim(), z.minLength(1, "name"), z.maxLength(80, "name")),
});
const DateForm = z.object({ date: DateField });

async function ownChanges(c: Context<WebEnv>, accountId: number): Promise<OwnHoliday[]> {
  const rows = await database(c.env.DB)
    .select()
    .from(accountHolidays)
    .where(eq(accountHolidays.accountId, accountId))
    .orderBy(accountHolidays.date)
    .all();
  return rows.map(({ date, name, change }) => ({ date, name, change }));
}

function YearList(props: {
  lang: Lang;
  csrf: string;
  year: number;
  shipped: readonly Holiday[];
  own: ReadonlyMap<string, OwnHoliday>;
  cutiBersama: boolean;
}) {
  const { lang, year } = props;
  const file = YEAR_FILES.find((f) => f.year === year);
  const days = props.shipped.filter((h) => h.date.startsWith(`${year}-`));
  const ownAdded = [...props.own.values()].filter(
    (o) => o.change === "added" && o.date.startsWith(`${year}-`) && !days.some((d) => d.date === o.date),
  );
  const rows = [
    ...days.map((h) => ({ date: h.date, shipped: h as Holiday | undefined })),
    ...ownAdded.map((o) => ({ date: o.date, shipped: undefined })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return (
    <section>
      <h2>{year}</h2>
      {file ? (
        <>
          <p>
            <small>
              {W.source[lang]}: {file.source}
            </small>
          </p>
          {!file.checked && (
            <p role="note" style="color:#8a4b00">
              <strong>{W.unchecked[lang]}</strong>
            </p>
          )}
        </>
      ) : (
        <p role="note" style="color:#8a4b00">
          {W.noList[lang]}
        </p>
      )}
      <ul style="padding-left:1.2rem">
        {rows.map(({ date, shipped }) => {
          const own = props.own.get(date);
          const name = own?.change === "added" ? own.name : (shipped?.name ?? "");
          let kind: string = W.own[lang];
          if (own?.change !== "added" && shipped) {
            kind = shipped.kind === "national" ? W.national[lang] : W.cutiBersama[lang];
            if (shipped.kind === "cuti_bersama" && !props.cutiBersama) kind = `${kind}: ${W.cutiOff[lang]}`;
          }
          const removed = own?.change === "removed";
          return (
            <li style="margin:.3rem 0">
              <span style={removed ? "text-decoration:line-through" : undefined}>
                <time datetime={date}>{date}</time> {name}
              </span>{" "}
              <small>({removed ? W.removedNote[lang] : kind})</small>{" "}
              {own ? (
                <form method="post" action="/holidays/undo" style="display:inline">
                  <CsrfField token={props.csrf} />
                  <input type="hidden" name="date" value={date} />
                  <button type="submit">{W.undo[lang]}</button>
                </form>
              ) : (
                <form method="post" action="/holidays/remove" style="display:inline">
                  <CsrfField token={props.csrf} />
                  <input type="hidden" name="date" value={date} />
                  <button type="submit">{W.remove[lang]}</button>
                </form>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function HolidaysPage(props: {
  lang: Lang;
  csrf: string;
  account: Account;
  own: readonly OwnHoliday[];
  form?: { date: string; name: string };
  errors?: { date?: string; name?: string };
}) {
  const { lang, account } = props;
  const errors = props.errors ?? {};
  const parsed = parseRules(account.rules);
  const cutiBersama = (parsed.ok ? parsed.rules : DEFAULT_RULES).cutiBersamaAreHolidays;
  const year = Number(dateInZone(Date.now(), account.zone).slice(0, 4));
  const shipped = indonesianHolidays();
  const own = new Map(props.own.map((o) => [o.date, o]));
  const box = "font-size:1rem;padding:.3rem;box-sizing:border-box";
  return (
    <Page lang={lang} title={`${W.title[lang]} · kabari`}>
      <p>
        <a href="/">{W.home[lang]}</a> · <a href="/rules">{W.rules[lang]}</a>
      </p>
      <h1>{W.title[lang]}</h1>
      <h2>{W.addTitle[lang]}</h2>
      <form method="post" action="/holidays/add">
        <CsrfField token={props.csrf} />
        <p>
          <label for="date">{W.date[lang]}</label>
          <br />
          <input
            id="date"
            name="date"
            type="text"
            placeholder="YYYY-MM-DD"
            value={props.form?.date ?? ""}
            style={box}
            aria-invalid={errors.date ? "true" : undefined}
          />
          <FieldError id="date-error" error={errors.date} />
        </p>
        <p>
          <label for="name">{W.name[lang]}</label>
          <br />
          <input
            id="name"
            name="name"
            type="text"
            maxlength={80}
            value={props.form?.name ?? ""}
            style={`${box};width:100%`}
            aria-invalid={errors.name ? "true" : undefined}
          />
          <FieldError id="name-error" error={errors.name} />
        </p>
        <p>
          <button type="submit">{W.add[lang]}</button>
        </p>
      </form>
      {[year, year + 1].map((y) => (
        <YearList
          lang={lang}
          csrf={props.csrf}
          year={y}
          shipped={shipped}
          own={own}
          cutiBersama={cutiBersama}
        />
      ))}
      <h2>{W.yours[lang]}</h2>
      {props.own.length === 0 ? (
        <p>{W.none[lang]}</p>
      ) : (
        <ul style="padding-left:1.2rem">
          {props.own.map((o) => (
            <li style="margin:.3rem 0">
              <time datetime={o.date}>{o.date}</time> {o.name}{" "}
              <small>({o.change === "added" ? W.added[lang] : W.removed[lang]})</small>{" "}
              <form method="post" action="/holidays/undo" style="display:inline">
                <CsrfField token={props.csrf} />
                <input type="hidden" name="date" value={o.date} />
                <button type="submit">{W.undo[lang]}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

export const holidaysRoutes = new Hono<WebEnv>();

holidaysRoutes.get("/holidays", requireAccount, async (c) => {
  c.header("Cache-Control", "no-store");
  const account = c.get("account");
  return c.html(
    <HolidaysPage
      lang={pickLanguage(c, account.language)}
      csrf={csrfToken(c)}
      account={account}
      own={await ownChanges(c, account.id)}
    />,
  );
});

holidaysRoutes.post("/holidays/add", requireAccount, checkCsrfToken, async (c) => {
  c.header("Cache-Control", "no-store");
  const account = c.get("account");
  const lang = pickLanguage(c, account.language);
  const body = await c.req.parseBody();
  const parsed = AddForm.safeParse(body);
  if (!parsed.success) {
    const fields = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
    return c.html(
      <HolidaysPage
        lang={lang}
        csrf={csrfToken(c)}
        account={account}
        own={await ownChanges(c, account.id)}
        form={{ date: text(body.date), name: text(body.name) }}
        errors={{
          date: fields.has("date") ? W.badDate[lang] : undefined,
          name: fields.has("name") ? W.badName[lang] : undefined,
        }}
      />,
      422,
    );
  }
  const { date, name } = parsed.data;
  await database(c.env.DB)
    .insert(accountHolidays)
    .values({ accountId: account.id, date, name, change: "added" })
    .onConflictDoUpdate({
      target: [accountHolidays.accountId, accountHolidays.date],
      set: { name, change: "added" },
    });
  await replanAll(database(c.env.DB), c.env.DIGEST_QUEUE, account, Date.now());
  return c.redirect("/holidays", 303);
});

holidaysRoutes.post("/holidays/remove", requireAccount, checkCsrfToken, async (c) => {
  const account = c.get("account");
  const lang = pickLanguage(c, account.language);
  const parsed = DateForm.safeParse(await c.req.parseBody());
  const shipped = parsed.success ? indonesianHolidays().find((h) => h.date === parsed.data.date) : undefined;
  if (!shipped) {
    return c.html(
      <HolidaysPage
        lang={lang}
        csrf={csrfToken(c)}
        account={account}
        own={await ownChanges(c, account.id)}
        errors={{ date: parsed.success ? W.notShipped[lang] : W.badDate[lang] }}
      />,
      422,
    );
  }
  await database(c.env.DB)
    .insert(accountHolidays)
    .values({ accountId: account.id, date: shipped.date, name: shipped.name, change: "removed" })
    .onConflictDoUpdate({
      target: [accountHolidays.accountId, accountHolidays.date],
      set: { name: shipped.name, change: "removed" },
    });
  await replanAll(database(c.env.DB), c.env.DIGEST_QUEUE, account, Date.now());
  return c.redirect("/holidays", 303);
});

holidaysRoutes.post("/holidays/undo", requireAccount, checkCsrfToken, async (c) => {
  const account = c.get("account");
  const lang = pickLanguage(c, account.language);
  const parsed = DateForm.safeParse(await c.req.parseBody());
  if (!parsed.success) {
    return c.html(
      <HolidaysPage
        lang={lang}
        csrf={csrfToken(c)}
        account={account}
        own={await ownChanges(c, account.id)}
        errors={{ date: W.badDate[lang] }}
      />,
      422,
    );
  }
  await database(c.env.DB)
    .delete(accountHolidays)
    .where(and(eq(accountHolidays.accountId, account.id), eq(accountHolidays.date, parsed.data.date)));
  await replanAll(database(c.env.DB), c.env.DIGEST_QUEUE, account, Date.now());
  return c.redirect("/holidays", 303);
});
