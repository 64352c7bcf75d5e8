/**
 * The account's own settings: `/addresses` (who may forward, where the digest goes) and `/data` (export, the raw
 * messages, deleting the account, how long raw mail is kept, the calendar feed's secret URL).
 */

import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { Context } from "hono";
import { Hono } from "hono";
import { deleteCookie } from "hono/cookie";
import * as z from "zod/mini";
import { jsonRows } from "../db/json-rows";
import { type Account, database, senderAddresses } from "../db/queries";
import {
  accountHolidays,
  accountSenders,
  accounts,
  applications,
  interviews,
  messages,
  reminders,
  sessions,
} from "../db/schema";
import { deleteAccountSessions } from "../db/sessions";
import { rawMailDays } from "../mail/retention";
import { normaliseAddress } from "../mail/sender";
import {
  CsrfField,
  checkCsrfToken,
  csrfToken,
  publicUrl,
  requireAccount,
  SESSION_COOKIE,
  type WebEnv,
} from "./auth";
import { feedUrl, newFeedSecret } from "./feed";
import { FieldError, type Lang, Page, pickLanguage } from "./page";

const W = {
  addresses: { id: "Alamat email", en: "Addresses" },
  senders: { id: "Alamat yang boleh meneruskan email", en: "Addresses you forward from" },
  sendersHelp: {
    id: "kabari hanya menerima email yang diteruskan dari alamat-alamat ini.",
    en: "kabari only accepts mail forwarded from these addresses.",
  },
  add: { id: "Tambah alamat", en: "Add an address" },
  remove: { id: "Hapus", en: "Remove" },
  lastOne: { id: "(alamat terakhir, tidak bisa dihapus)", en: "(the last one, cannot be removed)" },
  digest: { id: "Alamat digest", en: "Digest address" },
  digestHelp: {
    id: "Digest pagi dan tautan masuk dikirim ke alamat ini.",
    en: "The morning digest and sign-in links go to this address.",
  },
  save: { id: "Simpan", en: "Save" },
  verifyTitle: { id: "Verifikasi alamat tujuan", en: "Verify the destination address" },
  verify: {
    id: "Cloudflare hanya mengirim email ke alamat tujuan yang sudah diverifikasi di Email Routing. Untuk memverifikasi: buka dasbor Cloudflare → Email → Email Routing → Destination addresses → tambahkan alamat → klik tautan di email verifikasi yang dikirim Cloudflare ke alamat itu.",
    en: "Cloudflare delivers only to destination addresses verified in Email Routing. To verify one: in the Cloudflare dashboard open Email → Email Routing → Destination addresses → add the address → click the link in the mail Cloudflare sends to it.",
  },
  badAddress: {
    id: "Tulis alamat email yang lengkap, misalnya nama@contoh.com.",
    en: "Enter a full email address, e.g. name@example.com.",
  },
  cannotRemoveLast: {
    id: "Alamat terakhir tidak bisa dihapus: tambahkan alamat lain dulu.",
    en: "The last address cannot be removed: add another one first.",
  },
  data: { id: "Data Anda", en: "Your data" },
  export: { id: "Ekspor", en: "Export" },
  exportHelp: {
    id: "Semua data akun Anda dalam satu berkas JSON; email asli bisa diunduh lewat tautan di dalamnya.",
    en: "Everything of your account in one JSON file; the raw messages download from the links in it.",
  },
  exportButton: { id: "Unduh JSON", en: "Download JSON" },
  keep: { id: "Berapa lama email asli disimpan", en: "How long raw mail is kept" },
  feed: { id: "Kalender", en: "Calendar feed" },
  feedHelp: {
    id: "Alamat rahasia berisi interview dan tindak lanjut Anda, untuk dilanggan dari Google Calendar atau Apple Calendar. Membuat alamat baru mematikan alamat lama.",
    en: "A secret address with your interviews and follow-ups, to subscribe to from Google Calendar or Apple Calendar. Making a new one stops the old one.",
  },
  feedActive: { id: "Sudah ada alamat kalender yang aktif.", en: "A calendar address is active." },
  feedButton: { id: "Buat alamat kalender baru", en: "Create a new calendar address" },
  feedOnce: {
    id: "Salin alamat ini sekarang: alamat ini hanya ditampilkan sekali.",
    en: "Copy this address now: it is shown only once.",
  },
  deleteTitle: { id: "Hapus akun", en: "Delete the account" },
  deleteHelp: {
    id: "Menghapus semua lamaran, email (termasuk email asli di R2), pengaturan, dan sesi. Tidak bisa dibatalkan. Ketik alamat digest Anda untuk konfirmasi.",
    en: "Deletes every application, message (the raw mail in R2 too), setting and session. This cannot be undone. Type your digest address to confirm.",
  },
  deleteButton: { id: "Hapus akun saya", en: "Delete my account" },
  badConfirm: {
    id: "Ketik alamat digest Anda persis untuk menghapus akun.",
    en: "Type your digest address exactly to delete the account.",
  },
  back: { id: "Kembali", en: "Back" },
  notFound: { id: "Tidak ditemukan.", en: "Not found." },
} satisfies Record<string, Record<Lang, string>>;

