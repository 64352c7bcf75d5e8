import type { Env } from "../env";

// `now` comes from the event, never the clock, so later rules can be tested at any date.
export async function onSchedule(now: Date, _env: Env): Promise<void> {
  console.log("cron tick", now.toISOString());
}

// Nothing enqueues digest jobs yet; acking keeps a stray message from being retried into the DLQ.
export async function consumeDigestBatch(batch: MessageBatch, _env: Env): Promise<void> {
  for (const message of batch.messages) message.ack();
}
