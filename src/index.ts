import { consumeDigestBatch, onSchedule } from "./digest/schedule";
import type { Env } from "./env";
import { INBOUND_QUEUE, type ReadLater, readLater, receiveEmail } from "./mail/inbound";
import { sendWith } from "./mail/send";
import { app } from "./web/app";

// Only the default export here: workerd takes every named export of the entry module for an entrypoint.
export default {
  fetch: app.fetch,
  async email(message, env) {
    // An email event carries no time of its own: its arrival is now.
    await receiveEmail(message, env, Date.now());
  },
  async scheduled(controller, env) {
    await onSchedule(new Date(controller.scheduledTime), env);
  },
  async queue(batch, env) {
    if (batch.queue !== INBOUND_QUEUE) return consumeDigestBatch(batch, env, sendWith(env.MAIL));
    for (const message of batch.messages) {
      await readLater(env, message.body as ReadLater, message.timestamp.getTime());
      message.ack();
    }
  },
} satisfies ExportedHandler<Env>;
