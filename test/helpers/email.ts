// Email Routing as the tests play it: a ForwardableEmailMessage handed to the real handler.
import { env } from "cloudflare:workers";
import worker from "../../src/index";

export const ME = "you@example.com";
export const INBOX = "interviews@example.com";
export const CLOUDFLARE_PASS = `Authentication-Results: mx.cloudflare.net; dkim=pass header.d=example.com header.s=s1; spf=pass (mx.cloudflare.net: domain of ${ME} designates 192.0.2.1 as permitted sender) smtp.mailfrom=${ME}; dmarc=pass header.from=example.com\r\n`;

export interface Delivery {
  rejected: string[];
  replies: EmailMessage[];
}

function headerOf(raw: Uint8Array, name: string): string | null {
  const head = new TextDecoder().decode(raw.subarray(0, 65536)).split(/\r?\n\r?\n/)[0] ?? "";
  const m = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, "im").exec(head);
  return m ? m[1].replace(/\r?\n[ \t]/g, " ").trim() : null;
}

/** Delivers raw bytes to the handler as Email Routing would, and records what the handler did. */
export async function deliver(
  raw: Uint8Array | string,
  from = ME,
  to = INBOX,
  vars: Partial<Cloudflare.Env> = {},
): Promise<Delivery> {
  const bytes = typeof raw === "string" ? new TextEncoder().encode(raw) : raw;
  const done: Delivery = { rejected: [], replies: [] };
  const headers = new Headers();
  for (const name of ["message-id", "subject", "references", "auto-submitted"]) {
    const value = headerOf(bytes, name);
    if (value) headers.set(name, value);
  }
  const message: ForwardableEmailMessage = {
    from,
    to,
    raw: new Blob([bytes]).stream(),
    rawSize: bytes.byteLength,
    headers,
    setReject(reason) {
      done.rejected.push(reason);
    },
    async forward() {
      throw new Error("kabari never forwards");
    },
    async reply(reply) {
      done.replies.push(reply);
      return { messageId: "reply" };
    },
  };
  await worker.email(message, { ...env, ...vars });
  return done;
}

export function authenticated(raw: Uint8Array): Uint8Array {
  const head = new TextEncoder().encode(CLOUDFLARE_PASS);
  const out = new Uint8Array(head.length + raw.length);
  out.set(head);
  out.set(raw, head.length);
  return out;
}
