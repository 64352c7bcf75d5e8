import { EmailMessage } from "cloudflare:email";
import type { SendMail } from "../digest/send";

/** Sends through the send_email binding. */
export function sendWith(binding: SendEmail): SendMail {
  return async (from, to, raw) => {
    await binding.send(new EmailMessage(from, to, raw));
  };
}