const KEEP_TEXT: Record<Lang, (days: number) => string> = {
  id: (days) =>
    `Email asli disimpan di R2 selama ${days} hari, lalu dihapus oleh kabari sendiri (setiap jam, lewat cron). Yang sudah terbaca darinya (perusahaan, jadwal, linimasa) tetap ada. Lamanya diatur dengan variabel RAW_MAIL_DAYS di wrangler.toml.`,
  en: (days) =>
    `Raw mail is kept in R2 for ${days} days, then deleted by kabari itself (every hour, by its cron). What was read from it (company, schedule, timeline) stays. The period is the RAW_MAIL_DAYS variable in wrangler.toml.`,
};

const AddressField = z.string().check(
  z.trim(),
  z.maxLength(254),
  z.refine((v) => normaliseAddress(v) !== null),
);
const AddressForm = z.object({ address: AddressField });
const DigestForm = z.object({
  digestAddress: z.pipe(z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254)), z.email()),
});

const inputStyle = "font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box";

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function noStore(c: Context) {
  c.header("Cache-Control", "no-store");
}

function Nav(props: { lang: Lang }) {
  return (
    <p>
      <a href="/">{W.back[props.lang]}</a> · <a href="/addresses">{W.addresses[props.lang]}</a> ·{" "}
      <a href="/data">{W.data[props.lang]}</a>
    </p>
  );
}

interface AddressErrors {
  address?: string;
  remove?: string;
  digestAddress?: string;
}

function AddressesPage(props: {
  lang: Lang;
  csrf: string;
  account: Account;
  senders: string[];
  form?: { address?: string; digestAddress?: string };
  errors?: AddressErrors;
}) {
  const { lang, errors = {} } = props;
  const only = props.senders.length <= 1;
  return (
    <Page lang={lang} title={W.addresses[lang]}>
      <Nav lang={lang} />
      <h1>{W.addresses[lang]}</h1>
      <h2>{W.senders[lang]}</h2>
      <p>{W.sendersHelp[lang]}</p>
      <FieldError id="remove-error" error={errors.remove} />
      <ul>
        {props.senders.map((address) => (
          <li>
            {address}{" "}
            {only ? (
              <small>{W.lastOne[lang]}</small>
            ) : (
              <form method="post" action="/addresses/remove" style="display:inline">
                <CsrfField token={props.csrf} />
                <input type="hidden" name="address" value={address} />
                <button type="submit">{W.remove[lang]}</button>
              </form>
            )}
          </li>
        ))}
      </ul>
      <form method="post" action="/addresses/add">
        <CsrfField token={props.csrf} />
        <label for="address">{W.add[lang]}</label>
        <input
          id="address"
          name="address"
          type="email"
          autocomplete="email"
          required
          value={props.form?.address ?? ""}
          aria-describedby={errors.address ? "address-error" : undefined}
          style={inputStyle}
        />
        <FieldError id="address-error" error={errors.address} />
        <p>
          <button type="submit">{W.add[lang]}</button>
        </p>
      </form>
      <h2>{W.digest[lang]}</h2>
      <p>{W.digestHelp[lang]}</p>
      <form method="post" action="/addresses/digest">
        <CsrfField token={props.csrf} />
        <label for="digestAddress">{W.digest[lang]}</label>
        <input
          id="digestAddress"
          name="digestAddress"
          type="email"
          autocomplete="email"
          required
          value={props.form?.digestAddress ?? props.account.digestAddress}
          aria-describedby={errors.digestAddress ? "digest-error" : undefined}
          style={inputStyle}
        />
        <FieldError id="digest-error" error={errors.digestAddress} />
        <p>
          <button type="submit">{W.save[lang]}</button>
        </p>
      </form>
      <h2>{W.verifyTitle[lang]}</h2>
      <p>{W.verify[lang]}</p>
    </Page>
  );
}

