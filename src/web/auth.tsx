/**
 * Signing in by a link mailed to the account's digest address, sessions, signing out, and the per-form CSRF
 * token. The Origin check and the security headers are app-wide (app.tsx).
 */

import type { Context, MiddlewareHandler } from "hono";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Child } from "hono/jsx";
import * as z from "zod/mini";
import { type Account, database } from "../db/queries";
import {
  accountByDigestAddress,
  accountBySession,
  consumeLoginToken,
  createLoginToken,
  createSession,
  deleteAccountSessions,
  deleteSession,
  loginTokenUsable,
  overAttemptLimit,
  recordAttempt,
  SESSION_MS,
} from "../db/sessions";
import type { Env } from "../env";
import { buildMail, type SendMail, sendWith } from "../mail/send";
import { randomToken, sameSecret, sha256Hex, TOKEN_SHAPE } from "./crypto";
import { type Lang, Page, pickLanguage } from "./page";

export type WebEnv = { Bindings: Env; Variables: { account: Account } };

export const SESSION_COOKIE = "kabari_session";
export const CSRF_COOKIE = "kabari_csrf";

const W = {
  title: { id: "Masuk ke kabari", en: "Sign in to kabari" },
  email: { id: "Alamat email digest Anda", en: "Your digest email address" },
  send: { id: "Kirim tautan masuk", en: "Send sign-in link" },
  badEmail: {
    id: "Tulis alamat email yang lengkap, misalnya nama@contoh.com.",
    en: "Enter a full email address, e.g. name@example.com.",
  },
  sent: {
    id: "Kalau alamat ini punya akun, tautan masuk sedang dikirim ke sana. Tautan berlaku 15 menit.",
    en: "If this address has an account, a sign-in link is on its way. It works for 15 minutes.",
  },
  tooMany: {
    id: "Terlalu banyak permintaan masuk. Coba lagi dalam 15 menit.",
    en: "Too many sign-in requests. Try again in 15 minutes.",
  },
  confirm: { id: "Klik tombol ini untuk masuk.", en: "Press the button to sign in." },
  confirmButton: { id: "Masuk", en: "Sign in" },
  gone: {
    id: "Tautan masuk ini sudah dipakai atau kedaluwarsa. Minta tautan baru.",
    en: "This sign-in link was already used or has expired. Ask for a new one.",
  },
  again: { id: "Minta tautan baru", en: "Ask for a new link" },
  forbidden: {
    id: "Permintaan ini ditolak karena formulirnya kedaluwarsa atau datang dari situs lain. Muat ulang halaman lalu coba lagi.",
    en: "This request was refused: the form expired or came from another site. Reload the page and try again.",
  },
  unauthorized: { id: "Silakan masuk dulu.", en: "Please sign in first." },
  signedInAs: { id: "Masuk sebagai", en: "Signed in as" },
  logout: { id: "Keluar", en: "Sign out" },
  logoutEverywhere: { id: "Keluar dari semua perangkat", en: "Sign out everywhere" },
  mailSubject: { id: "Tautan masuk kabari", en: "Your kabari sign-in link" },
  mailBody: {
    id: "Buka tautan ini untuk masuk ke kabari. Tautan berlaku 15 menit dan hanya bisa dipakai sekali.",
    en: "Open this link to sign in to kabari. It works for 15 minutes, once.",
  },
  mailIgnore: {
    id: "Kalau Anda tidak meminta tautan ini, abaikan saja email ini.",
    en: "If you did not ask for this link, ignore this email.",
  },
} satisfies Record<string, Record<Lang, string>>;

const LoginForm = z.object({
  email: z.pipe(z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254)), z.email()),
});

/** The base of links in mail: the configured public URL, else the address this request came to. */
export function publicUrl(c: Context<WebEnv>): string {
  return (c.env.PUBLIC_URL || new URL(c.req.url).origin).replace(/\/+$/, "");
}

function noStore(c: Context) {
  c.header("Cache-Control", "no-store");
}

/** This browser's form token, set as a cookie the first time a form is shown. */
export function csrfToken(c: Context): string {
  const existing = getCookie(c, CSRF_COOKIE);
  if (existing && TOKEN_SHAPE.test(existing)) return existing;
  return newCsrfToken(c);
}

function newCsrfToken(c: Context): string {
  const token = randomToken();
  setCookie(c, CSRF_COOKIE, token, { httpOnly: true, secure: true, sameSite: "Strict", path: "/" });
  return token;
}

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="csrf" value={props.token} />;
}

