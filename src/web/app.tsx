import { Hono } from "hono";
import { database } from "../db/queries";
import type { Env } from "../env";
import { rereadAccount } from "../mail/reread";
import { actions } from "./actions";

export const app = new Hono<{ Bindings: Env }>();

app.route("/", actions);

app.get("/", (c) =>
  c.html(
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>kabari</title>
      </head>
      <body>
        <h1>kabari</h1>
        <p>kabari is running. Forward interview emails to {c.env.INBOUND_ADDRESS}.</p>
      </body>
    </html>,
  ),
);

app.get("/health", (c) => c.json({ ok: true }));

/** Same length and same bytes, compared without an early exit. */
function sameSecret(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

// `npm run reread`: re-read stored mail with the current extractor. Off unless the ADMIN_TOKEN secret is set.
app.post("/admin/reread", async (c) => {
  const token = c.env.ADMIN_TOKEN;
  const given = c.req.header("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
  if (!token) return c.json({ error: "admin commands are off: set the ADMIN_TOKEN secret" }, 403);
  if (!sameSecret(given, token)) return c.json({ error: "wrong or missing token" }, 401);
  const accountId = Number(c.req.query("account") ?? "1");
  if (!Number.isInteger(accountId) || accountId < 1)
    return c.json({ error: "account must be a positive integer" }, 400);
  const summary = await rereadAccount(database(c.env.DB), c.env.RAW, accountId, Date.now());
  return c.json(summary);
});
