import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import PostalMime from "postal-mime";
import { beforeEach, describe, expect, it } from "vitest";
import { type Account, createAccount, database } from "../../src/db/queries";
import { loginTokens, sessions } from "../../src/db/schema";
import { nextPath, requireAccount, type WebEnv } from "../../src/web/auth";
import { sha256Hex } from "../../src/web/crypto";
import { Browser, clearSent, linkIn, ORIGIN, sent, setCookies, signIn } from "../helpers/browser";
import { resetStorage } from "../helpers/storage";

let alice: Account;
let bob: Account;

beforeEach(async () => {
  await resetStorage();
  clearSent();
  const db = database(env.DB);
  alice = await createAccount(
    db,
    {
      inboundAddress: "alice-in@example.com",
      senders: ["alice@example.com"],
      digestAddress: "Alice@Example.com",
      zone: "Asia/Jakarta",
      language: "id",
    },
    Date.now(),
  );
  bob = await createAccount(
    db,
    {
      inboundAddress: "bob-in@example.com",
      senders: ["bob@example.org"],
      digestAddress: "bob@example.org",
      zone: "Asia/Jakarta",
      language: "en",
    },
    Date.now(),
  );
});

describe("the sign-in form", () => {
  it("asks for the email with a form token, in Indonesian by default", async () => {
    const browser = new Browser();
    const response = await browser.get("/login");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('name="email"');
    expect(html).toContain('method="post"');
    expect(html).toContain("Kirim tautan masuk");
    expect(Browser.csrfOf(html)).toBe(browser.cookies.get("kabari_csrf"));
    const cookie = setCookies(response).find((c) => c.startsWith("kabari_csrf="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  it("speaks English when the browser or ?lang= asks for it", async () => {
    const en = await (await new Browser().get("/login", { "accept-language": "en-GB,en;q=0.9" })).text();
    expect(en).toContain("Send sign-in link");
    expect(en).not.toContain("Kirim tautan masuk");
    const forced = await (await new Browser().get("/login?lang=en", { "accept-language": "id" })).text();
    expect(forced).toContain("Send sign-in link");
    const id = await (
      await new Browser().get("/login", { "accept-language": "fr, id;q=0.5, en;q=0.4" })
    ).text();
    expect(id).toContain("Kirim tautan masuk");
  });
});

describe("asking for a link", () => {
  it("answers the same for a known and an unknown address, and mails only the known one", async () => {
    const browser = new Browser();
    const known = await browser.askLink("  ALICE@example.com ");
    const unknown = await browser.askLink("nobody@example.com");
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const knownHtml = await known.text();
    expect(knownHtml).toContain("Kalau alamat ini punya akun");
    expect(await unknown.text()).toBe(knownHtml);

    expect(sent).toHaveLength(1);
    expect(sent[0].to).toBe("Alice@Example.com");
    expect(sent[0].from).toBe(env.MAIL_FROM);
    const mail = await PostalMime.parse(sent[0].raw);
    expect(mail.subject).toBe("Tautan masuk kabari");
    expect(mail.html).toBeUndefined();
    const link = await linkIn(sent[0]);
    // No PUBLIC_URL under test: the link uses the address the request came to.
    expect(link.startsWith(`${ORIGIN}/login/`)).toBe(true);
    // Only the token's hash is stored.
    const token = link.split("/").at(-1) ?? "";
    const rows = await database(env.DB).select().from(loginTokens).all();
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toBe(await sha256Hex(token));
    expect(rows[0].accountId).toBe(alice.id);
    expect(rows[0].expiresAt - Date.now()).toBeGreaterThan(14 * 60 * 1000);
    expect(rows[0].expiresAt - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
  });

  it("builds the link from PUBLIC_URL when it is set", async () => {
    await new Browser().askLink("bob@example.org", { PUBLIC_URL: "https://kabari.example/" });
    expect(sent).toHaveLength(1);
    expect(await linkIn(sent[0])).toMatch(/^https:\/\/kabari\.example\/login\/[A-Za-z0-9_-]{43}$/);
    expect((await PostalMime.parse(sent[0].raw)).subject).toBe("Your kabari sign-in link");
  });

  it("refuses an address that is not one, with 422 and no mail", async () => {
    const response = await new Browser().askLink("not an address");
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("Tulis alamat email yang lengkap");
    expect(sent).toHaveLength(0);
  });

  it("allows five requests per address in 15 minutes, then answers 429", async () => {
    for (let i = 0; i < 5; i++) {
      expect((await new Browser(`198.51.100.${i}`).askLink("alice@example.com")).status).toBe(200);
    }
    const sixth = await new Browser("198.51.100.99").askLink("Alice@example.com");
    expect(sixth.status).toBe(429);
    expect(await sixth.text()).toContain("Terlalu banyak");
    expect(sent).toHaveLength(5);
    // Another address from a fresh IP is not held back.
    expect((await new Browser("198.51.100.100").askLink("bob@example.org")).status).toBe(200);
  });

  it("allows five requests per IP in 15 minutes, then answers 429", async () => {
    const browser = new Browser("203.0.113.7");
    for (let i = 0; i < 5; i++) {
      expect((await browser.askLink(`someone${i}@example.com`)).status).toBe(200);
    }
    expect((await browser.askLink("bob@example.org")).status).toBe(429);
    expect(sent).toHaveLength(0);
    expect((await new Browser("203.0.113.8").askLink("bob@example.org")).status).toBe(200);
    expect(sent).toHaveLength(1);
  });
});

describe("using the link", () => {
  it("shows a button on GET without signing in, signs in on POST, then never again", async () => {
    const browser = new Browser();
    await browser.askLink("alice@example.com");
    const path = new URL(await linkIn(sent[0])).pathname;

    const confirm = await browser.get(path);
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toMatch(/<form method="post">/);
    expect(setCookies(confirm).some((c) => c.startsWith("kabari_session="))).toBe(false);
    expect(await (await browser.get("/")).text()).toContain("kabari is running");

    const signed = await browser.post(path, { csrf: Browser.csrfOf(html) });
    expect(signed.status).toBe(303);
    expect(signed.headers.get("location")).toBe("/");
    const cookie = setCookies(signed).find((c) => c.startsWith("kabari_session=")) ?? "";
    expect(cookie).toMatch(/^kabari_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).toMatch(/; Max-Age=2592000(;|$)/);
    // Only the session id's hash is stored.
    const [row] = await database(env.DB).select().from(sessions).all();
    expect(row.idHash).toBe(await sha256Hex(browser.cookies.get("kabari_session") ?? ""));

    const home = await browser.get("/");
    expect(await home.text()).toContain("Alice@Example.com");

    const other = new Browser();
    const again = await other.post(path, { csrf: await other.formToken() });
    expect(again.status).toBe(410);
    expect(setCookies(again).some((c) => c.startsWith("kabari_session="))).toBe(false);
    expect((await other.get(path)).status).toBe(410);
  });

  it("answers 410 for an expired link", async () => {
    const browser = new Browser();
    await browser.askLink("alice@example.com");
    const path = new URL(await linkIn(sent[0])).pathname;
    const csrf = Browser.csrfOf(await (await browser.get(path)).text());
    await database(env.DB)
      .update(loginTokens)
      .set({ expiresAt: Date.now() - 1 });
    const response = await browser.post(path, { csrf });
    expect(response.status).toBe(410);
    expect(await response.text()).toContain("sudah dipakai atau kedaluwarsa");
    expect(await database(env.DB).select().from(sessions).all()).toHaveLength(0);
  });

  it("answers 410 for a made-up link", async () => {
    const browser = new Browser();
    const csrf = await browser.formToken();
    expect((await browser.post(`/login/${"A".repeat(43)}`, { csrf })).status).toBe(410);
    expect((await browser.post("/login/short", { csrf })).status).toBe(410);
  });
});

describe("back to the page asked for", () => {
  async function mailedLink(): Promise<URL> {
    const parsed = await PostalMime.parse(sent[sent.length - 1].raw);
    const m = /(https?:\/\/\S+\/login\/[A-Za-z0-9_-]{43}\S*)/.exec(parsed.text ?? "");
    if (!m) throw new Error("no sign-in link");
    return new URL(m[1]);
  }

  it("carries the page through the mailed link and lands on it after signing in", async () => {
    const browser = new Browser();
    const asked = await browser.get("/rules?lang=en");
    expect(asked.headers.get("location")).toBe("/login?next=%2Frules%3Flang%3Den");
    const login = await (await browser.get("/login?next=%2Frules%3Flang%3Den")).text();
    expect(login).toContain('<input type="hidden" name="next" value="/rules?lang=en"/>');
    const csrf = Browser.csrfOf(login);
    await browser.post("/login", { email: "alice@example.com", csrf, next: "/rules?lang=en" });
    const link = await mailedLink();
    expect(link.search).toBe("?next=%2Frules%3Flang%3Den");
    const confirm = await browser.get(link.pathname + link.search);
    const done = await browser.post(link.pathname + link.search, {
      csrf: Browser.csrfOf(await confirm.text()),
    });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/rules?lang=en");
  });

  it("never sends anywhere but a page of this site", async () => {
    for (const hostile of [
      "//evil.example",
      "https://evil.example/",
      "/\\evil.example",
      "javascript:alert(1)",
      "/login",
      "/logout",
      "/login/AAAA",
      "/a b",
      "/\u0000x",
      `/${"x".repeat(400)}`,
    ]) {
      expect(nextPath(hostile), hostile).toBeNull();
    }
    for (const fine of ["/", "/rules", "/messages/12", "/?page=2", "/applications/3?lang=en", "/loginfo"]) {
      expect(nextPath(fine), fine).toBe(fine);
    }
    const browser = new Browser();
    const login = await (await browser.get("/login?next=%2F%2Fevil.example")).text();
    expect(login).not.toContain('name="next"');
    await browser.post("/login", {
      email: "alice@example.com",
      csrf: Browser.csrfOf(login),
      next: "//evil.example",
    });
    const link = await mailedLink();
    expect(link.search).toBe("");
    // A forged next on the link itself is refused too.
    const path = `${link.pathname}?next=${encodeURIComponent("https://evil.example/")}`;
    const done = await browser.post(path, { csrf: Browser.csrfOf(await (await browser.get(path)).text()) });
    expect(done.headers.get("location")).toBe("/");
  });
});

describe("the home page", () => {
  it("shows the public page to anonymous visitors and the address to the signed-in", async () => {
    const anonymous = await (await new Browser().get("/")).text();
    expect(anonymous).toContain("kabari is running");
    expect(anonymous).not.toContain("Alice@Example.com");

    const browser = new Browser();
    await signIn(browser, "alice@example.com");
    const html = await (await browser.get("/")).text();
    expect(html).toContain("Masuk sebagai");
    expect(html).toContain("Alice@Example.com");
    expect(html).not.toContain("kabari is running");
    expect(html).toContain('action="/logout"');
    expect(html).toContain('action="/logout/everywhere"');
  });

  it("escapes the address", async () => {
    const db = database(env.DB);
    const evil = await createAccount(
      db,
      {
        inboundAddress: "evil-in@example.com",
        senders: [],
        digestAddress: '"<script>alert(1)</script>"@example.com',
        zone: "Asia/Jakarta",
        language: "en",
      },
      Date.now(),
    );
    const id = "B".repeat(43);
    await db.insert(sessions).values({
      idHash: await sha256Hex(id),
      accountId: evil.id,
      createdAt: Date.now(),
      expiresAt: Date.now() + 60000,
    });
    const browser = new Browser();
    browser.cookies.set("kabari_session", id);
    const html = await (await browser.get("/")).text();
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
  });

  it("never shows one account's address to another", async () => {
    const a = new Browser("192.0.2.1");
    const b = new Browser("192.0.2.2");
    await signIn(a, "alice@example.com");
    await signIn(b, "bob@example.org");
    const aHtml = await (await a.get("/")).text();
    const bHtml = await (await b.get("/")).text();
    expect(aHtml).toContain("Alice@Example.com");
    expect(aHtml).not.toContain("bob@example.org");
    expect(bHtml).toContain("bob@example.org");
    expect(bHtml).not.toContain("Alice@Example.com");
    // Bob's own language, not Alice's.
    expect(bHtml).toContain("Signed in as");
  });
});

describe("CSRF", () => {
  it("refuses a POST from another origin or without one (the Origin check)", async () => {
    const browser = new Browser();
    const csrf = await browser.formToken();
    const cross = await browser.post(
      "/login",
      { email: "alice@example.com", csrf },
      { origin: "https://evil.example" },
    );
    expect(cross.status).toBe(403);
    expect(await cross.text()).toContain("ditolak");
    const none = await browser.post("/login", { email: "alice@example.com", csrf }, { origin: null });
    expect(none.status).toBe(403);
    expect(sent).toHaveLength(0);
    // The same request from the site itself goes through.
    expect((await browser.post("/login", { email: "alice@example.com", csrf })).status).toBe(200);
    expect(sent).toHaveLength(1);
  });

  it("accepts the PUBLIC_URL origin", async () => {
    const browser = new Browser();
    const csrf = await browser.formToken();
    const vars = { PUBLIC_URL: "https://kabari.example" };
    expect(
      (
        await browser.post(
          "/login",
          { email: "a@example.com", csrf },
          { origin: "https://kabari.example", vars },
        )
      ).status,
    ).toBe(200);
  });

  it("refuses a POST whose form token is missing, wrong, or has no cookie", async () => {
    const browser = new Browser();
    const csrf = await browser.formToken();
    const missing = await browser.post("/login", { email: "alice@example.com" });
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain("ditolak");
    const wrong = await browser.post("/login", { email: "alice@example.com", csrf: `${csrf.slice(0, -1)}x` });
    expect(wrong.status).toBe(403);
    const stranger = new Browser();
    expect((await stranger.post("/login", { email: "alice@example.com", csrf })).status).toBe(403);
    expect(sent).toHaveLength(0);
  });

  it("guards signing in and signing out with the token too", async () => {
    const browser = new Browser();
    await browser.askLink("alice@example.com");
    const path = new URL(await linkIn(sent[0])).pathname;
    expect((await browser.post(path, {})).status).toBe(403);
    // The refused POST did not use the link up.
    const csrf = Browser.csrfOf(await (await browser.get(path)).text());
    expect((await browser.post(path, { csrf })).status).toBe(303);

    expect((await browser.post("/logout", { csrf: "x".repeat(43) })).status).toBe(403);
    expect((await browser.post("/logout/everywhere", {})).status).toBe(403);
    expect((await browser.post("/logout", {}, { origin: "https://evil.example" })).status).toBe(403);
    expect(await (await browser.get("/")).text()).toContain("Alice@Example.com");
  });

  it("replaces the browser's earlier session when it signs in again", async () => {
    const browser = new Browser();
    await signIn(browser, "alice@example.com");
    const first = browser.cookies.get("kabari_session");
    await signIn(browser, "alice@example.com");
    expect(browser.cookies.get("kabari_session")).not.toBe(first);
    const rows = await database(env.DB).select().from(sessions).all();
    expect(rows.map((r) => r.idHash)).toEqual([await sha256Hex(browser.cookies.get("kabari_session") ?? "")]);
  });

  it("gives a fresh form token on sign-in", async () => {
    const browser = new Browser();
    const before = await browser.formToken();
    await signIn(browser, "alice@example.com");
    expect(browser.cookies.get("kabari_csrf")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(browser.cookies.get("kabari_csrf")).not.toBe(before);
  });
});

describe("signing out", () => {
  it("ends this session only", async () => {
    const one = new Browser();
    const two = new Browser();
    await signIn(one, "alice@example.com");
    await signIn(two, "alice@example.com");
    const oldId = one.cookies.get("kabari_session") ?? "";
    const csrf = Browser.csrfOf(await (await one.get("/")).text());
    const out = await one.post("/logout", { csrf });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/login");
    expect(setCookies(out).find((c) => c.startsWith("kabari_session="))).toMatch(/Max-Age=0/i);
    expect(await (await one.get("/")).text()).toContain("kabari is running");
    // The old cookie value is dead on the server, not just forgotten by the browser.
    one.cookies.set("kabari_session", oldId);
    expect(await (await one.get("/")).text()).toContain("kabari is running");
    expect(await (await two.get("/")).text()).toContain("Alice@Example.com");
  });

  it("ends every session of the account, and no other account's", async () => {
    const one = new Browser();
    const two = new Browser();
    const bobs = new Browser();
    await signIn(one, "alice@example.com");
    await signIn(two, "alice@example.com");
    await signIn(bobs, "bob@example.org");
    const csrf = Browser.csrfOf(await (await one.get("/")).text());
    const out = await one.post("/logout/everywhere", { csrf });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/login");
    expect(await (await one.get("/")).text()).toContain("kabari is running");
    expect(await (await two.get("/")).text()).toContain("kabari is running");
    expect(await (await bobs.get("/")).text()).toContain("bob@example.org");
    const left = await database(env.DB).select().from(sessions).all();
    expect(left.map((s) => s.accountId)).toEqual([bob.id]);
  });

  it("answers 401 to signing out everywhere without a session", async () => {
    const browser = new Browser();
    const csrf = await browser.formToken();
    expect((await browser.post("/logout/everywhere", { csrf })).status).toBe(401);
  });
});

describe("requireAccount", () => {
  const guarded = new Hono<WebEnv>()
    .use(requireAccount)
    .get("/x", (c) => c.text(c.get("account").digestAddress))
    .post("/x", (c) => c.text(c.get("account").digestAddress));

  async function call(method: string, cookie?: string) {
    const headers = new Headers(cookie ? { cookie: `kabari_session=${cookie}` } : {});
    return guarded.fetch(new Request(`${ORIGIN}/x`, { method, headers, redirect: "manual" }), env);
  }

  it("sends a GET without a session to /login and answers 401 to anything else", async () => {
    const get = await call("GET");
    expect(get.status).toBe(303);
    expect(get.headers.get("location")).toBe("/login?next=%2Fx");
    expect((await call("POST")).status).toBe(401);
    expect((await call("GET", "C".repeat(43))).status).toBe(303);
  });

  it("sets the session's account, until the session expires", async () => {
    const id = "D".repeat(43);
    const db = database(env.DB);
    await db.insert(sessions).values({
      idHash: await sha256Hex(id),
      accountId: bob.id,
      createdAt: Date.now(),
      expiresAt: Date.now() + 60000,
    });
    const ok = await call("GET", id);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("bob@example.org");
    await db
      .update(sessions)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(sessions.accountId, bob.id));
    expect((await call("GET", id)).status).toBe(303);
  });
});

describe("security headers", () => {
  function directives(csp: string | null): Map<string, string> {
    return new Map(
      (csp ?? "").split(";").map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(" ")] as [string, string];
      }),
    );
  }

  it("are on every page, the error pages included", async () => {
    const browser = new Browser();
    await signIn(browser, "alice@example.com");
    const pages = [
      await browser.get("/"),
      await new Browser().get("/"),
      await browser.get("/login"),
      await browser.post("/login", { email: "x@example.com" }),
      await browser.get(`/login/${"E".repeat(43)}`),
    ];
    expect(pages.map((p) => p.status)).toEqual([200, 200, 200, 403, 410]);
    for (const page of pages) {
      const csp = directives(page.headers.get("content-security-policy"));
      expect(csp.get("default-src")).toBe("'none'");
      expect(csp.get("frame-ancestors")).toBe("'none'");
      expect(csp.get("base-uri")).toBe("'none'");
      expect(csp.get("form-action")).toBe("'self'");
      expect(csp.get("style-src")).toBe("'self' 'unsafe-inline'");
      // Scripts fall back to default-src 'none': no inline script, no script at all.
      expect(csp.has("script-src")).toBe(false);
      expect(csp.has("script-src-elem")).toBe(false);
      expect(page.headers.get("referrer-policy")).toBe("no-referrer");
      expect(page.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
      expect(page.headers.get("x-content-type-options")).toBe("nosniff");
      expect(await page.text()).not.toMatch(/<script/i);
    }
  });
});
