import { consumeDigestBatch, onSchedule } from "./digest/schedule";
import type { Env } from "./env";
import { receiveEmail } from "./mail/inbound";
import { app } from "./web/app";

export default {
  fetch: app.fetch,
  async email(message, env) {
    await receiveEmail(message, env);
  },
  async scheduled(controller, env) {
    await onSchedule(new Date(controller.scheduledTime), env);
  },
  async queue(batch, env) {
    await consumeDigestBatch(batch, env);
  },
} satisfies ExportedHandler<Env>;