function DataPage(props: {
  lang: Lang;
  csrf: string;
  account: Account;
  /** How long raw mail is kept (RAW_MAIL_DAYS). */
  keepDays: number;
  newFeedUrl?: string;
  confirmError?: string;
  confirm?: string;
}) {
  const { lang } = props;
  return (
    <Page lang={lang} title={W.data[lang]}>
      <Nav lang={lang} />
      <h1>{W.data[lang]}</h1>
      <h2>{W.export[lang]}</h2>
      <p>{W.exportHelp[lang]}</p>
      <p>
        <a href="/data/export.json" download="kabari-export.json">
          {W.exportButton[lang]}
        </a>
      </p>
      <h2>{W.keep[lang]}</h2>
      <p class="keep">{KEEP_TEXT[lang](props.keepDays)}</p>
      <h2 id="feed">{W.feed[lang]}</h2>
      <p>{W.feedHelp[lang]}</p>
      {props.newFeedUrl ? (
        <div role="status">
          <p>{W.feedOnce[lang]}</p>
          <input
            readonly
            aria-label={W.feed[lang]}
            id="feed-url"
            value={props.newFeedUrl}
            style={inputStyle}
          />
        </div>
      ) : (
        props.account.feedSecretHash && <p>{W.feedActive[lang]}</p>
      )}
      <form method="post" action="/data/feed">
        <CsrfField token={props.csrf} />
        <p>
          <button type="submit">{W.feedButton[lang]}</button>
        </p>
      </form>
      <h2>{W.deleteTitle[lang]}</h2>
      <p>{W.deleteHelp[lang]}</p>
      <form method="post" action="/data/delete">
        <CsrfField token={props.csrf} />
        <label for="confirm">{W.digest[lang]}</label>
        <input
          id="confirm"
          name="confirm"
          type="email"
          autocomplete="off"
          required
          value={props.confirm ?? ""}
          aria-describedby={props.confirmError ? "confirm-error" : undefined}
          style={inputStyle}
        />
        <FieldError id="confirm-error" error={props.confirmError} />
        <p>
          <button type="submit" style="color:#b00020">
            {W.deleteButton[lang]}
          </button>
        </p>
      </form>
    </Page>
  );
}

/** Everything of one account, without secrets (session, sign-in and feed hashes are never included). */
/**
 * Everything of the account as JSON text. The tables' rows are built into JSON by D1 itself (`jsonRows`): an
 * account with hundreds of applications would otherwise cost the Worker more CPU than a request may use.
 */