export function Forbidden(props: { lang: Lang }) {
  return (
    <Page lang={props.lang} title="kabari">
      <p>{W.forbidden[props.lang]}</p>
    </Page>
  );
}

/** Double submit: the form's `csrf` field must equal the `kabari_csrf` cookie; otherwise 403. */
export const checkCsrfToken: MiddlewareHandler = async (c, next) => {
  const cookie = getCookie(c, CSRF_COOKIE) ?? "";
  const body = await c.req.parseBody();
  const given = typeof body.csrf === "string" ? body.csrf : "";
  if (!TOKEN_SHAPE.test(cookie) || !sameSecret(given, cookie)) {
    return c.html(<Forbidden lang={pickLanguage(c)} />, 403);
  }
  await next();
};

/** The account of this browser's session, if it has a live one. */
export async function signedInAccount(c: Context<WebEnv>, now = Date.now()): Promise<Account | undefined> {
  const id = getCookie(c, SESSION_COOKIE);
  if (!id || !TOKEN_SHAPE.test(id)) return undefined;
  return accountBySession(database(c.env.DB), await sha256Hex(id), now);
}

/**
 * Where to go after signing in: a path on this site (never another host: no `//`, no scheme, no backslash),
 * not the sign-in pages themselves; null for anything else.
 */
export function nextPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 300) return null;
  if (!/^\/(?![/\\])[A-Za-z0-9\-._~/?=&%]*$/.test(value)) return null;
  return /^\/log(in|out)(\/|\?|$)/.test(value) ? null : value;
}

/** For signed-in pages: sets `account`, or sends GETs to /login and answers anything else 401. */
export const requireAccount: MiddlewareHandler<WebEnv> = async (c, next) => {
  const account = await signedInAccount(c);
  if (!account) {
    if (c.req.method === "GET" || c.req.method === "HEAD") {
      // Back to the page asked for after signing in (a digest's link to a mail, say).
      const url = new URL(c.req.url);
      const next = nextPath(url.pathname + url.search);
      return c.redirect(next && next !== "/" ? `/login?next=${encodeURIComponent(next)}` : "/login", 303);
    }
    return c.html(
      <Page lang={pickLanguage(c)} title="kabari">
        <p>
          {W.unauthorized[pickLanguage(c)]} <a href="/login">/login</a>
        </p>
      </Page>,
      401,
    );
  }
  c.set("account", account);
  await next();
};

function LoginPage(props: {
  lang: Lang;
  csrf: string;
  email?: string;
  error?: string;
  notice?: string;
  next?: string | null;
}) {
  const { lang } = props;
  return (
    <Page lang={lang} title={W.title[lang]}>
      <h1>{W.title[lang]}</h1>
      {props.notice && <p role="status">{props.notice}</p>}
      <form method="post" action="/login">
        <CsrfField token={props.csrf} />
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <label for="email">{W.email[lang]}</label>
        <br />
        <input
          id="email"
          name="email"
          type="email"
          autocomplete="email"
          required
          value={props.email ?? ""}
          style="font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box"
        />
        {props.error && (
          <p role="alert" style="color:#b00020">
            {props.error}
          </p>
        )}
        <p>
          <button type="submit" style="font-size:1.1rem;padding:.6rem 1rem">
            {W.send[lang]}
          </button>
        </p>
      </form>
      <p>
        <a href="?lang=id">Bahasa Indonesia</a> · <a href="?lang=en">English</a>
      </p>
    </Page>
  );
}

function Message(props: { lang: Lang; children: Child }) {
  return (
    <Page lang={props.lang} title="kabari">
      <p>{props.children}</p>
      <p>
        <a href="/login">{W.again[props.lang]}</a>
      </p>
    </Page>
  );
}

/** The sign-in mail: plain text, and nothing from the request in its subject. */
export function signInMime(from: string, to: string, link: string, lang: Lang, now: number): string {
  return buildMail({
    from,
    to,
    subject: W.mailSubject[lang],
    text: `${W.mailBody[lang]}\n\n${link}\n\n${W.mailIgnore[lang]}\n`,
    now,
  });
}

export interface AuthDeps {
  /** Sends the sign-in mail; the send_email binding when not given. */
  send?: SendMail;
}

