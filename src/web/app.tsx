import { Hono } from "hono";
import type { Env } from "../env";

export const app = new Hono<{ Bindings: Env }>();

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
