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
const response = await fetch(`${url}/admin/reread?account=${encodeURIComponent(account)}`, {
  method: "POST",
  headers: { authorization: `Bearer ${token}` },
});
console.log(response.status, await response.text());
process.exit(response.ok ? 0 : 1);