export function authRoutes(deps: AuthDeps = {}) {
  const auth = new Hono<WebEnv>();
  const sendOf = (env: Env) => deps.send ?? sendWith(env.MAIL);

  auth.get("/login", (c) => {
    noStore(c);
    return c.html(
      <LoginPage lang={pickLanguage(c)} csrf={csrfToken(c)} next={nextPath(c.req.query("next"))} />,
    );
  });

  auth.post("/login", checkCsrfToken, async (c) => {
    noStore(c);
    const lang = pickLanguage(c);
    const body = await c.req.parseBody();
    const next = nextPath(body.next);
    const parsed = LoginForm.safeParse(body);
    if (!parsed.success) {
      return c.html(
        <LoginPage
          lang={lang}
          csrf={csrfToken(c)}
          email={typeof body.email === "string" ? body.email : ""}
          error={W.badEmail[lang]}
          next={next}
        />,
        422,
      );
    }
    const address = parsed.data.email;
    const now = Date.now();
    const db = database(c.env.DB);
    const keys = [`email:${address}`, `ip:${c.req.header("cf-connecting-ip") ?? "unknown"}`];
    if (await overAttemptLimit(db, keys, now))
      return c.html(<Message lang={lang}>{W.tooMany[lang]}</Message>, 429);
    await recordAttempt(db, keys, now);
    // After the response, so that a known address answers no slower than an unknown one.
    const base = publicUrl(c);
    const send = sendOf(c.env);
    const from = c.env.MAIL_FROM;
    c.executionCtx.waitUntil(
      (async () => {
        const account = await accountByDigestAddress(db, address);
        if (!account) return;
        const token = randomToken();
        await createLoginToken(db, account.id, await sha256Hex(token), now);
        const link = `${base}/login/${token}${next ? `?next=${encodeURIComponent(next)}` : ""}`;
        await send(
          from,
          account.digestAddress,
          signInMime(from, account.digestAddress, link, account.language, now),
        );
      })().catch((error) => console.error("sign-in mail failed", error)),
    );
    return c.html(<LoginPage lang={lang} csrf={csrfToken(c)} notice={W.sent[lang]} next={next} />);
  });

  // Mail scanners open links: a GET only shows the button, the POST signs in.
  auth.get("/login/:token", async (c) => {
    noStore(c);
    const lang = pickLanguage(c);
    const token = c.req.param("token");
    const usable =
      TOKEN_SHAPE.test(token) &&
      (await loginTokenUsable(database(c.env.DB), await sha256Hex(token), Date.now()));
    if (!usable) return c.html(<Message lang={lang}>{W.gone[lang]}</Message>, 410);
    return c.html(
      <Page lang={lang} title={W.title[lang]}>
        <h1>{W.title[lang]}</h1>
        <p>{W.confirm[lang]}</p>
        <form method="post">
          <CsrfField token={csrfToken(c)} />
          <button type="submit" style="font-size:1.1rem;padding:.6rem 1rem">
            {W.confirmButton[lang]}
          </button>
        </form>
      </Page>,
    );
  });

  auth.post("/login/:token", checkCsrfToken, async (c) => {
    noStore(c);
    const lang = pickLanguage(c);
    const token = c.req.param("token");
    const now = Date.now();
    const db = database(c.env.DB);
    const accountId = TOKEN_SHAPE.test(token)
      ? await consumeLoginToken(db, await sha256Hex(token), now)
      : null;
    if (accountId === null) return c.html(<Message lang={lang}>{W.gone[lang]}</Message>, 410);
    const previous = getCookie(c, SESSION_COOKIE);
    if (previous && TOKEN_SHAPE.test(previous)) await deleteSession(db, await sha256Hex(previous));
    const id = randomToken();
    await createSession(db, accountId, await sha256Hex(id), now);
    setCookie(c, SESSION_COOKIE, id, {
      httpOnly: true,
      secure: true,
      sameSite: "Lax",
      path: "/",
      maxAge: SESSION_MS / 1000,
    });
    // A form token seen before signing in is not reused after it.
    newCsrfToken(c);
    // The confirmation form posts to its own address, `?next=` included.
    return c.redirect(nextPath(c.req.query("next")) ?? "/", 303);
  });

  auth.post("/logout", checkCsrfToken, async (c) => {
    const id = getCookie(c, SESSION_COOKIE);
    if (id && TOKEN_SHAPE.test(id)) await deleteSession(database(c.env.DB), await sha256Hex(id));
    deleteCookie(c, SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
    return c.redirect("/login", 303);
  });

  auth.post("/logout/everywhere", checkCsrfToken, requireAccount, async (c) => {
    await deleteAccountSessions(database(c.env.DB), c.get("account").id);
    deleteCookie(c, SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
    return c.redirect("/login", 303);
  });

  return auth;
}
