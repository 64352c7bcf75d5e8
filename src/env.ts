// Declared on Cloudflare.Env so that `env` from "cloudflare:workers" and "cloudflare:test" has the same type
// as the handlers' Env. Keep in step with wrangler.toml.
declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      /** Raw inbound messages, kept so a message is never lost even when parsing fails. */
      RAW: R2Bucket;
      DIGEST_QUEUE: Queue;
      /** Jobs to read messages that were too large to read on arrival. */
      INBOUND_QUEUE: Queue;
      MAIL: SendEmail;
      OWNER_EMAIL: string;
      INBOUND_ADDRESS: string;
      MAIL_FROM: string;
      DEFAULT_ZONE: string;
      DEFAULT_LANGUAGE: string;
      /** The Worker's public address, for links in the digest (e.g. https://kabari.you.workers.dev). */
      PUBLIC_URL?: string;
      /** "true" only under `npm run dev`: mail without Cloudflare's Authentication-Results is accepted by envelope. */
      LOCAL_DEV?: string;
      /** Days raw mail is kept in R2 before the cron deletes it (1–3650; 180 when unset). */
      RAW_MAIL_DAYS?: string;
      /** Secret for the admin commands (`npm run reread`); unset, they are off. */
      ADMIN_TOKEN?: string;
    }
  }
}

export type Env = Cloudflare.Env;
