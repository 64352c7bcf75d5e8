/** The digest's one-click actions: GET shows a confirmation page, its button POSTs and acts once. */

import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { accountById, applicationById, database } from "../db/queries";
import { actOnReminder, type ReminderAction } from "../db/reminders";
import { reminders, usedLinks } from "../db/schema";
import { stepName } from "../digest/compose";
import { type LinkClaim, readLink } from "../digest/links";
import type { Env } from "../env";
import { Page } from "./page";

export const actions = new Hono<{ Bindings: Env }>();

const WORDS = {
  sent: { id: "Tandai sudah dikirim", en: "Mark as sent" },
  snooze: { id: "Ingatkan besok", en: "Remind me tomorrow" },
  stop: { id: "Berhenti follow-up lamaran ini", en: "Stop following up this application" },
  done: { id: "Sudah dicatat.", en: "Done." },
  used: {
    id: "Tautan ini sudah dipakai atau kedaluwarsa.",
    en: "This link was already used or has expired.",
  },
};

async function claimOf(c: { env: Env; req: { param: (k: "token") => string } }, now: number) {
  const secret = c.env.ADMIN_TOKEN;
  return secret ? readLink(secret, c.req.param("token"), now) : null;
}

async function describe(env: Env, claim: LinkClaim) {
  const db = database(env.DB);
  const reminder = await db.query.reminders.findFirst({ where: eq(reminders.id, claim.reminderId) });
  const app = reminder ? await applicationById(db, reminder.applicationId) : undefined;
  const account = app ? await accountById(db, app.accountId) : undefined;
  return { db, reminder, app, account };
}

actions.get("/a/:token", async (c) => {
  const claim = await claimOf(c, Date.now());
  const found = claim && (await describe(c.env, claim));
  if (!claim || !found?.account)
    return c.html(
      <Page lang="en" title="kabari">
        {WORDS.used.en}
      </Page>,
      404,
    );
  const lang = found.account.language;
  const what = [found.app?.company, found.app?.position].filter(Boolean).join(" — ");
  // Which step the button acts on, in the person's words: a digest lists several.
  const step = found.reminder ? stepName(found.reminder.kind, lang) : "";
  return c.html(
    <Page lang={lang} title="kabari">
      <p>
        <strong class="step">{step}</strong>
        {what ? `: ${what}` : ""}
      </p>
      <form method="post">
        <button type="submit" style="font-size:1.1rem;padding:.6rem 1rem">
          {WORDS[claim.action][lang]}
        </button>
      </form>
    </Page>,
  );
});

actions.post("/a/:token", async (c) => {
  const now = Date.now();
  const claim = await claimOf(c, now);
  const found = claim && (await describe(c.env, claim));
  if (!claim || !found?.account || !found.reminder)
    return c.html(
      <Page lang="en" title="kabari">
        {WORDS.used.en}
      </Page>,
      404,
    );
  const lang = found.account.language;
  // Single use: the first POST records the nonce; a second finds it taken.
  const [fresh] = await found.db
    .insert(usedLinks)
    .values({ nonce: claim.nonce, usedAt: now })
    .onConflictDoNothing()
    .returning();
  if (!fresh)
    return c.html(
      <Page lang={lang} title="kabari">
        {WORDS.used[lang]}
      </Page>,
      410,
    );
  const act: ReminderAction =
    claim.action === "sent"
      ? { action: "done" }
      : claim.action === "snooze"
        ? { action: "snooze", until: now + 86400000 }
        : { action: "stop" };
  await actOnReminder(found.db, found.account, claim.reminderId, act, now);
  return c.html(
    <Page lang={lang} title="kabari">
      {WORDS.done[lang]}
    </Page>,
  );
});
