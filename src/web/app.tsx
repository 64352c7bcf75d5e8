import { Hono } from "hono";
import { except } from "hono/combine";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { database } from "../db/queries";
import { REREAD_CHUNK, rereadAccount } from "../mail/reread";
import { accountRoutes } from "./account";
import { actions } from "./actions";
import { addRoutes } from "./add";
import { applicationRoutes, todayPage } from "./applications";
import { type AuthDeps, authRoutes, Forbidden, publicUrl, signedInAccount, type WebEnv } from "./auth";
import { sameSecret } from "./crypto";
import { feedRoutes } from "./feed";
import { holidaysRoutes } from "./holidays";
import { messageRoutes } from "./messages";
import { pickLanguage } from "./page";
import { rulesRoutes } from "./rules";

export type WebDeps = AuthDeps;

/** The site; tests pass their own dependencies (a mail recorder), index.ts takes the defaults. */
export function createApp(deps: WebDeps = {}) {
  const app = new Hono<WebEnv>();

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: "no-referrer",
    }),
  );
  // The Origin check guards what a browser's cookies authorise. The digest's action links carry their own
  // signed single-use token and the admin command a bearer token: neither relies on ambient credentials.
  app.use(
    except(
      ["/a/*", "/admin/*"],
      csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || origin === publicUrl(c) }),
    ),
  );

  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      if (error.status === 403) return c.html(<Forbidden lang={pickLanguage(c)} />, 403);
      return error.getResponse();
    }
    console.error(error);
    return c.text("Internal Server Error", 500);
  });

  app.route("/", actions);
  app.route("/", authRoutes(deps));
  app.route("/", applicationRoutes());
  app.route("/", messageRoutes());
  app.route("/", rulesRoutes);
  app.route("/", holidaysRoutes);
  app.route("/", accountRoutes);
  app.route("/", feedRoutes);
  app.route("/", addRoutes);

  app.get("/", async (c) => {
    const account = await signedInAccount(c);
    if (account) return todayPage(c, account);
    return c.html(
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>kabari</title>
        </head>
        <body>
          <h1>kabari</h1>
          <p>kabari is running. Forward interview emails to {c.env.INBOUND_ADDRESS}.</p>
          <p>
            <a href="/login">Masuk / Sign in</a>
          </p>
        </body>
      </html>,
    );
  });

  app.get("/health", (c) => c.json({ ok: true }));

  // `npm run reread`: re-read stored mail with the current extractor. Off unless the ADMIN_TOKEN secret is set.
  app.post("/admin/reread", async (c) => {
    const token = c.env.ADMIN_TOKEN;
    const given = c.req.header("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
    if (!token) return c.json({ error: "admin commands are off: set the ADMIN_TOKEN secret" }, 403);
    if (!sameSecret(given, token)) return c.json({ error: "wrong or missing token" }, 401);
    const accountId = Number(c.req.query("account") ?? "1");
    if (!Number.isInteger(accountId) || accountId < 1)
      return c.json({ error: "account must be a positive integer" }, 400);
    const from = Number(c.req.query("from") ?? "0");
    if (!Number.isInteger(from) || from < 0) return c.json({ error: "from must be a whole number" }, 400);
    // A few messages a request (the Free plan's 50 D1 queries); `npm run reread` asks again from `next`.
    const summary = await rereadAccount(database(c.env.DB), c.env.RAW, accountId, Date.now(), {
      from,
      limit: REREAD_CHUNK,
    });
    return c.json(summary);
  });

  return app;
}

export const app = createApp();
