// npm run reread -- [--url http://localhost:8787] [--account 1]
// Re-reads an account's stored mail with the current extractor (POST /admin/reread). The token is the
// Worker's ADMIN_TOKEN secret: from KABARI_ADMIN_TOKEN, else from .dev.vars (written by `npm run dev`).
import { existsSync, readFileSync } from "node:fs";

/** @param {string} name @param {string} fallback */
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const url = arg("url", "http://localhost:8787");
const account = arg("account", "1");
let token = process.env.KABARI_ADMIN_TOKEN;
if (!token && existsSync(".dev.vars")) {
  token = /^ADMIN_TOKEN\s*=\s*"?([^"\n]+)"?/m.exec(readFileSync(".dev.vars", "utf8"))?.[1];
}
if (!token) {
  console.error("no token: set KABARI_ADMIN_TOKEN (the Worker's ADMIN_TOKEN secret)");
  process.exit(2);
}
// The Worker reads a few messages a request (the Free plan's D1 limit) and says where to go on.
/** @type {Record<string, number>} */
const total = { read: 0, done: 0, review: 0, duplicate: 0, missing: 0 };
/** @type {number | null} */
let from = 0;
while (from !== null) {
  /** @type {Response} */
  const response = await fetch(`${url}/admin/reread?account=${encodeURIComponent(account)}&from=${from}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) {
    console.error(response.status, await response.text());
    process.exit(1);
  }
  /** @type {Record<string, number> & { next: number | null }} */
  const part = await response.json();
  for (const key of Object.keys(total)) total[key] += part[key] ?? 0;
  from = part.next;
}
console.log(JSON.stringify(total));
