/** Mail kabari writes itself (digest, nudges, sign-in links) and how it leaves through send_email. */
import { EmailMessage } from "cloudflare:email";
import { createMimeMessage } from "mimetext/browser";
import { headerSafe } from "./reply";

/** Sends one raw MIME message; the handlers pass the send_email binding, tests pass a recorder. */
export type SendMail = (from: string, to: string, raw: string) => Promise<void>;

/** Sends through the send_email binding. */
export function sendWith(binding: SendEmail): SendMail {
  return async (from, to, raw) => {
    await binding.send(new EmailMessage(from, to, raw));
  };
}

export interface OutgoingMail {
  from: string;
  /** Always one of the account's own addresses: never an address taken from a stranger's mail. */
  to: string;
  subject: string;
  text: string;
  html?: string;
  now: number;
  headers?: Record<string, string>;
}

/** A MIME message from kabari: its own Message-ID and Date, marked as automatic so no one auto-replies to it. */
export function buildMail(m: OutgoingMail): string {
  const msg = createMimeMessage();
  msg.setSender({ addr: m.from, name: "kabari" });
  msg.setTo(m.to);
  msg.setSubject(headerSafe(m.subject, 150));
  msg.setHeader("Date", new Date(m.now).toUTCString());
  msg.setHeader("Message-ID", `<${crypto.randomUUID()}@${m.from.split("@")[1] ?? "kabari.invalid"}>`);
  msg.setHeader("Auto-Submitted", "auto-generated");
  for (const [name, value] of Object.entries(m.headers ?? {})) msg.setHeader(name, headerSafe(value, 300));
  msg.addMessage({ contentType: "text/plain", data: m.text });
  if (m.html) msg.addMessage({ contentType: "text/html", data: m.html });
  return msg.asRaw();
}