async function exportOf(c: Context<WebEnv>, account: Account): Promise<string> {
  const db = database(c.env.DB);
  const base = publicUrl(c);
  const { feedSecretHash: _secret, ...own } = account;
  const ownApps = db
    .select({ id: applications.id })
    .from(applications)
    .where(eq(applications.accountId, account.id));
  const rows = await db.get<
    Record<"applications" | "interviews" | "reminders" | "messages", string>
  >(sql`select
    ${jsonRows(applications, eq(applications.accountId, account.id), sql`${applications.id}`)} as applications,
    ${jsonRows(interviews, inArray(interviews.applicationId, ownApps), sql`${interviews.id}`)} as interviews,
    ${jsonRows(reminders, inArray(reminders.applicationId, ownApps), sql`${reminders.id}`)} as reminders,
    ${jsonRows(messages, eq(messages.accountId, account.id), sql`${messages.id}`, {
      rawUrl: sql`${`${base}/data/raw/`} || ${messages.id} || '.eml'`,
    })} as messages`);
  const holidays = await db
    .select({ date: accountHolidays.date, name: accountHolidays.name, change: accountHolidays.change })
    .from(accountHolidays)
    .where(eq(accountHolidays.accountId, account.id))
    .all();
  const head = JSON.stringify({
    exportedAt: new Date().toISOString(),
    account: own,
    senders: await senderAddresses(db, account.id),
    holidays,
  });
  return `${head.slice(0, -1)},"applications":${rows.applications},"interviews":${rows.interviews},"reminders":${rows.reminders},"messages":${rows.messages}}`;
}

export const accountRoutes = new Hono<WebEnv>();

async function addressesPage(
  c: Context<WebEnv>,
  account: Account,
  extra: { form?: { address?: string; digestAddress?: string }; errors?: AddressErrors } = {},
  status: 200 | 422 = 200,
) {
  noStore(c);
  const senders = await senderAddresses(database(c.env.DB), account.id);
  return c.html(
    <AddressesPage
      lang={pickLanguage(c, account.language)}
      csrf={csrfToken(c)}
      account={account}
      senders={senders}
      {...extra}
    />,
    status,
  );
}

accountRoutes.get("/addresses", requireAccount, (c) => addressesPage(c, c.get("account")));

accountRoutes.post("/addresses/add", requireAccount, checkCsrfToken, async (c) => {
  const account = c.get("account");
  const lang = pickLanguage(c, account.language);
  const body = await c.req.parseBody();
  const parsed = AddressForm.safeParse(body);
  const address = parsed.success ? normaliseAddress(parsed.data.address) : null;
  if (!address) {
    return addressesPage(
      c,
      account,
      { form: { address: text(body.address) }, errors: { address: W.badAddress[lang] } },
      422,
    );
  }
  await database(c.env.DB)
    .insert(accountSenders)
    .values({ accountId: account.id, address })
    .onConflictDoNothing();
  return c.redirect("/addresses", 303);
});

accountRoutes.post("/addresses/remove", requireAccount, checkCsrfToken, async (c) => {
  const account = c.get("account");
  const lang = pickLanguage(c, account.language);
  const body = await c.req.parseBody();
  const parsed = AddressForm.safeParse(body);
  const address = parsed.success ? (normaliseAddress(parsed.data.address) ?? parsed.data.address) : null;
  if (!address) return addressesPage(c, account, { errors: { remove: W.badAddress[lang] } }, 422);
  const db = database(c.env.DB);
  const [{ n }] = await db
    .select({ n: count() })
    .from(accountSenders)
    .where(eq(accountSenders.accountId, account.id))
    .all();
  if (n <= 1) return addressesPage(c, account, { errors: { remove: W.cannotRemoveLast[lang] } }, 422);
  // The count again inside the delete: two removals at once cannot leave the account with none.
  await db
    .delete(accountSenders)
    .where(
      and(
        eq(accountSenders.accountId, account.id),
        eq(accountSenders.address, address),
        sql`(select count(*) from ${accountSenders} where ${accountSenders.accountId} = ${account.id}) > 1`,
      ),
    );
  return c.redirect("/addresses", 303);
});

accountRoutes.post("/addresses/digest", requireAccount, checkCsrfToken, async (c) => {
  const account = c.get("account");
  const lang = pickLanguage(c, account.language);
  const body = await c.req.parseBody();
  const parsed = DigestForm.safeParse(body);
  if (!parsed.success) {
    return addressesPage(
      c,
      account,
      { form: { digestAddress: text(body.digestAddress) }, errors: { digestAddress: W.badAddress[lang] } },
      422,
    );
  }
  await database(c.env.DB)
    .update(accounts)
    .set({ digestAddress: parsed.data.digestAddress })
    .where(eq(accounts.id, account.id));
  return c.redirect("/addresses", 303);
});

