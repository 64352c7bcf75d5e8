// A browser for the settings site's route tests: keeps cookies, sends the site's Origin, and signs in through the
// real flow with the sign-in mail caught by a recorder instead of the send_email binding.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import PostalMime from "postal-mime";
import { expect } from "vitest";
import { createApp } from "../../src/web/app";

export const ORIGIN = "http://kabari.test";

export interface Sent {
  from: string;
  to: string;
  raw: string;
}

/** Every Set-Cookie line (workerd's Headers.getAll keeps them apart). */
export function setCookies(response: Response): string[] {
  return response.headers.getAll("set-cookie");
}

/** Every mail the site sent since the last `clearSent()`. */
export const sent: Sent[] = [];

export function clearSent(): void {
  sent.length = 0;
}
const site = createApp({
  send: async (from, to, raw) => {
    sent.push({ from, to, raw });
  },
});

export async function fetchSite(request: Request, vars: Partial<Cloudflare.Env> = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await site.fetch(request, { ...env, ...vars }, ctx);
  // The sign-in mail goes out after the response.
  await waitOnExecutionContext(ctx);
  return response;
}

/** A browser: keeps cookies, sends the site's own Origin on POSTs unless told otherwise. */
export class Browser {
  cookies = new Map<string, string>();
  constructor(readonly ip = "192.0.2.10") {}

  private remember(response: Response) {
    for (const line of setCookies(response)) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (/max-age=0\b/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private headers(extra: Record<string, string> = {}): Headers {
    const headers = new Headers({ "cf-connecting-ip": this.ip, ...extra });
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    return headers;
  }

  async get(path: string, extra: Record<string, string> = {}, vars: Partial<Cloudflare.Env> = {}) {
    const response = await fetchSite(new Request(`${ORIGIN}${path}`, { headers: this.headers(extra) }), vars);
    this.remember(response);
    return response;
  }

  async post(
    path: string,
    fields: Record<string, string>,
    opts: { origin?: string | null; vars?: Partial<Cloudflare.Env> } = {},
  ) {
    const extra: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
    const origin = opts.origin === undefined ? ORIGIN : opts.origin;
    if (origin !== null) extra.origin = origin;
    const response = await fetchSite(
      new Request(`${ORIGIN}${path}`, {
        method: "POST",
        headers: this.headers(extra),
        body: new URLSearchParams(fields),
        redirect: "manual",
      }),
      opts.vars,
    );
    this.remember(response);
    return response;
  }

  /** The form token of the page just shown, as the hidden field carries it. */
  static csrfOf(html: string): string {
    const m = /name="csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error("no csrf field on the page");
    return m[1];
  }

  async formToken(path = "/login"): Promise<string> {
    return Browser.csrfOf(await (await this.get(path)).text());
  }

  /** Asks for a link by the form, as a person would. */
  async askLink(email: string, vars: Partial<Cloudflare.Env> = {}): Promise<Response> {
    const csrf = await this.formToken();
    return this.post("/login", { email, csrf }, { vars });
  }
}

export async function linkIn(mail: Sent): Promise<string> {
  const parsed = await PostalMime.parse(mail.raw);
  const m = /(https?:\/\/\S+\/login\/[A-Za-z0-9_-]{43})/.exec(parsed.text ?? "");
  if (!m) throw new Error(`no sign-in link in: ${parsed.text}`);
  return m[1];
}

/** Signs a browser in through the whole flow: form, mail, confirmation page, button. */
export async function signIn(browser: Browser, email: string): Promise<Response> {
  const before = sent.length;
  await browser.askLink(email);
  expect(sent.length).toBe(before + 1);
  const path = new URL(await linkIn(sent[sent.length - 1])).pathname;
  const csrf = Browser.csrfOf(await (await browser.get(path)).text());
  return browser.post(path, { csrf });
}
