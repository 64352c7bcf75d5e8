import { accountById, type Db, database } from "../db/queries";
import { type ReplanJob, replanAll } from "../db/reminders";
import type { Env } from "../env";
import { forgetOldRawMail, rawMailDays } from "../mail/retention";
import type { SendMail } from "../mail/send";
import { type DigestJob, dueDigests } from "./due";
import { dueNudges, type NudgeJob, sendNudge } from "./nudge";
import { sendDigest } from "./send";

/** Queues accept at most 100 messages in one sendBatch call. */
const BATCH = 100;

// `now` comes from the event (controller.scheduledTime), never the clock: any moment can be played.
export async function onSchedule(now: Date, env: Env): Promise<number> {
  const db = database(env.DB);
  const jobs: (DigestJob | NudgeJob)[] = [
    ...(await dueDigests(db, now.getTime())),
    ...(await dueNudges(db, now.getTime())),
  ];
  for (let i = 0; i < jobs.length; i += BATCH) {
    await env.DIGEST_QUEUE.sendBatch(jobs.slice(i, i + BATCH).map((body) => ({ body })));
  }
  const forgotten = await forgetOldRawMail(db, env.RAW, now.getTime(), rawMailDays(env.RAW_MAIL_DAYS));
  console.log(
    "cron tick",
    now.toISOString(),
    `${jobs.length} jobs queued, ${forgotten} raw mails past keeping deleted`,
  );
  return jobs.length;
}

/** The next chunk of an account-wide replan; it queues the one after, if any. */
async function replanRest(db: Db, queue: Queue, job: ReplanJob): Promise<void> {
  const account = await accountById(db, job.accountId);
  // The account was deleted meanwhile: nothing is left to plan.
  if (account) await replanAll(db, queue, account, job.at, job.before);
}

/** Where the digest's links point: the Worker's own settings site. */
function settingsUrl(env: Env): string {
  return (env.PUBLIC_URL ?? "http://localhost:8787").replace(/\/+$/, "");
}

export async function consumeDigestBatch(batch: MessageBatch, env: Env, send: SendMail): Promise<void> {
  const db = database(env.DB);
  for (const message of batch.messages) {
    const job = message.body as DigestJob | NudgeJob | ReplanJob;
    if (job?.type !== "digest" && job?.type !== "nudge" && job?.type !== "replan") {
      // Not a job of ours: retrying it would only fill the dead-letter queue.
      console.log("queue: dropped a message that is not a digest job");
      message.ack();
      continue;
    }
    try {
      if (job.type === "replan") await replanRest(db, env.DIGEST_QUEUE, job);
      else if (job.type === "nudge")
        await sendNudge(db, job, { send, mailFrom: env.MAIL_FROM }, job.at ?? message.timestamp.getTime());
      else
        await sendDigest(
          db,
          job,
          {
            send,
            mailFrom: env.MAIL_FROM,
            settingsUrl: settingsUrl(env),
            linkSecret: env.ADMIN_TOKEN ?? null,
          },
          job.at ?? message.timestamp.getTime(),
        );
      message.ack();
    } catch (error) {
      console.log(`${job.type} for account ${job.accountId} failed: ${String(error).slice(0, 200)}`);
      message.retry({ delaySeconds: 60 * 2 ** Math.min(message.attempts, 5) });
    }
  }
}