accountRoutes.get("/data", requireAccount, (c) => {
  noStore(c);
  const account = c.get("account");
  return c.html(
    <DataPage
      lang={pickLanguage(c, account.language)}
      csrf={csrfToken(c)}
      account={account}
      keepDays={rawMailDays(c.env.RAW_MAIL_DAYS)}
    />,
  );
});

accountRoutes.get("/data/export.json", requireAccount, async (c) => {
  noStore(c);
  c.header("Content-Disposition", 'attachment; filename="kabari-export.json"');
  return c.body(await exportOf(c, c.get("account")), 200, {
    "Content-Type": "application/json; charset=utf-8",
  });
});

accountRoutes.get("/data/raw/:file", requireAccount, async (c) => {
  const account = c.get("account");
  const notFound = () => c.text(W.notFound[pickLanguage(c, account.language)], 404);
  const m = /^(\d{1,15})\.eml$/.exec(c.req.param("file"));
  if (!m) return notFound();
  const row = await database(c.env.DB).query.messages.findFirst({
    where: and(eq(messages.id, Number(m[1])), eq(messages.accountId, account.id)),
  });
  if (!row) return notFound();
  const object = await c.env.RAW.get(row.rawKey);
  if (!object) return notFound();
  return new Response(object.body, {
    headers: {
      "Content-Type": "message/rfc822",
      "Content-Disposition": `attachment; filename="kabari-${row.id}.eml"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});

accountRoutes.post("/data/feed", requireAccount, checkCsrfToken, async (c) => {
  noStore(c);
  const account = c.get("account");
  const secret = await newFeedSecret(database(c.env.DB), account.id);
  return c.html(
    <DataPage
      keepDays={rawMailDays(c.env.RAW_MAIL_DAYS)}
      lang={pickLanguage(c, account.language)}
      csrf={csrfToken(c)}
      account={account}
      newFeedUrl={feedUrl(publicUrl(c), secret)}
    />,
  );
});

accountRoutes.post("/data/delete", requireAccount, checkCsrfToken, async (c) => {
  noStore(c);
  const account = c.get("account");
  const lang = pickLanguage(c, account.language);
  const body = await c.req.parseBody();
  const confirm = text(body.confirm).trim();
  if (confirm.toLowerCase() !== account.digestAddress.toLowerCase()) {
    return c.html(
      <DataPage
        keepDays={rawMailDays(c.env.RAW_MAIL_DAYS)}
        lang={lang}
        csrf={csrfToken(c)}
        account={account}
        confirm={confirm}
        confirmError={W.badConfirm[lang]}
      />,
      422,
    );
  }
  const db = database(c.env.DB);
  const rows = await db
    .select({ rawKey: messages.rawKey })
    .from(messages)
    .where(eq(messages.accountId, account.id))
    .all();
  const keys = rows.map((r) => r.rawKey);
  for (let i = 0; i < keys.length; i += 1000) await c.env.RAW.delete(keys.slice(i, i + 1000));
  await deleteAccountSessions(db, account.id);
  // The rest goes by ON DELETE CASCADE; the explicit deletes keep it so if a foreign key were ever missing.
  const apps = db
    .select({ id: applications.id })
    .from(applications)
    .where(eq(applications.accountId, account.id));
  await db.batch([
    db.delete(sessions).where(eq(sessions.accountId, account.id)),
    db.delete(reminders).where(inArray(reminders.applicationId, apps)),
    db.delete(interviews).where(inArray(interviews.applicationId, apps)),
    db.delete(messages).where(eq(messages.accountId, account.id)),
    db.delete(applications).where(eq(applications.accountId, account.id)),
    db.delete(accounts).where(eq(accounts.id, account.id)),
  ]);
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
  return c.redirect("/login", 303);
});
